package load

import (
	"strings"
	"testing"
)

func TestFrameworkGuidanceByLevelAndMinEach(t *testing.T) {
	src := strings.Replace(testFramework, "  - {id: high, label: High, min: 2, description: h}",
		"  - {id: high, label: High, min: 2, min-each: 1.5, description: h}", 1)
	src = strings.Replace(src, "      - {id: a1, title: A one, statement: s, guidance: g}",
		"      - id: a1\n        title: A one\n        statement: s\n        guidance: g\n        guidance-by-level:\n          low: start small", 1)
	fw, err := FrameworkBytes("tf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if m := fw.LevelByID("high").MinEach; m == nil || *m != 1.5 {
		t.Errorf("high min-each = %v, want 1.5", m)
	}
	if fw.LevelByID("low").MinEach != nil {
		t.Errorf("low has a min-each it was not given")
	}
	a1 := fw.Dimension("alpha").Indicator("a1")
	// The entry for the community's level, else the general guidance.
	if got, forLevel := a1.GuidanceFor("low"); got != "start small" || !forLevel {
		t.Errorf("GuidanceFor(low) = %q, %v; want the level's own", got, forLevel)
	}
	if got, forLevel := a1.GuidanceFor("high"); got != "g" || forLevel {
		t.Errorf("GuidanceFor(high) = %q, %v; want the general guidance", got, forLevel)
	}
	if a2 := fw.Dimension("alpha").Indicator("a2"); a2.GuidanceByLevel != nil {
		t.Errorf("a2 has guidance by level %v it was not given", a2.GuidanceByLevel)
	}
}

func TestFrameworkGuidanceByLevelAndMinEachProblems(t *testing.T) {
	byLevel := "      - id: a1\n        title: A one\n        statement: s\n        guidance: g\n        guidance-by-level:\n          "
	tests := []problemCase{
		{"unknown level in guidance", [2]string{"      - {id: a1, title: A one, statement: s, guidance: g}", byLevel + "middle: text"},
			[]string{`f.yaml:25:11: guidance-by-level: unknown level "middle" (expected one of low, high)`}},
		{"empty guidance for a level", [2]string{"      - {id: a1, title: A one, statement: s, guidance: g}", byLevel + "low: \"\""},
			[]string{`f.yaml:25:16: guidance for level low is empty (expected text)`}},
		{"guidance by level not a mapping", [2]string{"      - {id: a1, title: A one, statement: s, guidance: g}", byLevel[:len(byLevel)-11] + " [low]"},
			[]string{`f.yaml:24:28: guidance-by-level: expected a mapping, found a list`}},
		{"min-each above the scale", [2]string{"label: High, min: 2,", "label: High, min: 2, min-each: 5,"},
			[]string{`f.yaml:14:47: level "high" has min-each 5, above the top of the scale (4): no dimension can reach it`}},
		{"min-each at the bottom", [2]string{"label: High, min: 2,", "label: High, min: 2, min-each: 0,"},
			[]string{`f.yaml:14:47: level "high" has min-each 0, not above the bottom of the scale (0): every dimension reaches it (leave it out)`}},
		{"min-each not a number", [2]string{"label: High, min: 2,", "label: High, min: 2, min-each: all,"},
			[]string{`f.yaml:14:47: level min-each: expected a number, found "all"`}},
	}
	runProblemCases(t, testFramework, tests, func(src string) error {
		_, err := FrameworkBytes("f.yaml", []byte(src))
		return err
	})
}
