package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// rolesFixture is testdata/roles.yaml against testdata/fw.yaml. By hand,
// dimension by role (plan: p1 weight 1, p2 weight 3; people: q1, q2, q3;
// na: n1):
//
//	Coordinator (Ana):  plan (4x1 + 3x3)/4 = 3.25; people (3 + 2)/2 = 2.50; na excluded: -
//	member (Ben, Chloe): plan p1 2 (Chloe n/a), p2 (1 + 2)/2 = 1.5 -> (2x1 + 1.5x3)/4 = 1.625 -> 1.63
//	                     people q1 (2 + 1)/2 = 1.5, q3 3 -> (1.5 + 3)/2 = 2.25; na: -
//	<i>sponsor</i> | x (Dev): plan p2 2 -> 2.00; people -, na -
//	Eve gave no role: left out.
//	Coordinator - member: plan 3.25 - 1.63 = +1.62 >= 1 step: differ; people 2.50 - 2.25 = +0.25; na -
func rolesFixture(t *testing.T) *Report {
	t.Helper()
	return loadReport(t, "testdata/fw.yaml", "testdata/roles.yaml")
}

func TestReportRoles(t *testing.T) {
	runGoldenCases(t, rolesFixture, []goldenCase[*Report]{
		{name: "table", ext: ".txt", write: func(b *bytes.Buffer, r *Report) error { return ReportTable(b, r) }},
		{name: "markdown", ext: ".md", write: func(b *bytes.Buffer, r *Report) error { return ReportMarkdown(b, r) }},
		{name: "json", ext: ".json", write: func(b *bytes.Buffer, r *Report) error { return ReportJSON(b, r) }},
		{name: "html", ext: ".html", write: func(b *bytes.Buffer, r *Report) error { return ReportHTML(b, r) }},
	})
}

func TestReportRolesByHand(t *testing.T) {
	var buf bytes.Buffer
	if err := ReportJSON(&buf, rolesFixture(t)); err != nil {
		t.Fatal(err)
	}
	var doc ReportDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.ByRole
	if r == nil {
		t.Fatal("no byRole in the JSON report")
	}
	roles := []RoleDoc{{"Coordinator", 1}, {"member", 2}, {"<i>sponsor</i> | x", 1}}
	if len(r.Roles) != 3 || r.Roles[0] != roles[0] || r.Roles[1] != roles[1] || r.Roles[2] != roles[2] || r.NoRole != 1 {
		t.Fatalf("roles %+v no role %d, want %+v and 1", r.Roles, r.NoRole, roles)
	}
	type row struct {
		id     string
		scores []float64 // -1: null
		gap    float64   // -99: null
		differ bool
	}
	want := []row{
		{"plan", []float64{3.25, 1.63, 2}, 1.62, true},
		{"people", []float64{2.5, 2.25, -1}, 0.25, false},
		{"na", []float64{-1, -1, -1}, -99, false},
	}
	for i, w := range want {
		d := r.Dimensions[i]
		if d.ID != w.id || d.Differ != w.differ {
			t.Errorf("dimension %d: %s differ %v, want %s %v", i, d.ID, d.Differ, w.id, w.differ)
		}
		for j, s := range w.scores {
			got := d.Scores[j]
			if (s < 0) != (got == nil) || (got != nil && *got != s) {
				t.Errorf("%s for %s: %v, want %v", w.id, r.Roles[j].Role, got, s)
			}
		}
		if (w.gap == -99) != (d.Gap == nil) || (d.Gap != nil && *d.Gap != w.gap) {
			t.Errorf("%s gap %v, want %v", w.id, d.Gap, w.gap)
		}
	}
	var table bytes.Buffer // Markdown: the terminal's table wraps its sentences
	if err := ReportMarkdown(&table, rolesFixture(t)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"1 respondent gave no role and is left out",
		"+1.62 differ",
		"differ by one scale step (1) or more on 1 dimension: Planning (+1.62).",
	} {
		if !strings.Contains(table.String(), s) {
			t.Errorf("the Markdown report does not say %q:\n%s", s, table.String())
		}
	}
}

func TestReportRolesOnlyWithTwoRoles(t *testing.T) {
	// testdata/a.yaml has one role (coordinator) and two respondents
	// without: no section by role in any format.
	rep := fixture(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"table":    func(b *bytes.Buffer) error { return ReportTable(b, rep) },
		"markdown": func(b *bytes.Buffer) error { return ReportMarkdown(b, rep) },
		"json":     func(b *bytes.Buffer) error { return ReportJSON(b, rep) },
		"html":     func(b *bytes.Buffer) error { return ReportHTML(b, rep) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "By role") || strings.Contains(b.String(), "byRole") {
			t.Errorf("%s: a section by role with one role", name)
		}
	}
}
