package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// ReportTable writes the report for a terminal, within Style.Width columns:
// a headline, a row per dimension with a bar, then the weakest indicators
// with their guidance, disagreements, what is not rated, and the notes.
func ReportTable(w io.Writer, rep *Report) error {
	a, res, st := rep.Assessment, rep.Result, rep.Style
	fw := res.Framework
	lineWidth := st.width()
	p := &printer{w: w, width: lineWidth}
	p.line("%s, %s", st.Bold(OneLine(a.Community)), a.Date.Format(model.DateLayout))
	if rep.Draft != "" {
		p.line("Draft: %s", OneLine(draftText(rep)))
	}
	p.line("%s (%s %s), %s", OneLine(fw.Title), fw.ID, OneLine(fw.Version), Plural(res.Respondents, "respondent"))
	ratePlain(p, rep)
	p.line("")
	o := res.Overall
	p.line("Overall: %s %s, coverage %s (%s)", st.Bold(Score(o.Score)),
		st.Paint(LevelColor(fw, o.Level), OneLine(LevelLabel(o.Level))), Percent(o.Coverage), ratedSummary(o))
	levelNoteTable(p, res)
	p.line("")
	if err := p.flush(); err != nil {
		return err
	}
	if err := reportTable(res, st).WritePlain(w); err != nil {
		return err
	}
	if err := rolesPlain(p, rep); err != nil {
		return err
	}

	if weak := res.Weakest(rep.Weakest); len(weak) > 0 {
		p.line("")
		p.line("%s", st.Bold(weakestHeading))
		for _, ref := range weak {
			g := guidanceFor(res, ref.Indicator.Indicator)
			p.hang(8, "  %s  %s: %s", Fixed2(ref.Score), OneLine(ref.Dimension.Dimension.Title), OneLine(ref.Indicator.Indicator.Title))
			p.line("%s", Wrap(ref.Indicator.Indicator.Statement, lineWidth, "        "))
			p.line("%s", Wrap(g.optionLabel()+": "+g.Text, lineWidth, "        "))
		}
	}
	if dis := res.Disagreements(); len(dis) > 0 {
		p.line("")
		p.line("%s", st.Bold(disagreementsHeading(fw)))
		for _, ref := range dis {
			p.line("  %s: %s: %s", OneLine(ref.Dimension.Dimension.Title), OneLine(ref.Indicator.Indicator.Title), disagreementReason(ref.Indicator))
		}
	}
	if un := res.Unrated(); len(un) > 0 {
		p.line("")
		p.line("%s", st.Bold("Not rated"))
		for _, ref := range un {
			p.line("  %s: %s (%s)", OneLine(ref.Dimension.Dimension.Title), OneLine(ref.Indicator.Indicator.Title), unratedReason(ref.Indicator))
		}
	}
	questionsTable(p, rep)
	actionsTable(p, rep)
	if noted := notedDimensions(a, res); len(noted) > 0 {
		p.line("")
		p.line("%s", st.Bold("Notes"))
		for _, dn := range noted {
			p.line("  %s", OneLine(dn.title))
			for _, n := range dn.notes {
				p.line("%s", Wrap(OneLine(n.who())+": "+n.Text, lineWidth, "    "))
			}
		}
	}
	if rep.Explain {
		p.line("")
		p.line("%s", st.Bold("How these numbers were computed"))
		for _, l := range explanation(res) {
			if l == "" {
				p.line("")
				continue
			}
			indent := "  "
			if strings.HasPrefix(l, "  ") {
				indent = "    "
			}
			p.line("%s", Wrap(l, lineWidth, indent))
		}
	}
	return p.flush()
}

func ratedSummary(o score.Overall) string {
	applicable := o.Total - o.Excluded
	s := fmt.Sprintf("%d of %d indicators rated", o.Rated, applicable)
	if o.Excluded > 0 {
		s += fmt.Sprintf(", %d not applicable", o.Excluded)
	}
	return s
}

// Plural writes a count with its noun: "1 respondent", "3 respondents".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// reportTable lays out the dimensions of a report within st's width.
func reportTable(res *score.Result, st Style) *Table {
	fw := res.Framework
	t := &Table{
		Header:   []string{"Dimension", "Score", "Level", "Coverage"},
		Align:    []Align{Left, Right, Left, Right, Left},
		MaxWidth: st.width(),
	}
	notes := make([]string, len(res.Dimensions))
	for i, d := range res.Dimensions {
		switch d.Status {
		case score.Excluded:
			notes[i] = "not applicable"
		case score.Unrated:
			notes[i] = "not rated"
		}
		t.Rows = append(t.Rows, []string{OneLine(d.Dimension.Title), Score(d.Score),
			st.Paint(LevelColor(fw, d.Level), OneLine(LevelLabel(d.Level))), Percent(d.Coverage)})
	}
	o := res.Overall
	t.Rows = append(t.Rows, []string{"Overall", Score(o.Score), st.Paint(LevelColor(fw, o.Level), OneLine(LevelLabel(o.Level))), Percent(o.Coverage)})
	bar := reportBarWidth(t)
	if bar == 0 {
		// No room for a bar column: what it would say in words goes in
		// the Level column, which is "-" for these dimensions.
		for i, note := range notes {
			if note != "" {
				t.Rows[i][2] = note
			}
		}
		return t
	}
	t.Header = append(t.Header, "")
	for i, d := range res.Dimensions {
		cell := notes[i]
		if cell == "" {
			cell = Bar(d.Score, fw.ScaleMin(), fw.ScaleMax(), bar, st.Unicode)
		}
		t.Rows[i] = append(t.Rows[i], cell)
	}
	last := len(t.Rows) - 1
	t.Rows[last] = append(t.Rows[last], Bar(o.Score, fw.ScaleMin(), fw.ScaleMax(), bar, st.Unicode))
	return t
}

// The bar of a report row is a picture of the score beside it, so it gives
// way before the words do. It is BarWidth cells when the row has room for
// it beside whole titles; shorter, down to minBar, when it has less; and
// when even minBar cells would leave the titles fewer than minTitle cells
// (or fewer than their longest word), it is left out: the score says the
// same, and "not applicable" and "not rated", which the bar column shows
// otherwise, go in the Level column.
const (
	minBar   = 10
	minTitle = 16
)

// reportBarWidth is how long a full bar may be beside the columns of t
// (the title first) within t.MaxWidth, or 0 for no bar.
func reportBarWidth(t *Table) int {
	others := 0 // the columns after the title, each with the gutter before it
	for i := 1; i < len(t.Header); i++ {
		col := 0
		for _, row := range append([][]string{t.Header}, t.Rows...) {
			col = max(col, Width(row[i]))
		}
		others += gutter + col
	}
	title, word := 0, 0
	for _, row := range t.Rows {
		title = max(title, Width(row[0]))
		for _, w := range strings.Fields(row[0]) {
			word = max(word, Width(w))
		}
	}
	title = max(title, Width(t.Header[0]))
	room := t.MaxWidth - others - gutter // for the title and the bar
	if bar := room - title; bar >= minBar {
		return min(bar, BarWidth)
	}
	if room-min(title, max(word, minTitle)) >= minBar {
		return minBar
	}
	return 0
}

// printer collects lines and keeps the first write error. With a width,
// it folds every line to fit it.
type printer struct {
	w     io.Writer
	buf   strings.Builder
	width int
}

func (p *printer) line(format string, args ...any) { p.hang(-1, format, args...) }

// hang is line, with the lines a fold makes indented by indent cells, under
// the text they continue; a negative indent is two more than the line's own.
func (p *printer) hang(indent int, format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	for _, line := range strings.Split(text, "\n") {
		if p.width > 0 {
			line = fold(line, p.width, indent)
		}
		p.buf.WriteString(line)
		p.buf.WriteByte('\n')
	}
}

// fold breaks a line of terminal text wider than width between words: the
// lines after the first are indented by hang cells, or two more than the
// first when hang is negative or more than half the width, and not at all
// when that too is more than half the width. Colour codes take no room. A
// word longer than a line (a path, a URL) stands on its own, whole, so that
// it can still be copied; the terminal wraps it.
func fold(line string, width, hang int) string {
	if Width(line) <= width {
		return line
	}
	body := strings.TrimLeft(line, " ")
	lead := len(line) - len(body)
	if hang < 0 || hang > width/2 {
		hang = lead + 2
	}
	if hang > width/2 {
		hang = 0
	}
	indent := strings.Repeat(" ", hang)
	words := strings.Split(body, " ")
	var b, cur strings.Builder
	cur.WriteString(line[:lead])
	used, empty := lead, true
	for _, word := range words {
		n := Width(word)
		if !empty && used+1+n > width {
			b.WriteString(strings.TrimRight(cur.String(), " ") + "\n")
			cur.Reset()
			cur.WriteString(indent)
			used, empty = len(indent), true
			if word == "" {
				continue // a run of spaces at a break
			}
		}
		if !empty {
			cur.WriteByte(' ')
			used++
		}
		cur.WriteString(word)
		used += n
		empty = false
	}
	b.WriteString(strings.TrimRight(cur.String(), " "))
	return b.String()
}

func (p *printer) flush() error {
	_, err := io.WriteString(p.w, p.buf.String())
	p.buf.Reset()
	return err
}
