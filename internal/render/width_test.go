package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/cophealth/cop/internal/compare"
)

// longTitle has 60 characters; its longest word, "Reaching", 8.
const longTitle = "Reaching members in remote and rural areas across the region"

// assertFits fails when a line of out is wider than width, measured with
// grapheme segmentation (charmbracelet/x/ansi), not with the measure the
// tables are laid out with, or ends in a blank.
func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if n := ansi.StringWidth(line); n > width {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, n, width, line)
		}
		if strings.TrimRight(ansi.Strip(line), " ") != ansi.Strip(line) {
			t.Errorf("line %d ends in a blank: %q", i+1, line)
		}
	}
}

// TestTableWrapsTitleInsideItsColumn works one layout out by hand: at 30
// columns, Score (5) and its gutter (2) leave the title column 23 cells, so
// the 60-character title wraps between words as
//
//	"Reaching members in" (19; adding " remote" would make 26)
//	"remote and rural areas" (22; adding " across" would make 29)
//	"across the region" (17)
//
// and the scores stay right-aligned under "Score", ending at column 30.
func TestTableWrapsTitleInsideItsColumn(t *testing.T) {
	tab := Table{
		Header:   []string{"Dimension", "Score"},
		Align:    []Align{Left, Right},
		Rows:     [][]string{{longTitle, "2.56"}, {"Overall", "2.67"}},
		MaxWidth: 30,
	}
	var b strings.Builder
	if err := tab.WritePlain(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"Dimension                Score\n" +
		"Reaching members in       2.56\n" +
		"remote and rural areas\n" +
		"across the region\n" +
		"Overall                   2.67\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestTableNeverCutsAWord: a word wider than the room a column can have is
// broken over lines, never cut (tablewriter alone would cut it).
func TestTableNeverCutsAWord(t *testing.T) {
	word := strings.Repeat("x", 30)
	tab := Table{Header: []string{"Title", "Score"}, Align: []Align{Left, Right}, Rows: [][]string{{word, "1.00"}}, MaxWidth: 20}
	var b strings.Builder
	if err := tab.WritePlain(&b); err != nil {
		t.Fatal(err)
	}
	assertFits(t, b.String(), 20)
	if got := strings.Count(b.String(), "x"); got != 30 {
		t.Errorf("%d of the word's 30 letters are shown:\n%s", got, b.String())
	}
}

// TestTableDropsExtraCells: a row with more cells than the header keeps the
// header's columns (tablewriter alone would add a column).
func TestTableDropsExtraCells(t *testing.T) {
	tab := Table{Header: []string{"A", "B"}, Rows: [][]string{{"a", "b", "extra"}}}
	var b strings.Builder
	if err := tab.WritePlain(&b); err != nil {
		t.Fatal(err)
	}
	if want := "A  B\na  b\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestReportFitsWidth renders the fixture's report, and one with a
// 60-character dimension title, at 50, 80 and 120 columns: no line is
// wider than the terminal, the title wraps inside its column, and the
// scores stay right-aligned.
func TestReportFitsWidth(t *testing.T) {
	for _, width := range []int{50, 80, 120} {
		for _, long := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d-long-%v", width, long), func(t *testing.T) {
				r := fixture(t)
				r.Style.Width = width
				if long {
					r.Result.Dimensions[0].Dimension.Title = longTitle
				}
				var b bytes.Buffer
				if err := ReportTable(&b, r); err != nil {
					t.Fatal(err)
				}
				out := b.String()
				assertFits(t, out, width)
				lines := strings.Split(out, "\n")
				head := -1
				for i, l := range lines {
					if strings.HasPrefix(l, "Dimension ") {
						head = i
					}
				}
				if head < 0 {
					t.Fatalf("no table header in\n%s", out)
				}
				// "Score" ends where every score ends: right-aligned.
				scoreEnd := strings.Index(lines[head], "Score") + len("Score")
				for _, s := range []string{"2.00", "3.00", "2.33"} {
					found := false
					for _, l := range lines[head+1:] {
						if i := strings.Index(l, "  "+s+"  "); i >= 0 {
							found = true
							if end := i + 2 + len(s); end != scoreEnd {
								t.Errorf("score %s ends at column %d, Score at %d:\n%s", s, end, scoreEnd, out)
							}
							break
						}
					}
					if !found {
						t.Errorf("score %s not in the table:\n%s", s, out)
					}
				}
				if !long {
					return
				}
				// The title's words, read down its column, are the title.
				titleCol := strings.Index(lines[head], "Score") - 2
				var words []string
				for _, l := range lines[head+1:] {
					if l == "" || strings.HasPrefix(l, "People") {
						break
					}
					words = append(words, strings.Fields(l[:min(len(l), titleCol)])...)
				}
				if got := strings.Join(words, " "); got != longTitle {
					t.Errorf("title column reads %q, want %q:\n%s", got, longTitle, out)
				}
			})
		}
	}
}

// TestReportBar: the bar gives way before the words. At 80 columns the
// fixture's columns after the title take 2+5 + 2+11 + 2+8 = 30 cells and
// its longest title, "Online space", 12, leaving the bar 80-30-12-2 = 36:
// the full 20 cells. With the 60-character title, 80-30-2 = 48 cells remain
// for title and bar: whole titles would leave none, so the titles wrap to
// leave the bar its minimum, 10 cells; at 50 columns, 18 remain, too few
// for a 10-cell bar beside 16 cells of title, so the bar is left out.
func TestReportBar(t *testing.T) {
	// People scores 3.00 of 0-4: three quarters of the bar, 15 blocks of
	// 20, or 7.5 of 10.
	bar20, bar10 := strings.Repeat("█", 15), strings.Repeat("█", 7)+"▌"
	for _, c := range []struct {
		width int
		long  bool
		want  string
	}{{80, false, bar20}, {120, false, bar20}, {80, true, bar10}, {50, false, ""}, {50, true, ""}} {
		r := fixture(t)
		if c.long {
			r.Result.Dimensions[0].Dimension.Title = longTitle
		}
		r.Style.Width = c.width
		var b strings.Builder
		if err := reportTable(r.Result, r.Style).WritePlain(&b); err != nil {
			t.Fatal(err)
		}
		var people string
		for _, l := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(l, "People") {
				people = l
			}
		}
		got := strings.TrimLeft(people[strings.LastIndex(people, "  ")+2:], " ")
		if c.want == "" {
			if strings.ContainsAny(people, "█▌") {
				t.Errorf("width %d: a bar though there is no room:\n%s", c.width, b.String())
			}
			continue
		}
		if got != c.want {
			t.Errorf("width %d, long title %v: People's bar is %q, want %q:\n%s", c.width, c.long, got, c.want, b.String())
		}
	}
}

func TestReportWidthGolden(t *testing.T) {
	table := func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }
	runGoldenCases(t, fixture, []goldenCase[*Report]{
		{"50", ".txt", func(r *Report) { r.Style.Width = 50 }, table},
		{"120", ".txt", func(r *Report) { r.Style.Width = 120 }, table},
		{"long-title-50", ".txt", func(r *Report) {
			r.Style.Width = 50
			r.Result.Dimensions[0].Dimension.Title = longTitle
		}, table},
		{"long-title-80", ".txt", func(r *Report) { r.Result.Dimensions[0].Dimension.Title = longTitle }, table},
	})
}

// TestCompareFitsWidth: a side-by-side comparison fits 50, 80 and 120
// columns, split into several tables where it must, and says so. The
// widest round is the hostile one: its name, wrapped at 20, keeps a word of
// 33 cells whole (=HYPERLINK("http://evil.example")); the others are as wide
// as their dates (10). The labels' longest word is "Respondents" (11). All
// three rounds take 11 + (2+33) + (2+10) + (2+10) = 70 columns: one table
// from 70 up, two below (at 50, the hostile round alone takes 46).
func TestCompareFitsWidth(t *testing.T) {
	for _, width := range []int{50, 69, 70, 80, 120} {
		c := comparison(t, compare.Options{}, "beta.yaml", "alpha-1.yaml", "alpha-2.yaml", "compare-hostile.yaml")
		c.Style.Width = width
		var b bytes.Buffer
		if err := CompareTable(&b, c); err != nil {
			t.Fatal(err)
		}
		assertFits(t, b.String(), width)
		split := strings.Contains(b.String(), "split into 2 tables")
		if want := width < 70; split != want {
			t.Errorf("width %d: split %v, want %v:\n%s", width, split, want, b.String())
		}
	}
}

// TestCompareManyCommunities: 3,000 communities side by side at 80 columns
// make many tables of a few columns each, never a line wider than 80, with
// every community in them and the hint to use csv or json.
func TestCompareManyCommunities(t *testing.T) {
	c := comparison(t, compare.Options{}, "beta.yaml")
	base := c.Comparison.Columns[0]
	c.Comparison.Columns = nil
	for i := range 3000 {
		col := base
		col.Community = fmt.Sprintf("Community %04d", i)
		c.Comparison.Columns = append(c.Comparison.Columns, col)
	}
	c.Comparison.Communities = 3000
	c.Comparison.Mode = compare.SideBySide
	var b bytes.Buffer
	if err := CompareTable(&b, c); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	assertFits(t, out, 80)
	for _, name := range []string{"Community 0000", "Community 1234", "Community 2999"} {
		if !strings.Contains(out, name) {
			t.Errorf("%s is missing", name)
		}
	}
	if !strings.Contains(out, "-f csv or -f json") {
		t.Error("no hint to use -f csv or -f json")
	}
}
