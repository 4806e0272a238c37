package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/catalog"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// defaultFramework is the embedded default framework, as cop reads it.
func defaultFramework(t *testing.T) *model.Framework {
	t.Helper()
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := cat.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// compile turns one of our schemas into a validator, through JSON as an
// editor would read it.
func compile(t *testing.T, s Object) *jsonschema.Schema {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("our schema does not compile: %v", err)
	}
	return sch
}

// fromYAML reads YAML the way the YAML language server does (YAML 1.2 core
// schema: dates stay strings) into JSON values.
func fromYAML(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return value(t, n.Content[0])
}

func value(t *testing.T, n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = value(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		var l []any
		for _, c := range n.Content {
			l = append(l, value(t, c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!int", "!!float":
		v, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	case "!!bool":
		return n.Value == "true"
	}
	return n.Value
}

func TestExamplesMatchTheAssessmentSchema(t *testing.T) {
	fw := defaultFramework(t)
	sch := compile(t, Assessment(fw))
	files, _ := filepath.Glob("../../examples/*/*.yaml")
	if len(files) < 6 {
		t.Fatalf("found %d examples", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(fromYAML(t, data)); err != nil {
			t.Errorf("%s does not match the schema: %v", f, err)
		}
		// The loader's errors are the schema's errors too.
		text := string(data)
		for what, bad := range map[string]string{
			"off the scale":      replaceFirstRating(text, "5"),
			"not an answer":      replaceFirstRating(text, "maybe"),
			"unknown key":        strings.Replace(text, "community:", "sponsor: x\ncommunity:", 1),
			"empty community":    replaceLine(text, "community: ", "community: ' '"),
			"bad date":           replaceLine(text, "date: ", "date: 2026/11/22"),
			"unknown dimension":  strings.Replace(text, "    ratings:\n", "    ratings:\n      nonsense: {}\n", 1),
			"wrong framework id": replaceLine(text, "  id: ", "  id: other"),
		} {
			if bad == text {
				t.Fatalf("%s: mutation %q changed nothing", f, what)
			}
			if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
				t.Errorf("%s with %s still matches the schema", f, what)
			}
		}
	}
}

// replaceLine replaces the first line that starts with prefix.
func replaceLine(text, prefix, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	return text
}

// replaceFirstRating replaces the value of the first indicator rating, the
// first line indented eight spaces under ratings.
func replaceFirstRating(text, v string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "        ") && strings.Contains(l, ": ") && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			key, _, _ := strings.Cut(l, ": ")
			lines[i] = key + ": " + v
			return strings.Join(lines, "\n")
		}
	}
	return text
}

func TestEmbeddedFrameworksMatchTheFrameworkSchema(t *testing.T) {
	sch := compile(t, Framework())
	files, _ := filepath.Glob("../../framework/*.yaml")
	if len(files) < 2 {
		t.Fatalf("found %d frameworks", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(fromYAML(t, data)); err != nil {
			t.Errorf("%s does not match the schema: %v", f, err)
		}
		text := string(data)
		for what, bad := range map[string]string{
			"zero weight": strings.Replace(text, "    indicators:\n", "    weight: 0\n    indicators:\n", 1),
			"bad version": replaceLine(text, "version: ", "version: one"),
			"unknown key": strings.Replace(text, "title:", "titel: x\ntitle:", 1),
			"empty title": replaceLine(text, "title: ", "title: ''"),
		} {
			if bad == text {
				t.Fatalf("%s: mutation %q changed nothing", f, what)
			}
			if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
				t.Errorf("%s with %s still matches the schema", f, what)
			}
		}
	}
}

// roundFields uses every optional round field of an assessment on the
// default framework.
const roundFields = `kind: cop-assessment
version: 1
community: Riverside
date: 2026-11-22
framework:
  id: cop-health
  version: 1.0.0
invited: 14
responses:
  - respondent: Ana Ruiz
    ratings:
      purpose:
        development-plan: 2
    indicator-notes:
      purpose:
        development-plan: A draft exists; we have not agreed it yet.
actions:
  - indicator: purpose/development-plan
    what: Agree a twelve-month plan at the January meeting
    owner: Ana Ruiz
    due: 2027-01-31
    status: planned
  - indicator: impact
    what: Collect two stories of value
`

// TestRoundFields: the schema and the loader accept the optional round
// fields, and each mistake in them is refused by both, so an editor warns
// about exactly what cop will refuse.
func TestRoundFields(t *testing.T) {
	fw := defaultFramework(t)
	sch := compile(t, Assessment(fw))
	resolve := func(string) (*model.Framework, error) { return fw, nil }
	if err := sch.Validate(fromYAML(t, []byte(roundFields))); err != nil {
		t.Fatalf("schema refuses the round fields: %v", err)
	}
	if _, err := load.AssessmentBytes("r.yaml", []byte(roundFields), resolve); err != nil {
		t.Fatalf("loader refuses the round fields: %v", err)
	}
	for what, r := range map[string][2]string{
		"invited zero":           {"invited: 14", "invited: 0"},
		"invited fraction":       {"invited: 14", "invited: 2.5"},
		"invited text":           {"invited: 14", "invited: many"},
		"unknown indicator note": {"        development-plan: A draft", "        nonsense: A draft"},
		"unknown note dimension": {"      purpose:\n        development-plan: A draft", "      nonsense:\n        development-plan: A draft"},
		"action unknown target":  {"indicator: purpose/development-plan", "indicator: purpose/nonsense"},
		"action unknown dim":     {"indicator: impact", "indicator: nonsense"},
		"action without what":    {"    what: Collect two stories of value\n", ""},
		"action empty what":      {"what: Collect two stories of value", "what: ' '"},
		"action bad due":         {"due: 2027-01-31", "due: 31/01/2027"},
		"action bad status":      {"status: planned", "status: started"},
		"action unknown key":     {"    owner: Ana Ruiz\n", "    owner: Ana Ruiz\n    priority: high\n"},
		"actions not a list":     {"actions:\n  - indicator", "actions: {}\nx:\n  - indicator"},
		"framework version text": {"version: 1.0.0", `version: "0.9\n::warning::INJECTED"`},
		"framework version 1.0":  {"version: 1.0.0", `version: "1.0"`},
	} {
		bad := strings.Replace(roundFields, r[0], r[1], 1)
		if bad == roundFields {
			t.Fatalf("mutation %q changed nothing", what)
		}
		if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
			t.Errorf("schema accepts %s", what)
		}
		if _, err := load.AssessmentBytes("r.yaml", []byte(bad), resolve); err == nil {
			t.Errorf("loader accepts %s", what)
		}
	}
}

// TestGuidanceByLevelAndMinEach: the schema and the loader both accept the
// default framework's guidance-by-level and cop-fitness's min-each, and
// both refuse the same mistakes in them.
func TestGuidanceByLevelAndMinEach(t *testing.T) {
	sch := compile(t, Framework())
	for _, name := range []string{"cop-health", "cop-fitness"} {
		data, err := os.ReadFile("../../framework/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		mistakes := map[string]string{}
		if name == "cop-health" {
			mistakes["guidance for a level as a list"] = strings.Replace(text, "          potential: >-\n", "          potential:\n            - a list\n          early: >-\n", 1)
			mistakes["empty guidance for a level"] = strings.Replace(text, "        guidance-by-level:\n", "        guidance-by-level:\n          stewardship: ''\n", 1)
			mistakes["guidance by level not a mapping"] = strings.Replace(text, "        guidance-by-level:\n", "        guidance-by-level: [potential]\n        guidance-by-levels:\n", 1)
		} else {
			mistakes["min-each not a number"] = strings.Replace(text, "min-each: 1.5", "min-each: half", 1)
		}
		for what, bad := range mistakes {
			if bad == text {
				t.Fatalf("%s: mutation %q changed nothing", name, what)
			}
			if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
				t.Errorf("%s with %s still matches the schema", name, what)
			}
			if _, err := load.FrameworkBytes(name+".yaml", []byte(bad)); err == nil {
				t.Errorf("%s with %s still loads", name, what)
			}
		}
	}
}

func TestReminderPolicyMatchesTheSchema(t *testing.T) {
	data, err := os.ReadFile("../../examples/ci/cop-policy-reminders.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := compile(t, Policy(defaultFramework(t))).Validate(fromYAML(t, data)); err != nil {
		t.Errorf("the reminder policy does not match the schema: %v", err)
	}
	p, err := load.PolicyBytes("cop-policy-reminders.yml", data)
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxOverdue == nil || !p.WarnOnly("max-overdue") || !p.WarnOnly("max-age") {
		t.Errorf("policy %+v: want max-overdue and warn [max-age, max-overdue]", p)
	}
}
