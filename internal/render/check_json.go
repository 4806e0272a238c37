package render

import (
	"io"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// CheckDoc is the JSON shape of cop check. Numbers are rounded to 2
// decimals as they are compared; absent ones are null.
type CheckDoc struct {
	Policy   *string        `json:"policy"`
	Flags    []string       `json:"flags"`
	Baseline *RoundDoc      `json:"baseline"`
	Passed   bool           `json:"passed"`
	Summary  CheckCounts    `json:"summary"`
	Files    []CheckFileDoc `json:"files"`
}

// RoundDoc names an assessment file and its round.
type RoundDoc struct {
	File      string `json:"file"`
	Community string `json:"community"`
	Date      string `json:"date"`
}

// CheckFileDoc is the outcome for one file.
type CheckFileDoc struct {
	File      string        `json:"file"`
	Valid     bool          `json:"valid"`
	Passed    bool          `json:"passed"`
	Community *string       `json:"community"`
	Date      *string       `json:"date"`
	Framework *FrameworkDoc `json:"framework"`
	// Age is the round's age in days on the day of the check.
	Age      *int         `json:"age"`
	Rules    []RuleDoc    `json:"rules"`
	Targets  *TargetsDoc  `json:"targets"`
	Problems []ProblemDoc `json:"problems"`
	Warnings []ProblemDoc `json:"warnings"`
}

// RuleDoc is one rule's outcome. Actual and Required are numbers, except
// for min-level, where they are level ids; Actual is null when there is
// nothing to compare (see Reason).
type RuleDoc struct {
	Name      string      `json:"name"`
	Rule      string      `json:"rule"`
	Dimension *string     `json:"dimension"`
	Status    gate.Status `json:"status"`
	Reason    *string     `json:"reason"`
	Actual    any         `json:"actual"`
	Required  any         `json:"required"`
	// Now and Baseline are the scores max-drop compares.
	Now      *float64 `json:"now,omitempty"`
	Baseline *float64 `json:"baseline,omitempty"`
	Line     *int     `json:"line"`
	Message  string   `json:"message"`
}

// TargetsDoc is the distance to the targets.
type TargetsDoc struct {
	Percent    *float64    `json:"percentToTarget"`
	SumGaps    float64     `json:"sumGaps"`
	SumTargets float64     `json:"sumTargets"`
	Dimensions []TargetDoc `json:"dimensions"`
}

// TargetDoc is one dimension's distance to its target.
type TargetDoc struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	Score    *float64 `json:"score"`
	Target   float64  `json:"target"`
	Gap      *float64 `json:"gap"`
	Baseline *float64 `json:"baseline"`
	Progress *float64 `json:"progress"`
}

func roundDoc(a *model.Assessment) *RoundDoc {
	return &RoundDoc{File: a.Path, Community: a.Community, Date: a.Date.Format(model.DateLayout)}
}

// NewCheckDoc builds the JSON document of a check.
func NewCheckDoc(r *CheckReport) *CheckDoc {
	c := r.Counts()
	doc := &CheckDoc{Flags: r.Flags, Passed: c.Passed(), Summary: c, Files: []CheckFileDoc{}}
	if doc.Flags == nil {
		doc.Flags = []string{}
	}
	if r.Policy != "" {
		doc.Policy = &r.Policy
	}
	if r.Baseline != nil {
		doc.Baseline = roundDoc(r.Baseline.Assessment)
	}
	for i := range r.Files {
		f := &r.Files[i]
		fd := CheckFileDoc{File: f.Path, Rules: []RuleDoc{}, Problems: ProblemDocs(f.Path, f.Problems), Warnings: ProblemDocs(f.Path, f.Warnings)}
		if res := f.Result; res != nil {
			a, fw := res.Input.Assessment, res.Input.Result.Framework
			date := a.Date.Format(model.DateLayout)
			fd.Valid, fd.Passed = true, res.Passed()
			fd.Community, fd.Date, fd.Age = &a.Community, &date, &res.Age
			fd.Framework = &FrameworkDoc{ID: fw.ID, Version: fw.Version, Title: fw.Title}
			for j := range res.Outcomes {
				fd.Rules = append(fd.Rules, ruleDoc(&res.Outcomes[j], res))
			}
			if t := res.Targets; t != nil {
				td := &TargetsDoc{Percent: Rounded(t.Percent), SumGaps: score.Round2(t.SumGaps), SumTargets: score.Round2(t.SumTargets), Dimensions: []TargetDoc{}}
				for _, row := range t.Rows {
					td.Dimensions = append(td.Dimensions, TargetDoc{ID: row.Dimension.ID, Title: row.Dimension.Title, Status: string(row.Status),
						Score: Rounded(row.Score), Target: row.Target, Gap: Rounded(row.Gap), Baseline: Rounded(row.Baseline), Progress: Rounded(row.Progress)})
				}
				fd.Targets = td
			}
		}
		doc.Files = append(doc.Files, fd)
	}
	return doc
}

func ruleDoc(o *gate.Outcome, res *gate.Result) RuleDoc {
	d := RuleDoc{Name: o.Name(), Rule: o.Rule, Status: o.Status, Required: o.Bound, Message: ruleMessage(o, res, func(s string) string { return s })}
	if o.Dimension != nil {
		d.Dimension = &o.Dimension.ID
	}
	if o.Reason != "" {
		reason := string(o.Reason)
		d.Reason = &reason
	}
	if o.Line > 0 {
		d.Line = &o.Line
	}
	if o.Value.Valid {
		d.Actual = *Rounded(o.Value)
	}
	switch o.Rule {
	case gate.MinLevel:
		d.Required = o.MinLevel.ID
		d.Actual = nil
		if o.Level != nil && o.Value.Valid {
			d.Actual = o.Level.ID
		}
	case gate.MaxOverdue:
		d.Actual, d.Required = int(o.Value.Value), int(o.Bound)
	case gate.MaxAge, gate.RequireComplete:
		d.Actual = int(o.Value.Value)
		if o.Rule == gate.MaxAge {
			d.Required = int(o.Bound)
		}
	case gate.MaxDrop:
		d.Now, d.Baseline = Rounded(o.Now), Rounded(o.Was)
	}
	return d
}

// CheckJSON writes the check as JSON.
func CheckJSON(w io.Writer, r *CheckReport) error { return JSON(w, NewCheckDoc(r)) }
