package catalog

import (
	"os"
	"path/filepath"
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
	p := filepath.Join(t.TempDir(), "fw.yaml")
	if err := os.WriteFile(p, []byte(strings.Replace(userFramework, "%s", id, 1)), 0o644); err != nil {
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
