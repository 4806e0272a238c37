package survey

import (
	"reflect"
	"testing"

	"github.com/cophealth/cop/internal/model"
)

func TestNotesBoxHoldsIndicatorNotes(t *testing.T) {
	fw := testFramework(t)
	d := fw.Dimension("plan") // Written plan (p1), Shared goals (p2)
	cases := []struct {
		text    string
		dimNote string
		inds    map[string]string
	}{
		{"Good start", "Good start", nil},
		// A titled line is the indicator's note; case and spacing do not
		// matter; the id works too; two lines for one indicator are joined.
		{"Good start\nWritten plan: agreed in March\nshared  GOALS: not yet\np1: reviewed in May",
			"Good start", map[string]string{"p1": "agreed in March reviewed in May", "p2": "not yet"}},
		// Not a title, or nothing after the colon: the dimension's note.
		{"Budget: none\nWritten plan:", "Budget: none\nWritten plan:", nil},
		{"Written plan: only this", "", map[string]string{"p1": "only this"}},
	}
	for _, c := range cases {
		dim, inds := splitNotes(d, c.text)
		if dim != c.dimNote || !reflect.DeepEqual(inds, c.inds) {
			t.Errorf("%q: %q %v, want %q %v", c.text, dim, inds, c.dimNote, c.inds)
		}
	}
	// What the box shows reads back to the same notes.
	r := &model.Response{}
	setNotes(r, d, "Good start\nWritten plan: agreed in March")
	if got := composeNotes(d, r); got != "Good start\nWritten plan: agreed in March" {
		t.Errorf("composed %q", got)
	}
	if r.Notes["plan"] != "Good start" || r.IndicatorNotes["plan"]["p1"] != "agreed in March" {
		t.Errorf("response notes %v, indicator notes %v", r.Notes, r.IndicatorNotes)
	}
	// An empty box clears both.
	setNotes(r, d, "")
	if len(r.Notes) != 0 || len(r.IndicatorNotes) != 0 {
		t.Errorf("after clearing: %v %v", r.Notes, r.IndicatorNotes)
	}
}

// TestTerminalIndicatorNote types an indicator's note on its own line of the
// notes box (alt+enter starts a line) and finds it in the response.
func TestTerminalIndicatorNote(t *testing.T) {
	f := newFixture(t, Who{}, false)
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+down+enter, "question 2 of 3")
	r.press(down+enter, "question 3 of 3")
	r.press("Good start"+"\x1b\r"+"Written plan: agreed in March"+enter, "page 2 of 3 · question 1 of 2")
	r.press(enter, "question 2 of 2")
	r.press(enter, "page 3 of 3 · question 1 of 1")
	r.press(enter, "")
	if outcome, err := r.wait(); err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved", outcome, err)
	}
	resp := f.a.Responses[0]
	if resp.Notes["plan"] != "Good start" || resp.IndicatorNotes["plan"]["p1"] != "agreed in March" {
		t.Errorf("notes %v, indicator notes %v", resp.Notes, resp.IndicatorNotes)
	}
}

// TestNotesTitleWithColon: a custom framework's title may hold a colon
// ("Plan: written"). The line the box shows for its note, "Plan: written:
// agreed", must read back as that indicator's note, not as the dimension's
// (nor as the note of "Plan", whose title is its start).
func TestNotesTitleWithColon(t *testing.T) {
	d := &model.Dimension{ID: "d", Indicators: []model.Indicator{
		{ID: "i1", Title: "Plan: written"}, {ID: "i2", Title: "Plan"},
	}}
	r := &model.Response{IndicatorNotes: map[string]map[string]string{"d": {"i1": "agreed", "i2": "none yet"}}}
	box := composeNotes(d, r) // "Plan: written: agreed\nPlan: none yet"
	setNotes(r, d, box)
	if len(r.Notes) != 0 || r.IndicatorNotes["d"]["i1"] != "agreed" || r.IndicatorNotes["d"]["i2"] != "none yet" {
		t.Errorf("box %q read back as notes %v, indicator notes %v", box, r.Notes, r.IndicatorNotes)
	}
}
