package render

import (
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// guidanceFramework: scale 0-4, levels potential 0, coalescing 1,
// maturing 2 (min-each 1.5), stewardship 3; dimension a (a1 with guidance
// for potential and coalescing, a2 without), dimension b (b1).
func guidanceFramework() *model.Framework {
	each := 1.5
	return &model.Framework{
		ID: "g", Version: "1.0.0",
		Scale: []model.ScalePoint{{Value: 0}, {Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}},
		Levels: []model.Level{
			{ID: "potential", Label: "Potential", Min: 0, Description: "A possibility."},
			{ID: "coalescing", Label: "Coalescing", Min: 1, Description: "Coming together."},
			{ID: "maturing", Label: "Maturing", Min: 2, MinEach: &each, Description: "Setting standards."},
			{ID: "stewardship", Label: "Stewardship", Min: 3, Description: "Self-sustaining."},
		},
		Dimensions: []model.Dimension{
			{ID: "a", Title: "Alpha", Weight: 1, Indicators: []model.Indicator{
				{ID: "a1", Title: "A one", Weight: 1, Guidance: "General.",
					GuidanceByLevel: map[string]string{"potential": "For a potential community.", "coalescing": "For a coalescing community."}},
				{ID: "a2", Title: "A two", Weight: 1, Guidance: "General two."},
			}},
			{ID: "b", Title: "Beta", Weight: 1, Indicators: []model.Indicator{{ID: "b1", Title: "B one", Weight: 1, Guidance: "General b."}}},
		},
	}
}

func scoreOf(fw *model.Framework, responses ...map[string]map[string]model.Rating) *score.Result {
	a := &model.Assessment{}
	for _, r := range responses {
		a.Responses = append(a.Responses, model.Response{Respondent: "r", Ratings: r})
	}
	return score.Compute(fw, a)
}

func rated(v float64) model.Rating { return model.Rating{Kind: model.Scored, Value: v} }

var notApplicable = model.Rating{Kind: model.NotApplicableAnswer}

func TestStageGuidanceSelection(t *testing.T) {
	fw := guidanceFramework()
	a1 := &fw.Dimensions[0].Indicators[0]
	a2 := &fw.Dimensions[0].Indicators[1]
	cases := []struct {
		name       string
		a1, a2, b1 float64
		level      string
		text       string
		option     string
	}{
		// a = (0+1)/2 = 0.5, b = 0; overall 0.25: potential.
		{"potential", 0, 1, 0, "potential", "For a potential community.", "Option for a potential community"},
		// a = (1+1)/2 = 1, b = 2; overall 1.5: coalescing.
		{"coalescing", 1, 1, 2, "coalescing", "For a coalescing community.", "Option for a coalescing community"},
		// a = (2+3)/2 = 2.5, b = 2; overall 2.25: maturing, which has no
		// entry: the general guidance.
		{"maturing", 2, 3, 2, "maturing", "General.", "Option"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := scoreOf(fw, map[string]map[string]model.Rating{"a": {"a1": rated(c.a1), "a2": rated(c.a2)}, "b": {"b1": rated(c.b1)}})
			if res.Overall.Level.ID != c.level {
				t.Fatalf("level %s, want %s", res.Overall.Level.ID, c.level)
			}
			g := guidanceFor(res, a1)
			if g.Text != c.text || g.optionLabel() != c.option {
				t.Errorf("a1: %q (%q), want %q (%q)", g.Text, g.optionLabel(), c.text, c.option)
			}
			// An indicator without guidance by level always gets its own.
			if g := guidanceFor(res, a2); g.Text != "General two." || g.optionLabel() != "Option" {
				t.Errorf("a2: %q (%q)", g.Text, g.optionLabel())
			}
		})
	}
}

func TestLevelExplained(t *testing.T) {
	fw := guidanceFramework()
	// a = (4+4)/2 = 4, b = 1; overall 2.5 reaches maturing by score, but b
	// is under maturing's min-each 1.5: coalescing, held back by Beta.
	res := scoreOf(fw, map[string]map[string]model.Rating{"a": {"a1": rated(4), "a2": rated(4)}, "b": {"b1": rated(1)}})
	n := explainLevel(res)
	if n.Description != "Coming together." {
		t.Errorf("description %q", n.Description)
	}
	if want := "the score 2.50 reaches Maturing, but Maturing needs each dimension at 1.50 or more: Beta 1.00"; n.HeldBack != want {
		t.Errorf("held back %q\nwant %q", n.HeldBack, want)
	}
	// Alpha is stewardship (4), Beta coalescing (1) like the overall
	// level: nothing is below it.
	if n.Behind != "" {
		t.Errorf("behind %q, want none", n.Behind)
	}

	// a = (3+3)/2 = 3 stewardship, b = 2 maturing: overall 2.5 maturing,
	// b passes min-each 1.5 and is at the overall level: nothing to say.
	res = scoreOf(fw, map[string]map[string]model.Rating{"a": {"a1": rated(3), "a2": rated(3)}, "b": {"b1": rated(2)}})
	if n := explainLevel(res); n.Behind != "" || n.HeldBack != "" {
		t.Errorf("a 3, b 2: %+v, want nothing behind or held back", n)
	}

	// Without min-each: a = (4+3)/2 = 3.5 stewardship, b = 1 coalescing:
	// overall 2.25 maturing; Beta is a level below.
	fw.Levels[2].MinEach = nil
	res = scoreOf(fw, map[string]map[string]model.Rating{"a": {"a1": rated(4), "a2": rated(3)}, "b": {"b1": rated(1)}})
	if n := explainLevel(res); n.Behind != "maturing overall; Beta still coalescing" || n.HeldBack != "" {
		t.Errorf("behind %q, held back %q", n.Behind, n.HeldBack)
	}
}

func TestMeetingQuestions(t *testing.T) {
	fw := guidanceFramework()
	res := scoreOf(fw,
		map[string]map[string]model.Rating{"a": {"a1": rated(1), "a2": rated(2)}, "b": {"b1": rated(2)}},
		map[string]map[string]model.Rating{"a": {"a1": rated(3), "a2": notApplicable}, "b": {"b1": rated(4)}},
		map[string]map[string]model.Rating{"a": {"a1": rated(3), "a2": notApplicable}, "b": {"b1": notApplicable}},
	)
	// a1: 1, 3, 3: spread 2 -> a question on what each sees.
	// a2: 2 beside two not-applicable -> does it apply?
	// b1: 2, 4 and not-applicable -> both in one question.
	want := []string{
		"A one: you rated it 1 and 3. What does each of you see that the others do not?",
		"A two: 1 member rated it and 2 members said it does not apply. Does it apply to this community?",
		"B one: 2 members rated it (2, 4) and 1 member said it does not apply. Does it apply, and what does each of you see?",
	}
	if got := meetingQuestions(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("questions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	dis := res.Disagreements()
	if len(dis) != 3 {
		t.Fatalf("%d disagreements, want 3", len(dis))
	}
	for i, want := range []string{
		"ratings 1, 3, 3, spread 2",
		"rated 2 by 1, not applicable to 2: do you agree it applies?",
		"ratings 2, 4, spread 2; rated by 2, not applicable to 1: do you agree it applies?",
	} {
		if got := disagreementReason(dis[i].Indicator); got != want {
			t.Errorf("reason %d = %q, want %q", i, got, want)
		}
	}
}
