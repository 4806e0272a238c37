//go:build linux || darwin

package iostreams

import (
	"os"
	"testing"

	"github.com/creack/pty"
)

// TestTerminalWidthOfAPseudoTerminal gives the process a standard output
// that is a 50-column pseudo-terminal, as a person's terminal is, and reads
// the width back through System.
func TestTerminalWidthOfAPseudoTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Rows: 24, Cols: 50}); err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = tty
	defer func() { os.Stdout = stdout }()

	ios := System()
	if !ios.IsStdoutTTY() {
		t.Fatal("a pseudo-terminal is not taken for a terminal")
	}
	if got := ios.TerminalWidth(); got != 50 {
		t.Errorf("TerminalWidth = %d, want 50", got)
	}
	// Output sent to a pipe (as a pager's) is still laid out for the terminal.
	ios.Out = os.Stderr
	if got := ios.TerminalWidth(); got != 50 {
		t.Errorf("with Out replaced: TerminalWidth = %d, want 50", got)
	}
	ios.SetTerminalWidth(120)
	if got := ios.TerminalWidth(); got != 120 {
		t.Errorf("after SetTerminalWidth(120): TerminalWidth = %d, want 120", got)
	}
}
