package score

import (
	"testing"

	"github.com/cophealth/cop/internal/model"
)

func TestLevelsWithMinEach(t *testing.T) {
	// Levels 0/1/2/3 as in fw(); maturing (min 2) asks min-each 1.5 of
	// every dimension with a score.
	x := fw()
	x.Levels[2].MinEach = f(1.5)
	cases := []struct {
		name       string
		answers    map[string]any
		score      float64
		level      string
		scoreLevel string
		heldBack   []string
	}{
		// a = (3+3+3)/3 = 3, b = (1+2)/2 = 1.5; overall (3+1.5)/2 = 2.25.
		// b reaches 1.5 exactly: maturing.
		{"each part passes", map[string]any{"a.a1": 3, "a.a2": 3, "a.a3": 3, "b.b1": 1, "b.b2": 2},
			2.25, "maturing", "maturing", nil},
		// a = 4, b = (1+1)/2 = 1; overall (4+1)/2 = 2.5 reaches maturing by
		// score, but b is under 1.5: coalescing, held back by b.
		{"one part short", map[string]any{"a.a1": 4, "a.a2": 4, "a.a3": 4, "b.b1": 1, "b.b2": 1},
			2.5, "coalescing", "maturing", []string{"b"}},
		// a = (2+2+3)/3 = 2.33, b unrated (null score): only dimensions
		// with a score count against min-each.
		{"unrated dimension does not hold back", map[string]any{"a.a1": 2, "a.a2": 2, "a.a3": 3, "b.b1": U},
			2.33, "maturing", "maturing", nil},
		// a = 3, b = (0+1)/2 = 0.5; overall 1.75: coalescing by score, which
		// has no min-each, so nothing holds it back.
		{"below the level with min-each", map[string]any{"a.a1": 3, "a.a2": 3, "a.a3": 3, "b.b1": 0, "b.b2": 1},
			1.75, "coalescing", "coalescing", nil},
		// a = 4, b = 2; overall 3: stewardship has no min-each, so it is
		// reached even though maturing's min-each would pass too.
		{"higher level without min-each", map[string]any{"a.a1": 4, "a.a2": 4, "a.a3": 4, "b.b1": 2, "b.b2": 2},
			3, "stewardship", "stewardship", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Compute(x, &model.Assessment{Responses: []model.Response{resp("r", c.answers)}})
			o := res.Overall
			if Round2(o.Score.Value) != c.score || o.Level.ID != c.level || o.ScoreLevel.ID != c.scoreLevel {
				t.Errorf("overall %.2f %s (by score %s), want %.2f %s (by score %s)",
					o.Score.Value, o.Level.ID, o.ScoreLevel.ID, c.score, c.level, c.scoreLevel)
			}
			var held []string
			for _, h := range o.HeldBack {
				held = append(held, h.Dimension.Dimension.ID)
				if h.Level.ID != c.scoreLevel || h.MinEach != 1.5 {
					t.Errorf("held back %+v, want at level %s min-each 1.5", h, c.scoreLevel)
				}
			}
			if len(held) != len(c.heldBack) || (len(held) > 0 && held[0] != c.heldBack[0]) {
				t.Errorf("held back by %v, want %v", held, c.heldBack)
			}
		})
	}
}

func TestMinEachOnTwoLevelsFallsToTheHighestPassed(t *testing.T) {
	// maturing asks 1.5 of each dimension, stewardship 2.5. a = 4, b = 2:
	// overall 3 reaches stewardship by score; b (2) is short of 2.5 but
	// passes maturing's 1.5, so the level is maturing, held back by b.
	x := fw()
	x.Levels[2].MinEach = f(1.5)
	x.Levels[3].MinEach = f(2.5)
	res := Compute(x, &model.Assessment{Responses: []model.Response{
		resp("r", map[string]any{"a.a1": 4, "a.a2": 4, "a.a3": 4, "b.b1": 2, "b.b2": 2}),
	}})
	o := res.Overall
	if o.Level.ID != "maturing" || o.ScoreLevel.ID != "stewardship" || len(o.HeldBack) != 1 ||
		o.HeldBack[0].Dimension.Dimension.ID != "b" || o.HeldBack[0].MinEach != 2.5 {
		t.Errorf("level %s (by score %s), held back %+v; want maturing (stewardship), b under 2.5", o.Level.ID, o.ScoreLevel.ID, o.HeldBack)
	}
}

func TestDisagreementReasons(t *testing.T) {
	x := fw()
	res := Compute(x, &model.Assessment{Responses: []model.Response{
		resp("r1", map[string]any{"a.a1": 1, "a.a2": 2, "a.a3": 2, "b.b1": 1, "b.b2": 0}),
		resp("r2", map[string]any{"a.a1": 3, "a.a2": NA, "a.a3": 3, "b.b1": NA, "b.b2": 4}),
		resp("r3", map[string]any{"a.a1": 2, "a.a2": NA, "a.a3": U, "b.b1": 3}),
	}})
	cases := []struct {
		dim, ind        string
		spread, applies bool
	}{
		// 1, 3, 2: spread 2 = two steps of 1.
		{"a", "a1", true, false},
		// 2 beside two not-applicable: they disagree on whether it applies.
		{"a", "a2", false, true},
		// 2, 3 and unknown: spread 1, and unknown is not a disagreement.
		{"a", "a3", false, false},
		// 1, 3 and not-applicable: both reasons.
		{"b", "b1", true, true},
		// 0 and 4: spread 4.
		{"b", "b2", true, false},
	}
	for _, c := range cases {
		ind := &res.Dimension(c.dim).Indicators[0]
		for i := range res.Dimension(c.dim).Indicators {
			if res.Dimension(c.dim).Indicators[i].Indicator.ID == c.ind {
				ind = &res.Dimension(c.dim).Indicators[i]
			}
		}
		if ind.SpreadApart != c.spread || ind.ApplicabilityDisputed != c.applies || ind.Disagreement != (c.spread || c.applies) {
			t.Errorf("%s.%s: spread apart %v, applicability disputed %v, disagreement %v; want %v, %v",
				c.dim, c.ind, ind.SpreadApart, ind.ApplicabilityDisputed, ind.Disagreement, c.spread, c.applies)
		}
	}
	// Disagreements lists a1, a2, b1, b2 in framework order.
	if got := ids(res.Disagreements()); len(got) != 4 || got[0] != "a.a1" || got[1] != "a.a2" || got[2] != "b.b1" || got[3] != "b.b2" {
		t.Errorf("Disagreements = %v", got)
	}
}
