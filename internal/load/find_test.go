package load

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cophealth/cop/internal/model"
)

// TestExpandFolderRule builds a folder by hand and checks what Expand makes
// of it: files in name order, links to files read, links to folders not
// followed, dot-folders and non-YAML left out, drafts counted, a file
// named twice read once.
func TestExpandFolderRule(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("elsewhere/real.yaml", "kind: cop-assessment\n")
	write("elsewhere/sub/deep.yaml", "kind: cop-assessment\n")
	write("dir/b.yaml", "kind: cop-assessment\n")
	write("dir/a.yml", "kind: cop-assessment\n")
	write("dir/notes.txt", "not YAML\n")
	write("dir/ana.draft.yaml", "kind: cop-assessment\n")
	write("dir/.hidden/c.yaml", "kind: cop-assessment\n")
	for link, target := range map[string]string{
		"dir/link.yaml":      "../elsewhere/real.yaml",
		"dir/sub":            "../elsewhere/sub",  // a folder: not followed
		"dir/broken.yaml":    "../elsewhere/none", // nothing there: left out
		"dir/draft.yaml":     "ana.draft.yaml",    // its own name is not a draft's
		"dir/ben.draft.yaml": "../elsewhere/real.yaml",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(root, "dir")
	got, drafts, err := Expand([]string{dir, filepath.Join(dir, "b.yaml"), dir + "/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Arg{
		{Path: filepath.Join(dir, "a.yml"), Found: true},
		{Path: filepath.Join(dir, "b.yaml"), Found: true},
		{Path: filepath.Join(dir, "draft.yaml"), Found: true},
		{Path: filepath.Join(dir, "link.yaml"), Found: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Expand =\n%v\nwant\n%v", got, want)
	}
	// ana.draft.yaml, and ben.draft.yaml (a link), each counted once
	// although the folder is named twice.
	wantDrafts := []string{filepath.Join(dir, "ana.draft.yaml"), filepath.Join(dir, "ben.draft.yaml")}
	if !reflect.DeepEqual(drafts, wantDrafts) {
		t.Errorf("drafts = %v, want %v", drafts, wantDrafts)
	}
}

// TestReadEachSkips checks what ReadEach gives a command that reads
// assessments: a file without kind: but with an assessment's fields is
// given to decode, other YAML is skipped and counted, drafts are counted,
// and the results keep the order of the files.
func TestReadEachSkips(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"1.yaml":       "kind: cop-assessment\n",
		"2.yaml":       "community: No kind line\n",
		"3.yaml":       "kind: cop-policy\nmin-overall: 2\n",
		"4.yml":        "name: a CI workflow\n",
		"5.yaml":       "kind: [\n",
		"6.draft.yaml": "kind: cop-assessment\n",
		"7.yaml":       "kind: cop-assessment\ndraft: true\n",
		"8.yaml":       "kind: cop-assessment\ndraft: false\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, skipped, err := ReadEach(context.Background(), []string{dir}, nil, []string{model.AssessmentKind},
		func(in Input) string {
			if in.Err != nil {
				return filepath.Base(in.Name) + " unreadable"
			}
			return filepath.Base(in.Name)
		})
	if err != nil {
		t.Fatal(err)
	}
	// 5.yaml does not parse, so what it holds cannot be told: it is reported.
	want := []string{"1.yaml", "2.yaml", "5.yaml unreadable", "8.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadEach = %v, want %v", got, want)
	}
	// 6.draft.yaml by its name (left out before reading), 7.yaml by its content
	wantSkipped := Skipped{Drafts: []string{filepath.Join(dir, "6.draft.yaml"), filepath.Join(dir, "7.yaml")}, Other: 2}
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("skipped = %+v, want %+v", skipped, wantSkipped)
	}
	wantMsg := "skipped 2 drafts (" + filepath.Join(dir, "6.draft.yaml") + ", " + filepath.Join(dir, "7.yaml") +
		") and 2 YAML files without kind: cop-assessment"
	if msg := skipped.Message(model.AssessmentKind); msg != wantMsg {
		t.Errorf("message = %q, want %q", msg, wantMsg)
	}
	many := Skipped{Drafts: []string{"a", "b", "c", "d", "e"}}
	if msg := many.Message(model.AssessmentKind); msg != "skipped 5 drafts (a, b, c and 2 more)" {
		t.Errorf("message = %q", msg)
	}
}
