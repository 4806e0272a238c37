// Package golden compares test output with files under testdata/ and, with
// -update, rewrites them. Every test package imports it (if only for the
// flag), so that "go test ./... -update" is accepted by each test binary.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Update is set by -update: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files under testdata/ (review the diff)")

// Assert compares got with testdata/<test name><ext>, or writes it there
// with -update. The file name is the test's name with "/" replaced by "_".
func Assert(t *testing.T, ext string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+ext)
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it; review the diff):\n%s", path, diff(string(want), string(got)))
	}
}

// diff shows the first lines that differ, enough to see what changed.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w == g {
			continue
		}
		b.WriteString("line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g + "\n")
		if shown++; shown == 10 {
			b.WriteString("...\n")
			break
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
