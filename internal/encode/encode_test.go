package encode

import (
	"bytes"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/model"
)

// TestAssessment writes a response with every kind of answer, a role, a
// multi-line note, and text that needs quoting; the golden file shows the
// framework's order (not the map order) and plain YAML a reviewer can read.
func TestAssessment(t *testing.T) {
	fw := &model.Framework{Dimensions: []model.Dimension{
		{ID: "zeta", Indicators: []model.Indicator{{ID: "z2"}, {ID: "z1"}}},
		{ID: "alpha", Indicators: []model.Indicator{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}}},
	}}
	r := model.Response{Respondent: "123", Role: "coordinator", Notes: map[string]string{
		"zeta":  "Line one\nline two: a | b",
		"alpha": "  leading space, kept",
	}}
	r.SetRating("alpha", "a3", model.Rating{Kind: model.Scored, Value: 2.5})
	r.SetRating("alpha", "a1", model.Rating{Kind: model.UnknownAnswer})
	r.SetRating("zeta", "z1", model.Rating{Kind: model.Scored, Value: 4})
	r.SetRating("zeta", "z2", model.Rating{Kind: model.NotApplicableAnswer})
	a := &model.Assessment{
		Community: "Yes: 'quoted' & #not-a-comment",
		Date:      time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Framework: model.FrameworkRef{ID: "t", Version: "1.10"},
		Responses: []model.Response{r, {Respondent: "Empty"}},
	}
	var buf bytes.Buffer
	if err := Assessment(&buf, a, fw); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, ".yaml", buf.Bytes())
}
