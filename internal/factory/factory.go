// Package factory holds what every command needs from the world outside it:
// the streams, the clock, and the way output files are written. Tests build
// one with fake streams and a fixed clock.
package factory

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cophealth/cop/internal/atomicfile"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/iostreams"
)

// Factory is passed to every command constructor.
type Factory struct {
	IO  *iostreams.IOStreams
	Now func() time.Time
}

// New returns a factory over the given streams. Its clock is the real one,
// unless COP_NOW holds a date (YYYY-MM-DD) or an RFC 3339 time: then that is
// "now", for reproducible runs, demos and tests.
func New(ios *iostreams.IOStreams) *Factory {
	f := &Factory{IO: ios, Now: time.Now}
	if v := ios.Getenv("COP_NOW"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			f.Now = func() time.Time { return t }
		} else if t, err := time.ParseInLocation(time.DateOnly, v, time.Local); err == nil {
			f.Now = func() time.Time { return t }
		} else {
			fmt.Fprintf(ios.ErrOut, "warning: COP_NOW=%q is not YYYY-MM-DD or an RFC 3339 time; using the real clock\n", v)
		}
	}
	return f
}

// Interruptible returns a context that is cancelled when the user presses
// Ctrl-C (SIGINT), the terminal closes (SIGHUP) or the process is asked to
// stop (SIGTERM), for a command that must keep its work before it exits
// (then it returns context.Canceled, and cop exits 130). Call stop when done.
// Commands that do not need it leave the default: the signal ends the process.
//
// The command that asks for it owns these signals: no library beside it
// may install a handler of its own (two handlers raced, and the
// questionnaire froze). A signal the process was started with ignored (SIGHUP
// under nohup) stays ignored: listening to it would take that away.
func (f *Factory) Interruptible(parent context.Context) (ctx context.Context, stop context.CancelFunc) {
	var sigs []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGHUP, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	return signal.NotifyContext(parent, sigs...)
}

// WriteOutput sends what write produces to standard output, or, when path
// is not empty, atomically to that file. On a terminal, standard output goes
// through the pager (COP_PAGER, PAGER, less -FRX; see IOStreams.StartPager),
// which quits at once when the output fits on the screen. A user who quits
// the pager before the end has stopped reading, not made the command fail:
// WriteOutput then returns nil, so that the command's exit status is still
// the one its outcome calls for (cop check exits 1 on a failed rule, not 0).
func (f *Factory) WriteOutput(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		f.IO.StartPager()
		defer f.IO.StopPager()
		if err := write(f.IO.Out); err != nil && !errors.Is(err, iostreams.ErrClosedPager) {
			return err
		}
		return nil
	}
	return atomicfile.Write(path, write)
}

// WriteFile writes what write produces atomically to path, the file named
// by -o or a command's own choice. An existing file is replaced only when
// replace is true (--force); otherwise it is left as it was, nothing is
// written, and the error, a usage error (exit status 2), reads "PATH already
// exists; " then ifExists, which tells the user what to do instead, and
// wraps atomicfile.ErrExists. One function for every command that writes a
// file, so that they refuse alike.
func WriteFile(path string, replace bool, ifExists string, write func(io.Writer) error) error {
	if replace {
		return atomicfile.Write(path, write)
	}
	err := atomicfile.Create(path, write)
	if errors.Is(err, atomicfile.ErrExists) {
		return exitcode.Usage(existsError(path + " already exists; " + ifExists))
	}
	return err
}

// existsError is WriteFile's refusal: its message is the whole of what the
// user reads, and errors.Is finds atomicfile.ErrExists behind it.
type existsError string

func (e existsError) Error() string { return string(e) }

func (e existsError) Unwrap() error { return atomicfile.ErrExists }
