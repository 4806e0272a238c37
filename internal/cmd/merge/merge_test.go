package merge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
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

// TestMergeRun merges the files the README shows, end to end: the merged
// file loads back with both responses, and an existing file is refused.
func TestMergeRun(t *testing.T) {
	ios, _, out, errOut := iostreams.Test()
	f := factory.New(ios)
	dest := filepath.Join(t.TempDir(), "round.yaml")
	opts := &Options{IO: ios, WriteOutput: f.WriteOutput, Files: []string{"testdata/ana.yaml", "testdata/ben.yaml"}, Output: dest}
	if err := mergeRun(opts); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing (the file goes to -o)", out)
	}
	// terms-of-reference 3 and 1, shared-objectives 1 and 3: two disagreements.
	if want := "respondents disagree on 2 indicators"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr = %q, want %q", errOut, want)
	}
	l, err := load.AssessmentFile(dest, func(id string) (*model.Framework, error) {
		cat, err := catalog.New("")
		if err != nil {
			return nil, err
		}
		return cat.Resolve(id)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(l.Assessment.Responses); got != 2 || l.Assessment.Responses[0].Notes == nil {
		t.Errorf("merged file has %d responses (notes %v)", got, l.Assessment.Responses[0].Notes)
	}
	before, _ := os.ReadFile(dest)
	opts.Files = []string{"testdata/ana.yaml"}
	if err := mergeRun(opts); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("merging over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(dest); string(after) != string(before) {
		t.Error("the existing file was changed")
	}
	opts.Files = []string{"testdata/ana.yaml", "testdata/late.yaml"}
	opts.Output = filepath.Join(t.TempDir(), "late.yaml")
	if err := mergeRun(opts); err == nil || !strings.Contains(err.Error(), "date: 2027-05-20 in testdata/ana.yaml; 2027-05-21 in testdata/late.yaml") {
		t.Errorf("merging two dates: %v", err)
	}
	if _, err := os.Stat(opts.Output); err == nil {
		t.Error("a file was written for files that are not one round")
	}
}

func TestMergeAnonymousLabels(t *testing.T) {
	// Three files from a page made with cop form --anonymous (no
	// respondent) and one named member who happens to be called
	// "Anonymous 2": the anonymous responses get distinct labels in the
	// merged order, skipping the one taken.
	in := []Input{
		{"x.yaml", round("C", "2026-11-22", "fw", "1.0.0", "")},
		{"named.yaml", round("C", "2026-11-22", "fw", "1.0.0", "anonymous  2")},
		{"y.yaml", round("C", "2026-11-22", "fw", "1.0.0", "", " ")},
	}
	m, _, err := Merge(in, false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range m.Responses {
		names = append(names, r.Respondent)
	}
	if got := strings.Join(names, ", "); got != "Anonymous 1, anonymous  2, Anonymous 3, Anonymous 4" {
		t.Errorf("respondents = %s", got)
	}
}

func TestIsDraft(t *testing.T) {
	for name, want := range map[string]bool{
		"riverside-2026-11-22-ana.draft.yaml": true,
		"dir/x.DRAFT.yml":                     true,
		"riverside-2026-11-22-ana.yaml":       false,
		"draft.yaml":                          false,
		"drafts/ana.yaml":                     false,
	} {
		if got := IsDraft(name, &model.Assessment{}); got != want {
			t.Errorf("IsDraft(%q) = %v, want %v", name, got, want)
		}
	}
	// Renamed, a draft is still a draft: the file says so.
	if !IsDraft("ana.yaml", &model.Assessment{Draft: true}) {
		t.Error("a file with draft: true is not a draft")
	}
}

func TestMergeInvited(t *testing.T) {
	with := func(n int, a *model.Assessment) *model.Assessment { a.Invited = n; return a }
	// Files that agree (or say nothing) keep their number.
	m, _, err := Merge([]Input{
		{"a.yaml", with(14, round("C", "2026-11-22", "fw", "1.0.0", "Ana"))},
		{"b.yaml", round("C", "2026-11-22", "fw", "1.0.0", "Ben")},
		{"c.yaml", with(14, round("C", "2026-11-22", "fw", "1.0.0", "Chloe"))},
	}, false)
	if err != nil || m.Invited != 14 {
		t.Fatalf("invited %v, err %v; want 14", m, err)
	}
	// Files that disagree: an error naming them.
	_, _, err = Merge([]Input{
		{"a.yaml", with(14, round("C", "2026-11-22", "fw", "1.0.0", "Ana"))},
		{"b.yaml", with(12, round("C", "2026-11-22", "fw", "1.0.0", "Ben"))},
	}, false)
	if err == nil || !strings.Contains(err.Error(), "the files give different numbers invited: 14 in a.yaml; 12 in b.yaml") {
		t.Errorf("err = %v", err)
	}
}

// TestMergeKeepsActions: a round's actions are what its members agreed;
// merging never drops them. a.yaml and b.yaml both record "Agree a plan"
// alike (kept once); b.yaml also records a second action and a.yaml the
// same text as b.yaml's second but with another owner (both kept): three
// actions, in the order of the files.
func TestMergeKeepsActions(t *testing.T) {
	due, _ := time.Parse(model.DateLayout, "2027-01-31")
	plan := model.Action{Dimension: "d", Indicator: "i", What: "Agree a plan", Owner: "Ana", Due: due, Status: model.ActionPlanned}
	visit := model.Action{Dimension: "d", What: "Visit two teams", Owner: "Dev", Status: model.ActionDoing}
	visitBen := visit
	visitBen.Owner = "Ben"
	a := round("C", "2026-11-22", "fw", "1.0.0", "Ana")
	a.Actions = []model.Action{plan, visitBen}
	b := round("C", "2026-11-22", "fw", "1.0.0", "Ben")
	b.Actions = []model.Action{plan, visit}
	m, _, err := Merge([]Input{{"a.yaml", a}, {"b.yaml", b}}, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range m.Actions {
		got = append(got, x.Target()+" "+x.What+" ("+x.Owner+")")
	}
	want := "d/i Agree a plan (Ana) | d Visit two teams (Ben) | d Visit two teams (Dev)"
	if strings.Join(got, " | ") != want {
		t.Errorf("actions = %q, want %q", strings.Join(got, " | "), want)
	}
}
