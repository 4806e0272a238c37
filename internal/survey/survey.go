// Package survey is the questionnaire of cop assess, built with huh v2
// (charm.land/huh/v2) on Bubble Tea v2, which asks the terminal nothing
// before it draws. A Survey is made apart from being run: it builds each
// page as a huh form from the framework and the answers so far, and the same
// pages are run either in a terminal (RunTerminal, one Bubble Tea program that
// moves between pages) or line by line for screen readers and piped input
// (RunAccessible).
//
// The pages are: who is answering (community, respondent, role, date), one
// page per dimension (its description, a select per indicator, optional
// notes), and a review (scores as they stand, what is unanswered, save or go
// back). After every page the answers so far are handed to Config.Save, which
// writes the draft.
package survey

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
)

// Who says which questions of the first page are asked. A question whose
// answer was given on the command line (--community and so on) is skipped.
type Who struct {
	Community, Respondent, Role, Date bool
}

// Config is what a survey is made from.
type Config struct {
	// Framework is the framework the questions come from.
	Framework *model.Framework
	// Assessment is the round being answered: its community, date and
	// framework reference, and exactly one response (the respondent's), which
	// a resumed draft fills. The survey updates it in place.
	Assessment *model.Assessment
	// Ask says which questions of the first page to ask.
	Ask Who
	// Accessible builds the pages for line-by-line prompts: headings and
	// statements go into titles (huh prints no descriptions there) and the
	// review reads as sentences rather than a table.
	Accessible bool
	// Theme is the one theme every page uses (see Theme): made once, since
	// huh asks for the styles on every draw.
	Theme huh.Theme
	// Color says the form may be drawn in colour (a terminal, no NO_COLOR).
	Color bool
	// Getenv reads the environment (EDITOR, for Ctrl+E on the notes); nil
	// means the process's.
	Getenv func(string) string
	// Save is called after every page with the answers so far, to write the
	// draft. An error stops the survey and is returned by the run.
	Save func(*model.Assessment) error
}

// Outcome is how a run of the survey ended.
type Outcome int

// The ways a run can end.
const (
	// Saved means the respondent chose to save on the review page.
	Saved Outcome = iota
	// Interrupted means Ctrl-C, a signal or a closed terminal stopped the run.
	Interrupted
	// InputEnded means the input of an accessible run ended before every
	// question was answered.
	InputEnded
	// SavedToPlan is Saved, and the respondent asked to go on to record the
	// actions the group agreed (cop plan) once the file is saved.
	SavedToPlan
)

// Survey is the questionnaire for one respondent.
type Survey struct {
	cfg   Config
	pages []page
}

type pageKind uint8

const (
	whoPage pageKind = iota
	dimensionPage
	reviewPage
)

// page is one screen of the questionnaire.
type page struct {
	kind  pageKind
	dim   int    // index in the framework, for dimension pages
	title string // how the review page names it
}

// reviewSave is the review select's value for saving; the others are
// "page:N", going back to page N.
const reviewSave = "save"

// reviewSavePlan is the review select's value for saving, then going on to
// cop plan; it is offered in a terminal only, where cop plan can ask.
const reviewSavePlan = "save+plan"

// The value of a select for an indicator not answered yet. It is a real
// option, shown first in a terminal and last in accessible mode, so that the
// cursor's starting place never becomes an answer the respondent did not give.
const unanswered = ""

// New makes the survey for cfg. The assessment must hold exactly one response.
func New(cfg Config) (*Survey, error) {
	if cfg.Framework == nil || cfg.Assessment == nil {
		return nil, fmt.Errorf("survey: a framework and an assessment are needed")
	}
	if n := len(cfg.Assessment.Responses); n != 1 {
		return nil, fmt.Errorf("survey: the assessment must hold one response, it holds %d", n)
	}
	if cfg.Theme == nil {
		cfg.Theme = Theme(false, true)
	}
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	s := &Survey{cfg: cfg}
	s.pages = append(s.pages, page{kind: whoPage, title: "Who is answering"})
	for i := range cfg.Framework.Dimensions {
		s.pages = append(s.pages, page{kind: dimensionPage, dim: i, title: render.OneLine(cfg.Framework.Dimensions[i].Title)})
	}
	s.pages = append(s.pages, page{kind: reviewPage, title: "Review"})
	return s, nil
}

// Pages is the number of pages, the first page and the review included.
func (s *Survey) Pages() int { return len(s.pages) }

func (s *Survey) response() *model.Response { return &s.cfg.Assessment.Responses[0] }

// asks reports whether page p has a question to ask: the first page is
// skipped when the command line answered all of it.
func (s *Survey) asks(p int) bool {
	if s.pages[p].kind != whoPage {
		return true
	}
	w := s.cfg.Ask
	return w.Community || w.Respondent || w.Role || w.Date
}

// whoComplete reports whether the first page's required answers are there:
// a community, a respondent and a valid date. Until they are, there is no
// draft to write, since the loader would not read it back.
func (s *Survey) whoComplete() bool {
	a := s.cfg.Assessment
	return strings.TrimSpace(a.Community) != "" && strings.TrimSpace(s.response().Respondent) != "" && !a.Date.IsZero()
}

// Start is where a run begins, as a page and a question on it (counted
// from 0): the first page when it has questions and has not been answered;
// otherwise the first unanswered indicator, on its dimension's page;
// otherwise the review.
func (s *Survey) Start() (page, question int) {
	if s.asks(0) && !s.whoComplete() {
		return 0, 0
	}
	r := s.response()
	for p, pg := range s.pages {
		if pg.kind != dimensionPage {
			continue
		}
		d := &s.cfg.Framework.Dimensions[pg.dim]
		for q, ind := range d.Indicators {
			if r.Rating(d.ID, ind.ID).Kind == model.Unanswered {
				return p, q
			}
		}
	}
	return len(s.pages) - 1, 0
}

func (s *Survey) unansweredIn(dim int) int {
	d := &s.cfg.Framework.Dimensions[dim]
	n := 0
	for _, ind := range d.Indicators {
		if s.response().Rating(d.ID, ind.ID).Kind == model.Unanswered {
			n++
		}
	}
	return n
}

// Unanswered is the number of indicators with no answer at all.
func (s *Survey) Unanswered() int {
	n := 0
	for i := range s.cfg.Framework.Dimensions {
		n += s.unansweredIn(i)
	}
	return n
}

// next and prev step over pages with nothing to ask; -1 means none.
func (s *Survey) next(p int) int {
	for p++; p < len(s.pages); p++ {
		if s.asks(p) {
			return p
		}
	}
	return -1
}

func (s *Survey) prev(p int) int {
	for p--; p >= 0; p-- {
		if s.asks(p) {
			return p
		}
	}
	return -1
}

// entry is one answerable field of a page and how its value is kept.
type entry struct {
	key   string
	field huh.Field
	set   func(v any) // records the value in the assessment
	// title is the question as shown, and hovered, for a select, the label
	// of the answer under its cursor: what must be on screen for the
	// respondent to answer (see terminal.fits).
	title   string
	hovered func() string
}

// built is one page made into a form.
type built struct {
	form    *huh.Form
	group   *huh.Group
	fields  []huh.Field // every field in order (in accessible mode the heading note first)
	entries []entry
	// choice is the review's decision, once answered.
	choice *string
	// header gives the page's heading for a width: the description (huh
	// wraps it) and, on the review, the text under the question. full is
	// false for the shorter heading a low window gets, so that the question
	// and its answers keep the room.
	header func(width int, full bool) (description, under string)
	// under is the field that shows the header's second part, if any.
	under *huh.Select[string]
}

// commit records the values of the fields the respondent confirmed: the
// form keeps a field's value only when it is left forwards (enter or tab),
// so an answer merely highlighted, or a field never reached, stays as it was.
func (b *built) commit() {
	for _, e := range b.entries {
		if v := b.form.Get(e.key); v != nil {
			e.set(v)
		}
	}
}

// build makes page p as a form with one group, its fields holding the
// answers so far. Building is cheap and has no side effects; each visit to a
// page builds it anew, so a form never carries stale answers.
//
// A page's title and description head the group, where huh keeps them in
// view while the fields scroll beneath. In accessible mode huh prints no
// group header, so a note that carries them is the page's first field.
func (s *Survey) build(p int) *built {
	b := &built{}
	var title string
	switch pg := s.pages[p]; pg.kind {
	case whoPage:
		title = s.whoFields(b)
	case dimensionPage:
		title = s.dimensionFields(b, pg.dim)
	case reviewPage:
		title = s.reviewFields(b)
	}
	for _, e := range b.entries {
		b.fields = append(b.fields, e.field)
	}
	description, _ := b.header(fallbackWidth, true)
	if s.cfg.Accessible {
		b.fields = append([]huh.Field{huh.NewNote().Title(title).Description(description)}, b.fields...)
		b.group = huh.NewGroup(b.fields...)
	} else {
		b.group = huh.NewGroup(b.fields...).Title(title).Description(description)
	}
	b.form = huh.NewForm(b.group).WithTheme(s.cfg.Theme).WithShowHelp(true)
	return b
}

// fixedHeader is the header of a page whose heading does not depend on the
// width: its description, or nothing in a low window.
func fixedHeader(description string) func(int, bool) (string, string) {
	return func(_ int, full bool) (string, string) {
		if !full {
			return "", ""
		}
		return description, ""
	}
}

// label is a field's title: in accessible mode it also carries the
// description, which huh does not print there.
func (s *Survey) label(title, description string) string {
	if s.cfg.Accessible && description != "" {
		return title + " (" + strings.TrimSuffix(description, ".") + "):"
	}
	return title
}

func (s *Survey) whoFields(b *built) (title string) {
	a, r := s.cfg.Assessment, s.response()
	input := func(key, title, description string, value string, validate func(string) error, set func(string)) {
		v := value
		in := huh.NewInput().Key(key).Value(&v)
		if s.cfg.Accessible {
			// huh checks the line as typed, then puts the current value in
			// place of an empty one: an empty line is valid when there is one.
			in.Validate(func(line string) error {
				if strings.TrimSpace(line) == "" && value != "" {
					return nil
				}
				return validate(line)
			})
			label := s.label(title, description)
			if v != "" {
				label = strings.TrimSuffix(label, ":") + " [empty line keeps: " + render.OneLine(v) + "]:"
			}
			in.Title(label)
		} else {
			in.Validate(validate).Title(title).Description(description)
		}
		b.entries = append(b.entries, entry{key: key, field: in, title: title, set: func(x any) { set(strings.TrimSpace(x.(string))) }})
	}
	if s.cfg.Ask.Community {
		input("community", "Community", "The community of practice this round is about.", a.Community,
			required("the community's name"), func(v string) { a.Community = v })
	}
	if s.cfg.Ask.Respondent {
		input("respondent", "Your name", "The person answering; each member who answers gives their own name.", r.Respondent,
			required("your name"), func(v string) { r.Respondent = v })
	}
	if s.cfg.Ask.Role {
		input("role", "Your role (optional)", "For example coordinator, core member or member.", r.Role,
			func(string) error { return nil }, func(v string) { r.Role = v })
	}
	if s.cfg.Ask.Date {
		date := ""
		if !a.Date.IsZero() {
			date = a.Date.Format(model.DateLayout)
		}
		input("date", "Date of the round", "YYYY-MM-DD; today unless this round was on another day.", date,
			func(v string) error { _, err := model.ParseDate(v); return err }, func(v string) {
				if t, err := model.ParseDate(v); err == nil {
					a.Date = t
				}
			})
	}
	b.header = fixedHeader("Who is answering, for which community, and the date of the round.")
	return "About this round"
}

func required(what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("please enter %s", what)
		}
		return nil
	}
}

func (s *Survey) dimensionFields(b *built, di int) (title string) {
	fw := s.cfg.Framework
	d := &fw.Dimensions[di]
	r := s.response()
	title = fmt.Sprintf("%s (%d of %d)", render.OneLine(d.Title), di+1, len(fw.Dimensions))
	for ii := range d.Indicators {
		ind := &d.Indicators[ii]
		key := "rating:" + d.ID + ":" + ind.ID
		v := r.Rating(d.ID, ind.ID).String()
		opts := s.options(v)
		sel := huh.NewSelect[string]().Key(key).Value(&v).Options(opts...)
		qtitle := render.OneLine(ind.Title)
		if s.cfg.Accessible {
			sel.Title(fmt.Sprintf("%s: %s [%s]", qtitle, render.OneLine(ind.Statement), s.now(v)))
		} else {
			sel.Title(qtitle).Description(render.OneLine(ind.Statement))
		}
		dimID, indID := d.ID, ind.ID
		b.entries = append(b.entries, entry{key: key, field: sel, title: qtitle, hovered: hovered(sel, opts), set: func(x any) {
			r.SetRating(dimID, indID, s.rating(x.(string)))
		}})
	}
	key := "notes:" + d.ID
	ntitle := "Notes on " + render.OneLine(d.Title)
	note := composeNotes(d, r) // indicator_notes.go
	shown := note
	text := huh.NewText().Key(key).Value(&note).Lines(3)
	if s.cfg.Accessible {
		// One line per answer: an empty line keeps what is there, so a
		// dash is how a note is cleared, and a titled line sets only that
		// indicator's note (setAccessibleNotes).
		hint := "optional, one line; \"" + render.OneLine(d.Indicators[0].Title) + ": text\" is a note on that indicator"
		if note != "" {
			hint = "empty line keeps the notes, a dash (-) clears the dimension's note, \"" + render.OneLine(d.Indicators[0].Title) + ": text\" replaces that indicator's note"
		}
		text.Title(ntitle + " (" + hint + "):")
	} else {
		text.Title(ntitle + " (optional)").
			Description("A line starting \"" + render.OneLine(d.Indicators[0].Title) + ":\" is a note on that indicator.").
			Placeholder("Anything the report should keep with these answers (ctrl+e: an editor)")
	}
	b.entries = append(b.entries, entry{key: key, field: text, title: ntitle, set: func(x any) {
		v := strings.TrimSpace(x.(string))
		if s.cfg.Accessible {
			if v == strings.TrimSpace(shown) {
				v = "" // an empty line: the field answers with what it showed
			}
			setAccessibleNotes(r, d, v)
			return
		}
		setNotes(r, d, shown, v)
	}})
	b.header = fixedHeader(render.Inert(d.Description))
	return title
}

// hovered returns the label of the answer under a select's cursor.
func hovered(sel *huh.Select[string], opts []huh.Option[string]) func() string {
	return func() string {
		v, ok := sel.Hovered()
		if !ok {
			return ""
		}
		for _, o := range opts {
			if o.Value == v {
				return o.Key
			}
		}
		return ""
	}
}

// options are an indicator's answers: the scale with its descriptions, then
// don't know and not applicable, and the way to leave it unanswered.
func (s *Survey) options(current string) []huh.Option[string] {
	fw := s.cfg.Framework
	skip := huh.NewOption("Not answered yet (skip for now)", unanswered)
	if current != unanswered {
		skip.Key = "Clear this answer (leave it unanswered)"
	}
	var opts []huh.Option[string]
	if !s.cfg.Accessible {
		opts = append(opts, skip)
	}
	for _, p := range fw.Scale {
		// The value is shown beside the label: it is what the file holds,
		// and in accessible mode it tells the option's number (1 for the
		// first) from the scale's value (often 0 for the first).
		key := render.OneLine(p.Label) + " (" + model.FormatNumber(p.Value) + ")"
		if d := render.OneLine(p.Description); d != "" {
			key += ": " + d
		}
		opts = append(opts, huh.NewOption(key, model.FormatNumber(p.Value)))
	}
	opts = append(opts,
		huh.NewOption("Don't know: you cannot say; it stays unrated", model.Unknown),
		huh.NewOption("Not applicable: it does not apply to this community; it is left out of the score", model.NotApplicable))
	if s.cfg.Accessible {
		opts = append(opts, skip)
	}
	return opts
}

// now names the current answer for an accessible prompt, where an empty
// line keeps it.
func (s *Survey) now(v string) string {
	switch v {
	case unanswered:
		return "empty line: skip for now"
	case model.Unknown:
		return "empty line keeps: Don't know"
	case model.NotApplicable:
		return "empty line keeps: Not applicable"
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if p, ok := s.cfg.Framework.ScalePoint(f); ok {
			return "empty line keeps: " + render.OneLine(p.Label)
		}
	}
	return "empty line keeps the answer"
}

// rating turns a select's value back into an answer.
func (s *Survey) rating(v string) model.Rating {
	switch v {
	case unanswered:
		return model.Rating{}
	case model.Unknown:
		return model.Rating{Kind: model.UnknownAnswer}
	case model.NotApplicable:
		return model.Rating{Kind: model.NotApplicableAnswer}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return model.Rating{}
	}
	return model.Rating{Kind: model.Scored, Value: f}
}

func (s *Survey) reviewFields(b *built) (title string) {
	choice := reviewSave
	b.choice = &choice
	opts := []huh.Option[string]{huh.NewOption(s.saveLabel(), reviewSave)}
	if !s.cfg.Accessible {
		opts = append(opts, huh.NewOption("Save, show the report, then record the actions agreed (cop plan)", reviewSavePlan))
	}
	for p, pg := range s.pages {
		if pg.kind != reviewPage && s.asks(p) {
			opts = append(opts, huh.NewOption("Go back to: "+pg.title, "page:"+strconv.Itoa(p)))
		}
	}
	qtitle := "Save, or go back to a page?"
	sel := huh.NewSelect[string]().Key("review").Title(s.label(qtitle, "")).Value(&choice).Options(opts...)
	b.entries = append(b.entries, entry{key: "review", field: sel, title: qtitle, hovered: hovered(sel, opts), set: func(x any) { choice = x.(string) }})
	if s.cfg.Accessible {
		b.header = fixedHeader(s.Review())
		return "Review before saving"
	}
	// The scores are a table as wide as the window; in a low window, one
	// line. The list of what is unanswered goes under the question, where
	// it is dropped first when room is short.
	b.under = sel
	b.header = func(width int, full bool) (string, string) {
		if !full {
			return s.summary(), ""
		}
		return s.scores(width), s.unansweredText()
	}
	sel.Description(s.unansweredText())
	return "Review before saving"
}

func (s *Survey) saveLabel() string {
	if n := s.Unanswered(); n > 0 {
		return fmt.Sprintf("Save and show the report (%s left unanswered)", render.Plural(n, "indicator"))
	}
	return "Save and show the report"
}
