//go:build linux || darwin

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/creack/pty"
)

// These tests run the real cop assess in a pseudo-terminal, 80 columns by
// 24 rows, and answer it with keystrokes as a person would: they wait for
// the form to show where it is (its footer names the page and the
// question) before each key, since a key sent before the form has moved on
// would land on the wrong question.

// term is a pseudo-terminal with cop running in it.
type term struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int
	done chan error
}

// startCop runs cop with args in dir, in a new pseudo-terminal: the real
// binaries, built as a user builds them, so that "cop assess" runs the
// cop-assess beside it. stdout, when not nil, takes standard output, as
// "cop assess > report.txt" would.
func startCop(t *testing.T, dir string, stdout *bytes.Buffer, args ...string) *term {
	t.Helper()
	exe, _ := binaries(t)
	cmd := &exec.Cmd{Path: exe, Args: append([]string{"cop"}, args...), Dir: dir}
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COP_NOW=2026-11-23", "LANG=C.UTF-8", "NO_COLOR=", "ACCESSIBLE=")
	if stdout != nil {
		cmd.Stdout = stdout
	}
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, cmd: cmd, tty: tty, done: make(chan error, 1)}
	go tm.read()
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		tty.Close()
	})
	return tm
}

// read keeps what cop draws, and answers the terminal queries a real
// terminal answers, in the order they come: the background colour and the
// cursor position, which Bubble Tea asks for as it starts on a terminal.
// (Answered out of order, the second answer is read as keys and typed into
// the first question.)
func (tm *term) read() {
	buf := make([]byte, 4096)
	replies := map[string]string{"\x1b[6n": "\x1b[1;1R", "\x1b]11;?": "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"}
	scanned := 0
	for {
		n, err := tm.tty.Read(buf)
		tm.mu.Lock()
		tm.out.Write(buf[:n])
		all := tm.out.String()
		tm.mu.Unlock()
		for {
			first, at := "", len(all)
			for q := range replies {
				if i := strings.Index(all[scanned:], q); i >= 0 && scanned+i < at {
					first, at = q, scanned+i
				}
			}
			if first == "" {
				break
			}
			tm.tty.WriteString(replies[first])
			scanned = at + len(first)
		}
		if err != nil {
			return
		}
	}
}

var ansiSeq = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>]`)

// waitFor waits until text is drawn after what earlier waits consumed.
func (tm *term) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		all := tm.out.String()
		tm.mu.Unlock()
		if strings.Contains(ansiSeq.ReplaceAllString(all[tm.seen:], ""), text) {
			tm.seen = len(all)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	tm.t.Fatalf("timed out waiting for %q; the terminal shows:\n%q", text, tm.out.String()[max(0, tm.out.Len()-400):])
}

// press sends keys, then waits for the screen to show then.
func (tm *term) press(keys, then string) {
	tm.t.Helper()
	if _, err := tm.tty.WriteString(keys); err != nil {
		tm.t.Fatal(err)
	}
	if then != "" {
		tm.waitFor(then)
	}
}

// exit waits for cop to end and returns its exit status.
func (tm *term) exit() int {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatal(err)
		}
		return 0
	case <-time.After(15 * time.Second):
		tm.t.Fatal("cop did not exit")
		return -1
	}
}

// screen is everything drawn so far, without escape sequences.
func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansiSeq.ReplaceAllString(tm.out.String(), "")
}

const (
	keyDown  = "\x1b[B"
	keyEnter = "\r"
	keyCtrlC = "\x03"
)

// planned is the answer these tests give to indicator ii of dimension di,
// as a number of downs from "Not answered yet": 1 to 5 are the scale's
// values 0 to 4, so the value given is downs - 1.
func planned(di, ii int) int { return (di+ii)%5 + 1 }

// answerDimensions answers the dimension pages from first (an index into
// the framework's dimensions) to the last, starting at the given question
// (counted from 0) of the first. Every indicator is answered with
// planned(); the notes of the first dimension are typed.
func answerDimensions(tm *term, fw *model.Framework, first, question int) {
	pages := len(fw.Dimensions) + 2
	for di := first; di < len(fw.Dimensions); di++ {
		d := fw.Dimensions[di]
		n := len(d.Indicators) + 1
		start := 0
		if di == first {
			start = question
		}
		for ii := start; ii < len(d.Indicators); ii++ {
			next := fmt.Sprintf("page %d of %d · question %d of %d", di+2, pages, ii+2, n)
			tm.press(strings.Repeat(keyDown, planned(di, ii))+keyEnter, next)
		}
		notes := ""
		if di == 0 {
			notes = "Terms agreed in March."
		}
		next := fmt.Sprintf("page %d of %d · question 1 of ", di+3, pages)
		tm.press(notes+keyEnter, next)
	}
}

// checkSaved loads the saved file and checks every answer.
func checkSaved(t *testing.T, path string, fw *model.Framework) {
	t.Helper()
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	l, err := load.AssessmentFile(path, cat.Resolve)
	if err != nil {
		t.Fatalf("the saved file does not load: %v", err)
	}
	a := l.Assessment
	r := a.Responses[0]
	if a.Community != "Riverside Nurses" || r.Respondent != "Ana Ruiz" || r.Role != "" || a.Date.Format(model.DateLayout) != "2026-11-23" {
		t.Errorf("first page saved as %q, %q, %q, %s", a.Community, r.Respondent, r.Role, a.Date.Format(model.DateLayout))
	}
	for di, d := range fw.Dimensions {
		for ii, ind := range d.Indicators {
			got := r.Rating(d.ID, ind.ID)
			if want := float64(planned(di, ii) - 1); got.Kind != model.Scored || got.Value != want {
				t.Errorf("%s.%s saved as %q, want %v", d.ID, ind.ID, got.String(), want)
			}
		}
	}
	if got := r.Notes[fw.Dimensions[0].ID]; got != "Terms agreed in March." {
		t.Errorf("the first dimension's notes saved as %q", got)
	}
}

func defaultFramework(t *testing.T) *model.Framework {
	t.Helper()
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := cat.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

const savedName = "riverside-nurses-2026-11-23.yaml"

// answerFirstPage fills in the first page: the community, the respondent,
// no role, and the date as proposed (COP_NOW).
func answerFirstPage(tm *term, pages int) {
	tm.waitFor(fmt.Sprintf("page 1 of %d · question 1 of 4", pages))
	tm.press("Riverside Nurses"+keyEnter, "question 2 of 4")
	tm.press("Ana Ruiz"+keyEnter, "question 3 of 4")
	tm.press(keyEnter, "question 4 of 4")
	tm.press(keyEnter, fmt.Sprintf("page 2 of %d · question 1 of ", pages))
}

// saveFromReview saves from the review page, then checks the file saved
// and that the draft is gone.
func saveFromReview(t *testing.T, tm *term, dir string, fw *model.Framework) {
	t.Helper()
	if !strings.Contains(tm.screen(), "Review before saving") {
		t.Fatalf("no review page:\n%s", tm.screen())
	}
	tm.press(keyEnter, "Saved "+savedName)
	if code := tm.exit(); code != 0 {
		t.Fatalf("exit status %d\n%s", code, tm.screen())
	}
	checkSaved(t, filepath.Join(dir, savedName), fw)
	if _, err := os.Stat(filepath.Join(dir, "riverside-nurses-2026-11-23.draft.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the draft is still there after saving: %v", err)
	}
}

// TestAssessInTerminal answers every page and saves.
func TestAssessInTerminal(t *testing.T) {
	fw := defaultFramework(t)
	pages := len(fw.Dimensions) + 2
	dir := t.TempDir()
	tm := startCop(t, dir, nil, "assess")
	answerFirstPage(tm, pages)
	answerDimensions(tm, fw, 0, 0)
	saveFromReview(t, tm, dir, fw)
	// The report follows on the same terminal.
	if !strings.Contains(tm.screen(), "Riverside Nurses, 2026-11-23") {
		t.Errorf("no report on the terminal:\n%s", tm.screen())
	}
}

// TestAssessCtrlCAndResume presses Ctrl-C on the third page, after its
// first answer, then resumes the draft to the end. Standard output goes to a
// file, as with "cop assess > report.txt": the report lands there and the
// form stays on the terminal.
func TestAssessCtrlCAndResume(t *testing.T) {
	fw := defaultFramework(t)
	pages := len(fw.Dimensions) + 2
	dir := t.TempDir()
	draft := filepath.Join(dir, "riverside-nurses-2026-11-23.draft.yaml")

	var stdout bytes.Buffer
	tm := startCop(t, dir, &stdout, "assess")
	answerFirstPage(tm, pages)
	// The first dimension (page 2), then the first answer on page 3.
	d0, d1 := fw.Dimensions[0], fw.Dimensions[1]
	for ii := range d0.Indicators {
		tm.press(strings.Repeat(keyDown, planned(0, ii))+keyEnter, fmt.Sprintf("question %d of %d", ii+2, len(d0.Indicators)+1))
	}
	tm.press("Terms agreed in March."+keyEnter, fmt.Sprintf("page 3 of %d · question 1 of %d", pages, len(d1.Indicators)+1))
	tm.press(strings.Repeat(keyDown, planned(1, 0))+keyEnter, fmt.Sprintf("page 3 of %d · question 2 of", pages))
	tm.press(keyDown+keyCtrlC, "To carry on: cop assess --resume riverside-nurses-2026-11-23.draft.yaml")
	if code := tm.exit(); code != 130 {
		t.Fatalf("exit status %d after Ctrl-C, want 130\n%s", code, tm.screen())
	}
	if stdout.Len() != 0 {
		t.Errorf("standard output got %q before anything was saved", stdout.String())
	}
	if _, err := os.Stat(draft); err != nil {
		t.Fatalf("no draft after Ctrl-C: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, savedName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file was saved on Ctrl-C: %v", err)
	}

	// Resume: the third page's first question, answered, is kept; the form
	// starts on that page since its second question is unanswered.
	stdout.Reset()
	tm = startCop(t, dir, &stdout, "assess", "--resume", "riverside-nurses-2026-11-23.draft.yaml")
	tm.waitFor(fmt.Sprintf("page 3 of %d · question 1 of %d", pages, len(d1.Indicators)+1))
	tm.press(keyEnter, fmt.Sprintf("page 3 of %d · question 2 of", pages)) // keeps the answer given before Ctrl-C
	answerDimensions(tm, fw, 1, 1)
	saveFromReview(t, tm, dir, fw)
	if !strings.HasPrefix(stdout.String(), "Riverside Nurses, 2026-11-23\n") {
		t.Errorf("standard output does not start with the report:\n%s", stdout.String())
	}
	if strings.Contains(stdout.String(), "ctrl+c stop") {
		t.Errorf("the form was drawn on standard output:\n%s", stdout.String())
	}
}
