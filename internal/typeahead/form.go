package typeahead

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// Form is a huh form as a Bubble Tea model that keeps the keys typed ahead
// (see Keys): what huh's own Run does, less the lost keys.
type Form struct {
	form   *huh.Form
	fields []huh.Field
	keys   Keys
}

// NewForm wraps form, whose fields, in order across its groups, are fields.
// Set the form's theme, key map and the like before.
func NewForm(form *huh.Form, fields ...huh.Field) *Form {
	return &Form{form: form, fields: fields}
}

// Run shows the form until it is completed, as huh's RunWithContext does:
// Ctrl-C returns huh.ErrUserAborted; ctx ending returns huh.ErrTimeout.
// The program options are the caller's (input, output, signals), given
// once; the context is added here.
func (f *Form) Run(ctx context.Context, opts ...tea.ProgramOption) error {
	f.form.SubmitCmd = tea.Quit
	f.form.CancelCmd = tea.Interrupt
	p := tea.NewProgram(f, append(opts[:len(opts):len(opts)], tea.WithContext(ctx))...)
	_, err := p.Run()
	switch {
	case f.form.State == huh.StateAborted || errors.Is(err, tea.ErrInterrupted):
		return huh.ErrUserAborted
	case errors.Is(err, tea.ErrProgramKilled):
		return huh.ErrTimeout
	case err != nil:
		return fmt.Errorf("huh: %w", err)
	}
	return nil
}

// Init starts the form.
func (f *Form) Init() tea.Cmd { return f.form.Init() }

// Update gives msg to the form, holding the keys typed ahead of a move.
func (f *Form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := f.keys.Update(f, msg); ok {
		return f, cmd
	}
	cmd := f.ToForm(msg)
	return f, tea.Batch(cmd, f.keys.Check(f))
}

// View draws the form; nothing once it is done, so that it leaves the
// screen to what follows.
func (f *Form) View() tea.View {
	v := tea.NewView(f.form.View())
	v.ReportFocus = true // as huh's own Run asks
	return v
}

// Form is the wrapped form (Target).
func (f *Form) Form() *huh.Form { return f.form }

// Fields are the form's fields in order (Target).
func (f *Form) Fields() []huh.Field { return f.fields }

// Intercept keeps no key: the form has them all (Target).
func (f *Form) Intercept(tea.Msg) (tea.Cmd, bool) { return nil, false }

// ToForm gives msg to the form (Target). Once the form is completed or
// aborted, the keys still held are for nothing.
func (f *Form) ToForm(msg tea.Msg) tea.Cmd {
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if f.form.State != huh.StateNormal {
		f.keys.Drop()
	}
	return cmd
}
