package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
)

// parse runs cop check's flag parsing only, and returns the options it filled.
func parse(t *testing.T, args ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	f := &factory.Factory{IO: ios, Now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }}
	var got *Options
	cmd := NewCmdCheck(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	err := cmd.Execute()
	return got, err
}

func TestFlags(t *testing.T) {
	o, err := parse(t, "--min-overall", "2", "--min", "alpha=2.5", "--min", " beta = 1 ", "--min-level", "mid",
		"--min-coverage", "0.8", "--max-age", "30", "--require-complete", "--baseline", "old.yaml", "--max-drop", "0.25",
		"-f", "junit", "a.yaml", "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := o.Overrides
	if p.MinOverall.Value != 2 || p.MinLevel.Value != "mid" || p.MinCoverage.Value != 0.8 || p.MaxAge.Value != 30 ||
		!p.RequireComplete || p.Baseline.Value != "old.yaml" || p.MaxDrop.Value != 0.25 {
		t.Errorf("overrides = %+v", p)
	}
	if a, b := p.Dimension("alpha"), p.Dimension("beta"); a.Min.Value != 2.5 || b.Min.Value != 1 || a.Flag != "--min alpha=2.5" {
		t.Errorf("dimension overrides: %+v, %+v", a, b)
	}
	if got := strings.Join(o.Flags, " "); got != "--min-overall --min-level --min-coverage --max-age --require-complete --baseline --max-drop --min" {
		t.Errorf("flags named: %s", got)
	}
	if o.Format != "junit" || strings.Join(o.Files, " ") != "a.yaml b.yaml" {
		t.Errorf("format %q, files %v", o.Format, o.Files)
	}
	// text is the old name of table, and still accepted.
	if o, err = parse(t, "-f", "text", "a.yaml"); err != nil || o.Format != "table" {
		t.Errorf("-f text: format %q, %v; want table", o.Format, err)
	}
	// Flags not given stay unset: a policy file's rules are kept.
	o, err = parse(t, "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !o.Overrides.Empty() || len(o.Flags) != 0 || o.Format != "table" {
		t.Errorf("no flags: overrides %+v, flags %v, format %q", o.Overrides, o.Flags, o.Format)
	}
}

func TestFlagErrors(t *testing.T) {
	for args, want := range map[string]string{
		"--min alpha":                 `--min "alpha": expected DIM=N, a dimension id and its lowest score, such as --min DIM=2.5`,
		"--min =2":                    `--min "=2": "" is not a dimension id (letters, digits, '-', '_' or '.')`,
		"--min alpha=high":            `--min "alpha=high": "high" is not a number`,
		"--min alpha=NaN":             `--min "alpha=NaN": "NaN" is not a number`,
		"--min alpha=1 --min alpha=2": `--min alpha=2: dimension alpha is given twice`,
		"--min-overall NaN":           `--min-overall: expected a number, got NaN`,
		"--min-coverage 80":           `--min-coverage 80 is not a fraction from 0 to 1; 80% is written 0.8`,
		"--max-age -1":                `--max-age -1 is not a whole number of days (0 or more)`,
		"--max-drop -1":               `--max-drop -1 is negative (expected how much a score may fall, such as 0.25)`,
		"--min-level two words":       `--min-level "two words" is not a level id (letters, digits, '-', '_' or '.')`,
		"--policy p.yaml --no-policy": `--policy and --no-policy cannot be used together`,
		"-f xml":                      `"xml" is not one of table, json, junit, github`,
		"--baseline= --min-overall 1": `--baseline needs a FILE`,
	} {
		t.Run(args, func(t *testing.T) {
			argv := strings.Fields(args)
			if args == "--min-level two words" {
				argv = []string{"--min-level", "two words"}
			}
			_, err := parse(t, append(argv, "a.yaml")...)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want %q", err, want)
			}
			if exitcode.Code(err) != exitcode.Invalid {
				t.Errorf("exit code %d, want %d", exitcode.Code(err), exitcode.Invalid)
			}
		})
	}
	if _, err := parse(t); err == nil || exitcode.Code(err) != exitcode.Invalid {
		t.Errorf("no FILE: %v", err)
	}
}

// TestPolicyMerge: flags replace the file's rules one by one, and --min a
// dimension's minimum only, keeping its target.
func TestPolicyMerge(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	err := os.WriteFile(path, []byte("kind: cop-policy\nversion: 1\nmin-overall: 3\nmin-level: high\nrequire-complete: true\nbaseline: old.yaml\n"+
		"dimensions:\n  alpha: {min: 3, target: 4}\n  beta: {min: 2}\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	o, err := parse(t, "--policy", path, "--min-overall", "1", "--min", "alpha=1.5", "--min", "gamma=2", "--require-complete=false", "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy(o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != path || p.MinOverall.Value != 1 || p.MinOverall.Flag == "" || p.MinLevel.Value != "high" || p.RequireComplete {
		t.Errorf("merged: %+v", p)
	}
	// The baseline in the file is relative to the file's folder.
	if p.Baseline.Value != filepath.Join(dir, "old.yaml") {
		t.Errorf("baseline %q", p.Baseline.Value)
	}
	a, b, g := p.Dimension("alpha"), p.Dimension("beta"), p.Dimension("gamma")
	if a.Min.Value != 1.5 || a.Target.Value != 4 || b.Min.Value != 2 || g.Min.Value != 2 || g.Flag != "--min gamma=2" {
		t.Errorf("dimensions: alpha %+v, beta %+v, gamma %+v", a, b, g)
	}

	// --max-drop with no baseline anywhere, and no rules at all, are usage errors.
	o, _ = parse(t, "--no-policy", "--max-drop", "0.5", "a.yaml")
	if _, err := policy(o); err == nil || exitcode.Code(err) != exitcode.Invalid || !strings.Contains(err.Error(), "--max-drop needs a baseline") {
		t.Errorf("--max-drop without a baseline: %v", err)
	}
	o, _ = parse(t, "--no-policy", "a.yaml")
	if _, err := policy(o); err == nil || exitcode.Code(err) != exitcode.Invalid || !strings.Contains(err.Error(), "no rules to check") {
		t.Errorf("no rules: %v", err)
	}
}
