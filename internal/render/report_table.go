package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// lineWidth is the width prose is wrapped to in terminal output.
const lineWidth = 80

// ReportTable writes the report for a terminal: a headline, a row per
// dimension with a bar, then the weakest indicators with their guidance,
// disagreements, what is not rated, and the notes.
func ReportTable(w io.Writer, rep *Report) error {
	a, res, st := rep.Assessment, rep.Result, rep.Style
	fw := res.Framework
	p := &printer{w: w}
	p.line("%s, %s", st.Bold(OneLine(a.Community)), a.Date.Format(model.DateLayout))
	p.line("%s (%s %s), %s", OneLine(fw.Title), fw.ID, OneLine(fw.Version), Plural(res.Respondents, "respondent"))
	p.line("")
	o := res.Overall
	p.line("Overall: %s %s, coverage %s (%s)", st.Bold(Score(o.Score)),
		st.Paint(LevelColor(fw, o.Level), LevelLabel(o.Level)), Percent(o.Coverage), ratedSummary(o))
	levelNoteTable(p, res)
	p.line("")

	t := Table{
		Header: []string{"Dimension", "Score", "Level", "Coverage", ""},
		Align:  []Align{Left, Right, Left, Right, Left},
	}
	for _, d := range res.Dimensions {
		bar := Bar(d.Score, fw.ScaleMin(), fw.ScaleMax(), st.Unicode)
		switch d.Status {
		case score.Excluded:
			bar = "not applicable"
		case score.Unrated:
			bar = "not rated"
		}
		t.Rows = append(t.Rows, []string{OneLine(d.Dimension.Title), Score(d.Score),
			st.Paint(LevelColor(fw, d.Level), LevelLabel(d.Level)), Percent(d.Coverage), bar})
	}
	t.Rows = append(t.Rows, []string{"Overall", Score(o.Score), st.Paint(LevelColor(fw, o.Level), LevelLabel(o.Level)),
		Percent(o.Coverage), Bar(o.Score, fw.ScaleMin(), fw.ScaleMax(), st.Unicode)})
	if err := p.flush(); err != nil {
		return err
	}
	if err := t.WritePlain(w); err != nil {
		return err
	}

	if weak := res.Weakest(rep.Weakest); len(weak) > 0 {
		p.line("")
		p.line("%s", st.Bold(weakestHeading))
		for _, ref := range weak {
			g := guidanceFor(res, ref.Indicator.Indicator)
			p.line("  %s  %s: %s", Fixed2(ref.Score), OneLine(ref.Dimension.Dimension.Title), OneLine(ref.Indicator.Indicator.Title))
			p.line("%s", Wrap(ref.Indicator.Indicator.Statement, lineWidth, "        "))
			p.line("%s", Wrap(g.optionLabel()+": "+g.Text, lineWidth, "        "))
		}
	}
	if dis := res.Disagreements(); len(dis) > 0 {
		p.line("")
		p.line("%s", st.Bold(disagreementsHeading(fw)))
		for _, ref := range dis {
			p.line("%s", Wrap(OneLine(ref.Dimension.Dimension.Title)+": "+OneLine(ref.Indicator.Indicator.Title)+": "+disagreementReason(ref.Indicator), lineWidth, "  "))
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

// printer collects lines and keeps the first write error.
type printer struct {
	w   io.Writer
	buf strings.Builder
}

func (p *printer) line(format string, args ...any) {
	fmt.Fprintf(&p.buf, format, args...)
	p.buf.WriteByte('\n')
}

func (p *printer) flush() error {
	_, err := io.WriteString(p.w, p.buf.String())
	p.buf.Reset()
	return err
}
