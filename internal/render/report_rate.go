package render

import (
	"fmt"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// The report's response rate: how many of the members invited to answer
// (invited: N in the file, or cop merge --invited N) did, with a warning when
// fewer than half did: the scores are then the view of a minority.

// Rate is a round's response rate, when the file says how many members were
// invited.
type Rate struct {
	Invited, Respondents int
	// Value is Respondents / Invited.
	Value float64
	// Low is set when fewer than half of those invited answered.
	Low bool
}

// ResponseRate returns the response rate of a round, or nil when the file
// does not say how many were invited.
func ResponseRate(a *model.Assessment) *Rate {
	if a.Invited <= 0 {
		return nil
	}
	n := len(a.Responses)
	return &Rate{Invited: a.Invited, Respondents: n, Value: float64(n) / float64(a.Invited), Low: 2*n < a.Invited}
}

// rateLine says the rate in words: "5 of 14 invited members answered (36%)."
func rateLine(r *Rate) string {
	return fmt.Sprintf("%d of %s answered (%s).", r.Respondents, Plural(r.Invited, "invited member"), Percent(score.Number{Value: r.Value, Valid: true}))
}

// rateWarning is the warning for a low response rate.
const rateWarning = "fewer than half of the invited members answered: the scores are the view of those who did, not of the whole community."

// ratePlain writes the rate for a terminal, under the report's headline.
func ratePlain(p *printer, rep *Report) {
	r := ResponseRate(rep.Assessment)
	if r == nil {
		return
	}
	p.line("%s", rateLine(r))
	if r.Low {
		p.line("%s", Wrap(rep.Style.Paint("33", "Warning: ")+rateWarning, p.width, ""))
	}
}

// rateMarkdown writes the rate in Markdown, under the report's headline.
func rateMarkdown(p *printer, rep *Report) {
	r := ResponseRate(rep.Assessment)
	if r == nil {
		return
	}
	p.line("%s", rateLine(r))
	if r.Low {
		p.line("")
		p.line("> **Warning:** %s", rateWarning)
	}
	p.line("")
}

// RateDoc is the JSON shape of the response rate.
type RateDoc struct {
	Invited     int     `json:"invited"`
	Respondents int     `json:"respondents"`
	Rate        float64 `json:"rate"`
	Low         bool    `json:"low"`
}

func newRateDoc(a *model.Assessment) *RateDoc {
	r := ResponseRate(a)
	if r == nil {
		return nil
	}
	return &RateDoc{Invited: r.Invited, Respondents: r.Respondents, Rate: score.Round2(r.Value), Low: r.Low}
}

// htmlRate is the rate as the HTML report shows it.
type htmlRate struct {
	Line, Warning string
}

func rateHTML(a *model.Assessment) *htmlRate {
	r := ResponseRate(a)
	if r == nil {
		return nil
	}
	h := &htmlRate{Line: rateLine(r)}
	if r.Low {
		h.Warning = rateWarning
	}
	return h
}
