package render

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// CheckFormats are the formats cop check writes.
var CheckFormats = []string{"table", "json", "junit", "github"}

// CheckFile is one file given to cop check: checked, or invalid.
type CheckFile struct {
	Path string
	// Result is nil when the file could not be checked; Problems says why.
	Result   *gate.Result
	Problems load.Problems
	// Warnings did not stop the file from being checked.
	Warnings load.Problems
}

// CheckReport is everything a cop check renderer needs.
type CheckReport struct {
	// Policy is the policy file read, or "" when every rule came from flags.
	Policy string
	// Flags are the flags that set or overrode rules, such as --min-overall.
	Flags []string
	// Baseline is the earlier round compared with, if any.
	Baseline *gate.Round
	Files    []CheckFile
	Style    Style
}

// CheckCounts are the totals of a check, over files and over rules.
type CheckCounts struct {
	Files        int `json:"files"`
	FilesPassed  int `json:"filesPassed"`
	FilesFailed  int `json:"filesFailed"`
	FilesInvalid int `json:"filesInvalid"`
	Rules        int `json:"rules"`
	RulesPassed  int `json:"rulesPassed"`
	RulesFailed  int `json:"rulesFailed"`
	RulesSkipped int `json:"rulesSkipped"`
	// RulesWarned counts the rules not met that only warn.
	RulesWarned int `json:"rulesWarned"`
}

// Counts adds up the outcomes of every file.
func (r *CheckReport) Counts() CheckCounts {
	c := CheckCounts{Files: len(r.Files)}
	for _, f := range r.Files {
		switch {
		case f.Result == nil:
			c.FilesInvalid++
			continue
		case f.Result.Passed():
			c.FilesPassed++
		default:
			c.FilesFailed++
		}
		c.Rules += len(f.Result.Outcomes)
		c.RulesPassed += f.Result.Count(gate.Pass)
		c.RulesFailed += f.Result.Count(gate.Fail)
		c.RulesSkipped += f.Result.Count(gate.Skip)
		c.RulesWarned += f.Result.Count(gate.Warn)
	}
	return c
}

// Passed reports whether every file was checked and no rule failed.
func (c CheckCounts) Passed() bool { return c.FilesFailed == 0 && c.FilesInvalid == 0 }

// String is the summary line: "2 files: 1 passed, 1 failed; 20 rules: 17
// passed, 3 failed". Counts of zero are left out, except files passed.
func (c CheckCounts) String() string {
	files := []string{fmt.Sprintf("%d passed", c.FilesPassed)}
	if c.FilesFailed > 0 {
		files = append(files, fmt.Sprintf("%d failed", c.FilesFailed))
	}
	if c.FilesInvalid > 0 {
		files = append(files, fmt.Sprintf("%d invalid", c.FilesInvalid))
	}
	rules := []string{fmt.Sprintf("%d passed", c.RulesPassed)}
	if c.RulesFailed > 0 {
		rules = append(rules, fmt.Sprintf("%d failed", c.RulesFailed))
	}
	if c.RulesWarned > 0 {
		rules = append(rules, fmt.Sprintf("%d warned", c.RulesWarned))
	}
	if c.RulesSkipped > 0 {
		rules = append(rules, fmt.Sprintf("%d skipped", c.RulesSkipped))
	}
	return fmt.Sprintf("%s: %s; %s: %s", Plural(c.Files, "file"), strings.Join(files, ", "),
		Plural(c.Rules, "rule"), strings.Join(rules, ", "))
}

// policyLine says where the rules came from.
func (r *CheckReport) policyLine(esc func(string) string) string {
	flags := strings.Join(r.Flags, ", ")
	switch {
	case r.Policy == "":
		return "rules from the command line (" + flags + ")"
	case flags == "":
		return esc(r.Policy)
	}
	return esc(r.Policy) + ", with " + flags + " from the command line"
}

// roundTitle names a round: "community, date".
func roundTitle(a *model.Assessment, esc func(string) string) string {
	return esc(a.Community) + ", " + a.Date.Format(model.DateLayout)
}

// verdict is a file's outcome in a word.
func verdict(f *CheckFile) string {
	switch {
	case f.Result == nil:
		return "invalid"
	case f.Result.Passed():
		return "passed"
	}
	return "failed"
}

// bound writes a threshold from a policy: with 2 decimals like the scores
// it is compared with, unless the user gave more (2.125 stays 2.125, so that
// the message never shows a bound the comparison did not use).
func bound(v float64) string {
	if score.Round2(v) == v {
		return Fixed2(v)
	}
	return model.FormatNumber(v)
}

// fraction writes a coverage bound as a percentage: 0.8 is 80%, 0.755 is 75.5%.
func fraction(v float64) string {
	return model.FormatNumber(math.Round(v*10000)/100) + "%"
}

// ruleMessage says in one line what a rule found, for every format. esc
// makes user text (titles, labels) safe for the format at hand.
func ruleMessage(o *gate.Outcome, res *gate.Result, esc func(string) string) string {
	subject := "overall score"
	if o.Dimension != nil {
		subject = esc(o.Dimension.Title) + ":"
	}
	switch o.Rule {
	case gate.MinOverall, gate.Min:
		switch {
		case o.Status == gate.Skip:
			return subject + " not applicable (every indicator excluded), not checked"
		case !o.Value.Valid:
			return subject + " no score (no indicator rated), minimum " + bound(o.Bound)
		case notMet(o):
			return subject + " " + Fixed2(o.Value.Value) + " is below the minimum " + bound(o.Bound)
		}
		return subject + " " + Fixed2(o.Value.Value) + ", minimum " + bound(o.Bound)
	case gate.MinLevel:
		want := esc(o.MinLevel.Label) + " (from " + model.FormatNumber(o.MinLevel.Min) + ")"
		switch {
		case !o.Value.Valid:
			return "no overall level (no indicator rated), lowest allowed " + want
		case notMet(o):
			return "overall level " + esc(o.Level.Label) + " (" + Fixed2(o.Value.Value) + ") is below " + want
		}
		return "overall level " + esc(o.Level.Label) + " (" + Fixed2(o.Value.Value) + "), lowest allowed " + want
	case gate.MinCoverage:
		switch {
		case !o.Value.Valid:
			return "no coverage (every indicator not applicable), minimum " + fraction(o.Bound)
		case notMet(o):
			return "coverage " + Percent(o.Value) + " is below the minimum " + fraction(o.Bound)
		}
		return "coverage " + Percent(o.Value) + ", minimum " + fraction(o.Bound)
	case gate.MinResponseRate:
		a := res.Input.Assessment
		switch {
		case o.Reason == gate.NotInvited:
			return "no response rate (the round has no invited: N), minimum " + fraction(o.Bound)
		case o.Status == gate.Fail:
			return fmt.Sprintf("%d of %d invited answered (%s), below the minimum %s", len(a.Responses), a.Invited, Percent(o.Value), fraction(o.Bound))
		}
		return fmt.Sprintf("%d of %d invited answered (%s), minimum %s", len(a.Responses), a.Invited, Percent(o.Value), fraction(o.Bound))
	case gate.RequireComplete:
		ov := res.Input.Result.Overall
		applicable := ov.Total - ov.Excluded
		s := fmt.Sprintf("%d of %d indicators rated", ov.Rated, applicable)
		if ov.Excluded > 0 {
			s += fmt.Sprintf(" (%d not applicable)", ov.Excluded)
		}
		if notMet(o) {
			s += fmt.Sprintf(": %d not rated (don't know or no answer)", int(o.Value.Value))
		}
		return s
	case gate.MaxOverdue:
		return overdueMessage(o, esc)
	case gate.MaxAge:
		date := res.Input.Assessment.Date.Format(model.DateLayout)
		age := fmt.Sprintf("the round (%s) is %s old", date, Plural(int(o.Value.Value), "day"))
		if o.Value.Value < 0 {
			age = fmt.Sprintf("the round (%s) is dated %s ahead", date, Plural(-int(o.Value.Value), "day"))
		}
		if notMet(o) {
			return age + ", more than the maximum " + Plural(int(o.Bound), "day")
		}
		return age + ", maximum " + Plural(int(o.Bound), "day")
	case gate.MaxDrop:
		return dropMessage(o, res, esc)
	}
	return o.Name()
}

func dropMessage(o *gate.Outcome, res *gate.Result, esc func(string) string) string {
	subject := "overall"
	if o.Dimension != nil {
		subject = esc(o.Dimension.Title)
	}
	base := "the baseline"
	if b := res.Input.Baseline; b != nil {
		base = "the baseline (" + b.Assessment.Date.Format(model.DateLayout) + ")"
	}
	switch {
	case o.Reason == gate.NotApplicable:
		return subject + ": not applicable (every indicator excluded), not compared"
	case o.Reason == gate.Unscored && o.Was.Valid:
		return subject + ": no score now (no indicator rated), " + Fixed2(o.Was.Value) + " in " + base
	case o.Reason == gate.Unscored:
		return subject + ": no score now or in " + base + ", not compared"
	case o.Reason == gate.NoBaselineScore:
		return subject + ": " + Fixed2(o.Now.Value) + ", no score in " + base + ", not compared"
	}
	s := subject + ": " + Fixed2(o.Now.Value) + ", " + Fixed2(o.Was.Value) + " in " + base
	switch d := o.Value.Value; {
	case notMet(o):
		return s + ": dropped " + Fixed2(d) + ", more than the maximum " + bound(o.Bound)
	case d > 0:
		return s + ": dropped " + Fixed2(d) + ", maximum " + bound(o.Bound)
	case d < 0:
		return s + ": rose " + Fixed2(-d)
	}
	return s + ": unchanged"
}

// targetsLine sums up the targets: "89% of the way (sum of gaps 0.83, sum
// of targets 7.00)". The sums are figures cop computed, so they are rounded
// like every score, even when a target was given with more decimals.
func targetsLine(t *gate.Targets) string {
	return fmt.Sprintf("%s of the way (sum of gaps %s, sum of targets %s)", Percent(t.Percent), Fixed2(t.SumGaps), Fixed2(t.SumTargets))
}

// targetsTable lays out the targets, with baseline and progress columns
// when there is a baseline, and a last column saying which dimensions are
// not applicable or not rated, when some are. cell makes user text safe.
func targetsTable(t *gate.Targets, withBaseline bool, cell func(string) string) Table {
	tab := Table{Header: []string{"Dimension", "Score", "Target", "Gap"}, Align: []Align{Left, Right, Right, Right}}
	if withBaseline {
		tab.Header = append(tab.Header, "Baseline", "Progress")
		tab.Align = append(tab.Align, Right, Right)
	}
	notes := false
	for _, row := range t.Rows {
		r := []string{cell(row.Dimension.Title), Score(row.Score), bound(row.Target), Score(row.Gap)}
		if withBaseline {
			r = append(r, Score(row.Baseline), Percent(row.Progress))
		}
		switch row.Status {
		case score.Excluded:
			r, notes = append(r, "not applicable"), true
		case score.Unrated:
			r, notes = append(r, "not rated"), true
		}
		tab.Rows = append(tab.Rows, r)
	}
	if notes {
		tab.Header = append(tab.Header, "")
	}
	return tab
}

// targetsIndent sets the targets table off under its file in CheckText.
const targetsIndent = "    "

// CheckText writes the check for a terminal or a CI log, within
// Style.Width columns: where the rules came from, then per file a line per
// rule and the distance to the targets, then a summary line.
func CheckText(w io.Writer, r *CheckReport) error {
	st := r.Style
	p := &printer{w: w, width: st.width()}
	p.line("Policy: %s", r.policyLine(inert.Line))
	if r.Baseline != nil {
		p.line("Baseline: %s (%s)", inert.Line(r.Baseline.Assessment.Path), roundTitle(r.Baseline.Assessment, OneLine))
	}
	for i := range r.Files {
		f := &r.Files[i]
		p.line("")
		if f.Result == nil {
			p.line("%s: %s: %s (listed on standard error)", inert.Line(f.Path), st.Paint("31", "invalid"), Plural(len(f.Problems), "problem"))
			continue
		}
		res := f.Result
		word := st.Paint("32", "passed")
		if !res.Passed() {
			word = st.Paint("31", st.Bold("FAILED"))
		}
		p.line("%s: %s: %s", inert.Line(f.Path), roundTitle(res.Input.Assessment, OneLine), word)
		width := 0
		for _, o := range res.Outcomes {
			width = max(width, len(o.Name()))
		}
		for j := range res.Outcomes {
			o := &res.Outcomes[j]
			status := st.Paint("32", "pass")
			switch o.Status {
			case gate.Fail:
				status = st.Paint("31", st.Bold("FAIL"))
			case gate.Skip:
				status = st.Paint("33", "skip")
			case gate.Warn:
				status = st.Paint("33", st.Bold("warn"))
			}
			p.hang(2+4+2+width+2, "  %s  %-*s  %s", status, width, o.Name(), ruleMessage(o, res, OneLine))
		}
		if t := res.Targets; t != nil {
			p.line("  Targets: %s", targetsLine(t))
			var b strings.Builder
			tab := targetsTable(t, res.Input.Baseline != nil, OneLine)
			tab.MaxWidth = st.width() - len(targetsIndent)
			if err := tab.WritePlain(&b); err != nil {
				return err
			}
			for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
				p.line("%s%s", targetsIndent, l)
			}
		}
	}
	p.line("")
	p.line("%s", r.Counts())
	return p.flush()
}

// notMet reports whether a rule was not met: failed, or only warned.
func notMet(o *gate.Outcome) bool { return o.Status == gate.Fail || o.Status == gate.Warn }

// overdueMessage says how many actions are overdue, naming them: "2 actions
// overdue (purpose/development-plan due 2026-06-30, owner Ana Ruiz: Agree a
// twelve-month plan; ...), more than the maximum 1".
func overdueMessage(o *gate.Outcome, esc func(string) string) string {
	n := int(o.Value.Value)
	s := Plural(n, "action") + " overdue"
	if n == 0 {
		s = "no action overdue"
	}
	if n > 0 {
		var items []string
		for _, a := range o.Overdue {
			item := a.Target() + " due " + a.Due.Format(model.DateLayout)
			if a.Owner != "" {
				item += ", owner " + esc(a.Owner)
			}
			items = append(items, item+": "+esc(a.What))
		}
		s += " (" + strings.Join(items, "; ") + ")"
	}
	if notMet(o) {
		return s + ", more than the maximum " + model.FormatNumber(o.Bound)
	}
	return s + ", maximum " + model.FormatNumber(o.Bound)
}
