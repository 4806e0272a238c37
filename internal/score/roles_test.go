package score

import (
	"testing"

	"github.com/cophealth/cop/internal/model"
)

func withRole(r model.Response, role string) model.Response {
	r.Role = role
	return r
}

func TestByRole(t *testing.T) {
	frame := fw() // a: a1 a2 a3, b: b1 b2; scale 0-4, one step = 1
	a := &model.Assessment{Responses: []model.Response{
		withRole(resp("Ana", map[string]any{"a.a1": 4, "a.a2": 3, "a.a3": 4, "b.b1": 2}), "Coordinator"),
		withRole(resp("Ben", map[string]any{"a.a1": 2, "a.a2": 1, "b.b1": 2, "b.b2": 3}), "member"),
		withRole(resp("Chloe", map[string]any{"a.a1": NA, "a.a2": 2, "b.b1": 1, "b.b2": U}), " Members "),
		resp("Dev", map[string]any{"a.a1": 0}),                      // no role: left out
		withRole(resp("Eve", map[string]any{"b.b1": U}), "sponsor"), // rates nothing
	}}
	got := ByRole(frame, a)
	if got == nil {
		t.Fatal("ByRole = nil with three roles")
	}
	// Roles in order of first appearance; "member" and " Members " are one.
	wantRoles := []Role{{"Coordinator", 1}, {"member", 2}, {"sponsor", 1}}
	if len(got.Roles) != len(wantRoles) {
		t.Fatalf("roles %+v, want %+v", got.Roles, wantRoles)
	}
	for i, r := range wantRoles {
		if got.Roles[i] != r {
			t.Errorf("role %d = %+v, want %+v", i, got.Roles[i], r)
		}
	}
	if got.NoRole != 1 || !got.Compared {
		t.Errorf("NoRole %d Compared %v, want 1 true", got.NoRole, got.Compared)
	}
	// Coordinator, a: (4 + 3 + 4) / 3 = 3.67; b: b1 2 = 2.
	// Members, a: a1 2 (Chloe's n/a left out), a2 (1 + 2) / 2 = 1.5, a3
	// unrated; (2 + 1.5) / 2 = 1.75. b: b1 (2 + 1) / 2 = 1.5, b2 3;
	// (1.5 + 3) / 2 = 2.25.
	// Sponsor: nothing rated in a or b: null.
	// Gaps, coordinator - members: a 3.67 - 1.75 = 1.92 >= 1 step: differ;
	// b 2 - 2.25 = -0.25: no.
	wantScores := [][]*float64{{f(3.67), f(1.75), nil}, {f(2), f(2.25), nil}}
	wantGap := []float64{1.92, -0.25}
	wantDiffer := []bool{true, false}
	for di, d := range got.Dimensions {
		for ri, w := range wantScores[di] {
			s := d.Scores[ri]
			if (w == nil) != !s.Valid || (w != nil && Round2(s.Value) != *w) {
				t.Errorf("%s for %s = %+v, want %v", d.Dimension.ID, got.Roles[ri].Name, s, ptr(w))
			}
		}
		if !d.Gap.Valid || Round2(d.Gap.Value) != wantGap[di] || d.Differ != wantDiffer[di] {
			t.Errorf("%s gap %+v differ %v, want %v %v", d.Dimension.ID, d.Gap, d.Differ, wantGap[di], wantDiffer[di])
		}
	}
}

func TestByRoleNeedsTwoRoles(t *testing.T) {
	f := fw()
	for name, rs := range map[string][]model.Response{
		"no roles":     {resp("Ana", map[string]any{"a.a1": 1}), resp("Ben", map[string]any{"a.a1": 2})},
		"one role":     {withRole(resp("Ana", map[string]any{"a.a1": 1}), "member"), withRole(resp("Ben", map[string]any{"a.a1": 2}), "Members")},
		"one and none": {withRole(resp("Ana", map[string]any{"a.a1": 1}), "coordinator"), resp("Ben", map[string]any{"a.a1": 2})},
	} {
		if got := ByRole(f, &model.Assessment{Responses: rs}); got != nil {
			t.Errorf("%s: ByRole = %+v, want nil", name, got)
		}
	}
}

func TestByRoleOneStepExactly(t *testing.T) {
	// A gap of exactly one step is flagged; just under is not. With a
	// half-step scale (0, 0.5, 1), one step is 0.5.
	f := fw()
	f.Scale = []model.ScalePoint{{Value: 0}, {Value: 0.5}, {Value: 1}}
	f.Levels = []model.Level{{ID: "low", Min: 0}}
	a := &model.Assessment{Responses: []model.Response{
		withRole(resp("C", map[string]any{"a.a1": 1, "b.b1": 1}), "coordinator"),
		// a: 0.5, gap 1 - 0.5 = 0.5 = one step; b: (1 + 0.5) / 2 = 0.75, gap 0.25.
		withRole(resp("M", map[string]any{"a.a1": 0.5, "b.b1": 1}), "member"),
		withRole(resp("N", map[string]any{"b.b1": 0.5}), "member"),
	}}
	got := ByRole(f, a)
	if !got.Dimensions[0].Differ || got.Dimensions[1].Differ {
		t.Errorf("differ = %v, %v; want true, false", got.Dimensions[0].Differ, got.Dimensions[1].Differ)
	}
}
