package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // -update is accepted by every test package
	"github.com/cophealth/cop/internal/iostreams"
)

func TestFileName(t *testing.T) {
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cases := []struct{ community, respondent, want string }{
		{"Riverside Palliative Care Nurses", "Ana Ruiz", "riverside-palliative-care-nurses-2026-11-22-ana-ruiz.yaml"},
		// Two members of one community on one day: two files.
		{"Riverside Palliative Care Nurses", "Ben Okafor", "riverside-palliative-care-nurses-2026-11-22-ben-okafor.yaml"},
		{"  Open-Source  Maintainers' Circle!", "O'Brien, J.", "open-source-maintainers-circle-2026-11-22-o-brien-j.yaml"},
		{"Équipe Santé / Lyon", "Zoé", "équipe-santé-lyon-2026-11-22-zoé.yaml"},
		{"../../etc/passwd", "../x", "etc-passwd-2026-11-22-x.yaml"},
		{"***", "Ana", "assessment-2026-11-22-ana.yaml"},
		// No name yet (or none with letters): community and date alone.
		{"Riverside", "", "riverside-2026-11-22.yaml"},
		{"Riverside", "?!", "riverside-2026-11-22.yaml"},
		// Whole words up to 60 bytes: five of 10 letters and 4 hyphens make
		// 54; a sixth would make 65.
		{strings.Repeat("abcdefghij ", 10), "A", "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-2026-11-22-a.yaml"},
		// One word longer than 60 bytes is cut at 60; so is a respondent's.
		{strings.Repeat("x", 70), strings.Repeat("y", 70), strings.Repeat("x", 60) + "-2026-11-22-" + strings.Repeat("y", 60) + ".yaml"},
	}
	for _, c := range cases {
		if got := FileName(c.community, day, c.respondent); got != c.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", c.community, c.respondent, got, c.want)
		}
	}
}

func TestDraftName(t *testing.T) {
	cases := map[string]string{
		"nurses-2026-11-22.yaml": "nurses-2026-11-22.draft.yaml",
		"rounds/nurses.yml":      "rounds/nurses.draft.yaml",
		"nurses":                 "nurses.draft.yaml",
		"nurses.txt":             "nurses.txt.draft.yaml",
	}
	for path, want := range cases {
		if got := DraftName(path); got != want {
			t.Errorf("DraftName(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	cases := map[string]string{
		"rounds/nurses-2026.draft.yaml": "rounds/nurses-2026.draft.yaml",
		"my rounds/a.yaml":              "'my rounds/a.yaml'",
		"it's.yaml":                     `'it'\''s.yaml'`,
		"$(rm -rf ~).yaml":              "'$(rm -rf ~).yaml'",
		"":                              "''",
	}
	for in, want := range cases {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestAccessibleFromEnvironment(t *testing.T) {
	cases := []struct {
		flag       bool
		term, env  string
		accessible bool
	}{
		{false, "xterm", "", false},
		{true, "xterm", "", true},
		{false, "dumb", "", true},
		{false, "xterm", "1", true},
		{false, "xterm", "true", true},
		{false, "xterm", "0", false},
		{false, "xterm", "false", false},
	}
	for _, c := range cases {
		ios, _, _, _ := iostreams.Test()
		ios.SetEnv(func(k string) string {
			return map[string]string{"TERM": c.term, "ACCESSIBLE": c.env}[k]
		})
		o := &Options{IO: ios, Accessible: c.flag}
		if got := o.accessible(); got != c.accessible {
			t.Errorf("--accessible=%v TERM=%s ACCESSIBLE=%q: accessible = %v, want %v", c.flag, c.term, c.env, got, c.accessible)
		}
	}
}

// runFlags parses a command line and returns the options it gave, or the error.
func runFlags(t *testing.T, args ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdAssess(factory.New(ios), func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	return got, err
}

func TestFlags(t *testing.T) {
	o, err := runFlags(t, "--community", "Riverside", "--date", "2026-11-22", "--role", "", "--resume", "d.yaml", "--force", "--theme", "light")
	if err != nil {
		t.Fatal(err)
	}
	if !o.Given.Community || !o.Given.Date || !o.Given.Role || o.Given.Respondent {
		t.Errorf("given %+v: want community, date and role (an empty role is an answer), not the respondent", o.Given)
	}
	if o.Resume != "d.yaml" || !o.Force || o.Theme != "light" {
		t.Errorf("options %+v", o)
	}
	for _, bad := range [][]string{
		{"--date", "22/11/2026"},
		{"--community", " "},
		{"--respondent", ""},
		{"--theme", "blue"},
		{"extra"},
	} {
		if _, err := runFlags(t, bad...); exitcode.Code(err) != exitcode.Invalid {
			t.Errorf("%v: error %v, want a usage error (exit 2)", bad, err)
		}
	}
}

// Without a terminal, and not in accessible mode, cop assess stops before
// reading anything.
func TestNoTerminal(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	ios.SetStderrTTY(true)
	o := &Options{IO: ios, Now: time.Now, Resume: "does-not-matter.yaml"}
	err := assessRun(o)
	if exitcode.Code(err) != exitcode.Invalid || !strings.Contains(err.Error(), "standard input is not one") {
		t.Errorf("error %v, want exit 2 naming standard input", err)
	}
	ios.SetStdinTTY(true)
	ios.SetStderrTTY(false)
	if err := assessRun(o); err == nil || !strings.Contains(err.Error(), "standard error is not one") {
		t.Errorf("error %v, want one naming standard error", err)
	}
	if out.Len() != 0 {
		t.Errorf("standard output got %q", out.String())
	}
}
