package load

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/model"
)

// testFramework is small on purpose: two dimensions, scale 0-4.
const testFramework = `kind: cop-framework
id: tf
version: 1.2.0
title: Test framework
description: For tests.
scale:
  - {value: 0, label: None, description: n}
  - {value: 1, label: Some, description: s}
  - {value: 2, label: Half, description: h}
  - {value: 3, label: Most, description: m}
  - {value: 4, label: All, description: a}
levels:
  - {id: low, label: Low, min: 0, description: l}
  - {id: high, label: High, min: 2, description: h}
dimensions:
  - id: alpha
    title: Alpha
    description: a
    indicators:
      - {id: a1, title: A one, statement: s, guidance: g}
      - {id: a2, title: A two, statement: s, guidance: g}
  - id: beta
    title: Beta
    description: b
    weight: 2
    indicators:
      - {id: b1, title: B one, statement: s, guidance: g, weight: 0.5}
`

func resolver(t *testing.T) Resolver {
	fw, err := FrameworkBytes("tf.yaml", []byte(testFramework))
	if err != nil {
		t.Fatalf("test framework does not load: %v", err)
	}
	return func(id string) (*model.Framework, error) {
		if id == fw.ID {
			return fw, nil
		}
		return nil, errors.New(`framework "` + id + `" not found`)
	}
}

// problemLines returns an error's problems as lines, or fails.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("loaded, want problems")
	}
	var ps Problems
	var p *Problem
	switch {
	case errors.As(err, &ps):
		var out []string
		for _, p := range ps {
			out = append(out, p.Error())
		}
		return out
	case errors.As(err, &p):
		return []string{p.Error()}
	}
	t.Fatalf("error %T is not a Problem: %v", err, err)
	return nil
}

// problemCase is one mistake made in a good test file, by replacing the
// first occurrence of replace[0] with replace[1], and the problems it must give.
type problemCase struct {
	name    string
	replace [2]string
	want    []string
}

// runProblemCases makes each case's mistake in src, loads the result, and
// compares the problems, in order, with the case's.
func runProblemCases(t *testing.T, src string, cases []problemCase, load func(src string) error) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(src, tt.replace[0], tt.replace[1], 1)
			if bad == src {
				t.Fatalf("replacement %q not found", tt.replace[0])
			}
			got := problemLines(t, load(bad))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFrameworkLoads(t *testing.T) {
	fw, err := FrameworkBytes("tf.yaml", []byte(testFramework))
	if err != nil {
		t.Fatal(err)
	}
	if fw.ID != "tf" || fw.Version != "1.2.0" || len(fw.Scale) != 5 || len(fw.Levels) != 2 || len(fw.Dimensions) != 2 {
		t.Fatalf("framework = %+v", fw)
	}
	beta := fw.Dimension("beta")
	if beta.Weight != 2 || beta.Indicators[0].Weight != 0.5 || fw.Dimension("alpha").Weight != 1 {
		t.Errorf("weights: beta %v, b1 %v, alpha %v; want 2, 0.5 and the default 1", beta.Weight, beta.Indicators[0].Weight, fw.Dimension("alpha").Weight)
	}
	if fw.Dimension("alpha").Pos.Line != 16 {
		t.Errorf("alpha at line %d, want 16", fw.Dimension("alpha").Pos.Line)
	}
}

func TestFrameworkProblems(t *testing.T) {
	tests := []problemCase{
		{"duplicate dimension id", [2]string{"id: beta", "id: alpha"},
			[]string{`f.yaml:22:9: duplicate dimension id "alpha" (first at line 16)`}},
		{"duplicate indicator id", [2]string{"{id: a2,", "{id: a1,"},
			[]string{`f.yaml:21:14: duplicate indicator id "a1" in dimension "alpha" (first at line 20)`}},
		{"duplicate level id", [2]string{"{id: high,", "{id: low,"},
			[]string{`f.yaml:14:10: duplicate level id "low" (first at line 13)`}},
		{"scale not increasing", [2]string{"{value: 2,", "{value: 1,"},
			[]string{`f.yaml:9:13: scale value 1 is not greater than the one before it (1 at line 8); values must be strictly increasing`}},
		{"level mins not increasing", [2]string{"label: High, min: 2", "label: High, min: 0"},
			[]string{`f.yaml:14:34: level min 0 is not greater than the one before it (0 at line 13); level mins must be strictly increasing`}},
		{"first level not at the bottom", [2]string{"label: Low, min: 0", "label: Low, min: 1"},
			[]string{`f.yaml:13:5: the first level's min is 1; it must equal the lowest scale value, 0, so that every score has a level`}},
		{"level above the scale", [2]string{"label: High, min: 2", "label: High, min: 5"},
			[]string{`f.yaml:14:5: level "high" has min 5, above the top of the scale (4): no score can reach it`}},
		{"zero weight", [2]string{"weight: 2", "weight: 0"},
			[]string{`f.yaml:25:13: dimension weight 0 must be greater than 0`}},
		{"negative indicator weight", [2]string{"weight: 0.5", "weight: -1"},
			[]string{`f.yaml:27:67: indicator weight -1 must be greater than 0`}},
		// A weight of 1e308 would overflow the weighted mean (1e308 x 4 is
		// +Inf, and +Inf / +Inf is not a number): refused, as any over 1e6.
		{"huge weight", [2]string{"weight: 2", "weight: 1e308"},
			[]string{`f.yaml:25:13: dimension weight 1e308 is too large (at most 1000000: weights are relative)`}},
		{"dimension without indicators", [2]string{"    indicators:\n      - {id: b1, title: B one, statement: s, guidance: g, weight: 0.5}\n", "    indicators: []\n"},
			[]string{`f.yaml:26:17: dimension "beta" has no indicators (expected at least one)`}},
		{"unknown key", [2]string{"title: Test framework", "title: Test framework\ntitel: typo"},
			[]string{`f.yaml:5:1: unknown key "titel" in framework (expected kind, id, version, title, description, scale, levels, dimensions)`}},
		{"missing title", [2]string{"title: Test framework\n", ""},
			[]string{`f.yaml:1:1: framework: missing title`}},
		{"empty title", [2]string{"title: Test framework", "title: \"  \""},
			[]string{`f.yaml:4:8: title is empty (expected text)`}},
		{"bad version", [2]string{"version: 1.2.0", "version: 1.2"},
			[]string{`f.yaml:3:10: version "1.2" is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)`}},
		{"bad id", [2]string{"id: tf", "id: t f"},
			[]string{`f.yaml:2:5: framework id "t f" is not a valid id (expected letters, digits, '-', '_' or '.')`}},
		{"number expected", [2]string{"{value: 3,", "{value: three,"},
			[]string{`f.yaml:10:13: scale value: expected a number, found "three"`}},
		{"one-point scale", [2]string{"  - {value: 1, label: Some, description: s}\n  - {value: 2, label: Half, description: h}\n  - {value: 3, label: Most, description: m}\n  - {value: 4, label: All, description: a}\n", ""},
			// level checks need a scale, so they are skipped rather than piled on
			[]string{`f.yaml:7:3: scale: expected at least 2, found 1`}},
		{"wrong kind", [2]string{"kind: cop-framework", "kind: cop-assessment"},
			[]string{`f.yaml:1:1: this is a cop-assessment file, expected kind: cop-framework`}},
	}
	runProblemCases(t, testFramework, tests, func(src string) error {
		_, err := FrameworkBytes("f.yaml", []byte(src))
		return err
	})
}

func TestFrameworkReportsEveryProblemAtOnce(t *testing.T) {
	src := strings.NewReplacer("id: beta", "id: alpha", "weight: 2", "weight: 0", "title: Test framework", "title: \"\"").Replace(testFramework)
	_, err := FrameworkBytes("f.yaml", []byte(src))
	if got := problemLines(t, err); len(got) != 3 {
		t.Errorf("got %d problems, want 3:\n%s", len(got), strings.Join(got, "\n"))
	}
}

const goodAssessment = `kind: cop-assessment
version: 1
community: Test CoP
date: 2026-11-22
framework:
  id: tf
  version: 1.2.0
responses:
  - respondent: Ana
    role: coordinator
    ratings:
      alpha:
        a1: 3
        a2: unknown
      beta:
        b1: not-applicable
    notes:
      alpha: Fine.
  - respondent: Ben
    ratings:
      alpha:
        a1: 1
        a2:
    indicator-notes:
      alpha:
        a2: Not sure who to ask.
invited: 3
actions:
  - indicator: alpha/a1
    what: Agree a plan
    owner: Ana
    due: 2027-01-31
    status: doing
  - indicator: beta
    what: Ask whether beta applies
`

func TestAssessmentLoads(t *testing.T) {
	l, err := AssessmentBytes("a.yaml", []byte(goodAssessment), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	a := l.Assessment
	if a.Community != "Test CoP" || a.Date.Format("2006-01-02") != "2026-11-22" || len(a.Responses) != 2 || l.Framework.ID != "tf" {
		t.Fatalf("assessment = %+v", a)
	}
	ana, ben := a.Responses[0], a.Responses[1]
	checks := []struct {
		r    model.Response
		dim  string
		ind  string
		want model.Rating
	}{
		{ana, "alpha", "a1", model.Rating{Kind: model.Scored, Value: 3}},
		{ana, "alpha", "a2", model.Rating{Kind: model.UnknownAnswer}},
		{ana, "beta", "b1", model.Rating{Kind: model.NotApplicableAnswer}},
		{ben, "alpha", "a1", model.Rating{Kind: model.Scored, Value: 1}},
		{ben, "alpha", "a2", model.Rating{}}, // empty value: unanswered
		{ben, "beta", "b1", model.Rating{}},  // absent: unanswered
	}
	for _, c := range checks {
		got := c.r.Rating(c.dim, c.ind)
		if got.Kind != c.want.Kind || got.Value != c.want.Value {
			t.Errorf("%s %s.%s = %v, want %v", c.r.Respondent, c.dim, c.ind, got, c.want)
		}
	}
	if ana.Role != "coordinator" || ana.Notes["alpha"] != "Fine." {
		t.Errorf("role %q, notes %v", ana.Role, ana.Notes)
	}
	if got := ben.IndicatorNotes["alpha"]["a2"]; got != "Not sure who to ask." || len(ana.IndicatorNotes) != 0 {
		t.Errorf("indicator notes: Ana %v, Ben %v", ana.IndicatorNotes, ben.IndicatorNotes)
	}
	if a.Invited != 3 || a.InvitedPos != (model.Pos{Line: 27, Col: 10}) {
		t.Errorf("invited %d at %v, want 3 at 27:10", a.Invited, a.InvitedPos)
	}
	wantActions := []model.Action{
		{Dimension: "alpha", Indicator: "a1", What: "Agree a plan", Owner: "Ana",
			Due: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Status: model.ActionDoing, Pos: model.Pos{Line: 29, Col: 5}},
		// no status in the file: planned; a dimension alone: no indicator
		{Dimension: "beta", What: "Ask whether beta applies", Status: model.ActionPlanned, Pos: model.Pos{Line: 34, Col: 5}},
	}
	if !reflect.DeepEqual(a.Actions, wantActions) {
		t.Errorf("actions:\n%+v\nwant\n%+v", a.Actions, wantActions)
	}
	if got := a.DimensionLine("beta"); got != 15 {
		t.Errorf("DimensionLine(beta) = %d, want 15", got)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings: %v", l.Warnings)
	}
}

func TestAssessmentVersionMismatchIsAWarning(t *testing.T) {
	src := strings.Replace(goodAssessment, "version: 1.2.0", "version: 1.1.0", 1)
	l, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) != 1 || l.Warnings[0].Error() != "a.yaml:7:12: made with tf version 1.1.0, read with version 1.2.0 (tf.yaml): ratings are matched by id" {
		t.Errorf("warnings = %v", l.Warnings)
	}
}

// TestAssessmentInvitedFewerThanAnswered: the answers are facts and the
// count may be stale, so the file loads with a warning at the count.
func TestAssessmentInvitedFewerThanAnswered(t *testing.T) {
	src := strings.Replace(goodAssessment, "invited: 3", "invited: 1", 1)
	l, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "a.yaml:27:10: invited 1, but 2 responses are in the file: is the number invited out of date?"
	if len(l.Warnings) != 1 || l.Warnings[0].Error() != want {
		t.Errorf("warnings = %v, want %s", l.Warnings, want)
	}
	if l.Assessment.Invited != 1 {
		t.Errorf("invited = %d, want 1 (kept as written)", l.Assessment.Invited)
	}
}

// TestAssessmentEmptyOptionalFields: blank optional values mean "not given",
// so a template with the keys in place loads.
func TestAssessmentEmptyOptionalFields(t *testing.T) {
	src := strings.NewReplacer("    owner: Ana\n", "    owner:\n", "    due: 2027-01-31\n", "    due:\n", "    status: doing\n", "    status:\n",
		"        a2: Not sure who to ask.", "        a2: \"  \"").Replace(goodAssessment)
	l, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	act := l.Assessment.Actions[0]
	if act.Owner != "" || !act.Due.IsZero() || act.Status != model.ActionPlanned {
		t.Errorf("action = %+v, want no owner, no due date, planned", act)
	}
	if n := l.Assessment.Responses[1].IndicatorNotes; len(n) != 0 {
		t.Errorf("blank indicator note kept: %v", n)
	}
	src = strings.Replace(goodAssessment, goodAssessment[strings.Index(goodAssessment, "actions:"):], "actions:\n", 1)
	if l, err = AssessmentBytes("a.yaml", []byte(src), resolver(t)); err != nil || len(l.Assessment.Actions) != 0 {
		t.Errorf("empty actions: %v, %v", l, err)
	}
}

func TestAssessmentProblems(t *testing.T) {
	tests := []struct {
		name    string
		replace []string // old, new pairs applied to goodAssessment
		want    string
	}{
		{"unknown key", []string{"community: Test CoP", "community: Test CoP\nsponsor: x"},
			`a.yaml:4:1: unknown key "sponsor" in assessment (expected kind, version, community, date, framework, invited, draft, responses, actions)`},
		{"unknown dimension", []string{"      beta:", "      gamma:"},
			`a.yaml:15:7: unknown dimension "gamma" (framework tf has alpha, beta)`},
		{"unknown indicator", []string{"        a1: 3", "        a9: 3"},
			`a.yaml:13:9: unknown indicator "a9" in dimension "alpha" (expected a1, a2)`},
		{"off the scale", []string{"        a1: 3", "        a1: 5"},
			`a.yaml:13:13: rating "5" of alpha.a1 is off the scale (0-4, unknown, not-applicable)`},
		{"between scale values", []string{"        a1: 3", "        a1: 2.5"},
			`a.yaml:13:13: rating "2.5" of alpha.a1 is off the scale (0-4, unknown, not-applicable)`},
		{"not an answer", []string{"        a1: 3", "        a1: N/A"},
			`a.yaml:13:13: rating "N/A" of alpha.a1 is not an answer (0-4, unknown, not-applicable)`},
		{"bad date", []string{"date: 2026-11-22", "date: 22/11/2026"},
			`a.yaml:4:7: date "22/11/2026" is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)`},
		{"impossible date", []string{"date: 2026-11-22", "date: 2026-02-30"},
			`a.yaml:4:7: date "2026-02-30" is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)`},
		{"empty community", []string{"community: Test CoP", "community:"},
			`a.yaml:3:11: community is empty (expected text)`},
		{"unknown framework", []string{"  id: tf", "  id: other"},
			`a.yaml:6:7: framework "other" not found`},
		{"duplicate respondent", []string{"respondent: Ben", "respondent: Ana"},
			`a.yaml:19:17: respondent "Ana" answers twice in this file (first at line 9); merge their answers into one response`},
		{"no responses", []string{goodAssessment[strings.Index(goodAssessment, "responses:"):], "responses: []\n"},
			`a.yaml:8:12: responses: expected at least 1, found 0`},
		{"duplicate key", []string{"        a1: 1", "        a1: 1\n        a1: 2"},
			`a.yaml:23:9: duplicate key "a1" (first at line 22)`},
		{"list instead of mapping", []string{"        a1: 3\n        a2: unknown", "        - 3"},
			`a.yaml:13:9: ratings of alpha: expected a mapping, found a list`},
		{"alias", []string{"community: Test CoP", "community: &c Test CoP\nx: *c"},
			`a.yaml:4:1: unknown key "x" in assessment (expected kind, version, community, date, framework, invited, draft, responses, actions)`},
		{"alias value", []string{"respondent: Ana", "respondent: &name Ana", "respondent: Ben", "respondent: *name"},
			`a.yaml:19:17: YAML alias *name: cop files do not use aliases; write the value out`},
		{"merge key", []string{"  - respondent: Ben", "  - <<: {}\n    respondent: Ben"},
			`a.yaml:19:5: YAML merge key <<: cop files do not use merge keys; write the fields out`},
		{"wrong format version", []string{"version: 1\n", "version: 2\n"},
			`a.yaml:2:10: assessment format version 2 is not supported (expected version: 1)`},
		{"framework file given as assessment", []string{"kind: cop-assessment", "kind: cop-framework"},
			`a.yaml:1:1: this is a cop-framework file, expected kind: cop-assessment`},
		{"framework version not a version", []string{"version: 1.2.0", "version: 1.2"},
			`a.yaml:7:12: framework version "1.2" is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)`},
		{"framework version with a workflow command", []string{"version: 1.2.0", `version: "0.9\n::warning::INJECTED"`},
			`a.yaml:7:12: framework version "0.9\n::warning::INJECTED" is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)`},
		{"framework version with an escape sequence", []string{"version: 1.2.0", `version: "1.2.0\e[31m"`},
			`a.yaml:7:12: framework version "1.2.0\x1b[31m" is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)`},
		{"empty framework version", []string{"version: 1.2.0", `version: ""`},
			`a.yaml:7:12: framework version is empty (expected text)`},
		{"note on unknown dimension", []string{"      alpha: Fine.", "      omega: Fine."},
			`a.yaml:18:7: note for unknown dimension "omega" (framework tf has alpha, beta)`},
		{"indicator note on unknown dimension", []string{"      alpha:\n        a2: Not sure", "      gamma:\n        a2: Not sure"},
			`a.yaml:25:7: indicator note for unknown dimension "gamma" (framework tf has alpha, beta)`},
		{"indicator note on unknown indicator", []string{"        a2: Not sure", "        a7: Not sure"},
			`a.yaml:26:9: indicator note for unknown indicator "a7" in dimension "alpha" (expected a1, a2)`},
		{"indicator note not text", []string{"        a2: Not sure who to ask.", "        a2: [x]"},
			`a.yaml:26:13: note for alpha/a2: expected text, found a list`},
		{"invited zero", []string{"invited: 3", "invited: 0"},
			`a.yaml:27:10: invited: expected a whole number of members, 1 or more, found "0"`},
		{"invited fraction", []string{"invited: 3", "invited: 2.5"},
			`a.yaml:27:10: invited: expected a whole number of members, 1 or more, found "2.5"`},
		{"invited negative", []string{"invited: 3", "invited: -3"},
			`a.yaml:27:10: invited: expected a whole number of members, 1 or more, found "-3"`},
		{"invited text", []string{"invited: 3", "invited: fourteen"},
			`a.yaml:27:10: invited: expected a whole number of members, 1 or more, found "fourteen"`},
		{"invited empty", []string{"invited: 3", "invited:"},
			`a.yaml:27:9: invited: expected a whole number of members, 1 or more, found nothing`},
		{"unknown action key", []string{"    owner: Ana", "    owner: Ana\n    priority: high"},
			`a.yaml:32:5: unknown key "priority" in action (expected indicator, what, owner, due, status)`},
		{"bad due date", []string{"due: 2027-01-31", "due: 2027-02-30"},
			`a.yaml:32:10: due date "2027-02-30" is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)`},
		{"bad status", []string{"status: doing", "status: started"},
			`a.yaml:33:13: action status "started" is not one of planned, doing, done, dropped`},
		{"action on unknown indicator", []string{"indicator: alpha/a1", "indicator: alpha/a9"},
			`a.yaml:29:16: action indicator "alpha/a9": unknown indicator "a9" in dimension "alpha" (expected a1, a2)`},
		{"action on unknown dimension", []string{"indicator: beta", "indicator: gamma"},
			`a.yaml:34:16: action indicator "gamma": unknown dimension "gamma" (framework tf has alpha, beta)`},
		{"action indicator malformed", []string{"indicator: alpha/a1", "indicator: alpha/"},
			`a.yaml:29:16: action indicator "alpha/": expected dimension/indicator, such as purpose/development-plan, or a dimension id alone`},
		{"action without what", []string{"  - indicator: beta\n    what: Ask whether beta applies", "  - indicator: beta"},
			`a.yaml:34:5: action: missing what`},
		{"action with empty what", []string{"what: Agree a plan", "what: \"  \""},
			`a.yaml:30:11: action what is empty (expected text)`},
		{"actions not a list", []string{goodAssessment[strings.Index(goodAssessment, "actions:"):], "actions: x\n"},
			`a.yaml:28:10: actions: expected a list, found "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.NewReplacer(tt.replace...).Replace(goodAssessment)
			if src == goodAssessment {
				t.Fatalf("replacements %q changed nothing", tt.replace)
			}
			_, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
			got := problemLines(t, err)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestProblemErrorIsInert: a problem prints as one line whatever the file
// name and message hold: control characters and line breaks escaped, and
// no workflow command at the start of the line.
func TestProblemErrorIsInert(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "::warning::x\n.yaml", Line: 1, Col: 2, Msg: "bad \x1b[2J"}, `\x3a:warning::x\x0a.yaml:1:2: bad \x1b[2J`},
		{Problem{File: "a.yaml", Msg: "value\n::error::injected"}, `a.yaml: value\x0a::error::injected`},
		{Problem{Msg: "::notice::no file"}, `\x3a:notice::no file`},
		{Problem{File: "plain.yaml", Line: 3, Msg: "fine"}, "plain.yaml:3: fine"},
	} {
		if got := c.p.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestAssessmentReportsEveryProblemAtOnce(t *testing.T) {
	src := strings.NewReplacer("a1: 3", "a1: 7", "date: 2026-11-22", "date: soon", "      beta:", "      gamma:").Replace(goodAssessment)
	_, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
	want := []string{
		`a.yaml:4:7: date "soon" is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)`,
		`a.yaml:13:13: rating "7" of alpha.a1 is off the scale (0-4, unknown, not-applicable)`,
		`a.yaml:15:7: unknown dimension "gamma" (framework tf has alpha, beta)`,
	}
	if got := problemLines(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant (in file order):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // "" means it parses
	}{
		{"BOM accepted", "\xef\xbb\xbfkind: x\n", ""},
		{"CRLF accepted", "kind: x\r\nid: y\r\n", ""},
		{"UTF-16", "\xff\xfek\x00", "f.yaml:1:1: is UTF-16 text; save it as UTF-8"},
		{"invalid UTF-8", "kind: x\nid: \xc3\x28\n", "f.yaml:2:5: invalid UTF-8 (save the file as UTF-8 text)"},
		{"NUL byte", "kind: x\x00", "f.yaml:1:8: NUL byte: this looks like a binary file, not YAML"},
		{"tab indentation", "kind: x\nresponses:\n\t- a\n", "f.yaml:3:1: tab character in indentation; YAML indents with spaces only"},
		{"two documents", "kind: x\n---\nkind: y\n", "f.yaml:2:1: holds more than one YAML document (a second one starts here); a cop file holds exactly one"},
		{"leading document marker is fine", "---\nkind: x\n", ""},
		{"empty", "", "f.yaml: is empty (expected a YAML mapping starting with kind:)"},
		{"comments only", "# nothing\n", "f.yaml: is empty (expected a YAML mapping starting with kind:)"},
		// "kind: " is 6 characters, so the [ is in column 7.
		{"syntax error", "kind: [x\n", "f.yaml:1:7: invalid YAML: this [ is never closed (did not find expected ',' or ']')"},
		{"undefined alias", "kind: x\nid: *nope\n", "f.yaml:2:5: alias *nope names no anchor (and cop files do not use aliases)"},
		{"deep nesting", strings.Repeat("[", 10001) + strings.Repeat("]", 10001), "f.yaml: nested more than 10000 levels deep; cop files are a few levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.data))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Parse = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestParseSyntaxErrorPositions checks the places the YAML library gets
// wrong (go-yaml#205): it blames a tab on the line of the value above it
// and gives a parser error the 0-based line of the enclosing collection.
// Every expected line and column is counted by hand from the input.
func TestParseSyntaxErrorPositions(t *testing.T) {
	const tab = "tab character in indentation; YAML indents with spaces only"
	tests := []struct {
		name string
		data string
		want string
	}{
		// the library says line 2 (where "b: 1" began); the tab opens line 3
		{"tab after spaces below a value", "a:\n  b: 1\n\t  c: 2\n", "f.yaml:3:1: " + tab},
		// two spaces, then the tab: column 3
		{"tab inside the indentation", "a:\n  b: 1\n  \tc: 2\n", "f.yaml:3:3: " + tab},
		// the library says line 3 of 4; the tab opens line 4
		{"tab three lines down", "a:\n  b: 1\n  c: 2\n\t  d: 3\n", "f.yaml:4:1: " + tab},
		// a tab inside a block scalar's text (line 3) is content, not an
		// error; the tab that is one (line 5) is blamed
		{"tab in block scalar is content", "a: |\n  x\n  \ty\nb:\n\tc: 1\n", "f.yaml:5:1: " + tab},
		// the [ opens at line 2 column 4 ("b: " is 3 characters); the
		// library says line 1
		{"unclosed [ mid-file", "a: 1\nb: [x, y\nc: 2\nd: 3\n", "f.yaml:2:4: invalid YAML: this [ is never closed (did not find expected ',' or ']')"},
		{"unclosed {", "a: 1\nb: {x: 1\nc: 2\n", "f.yaml:2:4: invalid YAML: this { is never closed (did not find expected ',' or '}')"},
		// an unclosed [ on line 1: the library falls back to the problem's line
		{"unclosed [ on line 1", "a: [x, y\nc: 2\n", "f.yaml:1:4: invalid YAML: this [ is never closed (did not find expected ',' or ']')"},
		// of two open [, the inner one, after "a: [[x], " (9 characters)
		{"inner [ on the line", "a: [[x], [y\n", "f.yaml:1:10: invalid YAML: this [ is never closed (did not find expected ',' or ']')"},
		// a ] does not close a {: the { after "a: [b, " (7 characters) is open
		{"mismatched closer", "a: [b, {c: d]\n", "f.yaml:1:8: invalid YAML: this { is never closed (did not find expected ',' or '}')"},
		// the error at the end of a one-line file without a line break is on that line
		{"error at the end", "[", "f.yaml:1: invalid YAML: did not find expected node content"},
		// a [ inside quotes is text: the open one is the first, in column 4
		{"bracket in quotes", "a: ['[', b\n", "f.yaml:1:4: invalid YAML: this [ is never closed (did not find expected ',' or ']')"},
		// "  - c" on line 3 is a list item inside the mapping that began on
		// line 2; the library says line 1
		{"list item in a mapping", "a:\n  b: 1\n  - c\n", "f.yaml:3: invalid YAML: did not find expected key"},
		// "  d: 2" on line 4 is a key inside the list that began on line 3;
		// the library says line 2
		{"key in a list", "a: 1\nb:\n  - c\n  d: 2\n", "f.yaml:4: invalid YAML: did not find expected '-' indicator"},
		// " d: 2" on line 4 is indented by one space, fitting no block
		{"odd indentation", "a: 1\nb:\n  c: 1\n d: 2\ne: 3\n", "f.yaml:4: invalid YAML: did not find expected key"},
		// an unclosed quote on line 2: the library says line 2
		{"unclosed quote", "a: 1\nb: \"x\nc: 2\n", "f.yaml:2: invalid YAML: a quoted value that starts on this line is never closed (found unexpected end of stream)"},
		// an unclosed quote on line 1: the library says the line after the end
		{"unclosed quote on line 1", "a: 'x\nb: 2\n", "f.yaml:1: invalid YAML: a quoted value that starts on this line is never closed (found unexpected end of stream)"},
		// scanner errors already had the right line: kept
		{"mapping value in a value", "a: 1\nb: x: y\n", "f.yaml:2: invalid YAML: mapping values are not allowed in this context"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.data))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Parse = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadAllRefusesLargeInput(t *testing.T) {
	_, err := ReadAll("big", strings.NewReader(strings.Repeat("#", MaxSize+1)))
	if err == nil || err.Error() != "big: is larger than 8 MiB, the most cop reads" {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadAll("ok", strings.NewReader(strings.Repeat("#", MaxSize))); err != nil {
		t.Errorf("exactly 8 MiB refused: %v", err)
	}
}

func TestAliasBombIsNotExpanded(t *testing.T) {
	var b strings.Builder
	b.WriteString("kind: cop-assessment\na: &a [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		name := string(rune('a' + i))
		prev := "*" + string(rune('a'+i-1))
		b.WriteString(name + ": &" + name + " [" + strings.Repeat(prev+", ", 8) + prev + "]\n")
	}
	_, err := AssessmentBytes("bomb.yaml", []byte(b.String()), resolver(t))
	got := problemLines(t, err)
	if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), `unknown key "a"`) {
		t.Errorf("problems = %v", got)
	}
}

func TestIsSemverAndIsID(t *testing.T) {
	for s, want := range map[string]bool{
		"1.0.0": true, "0.10.2": true, "1.0.0-rc.1": true, "1.0.0+build.5": true, "1.2.3-a-b+c.d": true,
		"1.0": false, "01.0.0": false, "1.0.0-": false, "1.0.0+": false, "v1.0.0": false, "1.0.0.0": false, "": false, "1..0": false,
	} {
		if got := IsSemver(s); got != want {
			t.Errorf("IsSemver(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"alpha": true, "terms-of_ref.2": true, "A1": true,
		"": false, "-x": false, ".x": false, "a b": false, "a=b": false, "é": false,
	} {
		if got := IsID(s); got != want {
			t.Errorf("IsID(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestAssessmentDraftAndAnonymous: a draft from the questionnaire page says
// draft: true, and an anonymous round's responses have no respondent; both
// load, and draft takes only true or false.
func TestAssessmentDraftAndAnonymous(t *testing.T) {
	src := strings.Replace(goodAssessment, "community: Test CoP", "community: Test CoP\ndraft: true", 1)
	src = strings.Replace(src, "  - respondent: Ben\n    ratings:", "  - ratings:", 1)
	l, err := AssessmentBytes("a.yaml", []byte(src), resolver(t))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if !l.Assessment.Draft || l.Assessment.Responses[1].Respondent != "" {
		t.Errorf("draft %v, second respondent %q; want true and none", l.Assessment.Draft, l.Assessment.Responses[1].Respondent)
	}
	if l, _ := AssessmentBytes("a.yaml", []byte(goodAssessment), resolver(t)); l.Assessment.Draft {
		t.Error("a file without draft: loads as a draft")
	}
	src = strings.Replace(goodAssessment, "community: Test CoP", "community: Test CoP\ndraft: yes", 1)
	_, err = AssessmentBytes("a.yaml", []byte(src), resolver(t))
	if want := `a.yaml:4:8: draft: expected true or false, found "yes"`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
