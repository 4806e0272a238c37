package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, writeString("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v, want new and 0600", got, st.Mode().Perm())
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("files left behind: %v", names)
	}
}

func TestFailedWriteLeavesTheOldFileWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(p, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("interrupted half way")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "precious" {
		t.Errorf("old file now holds %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("temporary file left behind: %v", names)
	}
}

func TestCreateRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.yaml")
	if err := Create(p, writeString("first")); err != nil {
		t.Fatal(err)
	}
	err := Create(p, writeString("second"))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "first" {
		t.Errorf("file now holds %q", got)
	}
}

func TestWriteIntoMissingFolder(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "no", "such", "f.yaml"), writeString("x"))
	if err == nil {
		t.Fatal("wrote into a folder that does not exist")
	}
}

// TestDirectoryIsNotAnExistingFile: Create onto a directory says it is a
// directory, not that it exists (the caller would then offer --force, which
// could not help); Write says the same. Nothing is written in it.
func TestDirectoryIsNotAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	for name, f := range map[string]func(string, func(io.Writer) error) error{"Create": Create, "Write": Write} {
		err := f(dir, writeString("x"))
		if err == nil || errors.Is(err, ErrExists) || err.Error() != dir+": is a directory" {
			t.Errorf("%s onto a directory: err = %v, want %q", name, err, dir+": is a directory")
		}
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf("written into the directory: %v", names)
	}
}

// TestWriteThroughALinkKeepsTheLink: writing to a symbolic link replaces
// the file it points to, in that file's folder; the link stays a link.
func TestWriteThroughALinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "round.yaml")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "round.yaml")
	if err := os.Symlink(filepath.Join("data", "round.yaml"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(link, writeString("new\n")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file (%v)", err)
	}
	got, err := os.ReadFile(real)
	if err != nil || string(got) != "new\n" {
		t.Errorf("the linked file holds %q (%v), want %q", got, err, "new\n")
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old file's 0600", st.Mode().Perm())
	}
	if es := entries(t, filepath.Dir(real)); len(es) != 1 {
		t.Errorf("files left in the target's folder: %v", es)
	}
}
