package render

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// htmlFiles are the page templates and their style sheet. Each report is one
// self-contained file: the CSS and the SVG charts are written inline, and
// the page needs no script, no network and no font of its own.
//
//go:embed html/*.tmpl
var htmlFiles embed.FS

// htmlTemplates parses the templates on first use, so that only a command
// asked for -f html pays for it; every other run of cop starts as fast as
// before (see the Performance section of the README).
var htmlTemplates = sync.OnceValues(parseHTMLTemplates)

func parseHTMLTemplates() (*template.Template, error) {
	return template.New("cop").ParseFS(htmlFiles, "html/*.tmpl")
}

// executeHTML renders the named page template. html/template escapes every
// string for its context, so that user text (a community called
// <script>...</script>, notes full of markup) shows as text.
func executeHTML(w io.Writer, name string, data any) error {
	t, err := htmlTemplates()
	if err != nil {
		return fmt.Errorf("html templates: %w", err)
	}
	return t.ExecuteTemplate(w, name, data)
}

// htmlColor is a level's colour on the page: strong for bars and marks,
// tint for the level's band on the radar.
type htmlColor struct{ Strong, Tint string }

// htmlLevelColors maps LevelColor's terminal colours to the page's, so that
// a level has the same hue in the terminal and in the browser.
var htmlLevelColors = map[string]htmlColor{
	"31": {"#c0392b", "#fbe4e1"}, // red
	"33": {"#d4a017", "#fdf3d3"}, // yellow
	"36": {"#1a8a9a", "#dcf1f4"}, // cyan
	"32": {"#2e7d32", "#e2f1e3"}, // green
}

// levelHTMLColor is the colour of a level of fw; grey when there is none.
func levelHTMLColor(fw *model.Framework, l *model.Level) htmlColor {
	if c, ok := htmlLevelColors[LevelColor(fw, l)]; ok {
		return c
	}
	return htmlColor{"#8a8a8a", "#f0f0f0"}
}

// seriesColors tell the rounds of a comparison apart on the radar: the
// Okabe-Ito palette, which stays distinct for the common kinds of colour
// blindness, with grey in place of its yellow (too pale on white) and wine
// in place of its black (the targets' dashed polygon is near-black).
var seriesColors = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#882255", "#777777"}

// maxSeries is the most rounds one radar shows: beyond the palette the
// polygons cannot be told apart, and the table beside it has every number.
func maxSeries() int { return len(seriesColors) }

// The radar's frame, in SVG user units. The chart is drawn 600 units wide
// and scaled to the page: on a 390 px phone, less its margins, that is
// about 358 px, a scale of 0.6, so that its text is set at 19 units
// (radarFont) to show at 11 px or more. Labels take the room left beside
// the circle: each is wrapped to the characters that fit between its
// anchor and the frame's edge (labelCharWidth is a generous average
// width, in ems, so that wide fonts fit too), and the frame grows up and
// down to hold the labels above and below, no more.
const (
	radarWidth     = 600
	radarR         = 140.0
	radarCX        = 300.0
	radarCY        = 230.0
	radarFont      = 19.0
	labelGap       = 12.0
	labelLine      = 22.0
	labelCharWidth = 0.6 // ems
	labelMaxChars  = 28
	labelMargin    = 4.0
)

// radarAngle is the angle of axis i of n, in radians: the first axis points
// up and the others follow clockwise (SVG's y axis points down).
func radarAngle(i, n int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }

// radarPoint is where value v lies on axis i of n, for a scale from lo to
// hi: at radius radarR * (v - lo) / (hi - lo) from the centre, v rounded
// to 2 decimals first (scaleFraction).
func radarPoint(i, n int, v, lo, hi float64) (x, y float64) {
	frac := scaleFraction(v, lo, hi)
	a := radarAngle(i, n)
	return radarCX + radarR*frac*math.Cos(a), radarCY + radarR*frac*math.Sin(a)
}

// coord writes an SVG coordinate with 2 decimals.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// ring is the points of a regular polygon through every axis at value v.
func ring(n int, v, lo, hi float64) string {
	pts := make([]string, n)
	for i := range n {
		x, y := radarPoint(i, n, v, lo, hi)
		pts[i] = coord(x) + "," + coord(y)
	}
	return strings.Join(pts, " ")
}

// radarView is an SVG radar chart: an axis per dimension from the bottom of
// the scale at the centre to its top, the levels as shaded bands, and a
// polygon per series (a round, or the policy's targets).
type radarView struct {
	ID          string // prefix of the ids its title and description take
	Title, Desc string
	Width       int
	// MinY and Height are the frame's top edge and height, which hold
	// the circle and the labels above and below it.
	MinY, Height string
	CX, CY       string
	Bands        []radarBand
	Rings        []radarRing
	Axes         []radarAxis
	Series       []radarSeries
}

// radarBand is one level's band, drawn as a filled polygon over the bands
// inside it (outermost first, so that each shows between its min and the
// next level's).
type radarBand struct{ Points, Fill, Label string }

// radarRing is a grid line at a scale value, with its label on the upward axis.
type radarRing struct{ Points, Label, X, Y string }

// radarAxis is one dimension: its spoke and its label, wrapped.
type radarAxis struct {
	X, Y   string // the spoke's outer end
	LX, LY string // where the label is anchored
	Anchor string // start, middle or end
	Lines  []radarLine
}

// radarLine is one line of an axis label; DY moves it from the line before.
type radarLine struct {
	Text, DY string
	Strong   bool
}

// radarSeries is one polygon. A dimension with no value (not rated, not
// applicable, not comparable, or no target) gets no vertex: the outline
// stops on either side of its axis rather than dropping to the centre,
// which would read as a score at the bottom of the scale, and the area is
// filled only when every dimension has a vertex.
type radarSeries struct {
	Name    string
	Color   string
	Dashed  bool
	Area    string // polygon points, "" when a vertex is missing or no area is wanted
	Outline string // path data: one subpath per run of adjacent vertices
	Points  []radarVertex
}

// radarVertex is one vertex, with its axis and value for readers of the
// SVG (and for the tests that check the geometry).
type radarVertex struct {
	Axis        int
	X, Y, Value string
	Title       string
}

// radarValue is a value on one axis, or none.
type radarValue struct {
	Value float64
	// Lo and Hi are the scale the value is read on (a round's own
	// framework's, in a comparison).
	Lo, Hi float64
	Valid  bool
}

// newRadar lays out the frame of a radar for the dimension titles and the
// framework whose scale and levels it shows. extra adds lines under a
// dimension's title (its score in a report); nil adds none.
func newRadar(id, title string, fw *model.Framework, titles []string, extra func(i int) []radarLine) *radarView {
	n := len(titles)
	lo, hi := fw.ScaleMin(), fw.ScaleMax()
	r := &radarView{ID: id, Title: title, Width: radarWidth, CX: coord(radarCX), CY: coord(radarCY)}
	for i := len(fw.Levels) - 1; i >= 0; i-- {
		l := &fw.Levels[i]
		top := hi
		if i+1 < len(fw.Levels) {
			top = fw.Levels[i+1].Min
		}
		r.Bands = append(r.Bands, radarBand{Points: ring(n, top, lo, hi), Fill: levelHTMLColor(fw, l).Tint,
			Label: fmt.Sprintf("%s: %s to %s", OneLine(l.Label), model.FormatNumber(l.Min), model.FormatNumber(top))})
	}
	for _, p := range fw.Scale {
		if p.Value == lo {
			continue
		}
		_, y := radarPoint(0, n, p.Value, lo, hi)
		r.Rings = append(r.Rings, radarRing{Points: ring(n, p.Value, lo, hi), Label: model.FormatNumber(p.Value),
			X: coord(radarCX + 6), Y: coord(y + 0.95*radarFont)})
	}
	// top and bottom are how far the labels reach up and down, from the
	// font's ascent and descent (about 0.95 and 0.25 em).
	top, bottom := radarCY-radarR-labelGap, radarCY+radarR+labelGap
	for i, t := range titles {
		x, y := radarPoint(i, n, hi, lo, hi)
		a := radarAngle(i, n)
		cos, sin := math.Cos(a), math.Sin(a)
		lx := radarCX + (radarR+labelGap)*cos
		ax := radarAxis{X: coord(x), Y: coord(y), LX: coord(lx), Anchor: "middle"}
		room := 2 * min(lx, radarWidth-lx)
		switch {
		case cos > 0.2:
			ax.Anchor = "start"
			room = radarWidth - lx
		case cos < -0.2:
			ax.Anchor = "end"
			room = lx
		}
		chars := min(labelMaxChars, int((room-labelMargin)/(labelCharWidth*radarFont)))
		for _, l := range strings.Split(Wrap(t, chars, ""), "\n") {
			ax.Lines = append(ax.Lines, radarLine{Text: l})
		}
		if extra != nil {
			ax.Lines = append(ax.Lines, extra(i)...)
		}
		// Above the centre the label grows upwards from the spoke's end,
		// below it downwards, and beside it the label is centred on it.
		ly := radarCY + (radarR+labelGap)*sin
		k := float64(len(ax.Lines))
		switch {
		case sin < -0.2:
			ly -= (k - 1) * labelLine
		case sin > 0.2:
			ly += labelLine * 0.7
		default:
			ly -= (k-1)*labelLine/2 - labelLine*0.35
		}
		ax.LY = coord(ly)
		top = min(top, ly-0.95*radarFont)
		bottom = max(bottom, ly+(k-1)*labelLine+0.25*radarFont)
		for j := range ax.Lines {
			if j > 0 {
				ax.Lines[j].DY = coord(labelLine)
			}
		}
		r.Axes = append(r.Axes, ax)
	}
	minY := math.Floor(top - labelMargin)
	r.MinY = strconv.Itoa(int(minY))
	r.Height = strconv.Itoa(int(math.Ceil(bottom+labelMargin) - minY))
	return r
}

// addSeries draws one polygon through the values that are valid.
func (r *radarView) addSeries(name, color string, dashed, area bool, titles []string, values []radarValue) {
	n := len(values)
	s := radarSeries{Name: name, Color: color, Dashed: dashed}
	pts := make([]string, n)
	all := true
	for i, v := range values {
		if !v.Valid {
			all = false
			continue
		}
		x, y := radarPoint(i, n, v.Value, v.Lo, v.Hi)
		pts[i] = coord(x) + "," + coord(y)
		s.Points = append(s.Points, radarVertex{Axis: i, X: coord(x), Y: coord(y), Value: Fixed2(v.Value),
			Title: name + ", " + titles[i] + ": " + Fixed2(v.Value)})
	}
	if all && area {
		s.Area = strings.Join(pts, " ")
	}
	s.Outline = outline(pts)
	r.Series = append(r.Series, s)
}

// outline is SVG path data through the present points (empty strings are
// missing ones), joining each point to the next axis's when both are
// there, and closing the path when all are.
func outline(pts []string) string {
	n := len(pts)
	start := -1
	for i := range n {
		if pts[i] != "" && pts[(i+n-1)%n] == "" {
			start = i
			break
		}
	}
	if start < 0 {
		var b strings.Builder
		for i, p := range pts {
			if p == "" {
				return ""
			}
			if i == 0 {
				b.WriteString("M" + p)
			} else {
				b.WriteString(" L" + p)
			}
		}
		if n > 0 {
			b.WriteString(" Z")
		}
		return b.String()
	}
	var parts []string
	for k := range n {
		i := (start + k) % n
		switch {
		case pts[i] == "":
		case pts[(i+n-1)%n] == "":
			parts = append(parts, "M"+pts[i])
		default:
			parts = append(parts, "L"+pts[i])
		}
	}
	return strings.Join(parts, " ")
}

// barView is a score as a bar in its level's colour, with the coverage as
// a thin bar under it; widths are percentages of the full bar.
type barView struct {
	Score, Coverage string
	Color           string
	HasCoverage     bool
}

// newBar draws a score from lo to hi (null scores draw none).
func newBar(fw *model.Framework, n score.Number, l *model.Level, coverage score.Number) *barView {
	if !n.Valid {
		return nil
	}
	frac := scaleFraction(n.Value, fw.ScaleMin(), fw.ScaleMax())
	b := &barView{Score: coord(100 * frac), Color: levelHTMLColor(fw, l).Strong}
	if coverage.Valid {
		b.HasCoverage = true
		b.Coverage = coord(100 * score.Round2(coverage.Value))
	}
	return b
}

// levelKey is one level in the legend under a radar.
type levelKey struct{ Label, Range, Color string }

// levelKeys lists a framework's levels with their score ranges.
func levelKeys(fw *model.Framework) []levelKey {
	var out []levelKey
	for i := range fw.Levels {
		l := &fw.Levels[i]
		r := fmt.Sprintf("%s to %s", model.FormatNumber(l.Min), model.FormatNumber(fw.ScaleMax()))
		if i+1 < len(fw.Levels) {
			r = fmt.Sprintf("%s to under %s", model.FormatNumber(l.Min), model.FormatNumber(fw.Levels[i+1].Min))
		}
		out = append(out, levelKey{Label: OneLine(l.Label), Range: r, Color: levelHTMLColor(fw, l).Tint})
	}
	return out
}

// htmlTable is a Table for the page: the same text cells, aligned the same.
type htmlTable struct {
	Header []htmlCell
	Rows   [][]htmlCell
}

// htmlCell is one cell; Num aligns it right.
type htmlCell struct {
	Text string
	Num  bool
}

// newHTMLTable carries a Table over to the page.
func newHTMLTable(t Table) *htmlTable {
	// Rows shorter than the header (a note column only some rows fill)
	// get empty cells, so that every row has its borders.
	cells := func(row []string) []htmlCell {
		out := make([]htmlCell, max(len(row), len(t.Header)))
		for i := range out {
			out[i].Num = t.align(i) == Right
			if i < len(row) {
				out[i].Text = row[i]
			}
		}
		return out
	}
	h := &htmlTable{Header: cells(t.Header)}
	for _, r := range t.Rows {
		h.Rows = append(h.Rows, cells(r))
	}
	return h
}

// radarDesc writes the text alternative of a radar: what it shows, then
// each series' values in words, so that a screen reader gets the numbers
// the picture holds.
func radarDesc(what string, fw *model.Framework, series []string) string {
	return fmt.Sprintf("Radar chart of %s on a scale from %s at the centre to %s at the edge, with the maturity levels as shaded bands. %s",
		what, model.FormatNumber(fw.ScaleMin()), model.FormatNumber(fw.ScaleMax()), strings.Join(series, " "))
}

// noRadar says why a page has no radar: with fewer than three dimensions
// the chart would be a line, not a shape.
func noRadar(dimensions int) string {
	return fmt.Sprintf("A radar chart needs three dimensions or more, and this framework has %d, so the scores are in the table only.", dimensions)
}
