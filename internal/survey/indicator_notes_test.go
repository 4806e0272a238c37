package survey

import (
	"reflect"
	"strings"
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
	setNotes(r, d, "", "Good start\nWritten plan: agreed in March")
	if got := composeNotes(d, r); got != "Good start\nWritten plan: agreed in March" {
		t.Errorf("composed %q", got)
	}
	if r.Notes["plan"] != "Good start" || r.IndicatorNotes["plan"]["p1"] != "agreed in March" {
		t.Errorf("response notes %v, indicator notes %v", r.Notes, r.IndicatorNotes)
	}
	// An empty box clears both.
	setNotes(r, d, composeNotes(d, r), "")
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
	setNotes(r, d, box, box)
	if len(r.Notes) != 0 || r.IndicatorNotes["d"]["i1"] != "agreed" || r.IndicatorNotes["d"]["i2"] != "none yet" {
		t.Errorf("box %q read back as notes %v, indicator notes %v", box, r.Notes, r.IndicatorNotes)
	}
}

// prefillNotes gives the first response notes written before this run (a
// resumed draft, or a file from cop form): a dimension note with a line that
// reads like an indicator's, and an indicator note of two lines.
func prefillNotes(r *model.Response) {
	r.Notes = map[string]string{"plan": "Good start\nWritten plan: see the wiki"}
	r.IndicatorNotes = map[string]map[string]string{"plan": {"p1": "agreed in March\nreviewed in May", "p2": "not yet"}}
}

// The terminal box: notes the user left as they were keep their stored text
// exactly, even when the box could not show them as stored (a line break in
// an indicator's note, a titled line in the dimension's note).
func TestSetNotesKeepsWhatWasNotEdited(t *testing.T) {
	d := testFramework(t).Dimension("plan")
	wantInds := map[string]string{"p1": "agreed in March\nreviewed in May", "p2": "not yet"}

	r := &model.Response{}
	prefillNotes(r)
	shown := composeNotes(d, r)
	// shown: "Good start\nWritten plan: see the wiki\nWritten plan: agreed in March reviewed in May\nShared goals: not yet"
	setNotes(r, d, shown, shown)
	if r.Notes["plan"] != "Good start\nWritten plan: see the wiki" || !reflect.DeepEqual(r.IndicatorNotes["plan"], wantInds) {
		t.Errorf("unchanged box: notes %q, indicator notes %q", r.Notes, r.IndicatorNotes)
	}

	// Only Shared goals' line edited: its note changes, the rest stays.
	r = &model.Response{}
	prefillNotes(r)
	shown = composeNotes(d, r)
	setNotes(r, d, shown, strings.Replace(shown, "Shared goals: not yet", "Shared goals: set in June", 1))
	if r.Notes["plan"] != "Good start\nWritten plan: see the wiki" || r.IndicatorNotes["plan"]["p1"] != wantInds["p1"] ||
		r.IndicatorNotes["plan"]["p2"] != "set in June" {
		t.Errorf("Shared goals edited: notes %q, indicator notes %q", r.Notes, r.IndicatorNotes)
	}

	// The dimension's first line edited: the dimension's note is what the box
	// now holds outside the titled lines; the indicator notes stay as stored.
	r = &model.Response{}
	prefillNotes(r)
	shown = composeNotes(d, r)
	setNotes(r, d, shown, strings.Replace(shown, "Good start", "Better start", 1))
	if r.Notes["plan"] != "Better start" || !reflect.DeepEqual(r.IndicatorNotes["plan"], wantInds) {
		t.Errorf("dimension note edited: notes %q, indicator notes %q", r.Notes, r.IndicatorNotes)
	}

	// Shared goals' line deleted: only its note goes.
	r = &model.Response{}
	prefillNotes(r)
	shown = composeNotes(d, r)
	setNotes(r, d, shown, strings.Replace(shown, "\nShared goals: not yet", "", 1))
	if _, ok := r.IndicatorNotes["plan"]["p2"]; ok || r.IndicatorNotes["plan"]["p1"] != wantInds["p1"] {
		t.Errorf("Shared goals deleted: indicator notes %q", r.IndicatorNotes)
	}
}

// Accessible mode: the notes box is one typed line, which must not wipe the
// notes it cannot show. Each case types one line for Planning's notes, with
// empty lines for the two ratings before it, People's rating and notes, and
// the review (save).
func TestAccessibleNotesKeepWhatIsThere(t *testing.T) {
	dimNote := "Good start\nWritten plan: see the wiki"
	p1 := "agreed in March\nreviewed in May"
	cases := []struct {
		typed   string
		dimNote string
		inds    map[string]string
	}{
		{"", dimNote, map[string]string{"p1": p1, "p2": "not yet"}},
		{"Shared goals: set in June", dimNote, map[string]string{"p1": p1, "p2": "set in June"}},
		{"written  PLAN: -", dimNote, map[string]string{"p2": "not yet"}},
		{"-", "", map[string]string{"p1": p1, "p2": "not yet"}},
		{"Better start", "Better start", map[string]string{"p1": p1, "p2": "not yet"}},
	}
	for _, c := range cases {
		f := newFixture(t, Who{}, true)
		prefillNotes(&f.a.Responses[0])
		outcome, err, out := runAccessible(t, f, "\n\n"+c.typed+"\n\n\n\n")
		if err != nil || outcome != Saved {
			t.Fatalf("%q: outcome %v, %v; want Saved\n%s", c.typed, outcome, err, out)
		}
		resp := f.a.Responses[0]
		if resp.Notes["plan"] != c.dimNote || !reflect.DeepEqual(resp.IndicatorNotes["plan"], c.inds) {
			t.Errorf("%q: notes %q, indicator notes %q; want %q, %q", c.typed, resp.Notes["plan"], resp.IndicatorNotes["plan"], c.dimNote, c.inds)
		}
	}
}

// The terminal form: passing over a notes box that holds notes keeps them
// exactly, line breaks included.
func TestTerminalNotesKept(t *testing.T) {
	f := newFixture(t, Who{}, false)
	prefillNotes(&f.a.Responses[0])
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(enter, "question 2 of 3")
	r.press(enter, "question 3 of 3")
	r.press(enter, "page 2 of 3 · question 1 of 2")
	r.press(enter, "question 2 of 2")
	r.press(enter, "page 3 of 3 · question 1 of 1")
	r.press(enter, "")
	if outcome, err := r.wait(); err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved", outcome, err)
	}
	resp := f.a.Responses[0]
	if resp.Notes["plan"] != "Good start\nWritten plan: see the wiki" ||
		!reflect.DeepEqual(resp.IndicatorNotes["plan"], map[string]string{"p1": "agreed in March\nreviewed in May", "p2": "not yet"}) {
		t.Errorf("notes %q, indicator notes %q", resp.Notes, resp.IndicatorNotes)
	}
}
