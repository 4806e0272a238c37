package score

import (
	"testing"

	"github.com/cophealth/cop/internal/model"
)

// fw builds a test framework: scale 0-4, levels at 0/1/2/3, dimension a with
// indicators a1 a2 a3 and dimension b with b1 b2, all weights 1 unless changed.
func fw() *model.Framework {
	f := &model.Framework{
		ID: "t", Version: "1.0.0",
		Scale: []model.ScalePoint{{Value: 0}, {Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}},
		Levels: []model.Level{
			{ID: "potential", Min: 0}, {ID: "coalescing", Min: 1},
			{ID: "maturing", Min: 2}, {ID: "stewardship", Min: 3},
		},
		Dimensions: []model.Dimension{
			{ID: "a", Weight: 1, Indicators: []model.Indicator{{ID: "a1", Weight: 1}, {ID: "a2", Weight: 1}, {ID: "a3", Weight: 1}}},
			{ID: "b", Weight: 1, Indicators: []model.Indicator{{ID: "b1", Weight: 1}, {ID: "b2", Weight: 1}}},
		},
	}
	return f
}

const (
	U  = "unknown"
	NA = "not-applicable"
)

// resp builds a response from "dim.ind" -> answer, where the answer is a
// number or U or NA.
func resp(name string, answers map[string]any) model.Response {
	r := model.Response{Respondent: name}
	for key, v := range answers {
		var dim, ind string
		for i := range key {
			if key[i] == '.' {
				dim, ind = key[:i], key[i+1:]
			}
		}
		var rt model.Rating
		switch v := v.(type) {
		case int:
			rt = model.Rating{Kind: model.Scored, Value: float64(v)}
		case float64:
			rt = model.Rating{Kind: model.Scored, Value: v}
		case string:
			if v == U {
				rt = model.Rating{Kind: model.UnknownAnswer}
			} else {
				rt = model.Rating{Kind: model.NotApplicableAnswer}
			}
		}
		r.SetRating(dim, ind, rt)
	}
	return r
}

type want struct {
	score    *float64 // nil: null
	level    string
	coverage *float64 // nil: null
	status   Status
}

func f(v float64) *float64 { return &v }

func check(t *testing.T, what string, gotScore Number, gotLevel *model.Level, gotCov Number, w want) {
	t.Helper()
	if (w.score == nil) != !gotScore.Valid || (w.score != nil && Round2(gotScore.Value) != *w.score) {
		t.Errorf("%s score = %+v, want %v", what, gotScore, ptr(w.score))
	}
	lv := ""
	if gotLevel != nil {
		lv = gotLevel.ID
	}
	if lv != w.level {
		t.Errorf("%s level = %q, want %q", what, lv, w.level)
	}
	if (w.coverage == nil) != !gotCov.Valid || (w.coverage != nil && Round2(gotCov.Value) != *w.coverage) {
		t.Errorf("%s coverage = %+v, want %v", what, gotCov, ptr(w.coverage))
	}
}

func ptr(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name      string
		framework func() *model.Framework
		responses []model.Response
		dims      map[string]want
		overall   want
	}{
		{
			// a = (3+2+4)/3 = 3.00 stewardship; b = (1+2)/2 = 1.50 coalescing
			// overall = (3 + 1.5)/2 = 2.25 maturing; coverage 5/5 = 1
			name:      "one respondent, all rated",
			framework: fw,
			responses: []model.Response{resp("r1", map[string]any{"a.a1": 3, "a.a2": 2, "a.a3": 4, "b.b1": 1, "b.b2": 2})},
			dims: map[string]want{
				"a": {f(3), "stewardship", f(1), Rated},
				"b": {f(1.5), "coalescing", f(1), Rated},
			},
			overall: want{f(2.25), "maturing", f(1), ""},
		},
		{
			// a1: 3,1,2 -> 6/3 = 2 (spread 2); a2: unknown + missing -> unrated;
			// a3: N/A x3 -> excluded. a = 2, coverage 1/(3-1) = 0.5.
			// b1: 4,2 -> 3; b2: unknown + N/A -> unrated (unknown blocks exclusion).
			// b = 3, coverage 1/2 = 0.5. overall (2+3)/2 = 2.5; coverage 2/(5-1) = 0.5
			name:      "three respondents with unknown, not-applicable and missing",
			framework: fw,
			responses: []model.Response{
				resp("r1", map[string]any{"a.a1": 3, "a.a2": U, "a.a3": NA, "b.b1": 4}),
				resp("r2", map[string]any{"a.a1": 1, "a.a3": NA, "b.b1": 2, "b.b2": U}),
				resp("r3", map[string]any{"a.a1": 2, "a.a3": NA, "b.b2": NA}),
			},
			dims: map[string]want{
				"a": {f(2), "maturing", f(0.5), Rated},
				"b": {f(3), "stewardship", f(0.5), Rated},
			},
			overall: want{f(2.5), "maturing", f(0.5), ""},
		},
		{
			// a weight 2; a1 weight 3 = 4, a2 weight 1 = 0: a = (3*4 + 1*0)/4 = 3.
			// b weight 1: b1 = 1 -> b = 1, coverage 1/2.
			// overall = (2*3 + 1*1)/(2+1) = 7/3 = 2.333 -> 2.33 maturing
			// coverage: a1 a2 b1 rated of 4 indicators (a2 dropped a3) = 0.75
			name: "dimension and indicator weights",
			framework: func() *model.Framework {
				x := fw()
				x.Dimensions[0].Weight = 2
				x.Dimensions[0].Indicators = x.Dimensions[0].Indicators[:2]
				x.Dimensions[0].Indicators[0].Weight = 3
				return x
			},
			responses: []model.Response{resp("r1", map[string]any{"a.a1": 4, "a.a2": 0, "b.b1": 1})},
			dims: map[string]want{
				"a": {f(3), "stewardship", f(1), Rated},
				"b": {f(1), "coalescing", f(0.5), Rated},
			},
			overall: want{f(2.33), "maturing", f(0.75), ""},
		},
		{
			// a: all N/A -> excluded, null score and coverage.
			// b: 2, 3 -> 2.5. overall = 2.5 (a left out); coverage 2/(5-3) = 1
			name:      "excluded dimension",
			framework: fw,
			responses: []model.Response{resp("r1", map[string]any{"a.a1": NA, "a.a2": NA, "a.a3": NA, "b.b1": 2, "b.b2": 3})},
			dims: map[string]want{
				"a": {nil, "", nil, Excluded},
				"b": {f(2.5), "maturing", f(1), Rated},
			},
			overall: want{f(2.5), "maturing", f(1), ""},
		},
		{
			// Excluded only when every response says N/A.
			// a1: 3, 1 -> 2 (rated). a2: N/A beside unanswered -> unrated.
			// a3: N/A beside unknown -> unrated. a = 2 maturing; coverage
			// 1 / (3 - 0) = 0.33 (it was 1/2 when a2 counted as excluded).
			// b1: N/A, N/A -> excluded. b2: N/A beside unanswered -> unrated.
			// b: 0 rated, 1 excluded: unrated, null score, coverage 0 / (2 - 1) = 0
			// (it was excluded, null coverage, when b2 counted as excluded).
			// overall: only a has a score -> 2 maturing; coverage
			// 1 rated / (5 - 1 excluded) = 0.25 (it was 1 / (5 - 3) = 0.5).
			name:      "not applicable beside unanswered and beside don't know",
			framework: fw,
			responses: []model.Response{
				resp("r1", map[string]any{"a.a1": 3, "a.a2": NA, "a.a3": NA, "b.b1": NA, "b.b2": NA}),
				resp("r2", map[string]any{"a.a1": 1, "a.a3": U, "b.b1": NA}),
			},
			dims: map[string]want{
				"a": {f(2), "maturing", f(0.33), Rated},
				"b": {nil, "", f(0), Unrated},
			},
			overall: want{f(2), "maturing", f(0.25), ""},
		},
		{
			// One respondent who left out nothing: N/A on all of b excludes b
			// (every response says N/A). Two respondents, the second answering
			// only a: b1 and b2 are N/A beside unanswered, so b is unrated,
			// coverage 0 / 2 = 0, and overall coverage falls from 3 / (5 - 2) = 1
			// to 3 / (5 - 0) = 0.6; the overall score (a alone) stays 2.
			name:      "a second respondent who skipped a dimension un-excludes it",
			framework: fw,
			responses: []model.Response{
				resp("r1", map[string]any{"a.a1": 2, "a.a2": 2, "a.a3": 2, "b.b1": NA, "b.b2": NA}),
				resp("r2", map[string]any{"a.a1": 2, "a.a2": 2, "a.a3": 2}),
			},
			dims: map[string]want{
				"a": {f(2), "maturing", f(1), Rated},
				"b": {nil, "", f(0), Unrated},
			},
			overall: want{f(2), "maturing", f(0.6), ""},
		},
		{
			// the same first respondent alone: b excluded, coverage 3 / (5 - 2) = 1
			name:      "one respondent's not applicable excludes",
			framework: fw,
			responses: []model.Response{
				resp("r1", map[string]any{"a.a1": 2, "a.a2": 2, "a.a3": 2, "b.b1": NA, "b.b2": NA}),
			},
			dims: map[string]want{
				"a": {f(2), "maturing", f(1), Rated},
				"b": {nil, "", nil, Excluded},
			},
			overall: want{f(2), "maturing", f(1), ""},
		},
		{
			// a: unknowns and a missing answer -> unrated, null score, coverage 0/3.
			// b: 0, 1 -> 0.5 potential. overall 0.5; coverage 2/5 = 0.4
			name:      "unrated dimension",
			framework: fw,
			responses: []model.Response{resp("r1", map[string]any{"a.a1": U, "a.a2": U, "b.b1": 0, "b.b2": 1})},
			dims: map[string]want{
				"a": {nil, "", f(0), Unrated},
				"b": {f(0.5), "potential", f(1), Rated},
			},
			overall: want{f(0.5), "potential", f(0.4), ""},
		},
		{
			// nothing answered: every score null; coverage 0/5 = 0
			name:      "empty draft",
			framework: fw,
			responses: []model.Response{resp("r1", nil)},
			dims: map[string]want{
				"a": {nil, "", f(0), Unrated},
				"b": {nil, "", f(0), Unrated},
			},
			overall: want{nil, "", f(0), ""},
		},
		{
			// every indicator N/A: both dimensions excluded; overall score and
			// coverage null (0 applicable indicators)
			name:      "everything not applicable",
			framework: fw,
			responses: []model.Response{resp("r1", map[string]any{"a.a1": NA, "a.a2": NA, "a.a3": NA, "b.b1": NA, "b.b2": NA})},
			dims: map[string]want{
				"a": {nil, "", nil, Excluded},
				"b": {nil, "", nil, Excluded},
			},
			overall: want{nil, "", nil, ""},
		},
		{
			// a1 weight 199 rated 2, a2 weight 1 rated 1: (398 + 1)/200 = 1.995,
			// which rounds to 2.00: maturing (min 2), not coalescing.
			name: "boundary 1.995 rounds up into maturing",
			framework: func() *model.Framework {
				x := fw()
				x.Dimensions = x.Dimensions[:1]
				x.Dimensions[0].Indicators = x.Dimensions[0].Indicators[:2]
				x.Dimensions[0].Indicators[0].Weight = 199
				return x
			},
			responses: []model.Response{resp("r1", map[string]any{"a.a1": 2, "a.a2": 1})},
			dims:      map[string]want{"a": {f(2), "maturing", f(1), Rated}},
			overall:   want{f(2), "maturing", f(1), ""},
		},
		{
			// a1 weight 99 rated 2, a2 weight 1 rated 1: (198 + 1)/100 = 1.99,
			// below 2: coalescing.
			name: "boundary 1.99 stays coalescing",
			framework: func() *model.Framework {
				x := fw()
				x.Dimensions = x.Dimensions[:1]
				x.Dimensions[0].Indicators = x.Dimensions[0].Indicators[:2]
				x.Dimensions[0].Indicators[0].Weight = 99
				return x
			},
			responses: []model.Response{resp("r1", map[string]any{"a.a1": 2, "a.a2": 1})},
			dims:      map[string]want{"a": {f(1.99), "coalescing", f(1), Rated}},
			overall:   want{f(1.99), "coalescing", f(1), ""},
		},
		{
			// a three-step scale no/partly/yes = 0/1/2, levels unfit 0, part 1, fit 1.5.
			// a1: 1,2 -> 1.5; a2: 2,2 -> 2; a = 1.75 fit; b1: 0,1 -> 0.5 unfit
			// overall (1.75+0.5)/2 = 1.125 -> 1.13 part; coverage 3/3 = 1
			name: "three-step custom scale",
			framework: func() *model.Framework {
				x := fw()
				x.Scale = []model.ScalePoint{{Value: 0}, {Value: 1}, {Value: 2}}
				x.Levels = []model.Level{{ID: "unfit", Min: 0}, {ID: "part", Min: 1}, {ID: "fit", Min: 1.5}}
				x.Dimensions[0].Indicators = x.Dimensions[0].Indicators[:2]
				x.Dimensions[1].Indicators = x.Dimensions[1].Indicators[:1]
				return x
			},
			responses: []model.Response{
				resp("r1", map[string]any{"a.a1": 1, "a.a2": 2, "b.b1": 0}),
				resp("r2", map[string]any{"a.a1": 2, "a.a2": 2, "b.b1": 1}),
			},
			dims: map[string]want{
				"a": {f(1.75), "fit", f(1), Rated},
				"b": {f(0.5), "unfit", f(1), Rated},
			},
			overall: want{f(1.13), "part", f(1), ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := tt.framework()
			res := Compute(fr, &model.Assessment{Responses: tt.responses})
			if res.Respondents != len(tt.responses) {
				t.Errorf("respondents = %d, want %d", res.Respondents, len(tt.responses))
			}
			for id, w := range tt.dims {
				d := res.Dimension(id)
				if d == nil {
					t.Fatalf("no result for dimension %s", id)
				}
				check(t, "dimension "+id, d.Score, d.Level, d.Coverage, w)
				if d.Status != w.status {
					t.Errorf("dimension %s status = %s, want %s", id, d.Status, w.status)
				}
			}
			check(t, "overall", res.Overall.Score, res.Overall.Level, res.Overall.Coverage, tt.overall)
		})
	}
}

func TestIndicatorStatusSpreadAndDisagreement(t *testing.T) {
	x := fw()
	res := Compute(x, &model.Assessment{Responses: []model.Response{
		resp("r1", map[string]any{"a.a1": 3, "a.a2": 2, "a.a3": U, "b.b1": NA, "b.b2": 4}),
		resp("r2", map[string]any{"a.a1": 1, "a.a2": 3, "a.a3": NA, "b.b1": NA}),
		resp("r3", map[string]any{"a.a1": 2, "a.a2": 3}),
	}})
	cases := []struct {
		dim, ind     string
		status       Status
		score        float64
		spread       float64
		ratings      int
		disagreement bool
		unknown, na  int
		unanswered   int
	}{
		// 3,1,2: mean 2, spread 3-1 = 2 = two steps of 1 -> disagreement
		{"a", "a1", Rated, 2, 2, 3, true, 0, 0, 0},
		// 2,3,3: mean 8/3 = 2.67, spread 1 -> no disagreement
		{"a", "a2", Rated, 2.67, 1, 3, false, 0, 0, 0},
		// unknown, N/A, missing: unknown blocks exclusion -> unrated
		{"a", "a3", Unrated, 0, 0, 0, false, 1, 1, 1},
		// N/A, N/A, missing: the missing answer counts like unknown -> unrated
		{"b", "b1", Unrated, 0, 0, 0, false, 0, 2, 1},
		// one rating of 4: spread 0
		{"b", "b2", Rated, 4, 0, 1, false, 0, 0, 2},
	}
	for _, c := range cases {
		d := res.Dimension(c.dim)
		var got *Indicator
		for i := range d.Indicators {
			if d.Indicators[i].Indicator.ID == c.ind {
				got = &d.Indicators[i]
			}
		}
		if got.Status != c.status || Round2(got.Score) != c.score || got.Spread != c.spread ||
			len(got.Values) != c.ratings || got.Disagreement != c.disagreement ||
			got.Unknown != c.unknown || got.NotApplicable != c.na || got.Unanswered != c.unanswered {
			t.Errorf("%s.%s = %+v, want %+v", c.dim, c.ind, *got, c)
		}
	}
	// Disagreements lists only a1; Unrated lists a3 and b1.
	if ds := res.Disagreements(); len(ds) != 1 || ds[0].Indicator.Indicator.ID != "a1" {
		t.Errorf("Disagreements = %v, want [a1]", ids(ds))
	}
	if us := ids(res.Unrated()); len(us) != 2 || us[0] != "a.a3" || us[1] != "b.b1" {
		t.Errorf("Unrated = %v, want [a.a3 b.b1]", us)
	}
	// Weakest: a1 (2), a2 (2.67); b2 at 4 is the top of the scale and left out.
	if ws := res.Weakest(5); len(ws) != 2 || ws[0].Indicator.Indicator.ID != "a1" || ws[1].Indicator.Indicator.ID != "a2" {
		t.Errorf("Weakest = %v, want [a1 a2]", ids(ws))
	}
	if ws := res.Weakest(1); len(ws) != 1 || ws[0].Indicator.Indicator.ID != "a1" {
		t.Errorf("Weakest(1) = %v, want [a1]", ids(ws))
	}
}

func ids(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Dimension.Dimension.ID+"."+r.Indicator.Indicator.ID)
	}
	return out
}

func TestDisagreementUsesTheScaleStep(t *testing.T) {
	// Scale 0, 5, 10: one step is 5, so a disagreement needs a spread of 10.
	x := fw()
	x.Scale = []model.ScalePoint{{Value: 0}, {Value: 5}, {Value: 10}}
	x.Levels = []model.Level{{ID: "low", Min: 0}}
	res := Compute(x, &model.Assessment{Responses: []model.Response{
		resp("r1", map[string]any{"a.a1": 0, "a.a2": 0}),
		resp("r2", map[string]any{"a.a1": 5, "a.a2": 10}),
	}})
	a := res.Dimension("a")
	if a.Indicators[0].Disagreement {
		t.Errorf("spread 5 on a 0/5/10 scale flagged as a disagreement")
	}
	if !a.Indicators[1].Disagreement {
		t.Errorf("spread 10 on a 0/5/10 scale not flagged")
	}
}

func TestDisagreementOnADecimalScale(t *testing.T) {
	// Scale 0.1, 0.2, 0.3: one step is 0.2-0.1 = 0.1, so 0.1 and 0.3 are
	// two steps apart and a disagreement. In binary 0.3-0.1 is
	// 0.19999999999999998 and 2*(0.2-0.1) is 0.2: compared exactly, the
	// spread would fall short of the two steps it stands for.
	x := fw()
	x.Scale = []model.ScalePoint{{Value: 0.1}, {Value: 0.2}, {Value: 0.3}}
	x.Levels = []model.Level{{ID: "low", Min: 0.1}}
	res := Compute(x, &model.Assessment{Responses: []model.Response{
		resp("r1", map[string]any{"a.a1": 0.1, "a.a2": 0.1}),
		resp("r2", map[string]any{"a.a1": 0.3, "a.a2": 0.2}),
	}})
	a := res.Dimension("a")
	if !a.Indicators[0].SpreadApart {
		t.Errorf("0.1 and 0.3 on a 0.1/0.2/0.3 scale (two steps) not flagged")
	}
	if a.Indicators[1].SpreadApart {
		t.Errorf("0.1 and 0.2 on a 0.1/0.2/0.3 scale (one step) flagged")
	}
}

func TestRound2(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{1.995, 2.00},    // the half rounds up
		{1.994, 1.99},    //
		{2.675, 2.68},    // stored as 2.67499999...; still the half it stands for
		{2.674999, 2.67}, // a real value below the half
		{0.125, 0.13},    //
		{1.0 / 3, 0.33},  //
		{2.0 / 3, 0.67},  //
		{8.0 / 3, 2.67},  //
		{0, 0},           //
		{4, 4},           //
		{-1.995, -2},     // away from zero
	} {
		if got := Round2(c.in); got != c.want {
			t.Errorf("Round2(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
