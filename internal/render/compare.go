package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// CompareFormats are the formats cop compare writes.
var CompareFormats = []string{"table", "markdown", "csv", "json", "html"}

// Compare is everything a compare renderer needs.
type Compare struct {
	Comparison *compare.Comparison
	// Problems are the files left out because they could not be read; the
	// JSON output lists them (the others say so on standard error).
	Problems []ProblemDoc
	// Skipped counts the YAML files found in directories that are not
	// assessments.
	Skipped int
	Style   Style
	// Policy, when set, gives the targets the HTML comparison draws (cop
	// compare --policy); it must fit every framework compared.
	Policy *model.Policy
	// Made is when the comparison is made (the factory's clock, which
	// COP_NOW pins) and Version the cop that makes it: the HTML footer
	// says both.
	Made    time.Time
	Version string
}

// nameWidth is the width community names are wrapped to in the header of
// a terminal table, so that several fit side by side.
const nameWidth = 20

// compareText says how a grid's text is written in one format.
type compareText struct {
	user    func(string) string   // escapes user text
	name    func(string) []string // a community name as header lines
	unicode bool                  // arrows ▲ ▼ rather than ^ v
	star    string                // the mark of a row scored over differing indicators
	style   Style                 // colour, for the terminal table
}

// compareHeadline is the line above the table: who, how many rounds, and
// the framework versions.
func compareHeadline(c *compare.Comparison, user func(string) string) string {
	fw := c.FrameworkID + " " + joinAnd(c.Versions)
	if c.Mode == compare.OverTime {
		first, last := c.Columns[0].Round, c.Columns[len(c.Columns)-1].Round
		when := first.Date.Format(model.DateLayout)
		if len(c.Columns) > 1 {
			when += " to " + last.Date.Format(model.DateLayout)
		}
		return fmt.Sprintf("%s: %s, %s (%s)", user(c.Columns[0].Community), Plural(len(c.Columns), "round"), when, user(fw))
	}
	s := strconv.Itoa(c.Communities) + " communities"
	if c.AllRounds {
		s += ", " + Plural(len(c.Columns), "round")
	} else {
		s += ", the latest round of each"
	}
	switch c.Sort {
	case compare.SortName:
	case compare.SortOverall:
		s += ", highest overall score first"
	default:
		for _, r := range c.Rows {
			if r.ID == c.Sort {
				s += ", highest " + user(r.Title) + " score first"
			}
		}
	}
	return s + " (" + user(fw) + ")"
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// compareGrid builds the header (one list of lines per column, the first
// column being the row labels) and the rows of the comparison.
func compareGrid(c *compare.Comparison, t compareText) (header [][]string, rows [][]string) {
	header = append(header, []string{"Dimension"})
	for _, col := range c.Columns {
		var lines []string
		if c.Mode == compare.SideBySide {
			lines = t.name(col.Community)
		}
		header = append(header, append(lines, col.Round.Date.Format(model.DateLayout)))
	}
	marked := false
	for i, r := range c.Rows {
		label := t.user(r.Title)
		if !r.SameIndicators {
			label += t.star
			marked = true
		}
		row := []string{label}
		for _, col := range c.Columns {
			row = append(row, t.cell(col, col.Dimensions[i]))
		}
		rows = append(rows, row)
	}
	overall := "Overall"
	if marked || len(c.Unaligned.Dimensions) > 0 {
		overall += t.star
	}
	level, coverage, respondents := []string{"Level"}, []string{"Coverage"}, []string{"Respondents"}
	row := []string{overall}
	for _, col := range c.Columns {
		row = append(row, t.cell(col, col.Overall))
		o := col.Round.Overall
		level = append(level, t.style.Paint(LevelColor(col.Round.Framework, o.Level), t.user(LevelLabel(o.Level))))
		coverage = append(coverage, Percent(o.Coverage))
		respondents = append(respondents, strconv.Itoa(col.Round.Respondents))
	}
	return header, append(rows, row, level, coverage, respondents)
}

// cell writes a score, painted by its level, and its change since the
// previous round: "2.56 ▲ +0.67". "n/c" is a dimension the round's framework
// does not have; "-" a score that is null.
func (t compareText) cell(col compare.Column, c compare.Cell) string {
	if !c.Comparable {
		return "n/c"
	}
	s := t.style.Paint(LevelColor(col.Round.Framework, c.Level), Score(c.Score.Score))
	if col.Previous == nil || !c.Score.Score.Valid {
		return s
	}
	if !c.ChangeComparable {
		return s + " n/c"
	}
	if c.Change.Valid {
		s += " " + t.change(c.Change.Value)
	}
	return s
}

// change writes a change marked up or down: "▲ +0.67", "▼ -0.39", "= 0.00".
func (t compareText) change(v float64) string {
	up, down := "▲", "▼"
	if !t.unicode {
		up, down = "^", "v"
	}
	switch {
	case v > 0:
		return up + " +" + Fixed2(v)
	case v < 0:
		return down + " " + Fixed2(v)
	}
	return "= 0.00"
}

// compareNote is one line under the grid: a mark and what it means, or a
// heading (no mark) and the items under it.
type compareNote struct {
	mark, text string
	items      []string
}

// compareNotes explains the marks the grid uses, and lists what could not
// be aligned across framework versions.
func compareNotes(c *compare.Comparison, user func(string) string) []compareNote {
	var nc, null, star bool
	for _, r := range c.Rows {
		star = star || !r.SameIndicators
	}
	for _, col := range c.Columns {
		for _, cell := range append(col.Dimensions, col.Overall) {
			nc = nc || !cell.Comparable || (col.Previous != nil && !cell.ChangeComparable)
			null = null || (cell.Comparable && !cell.Score.Score.Valid)
		}
	}
	var out []compareNote
	if null {
		out = append(out, compareNote{mark: "-", text: "no score: no indicator rated, or every one not applicable"})
	}
	if nc {
		out = append(out, compareNote{mark: "n/c", text: "not comparable: the round's framework version (or the previous round's) has no such dimension"})
	}
	if star {
		out = append(out, compareNote{mark: "*", text: "scored over indicators that differ between framework versions"})
	}
	u := c.Unaligned
	if u.Count() == 0 {
		return out
	}
	if !star && len(u.Dimensions) > 0 {
		out = append(out, compareNote{mark: "*", text: "the overall score is over dimensions that differ between framework versions"})
	}
	var parts []string
	if n := len(u.Dimensions); n > 0 {
		parts = append(parts, Plural(n, "dimension"))
	}
	if n := len(u.Indicators); n > 0 {
		parts = append(parts, Plural(n, "indicator"))
	}
	n := compareNote{text: fmt.Sprintf("Not comparable across %s %s: %s", user(c.FrameworkID), user(joinAnd(c.Versions)), strings.Join(parts, " and "))}
	for _, m := range u.Dimensions {
		n.items = append(n.items, fmt.Sprintf("dimension %s: only in %s", user(m.ID), user(joinAnd(m.In))))
	}
	for _, m := range u.Indicators {
		n.items = append(n.items, fmt.Sprintf("indicator %s: only in %s", user(m.ID), user(joinAnd(m.In))))
	}
	return append(out, n)
}

// CompareTable writes the comparison for a terminal, within Style.Width
// columns: a headline, the grid with community names wrapped over several
// header lines and scores coloured by level, then what its marks mean. A
// grid wider than the terminal is split into several tables, each with the
// row labels and as many rounds as fit, and a last line says that -f csv
// and -f json give it whole.
func CompareTable(w io.Writer, c *Compare) error {
	cmp := c.Comparison
	header, rows := compareGrid(cmp, compareText{
		user:    OneLine,
		name:    func(s string) []string { return strings.Split(Wrap(OneLine(s), nameWidth, ""), "\n") },
		unicode: c.Style.Unicode,
		star:    "*",
		style:   c.Style,
	})
	limit := c.Style.width()
	tables := splitGrid(header, rows, limit)
	notes := compareNotes(cmp, OneLine)
	if len(tables) > 1 {
		notes = append(notes, compareNote{text: fmt.Sprintf(
			"The comparison is split into %d tables to fit %d columns; -f csv or -f json gives it whole.", len(tables), limit)})
	}
	writeTables := func(w io.Writer) error {
		for i := range tables {
			if i > 0 {
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
			}
			if err := tables[i].WritePlain(w); err != nil {
				return err
			}
		}
		return nil
	}
	return writeCompareText(w, c.Style.Bold(compareHeadline(cmp, OneLine)), writeTables, notes,
		noteLayout{mark: "%-4s %s", heading: "%s", item: "  %s", hang: 5}, limit)
}

// splitGrid lays a comparison grid out as terminal tables within limit
// columns. header holds each column's header lines (the first column's are
// the row labels' heading); rows start with their label. The rounds keep
// their width and are packed, in order, into as few tables as fit beside
// the labels; the labels wrap between words to make room, to the same width
// in every table.
func splitGrid(header [][]string, rows [][]string, limit int) []Table {
	cols := make([]int, len(header)) // each column's width
	labelWord := Width(header[0][0]) // the labels' longest word
	for j, lines := range header {
		for _, l := range lines {
			cols[j] = max(cols[j], Width(l))
		}
	}
	for _, row := range rows {
		for j, cell := range row {
			cols[j] = max(cols[j], Width(cell))
		}
		for _, word := range strings.Fields(row[0]) {
			labelWord = max(labelWord, Width(word))
		}
	}

	// Pack the rounds beside labels as narrow as their longest word.
	groups := [][]int{nil}
	used := labelWord
	widest := 0 // the widest group of rounds, gutters included
	for j := 1; j < len(header); j++ {
		need := gutter + cols[j]
		if len(groups[len(groups)-1]) > 0 && used+need > limit {
			groups = append(groups, nil)
			used = labelWord
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], j)
		used += need
		widest = max(widest, used-labelWord)
	}
	label := max(min(cols[0], limit-widest), labelWord)

	tables := make([]Table, 0, len(groups))
	for _, g := range groups {
		height := 1
		for _, j := range g {
			height = max(height, len(header[j]))
		}
		block := make([][]string, height)
		for k := range block {
			block[k] = make([]string, 1, len(g)+1)
			for _, j := range g {
				// Bottom-align each column's header, so names sit on their dates.
				cell := ""
				if idx := k - (height - len(header[j])); idx >= 0 {
					cell = header[j][idx]
				}
				block[k] = append(block[k], cell)
			}
		}
		block[height-1][0] = header[0][0]
		t := Table{Header: block[0], Rows: block[1:], Align: []Align{Left}, MaxWidth: limit}
		for _, row := range rows {
			r := []string{Wrap(row[0], label, "")}
			for _, j := range g {
				r = append(r, row[j])
			}
			t.Rows = append(t.Rows, r)
		}
		for range g {
			t.Align = append(t.Align, Right)
		}
		tables = append(tables, t)
	}
	return tables
}

// CompareMarkdown writes the comparison as GitHub-flavoured Markdown, ready
// to paste into a document or a slide, with every piece of user text
// escaped.
func CompareMarkdown(w io.Writer, c *Compare) error {
	cmp := c.Comparison
	header, rows := compareGrid(cmp, compareText{
		user:    Markdown,
		name:    func(s string) []string { return []string{Markdown(s)} },
		unicode: true,
		star:    `\*`,
	})
	t := Table{Rows: rows, Align: compareAlign(cmp)}
	for _, h := range header {
		t.Header = append(t.Header, strings.Join(h, "<br>"))
	}
	return writeCompareText(w, compareHeadline(cmp, Markdown), t.WriteMarkdown, compareNotes(cmp, Markdown),
		noteLayout{mark: "- `%s` %s", heading: "- %s", item: "  - %s"}, 0)
}

// compareAlign aligns the row labels left and the rounds right.
func compareAlign(c *compare.Comparison) []Align {
	a := []Align{Left}
	for range c.Columns {
		a = append(a, Right)
	}
	return a
}

// noteLayout is how a format writes the notes under the grid; hang is
// where a folded mark line goes on (under its text).
type noteLayout struct {
	mark, heading, item string
	hang                int
}

// writeCompareText writes the headline, the table and the notes, the shape
// the terminal and Markdown formats share. A width above 0 folds the lines
// to fit it.
func writeCompareText(w io.Writer, headline string, table func(io.Writer) error, notes []compareNote, l noteLayout, width int) error {
	p := &printer{w: w, width: width}
	p.line("%s", headline)
	p.line("")
	if err := p.flush(); err != nil {
		return err
	}
	if err := table(w); err != nil {
		return err
	}
	if len(notes) > 0 {
		p.line("")
	}
	for _, n := range notes {
		if n.mark != "" {
			p.hang(l.hang, l.mark, n.mark, n.text)
			continue
		}
		p.line(l.heading, n.text)
		for _, item := range n.items {
			p.line(l.item, item)
		}
	}
	return p.flush()
}

// changeValue writes a change for CSV: "0.67", "-0.39", "" when there is
// none, "n/c" when the previous round's framework has no such dimension.
func changeValue(col compare.Column, c compare.Cell) string {
	switch {
	case col.Previous == nil || !c.Comparable:
		return ""
	case !c.ChangeComparable:
		return "n/c"
	case c.Change.Valid:
		return Fixed2(c.Change.Value)
	}
	return ""
}

// scoreValue writes a score for CSV: "2.56", "" when null, "n/c".
func scoreValue(c compare.Cell) string {
	switch {
	case !c.Comparable:
		return "n/c"
	case !c.Score.Score.Valid:
		return ""
	}
	return Fixed2(c.Score.Score.Value)
}

func numberValue(n score.Number) string {
	if !n.Valid {
		return ""
	}
	return Fixed2(n.Value)
}
