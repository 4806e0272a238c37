package schema

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestQuestionnaireFilesMatchTheSchema: the files the questionnaire page
// writes (docs/examples/questionnaire: double-quoted strings, a draft that
// says draft: true) match the assessment schema, and so does a response
// without a respondent (an anonymous round); draft takes only a boolean.
func TestQuestionnaireFilesMatchTheSchema(t *testing.T) {
	sch := compile(t, Assessment(defaultFramework(t)))
	files, _ := filepath.Glob("../../docs/examples/questionnaire/*.yaml")
	if len(files) < 4 {
		t.Fatalf("found %d questionnaire files", len(files))
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
		if !strings.Contains(text, "  - respondent: ") {
			t.Fatalf("%s: no respondent line", f)
		}
		anonymous := regexp.MustCompile(`(?m)^  - respondent: .*\n    `).ReplaceAllString(text, "  - ")
		if anonymous == text {
			t.Fatalf("%s: removing the respondent changed nothing", f)
		}
		if err := sch.Validate(fromYAML(t, []byte(anonymous))); err != nil {
			t.Errorf("%s without its respondent does not match the schema: %v\n%s", f, err, anonymous)
		}
		if strings.Contains(text, "draft: true") {
			bad := strings.Replace(text, "draft: true", `draft: "yes"`, 1)
			if err := sch.Validate(fromYAML(t, []byte(bad))); err == nil {
				t.Errorf("%s: draft: \"yes\" matches the schema", f)
			}
		}
	}
}
