//go:build linux || darwin

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPagerOnTerminal runs cop with its standard output on a
// pseudo-terminal, where long output goes through the pager: COP_PAGER
// when set, and less with LESS=FRX by default. (That it never runs when
// standard output is not a terminal is in testdata/script/flags.txtar.)
func TestPagerOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cop")
	}
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(examples, "riverside-nurses", "2026-11-22.yaml")

	t.Run("COP_PAGER", func(t *testing.T) {
		// tr stands for a pager: what reaches the terminal went through it.
		t.Setenv("COP_PAGER", "tr a-z A-Z")
		tm := startCop(t, ptyRun{dir: t.TempDir(), args: []string{"report", report}, noForm: true})
		tm.waitOutput("RIVERSIDE PALLIATIVE CARE NURSES, 2026-11-22")
		if code := tm.exit(); code != 0 {
			t.Errorf("exit status %d", code)
		}
	})

	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("no less on PATH")
	}
	unset := func(keys ...string) {
		for _, k := range keys {
			t.Setenv(k, "") // restored after the test
			os.Unsetenv(k)
		}
	}

	t.Run("less waits on long output", func(t *testing.T) {
		unset("COP_PAGER", "PAGER", "LESS")
		// The framework is longer than the 24 rows: less shows the first
		// screen and waits; q quits it, and cop exits 0.
		tm := startCop(t, ptyRun{dir: t.TempDir(), args: []string{"framework", "show"}, noForm: true})
		tm.waitFor("Scale:")
		tm.press("q", "")
		if code := tm.exit(); code != 0 {
			t.Errorf("exit status %d", code)
		}
		// Without a pager all 141 lines would have been written; with less,
		// the last one never reached the screen.
		if s := tm.screen(); strings.Contains(s, "for growth.") {
			t.Errorf("the whole output was written, not paged:\n%s", s)
		}
	})

	t.Run("less quits on short output", func(t *testing.T) {
		unset("COP_PAGER", "PAGER", "LESS")
		// -F (from LESS=FRX): one screen of output needs no key.
		tm := startCop(t, ptyRun{dir: t.TempDir(), args: []string{"version"}, noForm: true})
		tm.waitOutput("cop ")
		if code := tm.exit(); code != 0 {
			t.Errorf("exit status %d", code)
		}
	})
}
