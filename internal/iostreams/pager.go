package iostreams

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// ErrClosedPager is returned by writes to standard output after the user
// quit the pager before the end of the output: not a failure, so cop exits
// 0 without a message, as git and gh do.
var ErrClosedPager = errors.New("the pager was closed")

// DefaultPager is the pager used when neither COP_PAGER nor PAGER is set.
// It runs with LESS=FRX unless LESS is set: quit when the output fits on one
// screen (-F), let colours through (-R), and leave the output on the screen
// (-X), as the GitHub CLI and git run it.
const DefaultPager = "less"

// pager is a running pager process and the stream it replaced.
type pager struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   io.Writer
}

// PagerCommand is the pager command line for long output: COP_PAGER when
// it is set (even empty, which turns paging off), else PAGER, else less.
func (s *IOStreams) PagerCommand() string {
	if v, ok := s.LookupEnv("COP_PAGER"); ok {
		return v
	}
	if v := s.Getenv("PAGER"); v != "" {
		return v
	}
	return DefaultPager
}

// StartPager sends standard output through the pager until StopPager, when
// standard output is a terminal. It does nothing when standard output is
// not a terminal, when the pager command is empty or cat, or when the
// pager program cannot be found or started: the output is then written
// directly, which is never worse than before. The command line is split
// on spaces (no shell quoting).
func (s *IOStreams) StartPager() {
	if !s.outTTY || s.pager != nil {
		return
	}
	args := strings.Fields(s.PagerCommand())
	if len(args) == 0 || args[0] == "cat" {
		return
	}
	exe, err := exec.LookPath(args[0])
	if err != nil {
		return
	}
	cmd := exec.Command(exe, args[1:]...)
	cmd.Env = os.Environ()
	if _, ok := s.LookupEnv("LESS"); !ok {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if _, ok := s.LookupEnv("LV"); !ok {
		cmd.Env = append(cmd.Env, "LV=-c")
	}
	cmd.Stdout, cmd.Stderr = s.Out, s.ErrOut
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return
	}
	if err := cmd.Start(); err != nil {
		return
	}
	s.pager = &pager{cmd: cmd, stdin: stdin, out: s.Out}
	s.Out = &pagerWriter{stdin}
}

// StopPager ends the input of the pager, waits for the user to quit it, and
// gives standard output back. It does nothing when no pager runs.
func (s *IOStreams) StopPager() {
	if s.pager == nil {
		return
	}
	_ = s.pager.stdin.Close()
	_ = s.pager.cmd.Wait()
	s.Out = s.pager.out
	s.pager = nil
}

// pagerWriter turns the error of a write to a pager the user has quit into
// ErrClosedPager.
type pagerWriter struct{ w io.Writer }

// Write writes to the pager.
func (p *pagerWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if err != nil && (errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)) {
		return n, ErrClosedPager
	}
	return n, err
}
