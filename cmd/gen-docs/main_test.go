package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCommittedDocsAreFresh regenerates the reference and the man pages in
// a temporary folder and compares them, file by file, with the committed
// copy in docs/: a help text changed without regenerating fails here.
func TestCommittedDocsAreFresh(t *testing.T) {
	tmp := t.TempDir()
	if err := Generate(tmp); err != nil {
		t.Fatal(err)
	}
	stale := false
	for _, sub := range []string{"reference", "man"} {
		want := files(t, filepath.Join(tmp, sub))
		got := files(t, filepath.Join("..", "..", "docs", sub))
		for name, data := range want {
			old, ok := got[name]
			switch {
			case !ok:
				t.Errorf("docs/%s/%s is missing", sub, name)
				stale = true
			case !bytes.Equal(old, data):
				t.Errorf("docs/%s/%s is stale", sub, name)
				stale = true
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("docs/%s/%s is for no command", sub, name)
				stale = true
			}
		}
	}
	if stale {
		t.Log("regenerate the reference and man pages with: go run ./cmd/gen-docs")
	}
}

// TestGenerateCoversEveryCommand: a page per command, the help topic, and
// the questionnaire's flags.
func TestGenerateCoversEveryCommand(t *testing.T) {
	tmp := t.TempDir()
	if err := Generate(tmp); err != nil {
		t.Fatal(err)
	}
	ref := files(t, filepath.Join(tmp, "reference"))
	for _, want := range []string{"cop.md", "cop_report.md", "cop_check.md", "cop_framework_lint.md",
		"cop_environment.md", "cop_completion.md", "cop_assess.md"} {
		if _, ok := ref[want]; !ok {
			t.Errorf("no %s among %v", want, keys(ref))
		}
	}
	if !bytes.Contains(ref["cop_assess.md"], []byte("--accessible")) {
		t.Error("cop_assess.md does not list the questionnaire's flags")
	}
	man := files(t, filepath.Join(tmp, "man"))
	if !bytes.HasPrefix(man["cop-report.1"], []byte(".nh\n.TH \"COP\" \"1\" \"Nov 2026\"")) {
		t.Errorf("cop-report.1 starts %q", firstLine(man["cop-report.1"]))
	}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return string(b[:i])
	}
	return string(b)
}
