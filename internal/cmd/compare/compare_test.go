package compare

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
)

const examples = "../../../examples"

func TestNewCmdCompareFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdCompare(factory.New(ios), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--framework", "a.yaml", "--framework", "b.yaml", "--all-rounds", "--sort", "overall", "-f", "csv", "-o", "out.csv", "x/", "y.yaml"})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Frameworks, ",") != "a.yaml,b.yaml" || !got.AllRounds || got.Sort != "overall" ||
		got.Format != "csv" || got.Output != "out.csv" || strings.Join(got.Files, ",") != "x/,y.yaml" {
		t.Errorf("options = %+v", got)
	}
	cmd = NewCmdCompare(factory.New(ios), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"x/"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Sort != "name" || got.Format != "table" || got.AllRounds || got.Frameworks != nil {
		t.Errorf("defaults = %+v", got)
	}
}

// TestCompareColour: cells are coloured by level only on a terminal, never
// with NO_COLOR, and never in a file.
func TestCompareColour(t *testing.T) {
	cases := []struct {
		name    string
		tty     bool
		noColor string
		output  bool
		want    bool
	}{
		{"terminal", true, "", false, true},
		{"NO_COLOR", true, "1", false, false},
		{"pipe", false, "", false, false},
		{"file", true, "", true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			ios.SetStdoutTTY(tc.tty)
			ios.SetEnv(func(k string) string {
				if k == "NO_COLOR" {
					return tc.noColor
				}
				return ""
			})
			f := factory.New(ios)
			opts := &Options{IO: ios, WriteOutput: f.WriteOutput, Files: []string{examples}, Format: "table", Sort: "name"}
			if tc.output {
				opts.Output = filepath.Join(t.TempDir(), "cmp.txt")
			}
			if err := compareRun(opts); err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			text := out.String()
			if tc.output {
				data, err := os.ReadFile(opts.Output)
				if err != nil {
					t.Fatal(err)
				}
				text = string(data)
			}
			// Maturing is the third of four levels: cyan (36).
			if got := strings.Contains(text, "\x1b[36m2.67\x1b[0m"); got != tc.want {
				t.Errorf("coloured = %v, want %v:\n%s", got, tc.want, text)
			}
			if !strings.Contains(text, "2.67") {
				t.Errorf("no scores:\n%s", text)
			}
		})
	}
}

// TestCompareWidth: on a 50-column terminal the comparison of the examples
// fits 50 columns (split into tables, with the hint); written to a file it
// is laid out for 80 columns, whatever the terminal.
func TestCompareWidth(t *testing.T) {
	for _, toFile := range []bool{false, true} {
		ios, _, out, errOut := iostreams.Test()
		ios.SetStdoutTTY(true)
		ios.SetTerminalWidth(50)
		f := factory.New(ios)
		opts := &Options{IO: ios, WriteOutput: f.WriteOutput, Files: []string{examples}, Format: "table", Sort: "name"}
		want := 50
		if toFile {
			opts.Output = filepath.Join(t.TempDir(), "cmp.txt")
			want = 80
		}
		if err := compareRun(opts); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		text := out.String()
		if toFile {
			data, err := os.ReadFile(opts.Output)
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
		}
		widest := 0
		for _, l := range strings.Split(text, "\n") {
			widest = max(widest, ansi.StringWidth(l))
		}
		// The examples' names wrap to 19, 18 and 20 cells beside labels of
		// at least 14 ("Sustainability"): 14 + 21 + 20 + 22 = 77 columns fit
		// 80 in one table, but not 50.
		if widest > want || widest < want-10 {
			t.Errorf("to a file %v: widest line %d columns, want at most %d (and near it):\n%s", toFile, widest, want, text)
		}
		if split := strings.Contains(text, "-f csv or -f json"); split != (want == 50) {
			t.Errorf("to a file %v: split %v:\n%s", toFile, split, text)
		}
	}
}
