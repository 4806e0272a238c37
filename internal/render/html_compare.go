package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

// comparePage is what the comparison template shows. Every string in it
// is plain text: the template escapes it.
type comparePage struct {
	Title     string
	Headline  string
	Radar     *radarView
	RadarNote string
	Legend    []legendItem
	Levels    []levelKey
	// Header has a cell per column, the row labels' first.
	Header     []htmlHead
	Rows       []htmlGridRow
	HasTargets bool
	Notes      []htmlNote
	Problems   []string
	Skipped    string
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

// htmlGridCell is one cell of the grid.
type htmlGridCell struct {
	Text string
	Bar  *barView
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
	headline := compareHeadline(cmp, OneLine)
	page := &comparePage{Title: headline, Headline: headline}
	for _, h := range header {
		page.Header = append(page.Header, htmlHead{Lines: h[:len(h)-1], Last: h[len(h)-1]})
	}
	newest := newestFramework(cmp)
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
	for _, n := range compareNotes(cmp, OneLine) {
		page.Notes = append(page.Notes, htmlNote{Mark: n.mark, Text: n.text, Items: n.items})
	}
	for _, p := range c.Problems {
		page.Problems = append(page.Problems, OneLine((&load.Problem{File: p.File, Line: p.Line, Col: p.Column, Msg: p.Message}).Error()))
	}
	if c.Skipped > 0 {
		page.Skipped = fmt.Sprintf("%s found in the directories %s not an assessment and %s skipped.",
			Plural(c.Skipped, "YAML file"), isWas(c.Skipped), isWas(c.Skipped))
	}

	switch {
	case len(titles) < 3:
		page.RadarNote = fmt.Sprintf("No radar: it needs three dimensions or more, and framework %s has %d. The table has every score.", cmp.FrameworkID, len(titles))
	case len(cmp.Columns) > maxSeries():
		page.RadarNote = fmt.Sprintf("No radar: it shows up to %d rounds, and this comparison has %d. The table has every score.", maxSeries(), len(cmp.Columns))
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
			page.Legend = append(page.Legend, legendItem{Name: "Target (policy)", Color: targetColor, Dashed: true})
			words = append(words, "The policy's targets, as a dashed polygon: "+strings.Join(tw, " "))
		}
		page.Radar.Desc = radarDesc(fmt.Sprintf("%s for %s", Plural(len(titles), "dimension"), Plural(len(cmp.Columns), "round")), newest, words)
	}
	return executeHTML(w, "compare", page)
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

func isWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
