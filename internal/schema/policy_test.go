package schema

import (
	"os"
	"strings"
	"testing"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/load"
)

// TestExamplePolicyMatchesTheSchema: the example policy is valid for both
// the schema and the loader, and each mutation is refused by both: the
// loader (or load.FitPolicy, for what depends on the framework) and the
// schema agree on what a policy is.
func TestExamplePolicyMatchesTheSchema(t *testing.T) {
	fw := defaultFramework(t)
	sch := compile(t, Policy(fw))
	data, err := os.ReadFile("../../examples/ci/cop-policy.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if err := sch.Validate(fromYAML(t, []byte(text))); err != nil {
		t.Fatalf("the example policy does not match the schema: %v", err)
	}
	if _, err := load.PolicyBytes("cop-policy.yml", data); err != nil {
		t.Fatalf("the example policy does not load: %v", err)
	}
	firstDim := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "  ") && strings.Contains(l, ": {") {
			firstDim = l
			break
		}
	}
	if firstDim == "" {
		t.Fatal("no dimension line in the example policy")
	}
	for what, bad := range map[string]string{
		"unknown key":            strings.Replace(text, "min-overall:", "min-overal: 1\nmin-overall:", 1),
		"coverage above 1":       replaceKey(text, "min-coverage", "80"),
		"negative age":           replaceKey(text, "max-age", "-1"),
		"fractional age":         replaceKey(text, "max-age", "1.5"),
		"unknown level":          replaceKey(text, "min-level", "excellent"),
		"another framework":      replaceKey(text, "framework", "cop-fitness"),
		"negative drop":          replaceKey(text, "max-drop", "-0.5"),
		"unknown dimension":      strings.Replace(text, "dimensions:", "dimensions:\n  nonsense: {min: 1}", 1),
		"empty dimension rule":   strings.Replace(text, "dimensions:", "dimensions:\n"+strings.SplitN(firstDim, ":", 2)[0]+"x: {}", 1),
		"min above the scale":    replaceKey(text, "min-overall", "5"),
		"target at the bottom":   strings.Replace(text, "target: 3}", "target: 0}", 1),
		"wrong kind":             replaceKey(text, "kind", "cop-assessment"),
		"unsupported version":    replaceKey(text, "version", "2"),
		"require-complete text":  strings.Replace(text, "max-age:", "require-complete: yes\nmax-age:", 1),
		"fractional max-overdue": strings.Replace(text, "max-age:", "max-overdue: 0.5\nmax-age:", 1),
		"negative max-overdue":   strings.Replace(text, "max-age:", "max-overdue: -1\nmax-age:", 1),
		"unknown warn rule":      strings.Replace(text, "max-age:", "warn: [max-days]\nmax-age:", 1),
		"warn rule twice":        strings.Replace(text, "max-age:", "warn: [max-age, max-age]\nmax-age:", 1),
		"warn not a list":        strings.Replace(text, "max-age:", "warn: max-age\nmax-age:", 1),
	} {
		if bad == text {
			t.Fatalf("mutation %q changed nothing", what)
		}
		if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
			t.Errorf("with %s, the policy still matches the schema", what)
		}
		p, err := load.PolicyBytes("cop-policy.yml", []byte(bad))
		if err == nil {
			err = load.FitPolicy(p, fw)
		}
		if err == nil {
			t.Errorf("with %s, the policy still loads and fits %s", what, fw.ID)
		}
	}
}

// replaceKey replaces the value of the first top-level key, keeping its comment out.
func replaceKey(text, key, value string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			lines[i] = key + ": " + value
			return strings.Join(lines, "\n")
		}
	}
	return text
}
