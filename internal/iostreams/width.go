package iostreams

import (
	"os"

	"golang.org/x/term"
)

// DefaultWidth is the width tables and text are laid out for when standard
// output is not a terminal (a file, a pipe, a test) or its size is unknown:
// the width of a classic terminal, which most readers and diffs show whole.
const DefaultWidth = 80

// TerminalWidth is how many columns the output may use: the width of the
// terminal when standard output is one, else DefaultWidth. A width set with
// SetTerminalWidth wins over both.
//
// The size is read from the process's standard output itself rather than
// from Out, so that it stays the terminal's when Out is a pager's pipe.
func (s *IOStreams) TerminalWidth() int {
	if s.width > 0 {
		return s.width
	}
	if !s.outTTY {
		return DefaultWidth
	}
	w, _, err := term.GetSize(int(os.Stdout.Fd()))
	if err != nil || w <= 0 {
		return DefaultWidth
	}
	return w
}

// SetTerminalWidth fixes the width TerminalWidth reports, terminal or not
// (tests use it to lay output out for a given width); 0 goes back to asking
// the terminal.
func (s *IOStreams) SetTerminalWidth(n int) { s.width = max(n, 0) }
