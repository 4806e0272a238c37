package survey

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

// The test framework (testdata/fw.yaml) has a 3-point scale (0 Not yet,
// 1 Partly, 2 Fully) and two dimensions: Planning with two indicators and
// People with one. Its ids are read from the file, never written here.
func testFramework(t *testing.T) *model.Framework {
	t.Helper()
	fw, err := load.FrameworkFile("testdata/fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// fixture is a new survey of the test framework. ask is which first-page
// questions to ask; when they are not asked, the answers are filled in as
// the command line would.
type fixture struct {
	fw    *model.Framework
	a     *model.Assessment
	s     *Survey
	saves int
	// saved is what the last draft held, encoded as the draft file would be
	// read back: the ratings as strings.
	saved map[string]string
}

func newFixture(t *testing.T, ask Who, accessible bool) *fixture {
	t.Helper()
	fw := testFramework(t)
	a := &model.Assessment{
		Date:      time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		Framework: model.FrameworkRef{ID: fw.ID, Version: fw.Version},
		Responses: []model.Response{{}},
	}
	if !ask.Community {
		a.Community = "Riverside"
	}
	if !ask.Respondent {
		a.Responses[0].Respondent = "Ana"
	}
	f := &fixture{fw: fw, a: a}
	s, err := New(Config{
		Framework:  fw,
		Assessment: a,
		Ask:        ask,
		Accessible: accessible,
		Theme:      Theme(false, true),
		Save: func(a *model.Assessment) error {
			f.saves++
			f.saved = f.answers()
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f.s = s
	return f
}

// answers lists every indicator's answer as "dimension/indicator" -> the
// value a file would hold ("" when unanswered), by position in the
// framework: "0/1" is the second indicator of the first dimension.
func (f *fixture) answers() map[string]string {
	out := map[string]string{}
	r := &f.a.Responses[0]
	for di, d := range f.fw.Dimensions {
		for ii, ind := range d.Indicators {
			out[string(rune('0'+di))+"/"+string(rune('0'+ii))] = r.Rating(d.ID, ind.ID).String()
		}
	}
	return out
}

func (f *fixture) note(dim int) string { return f.a.Responses[0].Notes[f.fw.Dimensions[dim].ID] }

func wantAnswers(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("answer %s = %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
}

var allWho = Who{Community: true, Respondent: true, Role: true, Date: true}

// Building a page must not answer anything: a select always has an option
// under its cursor, and huh writes that option to the bound value when the
// select is made. The "not answered yet" option is what sits there.
func TestBuildingAnswersNothing(t *testing.T) {
	for _, accessible := range []bool{false, true} {
		f := newFixture(t, allWho, accessible)
		for p := 0; p < f.s.Pages(); p++ {
			b := f.s.build(p)
			b.commit() // nothing confirmed: nothing recorded
		}
		for k, v := range f.answers() {
			if v != "" {
				t.Errorf("accessible=%v: building the pages answered %s with %q", accessible, k, v)
			}
		}
		if f.s.Unanswered() != 3 {
			t.Errorf("accessible=%v: Unanswered() = %d, want 3", accessible, f.s.Unanswered())
		}
	}
}

// The options of an indicator: in a terminal "not answered" comes first,
// where the cursor starts; in accessible mode it comes last, so that the
// scale's answers are numbered from 1 in order.
func TestOptions(t *testing.T) {
	values := func(accessible bool) []string {
		f := newFixture(t, Who{}, accessible)
		var out []string
		for _, o := range f.s.options("") {
			out = append(out, o.Value)
		}
		return out
	}
	if got, want := strings.Join(values(false), ","), ",0,1,2,unknown,not-applicable"; got != want {
		t.Errorf("terminal options %q, want %q", got, want)
	}
	if got, want := strings.Join(values(true), ","), "0,1,2,unknown,not-applicable,"; got != want {
		t.Errorf("accessible options %q, want %q", got, want)
	}
}

func TestStart(t *testing.T) {
	start := func(f *fixture) [2]int {
		p, q := f.s.Start()
		return [2]int{p, q}
	}
	f := newFixture(t, allWho, false)
	if got := start(f); got != [2]int{0, 0} {
		t.Errorf("a new round starts at %v, want page 0 question 0 (who is answering)", got)
	}
	// With the first page answered and the first indicator of Planning
	// answered, the second indicator of Planning is the first unanswered:
	// page 1, question 1.
	f = newFixture(t, Who{}, false)
	r := &f.a.Responses[0]
	p := f.fw.Dimensions[0]
	r.SetRating(p.ID, p.Indicators[0].ID, model.Rating{Kind: model.Scored, Value: 1})
	if got := start(f); got != [2]int{1, 1} {
		t.Errorf("start = %v, want page 1 question 1 (Planning's second indicator)", got)
	}
	// Planning complete (don't know counts as an answer): People, page 2.
	r.SetRating(p.ID, p.Indicators[1].ID, model.Rating{Kind: model.UnknownAnswer})
	if got := start(f); got != [2]int{2, 0} {
		t.Errorf("start = %v, want page 2 question 0 (People)", got)
	}
	// Everything answered: the review, page 3.
	q := f.fw.Dimensions[1]
	r.SetRating(q.ID, q.Indicators[0].ID, model.Rating{Kind: model.NotApplicableAnswer})
	if got := start(f); got != [2]int{3, 0} {
		t.Errorf("start = %v, want the review, page 3", got)
	}
}

// The review's scores, by hand: Planning p1 = 2, p2 = don't know ->
// Planning 2.00 High, 2 of 2 answered; People q1 unanswered -> not rated;
// overall = Planning's 2.00 (the only rated dimension), High; 2 of 3
// answered.
func TestReview(t *testing.T) {
	for _, accessible := range []bool{false, true} {
		f := newFixture(t, Who{}, accessible)
		r := &f.a.Responses[0]
		p := f.fw.Dimensions[0]
		r.SetRating(p.ID, p.Indicators[0].ID, model.Rating{Kind: model.Scored, Value: 2})
		r.SetRating(p.ID, p.Indicators[1].ID, model.Rating{Kind: model.UnknownAnswer})
		name := "terminal"
		if accessible {
			name = "accessible"
		}
		t.Run(name, func(t *testing.T) { golden.Assert(t, ".txt", []byte(f.s.Review()+"\n")) })
	}
}

// The review fits the window whatever the titles: with dimension titles of
// 60 characters, no line at 80x24 is wider than 80 columns (a wider one
// would wrap and push the choices down), and the choice under the cursor
// is on the screen; at 60x16 too, with a shorter heading.
func TestReviewFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		f := newFixture(t, Who{}, false)
		for i := range f.fw.Dimensions {
			f.fw.Dimensions[i].Title = strings.Repeat(string(rune('A'+i)), 59) + "Z" // 60 characters
		}
		s, err := New(f.s.cfg)
		if err != nil {
			t.Fatal(err)
		}
		m := newTerminal(s)
		m.width, m.height = size[0], size[1]
		m.build(s.Pages()-1, 0)
		if m.small {
			t.Errorf("%dx%d: the review says the window is too small", size[0], size[1])
		}
		view := stripANSI(m.View().Content)
		lines := strings.Split(view, "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: the review is %d lines high:\n%s", size[0], size[1], len(lines), view)
		}
		for _, line := range lines {
			if w := ansi.StringWidth(line); w > size[0] {
				t.Errorf("%dx%d: a line of %d columns: %q", size[0], size[1], w, line)
			}
		}
		if !strings.Contains(view, "> Save and show the report") {
			t.Errorf("%dx%d: the save choice is not on the screen:\n%s", size[0], size[1], view)
		}
	}
}

// Too small a window for a question and its highlighted answer shows a few
// words instead of a form without them, and keys do nothing; made larger, the
// form is back as it was.
func TestSmallWindow(t *testing.T) {
	f := newFixture(t, Who{}, false)
	m := newTerminal(f.s)
	m.build(f.s.Start())
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 6})
	if !m.small || !strings.Contains(stripANSI(m.View().Content), "Make the window larger, or use --accessible") {
		t.Errorf("at 80x6: small=%v, the screen shows:\n%s", m.small, stripANSI(m.View().Content))
	}
	// Keys typed then would answer blind: they are not applied.
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if view := stripANSI(m.View().Content); m.small || !strings.Contains(view, "> Not answered yet") || !strings.Contains(view, "question 1 of 3") {
		t.Errorf("at 80x24: small=%v, the screen shows:\n%s", m.small, view)
	}
}

// TestPageView draws a dimension page at 80 columns, as a terminal shows it
// (without colour): the header with the description, the selects with the
// scale's descriptions.
func TestPageView(t *testing.T) {
	f := newFixture(t, Who{}, false)
	b := f.s.build(1)
	b.form.Init()
	b.form.Update(tea.WindowSizeMsg{Width: 80, Height: 60})
	golden.Assert(t, ".txt", []byte(stripANSI(b.form.View())+"\n"))
}

var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)`)

func stripANSI(s string) string { return ansiSeq.ReplaceAllString(s, "") }

// Key bytes, as a terminal sends them.
const (
	down     = "\x1b[B"
	enter    = "\r"
	ctrlC    = "\x03"
	shiftTab = "\x1b[Z"
)

// screen is a terminal emulator that shows what the form draws, as a
// person would see it: Bubble Tea redraws only what changed, so the bytes
// written say little on their own.
type screen struct {
	mu sync.Mutex
	vt *vt.Emulator
}

func newScreen(width, height int) *screen {
	s := &screen{vt: vt.NewEmulator(width, height)}
	// The emulator answers the form's queries on a pipe; nobody reads the
	// answers here (a terminal that answers nothing), but the pipe must be
	// drained or the emulator would block.
	go io.Copy(io.Discard, s.vt)
	return s
}

// Write draws p. Its input being no terminal, Bubble Tea expects line feeds
// to return the cursor as well, as a terminal's driver makes them do
// (ONLCR); the emulator is given them that way.
func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.vt.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// text is the screen as it stands.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vt.String()
}

// waitFor waits until the screen shows text. The footer names the page and
// the question, so waiting for it after each key keeps the test in step
// with the form.
func (s *screen) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), text) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %q; the screen shows:\n%s", text, s.text())
}

// terminalRun runs the survey in a goroutine, reading keys from a pipe.
type terminalRun struct {
	t      *testing.T
	keys   *io.PipeWriter
	scr    *screen
	done   chan struct{}
	result Outcome
	err    error
}

func runTerminal(t *testing.T, s *Survey) *terminalRun {
	return runTerminalContext(t, context.Background(), s)
}

func runTerminalContext(t *testing.T, ctx context.Context, s *Survey) *terminalRun {
	in, keys := io.Pipe()
	r := &terminalRun{t: t, keys: keys, scr: newScreen(fallbackWidth, fallbackHeight), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.result, r.err = s.RunTerminal(ctx, in, r.scr)
	}()
	t.Cleanup(func() { keys.Close() })
	return r
}

// press sends keys, then waits for the footer to show where they lead.
func (r *terminalRun) press(keys, then string) {
	r.t.Helper()
	if _, err := io.WriteString(r.keys, keys); err != nil {
		r.t.Fatal(err)
	}
	if then != "" {
		r.scr.waitFor(r.t, then)
	}
}

func (r *terminalRun) wait() (Outcome, error) {
	r.t.Helper()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		r.t.Fatal("the survey did not end")
	}
	return r.result, r.err
}

// In a terminal the options are, in order: not answered, Not yet (0),
// Partly (1), Fully (2), Don't know, Not applicable. So one down is 0, three
// downs are 2, four are don't know, five are not applicable.
func TestTerminalComplete(t *testing.T) {
	f := newFixture(t, allWho, false)
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 4 · question 1 of 4")
	r.press("Riverside Nurses"+enter, "question 2 of 4")
	r.press("Ana Ruiz"+enter, "question 3 of 4")
	r.press("coordinator"+enter, "question 4 of 4")
	r.press(enter, "page 2 of 4 · question 1 of 3") // the date as given: 2026-11-23
	r.press(down+down+down+enter, "question 2 of 3")
	r.press(down+down+down+down+enter, "question 3 of 3")
	r.press("Good start"+enter, "page 3 of 4 · question 1 of 2")
	r.press(down+down+down+down+down+enter, "question 2 of 2")
	r.press(enter, "page 4 of 4 · question 1 of 1")
	r.press(enter, "")
	outcome, err := r.wait()
	if err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved", outcome, err)
	}
	resp := f.a.Responses[0]
	if f.a.Community != "Riverside Nurses" || resp.Respondent != "Ana Ruiz" || resp.Role != "coordinator" ||
		f.a.Date.Format(model.DateLayout) != "2026-11-23" {
		t.Errorf("first page: %q %q %q %s", f.a.Community, resp.Respondent, resp.Role, f.a.Date.Format(model.DateLayout))
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "2", "0/1": "unknown", "1/0": "not-applicable"})
	if f.note(0) != "Good start" || f.note(1) != "" {
		t.Errorf("notes %q, %q", f.note(0), f.note(1))
	}
	// A draft after each of the four pages, the review included.
	if f.saves != 4 {
		t.Errorf("%d drafts written, want 4", f.saves)
	}
}

// Keys that arrive in one burst (a paste, typing ahead over a slow link)
// are each applied to the question they were typed for, across questions
// and pages: huh moves between questions with messages of its own, which
// the keys must not overtake. The notes hold j and k, which move a select:
// on the wrong question they would change an answer.
func TestTerminalTypedAhead(t *testing.T) {
	f := newFixture(t, Who{}, false)
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+down+down+enter+ // p1: Fully (2)
		down+enter+ // p2: Not yet (0)
		"jk jk"+enter+ // Planning's notes
		down+down+down+down+enter+ // q1: Don't know
		enter+ // no notes
		enter, "") // the review: save
	outcome, err := r.wait()
	if err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved", outcome, err)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "2", "0/1": "0", "1/0": "unknown"})
	if f.note(0) != "jk jk" {
		t.Errorf("Planning's notes %q, want %q", f.note(0), "jk jk")
	}
}

// Ctrl-C keeps what was confirmed with enter, on earlier pages and on this
// one, and not an answer that is only highlighted.
func TestTerminalCtrlC(t *testing.T) {
	f := newFixture(t, Who{}, false)
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+down+enter, "question 2 of 3") // Partly (1)
	r.press(down+down+down, "")                 // Fully highlighted, not confirmed
	r.press(ctrlC, "")
	outcome, err := r.wait()
	if err != nil || outcome != Interrupted {
		t.Fatalf("outcome %v, %v; want Interrupted", outcome, err)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "1", "0/1": "", "1/0": ""})
	if f.saves != 1 || f.saved["0/0"] != "1" {
		t.Errorf("%d drafts, the last holding %v; want 1 holding 0/0 = 1", f.saves, f.saved)
	}
}

// A signal (the context cancelled: SIGHUP when the terminal closes) ends
// the run as Ctrl-C does, keeping the confirmed answers.
func TestTerminalContextCancelled(t *testing.T) {
	f := newFixture(t, Who{}, false)
	ctx, cancel := context.WithCancel(context.Background())
	r := runTerminalContext(t, ctx, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+down+down+enter, "question 2 of 3") // Fully (2)
	cancel()
	outcome, err := r.wait()
	if err != nil || outcome != Interrupted {
		t.Fatalf("outcome %v, %v; want Interrupted", outcome, err)
	}
	if f.saves != 1 || f.saved["0/0"] != "2" {
		t.Errorf("%d drafts, the last holding %v; want one holding 0/0 = 2", f.saves, f.saved)
	}
}

// shift+tab on a page's first question goes back to the previous page's
// last question; the review goes
// back to any page and, once that page is done, returns to the review.
func TestTerminalBack(t *testing.T) {
	f := newFixture(t, Who{}, false)
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+enter, "question 2 of 3")                    // p1: Not yet (0)
	r.press(enter, "question 3 of 3")                         // p2: left unanswered
	r.press(enter, "page 2 of 3 · question 1 of 2")           // no note
	r.press(shiftTab, "page 1 of 3 · question 3 of 3")        // back to Planning's last question
	r.press(shiftTab+shiftTab, "question 1 of 3")             // and to its first, typed ahead
	r.press(down+enter, "question 2 of 3")                    // p1: from 0 to Partly (1)
	r.press(enter, "question 3 of 3")                         //
	r.press(enter, "page 2 of 3 · question 1 of 2")           //
	r.press(enter, "question 2 of 2")                         // q1: left unanswered
	r.press(enter, "page 3 of 3 · question 1 of 1")           // the review
	r.press(down+down+enter, "page 1 of 3 · question 1 of 3") // "Go back to: Planning", after the two saves
	r.press(down+enter, "question 2 of 3")                    // p1: Fully (2)
	r.press(enter, "question 3 of 3")                         //
	r.press(enter, "page 3 of 3 · question 1 of 1")           // straight back to the review
	r.press(enter, "")                                        // save
	outcome, err := r.wait()
	if err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved", outcome, err)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "2", "0/1": "", "1/0": ""})
}

// A draft that cannot be written stops the survey with that error.
func TestTerminalSaveError(t *testing.T) {
	f := newFixture(t, Who{}, false)
	f.s.cfg.Save = func(*model.Assessment) error { return io.ErrShortWrite }
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(enter+enter+enter, "")
	if _, err := r.wait(); err != io.ErrShortWrite {
		t.Fatalf("error %v, want the draft's", err)
	}
}

// A fault inside the form ends the run with an error, not a stack trace,
// and the answers confirmed so far are still written to the draft.
func TestTerminalPanic(t *testing.T) {
	f := newFixture(t, Who{}, false)
	calls := 0
	f.s.cfg.Save = func(*model.Assessment) error {
		if calls++; calls == 1 {
			panic("boom")
		}
		f.saved = f.answers()
		return nil
	}
	r := runTerminal(t, f.s)
	r.scr.waitFor(t, "page 1 of 3 · question 1 of 3")
	r.press(down+enter+enter+enter, "")
	outcome, err := r.wait()
	if outcome != Interrupted || err == nil || !strings.Contains(err.Error(), "internal error in the questionnaire: boom") {
		t.Fatalf("outcome %v, %v; want Interrupted with the fault", outcome, err)
	}
	if calls != 2 || f.saved["0/0"] != "0" {
		t.Errorf("%d calls to save, the draft holding %v; want a second call holding 0/0 = 0", calls, f.saved)
	}
}

// In accessible mode the options are numbered: 1 Not yet (0), 2 Partly (1),
// 3 Fully (2), 4 Don't know, 5 Not applicable, 6 not answered; an empty
// line keeps the value shown.
func runAccessible(t *testing.T, f *fixture, input string) (Outcome, error, string) {
	t.Helper()
	var out bytes.Buffer
	outcome, err := f.s.RunAccessible(context.Background(), strings.NewReader(input), &out)
	return outcome, err, out.String()
}

func TestAccessibleComplete(t *testing.T) {
	f := newFixture(t, allWho, true)
	input := "Riverside Nurses\nAna Ruiz\n\n\n" + // the role left empty, the date kept
		"3\n4\nGood start\n" + // Planning: Fully (2), Don't know, a note
		"5\n\n" + // People: not applicable, no note
		"\n" // the review: save
	outcome, err, out := runAccessible(t, f, input)
	if err != nil || outcome != Saved {
		t.Fatalf("outcome %v, %v; want Saved\n%s", outcome, err, out)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "2", "0/1": "unknown", "1/0": "not-applicable"})
	if f.a.Community != "Riverside Nurses" || f.a.Date.Format(model.DateLayout) != "2026-11-23" || f.note(0) != "Good start" {
		t.Errorf("community %q, date %s, note %q", f.a.Community, f.a.Date.Format(model.DateLayout), f.note(0))
	}
	// The page headings huh would not print: each page's title and progress.
	for _, want := range []string{"Planning (1 of 2)", "People (2 of 2)", "Review before saving", "1. Not yet (0): Nothing so far."} {
		if !strings.Contains(out, want) {
			t.Errorf("the prompts do not show %q:\n%s", want, out)
		}
	}
	if f.saves != 4 {
		t.Errorf("%d drafts, want 4", f.saves)
	}
}

// Input that ends part way keeps what was answered, and the question the
// input ended on stays unanswered (huh would have taken its default).
func TestAccessibleInputEnds(t *testing.T) {
	f := newFixture(t, Who{}, true)
	outcome, err, out := runAccessible(t, f, "2\n")
	if err != nil || outcome != InputEnded {
		t.Fatalf("outcome %v, %v; want InputEnded\n%s", outcome, err, out)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "1", "0/1": "", "1/0": ""})
	if f.saves != 1 || f.saved["0/0"] != "1" {
		t.Errorf("%d drafts, the last holding %v; want one holding 0/0 = 1", f.saves, f.saved)
	}
}

// An answer that is not a choice is asked again.
func TestAccessibleInvalidAskedAgain(t *testing.T) {
	f := newFixture(t, Who{}, true)
	outcome, _, out := runAccessible(t, f, "9\nyes\n2\n")
	if outcome != InputEnded {
		t.Fatalf("outcome %v, want InputEnded", outcome)
	}
	if n := strings.Count(out, "Invalid: must be a number between 1 and 6"); n != 2 {
		t.Errorf("%d complaints about invalid answers, want 2:\n%s", n, out)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "1"})
}

// A last line without a line break is an answer; a bad last line at the
// end of the input is neither an answer nor a panic.
func TestAccessibleLastLine(t *testing.T) {
	f := newFixture(t, Who{}, true)
	if outcome, err, _ := runAccessible(t, f, "3"); outcome != InputEnded || err != nil {
		t.Fatalf("outcome %v, %v", outcome, err)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "2"})

	f = newFixture(t, Who{}, true)
	if outcome, err, _ := runAccessible(t, f, "2\n9"); outcome != InputEnded || err != nil {
		t.Fatalf("outcome %v, %v", outcome, err)
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "1", "0/1": ""})
}

// A cancelled context (Ctrl-C in accessible mode) stops at the next read.
func TestAccessibleInterrupted(t *testing.T) {
	f := newFixture(t, Who{}, true)
	ctx, cancel := context.WithCancel(context.Background())
	in, keys := io.Pipe()
	defer keys.Close()
	out := &lockedBuffer{}
	done := make(chan Outcome)
	go func() {
		o, _ := f.s.RunAccessible(ctx, in, out)
		done <- o
	}()
	io.WriteString(keys, "2\n")
	// The answer is taken once the next question is asked; cancelling
	// before then (a fixed 20 ms was too short on a loaded machine) would
	// find it unread.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Shared goals") {
		if time.Now().After(deadline) {
			t.Fatalf("the second question was never asked; the survey wrote:\n%s", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case o := <-done:
		if o != Interrupted {
			t.Errorf("outcome %v, want Interrupted", o)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the survey did not stop")
	}
	wantAnswers(t, f.answers(), map[string]string{"0/0": "1", "0/1": ""})
}

// lockedBuffer is a buffer that one goroutine writes while another reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestDarkBackground(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "COLORFGBG" {
				return v
			}
			return ""
		}
	}
	cases := []struct {
		theme, colorfgbg string
		want             bool
	}{
		{"dark", "0;15", true},   // the flag wins
		{"light", "15;0", false}, // the flag wins
		{"auto", "0;15", false},  // black on white
		{"auto", "15;0", true},   // white on black
		{"auto", "12;default;7", false},
		{"auto", "", true}, // nothing known: dark
		{"auto", "garbage", true},
	}
	for _, c := range cases {
		got, err := DarkBackground(c.theme, env(c.colorfgbg))
		if err != nil || got != c.want {
			t.Errorf("DarkBackground(%q, COLORFGBG=%q) = %v, %v; want %v", c.theme, c.colorfgbg, got, err, c.want)
		}
	}
	if _, err := DarkBackground("blue", env("")); err == nil {
		t.Error("an unknown theme is accepted")
	}
}

// BenchmarkKeyPress measures the work of one key press in the
// questionnaire's own code and huh's: a down key on the longest page of the
// default framework (the dimension with the most indicators) at 80x24, its
// update and the view drawn from it. What a person waits for on top of this
// is Bubble Tea's frame clock and the terminal (BenchmarkAssessKeyToRedraw
// in cmd/cop measures it all):
//
//	go test ./internal/survey -run '^$' -bench KeyPress -benchmem
func BenchmarkKeyPress(b *testing.B) {
	cat, err := catalog.New("")
	if err != nil {
		b.Fatal(err)
	}
	fw, err := cat.Default()
	if err != nil {
		b.Fatal(err)
	}
	a := &model.Assessment{Community: "R", Date: time.Now(), Responses: []model.Response{{Respondent: "A"}}}
	s, err := New(Config{Framework: fw, Assessment: a, Theme: Theme(true, true), Color: true})
	if err != nil {
		b.Fatal(err)
	}
	longest := 0
	for di, d := range fw.Dimensions {
		if len(d.Indicators) > len(fw.Dimensions[longest].Indicators) {
			longest = di
		}
	}
	m := newTerminal(s)
	m.build(longest+1, 0) // page 0 is the first page
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	key := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ReportAllocs()
	for b.Loop() {
		m.Update(key)
		_ = m.View()
	}
}
