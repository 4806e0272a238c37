package factory

import (
	"errors"
	"fmt"
	"io"
	"testing"

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
