package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
)

const userFramework = `kind: cop-framework
id: %s
version: 9.0.0
title: Mine
description: Mine.
scale:
  - {value: 0, label: "No", description: n}
  - {value: 1, label: "Yes", description: y}
levels:
  - {id: l, label: L, min: 0, description: l}
dimensions:
  - id: d
    title: D
    description: d
    indicators: [{id: i, title: I, statement: s, guidance: g}]
`

func writeFramework(t *testing.T, id string) string {
	return writeVersion(t, id, "9.0.0")
}

// writeVersion writes a framework of this id and version in its own file.
func writeVersion(t *testing.T, id, version string) string {
	p := filepath.Join(t.TempDir(), id+"-"+version+".yaml")
	text := strings.Replace(strings.Replace(userFramework, "%s", id, 1), "9.0.0", version, 1)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolve(t *testing.T) {
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	ids := c.EmbeddedIDs()
	if len(ids) < 2 {
		t.Fatalf("embedded ids = %v", ids)
	}
	for _, id := range ids {
		fw, err := c.Resolve(id)
		if err != nil || fw.ID != id {
			t.Errorf("Resolve(%s) = %v, %v", id, fw, err)
		}
		again, _ := c.Resolve(id)
		if again != fw {
			t.Errorf("Resolve(%s) parsed the framework twice", id)
		}
	}
	_, err = c.Resolve("nope")
	if err == nil || !strings.Contains(err.Error(), `framework "nope" not found (built in: `+strings.Join(ids, ", ")+"; pass --framework FILE to use your own)") {
		t.Errorf("err = %v", err)
	}
}

func TestUserFrameworkTakesPrecedence(t *testing.T) {
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	shadowed := c.EmbeddedIDs()[0]
	p := writeFramework(t, shadowed)
	c, err = New(p)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := c.Resolve(shadowed)
	if err != nil || fw.Version != "9.0.0" || fw.Source != p {
		t.Errorf("Resolve(%s) = %+v, %v; want the user's file", shadowed, fw, err)
	}
	def, _ := c.Default()
	if def != fw {
		t.Error("Default is not the user's framework")
	}
	_, err = c.Resolve("other")
	if err == nil || !strings.Contains(err.Error(), p+` has id "`+shadowed+`"`) {
		t.Errorf("err = %v", err)
	}
}

func TestBadUserFramework(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(p, []byte("kind: cop-framework\nid: x\n"), 0o644)
	if _, err := New(p); err == nil || !strings.Contains(err.Error(), p+":1:1: framework: missing version") {
		t.Errorf("err = %v", err)
	}
}

// TestResolveVersion: an input gets the --framework file of the version it
// names, else the newest by semantic versioning (1.0.0-rc.10 after
// 1.0.0-rc.2, where comparing text would say the opposite); a --framework
// file wins over the embedded framework of its id.
func TestResolveVersion(t *testing.T) {
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	emb := c.EmbeddedIDs()[0]
	rc2, rc10 := writeVersion(t, "x", "1.0.0-rc.2"), writeVersion(t, "x", "1.0.0-rc.10")
	mine := writeVersion(t, emb, "0.0.1")
	if c, err = New(rc10, rc2, mine); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, version, want string }{
		{"x", "1.0.0-rc.2", rc2},
		{"x", "1.0.0-rc.10", rc10},
		{"x", "1.0.0-rc.3", rc10}, // not at hand: the newest
		{"x", "", rc10},
		{emb, "1.0.0", mine}, // the user's file of that id, not the embedded one
	} {
		fw, err := c.ResolveVersion(tc.id, tc.version)
		if err != nil || fw.Source != tc.want {
			t.Errorf("ResolveVersion(%s, %s) = %v, %v; want %s", tc.id, tc.version, fw, err, tc.want)
		}
	}
	if _, err := New(rc2, writeVersion(t, "x", "1.0.0-rc.2")); err == nil || !strings.Contains(err.Error(), "are both framework x version 1.0.0-rc.2") {
		t.Errorf("the same version twice: err = %v", err)
	}
}

// TestUnused: a --framework file whose id no input named is an error that
// names the file and the ids the inputs named; once an input names it, or
// with no --framework file at all, there is none.
func TestUnused(t *testing.T) {
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Unused(); err != nil {
		t.Errorf("no --framework: %v", err)
	}
	emb := c.EmbeddedIDs()[0]
	p := writeVersion(t, "mine", "1.0.0")
	if c, err = New(p); err != nil {
		t.Fatal(err)
	}
	if err := c.Unused(); err == nil || err.Error() != "--framework "+p+`: its id "mine" is named by no input (the inputs name: none (no input named a framework))` {
		t.Errorf("nothing read: err = %v", err)
	}
	c.Resolve(emb)
	c.Resolve("nope")
	want := "--framework " + p + `: its id "mine" is named by no input (the inputs name: ` + strings.Join(sorted(emb, "nope"), ", ") + ")"
	if err := c.Unused(); err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	c.Named("mine")
	if err := c.Unused(); err != nil {
		t.Errorf("after an input named it: %v", err)
	}
}

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

// TestFileNamesStayOnTheirLine: a --framework file whose path holds a line
// break is named in the message with the break written as \x0a, so the
// name stays whole on its line (package inert), as every other file name
// cop prints on standard error.
func TestFileNamesStayOnTheirLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a\nb")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skip("this file system takes no line break in a name:", err)
	}
	p := filepath.Join(dir, "mine.yaml")
	text := strings.Replace(userFramework, "%s", "mine", 1)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Unused()
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), `a\x0ab`) {
		t.Errorf("Unused = %q, want the path on one line with \\x0a", err)
	}
	_, err = c.Embedded("nope")
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), `a\x0ab`) {
		t.Errorf("not found = %q, want the path on one line with \\x0a", err)
	}
}
