package render

import (
	"io"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// ReportMarkdown writes the report as GitHub-flavoured Markdown, with every
// piece of user text escaped.
func ReportMarkdown(w io.Writer, rep *Report) error {
	a, res := rep.Assessment, rep.Result
	fw := res.Framework
	p := &printer{w: w}
	p.line("# %s: health report, %s", Markdown(a.Community), a.Date.Format(model.DateLayout))
	p.line("")
	if rep.Draft != "" {
		p.line("**Draft:** %s", Markdown(draftText(rep)))
		p.line("")
	}
	p.line("Framework: %s (%s %s). Respondents: %d.", Markdown(fw.Title), Markdown(fw.ID), Markdown(fw.Version), res.Respondents)
	p.line("")
	rateMarkdown(p, rep)
	o := res.Overall
	p.line("**Overall: %s, %s**, coverage %s (%s).", Score(o.Score), Markdown(LevelLabel(o.Level)), Percent(o.Coverage), ratedSummary(o))
	levelNoteMarkdown(p, res)
	p.line("")
	t := Table{
		Header: []string{"Dimension", "Score", "Level", "Coverage"},
		Align:  []Align{Left, Right, Left, Right},
	}
	for _, d := range res.Dimensions {
		level := LevelLabel(d.Level)
		switch d.Status {
		case score.Excluded:
			level = "not applicable"
		case score.Unrated:
			level = "not rated"
		}
		t.Rows = append(t.Rows, []string{Markdown(d.Dimension.Title), Score(d.Score), Markdown(level), Percent(d.Coverage)})
	}
	t.Rows = append(t.Rows, []string{"**Overall**", "**" + Score(o.Score) + "**", "**" + Markdown(LevelLabel(o.Level)) + "**", Percent(o.Coverage)})
	if err := p.flush(); err != nil {
		return err
	}
	if err := t.WriteMarkdown(w); err != nil {
		return err
	}
	if err := rolesMarkdown(p, rep); err != nil {
		return err
	}
	if weak := res.Weakest(rep.Weakest); len(weak) > 0 {
		p.line("")
		p.line("## %s", weakestHeading)
		p.line("")
		for i, ref := range weak {
			g := guidanceFor(res, ref.Indicator.Indicator)
			p.line("%d. **%s: %s** (%s). %s  ", i+1, Markdown(ref.Dimension.Dimension.Title), Markdown(ref.Indicator.Indicator.Title),
				Fixed2(ref.Score), Markdown(ref.Indicator.Indicator.Statement))
			p.line("   %s: %s", Markdown(g.optionLabel()), Markdown(g.Text))
		}
	}
	if dis := res.Disagreements(); len(dis) > 0 {
		p.line("")
		p.line("## Disagreements")
		p.line("")
		p.line("Ratings %s or more apart (two scale steps), or rated by some and not applicable to others:", model.FormatNumber(2*fw.Step()))
		p.line("")
		for _, ref := range dis {
			p.line("- %s: %s: %s", Markdown(ref.Dimension.Dimension.Title), Markdown(ref.Indicator.Indicator.Title),
				disagreementReason(ref.Indicator))
		}
	}
	if un := res.Unrated(); len(un) > 0 {
		p.line("")
		p.line("## Not rated")
		p.line("")
		for _, ref := range un {
			p.line("- %s: %s (%s)", Markdown(ref.Dimension.Dimension.Title), Markdown(ref.Indicator.Indicator.Title), unratedReason(ref.Indicator))
		}
	}
	if qs := meetingQuestions(res); len(qs) > 0 {
		p.line("")
		p.line("## Questions for your meeting")
		p.line("")
		for _, q := range qs {
			p.line("- %s", Markdown(q))
		}
	}
	actionsMarkdown(p, rep)
	if noted := notedDimensions(a, res); len(noted) > 0 {
		p.line("")
		p.line("## Notes")
		for _, dn := range noted {
			p.line("")
			p.line("### %s", Markdown(dn.title))
			p.line("")
			for _, n := range dn.notes {
				p.line("- %s: %s", n.whoMarkdown(), Markdown(n.Text))
			}
		}
	}
	if rep.Explain {
		p.line("")
		p.line("## How these numbers were computed")
		p.line("")
		p.line("```text")
		for _, l := range explanation(res) {
			p.line("%s", fenceSafe(l))
		}
		p.line("```")
	}
	return p.flush()
}

// fenceSafe keeps a line from closing a code fence early. Explanation lines
// hold titles from the framework file, which could start with backticks.
func fenceSafe(l string) string {
	if len(l) >= 3 && l[:3] == "```" {
		return " " + l
	}
	return l
}
