package framework_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/catalog"
	cmdframework "github.com/cophealth/cop/internal/cmd/framework"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/model"
)

// embedded loads every embedded framework through the catalog, as cop does.
func embedded(t *testing.T) map[string]*model.Framework {
	t.Helper()
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Framework{}
	for _, id := range cat.EmbeddedIDs() {
		fw, err := cat.Embedded(id)
		if err != nil {
			t.Fatalf("embedded framework %s: %v", id, err)
		}
		out[id] = fw
	}
	if len(out) < 2 {
		t.Fatalf("want at least two embedded frameworks, got %d", len(out))
	}
	return out
}

// TestEmbeddedFrameworksLoadCleanly: every embedded file loads, is named
// after its id, and draws no lint advice.
func TestEmbeddedFrameworksLoadCleanly(t *testing.T) {
	for id, fw := range embedded(t) {
		if advice := cmdframework.Advice(fw); len(advice) > 0 {
			t.Errorf("%s: %s", id, strings.Join(advice, "\n"))
		}
	}
	if _, err := fs.ReadFile(framework.FS, framework.Default); err != nil {
		t.Errorf("the default framework %s is not embedded: %v", framework.Default, err)
	}
}

// TestDefaultFrameworkKeepsTheContract checks cop-health against the ids,
// scale and levels the contract fixes, kept in testdata/contract.txt.
func TestDefaultFrameworkKeepsTheContract(t *testing.T) {
	fw := embedded(t)[strings.TrimSuffix(framework.Default, ".yaml")]
	data, err := os.ReadFile("testdata/contract.txt")
	if err != nil {
		t.Fatal(err)
	}
	var dims []string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, rest, _ := strings.Cut(line, ": ")
		switch key {
		case "scale":
			var got []string
			for _, p := range fw.Scale {
				got = append(got, model.FormatNumber(p.Value)+"="+p.Label)
			}
			want := splitPairs(rest)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("scale = %v, want %v", got, want)
			}
		case "levels":
			var got []string
			for _, l := range fw.Levels {
				got = append(got, l.ID+"="+model.FormatNumber(l.Min))
			}
			if strings.Join(got, " ") != rest {
				t.Errorf("levels = %v, want %s", got, rest)
			}
		default:
			dims = append(dims, key)
			d := fw.Dimension(key)
			if d == nil {
				t.Errorf("dimension %s missing", key)
				continue
			}
			if got := strings.Join(d.IndicatorIDs(), " "); got != rest {
				t.Errorf("dimension %s indicators = %s, want %s", key, got, rest)
			}
			if d.Weight != 1 {
				t.Errorf("dimension %s has weight %v; the default framework weighs dimensions equally", key, d.Weight)
			}
		}
	}
	if got := strings.Join(fw.DimensionIDs(), " "); got != strings.Join(dims, " ") {
		t.Errorf("dimensions = %s, want %s", got, strings.Join(dims, " "))
	}
	if fw.IndicatorCount() != 22 {
		t.Errorf("%d indicators, want 22", fw.IndicatorCount())
	}
}

// splitPairs splits "0=Not in place 1=Beginning" at each " N=".
func splitPairs(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if strings.Contains(f, "=") || len(out) == 0 {
			out = append(out, f)
		} else {
			out[len(out)-1] += " " + f
		}
	}
	return out
}

// TestNoGoCodeNamesAFrameworkID is the other direction of the cross-check:
// frameworks are data, so no string literal in any Go file of the module,
// tests included, may be a dimension or indicator id of an embedded
// framework. Ids used in tests belong in testdata files.
func TestNoGoCodeNamesAFrameworkID(t *testing.T) {
	ids := map[string]string{}
	for fid, fw := range embedded(t) {
		for _, d := range fw.Dimensions {
			ids[d.ID] = fid + " dimension"
			for _, ind := range d.Indicators {
				ids[ind.ID] = fid + " indicator"
			}
		}
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			if what, ok := ids[s]; ok {
				t.Errorf("%s: string %q is a %s id; frameworks are data, keep ids out of Go code", fset.Position(lit.Pos()), s, what)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
