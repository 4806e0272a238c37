package catalog

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/load"
)

// TestCompiledFrameworksAreCurrent keeps framework/compiled in step with the
// YAML: each compiled file must be exactly what Compile makes from the
// embedded YAML. go test ./internal/catalog -update rewrites them.
func TestCompiledFrameworksAreCurrent(t *testing.T) {
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range c.EmbeddedIDs() {
		src, err := framework.FS.ReadFile(id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		fw, err := load.FrameworkBytes("embedded:"+id+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		want := Compile(fw, src)
		path := filepath.Join("..", "..", "framework", filepath.FromSlash(CompiledPath(id)))
		if *golden.Update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is missing or stale (%v): run go test ./internal/catalog -update and rebuild", path, err)
			continue
		}
		// What cop reads is what the YAML says.
		back, err := decompile(got, src)
		if err != nil {
			t.Fatal(err)
		}
		back.Source = fw.Source
		if !reflect.DeepEqual(back, fw) {
			t.Errorf("%s decodes to\n%+v\nnot\n%+v", path, back, fw)
		}
	}
}

func TestStaleOrDamagedCompiledFormIsIgnored(t *testing.T) {
	src, err := framework.FS.ReadFile(framework.Default)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := load.FrameworkBytes("x", src)
	if err != nil {
		t.Fatal(err)
	}
	good := Compile(fw, src)
	// A YAML edited after compiling: the hash no longer matches.
	edited := append(append([]byte(nil), src...), []byte("\n# edited\n")...)
	if _, err := decompile(good, edited); err == nil {
		t.Error("a compiled form was accepted for YAML it was not made from")
	}
	// Every truncation, and damage to each byte of the body, fails or
	// decodes without panicking.
	for n := 0; n < len(good); n++ {
		if _, err := decompile(good[:n], src); err == nil {
			t.Fatalf("a compiled form cut at %d of %d bytes was accepted", n, len(good))
		}
	}
	for i := len(compiledMagic) + 12; i < len(good); i += 7 {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0xff
		decompile(bad, src)
	}
}
