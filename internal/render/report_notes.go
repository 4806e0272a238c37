package render

import (
	"strings"

	"github.com/cophealth/cop/internal/model"
)

// indicatorNotes lists the respondents' notes on one indicator, in
// response order; never nil, for JSON.
func indicatorNotes(a *model.Assessment, dim, ind string) []note {
	out := []note{}
	for _, r := range a.Responses {
		if text, ok := r.IndicatorNotes[dim][ind]; ok && strings.TrimSpace(text) != "" {
			out = append(out, note{Respondent: r.Respondent, Text: text})
		}
	}
	return out
}

// indicatorNotesOf lists the notes on a dimension's indicators, indicator
// by indicator in framework order, each naming its indicator, so that the
// report shows them beside it.
func indicatorNotesOf(a *model.Assessment, d *model.Dimension) []note {
	var out []note
	for _, ind := range d.Indicators {
		for _, n := range indicatorNotes(a, d.ID, ind.ID) {
			n.Indicator = strings.TrimSpace(ind.Title)
			out = append(out, n)
		}
	}
	return out
}

// who names a note's author, and its indicator when it has one:
// "Specialist sub-groups, Ana Ruiz".
func (n note) who() string {
	if n.Indicator == "" {
		return n.Respondent
	}
	return n.Indicator + ", " + n.Respondent
}

// whoMarkdown is who in Markdown: the respondent in bold.
func (n note) whoMarkdown() string {
	if n.Indicator == "" {
		return "**" + Markdown(n.Respondent) + "**"
	}
	return Markdown(n.Indicator) + ", **" + Markdown(n.Respondent) + "**"
}

// htmlIndicatorNotes are an indicator's notes for the page, one line each.
func htmlIndicatorNotes(a *model.Assessment, dim, ind string) []note {
	notes := indicatorNotes(a, dim, ind)
	for i := range notes {
		notes[i] = note{Respondent: OneLine(notes[i].Respondent), Text: Inert(strings.TrimSpace(notes[i].Text))}
	}
	return notes
}
