package render

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
	"golang.org/x/net/html"
)

// The radar's frame (html.go): centre (300, 230), radius 140. Axis i of n
// is at -90° + 360°·i/n, clockwise from the top; a value v on a scale from
// lo to hi lies at radius 140·(v - lo)/(hi - lo), v rounded to 2 decimals.

// compass loads testdata/html-a.yaml against testdata/html-fw.yaml: four
// dimensions, so the axes point up, right, down and left, on a scale from 1
// to 5, so the centre is 1, not 0. By hand:
//
//	north: 4                -> 4.00; r = 140·(4-1)/4    = 105   -> (300, 230-105)   = (300.00, 125.00)
//	east:  1, 2             -> 1.50; r = 140·(1.5-1)/4  = 17.5  -> (300+17.5, 230)  = (317.50, 230.00)
//	south: 5                -> 5.00; r = 140            = 140   -> (300, 230+140)   = (300.00, 370.00)
//	west:  2, 3, 3 = 8/3    -> 2.67 (rounded first); r = 140·1.67/4 = 58.45 -> (300-58.45, 230) = (241.55, 230.00)
//
// (Unrounded, 8/3 would give r = 58.33 and x = 241.67: the test tells them apart.)
//
// testdata/html-policy.yaml sets targets north 4.5, east 2, south 3, and none for west:
//
//	north 4.5 -> r = 140·3.5/4 = 122.5 -> (300.00, 107.50)
//	east  2   -> r = 140·1/4   = 35    -> (335.00, 230.00)
//	south 3   -> r = 140·2/4   = 70    -> (300.00, 300.00)
func compass(t *testing.T, withPolicy bool) *Report {
	t.Helper()
	rep := loadReport(t, "testdata/html-fw.yaml", "testdata/html-a.yaml")
	if withPolicy {
		p, err := load.PolicyFile("testdata/html-policy.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if err := load.FitPolicy(p, rep.Result.Framework); err != nil {
			t.Fatal(err)
		}
		rep.Policy = p
	}
	return rep
}

func TestReportHTML(t *testing.T) {
	write := func(b *bytes.Buffer, r *Report) error { return ReportHTML(b, r) }
	runGoldenCases(t, fixture, []goldenCase[*Report]{
		{"hostile", ".html", nil, write},
		{"explain", ".html", func(r *Report) { r.Explain = true }, write},
	})
	runGoldenCases(t, func(t *testing.T) *Report { return compass(t, true) }, []goldenCase[*Report]{
		{"targets", ".html", func(r *Report) { r.Made, r.Version = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), "v1.2.3" }, write},
	})
}

func TestCompareHTML(t *testing.T) {
	write := func(b *bytes.Buffer, c *Compare) error { return CompareHTML(b, c) }
	for _, c := range []struct {
		name  string
		files []string
		opts  compare.Options
	}{
		{"over-time", []string{"alpha-2.yaml", "alpha-1.yaml"}, compare.Options{}},
		{"side-by-side", []string{"beta.yaml", "alpha-1.yaml", "alpha-2.yaml", "compare-hostile.yaml"}, compare.Options{}},
	} {
		runGoldenCases(t, func(t *testing.T) *Compare { return comparison(t, c.opts, c.files...) }, []goldenCase[*Compare]{
			{c.name, ".html", nil, write},
		})
	}
}

// TestReportRadarGeometry checks that each vertex of the radar lies at the
// radius its score calls for, on its dimension's axis (see compass), and
// that the targets form the dashed polygon.
func TestReportRadarGeometry(t *testing.T) {
	doc := renderReport(t, compass(t, true))
	svg := radarOf(t, doc)
	series := seriesOf(svg)
	if len(series) != 2 {
		t.Fatalf("%d series, want the scores and the targets", len(series))
	}
	scores, targets := series[0], series[1]

	want := [][2]float64{{300, 125}, {317.5, 230}, {300, 370}, {241.55, 230}}
	area := first(scores, func(n *html.Node) bool { return hasClass(n, "area") })
	if area == nil {
		t.Fatal("no filled polygon for a round where every dimension has a score")
	}
	checkPoints(t, "score polygon", parsePoints(t, attr(area, "points")), want)
	checkVertices(t, scores, []int{0, 1, 2, 3}, want)
	for i, v := range vertices(scores) {
		if got, want := attr(v, "data-value"), []string{"4.00", "1.50", "5.00", "2.67"}[i]; got != want {
			t.Errorf("vertex %d: data-value %s, want %s", i, got, want)
		}
	}

	if !hasClass(targets, "dashed") {
		t.Error("the targets' polygon is not dashed")
	}
	if first(targets, func(n *html.Node) bool { return hasClass(n, "area") }) != nil {
		t.Error("the targets are filled: only the rounds are")
	}
	// West has no target: no vertex on its axis, and the outline stops at
	// south instead of closing through the centre.
	checkVertices(t, targets, []int{0, 1, 2}, [][2]float64{{300, 107.5}, {335, 230}, {300, 300}})
	if got, want := attr(outlineOf(targets), "d"), "M300.00,107.50 L335.00,230.00 L300.00,300.00"; got != want {
		t.Errorf("targets outline d=%q, want %q", got, want)
	}

	// The levels' bands (Low from 1, Middle from 2, High from 3.5, to the
	// top at 5), outermost first so that each shows between its min and the
	// next: High's polygon at 5 (r = 140), Middle's at 3.5 (r = 140·2.5/4 =
	// 87.5), Low's at 2 (r = 140·1/4 = 35).
	var bands []*html.Node
	walk(svg, func(n *html.Node) {
		if hasClass(n, "band") {
			bands = append(bands, n)
		}
	})
	if len(bands) != 3 {
		t.Fatalf("%d bands, want 3", len(bands))
	}
	for i, r := range []float64{140, 87.5, 35} {
		checkPoints(t, "band "+strconv.Itoa(i), parsePoints(t, attr(bands[i], "points")),
			[][2]float64{{300, 230 - r}, {300 + r, 230}, {300, 230 + r}, {300 - r, 230}})
	}
}

// TestReportRadarGap checks an honest picture of a dimension with no score:
// the fixture's third dimension is not applicable, so it has no vertex (not
// one at the centre), the outline is broken there, nothing is filled, and
// its label says why. Three axes at -90°, 30° and 150°, scale 0 to 4:
//
//	plan   2.00: r = 140·2/4 = 70  -> (300, 230-70)                          = (300.00, 160.00)
//	people 3.00: r = 140·3/4 = 105 -> (300 + 105·cos 30°, 230 + 105·sin 30°) = (390.93, 282.50)
func TestReportRadarGap(t *testing.T) {
	svg := radarOf(t, renderReport(t, fixture(t)))
	series := seriesOf(svg)
	if len(series) != 1 {
		t.Fatalf("%d series, want 1", len(series))
	}
	s := series[0]
	checkVertices(t, s, []int{0, 1}, [][2]float64{{300, 160}, {390.93, 282.5}})
	if first(s, func(n *html.Node) bool { return hasClass(n, "area") }) != nil {
		t.Error("a round with a dimension without score is filled across the gap")
	}
	if got, want := attr(outlineOf(s), "d"), "M300.00,160.00 L390.93,282.50"; got != want {
		t.Errorf("outline d=%q, want %q", got, want)
	}
	var labels []string
	walk(svg, func(n *html.Node) {
		if hasClass(n, "label") {
			labels = append(labels, text(n))
		}
	})
	if len(labels) != 3 || !strings.Contains(labels[2], "not applicable") || !strings.Contains(labels[0], "2.00") {
		t.Errorf("axis labels = %q, want the third to say not applicable", labels)
	}
}

// TestCompareRadarGeometry checks a polygon per round over time, across
// two framework versions (the compare package's fixture): the rows are
// plan, people, reach (new in 2.0.0) and space (only in 1.0.0), on axes up,
// right, down and left; scale 0 to 4.
//
//	alpha-1 (1.0.0): plan 2.00 -> r 70  -> (300.00, 160.00); people 1.00 -> r 35 -> (335.00, 230.00);
//	                 reach not comparable (no vertex); space 4.00 -> r 140 -> (160.00, 230.00)
//	alpha-2 (2.0.0): plan 2.67 -> r = 140·2.67/4 = 93.45 -> (300.00, 136.55); people 2.00 -> r 70 -> (370.00, 230.00);
//	                 reach 3.00 -> r 105 -> (300.00, 335.00); space not comparable
func TestCompareRadarGeometry(t *testing.T) {
	var buf bytes.Buffer
	if err := CompareHTML(&buf, comparison(t, compare.Options{}, "alpha-2.yaml", "alpha-1.yaml")); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.Bytes())
	series := seriesOf(radarOf(t, doc))
	if len(series) != 2 {
		t.Fatalf("%d series, want a polygon per round", len(series))
	}
	checkVertices(t, series[0], []int{0, 1, 3}, [][2]float64{{300, 160}, {335, 230}, {160, 230}})
	checkVertices(t, series[1], []int{0, 1, 2}, [][2]float64{{300, 136.55}, {370, 230}, {300, 335}})
	// alpha-1 runs space -> plan -> people and stops before reach.
	if got, want := attr(outlineOf(series[0]), "d"), "M160.00,230.00 L300.00,160.00 L335.00,230.00"; got != want {
		t.Errorf("alpha-1 outline d=%q, want %q", got, want)
	}
	var legend []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "ul" && attr(n, "aria-label") == "Polygons on the radar" {
			for li := n.FirstChild; li != nil; li = li.NextSibling {
				legend = append(legend, text(li))
			}
		}
	})
	if strings.Join(legend, "|") != "2026-01-15|2026-06-15" {
		t.Errorf("legend = %q, want the two rounds' dates", legend)
	}
}

// TestHTMLAccessible checks what a screen reader gets: the radar is an
// image named by its title and described by its desc, which says every
// score, and a table beside it holds the same numbers.
func TestHTMLAccessible(t *testing.T) {
	doc := renderReport(t, compass(t, true))
	svg := radarOf(t, doc)
	if attr(svg, "role") != "img" {
		t.Errorf("svg role=%q, want img", attr(svg, "role"))
	}
	ids := strings.Fields(attr(svg, "aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby=%q, want a title and a desc", attr(svg, "aria-labelledby"))
	}
	title, desc := byID(doc, ids[0]), byID(doc, ids[1])
	if title == nil || title.Data != "title" || desc == nil || desc.Data != "desc" {
		t.Fatalf("aria-labelledby does not point at the svg's title and desc")
	}
	d := text(desc)
	for _, want := range []string{"from 1 at the centre to 5", "North 4.00.", "East 1.50.", "South 5.00.", "West 2.67.",
		"targets, as a dashed polygon: North 4.50. East 2.00. South 3.00."} {
		if !strings.Contains(d, want) {
			t.Errorf("desc lacks %q:\n%s", want, d)
		}
	}
	var rows []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && len(rows) < 6 {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, text(c))
				}
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
	})
	// The first table: Dimension, Score (with its bar), Level, Coverage.
	// Overall: (4 + 1.5 + 5 + 8/3) / 4 = 3.2917 -> 3.29, Middle (2 <= 3.29 < 3.5).
	want := []string{"North|4.00|High|100%", "East|1.50|Low|100%", "South|5.00|High|100%", "West|2.67|Middle|100%", "Overall|3.29|Middle|100%"}
	for i, w := range want {
		if i+1 >= len(rows) || rows[i+1] != w {
			t.Errorf("table rows = %q, want %q after the header", rows, want)
			break
		}
	}
}

// TestHTMLEscapes checks that user text shows as text: the fixture's
// community is "Riverside <script>alert(1)</script> | Nurses", a respondent
// is "Ana | <b>Ruiz</b>", and a note holds "<soon> & *later*". The same for
// a comparison with a community called "=HYPERLINK(...) | <b>*Gamma*</b>".
func TestHTMLEscapes(t *testing.T) {
	report := renderReport(t, fixture(t))
	var buf bytes.Buffer
	if err := CompareHTML(&buf, comparison(t, compare.Options{}, "beta.yaml", "compare-hostile.yaml")); err != nil {
		t.Fatal(err)
	}
	cmp := parse(t, buf.Bytes())
	for name, doc := range map[string]*html.Node{"report": report, "compare": cmp} {
		walk(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "b") {
				t.Errorf("%s: a <%s> element came from user text", name, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: an event handler attribute %s", name, a.Key)
				}
			}
		})
	}
	h1 := first(report, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "h1" })
	if got, want := text(h1), "Riverside <script>alert(1)</script> | Nurses"; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
	all := text(report)
	for _, want := range []string{"Ana | <b>Ruiz</b>", "Review | next: <soon> & *later*", "=HYPERLINK(\"http://x\")"} {
		if !strings.Contains(all, want) {
			t.Errorf("report text lacks %q", want)
		}
	}
	if got := text(cmp); !strings.Contains(got, `=HYPERLINK("http://evil.example") | <b>*Gamma*</b> second line, "quoted"`) {
		t.Errorf("comparison text lacks the hostile community name as text")
	}
}

// TestHTMLSelfContained checks that a page loads nothing: no script, no
// link, no image, no font and no url() in its style, so that it opens
// offline and shows the same everywhere.
func TestHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := CompareHTML(&buf, comparison(t, compare.Options{}, "alpha-2.yaml", "alpha-1.yaml")); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]*html.Node{"report": renderReport(t, compass(t, true)), "compare": parse(t, buf.Bytes())} {
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.Data {
			case "script", "link", "img", "iframe", "object", "embed", "image", "use":
				t.Errorf("%s: a <%s> element", name, n.Data)
			case "style":
				css := text(n)
				for _, bad := range []string{"url(", "@import", "@font-face"} {
					if strings.Contains(css, bad) {
						t.Errorf("%s: the style sheet has %s", name, bad)
					}
				}
				if !strings.Contains(css, "@page { size: A4") {
					t.Errorf("%s: no A4 page size for printing", name)
				}
			}
			for _, a := range n.Attr {
				if a.Key == "src" || a.Key == "href" {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
		})
	}
}

// TestRadarNeedsThreeDimensions checks that two dimensions (a line, not a
// shape) give a note and no radar; the table still has the scores.
func TestRadarNeedsThreeDimensions(t *testing.T) {
	rep := fixture(t)
	rep.Result.Dimensions = rep.Result.Dimensions[:2]
	doc := renderReport(t, rep)
	if first(doc, func(n *html.Node) bool { return hasClass(n, "radar") }) != nil {
		t.Error("a radar with two axes")
	}
	if !strings.Contains(text(doc), "A radar chart needs three dimensions or more, and this framework has 2") {
		t.Error("no note saying why there is no radar")
	}
}

// TestOutline checks the path through a series' vertices with and without
// gaps (empty strings are axes without a vertex).
func TestOutline(t *testing.T) {
	for _, c := range []struct {
		pts  []string
		want string
	}{
		{[]string{"a", "b", "c"}, "Ma Lb Lc Z"},
		{[]string{"a", "", "c", "d"}, "Mc Ld La"},
		{[]string{"", "b", "", "d"}, "Mb Md"},
		{[]string{"", "", ""}, ""},
		{[]string{"a", "b", "", "d", "e", ""}, "Ma Lb Md Le"},
	} {
		if got := outline(c.pts); got != c.want {
			t.Errorf("outline(%q) = %q, want %q", c.pts, got, c.want)
		}
	}
}

func renderReport(t *testing.T, rep *Report) *html.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := ReportHTML(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return parse(t, buf.Bytes())
}

func parse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func first(n *html.Node, pred func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) {
		if found == nil && pred(c) {
			found = c
		}
	})
	return found
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

func byID(doc *html.Node, id string) *html.Node {
	return first(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id })
}

// text is the text inside n, as a browser shows it (entities decoded).
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func radarOf(t *testing.T, doc *html.Node) *html.Node {
	t.Helper()
	svg := first(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "radar") })
	if svg == nil {
		t.Fatal("no svg.radar in the page")
	}
	return svg
}

func seriesOf(svg *html.Node) []*html.Node {
	var out []*html.Node
	walk(svg, func(n *html.Node) {
		if n.Data == "g" && hasClass(n, "series") {
			out = append(out, n)
		}
	})
	return out
}

func vertices(series *html.Node) []*html.Node {
	var out []*html.Node
	walk(series, func(n *html.Node) {
		if n.Data == "circle" && hasClass(n, "vertex") {
			out = append(out, n)
		}
	})
	return out
}

func outlineOf(series *html.Node) *html.Node {
	return first(series, func(n *html.Node) bool { return n.Data == "path" && hasClass(n, "outline") })
}

// checkVertices checks that a series has a vertex on each of the axes
// given, and only those, at the points given.
func checkVertices(t *testing.T, series *html.Node, axes []int, want [][2]float64) {
	t.Helper()
	vs := vertices(series)
	if len(vs) != len(axes) {
		t.Fatalf("%d vertices, want %d (axes %v)", len(vs), len(axes), axes)
	}
	var got [][2]float64
	for i, v := range vs {
		if a := attr(v, "data-axis"); a != strconv.Itoa(axes[i]) {
			t.Errorf("vertex %d on axis %s, want %d", i, a, axes[i])
		}
		got = append(got, [2]float64{number(t, attr(v, "cx")), number(t, attr(v, "cy"))})
	}
	checkPoints(t, "vertices", got, want)
}

func checkPoints(t *testing.T, what string, got, want [][2]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d points %v, want %d %v", what, len(got), got, len(want), want)
		return
	}
	for i := range got {
		// Coordinates are written with 2 decimals.
		if math.Abs(got[i][0]-want[i][0]) > 0.005 || math.Abs(got[i][1]-want[i][1]) > 0.005 {
			t.Errorf("%s: point %d at (%.2f, %.2f), want (%.2f, %.2f)", what, i, got[i][0], got[i][1], want[i][0], want[i][1])
		}
	}
}

func parsePoints(t *testing.T, s string) [][2]float64 {
	t.Helper()
	var out [][2]float64
	for _, p := range strings.Fields(s) {
		x, y, ok := strings.Cut(p, ",")
		if !ok {
			t.Fatalf("point %q is not x,y", p)
		}
		out = append(out, [2]float64{number(t, x), number(t, y)})
	}
	return out
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// BenchmarkHTMLTemplates is what the first -f html of a process pays to
// parse the page templates (they are parsed on first use, never at start-up).
func BenchmarkHTMLTemplates(b *testing.B) {
	for b.Loop() {
		if _, err := parseHTMLTemplates(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReportHTMLSummary checks the paragraph under the score and the score
// "out of" the top of the scale. The compass fixture (see compass) scores
// North 4.00, East 1.50, South 5.00, West 2.67; overall (4 + 1.5 + 5 +
// 8/3) / 4 = 3.29, Middle, on a scale whose top is 5. Three respondents
// rated all 4 indicators.
func TestReportHTMLSummary(t *testing.T) {
	doc := renderReport(t, compass(t, false))
	if got := text(first(doc, func(n *html.Node) bool { return hasClass(n, "big") })); got != "3.29 / 5" {
		t.Errorf("the score reads %q, want 3.29 / 5", got)
	}
	summary := text(first(doc, func(n *html.Node) bool { return hasClass(n, "summary") }))
	for _, want := range []string{
		"Compass scores 3.29 out of 5 overall (level: Middle).",
		"The strongest dimension is South (5.00); the weakest is East (1.50).",
		"3 respondents took part and rated 4 of the 4 indicators that apply (coverage 100%).",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}

	// Ties share the place, and a dimension without a score is named
	// apart: North and South both 4.00 (rounded), West not rated.
	rep := compass(t, false)
	dims := rep.Result.Dimensions
	dims[0].Score.Value, dims[2].Score.Value = 4.001, 3.999
	dims[3].Score.Valid, dims[3].Status = false, score.Unrated
	summary = text(first(renderReport(t, rep), func(n *html.Node) bool { return hasClass(n, "summary") }))
	for _, want := range []string{
		"The strongest dimensions are North and South (4.00 each); the weakest is East (1.50).",
		"No score for West (not rated).",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}

	// One dimension scored: no strongest and weakest.
	for i := range dims[1:] {
		dims[i+1].Score.Valid = false
	}
	summary = text(first(renderReport(t, rep), func(n *html.Node) bool { return hasClass(n, "summary") }))
	if strings.Contains(summary, "strongest") {
		t.Errorf("strongest and weakest of one dimension:\n%s", summary)
	}
}

// TestHTMLFooter checks that both pages say what made them: the date (from
// the clock the command passes, which COP_NOW pins), the cop version and
// the framework; and say nothing of a date they were not given.
func TestHTMLFooter(t *testing.T) {
	made := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)
	rep := compass(t, false)
	rep.Made, rep.Version = made, "v1.2.3"
	c := comparison(t, compare.Options{}, "alpha-1.yaml", "alpha-2.yaml")
	c.Made, c.Version = made, "v1.2.3"
	var buf bytes.Buffer
	if err := CompareHTML(&buf, c); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]*html.Node{"report": renderReport(t, rep), "compare": parse(t, buf.Bytes())} {
		footer := text(first(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "footer" }))
		for _, want := range []string{"Made on 2026-12-01 with cop v1.2.3", "Framework: "} {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer %q lacks %q", name, footer, want)
			}
		}
	}
	footer := text(first(renderReport(t, compass(t, false)), func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "footer" }))
	if want := "Made with cop, the health check for communities of practice. Framework: Radar test framework (hf 1.0.0)."; footer != want {
		t.Errorf("footer with no date or version = %q, want %q", footer, want)
	}
}

// TestHTMLLegend checks that the radar's legend names each polygon, the
// targets' drawn dashed, in the report as in a comparison.
func TestHTMLLegend(t *testing.T) {
	legend := func(doc *html.Node) (names []string, dashed []bool) {
		walk(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "ul" && attr(n, "aria-label") == "Polygons on the radar" {
				for li := n.FirstChild; li != nil; li = li.NextSibling {
					names = append(names, text(li))
					dashed = append(dashed, first(li, func(n *html.Node) bool { return n.Data == "line" && attr(n, "stroke-dasharray") != "" }) != nil)
				}
			}
		})
		return names, dashed
	}
	names, dashed := legend(renderReport(t, compass(t, true)))
	if strings.Join(names, "|") != "Scores, 2026-03-01|Targets set in the policy" || dashed[0] || !dashed[1] {
		t.Errorf("report legend = %q (dashed %v), want the scores and the targets, dashed", names, dashed)
	}
	names, _ = legend(renderReport(t, compass(t, false)))
	if strings.Join(names, "|") != "Scores, 2026-03-01" {
		t.Errorf("report legend without a policy = %q, want the scores alone", names)
	}
}

// TestCompareHTMLHeading checks that a comparison's heading says what it
// compares, and that the files skipped in its directories are not in the
// page (the command says so on standard error).
func TestCompareHTMLHeading(t *testing.T) {
	for _, c := range []struct {
		opts       compare.Options
		files      []string
		want, meta string
	}{
		// alpha-1 and alpha-2 are one community ("Alpha" and "  alpha "),
		// named as in its newest round, as the terminal's headline does.
		{compare.Options{}, []string{"alpha-1.yaml", "alpha-2.yaml"}, "alpha, 2 rounds",
			"Health reports from 2026-01-15 to 2026-06-15, oldest first."},
		{compare.Options{}, []string{"beta.yaml", "alpha-1.yaml", "alpha-2.yaml"}, "2 communities, latest rounds",
			"The latest health report of each community, from 2026-05-01 to 2026-06-15, by name."},
		{compare.Options{AllRounds: true}, []string{"beta.yaml", "alpha-1.yaml", "alpha-2.yaml"}, "2 communities, 3 rounds",
			"Every health report of each community, from 2026-01-15 to 2026-06-15, by name."},
	} {
		cmp := comparison(t, c.opts, c.files...)
		cmp.Skipped = 2
		cmp.Problems = []ProblemDoc{{File: "broken.yaml", Line: 1, Column: 1, Message: "bad"}}
		var buf bytes.Buffer
		if err := CompareHTML(&buf, cmp); err != nil {
			t.Fatal(err)
		}
		doc := parse(t, buf.Bytes())
		if got := text(first(doc, func(n *html.Node) bool { return n.Data == "h1" })); got != c.want {
			t.Errorf("%v: h1 = %q, want %q", c.files, got, c.want)
		}
		if got := text(first(doc, func(n *html.Node) bool { return hasClass(n, "meta") })); got != c.meta {
			t.Errorf("%v: the line under it = %q, want %q", c.files, got, c.meta)
		}
		if got := text(first(doc, func(n *html.Node) bool { return n.Data == "title" })); !strings.HasPrefix(got, c.want) {
			t.Errorf("%v: title = %q, want it to start with %q", c.files, got, c.want)
		}
		if page := text(doc); strings.Contains(page, "skipped") || strings.Contains(page, "broken.yaml") {
			t.Errorf("%v: the page lists the files left out", c.files)
		}
	}
}

// TestReportHTMLIndicatorColumns checks that every indicator table sizes
// its columns alike (table-layout: fixed, from one colgroup), so that the
// tables line up down the page whatever their text.
func TestReportHTMLIndicatorColumns(t *testing.T) {
	doc := renderReport(t, fixture(t))
	var groups []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && hasClass(n, "fixed") {
			cg := first(n, func(c *html.Node) bool { return c.Data == "colgroup" })
			if cg == nil {
				t.Error("an indicator table without a colgroup")
				return
			}
			var cols []string
			for c := cg.FirstChild; c != nil; c = c.NextSibling {
				cols = append(cols, attr(c, "class"))
			}
			groups = append(groups, strings.Join(cols, ","))
		}
	})
	if len(groups) != len(fixture(t).Result.Dimensions) {
		t.Fatalf("%d indicator tables with fixed columns, want one per dimension", len(groups))
	}
	for _, g := range groups {
		if g != ",score,ratings,spread,dis" {
			t.Errorf("columns %q, want the same five for every table", g)
		}
	}
	css := text(first(doc, func(n *html.Node) bool { return n.Data == "style" }))
	if !strings.Contains(css, "table.fixed { table-layout: fixed; }") {
		t.Error("the style sheet does not fix the indicator tables' layout")
	}
}

// TestRadarFrame checks that the radar's frame holds its labels, no more:
// 600 units wide (19-unit text shows at 11 px or more on a 390 px phone),
// and from the top label's ascent to the bottom label's descent, with a
// margin of 4. For the compass fixture (labels of a title and a score,
// two lines of 22; ascent 0.95 x 19 = 18.05, descent 0.25 x 19 = 4.75):
//
//	north, up:    baseline 230 - (140 + 12) - 22 = 56; top 56 - 18.05 = 37.95 -> floor(33.95) = 33
//	south, down:  baseline 230 + 152 + 0.7 x 22 = 397.4; bottom 397.4 + 22 + 4.75 = 424.15 -> ceil(428.15) = 429
//
// so the viewBox is 0 33 600 396 (429 - 33). A north title of 3 lines
// (wrapped at 28 characters, the most a label takes) puts the top
// baseline 44 higher, at 12: top 12 - 18.05 - 4 = -10.05 -> -11, and the
// frame grows up to 0 -11 600 440.
func TestRadarFrame(t *testing.T) {
	rep := compass(t, false)
	if got := attr(radarOf(t, renderReport(t, rep)), "viewBox"); got != "0 33 600 396" {
		t.Errorf("viewBox %q, want 0 33 600 396", got)
	}
	rep.Result.Dimensions[0].Dimension.Title = "A very long title for the northern dimension of this radar"
	svg := radarOf(t, renderReport(t, rep))
	if got := attr(svg, "viewBox"); got != "0 -11 600 440" {
		t.Errorf("viewBox with a long title %q, want 0 -11 600 440", got)
	}
	var lines []string
	walk(first(svg, func(n *html.Node) bool { return hasClass(n, "label") }), func(n *html.Node) {
		if n.Data == "tspan" {
			lines = append(lines, text(n))
		}
	})
	if want := []string{"A very long title for the", "northern dimension of this", "radar", "4.00"}; !slices.Equal(lines, want) {
		t.Errorf("north's label %q, want %q", lines, want)
	}
}

// TestCompareHTMLManyColumns checks what a comparison with more columns
// than the radar's eight colours says, and the hint to scroll the grid:
// from four columns on a phone, from ten on any screen (html_compare.go's
// arithmetic). The note names what the columns are: communities side by
// side, rounds of one community over time or of several (--all-rounds).
func TestCompareHTMLManyColumns(t *testing.T) {
	doc, err := load.ParseFile("../compare/testdata/beta.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := load.Assessment(doc, func(string) (*model.Framework, error) {
		return load.FrameworkFile("../compare/testdata/tf-2.yaml")
	})
	if err != nil {
		t.Fatal(err)
	}
	// n communities, each with one round, or one community with n rounds
	// a day apart.
	rounds := func(n int, oneCommunity bool) []*compare.Round {
		var rs []*compare.Round
		for i := range n {
			a := *l.Assessment
			a.Community = fmt.Sprintf("Community %02d", i+1)
			if oneCommunity {
				a.Community = "Beta"
				a.Date = a.Date.AddDate(0, 0, -i)
			}
			rs = append(rs, compare.Summarize(fmt.Sprintf("r%d.yaml", i), &a, score.Compute(l.Framework, &a)))
		}
		return rs
	}
	for _, c := range []struct {
		n              int
		one            bool
		opts           compare.Options
		note, hint     string
		hintEverywhere bool
	}{
		{3, false, compare.Options{}, "", "", false},
		{4, false, compare.Options{}, "", "Scroll the table sideways to see all 4 communities; the dimensions stay on the left.", false},
		{9, false, compare.Options{}, "A radar chart can tell up to 8 communities apart, and this comparison has 9, so the scores are in the table only.",
			"Scroll the table sideways to see all 9 communities; the dimensions stay on the left.", false},
		{10, false, compare.Options{}, "A radar chart can tell up to 8 communities apart, and this comparison has 10, so the scores are in the table only.",
			"Scroll the table sideways to see all 10 communities; the dimensions stay on the left.", true},
		{9, true, compare.Options{}, "A radar chart can tell up to 8 rounds apart, and this comparison has 9, so the scores are in the table only.",
			"Scroll the table sideways to see all 9 rounds; the dimensions stay on the left.", false},
		{9, false, compare.Options{AllRounds: true}, "A radar chart can tell up to 8 rounds apart, and this comparison has 9, so the scores are in the table only.",
			"Scroll the table sideways to see all 9 rounds; the dimensions stay on the left.", false},
	} {
		cmp, err := compare.Build(rounds(c.n, c.one), c.opts)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := CompareHTML(&buf, &Compare{Comparison: cmp}); err != nil {
			t.Fatal(err)
		}
		page := parse(t, buf.Bytes())
		name := fmt.Sprintf("%d columns (one community %v, %+v)", c.n, c.one, c.opts)
		radar := first(page, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "radar") })
		if (radar == nil) != (c.note != "") {
			t.Errorf("%s: radar drawn %v, want %v", name, radar != nil, c.note == "")
		}
		if c.note != "" && !strings.Contains(text(page), c.note) {
			t.Errorf("%s: the page does not say %q", name, c.note)
		}
		hint := first(page, func(n *html.Node) bool { return hasClass(n, "hint") })
		switch {
		case c.hint == "" && hint != nil:
			t.Errorf("%s: a hint to scroll: %q", name, text(hint))
		case c.hint != "" && (hint == nil || text(hint) != c.hint):
			t.Errorf("%s: the hint to scroll is %v, want %q", name, hint, c.hint)
		case hint != nil && hasClass(hint, "always") != c.hintEverywhere:
			t.Errorf("%s: the hint shows on every screen %v, want %v", name, hasClass(hint, "always"), c.hintEverywhere)
		}
		// The caption is outside the box that scrolls.
		caption := first(page, func(n *html.Node) bool { return hasClass(n, "caption") })
		if caption == nil || caption.Parent == nil || hasClass(caption.Parent, "scroll") || first(page, func(n *html.Node) bool { return n.Data == "caption" }) != nil {
			t.Errorf("%s: the grid's caption is not a paragraph above its scrolling box", name)
		}
	}
}
