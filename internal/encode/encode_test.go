package encode

import (
	"bytes"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/model"
)

// TestAssessment writes a response with every kind of answer, a role, a
// multi-line note, indicator notes, invited, actions, and text that needs
// quoting; the golden file shows the framework's order (not the map order),
// the contract's key order, and plain YAML a reviewer can read.
func TestAssessment(t *testing.T) {
	fw := &model.Framework{Dimensions: []model.Dimension{
		{ID: "zeta", Indicators: []model.Indicator{{ID: "z2"}, {ID: "z1"}}},
		{ID: "alpha", Indicators: []model.Indicator{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}}},
	}}
	r := model.Response{Respondent: "123", Role: "coordinator", Notes: map[string]string{
		"zeta":  "Line one\nline two: a | b",
		"alpha": "  leading space, kept",
	}, IndicatorNotes: map[string]map[string]string{
		// written in the framework's order: zeta before alpha, a1 before a3
		"alpha": {"a3": "- looks like a list item", "a1": "Plain."},
		"zeta":  {"z1": "Two\nlines"},
	}}
	r.SetRating("alpha", "a3", model.Rating{Kind: model.Scored, Value: 2.5})
	r.SetRating("alpha", "a1", model.Rating{Kind: model.UnknownAnswer})
	r.SetRating("zeta", "z1", model.Rating{Kind: model.Scored, Value: 4})
	r.SetRating("zeta", "z2", model.Rating{Kind: model.NotApplicableAnswer})
	a := &model.Assessment{
		Community: "Yes: 'quoted' & #not-a-comment",
		Date:      time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Framework: model.FrameworkRef{ID: "t", Version: "1.10"},
		Invited:   14,
		Responses: []model.Response{r, {Respondent: "Empty"}},
		Actions: []model.Action{
			// file order is kept, not sorted; status always written
			{Dimension: "zeta", Indicator: "z1", What: "Agree a plan: by January", Owner: "Ana Ruiz",
				Due: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Status: model.ActionDoing},
			{Dimension: "alpha", What: "Ask #members", Status: model.ActionPlanned},
			{Dimension: "alpha", Indicator: "a2", What: "Written without a status"},
		},
	}
	var buf bytes.Buffer
	if err := Assessment(&buf, a, fw); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, ".yaml", buf.Bytes())
}
