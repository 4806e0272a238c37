package load

import (
	"path/filepath"
	"testing"

	"github.com/cophealth/cop/internal/model"
)

// testPolicy uses every key, for the test framework (dimensions alpha and
// beta, levels low and high, scale 0-4).
const testPolicy = `kind: cop-policy
version: 1
framework: tf
min-overall: 2
min-level: high
min-coverage: 0.8
max-age: 180
require-complete: true
baseline: rounds/previous.yaml
max-drop: 0.25
dimensions:
  alpha: {min: 2, target: 3}
  beta:
    target: 3.5
`

func TestPolicyLoads(t *testing.T) {
	p, err := PolicyBytes("ci/policy.yaml", []byte(testPolicy))
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != "ci/policy.yaml" || p.Framework.Value != "tf" || p.MinOverall.Value != 2 || p.MinLevel.Value != "high" ||
		p.MinCoverage.Value != 0.8 || p.MaxAge.Value != 180 || !p.RequireComplete || p.MaxDrop.Value != 0.25 {
		t.Fatalf("policy = %+v", p)
	}
	// A baseline path is relative to the policy file's folder.
	if want := filepath.Join("ci", "rounds", "previous.yaml"); p.Baseline.Value != want {
		t.Errorf("baseline = %q, want %q", p.Baseline.Value, want)
	}
	if len(p.Dimensions) != 2 {
		t.Fatalf("dimensions = %+v", p.Dimensions)
	}
	a, b := p.Dimension("alpha"), p.Dimension("beta")
	if a.Min.Value != 2 || a.Target.Value != 3 || b.Min != nil || b.Target.Value != 3.5 {
		t.Errorf("alpha = %+v, beta = %+v", a, b)
	}
	// Positions, for FitPolicy's messages: min-level's value at 5:12, beta's key at 13:3.
	if p.MinLevel.Pos != (model.Pos{Line: 5, Col: 12}) || b.Pos != (model.Pos{Line: 13, Col: 3}) {
		t.Errorf("positions: min-level %v, beta %v", p.MinLevel.Pos, b.Pos)
	}
	if p.Empty() {
		t.Error("a policy with rules is Empty")
	}
}

func TestPolicyAbsoluteBaseline(t *testing.T) {
	abs, _ := filepath.Abs("previous.yaml")
	p, err := PolicyBytes("ci/policy.yaml", []byte("kind: cop-policy\nversion: 1\nbaseline: "+abs+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Baseline.Value != abs {
		t.Errorf("baseline = %q, want %q unchanged", p.Baseline.Value, abs)
	}
}

func TestPolicyProblems(t *testing.T) {
	tests := []problemCase{
		{"unknown key", [2]string{"min-overall: 2", "min-overal: 2"},
			[]string{`p.yaml:4:1: unknown key "min-overal" in policy (expected kind, version, framework, min-overall, min-level, min-coverage, min-response-rate, max-age, require-complete, baseline, max-drop, max-overdue, warn, dimensions)`}},
		// "  alpha: {min: 2, goal: 3}": goal starts at column 19.
		{"unknown key in a dimension", [2]string{"{min: 2, target: 3}", "{min: 2, goal: 3}"},
			[]string{`p.yaml:12:19: unknown key "goal" in dimension alpha (expected min, target)`}},
		{"missing version", [2]string{"version: 1\n", ""},
			[]string{`p.yaml:1:1: policy: missing version`}},
		{"unsupported version", [2]string{"version: 1", "version: 2"},
			[]string{`p.yaml:2:10: policy format version 2 is not supported (expected version: 1)`}},
		{"wrong kind", [2]string{"kind: cop-policy", "kind: cop-framework"},
			[]string{`p.yaml:1:1: this is a cop-framework file, expected kind: cop-policy`}},
		{"min not a number", [2]string{"min-overall: 2", "min-overall: two"},
			[]string{`p.yaml:4:14: min-overall: expected a number, found "two"`}},
		{"coverage as a percentage", [2]string{"min-coverage: 0.8", "min-coverage: 80"},
			[]string{`p.yaml:6:15: min-coverage 80 is not a fraction from 0 to 1; 80% is written 0.8`}},
		{"negative coverage", [2]string{"min-coverage: 0.8", "min-coverage: -0.1"},
			[]string{`p.yaml:6:15: min-coverage -0.1 is not a fraction from 0 to 1`}},
		{"fractional age", [2]string{"max-age: 180", "max-age: 1.5"},
			[]string{`p.yaml:7:10: max-age 1.5 is not a whole number of days (0 or more)`}},
		{"negative age", [2]string{"max-age: 180", "max-age: -3"},
			[]string{`p.yaml:7:10: max-age -3 is not a whole number of days (0 or more)`}},
		{"yes is not a boolean", [2]string{"require-complete: true", "require-complete: yes"},
			[]string{`p.yaml:8:19: require-complete: expected true or false, found "yes"`}},
		{"negative drop", [2]string{"max-drop: 0.25", "max-drop: -0.25"},
			[]string{`p.yaml:10:11: max-drop -0.25 is negative (expected how much a score may fall, such as 0.25)`}},
		{"empty baseline", [2]string{"baseline: rounds/previous.yaml", "baseline: ''"},
			[]string{`p.yaml:9:11: baseline is empty (expected text)`}},
		{"bad level id", [2]string{"min-level: high", "min-level: very high"},
			[]string{`p.yaml:5:12: min-level "very high" is not a valid id (expected letters, digits, '-', '_' or '.')`}},
		{"empty dimension rule", [2]string{"{min: 2, target: 3}", "{}"},
			[]string{`p.yaml:12:10: dimension alpha: expected a min, a target or both, such as {min: 2, target: 3}`}},
		{"dimension rule not a mapping", [2]string{"{min: 2, target: 3}", "2"},
			[]string{`p.yaml:12:10: dimension alpha: expected a mapping of min, target, found "2"`}},
		{"target below min", [2]string{"{min: 2, target: 3}", "{min: 2, target: 1.5}"},
			[]string{`p.yaml:12:27: dimension alpha: target 1.5 is below its min 2 (a target is what to aim for, above the minimum)`}},
		{"duplicate dimension", [2]string{"  beta:\n", "  alpha:\n"},
			[]string{`p.yaml:13:3: duplicate key "alpha" (first at line 12)`}},
		{"bad dimension id", [2]string{"  beta:\n", "  \"be ta\":\n"},
			[]string{`p.yaml:13:3: dimension id "be ta" is not a valid id (expected letters, digits, '-', '_' or '.')`}},
		{"several at once", [2]string{"min-overall: 2\nmin-level: high", "min-overall: x\nmin-level: [high]"},
			[]string{`p.yaml:4:14: min-overall: expected a number, found "x"`, `p.yaml:5:12: min-level: expected text, found a list`}},
	}
	runProblemCases(t, testPolicy, tests, func(src string) error {
		_, err := PolicyBytes("p.yaml", []byte(src))
		return err
	})
}

// A YAML file of another program, without kind: and none of a policy's
// keys, is named as not a cop file rather than buried in unknown keys.
func TestPolicyOfAnotherProgram(t *testing.T) {
	_, err := PolicyBytes("ci.yaml", []byte("name: ci\non: [push]\n"))
	got := problemLines(t, err)
	want := `ci.yaml:1:1: not a cop file: no kind: key and none of the fields of a cop-policy (expected kind: cop-policy first)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

func TestFitPolicy(t *testing.T) {
	fw, err := FrameworkBytes("tf.yaml", []byte(testFramework))
	if err != nil {
		t.Fatal(err)
	}
	ok, err := PolicyBytes("p.yaml", []byte(testPolicy))
	if err != nil {
		t.Fatal(err)
	}
	if err := FitPolicy(ok, fw); err != nil {
		t.Fatalf("the test policy does not fit the test framework: %v", err)
	}
	tests := []problemCase{
		{"another framework", [2]string{"framework: tf", "framework: other"},
			[]string{`p.yaml:3:12: the policy is for framework other, but the assessment uses tf (tf.yaml)`}},
		{"unknown dimension", [2]string{"  beta:\n", "  gamma:\n"},
			[]string{`p.yaml:13:3: unknown dimension "gamma" (framework tf has alpha, beta)`}},
		{"unknown level", [2]string{"min-level: high", "min-level: top"},
			[]string{`p.yaml:5:12: unknown level "top" (framework tf has low, high)`}},
		{"min-overall above the scale", [2]string{"min-overall: 2", "min-overall: 4.5"},
			[]string{`p.yaml:4:14: min-overall 4.5 is above the top of the scale (4): no score can reach it`}},
		// "  alpha: {min: 5, target: 5}": the values are at columns 16 and 27.
		{"dimension min above the scale", [2]string{"{min: 2, target: 3}", "{min: 5, target: 5}"},
			[]string{`p.yaml:12:16: alpha min 5 is above the top of the scale (4): no score can reach it`,
				`p.yaml:12:27: alpha target 5 is above the top of the scale (4): no score can reach it`}},
		{"target at the bottom of the scale", [2]string{"target: 3.5", "target: 0"},
			[]string{`p.yaml:14:13: beta target 0 is not above the bottom of the scale (0): every score reaches it`}},
	}
	runProblemCases(t, testPolicy, tests, func(src string) error {
		p, err := PolicyBytes("p.yaml", []byte(src))
		if err != nil {
			return err // shown as problems that are not the ones wanted
		}
		return FitPolicy(p, fw)
	})

	// A rule from a flag is named by the flag.
	p := &model.Policy{}
	p.SetDimension("gamma", model.Origin{Flag: "--min gamma=2"}).Min = &model.Number{Value: 2, Origin: model.Origin{Flag: "--min gamma=2"}}
	got := problemLines(t, FitPolicy(p, fw))
	if want := `--min gamma=2: unknown dimension "gamma" (framework tf has alpha, beta)`; len(got) != 1 || got[0] != want {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

func TestProblemsOf(t *testing.T) {
	if ProblemsOf(nil) != nil {
		t.Error("ProblemsOf(nil) is not nil")
	}
	one := problemf("f.yaml", 3, 4, "bad")
	if ps := ProblemsOf(one); len(ps) != 1 || ps[0] != one {
		t.Errorf("ProblemsOf(one problem) = %v", ps)
	}
	if ps := ProblemsOf(Problems{one, one}); len(ps) != 2 {
		t.Errorf("ProblemsOf(two problems) = %v", ps)
	}
	// Any other error becomes a problem without a file, printed as its message alone.
	if ps := ProblemsOf(errString("disk on fire")); len(ps) != 1 || ps[0].Error() != "disk on fire" {
		t.Errorf("ProblemsOf(other error) = %v", ps)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// FuzzPolicy: any bytes either load as a policy or give the loader's own
// error, never a panic; a policy that loads is checked against a framework
// without panicking, and keeps the promises cop check relies on.
func FuzzPolicy(f *testing.F) {
	f.Add([]byte(testPolicy))
	addSeeds(f, "../../examples/ci")
	fw, err := FrameworkBytes("tf.yaml", []byte(testFramework))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := PolicyBytes("fuzz.yaml", data)
		if err != nil {
			checkError(t, err)
			return
		}
		if p.MinCoverage != nil && (p.MinCoverage.Value < 0 || p.MinCoverage.Value > 1) {
			t.Fatalf("min-coverage %v loaded", p.MinCoverage.Value)
		}
		if p.MaxAge != nil && (p.MaxAge.Value < 0 || p.MaxAge.Value != float64(int(p.MaxAge.Value))) {
			t.Fatalf("max-age %v loaded", p.MaxAge.Value)
		}
		if p.MaxDrop != nil && p.MaxDrop.Value < 0 {
			t.Fatalf("max-drop %v loaded", p.MaxDrop.Value)
		}
		if err := FitPolicy(p, fw); err != nil {
			checkError(t, err)
		}
	})
}

func TestPolicyWarnAndMaxOverdue(t *testing.T) {
	p, err := PolicyBytes("p.yaml", []byte(testPolicy+"max-overdue: 2\nwarn: [max-age, min]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxOverdue == nil || p.MaxOverdue.Value != 2 || p.MaxOverdue.Pos.Line != 15 {
		t.Errorf("max-overdue = %+v, want 2 at line 15", p.MaxOverdue)
	}
	if !p.WarnOnly("max-age") || !p.WarnOnly("min") || p.WarnOnly("min-overall") {
		t.Errorf("warn = %+v, want max-age and min only", p.Warn)
	}
	tests := []problemCase{
		{"unknown rule", [2]string{"max-drop: 0.25", "max-drop: 0.25\nwarn: [max-age, min-score]"},
			[]string{`p.yaml:11:17: warn: "min-score" is not a rule (expected one of min-overall, min-level, min-coverage, min-response-rate, require-complete, max-age, max-drop, max-overdue, min)`}},
		{"rule twice", [2]string{"max-drop: 0.25", "max-drop: 0.25\nwarn:\n  - max-age\n  - max-age"},
			[]string{`p.yaml:13:5: warn: max-age is listed twice (first at line 12)`}},
		{"warn not a list", [2]string{"max-drop: 0.25", "max-drop: 0.25\nwarn: max-age"},
			[]string{`p.yaml:11:7: warn: expected a list, found "max-age"`}},
		{"fractional max-overdue", [2]string{"max-drop: 0.25", "max-drop: 0.25\nmax-overdue: 1.5"},
			[]string{`p.yaml:11:14: max-overdue 1.5 is not a whole number (0 or more)`}},
		{"negative max-overdue", [2]string{"max-drop: 0.25", "max-drop: 0.25\nmax-overdue: -1"},
			[]string{`p.yaml:11:14: max-overdue -1 is not a whole number (0 or more)`}},
	}
	runProblemCases(t, testPolicy, tests, func(src string) error {
		_, err := PolicyBytes("p.yaml", []byte(src))
		return err
	})
}
