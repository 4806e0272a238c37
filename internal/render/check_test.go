package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// checkNow is 9 days after testdata/a.yaml's date (2026-11-22).
var checkNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func resolverFor(fws ...*model.Framework) load.Resolver {
	return func(id string) (*model.Framework, error) {
		for _, fw := range fws {
			if fw.ID == id {
				return fw, nil
			}
		}
		return nil, errors.New("not found")
	}
}

func checkRound(t *testing.T, path string, fws ...*model.Framework) *gate.Round {
	t.Helper()
	l, err := load.AssessmentFile(path, resolverFor(fws...))
	if err != nil {
		t.Fatal(err)
	}
	return &gate.Round{Assessment: l.Assessment, Result: score.Compute(l.Framework, l.Assessment)}
}

func frameworkFile(t *testing.T, path string) *model.Framework {
	t.Helper()
	fw, err := load.FrameworkFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// checkFixture checks testdata/a.yaml (see fixture) against
// testdata/check-policy.yaml, with testdata/check-base.yaml as the baseline,
// plus a file that did not load. By hand:
//
//	min-overall 2.5:     2.33 fails
//	min-level maturing:  2.33 is maturing (2 <= 2.33 < 3), passes
//	min-coverage 0.75:   0.75 passes
//	require-complete:    q2 is unrated, fails
//	max-age 30:          2026-11-22 to 2026-12-01 is 9 days, passes
//	min plan 2:          2.00 passes; min people 3.5: 3.00 fails; min na: skipped
//	baseline: plan (4x1 + 2x3)/4 = 2.50, people 3.00, na 2.00,
//	          overall (2.5x2 + 3 + 2)/4 = 2.50
//	max-drop 0.1:        overall 2.50 -> 2.33 dropped 0.17 fails; plan dropped
//	                     0.50 fails; people unchanged; na skipped
//	targets:             plan gap 1.00, progress (2 - 2.5)/(3 - 2.5) = -100%;
//	                     people gap 1.00, progress 0/1 = 0%; na not counted;
//	                     1 - 2/7 = 0.714 -> 71%
func checkFixture(t *testing.T) *CheckReport {
	t.Helper()
	fw := frameworkFile(t, "testdata/fw.yaml")
	p, err := load.PolicyFile("testdata/check-policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := load.FitPolicy(p, fw); err != nil {
		t.Fatal(err)
	}
	base := checkRound(t, p.Baseline.Value, fw)
	cur := checkRound(t, "testdata/a.yaml", fw)
	return &CheckReport{
		Policy:   p.Path,
		Flags:    []string{"--max-age"},
		Baseline: base,
		Files: []CheckFile{
			{Path: "testdata/a.yaml", Result: gate.Evaluate(p, gate.Input{Round: *cur, Baseline: base, Now: checkNow})},
			{Path: "broken.yaml", Problems: load.Problems{
				{File: "broken.yaml", Line: 4, Col: 7, Msg: `date "2026-02-31" is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)`},
				{File: "broken.yaml", Line: 9, Col: 3, Msg: "respondent is empty (expected text)"},
			}},
		},
	}
}

func TestCheck(t *testing.T) {
	runGoldenCases(t, checkFixture, []goldenCase[*CheckReport]{
		{"text", ".txt", nil, func(b *bytes.Buffer, r *CheckReport) error { return CheckText(b, r) }},
		{"text-color", ".txt", func(r *CheckReport) { r.Style.Color = true }, func(b *bytes.Buffer, r *CheckReport) error { return CheckText(b, r) }},
		{"json", ".json", nil, func(b *bytes.Buffer, r *CheckReport) error { return CheckJSON(b, r) }},
		{"junit", ".xml", nil, func(b *bytes.Buffer, r *CheckReport) error { return CheckJUnit(b, r) }},
		{"github", ".txt", nil, func(b *bytes.Buffer, r *CheckReport) error { return CheckGitHub(b, r) }},
		{"markdown", ".md", nil, func(b *bytes.Buffer, r *CheckReport) error { return CheckMarkdown(b, r) }},
	})
}

// TestCheckCounts checks the totals against the hand count in checkFixture:
// 12 outcomes (5 rules about the round, 3 dimension minimums, 4 drops):
// passed min-level, min-coverage, max-age, min plan, max-drop people = 5;
// failed min-overall, min people, max-drop overall, max-drop plan = 4;
// warned require-complete (the policy lists it under warn) = 1; skipped
// min na, max-drop na = 2.
func TestCheckCounts(t *testing.T) {
	c := checkFixture(t).Counts()
	want := CheckCounts{Files: 2, FilesFailed: 1, FilesInvalid: 1, Rules: 12, RulesPassed: 5, RulesFailed: 4, RulesSkipped: 2, RulesWarned: 1}
	if c != want {
		t.Errorf("counts = %+v\nwant %+v", c, want)
	}
	if got := c.String(); got != "2 files: 0 passed, 1 failed, 1 invalid; 12 rules: 5 passed, 4 failed, 1 warned, 2 skipped" {
		t.Errorf("summary = %q", got)
	}
	if c.Passed() {
		t.Error("Passed() with a failed and an invalid file")
	}
}

// TestCheckJSONValues reads the JSON back and checks the numbers worked out
// by hand in checkFixture, apart from the golden file.
func TestCheckJSONValues(t *testing.T) {
	var buf bytes.Buffer
	if err := CheckJSON(&buf, checkFixture(t)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Policy string
		Passed bool
		Files  []struct {
			Valid   bool
			Age     *int
			Rules   []map[string]any
			Targets *struct {
				Percent    float64 `json:"percentToTarget"`
				SumGaps    float64
				SumTargets float64
				Dimensions []struct {
					ID       string
					Gap      *float64
					Progress *float64
				}
			}
			Problems []struct{ Line, Column int }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Passed || len(doc.Files) != 2 || !doc.Files[0].Valid || doc.Files[1].Valid {
		t.Fatalf("doc = %+v", doc)
	}
	f := doc.Files[0]
	if *f.Age != 9 {
		t.Errorf("age %d, want 9", *f.Age)
	}
	rules := map[string]map[string]any{}
	for _, r := range f.Rules {
		rules[r["name"].(string)] = r
	}
	for name, want := range map[string][3]any{
		"min-overall":      {"fail", 2.33, 2.5},
		"min-level":        {"pass", "maturing", "maturing"},
		"require-complete": {"warn", 1.0, 0.0}, // listed under warn in the policy
		"max-age":          {"pass", 9.0, 30.0},
		"max-drop overall": {"fail", 0.17, 0.1},
		"max-drop plan":    {"fail", 0.5, 0.1},
		"min na":           {"skip", nil, 1.0},
	} {
		r := rules[name]
		if r == nil || r["status"] != want[0] || r["actual"] != want[1] || r["required"] != want[2] {
			t.Errorf("%s = %v, want status %v actual %v required %v", name, r, want[0], want[1], want[2])
		}
	}
	tg := f.Targets
	if tg == nil || tg.SumGaps != 2 || tg.SumTargets != 7 || tg.Percent != 0.71 {
		t.Fatalf("targets = %+v, want gaps 2 of 7, 0.71", tg)
	}
	if d := tg.Dimensions[0]; d.ID != "plan" || *d.Gap != 1 || *d.Progress != -1 {
		t.Errorf("plan target = %+v, want gap 1, progress -1", d)
	}
	if d := tg.Dimensions[2]; d.Gap != nil || d.Progress != nil {
		t.Errorf("excluded dimension's target = %+v, want null gap and progress", d)
	}
	if p := doc.Files[1].Problems; len(p) != 2 || p[0].Line != 4 || p[0].Column != 7 {
		t.Errorf("problems = %+v", p)
	}
}

// junitDoc is the part of JUnit XML that CI systems read, parsed back
// independently of the writer's own structs.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Line    int    `xml:"line,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestCheckJUnitParses(t *testing.T) {
	var buf bytes.Buffer
	if err := CheckJUnit(&buf, checkFixture(t)); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	// 12 rules + 1 invalid file; 4 failures (require-complete only warns,
	// and a warning is no failure); 1 error; 2 skipped.
	if doc.Tests != 13 || doc.Failures != 4 || doc.Errors != 1 || doc.Skipped != 2 || len(doc.Suites) != 2 {
		t.Fatalf("totals: %d tests, %d failures, %d errors, %d skipped, %d suites", doc.Tests, doc.Failures, doc.Errors, doc.Skipped, len(doc.Suites))
	}
	s := doc.Suites[0]
	failed := 0
	for _, c := range s.Cases {
		if c.Failure != nil {
			failed++
		}
		if c.Name == "min people" && (c.Failure == nil || c.Failure.Message != "People: 3.00 is below the minimum 3.50" || c.Line != 13) {
			t.Errorf("min people = %+v", c)
		}
		if c.Name == "require-complete" && (c.Failure != nil || c.Skipped != nil) {
			t.Errorf("require-complete, which only warns, = %+v; want a passed case", c)
		}
		if c.Name == "min na" && c.Skipped == nil {
			t.Errorf("min na is not skipped")
		}
	}
	if failed != s.Failures || s.Tests != len(s.Cases) {
		t.Errorf("suite counts %d/%d do not match its cases %d/%d", s.Failures, s.Tests, failed, len(s.Cases))
	}
	e := doc.Suites[1].Cases[0].Error
	if e == nil || !strings.Contains(e.Text, "broken.yaml:4:7: date") || !strings.Contains(e.Text, "\nbroken.yaml:9:3:") {
		t.Errorf("invalid file's error = %+v", e)
	}
}

// nastyReport checks a round whose community, dimension title and level
// labels are full of %, :, , and line breaks, in a file whose name has them too.
func nastyReport(t *testing.T) (*CheckReport, *model.Framework, *model.Assessment) {
	t.Helper()
	fw := frameworkFile(t, "testdata/check-nasty-fw.yaml")
	data, err := os.ReadFile("testdata/check-nasty.yaml")
	if err != nil {
		t.Fatal(err)
	}
	name := "rounds/a,b: 100%\nc.yaml"
	l, err := load.AssessmentBytes(name, data, resolverFor(fw))
	if err != nil {
		t.Fatal(err)
	}
	r := &gate.Round{Assessment: l.Assessment, Result: score.Compute(fw, l.Assessment)}
	p, err := load.PolicyBytes("p.yaml", []byte("kind: cop-policy\nversion: 1\nmin-level: high\ndimensions: {d1: {min: 1, target: 1}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	return &CheckReport{Policy: "p.yaml", Files: []CheckFile{{Path: name,
		Result:   gate.Evaluate(p, gate.Input{Round: *r, Now: checkNow}),
		Warnings: load.Problems{{File: name, Line: 3, Col: 5, Msg: "careful: 5%, then\nmore"}}}}}, fw, l.Assessment
}

// TestCheckTextKeepsFileNamesOnTheirLine: the file's name holds a line
// break; the text output writes it as a visible \x0a, so the name stays whole
// on the file's line rather than starting a new one.
func TestCheckTextKeepsFileNamesOnTheirLine(t *testing.T) {
	rep, _, _ := nastyReport(t)
	rep.Policy = "policies/p\n.yaml"
	var buf bytes.Buffer
	if err := CheckText(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"Policy: policies/p\\x0a.yaml\n", "\nrounds/a,b: 100%\\x0ac.yaml: "} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "c.yaml") || strings.HasPrefix(l, ".yaml") {
			t.Errorf("a file name broken across lines: %q in:\n%s", l, out)
		}
	}
}

// unescapeAnnotation undoes the workflow-command escaping, the way the
// GitHub Actions runner reads it.
var unescapeAnnotation = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")

// TestCheckGitHubSurvivesSpecialCharacters parses each annotation back:
// every one is a single line, its properties split cleanly at ',' and '=',
// and the file, title and message read back are exactly what was meant.
func TestCheckGitHubSurvivesSpecialCharacters(t *testing.T) {
	rep, fw, a := nastyReport(t)
	var buf bytes.Buffer
	if err := CheckGitHub(&buf, rep); err != nil {
		t.Fatal(err)
	}
	type parsed struct {
		level, message string
		props          map[string]string
	}
	var anns []parsed
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "::") {
			if !strings.HasPrefix(line, "cop check: ") {
				t.Errorf("stray line (a message broke out of its annotation?): %q", line)
			}
			continue
		}
		head, msg, ok := strings.Cut(line[2:], "::")
		if !ok {
			t.Fatalf("no message separator in %q", line)
		}
		level, props, _ := strings.Cut(head, " ")
		p := parsed{level: level, message: unescapeAnnotation.Replace(msg), props: map[string]string{}}
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property %q of %q has no '='", kv, line)
			}
			p.props[k] = unescapeAnnotation.Replace(v)
		}
		anns = append(anns, p)
	}
	dim := fw.Dimensions[0].Title
	wantError := dim + ": 0.00 is below the minimum 1.00"
	var sawError, sawLevel, sawWarning, sawNotice bool
	for _, p := range anns {
		if p.props["file"] != rep.Files[0].Path {
			t.Errorf("file read back as %q", p.props["file"])
		}
		switch {
		case p.level == "error" && p.props["title"] == "cop check: min d1":
			sawError = p.message == wantError && p.props["line"] == "9"
		case p.level == "error" && p.props["title"] == "cop check: min-level":
			sawLevel = strings.Contains(p.message, fw.Levels[0].Label) && strings.Contains(p.message, fw.Levels[1].Label)
		case p.level == "warning":
			sawWarning = p.message == "careful: 5%, then\nmore" && p.props["line"] == "3" && p.props["col"] == "5"
		case p.level == "notice":
			sawNotice = strings.HasPrefix(p.message, a.Community+", 2026-11-01: 0 of 2 rules passed")
		}
	}
	if !sawError || !sawLevel || !sawWarning || !sawNotice {
		t.Errorf("annotations read back wrong (error %v, level %v, warning %v, notice %v):\n%s", sawError, sawLevel, sawWarning, sawNotice, buf.String())
	}
}

// TestCheckJUnitSurvivesSpecialCharacters: the same names in JUnit XML
// parse back unchanged, line breaks included (as XML normalises them: CR LF
// read back as LF).
func TestCheckJUnitSurvivesSpecialCharacters(t *testing.T) {
	rep, fw, _ := nastyReport(t)
	var buf bytes.Buffer
	if err := CheckJUnit(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	if doc.Suites[0].Name != rep.Files[0].Path {
		t.Errorf("suite name %q", doc.Suites[0].Name)
	}
	want := fw.Dimensions[0].Title + ": 0.00 is below the minimum 1.00"
	for _, c := range doc.Suites[0].Cases {
		if c.Name == "min d1" && (c.Failure == nil || c.Failure.Message != want) {
			t.Errorf("min d1 failure = %+v, want message %q", c.Failure, want)
		}
	}
}

func TestCheckMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := CheckMarkdown(&buf, checkFixture(t)); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if strings.Contains(md, "<script>") || !strings.Contains(md, `Riverside &lt;script&gt;alert(1)&lt;/script&gt; \| Nurses`) {
		t.Errorf("community not escaped:\n%s", md)
	}
}

// TestTargetSumsAreRounded: sums cop computes are shown with 2 decimals,
// in text and JSON, even when the float sum is not exact (0.1 + 0.2 is
// 0.30000000000000004 in binary); targets as the user gave them are kept.
func TestTargetSumsAreRounded(t *testing.T) {
	tg := &gate.Targets{SumGaps: 0.1 + 0.2, SumTargets: 0.1 + 0.2, Percent: score.Number{Value: 0, Valid: true}}
	if got, want := targetsLine(tg), "0% of the way (sum of gaps 0.30, sum of targets 0.30)"; got != want {
		t.Errorf("targetsLine = %q, want %q", got, want)
	}
}
