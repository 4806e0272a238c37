package render

import (
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// PreviousRound is the community's round before the one reported: found
// beside the file (the latest earlier round of the same community and
// framework in its folder) or given with --previous FILE.
type PreviousRound struct {
	Path       string
	Assessment *model.Assessment
	Result     *score.Result
}

// Move is a score then and now, both unrounded; either may be null.
type Move struct {
	Was, Now score.Number
}

// Delta is now minus was, rounded as shown (each side rounded first, so
// that 2.41 -> 2.67 is +0.26 exactly); null unless both are scores.
func (m Move) Delta() score.Number {
	if !m.Was.Valid || !m.Now.Valid {
		return score.Number{}
	}
	return score.Number{Value: score.Round2(score.Round2(m.Now.Value) - score.Round2(m.Was.Value)), Valid: true}
}

// String writes a move as "0.00 -> 2.00", "- -> 2.00" when there was no
// score then, "no score then or now" when there is none either side.
func (m Move) String() string {
	if !m.Was.Valid && !m.Now.Valid {
		return "no score then or now"
	}
	return Score(m.Was) + " -> " + Score(m.Now)
}

// DimensionMove is how one dimension's score moved since the previous round.
type DimensionMove struct {
	Dimension *model.Dimension
	Move
}

// RoundChange is the change since the previous round: the overall score
// and each dimension's, in the framework order of the round reported.
// Dimensions are matched by id, so rounds on different versions of a
// framework line up; one the previous round lacks has no score then.
type RoundChange struct {
	Previous   *PreviousRound
	Overall    Move
	Dimensions []DimensionMove
}

// Change is the change since the previous round, or nil without one. The
// report's summary and its list of previous actions read it.
func (r *Report) Change() *RoundChange {
	p := r.Previous
	if p == nil {
		return nil
	}
	c := &RoundChange{Previous: p, Overall: Move{Was: p.Result.Overall.Score, Now: r.Result.Overall.Score}}
	for _, d := range r.Result.Dimensions {
		m := DimensionMove{Dimension: d.Dimension, Move: Move{Now: d.Score}}
		if pd := p.Result.Dimension(d.Dimension.ID); pd != nil {
			m.Was = pd.Score
		}
		c.Dimensions = append(c.Dimensions, m)
	}
	return c
}

// ActionMove is one of the previous round's actions with how its indicator
// (or its whole dimension) moved since.
type ActionMove struct {
	Action model.Action
	// Title names what the action is about in the round reported:
	// "Development plan", or the dimension's title for a dimension action.
	Title string
	Move
}

// PreviousActions are the previous round's actions with the movement of
// what each is about, in the order of its file.
func (r *Report) PreviousActions() []ActionMove {
	if r.Previous == nil {
		return nil
	}
	var out []ActionMove
	for _, a := range r.Previous.Assessment.Actions {
		m := ActionMove{Action: a, Title: a.Target()}
		m.Was, _ = targetScore(r.Previous.Result, a)
		var title string
		m.Now, title = targetScore(r.Result, a)
		if title != "" {
			m.Title = title
		}
		out = append(out, m)
	}
	return out
}

// targetScore is the score of what an action is about in a result, and its
// title: the indicator's, or the dimension's for a dimension action.
func targetScore(res *score.Result, a model.Action) (score.Number, string) {
	d := res.Dimension(a.Dimension)
	if d == nil {
		return score.Number{}, ""
	}
	if a.Indicator == "" {
		return d.Score, strings.TrimSpace(d.Dimension.Title)
	}
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		if ind.Indicator.ID == a.Indicator {
			if ind.Status == score.Rated {
				return score.Number{Value: ind.Score, Valid: true}, strings.TrimSpace(ind.Indicator.Title)
			}
			return score.Number{}, strings.TrimSpace(ind.Indicator.Title)
		}
	}
	return score.Number{}, ""
}

// ActionTitle names what an action is about in the round's framework:
// "Purpose: Development plan", "Purpose" for the whole dimension, or its
// target when the framework has no such id.
func ActionTitle(fw *model.Framework, a model.Action) string {
	d := fw.Dimension(a.Dimension)
	if d == nil {
		return a.Target()
	}
	if a.Indicator == "" {
		return strings.TrimSpace(d.Title)
	}
	if ind := d.Indicator(a.Indicator); ind != nil {
		return strings.TrimSpace(d.Title) + ": " + strings.TrimSpace(ind.Title)
	}
	return a.Target()
}

// actionText is an action in words: "Agree a twelve-month plan (Ana Ruiz,
// due 2026-06-30): done".
func actionText(a model.Action) string {
	var who []string
	if a.Owner != "" {
		who = append(who, strings.TrimSpace(a.Owner))
	}
	if !a.Due.IsZero() {
		who = append(who, "due "+a.Due.Format(model.DateLayout))
	}
	s := strings.Join(strings.Fields(a.What), " ")
	if len(who) > 0 {
		s += " (" + strings.Join(who, ", ") + ")"
	}
	return s + ": " + a.Status
}

// previousLine is one previous action and how its indicator moved:
// "Agree a twelve-month plan (Ana Ruiz, due 2026-06-30): done; Development
// plan 0.00 -> 2.00".
func previousLine(m ActionMove) string {
	return actionText(m.Action) + "; " + m.Title + " " + m.Move.String()
}

// previousHeading names the previous round: "Since the previous round
// (2026-05-21)".
func previousHeading(p *PreviousRound) string {
	return "Since the previous round (" + p.Assessment.Date.Format(model.DateLayout) + ")"
}

// actionsTable writes this round's actions and the previous round's, with
// the change since, for a terminal.
func actionsTable(p *printer, rep *Report) {
	st := rep.Style
	fw := rep.Result.Framework
	if acts := rep.Assessment.Actions; len(acts) > 0 {
		p.line("")
		p.line("%s", st.Bold("Actions agreed after this round"))
		for _, a := range acts {
			p.hang(4, "  - %s", OneLine(ActionTitle(fw, a)+": "+actionText(a)))
		}
	}
	c := rep.Change()
	if c == nil {
		return
	}
	p.line("")
	p.line("%s", st.Bold(previousHeading(c.Previous)))
	p.line("  Overall %s (%s)", c.Overall.String(), signedMove(c.Overall.Delta()))
	if moves := rep.PreviousActions(); len(moves) > 0 {
		p.line("  Actions agreed then:")
		for _, m := range moves {
			p.hang(6, "    - %s", OneLine(previousLine(m)))
		}
	}
}

// signedMove writes a change with its sign: "+0.26", "-0.10", "0.00", or "-"
// when there is none.
func signedMove(n score.Number) string {
	switch {
	case !n.Valid:
		return "no change to show"
	case n.Value > 0:
		return "+" + Fixed2(n.Value)
	}
	return Fixed2(n.Value)
}

// actionsMarkdown writes the actions sections in Markdown.
func actionsMarkdown(p *printer, rep *Report) {
	fw := rep.Result.Framework
	if acts := rep.Assessment.Actions; len(acts) > 0 {
		p.line("")
		p.line("## Actions agreed after this round")
		p.line("")
		for _, a := range acts {
			p.line("- %s", Markdown(ActionTitle(fw, a)+": "+actionText(a)))
		}
	}
	c := rep.Change()
	if c == nil {
		return
	}
	p.line("")
	p.line("## %s", previousHeading(c.Previous))
	p.line("")
	p.line("Overall %s (%s).", c.Overall.String(), signedMove(c.Overall.Delta())) // numbers only: nothing to escape
	if moves := rep.PreviousActions(); len(moves) > 0 {
		p.line("")
		p.line("Actions agreed then:")
		p.line("")
		for _, m := range moves {
			// User text escaped, the arrow left as typed.
			p.line("- %s; %s %s", Markdown(actionText(m.Action)), Markdown(m.Title), m.Move.String())
		}
	}
}

// ActionDoc is an action in JSON, as in the file, with the movement of
// what it is about for the previous round's actions.
type ActionDoc struct {
	Indicator string  `json:"indicator"`
	Title     string  `json:"title"`
	What      string  `json:"what"`
	Owner     *string `json:"owner"`
	Due       *string `json:"due"`
	Status    string  `json:"status"`
	// Was and Now are the scores of what the action is about in the
	// previous round and in this one (previous round's actions only).
	Was *float64 `json:"was,omitempty"`
	Now *float64 `json:"now,omitempty"`
}

// PreviousDoc is the previous round in JSON: where it was found, its
// overall score, the change since, and its actions.
type PreviousDoc struct {
	File       string               `json:"file"`
	Date       string               `json:"date"`
	Overall    MoveDoc              `json:"overall"`
	Dimensions []DimensionChangeDoc `json:"dimensions"`
	Actions    []ActionDoc          `json:"actions"`
}

// MoveDoc is a score then and now and the change, rounded; null when absent.
type MoveDoc struct {
	Was    *float64 `json:"was"`
	Now    *float64 `json:"now"`
	Change *float64 `json:"change"`
}

// DimensionChangeDoc is one dimension's move since the previous round.
type DimensionChangeDoc struct {
	ID string `json:"id"`
	MoveDoc
}

func moveDoc(m Move) MoveDoc {
	return MoveDoc{Was: Rounded(m.Was), Now: Rounded(m.Now), Change: Rounded(m.Delta())}
}

// NewActionDoc is an action in JSON, its title naming what it is about
// (ActionTitle): the shape of actions in cop report and cop plan --list.
func NewActionDoc(a model.Action, title string) ActionDoc {
	d := ActionDoc{Indicator: a.Target(), Title: title, What: a.What, Status: a.Status}
	if a.Owner != "" {
		d.Owner = &a.Owner
	}
	if !a.Due.IsZero() {
		due := a.Due.Format(model.DateLayout)
		d.Due = &due
	}
	return d
}

// actionDocs are this round's actions and the previous round in JSON.
func actionDocs(rep *Report) ([]ActionDoc, *PreviousDoc) {
	acts := []ActionDoc{}
	for _, a := range rep.Assessment.Actions {
		acts = append(acts, NewActionDoc(a, ActionTitle(rep.Result.Framework, a)))
	}
	c := rep.Change()
	if c == nil {
		return acts, nil
	}
	p := &PreviousDoc{File: c.Previous.Path, Date: c.Previous.Assessment.Date.Format(model.DateLayout),
		Overall: moveDoc(c.Overall), Dimensions: []DimensionChangeDoc{}, Actions: []ActionDoc{}}
	for _, d := range c.Dimensions {
		p.Dimensions = append(p.Dimensions, DimensionChangeDoc{ID: d.Dimension.ID, MoveDoc: moveDoc(d.Move)})
	}
	for _, m := range rep.PreviousActions() {
		d := NewActionDoc(m.Action, m.Title)
		d.Was, d.Now = Rounded(m.Was), Rounded(m.Now)
		p.Actions = append(p.Actions, d)
	}
	return acts, p
}

// htmlActions is what the HTML report shows of the actions: every string
// plain text, escaped by the template.
type htmlActions struct {
	This     []string
	Since    string
	Overall  string
	Previous []string
}

func actionsHTML(rep *Report) *htmlActions {
	fw := rep.Result.Framework
	h := &htmlActions{}
	for _, a := range rep.Assessment.Actions {
		h.This = append(h.This, OneLine(ActionTitle(fw, a)+": "+actionText(a)))
	}
	if c := rep.Change(); c != nil {
		h.Since = previousHeading(c.Previous)
		h.Overall = "Overall " + c.Overall.String() + " (" + signedMove(c.Overall.Delta()) + ")."
		for _, m := range rep.PreviousActions() {
			h.Previous = append(h.Previous, OneLine(previousLine(m)))
		}
	}
	if len(h.This) == 0 && h.Since == "" {
		return nil
	}
	return h
}

// changeSentence says the change since the previous round in a sentence
// for the HTML summary: "Since the previous round (2026-05-21) the overall
// score rose from 1.98 to 2.67 (+0.69)."; "" without a previous round.
func changeSentence(c *RoundChange) string {
	if c == nil {
		return ""
	}
	date := c.Previous.Assessment.Date.Format(model.DateLayout)
	d := c.Overall.Delta()
	switch {
	case !d.Valid:
		return "The previous round (" + date + ") has no overall score to compare with."
	case d.Value > 0:
		return "Since the previous round (" + date + ") the overall score rose from " + Score(c.Overall.Was) + " to " + Score(c.Overall.Now) + " (" + signedMove(d) + ")."
	case d.Value < 0:
		return "Since the previous round (" + date + ") the overall score fell from " + Score(c.Overall.Was) + " to " + Score(c.Overall.Now) + " (" + signedMove(d) + ")."
	}
	return "Since the previous round (" + date + ") the overall score is unchanged at " + Score(c.Overall.Now) + "."
}
