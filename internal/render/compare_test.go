package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// comparison builds a comparison of files from the compare package's
// testdata (framework tf in versions 1.0.0 and 2.0.0, and rounds of the
// communities alpha and beta, worked out by hand in its tests) and this
// package's testdata (a round whose community name is hostile).
//
// Gamma (2.0.0): plan mean(1,1,1) = 1.00; people (4+3)/2 = 3.50;
// reach (0+1)/2 = 0.50; overall (1 + 3.5 + 0.5)/3 = 1.67.
func comparison(t *testing.T, opts compare.Options, files ...string) *Compare {
	t.Helper()
	fws := map[string]*model.Framework{}
	for _, v := range []string{"1", "2"} {
		fw, err := load.FrameworkFile("../compare/testdata/tf-" + v + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		fws[fw.Version] = fw
	}
	var rounds []*compare.Round
	for _, f := range files {
		path := "../compare/testdata/" + f
		if strings.HasPrefix(f, "compare-") {
			path = "testdata/" + f
		}
		doc, err := load.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		version := "2.0.0"
		if f == "alpha-1.yaml" {
			version = "1.0.0"
		}
		l, err := load.Assessment(doc, func(string) (*model.Framework, error) { return fws[version], nil })
		if err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, compare.Summarize(f, l.Assessment, score.Compute(l.Framework, l.Assessment)))
	}
	c, err := compare.Build(rounds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return &Compare{Comparison: c, Style: Style{Unicode: true}}
}

func TestCompare(t *testing.T) {
	overTime := []string{"alpha-2.yaml", "alpha-1.yaml"}
	sideBySide := []string{"beta.yaml", "alpha-1.yaml", "alpha-2.yaml", "compare-hostile.yaml"}
	table := func(b *bytes.Buffer, c *Compare) error { return CompareTable(b, c) }
	markdown := func(b *bytes.Buffer, c *Compare) error { return CompareMarkdown(b, c) }
	csvw := func(b *bytes.Buffer, c *Compare) error { return CompareCSV(b, c) }
	jsonw := func(b *bytes.Buffer, c *Compare) error { return CompareJSON(b, c) }
	cases := []struct {
		name   string
		ext    string
		files  []string
		opts   compare.Options
		change func(*Compare)
		write  func(*bytes.Buffer, *Compare) error
	}{
		{"over-time-table", ".txt", overTime, compare.Options{}, nil, table},
		{"over-time-table-ascii", ".txt", overTime, compare.Options{}, func(c *Compare) { c.Style.Unicode = false }, table},
		{"over-time-table-color", ".txt", overTime, compare.Options{}, func(c *Compare) { c.Style.Color = true }, table},
		{"over-time-markdown", ".md", overTime, compare.Options{}, nil, markdown},
		{"over-time-csv", ".csv", overTime, compare.Options{}, nil, csvw},
		{"over-time-json", ".json", overTime, compare.Options{}, nil, jsonw},
		{"side-by-side-table", ".txt", sideBySide, compare.Options{}, nil, table},
		{"side-by-side-table-50", ".txt", sideBySide, compare.Options{}, func(c *Compare) { c.Style.Width = 50 }, table},
		{"side-by-side-table-color", ".txt", sideBySide, compare.Options{Sort: "overall"}, func(c *Compare) { c.Style.Color = true }, table},
		{"side-by-side-markdown", ".md", sideBySide, compare.Options{}, nil, markdown},
		{"side-by-side-csv", ".csv", sideBySide, compare.Options{}, nil, csvw},
		{"side-by-side-json", ".json", sideBySide, compare.Options{Sort: "people"},
			func(c *Compare) {
				c.Skipped = 2
				c.Problems = []ProblemDoc{{File: "bad.yaml", Line: 3, Column: 12, Message: "date is empty"}}
			}, jsonw},
		{"all-rounds-table", ".txt", sideBySide, compare.Options{AllRounds: true}, nil, table},
		{"all-rounds-markdown", ".md", sideBySide, compare.Options{AllRounds: true}, nil, markdown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := comparison(t, tc.opts, tc.files...)
			if tc.change != nil {
				tc.change(c)
			}
			var buf bytes.Buffer
			if err := tc.write(&buf, c); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, tc.ext, buf.Bytes())
		})
	}
}

// hostile is the community name in testdata/compare-hostile.yaml.
const hostile = "=HYPERLINK(\"http://evil.example\") | <b>*Gamma*</b>\nsecond line, \"quoted\""

// TestCompareCSVHostile reads the CSV back as a spreadsheet would: the
// hostile name survives RFC 4180 quoting whole (comma, quotes, line break)
// but starts with an apostrophe, so it is text, not a formula.
func TestCompareCSVHostile(t *testing.T) {
	var buf bytes.Buffer
	if err := CompareCSV(&buf, comparison(t, compare.Options{}, "beta.yaml", "compare-hostile.yaml")); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Header, then beta and the hostile round, in name order ("=" sorts first).
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	want := "'" + strings.Join(strings.Fields(hostile), " ")
	if recs[1][0] != want {
		t.Errorf("community cell = %q, want %q", recs[1][0], want)
	}
	for i, rec := range recs {
		if len(rec) != len(recs[0]) {
			t.Errorf("record %d has %d fields, the header %d", i, len(rec), len(recs[0]))
		}
	}
	// Gamma, by hand: overall (1 + 3.5 + 0.5)/3 = 1.67, coalescing.
	if got := strings.Join(recs[1][6:10], " "); got != "1.67  coalescing 1.00" {
		t.Errorf("gamma overall, change, level, coverage = %q", got)
	}
}

// TestCompareMarkdownHostile checks that the hostile name cannot break the
// table: every line of the table has the same number of cell separators
// (unescaped |), and no raw HTML or line break gets through.
func TestCompareMarkdownHostile(t *testing.T) {
	var buf bytes.Buffer
	if err := CompareMarkdown(&buf, comparison(t, compare.Options{}, "beta.yaml", "compare-hostile.yaml")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<b>") || strings.Contains(out, "*Gamma*") {
		t.Errorf("raw markup got through:\n%s", out)
	}
	pipes := -1
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		n := strings.Count(line, "|") - strings.Count(line, `\|`)
		if pipes >= 0 && n != pipes {
			t.Errorf("line %q has %d separators, the others %d", line, n, pipes)
		}
		pipes = n
	}
	if pipes != 4 { // | Dimension | beta | gamma |
		t.Errorf("%d separators per line, want 4", pipes)
	}
}

// TestCompareJSONValues checks the JSON against the hand-computed numbers
// in the compare package's tests, independently of the golden file.
func TestCompareJSONValues(t *testing.T) {
	var buf bytes.Buffer
	if err := CompareJSON(&buf, comparison(t, compare.Options{}, "alpha-1.yaml", "alpha-2.yaml")); err != nil {
		t.Fatal(err)
	}
	var doc CompareDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Mode != compare.OverTime || len(doc.Columns) != 2 || doc.NotComparable.Count != 4 {
		t.Fatalf("mode %s, %d columns, %d not comparable", doc.Mode, len(doc.Columns), doc.NotComparable.Count)
	}
	second := doc.Columns[1]
	if second.Previous == nil || *second.Previous != "2026-01-15" {
		t.Errorf("previous = %v, want 2026-01-15", second.Previous)
	}
	// overall 2.56, change 2.56 - 2.33 = 0.23
	if o := second.Overall; *o.Score != 2.56 || *o.Change != 0.23 || *o.Level != "maturing" {
		t.Errorf("overall = %v %v %v", *o.Score, *o.Change, *o.Level)
	}
	byID := map[string]CompareCellDoc{}
	for _, d := range second.Dimensions {
		byID[d.ID] = d
	}
	// plan 2.67 - 2.00 = 0.67; reach is new (change not comparable); space is gone.
	if d := byID["plan"]; *d.Score != 2.67 || *d.Change != 0.67 {
		t.Errorf("plan = %+v", d)
	}
	if d := byID["reach"]; *d.Score != 3 || d.Change != nil || d.ChangeComparable {
		t.Errorf("reach = %+v", d)
	}
	if d := byID["space"]; d.Status != "not-comparable" || d.Score != nil {
		t.Errorf("space = %+v, want not-comparable with a null score (never 0)", d)
	}
}
