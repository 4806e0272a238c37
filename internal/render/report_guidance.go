package render

import (
	"fmt"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// DefaultWeakest is how many of the weakest indicators a report lists with
// guidance by default: three options are enough for a group to choose from
// in one meeting; a longer list reads as a to-do list nobody agreed.
const DefaultWeakest = 3

// stageGuidance is what a report suggests for one weak indicator: the
// guidance for the community's overall level when the framework has one
// (guidance-by-level), else the indicator's general guidance. Stage is the
// level's label when the text is for that stage, "" otherwise.
type stageGuidance struct {
	Text  string
	Stage string
}

// guidanceFor picks the guidance for an indicator at the round's level.
func guidanceFor(res *score.Result, ind *model.Indicator) stageGuidance {
	l := res.Overall.Level
	if l == nil {
		return stageGuidance{Text: ind.Guidance}
	}
	g, forLevel := ind.GuidanceFor(l.ID)
	if !forLevel {
		return stageGuidance{Text: g}
	}
	return stageGuidance{Text: g, Stage: l.Label}
}

// optionLabel introduces a suggestion as one option among several, naming
// the stage it was written for: "Option for a coalescing community".
func (g stageGuidance) optionLabel() string {
	if g.Stage == "" {
		return "Option"
	}
	return "Option for " + article(strings.ToLower(g.Stage)) + " community"
}

// article puts "a" or "an" before a word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// weakestHeading frames the weakest indicators as options to choose from.
const weakestHeading = "Weakest indicators: options for the group to choose from"

// disagreementReason says why an indicator is flagged: "ratings 1, 3,
// spread 2" when ratings are two steps apart, "rated 2 by 1, not
// applicable to 2" when respondents disagree on whether it applies, or both.
func disagreementReason(ind *score.Indicator) string {
	var parts []string
	if ind.SpreadApart {
		parts = append(parts, fmt.Sprintf("ratings %s, spread %s", valuesList(ind.Values), model.FormatNumber(ind.Spread)))
	}
	if ind.ApplicabilityDisputed {
		rated := fmt.Sprintf("rated %s by %d", valuesList(ind.Values), len(ind.Values))
		if ind.SpreadApart {
			rated = fmt.Sprintf("rated by %d", len(ind.Values))
		}
		parts = append(parts, fmt.Sprintf("%s, not applicable to %d: do you agree it applies?", rated, ind.NotApplicable))
	}
	return strings.Join(parts, "; ")
}

// disagreementsHeading names both kinds of disagreement.
func disagreementsHeading(fw *model.Framework) string {
	return fmt.Sprintf("Disagreements (ratings %s or more apart, or rated beside not applicable)", model.FormatNumber(2*fw.Step()))
}

// meetingQuestions turns each disagreement and each indicator nobody could
// rate into a question the group can discuss, in framework order:
// disagreements first, then what nobody could rate.
func meetingQuestions(res *score.Result) []string {
	var out []string
	for _, ref := range res.Disagreements() {
		ind := ref.Indicator
		title := strings.TrimSpace(ind.Indicator.Title)
		var q []string
		if ind.SpreadApart {
			q = append(q, fmt.Sprintf("%s: you rated it %s. What does each of you see that the others do not?",
				title, orList(ind.Values)))
		}
		if ind.ApplicabilityDisputed {
			q = append(q, fmt.Sprintf("%s: %s rated it and %s said it does not apply. Does it apply to this community?",
				title, Plural(len(ind.Values), "member"), Plural(ind.NotApplicable, "member")))
		}
		if ind.SpreadApart && ind.ApplicabilityDisputed {
			q = []string{fmt.Sprintf("%s: %s rated it (%s) and %s said it does not apply. Does it apply, and what does each of you see?",
				title, Plural(len(ind.Values), "member"), valuesList(ind.Values), Plural(ind.NotApplicable, "member"))}
		}
		out = append(out, q...)
	}
	for _, ref := range res.Unrated() {
		out = append(out, fmt.Sprintf("%s: nobody could rate it (%s). Who would know, and how could the group find out?",
			strings.TrimSpace(ref.Indicator.Indicator.Title), unratedReason(ref.Indicator)))
	}
	return out
}

// orList writes distinct ratings as "1, 3 and 4".
func orList(vs []float64) string {
	parts := strings.Split(valuesList(dedupe(vs)), ", ")
	if len(parts) < 2 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func dedupe(vs []float64) []float64 {
	var out []float64
	seen := map[float64]bool{}
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// levelNote explains the overall level: what it means, which dimensions
// hold it back (min-each), and which dimensions lag behind it when the
// dimension scores span two levels or more.
type levelNote struct {
	// Description is the level's description from the framework.
	Description string
	// HeldBack: "the score reaches Fit, but Fit needs each dimension at
	// 1.50 or more: Resources 1.00"; empty when nothing holds it back.
	HeldBack string
	// Behind: "maturing overall; Impact and value and Sustainability still
	// coalescing"; empty when every scored dimension is at one level.
	Behind string
}

// explainLevel builds the note on a result's overall level.
func explainLevel(res *score.Result) levelNote {
	o := res.Overall
	if o.Level == nil {
		return levelNote{}
	}
	n := levelNote{Description: strings.Join(strings.Fields(o.Level.Description), " ")}
	if len(o.HeldBack) > 0 {
		var dims []string
		for _, h := range o.HeldBack {
			dims = append(dims, strings.TrimSpace(h.Dimension.Dimension.Title)+" "+Score(h.Dimension.Score))
		}
		h := o.HeldBack[0]
		n.HeldBack = fmt.Sprintf("the score %s reaches %s, but %s needs each dimension at %s or more: %s",
			Score(o.Score), h.Level.Label, h.Level.Label, Fixed2(h.MinEach), joinAnd(dims))
	}
	n.Behind = behind(res)
	return n
}

// behind names the dimensions whose level is below the overall level, by
// level, when the scored dimensions are not all at one level.
func behind(res *score.Result) string {
	fw := res.Framework
	rank := func(l *model.Level) int {
		for i := range fw.Levels {
			if &fw.Levels[i] == l || fw.Levels[i].ID == l.ID {
				return i
			}
		}
		return -1
	}
	overall := rank(res.Overall.Level)
	lo, hi := len(fw.Levels), -1
	byLevel := map[int][]string{}
	for _, d := range res.Dimensions {
		if d.Level == nil {
			continue
		}
		r := rank(d.Level)
		lo, hi = min(lo, r), max(hi, r)
		if r < overall {
			byLevel[r] = append(byLevel[r], strings.TrimSpace(d.Dimension.Title))
		}
	}
	if hi-lo < 1 || len(byLevel) == 0 {
		return ""
	}
	var parts []string
	for r := overall - 1; r >= 0; r-- {
		if dims := byLevel[r]; len(dims) > 0 {
			parts = append(parts, joinAnd(dims)+" still "+strings.ToLower(fw.Levels[r].Label))
		}
	}
	return strings.ToLower(res.Overall.Level.Label) + " overall; " + strings.Join(parts, "; ")
}

// levelNoteTable writes the level's explanation under the overall line.
func levelNoteTable(p *printer, res *score.Result) {
	n := explainLevel(res)
	if n.Description != "" {
		p.hang(2, "  %s: %s", OneLine(LevelLabel(res.Overall.Level)), OneLine(n.Description))
	}
	if n.Behind != "" {
		p.hang(2, "  %s.", capitalize(OneLine(n.Behind)))
	}
	if n.HeldBack != "" {
		p.hang(2, "  Held back: %s.", OneLine(n.HeldBack))
	}
}

// questionsTable writes the questions for the group's meeting.
func questionsTable(p *printer, rep *Report) {
	qs := meetingQuestions(rep.Result)
	if len(qs) == 0 {
		return
	}
	p.line("")
	p.line("%s", rep.Style.Bold("Questions for your meeting"))
	for _, q := range qs {
		p.hang(4, "  - %s", OneLine(q))
	}
}

// capitalize puts the first letter in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// levelNoteMarkdown writes the level's explanation under the overall line.
func levelNoteMarkdown(p *printer, res *score.Result) {
	n := explainLevel(res)
	if n.Description != "" {
		p.line("")
		p.line("%s: %s", Markdown(LevelLabel(res.Overall.Level)), Markdown(n.Description))
	}
	if n.Behind != "" {
		p.line("")
		p.line("%s.", Markdown(capitalize(n.Behind)))
	}
	if n.HeldBack != "" {
		p.line("")
		p.line("Held back: %s.", Markdown(n.HeldBack))
	}
}

// LevelDoc is the JSON explanation of the overall level.
type LevelDoc struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	// ScoreLevel is the level the score alone reaches: above ID when a
	// dimension is under that level's min-each (HeldBack).
	ScoreLevel string        `json:"scoreLevel"`
	HeldBack   []HeldBackDoc `json:"heldBack"`
	// Behind says which dimensions are below the overall level, when the
	// dimension scores span two levels or more; "" otherwise.
	Behind string `json:"behind"`
}

// HeldBackDoc is a dimension under a level's min-each.
type HeldBackDoc struct {
	Dimension string   `json:"dimension"`
	Score     *float64 `json:"score"`
	MinEach   float64  `json:"minEach"`
}

func overallLevelDoc(res *score.Result) *LevelDoc {
	o := res.Overall
	if o.Level == nil {
		return nil
	}
	n := explainLevel(res)
	d := &LevelDoc{ID: o.Level.ID, Label: o.Level.Label, Description: n.Description, ScoreLevel: o.ScoreLevel.ID,
		HeldBack: []HeldBackDoc{}, Behind: n.Behind}
	for _, h := range o.HeldBack {
		d.HeldBack = append(d.HeldBack, HeldBackDoc{Dimension: h.Dimension.Dimension.ID, Score: Rounded(h.Dimension.Score), MinEach: h.MinEach})
	}
	return d
}

// disagreementReasons names the kinds of a disagreement for JSON.
func disagreementReasons(ind *score.Indicator) []string {
	var out []string
	if ind.SpreadApart {
		out = append(out, "spread")
	}
	if ind.ApplicabilityDisputed {
		out = append(out, model.NotApplicable)
	}
	return out
}

// htmlLevelNote is the level's explanation with every piece of text from
// the files made inert for the page (html/template escapes it too).
func htmlLevelNote(res *score.Result) levelNote {
	n := explainLevel(res)
	return levelNote{Description: OneLine(n.Description), Behind: capitalize(OneLine(n.Behind)), HeldBack: OneLine(n.HeldBack)}
}

// htmlQuestions are the meeting's questions, one line each.
func htmlQuestions(res *score.Result) []string {
	qs := meetingQuestions(res)
	for i := range qs {
		qs[i] = OneLine(qs[i])
	}
	return qs
}

// GuidanceFor returns what a report suggests for a weak indicator: the
// framework's guidance for the round's overall level when it has one, else
// the indicator's general guidance, and the label that introduces it
// ("Option", "Option for a coalescing community"). cop plan offers it as a
// starting point for an action.
func GuidanceFor(res *score.Result, ind *model.Indicator) (text, label string) {
	g := guidanceFor(res, ind)
	return g.Text, g.optionLabel()
}
