package iostreams

import (
	"fmt"
	"slices"
	"strings"
)

// ColorModes are the values of --color.
var ColorModes = []string{"auto", "always", "never"}

// SetColorMode records the --color choice: "always" and "never" decide
// alone; "auto" (the default) leaves it to the environment and the terminal.
func (s *IOStreams) SetColorMode(mode string) error {
	if !slices.Contains(ColorModes, mode) {
		return fmt.Errorf("%q is not one of %s", mode, strings.Join(ColorModes, ", "))
	}
	s.colorMode = mode
	return nil
}

// ColorMode returns the --color choice ("auto" when none was made).
func (s *IOStreams) ColorMode() string {
	if s.colorMode == "" {
		return "auto"
	}
	return s.colorMode
}

// colorFor decides colour for a stream that is a terminal or not. The rules,
// first match wins (as `cop help environment` documents):
//
//  1. --color always or --color never: a choice made for this one run, on
//     the command line, which no-color.org lets override NO_COLOR;
//  2. NO_COLOR set to anything but "" (no-color.org): no colour, even with
//     CLICOLOR_FORCE set, since the contract (product.md) says colour is
//     never used with NO_COLOR;
//  3. CLICOLOR_FORCE set to anything but "" or "0": colour, even through a
//     pipe (cop compare | less -R);
//  4. CLICOLOR=0 or TERM=dumb: no colour;
//  5. otherwise colour only on a terminal.
func (s *IOStreams) colorFor(tty bool) bool {
	switch s.colorMode {
	case "always":
		return true
	case "never":
		return false
	}
	if s.Getenv("NO_COLOR") != "" {
		return false
	}
	if v := s.Getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if s.Getenv("CLICOLOR") == "0" || s.Getenv("TERM") == "dumb" {
		return false
	}
	return tty
}
