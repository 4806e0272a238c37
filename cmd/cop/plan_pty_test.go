//go:build linux || darwin

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/model"
	"github.com/creack/pty"
)

// These tests run the real cop plan in a pseudo-terminal of 80 by 24 and
// answer it with keys, as a person would; before each key they wait until
// the screen shows the question the key answers.

// planTTY is a pseudo-terminal with cop plan running in it.
type planTTY struct {
	t    *testing.T
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int
	done chan error
}

func startPlan(t *testing.T, dir string, args ...string) *planTTY {
	t.Helper()
	exe, _ := binaries(t)
	cmd := &exec.Cmd{Path: exe, Args: append([]string{"cop", "plan"}, args...), Dir: dir}
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COP_NOW=2026-11-23", "LANG=C.UTF-8", "NO_COLOR=")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	p := &planTTY{t: t, tty: tty, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			// A terminal answers Bubble Tea's cursor position query.
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				tty.WriteString("\x1b[1;1R")
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		tty.Close()
	})
	return p
}

var planANSI = regexp.MustCompile(`\x1b\[[0-9;?$>=<]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>]`)

// planWait is how long a wait for the screen or for cop to exit lasts: a
// screen comes in milliseconds, and in a second or two on a loaded two-core
// CI machine.
const planWait = 30 * time.Second

// plainIndex finds text in out[from:] with the escape sequences taken out,
// and returns where in out the match starts, or -1.
func plainIndex(out string, from int, text string) int {
	var plain strings.Builder
	var at []int // at[i] is the index in out of plain's byte i
	i := from
	for _, seq := range planANSI.FindAllStringIndex(out[from:], -1) {
		for ; i < from+seq[0]; i++ {
			plain.WriteByte(out[i])
			at = append(at, i)
		}
		i = from + seq[1]
	}
	for ; i < len(out); i++ {
		plain.WriteByte(out[i])
		at = append(at, i)
	}
	k := strings.Index(plain.String(), text)
	if k < 0 {
		return -1
	}
	return at[k]
}

// waitFor polls the screen until text appears after what earlier waits saw,
// and moves what they saw to the start of the text found: the next wait
// looks from there. (Not to the end of the output: when two screens come
// in one read, as on a loaded machine, the second's text would be counted
// as seen and the next wait would miss it.)
func (p *planTTY) waitFor(text string) {
	p.t.Helper()
	deadline := time.Now().Add(planWait)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		all := p.out.String()
		p.mu.Unlock()
		if at := plainIndex(all, p.seen, text); at >= 0 {
			p.seen = at
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.t.Fatalf("timed out waiting for %q; the terminal shows:\n%s", text, planANSI.ReplaceAllString(p.out.String(), ""))
}

// key sends keys, then waits for the screen to show then.
func (p *planTTY) key(keys, then string) {
	p.t.Helper()
	if _, err := p.tty.WriteString(keys); err != nil {
		p.t.Fatal(err)
	}
	if then != "" {
		p.waitFor(then)
	}
}

func (p *planTTY) exit() int {
	p.t.Helper()
	select {
	case err := <-p.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			p.t.Fatal(err)
		}
		return 0
	case <-time.After(planWait):
		p.t.Fatal("cop plan did not exit")
		return -1
	}
}

// planRound copies Riverside's first round, which has no actions, into a
// new folder.
func planRound(t *testing.T) (dir, path string, original []byte) {
	t.Helper()
	original, err := os.ReadFile("../../examples/riverside-nurses/2025-11-20.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	path = filepath.Join(dir, "round.yaml")
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path, original
}

func TestPlanInTerminal(t *testing.T) {
	dir, path, original := planRound(t)
	p := startPlan(t, dir, "round.yaml")
	p.waitFor("No actions yet.")
	// The weakest indicator comes first (development plan: 0, unknown, 0
	// -> 0.00), with the guidance for the community's stage (coalescing) as
	// a starting point.
	p.key(keyEnter, "> 0.00  Purpose: Development plan (weak)")
	p.key(keyEnter, "Option for a coalescing community: Agree the next three to six months")
	// An empty what is refused; a bad date too.
	p.waitFor("┃ What will the community do?")
	p.key(keyEnter, "say what the community will do")
	// Each field's title gets the focus bar when the field has the focus:
	// keys are sent only then, as a person types only once they see it.
	p.key("Agree a six-month plan: in January"+keyEnter, "┃ Who looks after it?")
	p.key("Ana Ruiz"+keyEnter, "┃ Due date")
	p.key("31/01/2027"+keyEnter, "is not a date")
	p.key(strings.Repeat("\x7f", 10)+"2027-01-31"+keyEnter, "┃ Status")
	p.key(keyDown+keyEnter, "Update 1: Agree a six-month plan: in January (doing)")
	// Update it: the menu lists it second; done is two below doing.
	p.key(keyDown+keyEnter, "Status of action 1")
	p.key(keyDown+keyEnter, "Update 1: Agree a six-month plan: in January (done)")
	// Save: after Add and Update 1.
	p.key(keyDown+keyDown+keyEnter, "")
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	p.waitFor("round.yaml: added 1 action; 1 action: 1 done")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(original) + `actions:
  - indicator: purpose/development-plan
    what: 'Agree a six-month plan: in January'
    owner: Ana Ruiz
    due: 2027-01-31
    status: done
`
	if string(got) != want {
		t.Errorf("the file is\n%s\nwant\n%s", got, want)
	}
}

func TestPlanCtrlCWritesNothing(t *testing.T) {
	dir, path, original := planRound(t)
	p := startPlan(t, dir, "round.yaml")
	p.waitFor("> Add an action")
	p.key(keyEnter, "What is the action about?")
	p.key(keyEnter, "┃ What will the community do?")
	p.key("Something"+keyEnter, "┃ Who looks after it?")
	p.key(keyCtrlC, "")
	if code := p.exit(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	p.waitFor("cop: interrupted")
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("the file changed:\n%s", got)
	}
}

// TestAssessGoesOnToPlan: the questionnaire's review can save and go on to
// cop plan on the file just saved, in the same terminal.
func TestAssessGoesOnToPlan(t *testing.T) {
	fw := defaultFramework(t)
	pages := len(fw.Dimensions) + 2
	dir := t.TempDir()
	tm := startCop(t, ptyRun{dir: dir, args: []string{"assess"}})
	tm.waitFor(footer(1, pages, 1, 4))
	tm.press("Riverside Nurses"+keyEnter, "question 2 of 4")
	tm.press("Ana Ruiz"+keyEnter, "question 3 of 4")
	tm.press(keyEnter, "question 4 of 4")
	tm.press(keyEnter, footer(2, pages, 1, len(fw.Dimensions[0].Indicators)+1))
	for di, d := range fw.Dimensions {
		next := footer(di+3, pages, 1, 0)
		next = next[:strings.LastIndex(next, " ")]
		tm.press(pageKeys(d, di, 0, len(d.Indicators)), next)
	}
	tm.waitFor("> Save and show the report")
	// The second choice saves, prints the report, then asks cop plan's
	// questions about the saved round.
	tm.press(keyDown+keyEnter, "Saved "+anaFile)
	tm.waitFor("Actions of Riverside Nurses, 2026-11-23")
	tm.waitFor("> Add an action")
	tm.press(keyEnter, "What is the action about?")
	tm.press(keyEnter, "┃ What will the community do?")
	tm.press("Agree a plan"+keyEnter, "┃ Who looks after it?")
	tm.press(keyEnter, "┃ Due date")
	tm.press(keyEnter, "┃ Status")
	tm.press(keyEnter, "Save and finish")
	tm.press(keyDown+keyDown+keyEnter, "added 1 action")
	if code := tm.exit(); code != 0 {
		t.Fatalf("exit status %d\n%s", code, tm.output())
	}
	a := loadAnswers(t, filepath.Join(dir, anaFile))
	if len(a.Actions) != 1 || a.Actions[0].What != "Agree a plan" || a.Actions[0].Status != "planned" {
		t.Errorf("actions %+v, want the one recorded", a.Actions)
	}
}

// TestPlanTypedAhead: the answers to a new action typed in one burst, as a
// paste or a quick typist sends them, each land in the field they were
// typed for. huh moves to the next field with a message sent after the
// enter; before keys typed ahead were held for it, the first letter of
// each answer went to the field before ("...monthsP", "riya Raman2",
// "027-01-31", refused as a date).
func TestPlanTypedAhead(t *testing.T) {
	original, err := os.ReadFile("../../examples/oss-maintainers/2026-09-01.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "round.yaml")
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	p := startPlan(t, dir, "round.yaml")
	// The list marks as overdue, as --list does, the actions past their
	// due date and not done: on COP_NOW 2026-11-23, action 2 (due
	// 2026-10-31, doing) is; action 1 (due 2026-12-31, planned) is not.
	// The mark may wrap to a line of its own.
	p.waitFor("overdue")
	p.mu.Lock()
	screen := planANSI.ReplaceAllString(p.out.String(), "")
	p.mu.Unlock()
	marked := regexp.MustCompile(`due (\S+)\): (\w+),\s*overdue`).FindAllStringSubmatch(screen, -1)
	for _, m := range marked {
		if m[1] != "2026-10-31" || m[2] != "doing" {
			t.Errorf("marked overdue: due %s, %s; want action 2 alone (due 2026-10-31, doing)", m[1], m[2])
		}
	}
	if len(marked) == 0 {
		t.Errorf("action 2 is not marked overdue; the terminal shows:\n%s", screen)
	}
	p.key(keyEnter, "What is the action about?")
	// The third of the weakest indicators.
	p.key(keyDown+keyDown+keyEnter, "┃ What will the community do?")
	// One write: the pty hands cop all of it at once.
	p.key("Agree the next three months"+keyEnter+"Priya Raman"+keyEnter+"2027-01-31"+keyEnter+keyEnter,
		"Update 3: Agree the next three months (planned)")
	// Save and finish: after Add and Update 1 to 3.
	p.key(strings.Repeat(keyDown, 4)+keyEnter, "")
	if code := p.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	p.waitFor("round.yaml: added 1 action; 3 actions: 2 planned, 1 doing")
	a := loadAnswers(t, path)
	if len(a.Actions) != 3 {
		t.Fatalf("%d actions, want 3: %+v", len(a.Actions), a.Actions)
	}
	got := a.Actions[2]
	if got.What != "Agree the next three months" || got.Owner != "Priya Raman" ||
		got.Due.Format(model.DateLayout) != "2027-01-31" || got.Status != "planned" {
		t.Errorf("the new action is what %q, owner %q, due %s, status %q; want what %q, owner %q, due 2027-01-31, status planned",
			got.What, got.Owner, got.Due.Format(model.DateLayout), got.Status, "Agree the next three months", "Priya Raman")
	}
}
