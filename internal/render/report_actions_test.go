package render

import (
	"bytes"
	"strings"
	"testing"
)

// actionsFixture is the round in testdata/actions-now.yaml with its
// previous round, testdata/actions-prev.yaml. By hand:
//
//	then: plan = (0x1 + 1x3)/4 = 0.75, people = 2, na not rated;
//	      overall = (0.75x2 + 2x1)/3 = 1.1667 -> 1.17
//	now:  plan = (2x1 + 2x3)/4 = 2, people = 3, na excluded;
//	      overall = (2x2 + 3x1)/3 = 2.3333 -> 2.33; change 2.33 - 1.17 = +1.16
//	actions then: plan/p1 (Written plan) 0 -> 2, done; people 2 -> 3,
//	      dropped; na/n1 (Website) not rated then, not applicable now.
func actionsFixture(t *testing.T) *Report {
	t.Helper()
	rep := loadReport(t, "testdata/fw.yaml", "testdata/actions-now.yaml")
	prev := loadReport(t, "testdata/fw.yaml", "testdata/actions-prev.yaml")
	rep.Previous = &PreviousRound{Path: "testdata/actions-prev.yaml", Assessment: prev.Assessment, Result: prev.Result}
	return rep
}

func TestReportActions(t *testing.T) {
	runGoldenCases(t, actionsFixture, []goldenCase[*Report]{
		{"table", ".txt", nil, func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{"markdown", ".md", nil, func(b *bytes.Buffer, r *Report) error { return ReportMarkdown(b, r) }},
		{"json", ".json", nil, func(b *bytes.Buffer, r *Report) error { return ReportJSON(b, r) }},
		{"html", ".html", nil, func(b *bytes.Buffer, r *Report) error { return ReportHTML(b, r) }},
	})
}

func TestChangeAndPreviousActions(t *testing.T) {
	rep := actionsFixture(t)
	c := rep.Change()
	if d := c.Overall.Delta(); !d.Valid || d.Value != 1.16 {
		t.Errorf("overall change %+v, want +1.16", d)
	}
	if got := c.Overall.String(); got != "1.17 -> 2.33" {
		t.Errorf("overall move %q", got)
	}
	// Online space: no score then (unrated) or now (excluded): no change.
	if na := c.Dimensions[2]; na.Dimension.ID != "na" || na.Delta().Valid {
		t.Errorf("na %+v", na)
	}
	want := []string{
		"Write a one-page plan (Ana | <b>Ruiz</b>, due 2026-06-30): done; Written plan 0.00 -> 2.00",
		"Name a welcomer: dropped; People 2.00 -> 3.00",
		"Update the website: doing; Website no score then or now",
	}
	var got []string
	for _, m := range rep.PreviousActions() {
		got = append(got, previousLine(m))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("previous actions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without a previous round there is no change and no previous action.
	rep.Previous = nil
	if rep.Change() != nil || rep.PreviousActions() != nil {
		t.Error("change without a previous round")
	}
}
