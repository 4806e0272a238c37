package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/model"
)

// The grid's columns need about 5.4rem each (a bar of 4.5rem and its
// padding, or the longest word of a heading, which never breaks), and the
// dimensions' column 7 to 8rem. On a phone (390 px, 24rem of room at 15 px)
// four columns no longer fit; in the page's widest box (62rem less its
// padding, 59rem) ten do not: 8 + 10 x 5.4 = 62rem.
const (
	narrowCols = 4
	wideCols   = 10
)

// comparePage is what the comparison template shows. Every string in it
// is plain text: the template escapes it.
type comparePage struct {
	Title string
	// Heading says what is compared: "3 communities, latest rounds",
	// "Riverside Palliative Care Nurses, 3 rounds".
	Heading string
	// Headline says which rounds, from when to when, in what order.
	Headline  string
	Top       string // the top of the scale, as in "out of 4"
	Changes   bool   // whether the grid shows changes since the round before
	Radar     *radarView
	RadarNote string
	Legend    []legendItem
	Levels    []levelKey
	// Header has a cell per column, the row labels' first.
	Header     []htmlHead
	Rows       []htmlGridRow
	HasTargets bool
	// Hint tells the reader to scroll the grid sideways, where it is wider
	// than its box: on a phone from narrowCols columns, on any screen
	// (HintAlways) from wideCols.
	Hint       string
	HintAlways bool
	Notes      []htmlNote
	Footer     htmlFooter
}

// legendItem names one polygon of the radar.
type legendItem struct {
	Name, Color string
	Dashed      bool
}

// htmlHead is a column's heading: the community (side by side), which may
// wrap, then the date (or the row labels' heading), which may not.
type htmlHead struct {
	Lines []string
	Last  string
}

// htmlGridRow is a row of the grid: the dimension rows and the overall row
// have a bar in each cell, the level, coverage and respondents rows none.
type htmlGridRow struct {
	Label  string
	Cells  []htmlGridCell
	Target string
	Total  bool
}

// htmlGridCell is one cell of the grid: the score, and its change since
// the round before, which wraps under the score in a narrow column.
type htmlGridCell struct {
	Text, Change string
	Bar          *barView
}

// htmlNote is one line under the grid.
type htmlNote struct {
	Mark, Text string
	Items      []string
}

// CompareHTML writes the comparison as one self-contained HTML page: a
// radar with a polygon per round (and the policy's targets as a dashed
// polygon when c.Policy is set) and its legend, then the grid of scores,
// changes and bars that cop compare prints in a terminal. It needs no
// script and no network, and prints on A4.
func CompareHTML(w io.Writer, c *Compare) error {
	cmp := c.Comparison
	// The grid is the terminal's, cell for cell: same marks, same changes.
	header, rows := compareGrid(cmp, compareText{
		user:    OneLine,
		name:    func(s string) []string { return []string{OneLine(s)} },
		unicode: true,
		star:    "*",
	})
	headline := compareMeta(cmp)
	heading := compareHeading(cmp)
	newest := newestFramework(cmp)
	page := &comparePage{Title: heading + ": comparison of health reports", Heading: heading, Headline: headline,
		Top: model.FormatNumber(newest.ScaleMax())}
	page.Footer = newFooter(c.Version, c.Made, fmt.Sprintf("%s (%s %s)", OneLine(newest.Title), cmp.FrameworkID, joinAnd(cmp.Versions)))
	for _, h := range header {
		page.Header = append(page.Header, htmlHead{Lines: h[:len(h)-1], Last: h[len(h)-1]})
	}
	page.Levels = levelKeys(newest)
	ids := make([]string, len(cmp.Rows))
	titles := make([]string, len(cmp.Rows))
	for i, r := range cmp.Rows {
		ids[i], titles[i] = r.ID, OneLine(r.Title)
	}
	for i, row := range rows {
		hr := htmlGridRow{Label: row[0], Total: i == len(cmp.Rows)}
		for j, text := range row[1:] {
			cell := htmlGridCell{Text: text}
			if i <= len(cmp.Rows) {
				col := cmp.Columns[j]
				sc := col.Overall
				if i < len(cmp.Rows) {
					sc = col.Dimensions[i]
				}
				if sc.Comparable {
					cell.Bar = newBar(col.Round.Framework, sc.Score.Score, sc.Level, sc.Coverage)
				}
				if cell.Bar != nil {
					cell.Text, cell.Change, _ = strings.Cut(text, " ")
					page.Changes = page.Changes || col.Previous != nil
				}
			}
			hr.Cells = append(hr.Cells, cell)
		}
		if i < len(cmp.Rows) {
			hr.Target = "-"
			if r := policyRule(c.Policy, ids[i]); r != nil && r.Target != nil {
				hr.Target = Fixed2(r.Target.Value)
				page.HasTargets = true
			}
		}
		page.Rows = append(page.Rows, hr)
	}
	if page.HasTargets {
		page.Header = append(page.Header, htmlHead{Last: "Target"})
	}
	if cols := len(page.Header) - 1; cols >= narrowCols {
		page.Hint = fmt.Sprintf("Scroll the table sideways to see all %d %s; the dimensions stay on the left.", len(cmp.Columns), columnsNoun(cmp, len(cmp.Columns)))
		page.HintAlways = cols >= wideCols
	}
	for _, n := range compareNotes(cmp, OneLine) {
		page.Notes = append(page.Notes, htmlNote{Mark: n.mark, Text: n.text, Items: n.items})
	}

	switch {
	case len(titles) < 3:
		page.RadarNote = noRadar(len(titles))
	case len(cmp.Columns) > maxSeries():
		page.RadarNote = fmt.Sprintf("A radar chart can tell up to %d %s apart, and this comparison has %d, so the scores are in the table only.",
			maxSeries(), columnsNoun(cmp, 2), len(cmp.Columns))
	default:
		page.Radar = newRadar("radar", "Dimension scores: "+headline, newest, titles, nil)
		var words []string
		for j, col := range cmp.Columns {
			name := seriesName(cmp, col)
			values := make([]radarValue, len(cmp.Rows))
			var said []string
			for i, cell := range col.Dimensions {
				fw := col.Round.Framework
				values[i] = radarValue{Value: cell.Score.Score.Value, Lo: fw.ScaleMin(), Hi: fw.ScaleMax(),
					Valid: cell.Comparable && cell.Score.Score.Valid}
				text := "not comparable"
				if cell.Comparable {
					text = cmpScore(cell)
				}
				said = append(said, titles[i]+" "+text+".")
			}
			color := seriesColors[j]
			page.Radar.addSeries(name, color, false, true, titles, values)
			page.Legend = append(page.Legend, legendItem{Name: name, Color: color})
			words = append(words, name+": "+strings.Join(said, " "))
		}
		if page.HasTargets {
			tv, tw := policyTargets(c.Policy, newest, ids, titles)
			page.Radar.addSeries("Target", targetColor, true, false, titles, tv)
			page.Legend = append(page.Legend, targetLegend())
			words = append(words, "The policy's targets, as a dashed polygon: "+strings.Join(tw, " "))
		}
		page.Radar.Desc = radarDesc(fmt.Sprintf("%s for %s", Plural(len(titles), "dimension"), strconv.Itoa(len(cmp.Columns))+" "+columnsNoun(cmp, len(cmp.Columns))), newest, words)
	}
	return executeHTML(w, "compare", page)
}

// columnsNoun says what n columns of the comparison are: communities when
// each community's latest round stands side by side, rounds otherwise (one
// community over time, or every round of several). Plural would spell
// "communitys".
func columnsNoun(cmp *compare.Comparison, n int) string {
	switch {
	case cmp.Mode == compare.OverTime || cmp.AllRounds:
		if n == 1 {
			return "round"
		}
		return "rounds"
	case n == 1:
		return "community"
	}
	return "communities"
}

// policyRule is a policy's rule for a dimension, or nil (also when there
// is no policy).
func policyRule(p *model.Policy, id string) *model.DimensionRule {
	if p == nil {
		return nil
	}
	return p.Dimension(id)
}

// seriesName names a round in the legend: its community side by side (and
// its date, when several rounds of one community are shown), its date over
// time.
func seriesName(cmp *compare.Comparison, col compare.Column) string {
	date := col.Round.Date.Format(model.DateLayout)
	switch {
	case cmp.Mode == compare.OverTime:
		return date
	case cmp.AllRounds:
		return OneLine(col.Community) + ", " + date
	}
	return OneLine(col.Community)
}

// cmpScore says a comparable cell's score in words: "2.56", or why it has
// none.
func cmpScore(c compare.Cell) string {
	if c.Score.Score.Valid {
		return Score(c.Score.Score)
	}
	if s := statusText(c.Status); s != "" {
		return s
	}
	return "no score"
}

// newestFramework is the framework of the newest version compared, whose
// scale and levels the radar shows.
func newestFramework(cmp *compare.Comparison) *model.Framework {
	fw := cmp.Columns[0].Round.Framework
	for _, col := range cmp.Columns {
		if model.CompareVersions(col.Round.Framework.Version, fw.Version) > 0 {
			fw = col.Round.Framework
		}
	}
	return fw
}

// compareHeading is the page's heading: what is compared.
func compareHeading(c *compare.Comparison) string {
	if c.Mode == compare.OverTime {
		return OneLine(c.Columns[0].Community) + ", " + Plural(len(c.Columns), "round")
	}
	s := Plural(c.Communities, "community")
	if c.Communities != 1 {
		s = strconv.Itoa(c.Communities) + " communities"
	}
	if c.AllRounds {
		return s + ", " + Plural(len(c.Columns), "round")
	}
	return s + ", latest rounds"
}

// compareMeta is the line under a comparison's heading: which rounds,
// from when to when, and in what order the communities stand.
func compareMeta(c *compare.Comparison) string {
	first, last := c.Columns[0].Round.Date, c.Columns[0].Round.Date
	for _, col := range c.Columns {
		if d := col.Round.Date; d.Before(first) {
			first = d
		} else if d.After(last) {
			last = d
		}
	}
	when := "of " + first.Format(model.DateLayout)
	if last.After(first) {
		when = "from " + first.Format(model.DateLayout) + " to " + last.Format(model.DateLayout)
	}
	switch {
	case c.Mode == compare.OverTime:
		return "Health reports " + when + ", oldest first."
	case c.AllRounds:
		when = "Every health report of each community, " + when
	default:
		when = "The latest health report of each community, " + when
	}
	switch c.Sort {
	case compare.SortOverall:
		return when + ", highest overall score first."
	case compare.SortName, "":
		return when + ", by name."
	}
	for _, r := range c.Rows {
		if r.ID == c.Sort {
			return when + ", highest " + OneLine(r.Title) + " score first."
		}
	}
	return when + "."
}

// targetLegend names the dashed polygon of a policy's targets.
func targetLegend() legendItem {
	return legendItem{Name: "Targets set in the policy", Color: targetColor, Dashed: true}
}
