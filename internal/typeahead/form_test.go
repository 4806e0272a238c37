package typeahead

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// runKeys runs form, wrapped, on keys written in one write to a pipe, as
// a paste or a burst over a slow link arrives, and returns its error.
func runKeys(t *testing.T, form *huh.Form, fields []huh.Field, keys string) error {
	t.Helper()
	r, w := io.Pipe()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- NewForm(form, fields...).Run(ctx, tea.WithInput(r), tea.WithOutput(io.Discard),
			tea.WithoutSignalHandler(), tea.WithWindowSize(80, 24))
	}()
	if _, err := w.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
	err := <-done
	w.Close()
	if ctx.Err() != nil {
		t.Fatalf("the form did not finish on %q", keys)
	}
	return err
}

func TestFormKeysTypedAhead(t *testing.T) {
	var what, owner, due string
	fields := []huh.Field{
		huh.NewNote().Title("A note, skipped"),
		huh.NewInput().Title("What").Value(&what).Validate(func(v string) error {
			if v == "" {
				return errors.New("say what")
			}
			return nil
		}),
		huh.NewInput().Title("Who").Value(&owner),
		huh.NewInput().Title("Due").Value(&due),
	}
	form := huh.NewForm(huh.NewGroup(fields...))
	// The first enter is refused (nothing typed): the field stays, and
	// the keys after it go to it. Each later enter moves on, the last
	// submits.
	err := runKeys(t, form, fields, "\rAgree the next three months\rPriya Raman\r2027-01-31\r")
	if err != nil {
		t.Fatal(err)
	}
	if what != "Agree the next three months" || owner != "Priya Raman" || due != "2027-01-31" {
		t.Errorf("what %q, owner %q, due %q; want each as typed", what, owner, due)
	}
}

func TestFormTabAcrossGroups(t *testing.T) {
	var a, b, c string
	fa, fb, fc := huh.NewInput().Value(&a), huh.NewInput().Value(&b), huh.NewInput().Value(&c)
	form := huh.NewForm(huh.NewGroup(fa, fb), huh.NewGroup(fc))
	// tab moves to the next field, and from the last of a group to the
	// next group; enter on the last field submits.
	if err := runKeys(t, form, []huh.Field{fa, fb, fc}, "one\ttwo\tthree\r"); err != nil {
		t.Fatal(err)
	}
	if a != "one" || b != "two" || c != "three" {
		t.Errorf("got %q, %q, %q; want one, two, three", a, b, c)
	}
}

func TestFormCtrlC(t *testing.T) {
	var a, b string
	fa, fb := huh.NewInput().Value(&a), huh.NewInput().Value(&b)
	form := huh.NewForm(huh.NewGroup(fa, fb))
	// Ctrl-C typed ahead of a move is held, then stops the form.
	err := runKeys(t, form, []huh.Field{fa, fb}, "one\r\x03")
	if !errors.Is(err, huh.ErrUserAborted) {
		t.Fatalf("error %v, want huh.ErrUserAborted", err)
	}
	if a != "one" || b != "" {
		t.Errorf("got %q, %q; want one and nothing", a, b)
	}
}
