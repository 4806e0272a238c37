package schema

import (
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

// warnable lists the rules a policy may set to warn only, as the loader
// accepts them.
func warnable() []any {
	out := make([]any, len(load.WarnableRules))
	for i, r := range load.WarnableRules {
		out[i] = r
	}
	return out
}

// Policy returns the schema of a policy file for assessments made with fw:
// its dimension ids are the only keys under dimensions, min-level is one of
// its level ids, and minimums and targets stay on its scale.
func Policy(fw *model.Framework) Object {
	top := fw.ScaleMax()
	score := func(description string) Object {
		return Object{"type": "number", "maximum": top, "description": description}
	}
	levels := []any{}
	for _, l := range fw.Levels {
		levels = append(levels, l.ID)
	}
	dims := Object{}
	for _, d := range fw.Dimensions {
		rule := object(nil, Object{
			"min":    score("Fail when " + d.Title + " scores below this (rounded to 2 decimals)."),
			"target": Object{"type": "number", "exclusiveMinimum": fw.ScaleMin(), "maximum": top, "description": "Where " + d.Title + " should get to: reported, not enforced."},
		})
		rule["minProperties"] = 1
		rule["description"] = d.Title + ": " + d.Description
		dims[d.ID] = rule
	}
	dimensions := object(nil, dims)
	dimensions["type"] = []any{"object", "null"}
	dimensions["description"] = "Per dimension id, a min (enforced), a target (reported) or both."
	s := object([]string{"kind", "version"}, Object{
		"kind":         Object{"const": model.PolicyKind},
		"version":      Object{"const": model.PolicyVersion},
		"framework":    Object{"const": fw.ID, "description": "The framework the policy is for; cop check refuses assessments made with another."},
		"min-overall":  score("Fail when the overall score is below this (rounded to 2 decimals)."),
		"min-level":    Object{"enum": levels, "description": "Fail when the overall level is below this level."},
		"min-coverage": Object{"type": "number", "minimum": 0, "maximum": 1, "description": "Fail when the overall coverage is below this fraction (0.8 is 80%)."},
		"min-response-rate": Object{"type": "number", "minimum": 0, "maximum": 1,
			"description": "Fail when fewer than this fraction of the invited members answered (0.5 is half; the round must say invited: N)."},
		"max-age":          Object{"type": "integer", "minimum": 0, "description": "Fail when the round's date is more than this many days before today."},
		"require-complete": Object{"type": "boolean", "description": "Fail when an indicator is neither rated nor not applicable."},
		"baseline":         text("An earlier assessment file to compare with, relative to the policy file's folder."),
		"max-drop":         Object{"type": "number", "minimum": 0, "description": "With a baseline, fail when the overall score or a dimension's fell by more than this; default 0."},
		"max-overdue":      Object{"type": "integer", "minimum": 0, "description": "Fail when more than this many actions are past their due date and neither done nor dropped."},
		"warn": Object{"type": "array", "uniqueItems": true, "items": Object{"enum": warnable()},
			"description": "Rules that only warn: reported as warnings and annotations, never a failed check (min: every dimension's minimum)."},
		"dimensions": dimensions,
	})
	s["$schema"] = draft07
	s["title"] = "cop policy (" + fw.ID + " " + fw.Version + ")"
	return s
}
