package gate_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/gate"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// The test framework (testdata/fw.yaml): scale 0-4; levels low 0, mid 2,
// high 3; alpha = a1 (weight 199) and a2 (weight 1); beta = b1, b2; gamma = g1.
//
// current, by hand:
//
//	alpha = (2x199 + 1x1) / 200 = 399/200 = 1.995 -> shown 2.00, level mid
//	beta  = b1 3, b2 unknown -> 3.00 (b2 unrated), coverage 1/2
//	gamma = g1 not-applicable -> excluded
//	overall = (1.995 + 3) / 2 = 2.4975 -> 2.50, level mid
//	coverage = 3 rated / (5 - 1 excluded) = 0.75; 1 unrated
const current = `kind: cop-assessment
version: 1
community: Now
date: 2026-01-10
framework: {id: tf, version: 1.0.0}
responses:
  - respondent: R1
    ratings:
      alpha: {a1: 2, a2: 1}
      beta: {b1: 3, b2: unknown}
      gamma: {g1: not-applicable}
`

// baseline, by hand:
//
//	alpha = a1 2, a2 2 -> 2.00
//	beta  = b1 mean(4, 3) = 3.5, b2 3 -> (3.5 + 3) / 2 = 3.25
//	gamma = g1 1 -> 1.00
//	overall = (2 + 3.25 + 1) / 3 = 2.0833... -> 2.08
const baseline = `kind: cop-assessment
version: 1
community: Now
date: 2025-07-01
framework: {id: tf, version: 1.0.0}
responses:
  - respondent: R1
    ratings:
      alpha: {a1: 2, a2: 2}
      beta: {b1: 4, b2: 3}
      gamma: {g1: 1}
  - respondent: R2
    ratings:
      beta: {b1: 3}
`

func framework(t *testing.T) *model.Framework {
	t.Helper()
	data, err := os.ReadFile("testdata/fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := load.FrameworkBytes("fw.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func round(t *testing.T, fw *model.Framework, name, text string) *gate.Round {
	t.Helper()
	l, err := load.AssessmentBytes(name, []byte(text), func(id string) (*model.Framework, error) {
		if id == fw.ID {
			return fw, nil
		}
		return nil, errors.New("not found")
	})
	if err != nil {
		t.Fatal(err)
	}
	return &gate.Round{Assessment: l.Assessment, Result: score.Compute(fw, l.Assessment)}
}

func policy(t *testing.T, text string) *model.Policy {
	t.Helper()
	p, err := load.PolicyBytes("p.yaml", []byte("kind: cop-policy\nversion: 1\n"+text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// now is 30 days after the current round's date, late in the evening in a
// zone behind UTC: the age is counted in now's own calendar days.
var now = time.Date(2026, 2, 9, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))

// outcome finds the one outcome with this name, or fails.
func outcome(t *testing.T, res *gate.Result, name string) gate.Outcome {
	t.Helper()
	for _, o := range res.Outcomes {
		if o.Name() == name {
			return o
		}
	}
	t.Fatalf("no outcome %q in %v", name, names(res))
	return gate.Outcome{}
}

func names(res *gate.Result) []string {
	var out []string
	for _, o := range res.Outcomes {
		out = append(out, o.Name())
	}
	return out
}

func TestRules(t *testing.T) {
	fw := framework(t)
	cur := round(t, fw, "now.yaml", current)
	tests := []struct {
		name   string
		policy string
		rule   string // outcome name
		status gate.Status
		value  score.Number // the value looked at, rounded
		reason gate.Reason
	}{
		// 2.4975 rounds to 2.50: a minimum of 2.5 passes, 2.51 fails.
		{"min-overall at the rounded boundary", "min-overall: 2.5", "min-overall", gate.Pass, num(2.5), ""},
		{"min-overall above", "min-overall: 2.51", "min-overall", gate.Fail, num(2.5), ""},
		// alpha is 1.995, shown 2.00: it meets a minimum of 2.
		{"dimension min rounded as shown", "dimensions: {alpha: {min: 2}}", "min alpha", gate.Pass, num(2), ""},
		{"dimension min above", "dimensions: {alpha: {min: 2.01}}", "min alpha", gate.Fail, num(2), ""},
		{"dimension not applicable is skipped", "dimensions: {gamma: {min: 1}}", "min gamma", gate.Skip, score.Number{}, gate.NotApplicable},
		// 2.50 is level mid (2 <= 2.50 < 3).
		{"min-level reached", "min-level: mid", "min-level", gate.Pass, num(2.5), ""},
		{"min-level lowest", "min-level: low", "min-level", gate.Pass, num(2.5), ""},
		{"min-level not reached", "min-level: high", "min-level", gate.Fail, num(2.5), ""},
		// coverage 3/4 = 0.75.
		{"min-coverage at the boundary", "min-coverage: 0.75", "min-coverage", gate.Pass, num(0.75), ""},
		{"min-coverage above", "min-coverage: 0.76", "min-coverage", gate.Fail, num(0.75), ""},
		// b2 is unknown: 1 indicator unrated.
		{"require-complete", "require-complete: true", "require-complete", gate.Fail, num(1), ""},
		// 2026-01-10 to 2026-02-09 is 21 + 9 = 30 days; the boundary passes.
		{"max-age at the boundary", "max-age: 30", "max-age", gate.Pass, num(30), ""},
		{"max-age exceeded", "max-age: 29", "max-age", gate.Fail, num(30), ""},
		// The same rules listed under warn: not met, they only warn, and the
		// check passes; met, they pass as before.
		{"max-age exceeded, warn only", "max-age: 29\nwarn: [max-age]", "max-age", gate.Warn, num(30), ""},
		{"max-age met, warn only", "max-age: 30\nwarn: [max-age]", "max-age", gate.Pass, num(30), ""},
		{"dimension min, warn only", "dimensions: {alpha: {min: 2.01}}\nwarn: [min]", "min alpha", gate.Warn, num(2), ""},
		{"min-level, warn only", "min-level: high\nwarn: [min-level, max-age]", "min-level", gate.Warn, num(2.5), ""},
		// A skipped rule stays skipped.
		{"skipped stays skipped, warn only", "dimensions: {gamma: {min: 1}}\nwarn: [min]", "min gamma", gate.Skip, score.Number{}, gate.NotApplicable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := gate.Evaluate(policy(t, tt.policy), gate.Input{Round: *cur, Now: now})
			if len(res.Outcomes) != 1 {
				t.Fatalf("outcomes %v, want one", names(res))
			}
			o := outcome(t, res, tt.rule)
			if o.Status != tt.status || o.Value != tt.value || o.Reason != tt.reason {
				t.Errorf("%s: status %s, value %+v, reason %q; want %s, %+v, %q", tt.rule, o.Status, o.Value, o.Reason, tt.status, tt.value, tt.reason)
			}
			if res.Passed() != (tt.status != gate.Fail) {
				t.Errorf("Passed() = %v with status %s", res.Passed(), o.Status)
			}
		})
	}
}

func num(v float64) score.Number { return score.Number{Value: v, Valid: true} }

func TestRuleOrderAndLines(t *testing.T) {
	fw := framework(t)
	cur := round(t, fw, "now.yaml", current)
	base := round(t, fw, "base.yaml", baseline)
	// Policy order differs from the evaluation order on purpose.
	p := policy(t, "dimensions: {beta: {min: 1}, alpha: {min: 1}}\nmax-age: 100\nrequire-complete: true\nmin-coverage: 0.5\nmin-level: low\nmin-overall: 1\n")
	res := gate.Evaluate(p, gate.Input{Round: *cur, Baseline: base, Now: now})
	want := "min-overall,min-level,min-coverage,require-complete,max-age,min alpha,min beta," +
		"max-drop overall,max-drop alpha,max-drop beta,max-drop gamma"
	if got := strings.Join(names(res), ","); got != want {
		t.Errorf("order:\n%s\nwant:\n%s", got, want)
	}
	// alpha's ratings are at line 9 and beta's at 10 of the current file; the date at 4.
	for name, line := range map[string]int{"max-age": 4, "min alpha": 9, "min beta": 10, "max-drop beta": 10, "min-overall": 0} {
		if o := outcome(t, res, name); o.Line != line {
			t.Errorf("%s at line %d, want %d", name, o.Line, line)
		}
	}
	if res.Age != 30 {
		t.Errorf("age %d, want 30", res.Age)
	}
}

func TestMaxDrop(t *testing.T) {
	fw := framework(t)
	cur := round(t, fw, "now.yaml", current)
	type want struct {
		status   gate.Status
		drop     score.Number
		now, was score.Number
		reason   gate.Reason
	}
	cases := []struct {
		name    string
		policy  string
		current string
		base    string
		want    map[string]want
	}{
		{"default max-drop 0 with a baseline", "baseline: base.yaml", current, baseline, map[string]want{
			// overall 2.50 against 2.08: rose 0.42, a drop of -0.42.
			"max-drop overall": {gate.Pass, num(-0.42), num(2.5), num(2.08), ""},
			// alpha 2.00 (1.995 rounded) against 2.00: unchanged.
			"max-drop alpha": {gate.Pass, num(0), num(2), num(2), ""},
			// beta 3.00 against 3.25: dropped 0.25, more than 0.
			"max-drop beta": {gate.Fail, num(0.25), num(3), num(3.25), ""},
			// gamma is excluded now.
			"max-drop gamma": {gate.Skip, score.Number{}, score.Number{}, num(1), gate.NotApplicable},
		}},
		{"a drop equal to max-drop passes", "max-drop: 0.25", current, baseline, map[string]want{
			"max-drop beta": {gate.Pass, num(0.25), num(3), num(3.25), ""},
		}},
		{"a drop just above max-drop fails", "max-drop: 0.24", current, baseline, map[string]want{
			"max-drop beta": {gate.Fail, num(0.25), num(3), num(3.25), ""},
		}},
		{"no score now where the baseline had one", "max-drop: 1",
			strings.Replace(current, "b1: 3, b2: unknown", "b1: unknown", 1), baseline, map[string]want{
				"max-drop beta": {gate.Fail, score.Number{}, score.Number{}, num(3.25), gate.Unscored},
			}},
		{"no score in the baseline", "max-drop: 1",
			strings.Replace(current, "g1: not-applicable", "g1: 2", 1), strings.Replace(baseline, "gamma: {g1: 1}", "gamma: {g1: unknown}", 1), map[string]want{
				"max-drop gamma": {gate.Skip, score.Number{}, num(2), score.Number{}, gate.NoBaselineScore},
			}},
		{"no score either side", "max-drop: 1",
			strings.Replace(current, "g1: not-applicable", "g1: unknown", 1), strings.Replace(baseline, "gamma: {g1: 1}", "gamma: {g1: unknown}", 1), map[string]want{
				"max-drop gamma": {gate.Skip, score.Number{}, score.Number{}, score.Number{}, gate.Unscored},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := gate.Input{Round: *round(t, fw, "now.yaml", c.current), Baseline: round(t, fw, "base.yaml", c.base), Now: now}
			res := gate.Evaluate(policy(t, c.policy), in)
			for name, w := range c.want {
				o := outcome(t, res, name)
				if o.Status != w.status || o.Value != w.drop || o.Now != w.now || o.Was != w.was || o.Reason != w.reason {
					t.Errorf("%s: status %s, drop %+v, now %+v, was %+v, reason %q\nwant %+v", name, o.Status, o.Value, o.Now, o.Was, o.Reason, w)
				}
			}
		})
	}
	// Without a baseline, max-drop in a policy checks nothing.
	res := gate.Evaluate(policy(t, "max-drop: 0.5\nmin-overall: 1"), gate.Input{Round: *cur, Now: now})
	if got := strings.Join(names(res), ","); got != "min-overall" {
		t.Errorf("outcomes without a baseline: %s", got)
	}
}

func TestUnscored(t *testing.T) {
	fw := framework(t)
	// Nothing rated at all: every minimum fails, with no value.
	empty := round(t, fw, "empty.yaml", strings.Replace(current,
		"      alpha: {a1: 2, a2: 1}\n      beta: {b1: 3, b2: unknown}\n      gamma: {g1: not-applicable}\n", "      alpha: {a1: unknown}\n", 1))
	res := gate.Evaluate(policy(t, "min-overall: 0\nmin-level: low\ndimensions: {alpha: {min: 0}}"), gate.Input{Round: *empty, Now: now})
	for _, name := range []string{"min-overall", "min-level", "min alpha"} {
		o := outcome(t, res, name)
		if o.Status != gate.Fail || o.Value.Valid || o.Reason != gate.Unscored {
			t.Errorf("%s: status %s, value %+v, reason %q; want fail, null, unscored", name, o.Status, o.Value, o.Reason)
		}
	}
}

func TestTargets(t *testing.T) {
	fw := framework(t)
	cur := round(t, fw, "now.yaml", current)
	base := round(t, fw, "base.yaml", baseline)
	p := policy(t, "dimensions: {alpha: {target: 3}, beta: {target: 3}, gamma: {target: 2}}")
	type row struct {
		score, gap, base, progress score.Number
	}
	tests := []struct {
		name     string
		in       gate.Input
		rows     map[string]row
		sumGaps  float64
		sumTargs float64
		percent  score.Number
	}{
		{
			// alpha 2.00: gap 3 - 2 = 1; beta 3.00: gap 0; gamma excluded:
			// in neither sum. Percent = 1 - 1/6 = 0.8333...
			name: "without a baseline", in: gate.Input{Round: *cur, Now: now},
			rows: map[string]row{
				"alpha": {num(2), num(1), score.Number{}, score.Number{}},
				"beta":  {num(3), num(0), score.Number{}, score.Number{}},
				"gamma": {score.Number{}, score.Number{}, score.Number{}, score.Number{}},
			},
			sumGaps: 1, sumTargs: 6, percent: num(1 - 1.0/6),
		},
		{
			// Progress = (now - baseline) / (target - baseline): alpha
			// (2 - 2) / (3 - 2) = 0; beta's baseline 3.25 is already past its
			// target 3: null; gamma has no score now: null.
			name: "with a baseline", in: gate.Input{Round: *cur, Baseline: base, Now: now},
			rows: map[string]row{
				"alpha": {num(2), num(1), num(2), num(0)},
				"beta":  {num(3), num(0), num(3.25), score.Number{}},
				"gamma": {score.Number{}, score.Number{}, num(1), score.Number{}},
			},
			sumGaps: 1, sumTargs: 6, percent: num(1 - 1.0/6),
		},
		{
			// beta unrated: its gap is the whole target, 3. Sum of gaps
			// 1 + 3 = 4; percent = 1 - 4/6 = 0.3333...
			name: "an unrated dimension counts its whole target",
			in:   gate.Input{Round: *round(t, fw, "now.yaml", strings.Replace(current, "b1: 3, b2: unknown", "b1: unknown", 1)), Now: now},
			rows: map[string]row{
				"beta": {score.Number{}, num(3), score.Number{}, score.Number{}},
			},
			sumGaps: 4, sumTargs: 6, percent: num(1 - 4.0/6),
		},
		{
			// Progress past the target is shown as it is: alpha now 4 from a
			// baseline of 2 with target 3: (4 - 2) / (3 - 2) = 2.
			name: "progress beyond the target",
			in: gate.Input{Round: *round(t, fw, "now.yaml", strings.Replace(current, "a1: 2, a2: 1", "a1: 4, a2: 4", 1)),
				Baseline: base, Now: now},
			rows: map[string]row{
				"alpha": {num(4), num(0), num(2), num(2)},
			},
			sumGaps: 0, sumTargs: 6, percent: num(1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := gate.Evaluate(p, tt.in)
			tg := res.Targets
			if tg == nil {
				t.Fatal("no targets")
			}
			if len(tg.Rows) != 3 {
				t.Fatalf("%d rows, want 3", len(tg.Rows))
			}
			for _, r := range tg.Rows {
				w, ok := tt.rows[r.Dimension.ID]
				if !ok {
					continue
				}
				if r.Score != w.score || r.Gap != w.gap || r.Baseline != w.base || r.Progress != w.progress {
					t.Errorf("%s: score %+v gap %+v baseline %+v progress %+v\nwant %+v", r.Dimension.ID, r.Score, r.Gap, r.Baseline, r.Progress, w)
				}
			}
			if tg.SumGaps != tt.sumGaps || tg.SumTargets != tt.sumTargs || !close(tg.Percent, tt.percent) {
				t.Errorf("sums %v / %v, percent %+v; want %v / %v, %+v", tg.SumGaps, tg.SumTargets, tg.Percent, tt.sumGaps, tt.sumTargs, tt.percent)
			}
			// Targets are not enforced: no outcome but the baseline's max-drop.
			for _, o := range res.Outcomes {
				if o.Rule != gate.MaxDrop {
					t.Errorf("outcome %s from a policy of targets only", o.Name())
				}
			}
		})
	}
	if res := gate.Evaluate(policy(t, "min-overall: 1"), gate.Input{Round: *cur, Now: now}); res.Targets != nil {
		t.Error("targets reported for a policy without any")
	}
}

func close(a, b score.Number) bool {
	d := a.Value - b.Value
	return a.Valid == b.Valid && d < 1e-12 && d > -1e-12
}

func TestAgeDays(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(model.DateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		date string
		now  time.Time
		want int
	}{
		{"2026-11-22", time.Date(2026, 11, 22, 0, 0, 1, 0, time.UTC), 0},
		{"2026-11-22", time.Date(2026, 11, 23, 23, 59, 0, 0, time.UTC), 1},
		// Across a leap day: 2028-02-28 to 2028-03-01 is 2 days.
		{"2028-02-28", time.Date(2028, 3, 1, 12, 0, 0, 0, time.UTC), 2},
		// 00:30 on the 23rd in UTC+14 is still the 23rd there.
		{"2026-11-22", time.Date(2026, 11, 23, 0, 30, 0, 0, time.FixedZone("UTC+14", 14*3600)), 1},
		// A round dated in the future has a negative age (and passes max-age).
		{"2026-12-01", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), -8},
		// A whole year: 2025-11-20 to 2026-11-23 is 365 + 3 days.
		{"2025-11-20", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), 368},
	}
	for _, tt := range tests {
		if got := gate.AgeDays(day(tt.date), tt.now); got != tt.want {
			t.Errorf("AgeDays(%s, %s) = %d, want %d", tt.date, tt.now, got, tt.want)
		}
	}
}

func TestMaxOverdue(t *testing.T) {
	fw := framework(t)
	// now is 2026-02-09 in its own zone. Due 2026-02-08 and not done is
	// overdue; due 2026-02-09 (today) is not yet; done and dropped never
	// are; an action without a due date never is.
	cur := round(t, fw, "now.yaml", current+`actions:
  - {indicator: alpha/a1, what: One, due: 2026-02-08, status: planned}
  - {indicator: alpha, what: Two, due: 2026-01-31, status: doing}
  - {indicator: beta/b2, what: Today, due: 2026-02-09}
  - {indicator: beta, what: Done late, due: 2026-01-01, status: done}
  - {indicator: beta, what: Dropped, due: 2026-01-01, status: dropped}
  - {indicator: gamma, what: Whenever}
`)
	tests := []struct {
		policy string
		status gate.Status
	}{
		// 2 overdue (One, Two): a maximum of 2 passes, 1 fails.
		{"max-overdue: 2", gate.Pass},
		{"max-overdue: 1", gate.Fail},
		{"max-overdue: 0", gate.Fail},
		{"max-overdue: 0\nwarn: [max-overdue]", gate.Warn},
	}
	for _, tt := range tests {
		res := gate.Evaluate(policy(t, tt.policy), gate.Input{Round: *cur, Now: now})
		o := outcome(t, res, "max-overdue")
		if o.Status != tt.status || o.Value != num(2) || len(o.Overdue) != 2 || o.Overdue[0].What != "One" || o.Overdue[1].What != "Two" {
			t.Errorf("%q: status %s, value %+v, overdue %+v; want %s, 2 (One, Two)", tt.policy, o.Status, o.Value, o.Overdue, tt.status)
		}
		// The line is the first overdue action's (line 13: actions: is line 12).
		if o.Line != 13 {
			t.Errorf("%q: line %d, want 13", tt.policy, o.Line)
		}
	}
	// No actions at all: none overdue, passes even a maximum of 0.
	res := gate.Evaluate(policy(t, "max-overdue: 0"), gate.Input{Round: *round(t, fw, "now.yaml", current), Now: now})
	if o := outcome(t, res, "max-overdue"); o.Status != gate.Pass || o.Value != num(0) || o.Line != 0 {
		t.Errorf("no actions: %+v", o)
	}
}
