package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// fixture loads testdata/a.yaml against testdata/fw.yaml. By hand:
//
//	p1: 3, 1    -> 2, spread 2 (disagreement)      plan (weight 2) = (2x1 + 2x3)/(1+3) = 2.00 maturing, coverage 2/2
//	p2: 1, 2, 3 -> 2, spread 2 (disagreement)
//	q1: 4, 2    -> 3, spread 2 (disagreement)      people = 3.00 stewardship, coverage 1/(3-1) = 0.50
//	q2: unknown + 2 missing -> unrated
//	q3: not-applicable x3 -> excluded (every response says so)
//	n1: not-applicable x3 -> excluded; dimension na excluded (null score and coverage)
//	overall = (2x2 + 3x1)/(2+1) = 7/3 = 2.33 maturing; coverage 3/(6-2) = 0.75
func fixture(t *testing.T) *Report {
	t.Helper()
	return loadReport(t, "testdata/fw.yaml", "testdata/a.yaml")
}

// loadReport scores the assessment in file a against the framework in file
// fw, for a report of the 5 weakest indicators with Unicode bars.
func loadReport(t *testing.T, fwFile, aFile string) *Report {
	t.Helper()
	fw, err := load.FrameworkFile(fwFile)
	if err != nil {
		t.Fatal(err)
	}
	l, err := load.AssessmentFile(aFile, func(id string) (*model.Framework, error) {
		if id == fw.ID {
			return fw, nil
		}
		return nil, errors.New("not found")
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Report{Assessment: l.Assessment, Result: score.Compute(fw, l.Assessment), Weakest: 5, Style: Style{Unicode: true}}
}

// goldenCase is one rendering of a fixture compared with its golden file:
// change adjusts the fixture, write renders it.
type goldenCase[T any] struct {
	name   string
	ext    string
	change func(T)
	write  func(*bytes.Buffer, T) error
}

// runGoldenCases renders a fresh fixture for each case and compares the
// output with testdata/<Test>_<case><ext>.
func runGoldenCases[T any](t *testing.T, fixture func(*testing.T) T, cases []goldenCase[T]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := fixture(t)
			if c.change != nil {
				c.change(v)
			}
			var buf bytes.Buffer
			if err := c.write(&buf, v); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, c.ext, buf.Bytes())
		})
	}
}

func TestReport(t *testing.T) {
	runGoldenCases(t, fixture, []goldenCase[*Report]{
		{"table", ".txt", nil, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{"table-ascii", ".txt", func(r *Report) { r.Style.Unicode = false }, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{"table-color", ".txt", func(r *Report) { r.Style.Color = true }, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{"table-explain", ".txt", func(r *Report) { r.Explain = true }, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{"markdown", ".md", nil, func(b *bytes.Buffer, r *Report) error { return ReportMarkdown(b, r) }},
		{"markdown-explain", ".md", func(r *Report) { r.Explain = true }, func(b *bytes.Buffer, r *Report) error { return ReportMarkdown(b, r) }},
		{"json", ".json", nil, func(b *bytes.Buffer, r *Report) error { return ReportJSON(b, r) }},
		{"weakest-1", ".txt", func(r *Report) { r.Weakest = 1 }, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
	})
}

// TestReportJSONValues checks the JSON numbers against the hand computation
// in fixture's comment, independently of the golden file.
func TestReportJSONValues(t *testing.T) {
	var buf bytes.Buffer
	if err := ReportJSON(&buf, fixture(t)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Community   string
		Respondents int
		Overall     struct {
			Score    *float64
			Level    *string
			Coverage *float64
		}
		Dimensions []struct {
			ID         string
			Status     string
			Score      *float64
			Level      *string
			Coverage   *float64
			Indicators []struct {
				ID           string
				Status       string
				Score        *float64
				Ratings      int
				Spread       *float64
				Disagreement bool
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Community != "Riverside <script>alert(1)</script> | Nurses" || doc.Respondents != 3 {
		t.Errorf("community %q, respondents %d", doc.Community, doc.Respondents)
	}
	if o := doc.Overall; o.Score == nil || *o.Score != 2.33 || *o.Level != "maturing" || *o.Coverage != 0.75 {
		t.Errorf("overall = %v %v %v, want 2.33 maturing 0.75", o.Score, o.Level, o.Coverage)
	}
	want := map[string]struct {
		status   string
		score    float64
		level    string
		coverage float64
	}{
		"plan":   {"rated", 2, "maturing", 1},
		"people": {"rated", 3, "stewardship", 0.5},
	}
	for _, d := range doc.Dimensions {
		if d.ID == "na" {
			if d.Status != "excluded" || d.Score != nil || d.Level != nil || d.Coverage != nil {
				t.Errorf("na = %+v, want excluded with null score, level and coverage", d)
			}
			continue
		}
		w := want[d.ID]
		if d.Status != w.status || *d.Score != w.score || *d.Level != w.level || *d.Coverage != w.coverage {
			t.Errorf("%s = %s %v %v %v, want %+v", d.ID, d.Status, *d.Score, *d.Level, *d.Coverage, w)
		}
	}
	p1 := doc.Dimensions[0].Indicators[0]
	if p1.ID != "p1" || *p1.Score != 2 || p1.Ratings != 2 || *p1.Spread != 2 || !p1.Disagreement {
		t.Errorf("p1 = %+v, want score 2 from 2 ratings, spread 2, disagreement", p1)
	}
	q2 := doc.Dimensions[1].Indicators[1]
	if q2.Status != "unrated" || q2.Score != nil || q2.Spread != nil {
		t.Errorf("q2 = %+v, want unrated with null score and spread", q2)
	}
}

func TestReportEscapesUserTextInMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := ReportMarkdown(&buf, fixture(t)); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, bad := range []string{"<script>", "<b>", " *later*"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown contains unescaped %q", bad)
		}
	}
	if !strings.Contains(md, `# Riverside &lt;script&gt;alert(1)&lt;/script&gt; \| Nurses: health report`) {
		t.Errorf("community not escaped in the heading:\n%s", md)
	}
	if !strings.Contains(md, `Review \| next: &lt;soon&gt; &amp; \*later\*`) || !strings.Contains(md, "Agreed in March.<br>Review") {
		t.Errorf("note not escaped as expected:\n%s", md)
	}
}

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":         `a \| b`,
		"line\nbreak":   "line<br>break",
		"crlf\r\nbreak": "crlf<br>break",
		"<img src=x>":   "&lt;img src=x&gt;",
		"*em* _em_":     `\*em\* \_em\_`,
		"[link](x)":     `\[link\](x)`,
		"`code`":        "\\`code\\`",
		"# heading":     `\# heading`,
		`back\slash`:    `back\\slash`,
		"&lt;":          "&amp;lt;",
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":      "'=1+1",
		"+1":        "'+1",
		"-1":        "'-1",
		"@SUM(A1)":  "'@SUM(A1)",
		"\tx":       "'\tx",
		"\rx":       "'\rx",
		"Riverside": "Riverside",
		"a=b":       "a=b",
		"":          "",
		"'=quoted":  "'=quoted",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAnnotationEscaping(t *testing.T) {
	if got, want := AnnotationMessage("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b"; got != want {
		t.Errorf("AnnotationMessage = %q, want %q", got, want)
	}
	if got, want := AnnotationProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A"; got != want {
		t.Errorf("AnnotationProperty = %q, want %q", got, want)
	}
	// other control characters are shown, not obeyed by the log viewer
	if got, want := AnnotationMessage("red\x1b[31m\ttab"), `red\x1b[31m`+"\ttab"; got != want {
		t.Errorf("AnnotationMessage = %q, want %q", got, want)
	}
	if got, want := AnnotationProperty("f\x07.yaml"), `f\x07.yaml`; got != want {
		t.Errorf("AnnotationProperty = %q, want %q", got, want)
	}
}

func TestBar(t *testing.T) {
	some := func(v float64) score.Number { return score.Number{Value: v, Valid: true} }
	// 2.05 of 0-4 is 0.5125 of 20 cells = 10.25 cells = 82 eighths: 10 full and 2/8 (▎).
	if got, want := Bar(some(2.05), 0, 4, BarWidth, true), strings.Repeat("█", 10)+"▎"; got != want {
		t.Errorf("Bar(2.05) = %q, want %q", got, want)
	}
	if got, want := Bar(some(4), 0, 4, BarWidth, true), strings.Repeat("█", 20); got != want {
		t.Errorf("Bar(4) = %q, want %q", got, want)
	}
	if got, want := Bar(some(2), 0, 4, BarWidth, true), strings.Repeat("█", 10); got != want {
		t.Errorf("Bar(2) = %q, want %q", got, want)
	}
	if got, want := Bar(some(1), 0, 4, BarWidth, false), strings.Repeat("#", 5); got != want {
		t.Errorf("Bar(1, ascii) = %q, want %q", got, want)
	}
	// A 1-5 scale: 3 is half way.
	if got, want := Bar(some(3), 1, 5, BarWidth, false), strings.Repeat("#", 10); got != want {
		t.Errorf("Bar(3 of 1-5) = %q, want %q", got, want)
	}
	if got := Bar(score.Number{}, 0, 4, BarWidth, true); got != "" {
		t.Errorf("Bar(null) = %q, want empty", got)
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("one two three four five", 12, "  ")
	want := "  one two\n  three four\n  five"
	if got != want {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
}

func TestPreciseAndPercent(t *testing.T) {
	if got := Precise(8.0 / 3); got != "2.6667..." {
		t.Errorf("Precise(8/3) = %q", got)
	}
	if got := Precise(2.5); got != "2.5" {
		t.Errorf("Precise(2.5) = %q", got)
	}
	if got := Percent(score.Number{Value: 2.0 / 3, Valid: true}); got != "67%" {
		t.Errorf("Percent(2/3) = %q", got)
	}
	if got := Percent(score.Number{}); got != "-" {
		t.Errorf("Percent(null) = %q", got)
	}
}

// TestFrameworkTextMakesTitlesInert shows a framework whose dimension and
// indicator titles hold terminal escapes (set the window title, clear the
// screen): the tree prints them as visible \x1b, never raw, as it already
// does for the framework's title and every wrapped text.
func TestFrameworkTextMakesTitlesInert(t *testing.T) {
	fw := &model.Framework{ID: "t", Version: "1.0.0", Title: "T", Description: "D",
		Scale:  []model.ScalePoint{{Value: 0, Label: "a"}, {Value: 1, Label: "b"}},
		Levels: []model.Level{{ID: "l", Label: "L"}},
		Dimensions: []model.Dimension{{ID: "d", Title: "Dim\x1b]0;pwned\a", Weight: 1, Description: "x",
			Indicators: []model.Indicator{{ID: "i", Title: "Ind\x1b[2J", Weight: 1, Statement: "s"}}}},
	}
	var b bytes.Buffer
	if err := FrameworkText(&b, fw, false, 80); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\a") {
		t.Errorf("raw control characters in the tree:\n%q", out)
	}
	for _, want := range []string{`1. Dim\x1b]0;pwned\x07 (d)`, `   - i: Ind\x1b[2J`} {
		if !strings.Contains(out, want) {
			t.Errorf("tree lacks %q:\n%s", want, out)
		}
	}
}

// TestReportTableMakesLevelLabelsInert gives every level a label holding a
// terminal escape (clear the screen): the overall line and the dimension
// rows print it as a visible \x1b, never raw.
func TestReportTableMakesLevelLabelsInert(t *testing.T) {
	rep := fixture(t)
	rep.Explain = true
	fw := rep.Result.Framework
	for i := range fw.Levels {
		fw.Levels[i].Label += "\x1b[2J"
	}
	var b bytes.Buffer
	if err := ReportTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("raw ESC in the report:\n%q", out)
	}
	// The fixture's overall level is maturing (7/3 = 2.33, see fixture).
	if !strings.Contains(out, `\x1b[2J`) {
		t.Errorf("the level label's escape is not shown:\n%s", out)
	}
}

func TestInert(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"clear\x1b[2Jthis":  `clear\x1b[2Jthis`,
		"bell\a":            `bell\x07`,
		"rtl\u202eevil":     `rtl\u202eevil`,
		"tab\tand\nnewline": "tab\tand\nnewline",
		"c1\u009bx":         `c1\x9bx`,
	} {
		if got := Inert(in); got != want {
			t.Errorf("Inert(%q) = %q, want %q", in, got, want)
		}
	}
	if got := OneLine(" a\n b\x1b "); got != `a b\x1b` {
		t.Errorf("OneLine = %q", got)
	}
}
