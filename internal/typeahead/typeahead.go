// Package typeahead keeps the keys typed ahead of a huh form. huh moves
// the focus to the next field with a message of its own, sent after the key
// that asked for it (enter, tab); keys that arrive in the meantime (a
// paste, a quick typist, a burst over a slow link) went to the field being
// left: "Priya" typed after an enter became "P" at the end of the previous
// answer and "riya" in the next. Keys holds them until the move is made,
// then applies them in order, each to the field it was typed for.
//
// Keys is shared by the models that show huh forms: cop assess's
// questionnaire (a page a form, with keys of its own) and Form, a plain
// form as a Bubble Tea model, for cop plan.
package typeahead

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// SettleTimeout bounds how long keys typed ahead wait for a move that does
// not come (an enter on a select's filter that matches nothing): they are
// then applied as they stand rather than held for ever. It is a safety
// net, long enough that a busy machine never reaches it on a move that
// does come (that takes microseconds).
const SettleTimeout = time.Second

// Target is the model Keys works for: one that shows one huh form at a
// time and gives it the keys.
type Target interface {
	// Form is the form on the screen now. A model that moves between
	// forms (pages) replaces it, and a new form ends a move as a new
	// field does.
	Form() *huh.Form
	// Fields are the form's fields in order, from the first field of its
	// first group to the last field of its last: huh's tab does not move
	// from the last, nor shift+tab from the first.
	Fields() []huh.Field
	// Intercept is offered each key (or paste) first, when no move is
	// under way; it reports whether it handled the key itself, in which
	// case the form does not see it.
	Intercept(msg tea.Msg) (tea.Cmd, bool)
	// ToForm gives a key (or paste) to the form, and acts on the result
	// (a form completed).
	ToForm(msg tea.Msg) tea.Cmd
}

// Keys is the queue of keys typed ahead, and the move they wait for. The
// zero value is ready to use.
type Keys struct {
	queue []tea.Msg
	// moving is set while a move asked for by a key is under way: from
	// field fromField of form from.
	moving    bool
	from      *huh.Form
	fromField huh.Field
	seq       int
}

// settled is sent when SettleTimeout has passed since move seq was asked
// for.
type settled struct{ seq int }

// Update handles the messages that are the queue's: a key or paste (held
// while a move is under way, otherwise given to t) and the end of a wait.
// It reports whether msg was one of them; any other message the caller
// gives to its form, then calls Check.
func (k *Keys) Update(t Target, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if k.moving {
			k.queue = append(k.queue, msg)
			return nil, true
		}
		return k.key(t, msg), true
	case settled:
		if k.moving && msg.seq == k.seq {
			k.moving = false
			return k.flush(t), true
		}
		return nil, true
	}
	return nil, false
}

// Check is called after a message other than a key went to the form: when
// it made the move under way (the focus left the field, or the form was
// replaced), the keys typed ahead are applied.
func (k *Keys) Check(t Target) tea.Cmd {
	if k.moving && (t.Form() != k.from || t.Form().GetFocusedField() != k.fromField) {
		k.moving = false
		return k.flush(t)
	}
	return nil
}

// Drop forgets the keys typed ahead: the run is ending, or the model
// moved somewhere they were not typed for.
func (k *Keys) Drop() { k.queue = nil }

// flush applies the keys typed ahead, in order, until one starts a move.
func (k *Keys) flush(t Target) tea.Cmd {
	var cmds []tea.Cmd
	for len(k.queue) > 0 && !k.moving {
		msg := k.queue[0]
		k.queue = k.queue[1:]
		cmds = append(cmds, k.key(t, msg))
	}
	return tea.Batch(cmds...)
}

// key handles one key (or paste) when no move is under way, and starts
// holding the keys that follow when it asks huh for a move not yet made.
func (k *Keys) key(t Target, msg tea.Msg) tea.Cmd {
	if cmd, ok := t.Intercept(msg); ok {
		return cmd
	}
	form := t.Form()
	field := form.GetFocusedField()
	cmd := t.ToForm(msg)
	// A field whose value is refused (an error under it) stays.
	if t.Form() == form && form.GetFocusedField() == field && field.Error() == nil && moves(msg, field, t.Fields()) {
		k.moving, k.from, k.fromField = true, form, field
		k.seq++
		seq := k.seq
		cmd = tea.Batch(cmd, tea.Tick(SettleTimeout, func(time.Time) tea.Msg { return settled{seq} }))
	}
	return cmd
}

// moves reports whether a key just given to the form asks huh to move to
// another field, as huh's key map has it for inputs, texts' tab, selects
// and confirms: enter always (on the last field it submits the form), tab
// except on the last field, shift+tab except on the first.
func moves(msg tea.Msg, focused huh.Field, fields []huh.Field) bool {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	at := -1
	for i, f := range fields {
		if f == focused {
			at = i
		}
	}
	switch key.String() {
	case "enter":
		return true
	case "tab":
		return at < len(fields)-1
	case "shift+tab":
		return at > 0
	}
	return false
}
