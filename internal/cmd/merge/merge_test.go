package merge

import (
	"strings"
	"testing"
	"time"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/model"
)

func round(community, date, id, version string, respondents ...string) *model.Assessment {
	d, _ := time.Parse(model.DateLayout, date)
	a := &model.Assessment{Community: community, Date: d, Framework: model.FrameworkRef{ID: id, Version: version}}
	for i, r := range respondents {
		resp := model.Response{Respondent: r, Role: "member", Pos: model.Pos{Line: 9 + i, Col: 5}, Notes: map[string]string{"d": "note by " + r}}
		resp.SetRating("d", "i", model.Rating{Kind: model.Scored, Value: float64(i)})
		a.Responses = append(a.Responses, resp)
	}
	return a
}

func TestMerge(t *testing.T) {
	in := []Input{
		{"b.yaml", round("River Nurses", "2026-11-22", "fw", "1.0.0", "Ben", "Ana")},
		{"a.yaml", round("river  nurses", "2026-11-22", "fw", "1.0.0", "Chloe")},
	}
	m, warnings, err := Merge(in, false)
	if err != nil {
		t.Fatal(err)
	}
	// Responses in the order of the files as given, then each file's order.
	var names []string
	for _, r := range m.Responses {
		names = append(names, r.Respondent+":"+r.Notes["d"])
	}
	if got := strings.Join(names, " "); got != "Ben:note by Ben Ana:note by Ana Chloe:note by Chloe" {
		t.Errorf("responses = %s", got)
	}
	if m.Community != "River Nurses" || m.Date.Format(model.DateLayout) != "2026-11-22" || m.Framework.ID != "fw" || m.Framework.Version != "1.0.0" {
		t.Errorf("merged header = %q %v %v", m.Community, m.Date, m.Framework)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `a.yaml spells the community "river  nurses"; the merged file uses "River Nurses" from b.yaml`) {
		t.Errorf("warnings = %q", warnings)
	}
	// The inputs are not changed.
	if in[0].Assessment.Responses[0].Respondent != "Ben" {
		t.Error("merging changed an input")
	}
}

func TestMergeAnonymize(t *testing.T) {
	in := []Input{
		{"b.yaml", round("C", "2026-11-22", "fw", "1.0.0", "Ben", "Ana")},
		{"a.yaml", round("C", "2026-11-22", "fw", "1.0.0", "Chloe")},
	}
	m, _, err := Merge(in, true)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range m.Responses {
		got = append(got, r.Respondent+"/"+r.Role+"/"+r.Notes["d"]+"/"+r.Rating("d", "i").String())
	}
	// Numbered in the merged order; roles, notes and ratings kept as typed.
	want := "Respondent 1/member/note by Ben/0 Respondent 2/member/note by Ana/1 Respondent 3/member/note by Chloe/0"
	if strings.Join(got, " ") != want {
		t.Errorf("anonymized = %s\nwant         %s", strings.Join(got, " "), want)
	}
	if in[0].Assessment.Responses[0].Respondent != "Ben" {
		t.Error("anonymizing changed an input")
	}
}

func TestMergeConflicts(t *testing.T) {
	base := func() *model.Assessment { return round("C", "2026-11-22", "fw", "1.0.0", "Ana") }
	cases := []struct {
		name  string
		other *model.Assessment
		want  string
	}{
		{"community", round("D", "2026-11-22", "fw", "1.0.0", "Ben"), `community: "C" in a.yaml, c.yaml; "D" in b.yaml`},
		{"date", round("C", "2026-11-21", "fw", "1.0.0", "Ben"), `date: 2026-11-22 in a.yaml, c.yaml; 2026-11-21 in b.yaml`},
		{"framework id", round("C", "2026-11-22", "other", "1.0.0", "Ben"), `framework id: fw in a.yaml, c.yaml; other in b.yaml`},
		{"framework version", round("C", "2026-11-22", "fw", "2.0.0", "Ben"), `framework version: 1.0.0 in a.yaml, c.yaml; 2.0.0 in b.yaml`},
		{"respondent", round("C", "2026-11-22", "fw", "1.0.0", "Ben", " ana "), `respondent " ana " answers in both a.yaml:9:5 and b.yaml:10:5`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Merge([]Input{{"a.yaml", base()}, {"b.yaml", tc.other}, {"c.yaml", round("C", "2026-11-22", "fw", "1.0.0", "Cy")}}, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant it to say %s", err, tc.want)
			}
		})
	}
	// Every difference at once.
	_, _, err := Merge([]Input{{"a.yaml", base()}, {"b.yaml", round("D", "2026-11-21", "other", "2.0.0", "Ben")}}, false)
	for _, w := range []string{"community:", "date:", "framework id:", "framework version:"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v does not list %s", err, w)
		}
	}
}
