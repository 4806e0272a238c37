// Package iostreams holds the three standard streams and the decisions that
// depend on them: whether each is a terminal, and whether colour and Unicode
// may be used. Nothing else in cop touches os.Stdin, os.Stdout or os.Stderr.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
)

// IOStreams is the set of streams a command reads from and writes to.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	getenv                func(string) string
	// lookupenv tells an empty variable from an unset one (COP_PAGER="").
	lookupenv func(string) (string, bool)
	// colorMode is the --color choice: auto (the default), always or never.
	colorMode string
	// pager is the running pager, if any; see StartPager.
	pager *pager
	width int // set by SetTerminalWidth; 0 asks the terminal
}

// System returns the process's own streams, with terminal detection.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		inTTY:     isTerminal(os.Stdin),
		outTTY:    isTerminal(os.Stdout),
		errTTY:    isTerminal(os.Stderr),
		getenv:    os.Getenv,
		lookupenv: os.LookupEnv,
	}
}

func isTerminal(f *os.File) bool {
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// Test returns streams backed by buffers, none of them a terminal, with an
// empty environment; tests flip the terminal flags and set variables as they need.
func Test() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	ios = &IOStreams{In: in, Out: out, ErrOut: errOut}
	ios.SetEnvMap(map[string]string{})
	return ios, in, out, errOut
}

// SetEnv replaces how the streams read environment variables (tests use it).
// An empty value then counts as unset.
func (s *IOStreams) SetEnv(getenv func(string) string) { s.getenv, s.lookupenv = getenv, nil }

// SetEnvMap makes env the whole environment the streams see (tests use
// it); a key present with an empty value is set, as in a real environment.
func (s *IOStreams) SetEnvMap(env map[string]string) {
	s.getenv = func(k string) string { return env[k] }
	s.lookupenv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

// LookupEnv reads an environment variable and says whether it is set.
func (s *IOStreams) LookupEnv(key string) (string, bool) {
	if s.lookupenv == nil {
		v := s.Getenv(key)
		return v, v != ""
	}
	return s.lookupenv(key)
}

// Getenv reads an environment variable through the streams' environment.
func (s *IOStreams) Getenv(key string) string {
	if s.getenv == nil {
		return ""
	}
	return s.getenv(key)
}

// SetStdinTTY marks standard input as a terminal or not (tests use it).
func (s *IOStreams) SetStdinTTY(v bool) { s.inTTY = v }

// SetStdoutTTY marks standard output as a terminal or not (tests use it).
func (s *IOStreams) SetStdoutTTY(v bool) { s.outTTY = v }

// SetStderrTTY marks standard error as a terminal or not (tests use it).
func (s *IOStreams) SetStderrTTY(v bool) { s.errTTY = v }

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.inTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// ColorEnabled reports whether standard output may carry colour; see
// colorFor for the order of the rules.
func (s *IOStreams) ColorEnabled() bool { return s.colorFor(s.outTTY) }

// ColorEnabledStderr is ColorEnabled for standard error, where forms and
// messages are drawn.
func (s *IOStreams) ColorEnabledStderr() bool { return s.colorFor(s.errTTY) }

// UnicodeEnabled reports whether block characters may be drawn. It is false
// on TERM=dumb or TERM=linux, and when the locale (LC_ALL, then LC_CTYPE, then
// LANG, the first one set) names a character set other than UTF-8.
func (s *IOStreams) UnicodeEnabled() bool {
	switch s.Getenv("TERM") {
	case "dumb", "linux":
		return false
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := s.Getenv(k)
		if v == "" {
			continue
		}
		u := strings.ToUpper(v)
		return strings.Contains(u, "UTF-8") || strings.Contains(u, "UTF8")
	}
	return true
}
