package render

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// reportPage is what the report template shows. Every string in it is
// plain text: the template escapes it.
type reportPage struct {
	Title       string
	Community   string
	Date        string
	Framework   string
	Respondents string
	Overall     htmlScore
	// Top is the top of the framework's scale: the score reads "2.67 / 4".
	Top string
	// Rated is how many indicators were rated: "22 of 22 indicators rated".
	Rated     string
	Summary   htmlSummary
	Radar     *radarView
	RadarNote string
	// Legend names the radar's polygons: the round's scores, and the
	// policy's targets when there are some.
	Legend      []legendItem
	Levels      []levelKey
	Dimensions  []htmlDimension
	TargetsLine string
	Targets     *htmlTable
	Weakest     []htmlWeak
	Disagree    string
	Indicators  []htmlIndicatorGroup
	Notes       []htmlNoteGroup
	Explanation []string
	Footer      htmlFooter
	Roles       *htmlRoles
	Rate        *htmlRate
	// Level explains the overall level; Questions are for the meeting.
	Level     levelNote
	Questions []string
	// Actions are this round's and the previous round's, when any.
	Actions *htmlActions
}

// htmlSummary is the paragraph under the score: the overall result in a
// sentence, the strongest and weakest dimensions, who took part and how
// much they could rate.
type htmlSummary struct {
	Overall string
	// Strongest and Weakest name the dimensions with the highest and the
	// lowest score (ties share the place); both are empty when fewer than
	// two dimensions have a score or all have the same.
	Strongest, Weakest htmlNamed
	// Unscored names the dimensions without a score, and why.
	Unscored []htmlName
	Coverage string
	// Change is the change since the previous round, in words (empty
	// without one); the template shows it after the coverage.
	Change string
}

// htmlNamed is some dimensions that share a score.
type htmlNamed struct {
	Names []htmlName
	Score string
}

// htmlName is one name in a list, with the words that join it to the one
// before ("", ", " or " and "), so that the template can set the names in
// bold: dimension titles often hold an "and" of their own.
type htmlName struct{ Sep, Name, Note string }

// htmlFooter says what made the page: the cop version, the framework, and
// the date.
type htmlFooter struct {
	Version, Framework, Made string
}

// newFooter fills the footer; a zero time or an empty version leaves its
// part out.
func newFooter(version string, made time.Time, framework string) htmlFooter {
	f := htmlFooter{Version: version, Framework: framework}
	if !made.IsZero() {
		f.Made = made.Format(model.DateLayout)
	}
	return f
}

// names joins names with commas and a last "and".
func names(list []string, note func(i int) string) []htmlName {
	out := make([]htmlName, len(list))
	for i, n := range list {
		out[i].Name = n
		switch {
		case i == 0:
		case i == len(list)-1:
			out[i].Sep = " and "
		default:
			out[i].Sep = ", "
		}
		if note != nil {
			out[i].Note = note(i)
		}
	}
	return out
}

// reportSummary writes the summary paragraph of a report.
func reportSummary(community string, res *score.Result, top string) htmlSummary {
	o := res.Overall
	var s htmlSummary
	if o.Score.Valid {
		s.Overall = fmt.Sprintf("%s scores %s out of %s overall (level: %s).", community, Score(o.Score), top, OneLine(LevelLabel(o.Level)))
	} else {
		s.Overall = community + " has no overall score: no indicator was rated."
	}
	// Dimensions are ranked by their scores as shown (rounded to 2
	// decimals), so that two that read 2.33 share a place.
	var hi, lo float64
	var strong, weak, unscored []string
	var why []string
	scored := 0
	for _, d := range res.Dimensions {
		title := OneLine(d.Dimension.Title)
		if !d.Score.Valid {
			unscored = append(unscored, title)
			why = append(why, cmp.Or(statusText(d.Status), "no score"))
			continue
		}
		v := score.Round2(d.Score.Value)
		if scored == 0 || v > hi {
			hi, strong = v, nil
		}
		if scored == 0 || v < lo {
			lo, weak = v, nil
		}
		if v == hi {
			strong = append(strong, title)
		}
		if v == lo {
			weak = append(weak, title)
		}
		scored++
	}
	if scored >= 2 && hi > lo {
		s.Strongest = htmlNamed{Names: names(strong, nil), Score: Fixed2(hi)}
		s.Weakest = htmlNamed{Names: names(weak, nil), Score: Fixed2(lo)}
	}
	s.Unscored = names(unscored, func(i int) string { return why[i] })
	applicable := o.Total - o.Excluded
	s.Coverage = fmt.Sprintf("%s took part and rated %d of the %s that apply (coverage %s)",
		Plural(res.Respondents, "respondent"), o.Rated, Plural(applicable, "indicator"), Percent(o.Coverage))
	if o.Excluded > 0 {
		s.Coverage += fmt.Sprintf("; %s did not apply to this community", Plural(o.Excluded, "indicator"))
	}
	s.Coverage += "."
	return s
}

// htmlScore is a score with its level and coverage, as shown.
type htmlScore struct {
	Score, Level, Coverage, Color string
	Bar                           *barView
	// Status is "not rated" or "not applicable" when there is no score.
	Status string
}

// htmlDimension is a row of the table beside the radar.
type htmlDimension struct {
	Title string
	htmlScore
}

// htmlWeak is one of the weakest indicators and what to try.
type htmlWeak struct {
	Dimension, Indicator, Score, Statement, Guidance string
	// Option introduces the guidance: "Option", or "Option for a
	// coalescing community" when it was written for the community's stage.
	Option string
}

// htmlIndicatorGroup is one dimension's indicators.
type htmlIndicatorGroup struct {
	Title string
	Score string
	Rows  []htmlIndicator
}

// htmlIndicator is a row of the indicator table.
type htmlIndicator struct {
	Title, Score, Ratings, Spread string
	Disagreement                  bool
	// Notes are the respondents' notes on the indicator, shown beside it.
	Notes []note
}

// htmlNoteGroup is the notes on one dimension.
type htmlNoteGroup struct {
	Title string
	Notes []note
}

// ReportHTML writes the report as one self-contained HTML page: a radar
// of the dimensions (with the policy's targets as a dashed polygon when
// rep.Policy is set) beside a table with the same numbers and a bar per
// dimension, then the indicators, the weakest with their guidance, and the
// notes. It needs no script and no network, and prints on A4.
func ReportHTML(w io.Writer, rep *Report) error {
	a, res := rep.Assessment, rep.Result
	fw := res.Framework
	o := res.Overall
	page := &reportPage{
		Title:       fmt.Sprintf("%s: health report, %s", OneLine(a.Community), a.Date.Format(model.DateLayout)),
		Community:   OneLine(a.Community),
		Date:        a.Date.Format(model.DateLayout),
		Framework:   fmt.Sprintf("%s (%s %s)", OneLine(fw.Title), fw.ID, OneLine(fw.Version)),
		Respondents: Plural(res.Respondents, "respondent"),
		Overall:     scoreHTML(fw, o.Score, o.Level, o.Coverage, score.Rated),
		Top:         model.FormatNumber(fw.ScaleMax()),
		Levels:      levelKeys(fw),
		Disagree:    model.FormatNumber(2 * fw.Step()),
	}
	page.Summary = reportSummary(page.Community, res, page.Top)
	page.Summary.Change = changeSentence(rep.Change())
	page.Footer = newFooter(rep.Version, rep.Made, page.Framework)
	ids := make([]string, len(res.Dimensions))
	titles := make([]string, len(res.Dimensions))
	values := make([]radarValue, len(res.Dimensions))
	var words []string
	for i, d := range res.Dimensions {
		ids[i], titles[i] = d.Dimension.ID, OneLine(d.Dimension.Title)
		values[i] = radarValue{Value: d.Score.Value, Lo: fw.ScaleMin(), Hi: fw.ScaleMax(), Valid: d.Score.Valid}
		row := htmlDimension{Title: titles[i], htmlScore: scoreHTML(fw, d.Score, d.Level, d.Coverage, d.Status)}
		page.Dimensions = append(page.Dimensions, row)
		words = append(words, titles[i]+" "+cmp.Or(row.Status, row.Score)+".")
	}
	var targets *gate.Targets
	if rep.Policy != nil {
		targets = gate.MeasureTargets(rep.Policy, gate.Input{Round: gate.Round{Assessment: a, Result: res}})
	}
	if len(titles) < 3 {
		page.RadarNote = noRadar(len(titles))
	} else {
		page.Radar = newRadar("radar", "Dimension scores of "+OneLine(a.Community)+", "+page.Date, fw, titles, func(i int) []radarLine {
			return []radarLine{{Text: cmp.Or(page.Dimensions[i].Status, page.Dimensions[i].Score), Strong: true}}
		})
		page.Radar.addSeries(OneLine(a.Community), seriesColors[0], false, true, titles, values)
		page.Legend = append(page.Legend, legendItem{Name: "Scores, " + page.Date, Color: seriesColors[0]})
		desc := "Scores: " + strings.Join(words, " ")
		if targets != nil {
			tv, tw := policyTargets(rep.Policy, fw, ids, titles)
			page.Radar.addSeries("Target", targetColor, true, false, titles, tv)
			page.Legend = append(page.Legend, targetLegend())
			desc += " The policy's targets, as a dashed polygon: " + strings.Join(tw, " ")
		}
		page.Radar.Desc = radarDesc(Plural(len(titles), "dimension"), fw, []string{desc})
	}
	page.Roles = rolesHTML(rep)
	page.Rate = rateHTML(a)
	if targets != nil {
		page.TargetsLine = fmt.Sprintf("%s of the way to the policy's targets (the gaps below them add up to %s of %s points)",
			Percent(targets.Percent), Fixed2(targets.SumGaps), bound(targets.SumTargets))
		page.Targets = newHTMLTable(targetsTable(targets, false, OneLine))
	}
	for _, ref := range res.Weakest(rep.Weakest) {
		g := guidanceFor(res, ref.Indicator.Indicator)
		page.Weakest = append(page.Weakest, htmlWeak{
			Dimension: OneLine(ref.Dimension.Dimension.Title), Indicator: OneLine(ref.Indicator.Indicator.Title),
			Score: Fixed2(ref.Score), Statement: Inert(ref.Indicator.Indicator.Statement), Guidance: Inert(g.Text), Option: OneLine(g.optionLabel()),
		})
	}
	page.Level, page.Questions = htmlLevelNote(res), htmlQuestions(res)
	page.Actions = actionsHTML(rep)
	for _, d := range res.Dimensions {
		g := htmlIndicatorGroup{Title: OneLine(d.Dimension.Title), Score: cmp.Or(statusText(d.Status), Score(d.Score))}
		for i := range d.Indicators {
			ind := &d.Indicators[i]
			row := htmlIndicator{Title: OneLine(ind.Indicator.Title), Ratings: "-", Spread: "-", Disagreement: ind.Disagreement,
				Notes: htmlIndicatorNotes(a, d.Dimension.ID, ind.Indicator.ID)}
			switch ind.Status {
			case score.Rated:
				row.Score = Fixed2(ind.Score)
				row.Ratings = valuesList(ind.Values)
				if len(ind.Values) > 1 {
					row.Spread = model.FormatNumber(ind.Spread)
				}
				if r := unratedReason(ind); r != "" {
					row.Ratings += " (also " + r + ")"
				}
			case score.Excluded:
				row.Score, row.Ratings = "-", "not applicable ("+unratedReason(ind)+")"
			default:
				row.Score, row.Ratings = "-", "not rated ("+unratedReason(ind)+")"
			}
			g.Rows = append(g.Rows, row)
		}
		page.Indicators = append(page.Indicators, g)
		if notes := append(notesOf(a, d.Dimension.ID), indicatorNotesOf(a, d.Dimension)...); len(notes) > 0 {
			for i := range notes {
				notes[i] = note{Respondent: OneLine(notes[i].who()), Text: Inert(strings.TrimSpace(notes[i].Text))}
			}
			page.Notes = append(page.Notes, htmlNoteGroup{Title: OneLine(d.Dimension.Title), Notes: notes})
		}
	}
	if rep.Explain {
		page.Explanation = explanation(res)
	}
	return executeHTML(w, "report", page)
}

// scoreHTML shows a score, its level and coverage, and its bar.
func scoreHTML(fw *model.Framework, n score.Number, l *model.Level, coverage score.Number, status score.Status) htmlScore {
	return htmlScore{
		Score: Score(n), Level: OneLine(LevelLabel(l)), Coverage: Percent(coverage),
		Color: levelHTMLColor(fw, l).Strong, Bar: newBar(fw, n, l, coverage), Status: statusText(status),
	}
}

// statusText says why a dimension has no score, or "" when it has one.
func statusText(s score.Status) string {
	switch s {
	case score.Excluded:
		return "not applicable"
	case score.Unrated:
		return "not rated"
	}
	return ""
}

// targetColor draws the policy's targets: dashed, in near-black, apart
// from the rounds' colours.
const targetColor = "#222222"

// policyTargets places a policy's targets on the radar's axes (ids, with
// their titles), and says them in words.
func policyTargets(p *model.Policy, fw *model.Framework, ids, titles []string) ([]radarValue, []string) {
	values := make([]radarValue, len(ids))
	var words []string
	for i, id := range ids {
		if r := p.Dimension(id); r != nil && r.Target != nil {
			values[i] = radarValue{Value: r.Target.Value, Lo: fw.ScaleMin(), Hi: fw.ScaleMax(), Valid: true}
			words = append(words, titles[i]+" "+Fixed2(r.Target.Value)+".")
		}
	}
	if len(words) == 0 {
		words = []string{"none."}
	}
	return values, words
}
