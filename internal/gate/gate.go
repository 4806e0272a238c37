// Package gate applies a policy to a scored assessment: each rule passes,
// fails or is skipped, with the value it looked at and the bound it asked
// for, and targets are measured but never enforced. It does no I/O, and
// "now" is an input, so that the same inputs always give the same answer.
//
// Every comparison uses scores rounded to 2 decimals (score.Round2), as the
// report shows them: a score shown as 2.00 passes a minimum of 2.
package gate

import (
	"time"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// Status is the outcome of one rule.
type Status string

// The outcomes of a rule, as written in JSON.
const (
	Pass Status = "pass"
	Fail Status = "fail"
	// Skip means the rule does not apply: a dimension that is not
	// applicable, or a score that cannot be compared with the baseline.
	Skip Status = "skip"
	// Warn means the rule is not met but the policy lists it under warn:
	// it is reported, and the check still passes.
	Warn Status = "warn"
)

// The rules, named by their keys in a policy file (and their flags).
const (
	MinOverall      = "min-overall"
	MinLevel        = "min-level"
	MinCoverage     = "min-coverage"
	MinResponseRate = "min-response-rate"
	RequireComplete = "require-complete"
	MaxAge          = "max-age"
	Min             = "min"
	MaxDrop         = "max-drop"
	MaxOverdue      = "max-overdue"
)

// Reason explains a rule that had no number to look at.
type Reason string

// The reasons a rule may have no number.
const (
	// Unscored: no indicator is rated (a minimum then fails).
	Unscored Reason = "unscored"
	// NotApplicable: every indicator of the dimension is excluded (skipped).
	NotApplicable Reason = "not-applicable"
	// NoBaselineScore: the baseline has no score to compare with (skipped).
	NoBaselineScore Reason = "no-baseline-score"
	// NotInvited: the round does not say how many were invited, so it has
	// no response rate (a minimum then fails).
	NotInvited Reason = "not-invited"
)

// Round is one scored assessment file.
type Round struct {
	Assessment *model.Assessment
	Result     *score.Result
}

// Input is what Evaluate needs: the round checked, an optional baseline, and
// the current time (for max-age).
type Input struct {
	Round
	Baseline *Round
	Now      time.Time
}

// Outcome is the result of one rule on one round.
type Outcome struct {
	Rule string
	// Dimension is set for the rules about one dimension (min, and max-drop
	// of a dimension); nil for the rules about the whole round.
	Dimension *model.Dimension
	Status    Status
	Reason    Reason
	// Value is what the rule looked at, rounded to 2 decimals: a score, a
	// coverage, an age in days, a count of unrated indicators, or a drop
	// (negative when the score rose). Null when there is none (see Reason).
	Value score.Number
	// Bound is what the rule asks: the minimum or the maximum.
	Bound float64
	// Level and MinLevel are the round's overall level and the lowest level
	// asked for (min-level).
	Level, MinLevel *model.Level
	// Now and Was are the scores max-drop compares, rounded.
	Now, Was score.Number
	// Line is the line of the assessment file the outcome is about (a
	// dimension's ratings, the date), or 0.
	Line int
	// Overdue are the actions past their due date and neither done nor
	// dropped (max-overdue), in the order of the file.
	Overdue []model.Action
}

// Name is how an outcome is listed and named as a test case: the rule, and
// for a dimension rule the dimension id ("min vitality").
func (o *Outcome) Name() string {
	if o.Dimension == nil {
		if o.Rule == MaxDrop {
			return o.Rule + " overall"
		}
		return o.Rule
	}
	return o.Rule + " " + o.Dimension.ID
}

// TargetRow is the distance of one dimension from its target.
type TargetRow struct {
	Dimension *model.Dimension
	Status    score.Status
	// Score is the dimension's score now, rounded; null when unrated or excluded.
	Score  score.Number
	Target float64
	// Gap is max(0, target - score); the whole target when the score is
	// null; null when the dimension is excluded (it then counts in neither sum).
	Gap score.Number
	// Baseline is the dimension's score in the baseline, rounded.
	Baseline score.Number
	// Progress is (score - baseline) / (target - baseline): the share of the
	// way from the baseline to the target covered since. Null without both
	// scores, or when the baseline already reached the target.
	Progress score.Number
}

// Targets is how far a round is from the policy's targets.
type Targets struct {
	Rows []TargetRow
	// SumGaps and SumTargets are over the rows that are not excluded.
	SumGaps, SumTargets float64
	// Percent is 1 - SumGaps / SumTargets, null when SumTargets is not above 0.
	Percent score.Number
}

// Result is every outcome for one round, in a fixed order: the rules about
// the whole round, then min per dimension, then max-drop (overall first),
// dimensions in framework order.
type Result struct {
	Input    Input
	Outcomes []Outcome
	// Targets is nil when the policy sets no target.
	Targets *Targets
	// Age is the round's age in whole days on the day of Input.Now.
	Age int
}

// Count returns how many outcomes have status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Status == s {
			n++
		}
	}
	return n
}

// Passed reports whether no rule failed.
func (r *Result) Passed() bool { return r.Count(Fail) == 0 }

func rounded(n score.Number) score.Number {
	if !n.Valid {
		return n
	}
	return score.Number{Value: score.Round2(n.Value), Valid: true}
}

func some(v float64) score.Number { return score.Number{Value: v, Valid: true} }

func atLeast(n score.Number, min float64) Status {
	if n.Valid && n.Value >= min {
		return Pass
	}
	return Fail
}

// AgeDays is the number of whole days from date to the calendar day of now
// (in now's time zone): 0 on the day itself, negative for a future date.
func AgeDays(date, now time.Time) int {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	dy, dm, dd := date.Date()
	day := time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC)
	return int(today.Sub(day).Hours() / 24)
}

// Evaluate applies the policy to one round. The policy must fit the round's
// framework (load.FitPolicy): a rule naming a dimension or level the
// framework lacks is passed over here.
func Evaluate(p *model.Policy, in Input) *Result {
	a, res := in.Assessment, in.Result
	fw := res.Framework
	out := &Result{Input: in, Age: AgeDays(a.Date, in.Now)}
	add := func(o Outcome) { out.Outcomes = append(out.Outcomes, warnOnly(p, o)) }
	overall := rounded(res.Overall.Score)

	if p.MinOverall != nil {
		o := Outcome{Rule: MinOverall, Value: overall, Bound: p.MinOverall.Value, Status: atLeast(overall, p.MinOverall.Value)}
		if !overall.Valid {
			o.Reason = Unscored
		}
		add(o)
	}
	if p.MinLevel != nil {
		if want := fw.LevelByID(p.MinLevel.Value); want != nil {
			o := Outcome{Rule: MinLevel, Level: res.Overall.Level, MinLevel: want, Value: overall, Bound: want.Min, Status: Fail}
			if !overall.Valid {
				o.Reason = Unscored
			} else if levelRank(fw, res.Overall.Level) >= levelRank(fw, want) {
				o.Status = Pass
			}
			add(o)
		}
	}
	if p.MinCoverage != nil {
		cov := rounded(res.Overall.Coverage)
		o := Outcome{Rule: MinCoverage, Value: cov, Bound: p.MinCoverage.Value, Status: atLeast(cov, p.MinCoverage.Value)}
		if !cov.Valid {
			o.Reason = NotApplicable
		}
		add(o)
	}
	if p.MinResponseRate != nil {
		add(responseRate(a, p.MinResponseRate.Value))
	}
	if p.RequireComplete {
		// Counted, not read from the rounded coverage: 0.995 shows as 100%
		// but one indicator is still unrated.
		unrated := res.Overall.Total - res.Overall.Excluded - res.Overall.Rated
		o := Outcome{Rule: RequireComplete, Value: some(float64(unrated)), Bound: 0, Status: Pass}
		if unrated > 0 {
			o.Status = Fail
		}
		add(o)
	}
	if p.MaxAge != nil {
		o := Outcome{Rule: MaxAge, Value: some(float64(out.Age)), Bound: p.MaxAge.Value, Status: Pass, Line: a.DatePos.Line}
		if float64(out.Age) > p.MaxAge.Value {
			o.Status = Fail
		}
		add(o)
	}
	if p.MaxOverdue != nil {
		add(maxOverdue(a, p.MaxOverdue.Value, in.Now))
	}
	for di := range res.Dimensions {
		d := &res.Dimensions[di]
		r := p.Dimension(d.Dimension.ID)
		if r == nil || r.Min == nil {
			continue
		}
		s := rounded(d.Score)
		o := Outcome{Rule: Min, Dimension: d.Dimension, Value: s, Bound: r.Min.Value, Status: atLeast(s, r.Min.Value),
			Line: a.DimensionLine(d.Dimension.ID)}
		switch d.Status {
		case score.Excluded:
			o.Status, o.Reason = Skip, NotApplicable
		case score.Unrated:
			o.Reason = Unscored
		}
		add(o)
	}
	if in.Baseline != nil {
		maxDrop := 0.0
		if p.MaxDrop != nil {
			maxDrop = p.MaxDrop.Value
		}
		base := in.Baseline.Result
		add(drop(nil, res.Overall.Score, base.Overall.Score, score.Rated, maxDrop, 0))
		for di := range res.Dimensions {
			d := &res.Dimensions[di]
			was := score.Number{}
			if bd := base.Dimension(d.Dimension.ID); bd != nil {
				was = bd.Score
			}
			add(drop(d.Dimension, d.Score, was, d.Status, maxDrop, a.DimensionLine(d.Dimension.ID)))
		}
	}
	out.Targets = MeasureTargets(p, in)
	return out
}

// Overdue lists the actions past their due date on the calendar day of now
// and neither done nor dropped: an action due today is not yet overdue.
func Overdue(a *model.Assessment, now time.Time) []model.Action {
	var out []model.Action
	for _, act := range a.Actions {
		if act.Due.IsZero() || act.Status == model.ActionDone || act.Status == model.ActionDropped {
			continue
		}
		if AgeDays(act.Due, now) > 0 {
			out = append(out, act)
		}
	}
	return out
}

// maxOverdue allows at most bound overdue actions; it points at the first.
func maxOverdue(a *model.Assessment, bound float64, now time.Time) Outcome {
	over := Overdue(a, now)
	o := Outcome{Rule: MaxOverdue, Value: some(float64(len(over))), Bound: bound, Status: Pass, Overdue: over}
	if float64(len(over)) > bound {
		o.Status = Fail
	}
	if len(over) > 0 {
		o.Line = over[0].Pos.Line
	}
	return o
}

// warnOnly turns a failed rule that the policy lists under warn into a
// warning.
func warnOnly(p *model.Policy, o Outcome) Outcome {
	if o.Status == Fail && p.WarnOnly(o.Rule) {
		o.Status = Warn
	}
	return o
}

// drop compares a score with the baseline's: it fails when it fell by more
// than maxDrop. Both are rounded first, and so is the difference, so that
// 2.67 against 2.92 is a drop of exactly 0.25.
func drop(dim *model.Dimension, now, was score.Number, status score.Status, maxDrop float64, line int) Outcome {
	o := Outcome{Rule: MaxDrop, Dimension: dim, Now: rounded(now), Was: rounded(was), Bound: maxDrop, Line: line}
	switch {
	case status == score.Excluded:
		o.Status, o.Reason = Skip, NotApplicable
	case !now.Valid:
		// No score now where there was one is a regression; with no score
		// either side there is nothing to compare.
		o.Reason = Unscored
		o.Status = Fail
		if !was.Valid {
			o.Status = Skip
		}
	case !was.Valid:
		o.Status, o.Reason = Skip, NoBaselineScore
	default:
		o.Value = some(score.Round2(o.Was.Value - o.Now.Value))
		o.Status = Pass
		if o.Value.Value > maxDrop {
			o.Status = Fail
		}
	}
	return o
}

func levelRank(fw *model.Framework, l *model.Level) int {
	if l == nil {
		return -1
	}
	for i := range fw.Levels {
		if fw.Levels[i].ID == l.ID {
			return i
		}
	}
	return -1
}

// MeasureTargets measures the distance to each dimension's target, in
// framework order (percent to target = 1 - sum of gaps / sum
// of targets), or returns nil when the policy sets no target. Evaluate
// calls it; a report that draws the targets calls it alone, since it
// applies no rule (Input.Now is not used).
func MeasureTargets(p *model.Policy, in Input) *Targets {
	res := in.Result
	t := &Targets{}
	for di := range res.Dimensions {
		d := &res.Dimensions[di]
		r := p.Dimension(d.Dimension.ID)
		if r == nil || r.Target == nil {
			continue
		}
		row := TargetRow{Dimension: d.Dimension, Status: d.Status, Score: rounded(d.Score), Target: r.Target.Value}
		if in.Baseline != nil {
			if bd := in.Baseline.Result.Dimension(d.Dimension.ID); bd != nil {
				row.Baseline = rounded(bd.Score)
			}
		}
		if d.Status != score.Excluded {
			gap := row.Target
			if row.Score.Valid {
				gap = score.Round2(max(0, row.Target-row.Score.Value))
			}
			row.Gap = some(gap)
			t.SumGaps += gap
			t.SumTargets += row.Target
		}
		if row.Score.Valid && row.Baseline.Valid && row.Target > row.Baseline.Value {
			row.Progress = some((row.Score.Value - row.Baseline.Value) / (row.Target - row.Baseline.Value))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	// Both sums are rounded as they are shown, so that a reader redoing
	// 1 - gaps / targets from the printed figures gets the printed percent
	// (and targets of 0.1 and 0.2 sum to 0.3, not 0.30000000000000004).
	t.SumGaps = score.Round2(t.SumGaps)
	t.SumTargets = score.Round2(t.SumTargets)
	if t.SumTargets > 0 {
		t.Percent = some(1 - t.SumGaps/t.SumTargets)
	}
	return t
}

// responseRate checks the share of the invited members who answered:
// responses / invited, rounded to 2 decimals as the report shows it. A
// round that does not say how many were invited fails: the community asked
// for a rate it did not record.
func responseRate(a *model.Assessment, min float64) Outcome {
	o := Outcome{Rule: MinResponseRate, Bound: min, Status: Fail}
	if a.Invited <= 0 {
		o.Reason = NotInvited
		return o
	}
	o.Value = some(score.Round2(float64(len(a.Responses)) / float64(a.Invited)))
	o.Status = atLeast(o.Value, min)
	return o
}
