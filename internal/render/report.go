package render

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// Report is everything a report renderer needs.
type Report struct {
	Assessment *model.Assessment
	Result     *score.Result
	// Weakest is how many of the weakest indicators to list with guidance.
	Weakest int
	// Explain adds the arithmetic behind every number.
	Explain bool
	Style   Style
	// Policy, when set, gives the targets the HTML report draws (cop report
	// --policy); it must fit the framework (load.FitPolicy).
	Policy *model.Policy
	// Previous is the community's previous round, when one was found: the
	// report shows the change since (Change) and its actions with how their
	// indicators moved (PreviousActions).
	Previous *PreviousRound
	// Made is when the report is made (the factory's clock, which COP_NOW
	// pins) and Version the cop that makes it: the HTML footer says both.
	Made    time.Time
	Version string
	// Draft says why the assessment is a draft, answers saved part way
	// ("the file says draft: true", "its name ends .draft.yaml"), or is
	// empty: a draft's report says so under its headline.
	Draft string
}

// draftText follows "Draft:" under a draft report's headline.
func draftText(rep *Report) string {
	return "not every answer is final (" + rep.Draft + ")"
}

// ReportFormats are the formats cop report writes.
var ReportFormats = []string{"table", "markdown", "json", "html"}

// notesOf lists the notes on a dimension, in response order.
func notesOf(a *model.Assessment, dim string) []note {
	var out []note
	for _, r := range a.Responses {
		if text, ok := r.Notes[dim]; ok {
			who := r.Respondent
			if strings.TrimSpace(who) == "" {
				who = "Anonymous" // a file from an anonymous round, before cop merge labels it
			}
			out = append(out, note{Respondent: who, Text: text})
		}
	}
	return out
}

// dimensionNotes is a dimension's title with the notes on it.
type dimensionNotes struct {
	title string
	notes []note
}

// notedDimensions lists, in framework order, the dimensions that have notes.
func notedDimensions(a *model.Assessment, res *score.Result) []dimensionNotes {
	var out []dimensionNotes
	for _, d := range res.Dimensions {
		notes := append(notesOf(a, d.Dimension.ID), indicatorNotesOf(a, d.Dimension)...)
		if len(notes) > 0 {
			out = append(out, dimensionNotes{d.Dimension.Title, notes})
		}
	}
	return out
}

type note struct {
	Respondent string `json:"respondent"`
	Text       string `json:"text"`
	// Indicator is the title of the indicator a note is about, or "" for a
	// note on the whole dimension (report_notes.go).
	Indicator string `json:"-"`
}

// unratedReason says why an indicator has no score: "2 don't know, 1 no answer".
func unratedReason(ind *score.Indicator) string {
	var parts []string
	if ind.Unknown > 0 {
		parts = append(parts, fmt.Sprintf("%d don't know", ind.Unknown))
	}
	if ind.NotApplicable > 0 {
		parts = append(parts, fmt.Sprintf("%d not applicable", ind.NotApplicable))
	}
	if ind.Unanswered > 0 {
		parts = append(parts, fmt.Sprintf("%d no answer", ind.Unanswered))
	}
	return strings.Join(parts, ", ")
}

// valuesList writes the ratings of a disagreement in order: "1, 3, 3".
func valuesList(vs []float64) string {
	sorted := append([]float64(nil), vs...)
	sort.Float64s(sorted)
	parts := make([]string, len(sorted))
	for i, v := range sorted {
		parts[i] = model.FormatNumber(v)
	}
	return strings.Join(parts, ", ")
}

// explanation writes the arithmetic behind every number of a result, one
// line per step, as plain text that every format can carry.
func explanation(res *score.Result) []string {
	fw := res.Framework
	step := fw.Step()
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	add("Indicator score: the mean of the scale values given (unknown, not-applicable and missing answers are left out).")
	add("Excluded: every response says not-applicable. A missing answer counts like unknown, so not-applicable beside unknown or no answer is not rated.")
	add("Dimension score: the weighted mean of its rated indicators' scores; coverage: rated / (indicators - excluded).")
	add("Overall score: the weighted mean of the dimension scores (dimension weights); coverage: rated / (all indicators - excluded).")
	add("Level: the highest level whose min is at most the score rounded to 2 decimals.")
	add("Disagreement: a spread (highest - lowest rating) of at least 2 scale steps (2 x %s = %s), or a rating beside not-applicable.",
		model.FormatNumber(step), model.FormatNumber(2*step))
	add("Results are computed unrounded and shown rounded to 2 decimals; a term ending in ... is rounded to 4 decimals.")
	var dimTerms, dimWeights []string
	for _, d := range res.Dimensions {
		add("")
		add("%s (%s, weight %s)", d.Dimension.Title, d.Dimension.ID, model.FormatNumber(d.Dimension.Weight))
		var terms, weights []string
		for i := range d.Indicators {
			ind := &d.Indicators[i]
			w := ind.Indicator.Weight
			label := fmt.Sprintf("  %s (weight %s):", ind.Indicator.ID, model.FormatNumber(w))
			switch ind.Status {
			case score.Rated:
				sum := 0.0
				vals := make([]string, len(ind.Values))
				for j, v := range ind.Values {
					sum += v
					vals[j] = model.FormatNumber(v)
				}
				line := fmt.Sprintf("%s mean(%s) = %s/%d = %s", label, strings.Join(vals, ", "),
					model.FormatNumber(sum), len(ind.Values), Fixed2(ind.Score))
				if len(ind.Values) > 1 {
					line += fmt.Sprintf("; spread %s", model.FormatNumber(ind.Spread))
					if ind.Disagreement {
						line += fmt.Sprintf(" >= %s: disagreement", model.FormatNumber(2*step))
					}
				}
				if r := unratedReason(ind); r != "" {
					line += " (also " + r + ")"
				}
				if ind.ApplicabilityDisputed {
					line += "; rated beside not-applicable: disagreement"
				}
				add("%s", line)
				terms = append(terms, fmt.Sprintf("%s x %s", Precise(ind.Score), model.FormatNumber(w)))
				weights = append(weights, model.FormatNumber(w))
			case score.Excluded:
				add("%s excluded (%s)", label, unratedReason(ind))
			default:
				add("%s not rated (%s)", label, unratedReason(ind))
			}
		}
		switch d.Status {
		case score.Excluded:
			add("  score = null, coverage = null: every indicator is excluded")
		case score.Unrated:
			add("  score = null: no indicator rated; coverage = 0 / (%d - %d) = 0.00", len(d.Indicators), d.Excluded)
		default:
			add("  score = (%s) / (%s) = %s -> %s", strings.Join(terms, " + "), strings.Join(weights, " + "),
				Score(d.Score), levelWhy(fw, d.Score))
			add("  coverage = %d / (%d - %d) = %s", d.Rated, len(d.Indicators), d.Excluded, Fixed2(d.Coverage.Value))
			dimTerms = append(dimTerms, fmt.Sprintf("%s x %s", Precise(d.Score.Value), model.FormatNumber(d.Dimension.Weight)))
			dimWeights = append(dimWeights, model.FormatNumber(d.Dimension.Weight))
		}
	}
	add("")
	add("Overall")
	o := res.Overall
	if o.Score.Valid {
		add("  score = (%s) / (%s) = %s -> %s", strings.Join(dimTerms, " + "), strings.Join(dimWeights, " + "),
			Score(o.Score), levelWhy(fw, o.Score))
		if n := explainLevel(res); n.HeldBack != "" {
			add("  level = %s: %s", o.Level.Label, n.HeldBack)
		}
	} else {
		add("  score = null: no dimension has a score")
	}
	if o.Coverage.Valid {
		add("  coverage = %d / (%d - %d) = %s", o.Rated, o.Total, o.Excluded, Fixed2(o.Coverage.Value))
	} else {
		add("  coverage = null: every indicator is excluded")
	}
	return out
}

// levelWhy explains a level: "Maturing (2 <= 2.41 < 3)".
func levelWhy(fw *model.Framework, n score.Number) string {
	r := score.Round2(n.Value)
	l := fw.Level(r)
	why := fmt.Sprintf("%s (%s <= %s", l.Label, model.FormatNumber(l.Min), Fixed2(r))
	for i := range fw.Levels {
		if fw.Levels[i].Min > l.Min {
			why += fmt.Sprintf(" < %s", model.FormatNumber(fw.Levels[i].Min))
			break
		}
	}
	return why + ")"
}
