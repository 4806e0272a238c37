package compare

import (
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// The test framework tf (testdata/tf-1.yaml, tf-2.yaml): version 2.0.0
// drops dimension space, adds dimension reach, and renames plan's p-old to
// p-new. By hand, from the files in testdata:
//
//	alpha-1 (1.0.0): plan mean(1,2,3) = 2.00; people mean(1,1) = 1.00; space 4.00
//	                 overall (2 + 1 + 4)/3 = 2.33
//	alpha-2 (2.0.0): plan (2+3+3)/3 = 2.67; people 2 (q2 not applicable) = 2.00;
//	                 reach 3 (r2 unknown) = 3.00, coverage 1/2;
//	                 overall (8/3 + 2 + 3)/3 = 23/9 = 2.56, coverage 5/(7-1) = 0.83
//	beta    (2.0.0): plan p1 (4+3)/2 = 3.5, p2 4, p-new (4+2)/2 = 3 -> 10.5/3 = 3.50;
//	                 people q1 (0+1)/2 = 0.5, q2 1 -> 0.75; reach excluded (null);
//	                 overall (3.5 + 0.75)/2 = 2.125 -> 2.13
func load1(t *testing.T, files ...string) []*Round {
	t.Helper()
	fws := map[string]*model.Framework{}
	for _, f := range []string{"tf-1.yaml", "tf-2.yaml"} {
		fw, err := load.FrameworkFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fws[fw.Version] = fw
	}
	var out []*Round
	for _, f := range files {
		version := "2.0.0"
		if f == "alpha-1.yaml" {
			version = "1.0.0"
		}
		l, err := load.AssessmentFile("testdata/"+f, func(string) (*model.Framework, error) { return fws[version], nil })
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Summarize(f, l.Assessment, score.Compute(l.Framework, l.Assessment)))
	}
	return out
}

func fixed(n score.Number) string {
	if !n.Valid {
		return "null"
	}
	return model.FormatNumber(score.Round2(n.Value))
}

// cells writes a column's dimension cells as "id=score(change)" for
// compact comparison with hand-computed expectations.
func cells(c *Comparison, col Column) string {
	var parts []string
	for i, row := range c.Rows {
		cell := col.Dimensions[i]
		s := row.ID + "="
		switch {
		case !cell.Comparable:
			s += "n/c"
		default:
			s += fixed(cell.Score.Score)
		}
		if col.Previous != nil && cell.Comparable {
			switch {
			case !cell.ChangeComparable:
				s += "(n/c)"
			case cell.Change.Valid:
				s += "(" + fixed(cell.Change) + ")"
			}
		}
		parts = append(parts, s)
	}
	s := "overall=" + fixed(col.Overall.Score.Score)
	if col.Overall.Change.Valid {
		s += "(" + fixed(col.Overall.Change) + ")"
	}
	return strings.Join(append(parts, s), " ")
}

func TestSummarize(t *testing.T) {
	r := load1(t, "alpha-2.yaml")[0]
	if r.Community != "  alpha " || r.Date.Format(model.DateLayout) != "2026-06-15" || r.Version != "2.0.0" || r.Respondents != 1 {
		t.Errorf("round = %q %v %q %d", r.Community, r.Date, r.Version, r.Respondents)
	}
	if got := fixed(r.Overall.Score); got != "2.56" || r.Overall.Level.ID != "maturing" || fixed(r.Overall.Coverage) != "0.83" {
		t.Errorf("overall = %s %s %s, want 2.56 maturing 0.83", got, r.Overall.Level.ID, fixed(r.Overall.Coverage))
	}
	want := []string{"plan 2.67 rated", "people 2 rated", "reach 3 rated"}
	for i, d := range r.Dimensions {
		if got := d.ID + " " + fixed(d.Score.Score) + " " + string(d.Status); got != want[i] {
			t.Errorf("dimension %d = %s, want %s", i, got, want[i])
		}
	}
	b := load1(t, "beta.yaml")[0]
	if s, _ := b.dimension("reach"); s.Status != score.Excluded || s.Score.Valid || s.Coverage.Valid {
		t.Errorf("beta reach = %+v, want excluded with null score and coverage", s)
	}
}

// TestOverTime: one community (two spellings of its name) over two
// framework versions. Changes are rounded minus rounded: plan 2.67 - 2.00 =
// 0.67, people 2.00 - 1.00 = 1, overall 2.56 - 2.33 = 0.23. reach is new in
// 2.0.0 (no change: not comparable), space is gone (not comparable).
func TestOverTime(t *testing.T) {
	c, err := Build(load1(t, "alpha-2.yaml", "alpha-1.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode != OverTime || c.Communities != 1 || c.RoundsRead != 2 || len(c.Columns) != 2 {
		t.Fatalf("mode %s, %d communities, %d rounds, %d columns", c.Mode, c.Communities, c.RoundsRead, len(c.Columns))
	}
	if strings.Join(c.Versions, " ") != "1.0.0 2.0.0" {
		t.Errorf("versions = %v", c.Versions)
	}
	wantRows := "plan:all:mixed people:all:same reach:some:same space:some:same"
	var rows []string
	for _, r := range c.Rows {
		s := r.ID + ":all"
		if !r.InAll {
			s = r.ID + ":some"
		}
		if r.SameIndicators {
			s += ":same"
		} else {
			s += ":mixed"
		}
		rows = append(rows, s)
	}
	if got := strings.Join(rows, " "); got != wantRows {
		t.Errorf("rows = %s\nwant   %s", got, wantRows)
	}
	want := []string{
		"plan=2 people=1 reach=n/c space=4 overall=2.33",
		"plan=2.67(0.67) people=2(1) reach=3(n/c) space=n/c overall=2.56(0.23)",
	}
	for i, col := range c.Columns {
		if got := cells(c, col); got != want[i] {
			t.Errorf("column %d = %s\nwant       %s", i, got, want[i])
		}
		if col.Community != "alpha" {
			t.Errorf("column %d community = %q, want the latest spelling, trimmed: alpha", i, col.Community)
		}
	}
	if c.Columns[0].Round.File != "alpha-1.yaml" || c.Columns[1].Previous != c.Columns[0].Round {
		t.Error("rounds are not in date order with the previous one linked")
	}
	u := c.Unaligned
	var got []string
	for _, m := range append(u.Dimensions, u.Indicators...) {
		got = append(got, m.ID+"@"+strings.Join(m.In, ","))
	}
	if strings.Join(got, " ") != "reach@2.0.0 space@1.0.0 plan.p-new@2.0.0 plan.p-old@1.0.0" || u.Count() != 4 {
		t.Errorf("unaligned = %v (count %d)", got, u.Count())
	}
}

func TestSideBySide(t *testing.T) {
	cases := []struct {
		sort string
		all  bool
		want []string // one line per column: file, then cells
	}{
		// Latest rounds only: both on 2.0.0, so everything aligns.
		{"", false, []string{
			"alpha-2.yaml plan=2.67 people=2 reach=3 overall=2.56",
			"beta.yaml plan=3.5 people=0.75 reach=null overall=2.13",
		}},
		// overall, highest first: alpha 2.56 > beta 2.13.
		{SortOverall, false, []string{"alpha-2.yaml", "beta.yaml"}},
		// plan: beta 3.50 > alpha 2.67.
		{"plan", false, []string{"beta.yaml", "alpha-2.yaml"}},
		// reach: beta has no score, so it goes last.
		{"reach", false, []string{"alpha-2.yaml", "beta.yaml"}},
		// Every round: alpha's two (with changes, over two versions), then beta.
		{SortName, true, []string{
			"alpha-1.yaml plan=2 people=1 reach=n/c space=4 overall=2.33",
			"alpha-2.yaml plan=2.67(0.67) people=2(1) reach=3(n/c) space=n/c overall=2.56(0.23)",
			"beta.yaml plan=3.5 people=0.75 reach=null space=n/c overall=2.13",
		}},
		// With every round, sorting is by each community's latest round and
		// keeps its rounds together: beta's plan 3.50 > alpha-2's 2.67.
		{"plan", true, []string{"beta.yaml", "alpha-1.yaml", "alpha-2.yaml"}},
	}
	for _, tc := range cases {
		t.Run(tc.sort, func(t *testing.T) {
			c, err := Build(load1(t, "beta.yaml", "alpha-1.yaml", "alpha-2.yaml"), Options{Sort: tc.sort, AllRounds: tc.all})
			if err != nil {
				t.Fatal(err)
			}
			if c.Mode != SideBySide || c.Communities != 2 || c.RoundsRead != 3 {
				t.Fatalf("mode %s, %d communities, %d rounds", c.Mode, c.Communities, c.RoundsRead)
			}
			if len(c.Columns) != len(tc.want) {
				t.Fatalf("%d columns, want %d", len(c.Columns), len(tc.want))
			}
			for i, col := range c.Columns {
				got := col.Round.File
				if strings.Contains(tc.want[i], " ") {
					got += " " + cells(c, col)
				}
				if got != tc.want[i] {
					t.Errorf("column %d = %s\nwant       %s", i, got, tc.want[i])
				}
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	fw := &model.Framework{ID: "tf", Version: "1.0.0"}
	other := &model.Framework{ID: "other", Version: "1.0.0"}
	day := func(s string) time.Time { d, _ := time.Parse(model.DateLayout, s); return d }
	r := func(file, community, date string, f *model.Framework) *Round {
		return &Round{File: file, Community: community, Date: day(date), Framework: f}
	}
	cases := []struct {
		name   string
		rounds []*Round
		opts   Options
		want   []string
	}{
		{"frameworks", []*Round{r("a.yaml", "A", "2026-01-01", fw), r("b.yaml", "B", "2026-01-01", other), r("c.yaml", "C", "2026-01-01", fw)},
			Options{}, []string{"different frameworks", "tf: a.yaml, c.yaml", "other: b.yaml"}},
		{"same date", []*Round{r("a.yaml", "River nurses", "2026-01-01", fw), r("b.yaml", "river  NURSES", "2026-01-01", fw)},
			Options{}, []string{`"River nurses" has two rounds on 2026-01-01: a.yaml and b.yaml`, "cop merge"}},
		{"sort", []*Round{r("a.yaml", "A", "2026-01-01", fw), r("b.yaml", "B", "2026-01-01", fw)},
			Options{Sort: "nope"}, []string{`cannot sort by "nope": expected name, overall or a dimension id`}},
		{"none", nil, Options{}, []string{"no rounds"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.rounds, tc.opts)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestCommunityKey(t *testing.T) {
	if CommunityKey("  Riverside\tPalliative  care ") != CommunityKey("riverside palliative Care") {
		t.Error("case and white space should not separate communities")
	}
	if CommunityKey("Riverside A") == CommunityKey("Riverside B") {
		t.Error("different names must stay apart")
	}
}

func TestFiles(t *testing.T) {
	if got := Files([]string{"a", "b"}, 3); got != "a, b" {
		t.Errorf("Files = %q", got)
	}
	if got := Files([]string{"a", "b", "c", "d", "e"}, 3); got != "a, b, c and 2 more" {
		t.Errorf("Files = %q", got)
	}
	// A name with a line break or an escape stays on its line, inert.
	if got := Files([]string{"a\n::error::x.yaml", "b\x1b[2J.yaml"}, 3); got != `a\x0a::error::x.yaml, b\x1b[2J.yaml` {
		t.Errorf("Files = %q", got)
	}
}

// TestNaturalCompare: digits compare as numbers, the rest as text; sorting
// a shuffled list gives the order a person expects.
func TestNaturalCompare(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"community number 2", "community number 10", -1},
		{"community number 10", "community number 9", 1},
		{"community number 10", "community number 10", 0},
		{"a1b2", "a1b10", -1},
		{"a 007", "a 7", 1}, // the same number: the shorter writing first
		{"a 07", "a 8", -1},
		{"a", "a 1", -1},
		{"a9", "ab", -1},                                          // '9' < 'b' as characters
		{"99999999999999999999 a", "100000000000000000000 a", -1}, // beyond int64
		{"école 2", "école 10", -1},
	} {
		if got := NaturalCompare(c.a, c.b); got != c.want {
			t.Errorf("NaturalCompare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := NaturalCompare(c.b, c.a); got != -c.want {
			t.Errorf("NaturalCompare(%q, %q) = %d, want %d", c.b, c.a, got, -c.want)
		}
	}
	names := []string{"community number 11", "community number 1", "community number 10", "community number 2", "community number 3"}
	slices.SortFunc(names, NaturalCompare)
	want := []string{"community number 1", "community number 2", "community number 3", "community number 10", "community number 11"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted: %q\nwant:   %q", names, want)
	}
}
