package render

import (
	"encoding/json"
	"io"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// ReportDoc is the JSON shape of a report (the README's, plus counts,
// titles, the values behind each indicator score, and the notes). Scores and
// coverages are rounded to 2 decimals; absent ones are null.
type ReportDoc struct {
	Community   string       `json:"community"`
	Date        string       `json:"date"`
	Framework   FrameworkDoc `json:"framework"`
	Respondents int          `json:"respondents"`
	// Draft is true for a draft (answers saved part way); absent otherwise.
	Draft bool `json:"draft,omitempty"`
	// Response is the response rate, when the file says how many were invited.
	Response      *RateDoc       `json:"response,omitempty"`
	Overall       OverallDoc     `json:"overall"`
	Dimensions    []DimensionDoc `json:"dimensions"`
	Weakest       []IndicatorRef `json:"weakest"`
	Disagreements []IndicatorRef `json:"disagreements"`
	Unrated       []IndicatorRef `json:"unrated"`
	// ByRole scores each dimension per role, when two or more roles answered.
	ByRole *RolesDoc `json:"byRole,omitempty"`
	// Level explains the overall level; Questions are for the group's
	// meeting (report_guidance.go).
	Level     *LevelDoc `json:"level"`
	Questions []string  `json:"questions"`
	// Actions are this round's; Previous is the previous round, when found.
	Actions     []ActionDoc  `json:"actions"`
	Previous    *PreviousDoc `json:"previous"`
	Explanation []string     `json:"explanation,omitempty"`
}

// FrameworkDoc names a framework.
type FrameworkDoc struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title,omitempty"`
}

// OverallDoc is the overall result.
type OverallDoc struct {
	Score      *float64 `json:"score"`
	Level      *string  `json:"level"`
	Coverage   *float64 `json:"coverage"`
	Rated      int      `json:"rated"`
	Excluded   int      `json:"excluded"`
	Indicators int      `json:"indicators"`
}

// DimensionDoc is one dimension's result.
type DimensionDoc struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Weight     float64        `json:"weight"`
	Status     score.Status   `json:"status"`
	Score      *float64       `json:"score"`
	Level      *string        `json:"level"`
	Coverage   *float64       `json:"coverage"`
	Rated      int            `json:"rated"`
	Excluded   int            `json:"excluded"`
	Indicators []IndicatorDoc `json:"indicators"`
	Notes      []note         `json:"notes"`
}

// IndicatorDoc is one indicator's result.
type IndicatorDoc struct {
	ID            string       `json:"id"`
	Title         string       `json:"title"`
	Weight        float64      `json:"weight"`
	Status        score.Status `json:"status"`
	Score         *float64     `json:"score"`
	Ratings       int          `json:"ratings"`
	Values        []float64    `json:"values"`
	Spread        *float64     `json:"spread"`
	Disagreement  bool         `json:"disagreement"`
	Unknown       int          `json:"unknown"`
	NotApplicable int          `json:"notApplicable"`
	Unanswered    int          `json:"unanswered"`
	// Notes are the respondents' notes on this indicator (indicator-notes).
	Notes []note `json:"notes"`
}

// IndicatorRef points at an indicator from the lists after the dimensions.
type IndicatorRef struct {
	Dimension string   `json:"dimension"`
	Indicator string   `json:"indicator"`
	Score     *float64 `json:"score"`
	Spread    *float64 `json:"spread,omitempty"`
	Guidance  string   `json:"guidance,omitempty"`
	// GuidanceLevel is the level id the guidance was written for, when the
	// framework has guidance for the community's level.
	GuidanceLevel string `json:"guidanceLevel,omitempty"`
	// Reasons says why a disagreement is flagged: "spread" (ratings two
	// scale steps apart), "not-applicable" (rated beside not applicable).
	Reasons []string `json:"reasons,omitempty"`
}

// NewReportDoc builds the JSON document of a report.
func NewReportDoc(rep *Report) *ReportDoc {
	a, res := rep.Assessment, rep.Result
	fw := res.Framework
	doc := &ReportDoc{
		Community:     a.Community,
		Date:          a.Date.Format(model.DateLayout),
		Framework:     FrameworkDoc{ID: fw.ID, Version: fw.Version, Title: fw.Title},
		Respondents:   res.Respondents,
		Draft:         rep.Draft != "",
		Dimensions:    []DimensionDoc{},
		Weakest:       []IndicatorRef{},
		Disagreements: []IndicatorRef{},
		Unrated:       []IndicatorRef{},
		ByRole:        newRolesDoc(score.ByRole(fw, a)),
		Response:      newRateDoc(a),
	}
	o := res.Overall
	doc.Overall = OverallDoc{Score: Rounded(o.Score), Level: levelID(o.Level), Coverage: Rounded(o.Coverage),
		Rated: o.Rated, Excluded: o.Excluded, Indicators: o.Total}
	for _, d := range res.Dimensions {
		dd := DimensionDoc{
			ID: d.Dimension.ID, Title: d.Dimension.Title, Weight: d.Dimension.Weight, Status: d.Status,
			Score: Rounded(d.Score), Level: levelID(d.Level), Coverage: Rounded(d.Coverage),
			Rated: d.Rated, Excluded: d.Excluded, Indicators: []IndicatorDoc{}, Notes: notesOf(a, d.Dimension.ID),
		}
		if dd.Notes == nil {
			dd.Notes = []note{}
		}
		for i := range d.Indicators {
			ind := &d.Indicators[i]
			id := IndicatorDoc{
				ID: ind.Indicator.ID, Title: ind.Indicator.Title, Weight: ind.Indicator.Weight, Status: ind.Status,
				Ratings: len(ind.Values), Values: ind.Values, Disagreement: ind.Disagreement,
				Unknown: ind.Unknown, NotApplicable: ind.NotApplicable, Unanswered: ind.Unanswered,
			}
			if id.Values == nil {
				id.Values = []float64{}
			}
			id.Notes = indicatorNotes(a, d.Dimension.ID, ind.Indicator.ID)
			if ind.Status == score.Rated {
				id.Score = Rounded(score.Number{Value: ind.Score, Valid: true})
				id.Spread = Rounded(score.Number{Value: ind.Spread, Valid: true})
			}
			dd.Indicators = append(dd.Indicators, id)
		}
		doc.Dimensions = append(doc.Dimensions, dd)
	}
	ref := func(r score.Ref, guidance bool) IndicatorRef {
		out := IndicatorRef{Dimension: r.Dimension.Dimension.ID, Indicator: r.Indicator.Indicator.ID}
		if r.Status == score.Rated {
			out.Score = Rounded(score.Number{Value: r.Score, Valid: true})
		}
		if guidance {
			g := guidanceFor(res, r.Indicator.Indicator)
			out.Guidance = g.Text
			if g.Stage != "" {
				out.GuidanceLevel = res.Overall.Level.ID
			}
		}
		return out
	}
	for _, r := range res.Weakest(rep.Weakest) {
		doc.Weakest = append(doc.Weakest, ref(r, true))
	}
	for _, r := range res.Disagreements() {
		x := ref(r, false)
		x.Spread = Rounded(score.Number{Value: r.Spread, Valid: true})
		x.Reasons = disagreementReasons(r.Indicator)
		doc.Disagreements = append(doc.Disagreements, x)
	}
	for _, r := range res.Unrated() {
		doc.Unrated = append(doc.Unrated, ref(r, false))
	}
	doc.Level, doc.Questions = overallLevelDoc(res), meetingQuestions(res)
	doc.Actions, doc.Previous = actionDocs(rep)
	if doc.Questions == nil {
		doc.Questions = []string{}
	}
	if rep.Explain {
		doc.Explanation = explanation(res)
	}
	return doc
}

func levelID(l *model.Level) *string {
	if l == nil {
		return nil
	}
	return &l.ID
}

// JSON writes v as indented JSON without HTML escaping, the way every JSON
// output of cop is written.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ReportJSON writes the report as JSON.
func ReportJSON(w io.Writer, rep *Report) error { return JSON(w, NewReportDoc(rep)) }
