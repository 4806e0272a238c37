// Package schema writes JSON Schemas (draft-07) for cop's files, for editors
// that validate and complete YAML as it is typed. The assessment schema is
// made from a framework's data, so its dimension and indicator ids and its
// scale are the framework's own.
package schema

import (
	"github.com/cophealth/cop/internal/model"
)

// Object is a JSON Schema object; encoding/json writes its keys sorted.
type Object = map[string]any

const draft07 = "http://json-schema.org/draft-07/schema#"

// idSchema matches the ids the loader accepts.
var idSchema = Object{"type": "string", "pattern": `^[A-Za-z0-9][A-Za-z0-9_.-]*$`}

func text(description string) Object {
	return Object{"type": "string", "minLength": 1, "pattern": `\S`, "description": description}
}

// semverPattern matches the versions the loader accepts (load.IsSemver).
const semverPattern = `^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`

const datePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`

// nullable lets an object be left empty in YAML (a key with no value), as
// the loader allows.
func nullable(o Object) Object {
	o["type"] = []any{"object", "null"}
	return o
}

func object(required []string, props Object) Object {
	o := Object{"type": "object", "additionalProperties": false, "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// Assessment returns the schema of an assessment file made with fw.
func Assessment(fw *model.Framework) Object {
	values := []any{}
	for _, p := range fw.Scale {
		values = append(values, p.Value)
	}
	ratingDesc := "One of " + fw.ScaleSummary() + "; empty means not answered yet."
	rating := Object{
		"description": ratingDesc,
		"oneOf": []any{
			Object{"enum": values},
			Object{"enum": []any{model.Unknown, model.NotApplicable}},
			Object{"type": "null"},
		},
	}
	ratings := Object{}
	notes := Object{}
	indNotes := Object{}
	targets := []any{}
	for _, d := range fw.Dimensions {
		inds := Object{}
		dimNotes := Object{}
		targets = append(targets, d.ID)
		for _, ind := range d.Indicators {
			inds[ind.ID] = Object{"$ref": "#/definitions/rating", "description": ind.Title + ": " + ind.Statement}
			dimNotes[ind.ID] = Object{"type": []any{"string", "null"}, "description": "Notes on " + ind.Title}
			targets = append(targets, d.ID+"/"+ind.ID)
		}
		indNotes[d.ID] = nullable(object(nil, dimNotes))
		dim := object(nil, inds)
		dim["type"] = []any{"object", "null"}
		dim["description"] = d.Title + ": " + d.Description
		ratings[d.ID] = dim
		notes[d.ID] = Object{"type": []any{"string", "null"}, "description": "Notes on " + d.Title}
	}
	response := object(nil, Object{
		"respondent": text("Who answered (a name, or Respondent 1 when anonymised); absent in an anonymous round (cop form --anonymous)."),
		"role":       Object{"type": []any{"string", "null"}, "description": "The respondent's role, such as coordinator."},
		"ratings":    nullable(object(nil, ratings)),
		"notes":      nullable(object(nil, notes)),
		"indicator-notes": func() Object {
			o := nullable(object(nil, indNotes))
			o["description"] = "Notes per indicator: dimension id, then indicator id, then text."
			return o
		}(),
	})
	action := object([]string{"indicator", "what"}, Object{
		"indicator": Object{"enum": targets, "description": "What the action is about: dimension/indicator, or a dimension id alone."},
		"what":      text("What the community agreed to do."),
		"owner":     Object{"type": []any{"string", "null"}, "description": "Who sees that it happens."},
		"due": Object{
			"oneOf":       []any{Object{"type": "string", "pattern": datePattern}, Object{"type": "null"}},
			"description": "When it should be done by, YYYY-MM-DD.",
		},
		"status": Object{
			"enum":        []any{model.ActionPlanned, model.ActionDoing, model.ActionDone, model.ActionDropped, nil},
			"description": "planned (the default when absent), doing, done or dropped.",
		},
	})
	s := object([]string{"kind", "version", "community", "date", "framework", "responses"}, Object{
		"kind":      Object{"const": model.AssessmentKind},
		"version":   Object{"const": model.AssessmentVersion},
		"community": text("The community assessed."),
		"date":      Object{"type": "string", "pattern": datePattern, "description": "The round's date, YYYY-MM-DD."},
		"framework": object([]string{"id", "version"}, Object{
			"id":      Object{"const": fw.ID},
			"version": Object{"type": "string", "pattern": semverPattern, "description": "The framework version the answers were given on (" + fw.Version + " here)."},
		}),
		"draft": Object{"type": "boolean",
			"description": "true in answers saved part way (a draft from the questionnaire page): cop merge refuses them."},
		"invited": Object{"type": "integer", "minimum": 1,
			"description": "How many members were asked to answer (a warning, not an error, when fewer than the responses)."},
		"responses": Object{"type": "array", "minItems": 1, "items": Object{"$ref": "#/definitions/response"}},
		"actions": Object{"type": []any{"array", "null"}, "items": Object{"$ref": "#/definitions/action"},
			"description": "What the community agreed to do after this round."},
	})
	s["$schema"] = draft07
	s["title"] = "cop assessment (" + fw.ID + " " + fw.Version + ")"
	s["definitions"] = Object{"rating": rating, "response": response, "action": action}
	return s
}

// Framework returns the schema of a framework file.
func Framework() Object {
	weight := Object{"type": "number", "exclusiveMinimum": 0, "maximum": model.MaxWeight, "description": "Weight in the mean; default 1."}
	indicator := object([]string{"id", "statement", "guidance"}, Object{
		"id":        idSchema,
		"title":     text("A short label for tables; the id when absent."),
		"statement": text("What good looks like."),
		"guidance":  text("What a community could try when it scores low."),
		"guidance-by-level": Object{"type": "object", "propertyNames": idSchema, "additionalProperties": text("What fits a community at this level."),
			"description": "What fits a community at each stage, by level id; the report uses the entry for the community's level, else guidance."},
		"weight": weight,
	})
	dimension := object([]string{"id", "title", "description", "indicators"}, Object{
		"id":          idSchema,
		"title":       text("The dimension's name."),
		"description": text("What the dimension is about."),
		"weight":      weight,
		"indicators":  Object{"type": "array", "minItems": 1, "items": indicator},
	})
	scale := object([]string{"value", "label", "description"}, Object{
		"value":       Object{"type": "number"},
		"label":       text("The answer as respondents see it."),
		"description": text("What the answer means."),
	})
	level := object([]string{"id", "label", "min", "description"}, Object{
		"id":          idSchema,
		"label":       text("The level's name."),
		"min":         Object{"type": "number", "description": "The lowest score (rounded to 2 decimals) at this level."},
		"min-each":    Object{"type": "number", "description": "What every dimension with a score must also reach for the overall level to be this one (a fitness test passes only when each part passes)."},
		"description": text("What the level means."),
	})
	s := object([]string{"kind", "id", "version", "title", "description", "scale", "levels", "dimensions"}, Object{
		"kind":        Object{"const": model.FrameworkKind},
		"id":          idSchema,
		"version":     Object{"type": "string", "pattern": semverPattern},
		"title":       text("The framework's name."),
		"description": text("What the framework is for."),
		"scale":       Object{"type": "array", "minItems": 2, "items": scale, "description": "Answers in strictly increasing order of value."},
		"levels":      Object{"type": "array", "minItems": 1, "items": level, "description": "Levels in strictly increasing order of min; the first min is the lowest scale value."},
		"dimensions":  Object{"type": "array", "minItems": 1, "items": dimension},
	})
	s["$schema"] = draft07
	s["title"] = "cop framework"
	return s
}
