package factory

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cophealth/cop/internal/atomicfile"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/iostreams"
)

// TestWriteOutputPagerQuit: the user quitting the pager part way is not the
// command's failure, so WriteOutput gives nil and the command's own outcome
// decides the exit status (a failed cop check still exits 1); any other
// error of the writer comes back as it was.
func TestWriteOutputPagerQuit(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := New(ios)
	quit := fmt.Errorf("writing the table: %w", iostreams.ErrClosedPager)
	if err := f.WriteOutput("", func(io.Writer) error { return quit }); err != nil {
		t.Errorf("pager quit: WriteOutput = %v, want nil", err)
	}
	other := errors.New("disk full")
	if err := f.WriteOutput("-", func(io.Writer) error { return other }); !errors.Is(err, other) {
		t.Errorf("other error: WriteOutput = %v, want %v", err, other)
	}
}

// TestWriteFile: a new file is created; an existing one is left as it was
// unless replace is set, with a usage error (exit 2) naming it and saying
// what to do.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.yaml")
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	read := func() string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if err := WriteFile(path, false, "pass --force", text("one")); err != nil || read() != "one" {
		t.Fatalf("new file: %v, holds %q", err, read())
	}
	err := WriteFile(path, false, "pass --force", text("two"))
	if err == nil || err.Error() != path+" already exists; pass --force" ||
		exitcode.Code(err) != exitcode.Invalid || !errors.Is(err, atomicfile.ErrExists) || read() != "one" {
		t.Errorf("existing file: %v (exit %d), holds %q", err, exitcode.Code(err), read())
	}
	if err := WriteFile(path, true, "pass --force", text("three")); err != nil || read() != "three" {
		t.Errorf("replace: %v, holds %q", err, read())
	}
}
