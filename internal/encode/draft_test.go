package encode

import (
	"bytes"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/model"
)

// TestAssessmentDraftAndAnonymous: a draft says so at the top, and a
// response without a respondent (an anonymous round) is written without
// the key rather than as an empty name.
func TestAssessmentDraftAndAnonymous(t *testing.T) {
	fw := &model.Framework{Dimensions: []model.Dimension{{ID: "d", Indicators: []model.Indicator{{ID: "i"}}}}}
	r := model.Response{Role: "member"}
	r.SetRating("d", "i", model.Rating{Kind: model.Scored, Value: 3})
	a := &model.Assessment{
		Community: "C", Date: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Framework: model.FrameworkRef{ID: "t", Version: "1.0.0"},
		Draft:     true,
		Responses: []model.Response{r},
	}
	var buf bytes.Buffer
	if err := Assessment(&buf, a, fw); err != nil {
		t.Fatal(err)
	}
	want := `kind: cop-assessment
version: 1
community: C
date: 2026-11-22
framework:
  id: t
  version: 1.0.0
draft: true
responses:
  - role: member
    ratings:
      d:
        i: 3
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
