package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/cli"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
)

// The screenshots of the questionnaire that docs/browser-questionnaire.md
// shows; go test -update rewrites them from TestFormBrowser.
const (
	formShotPhone   = "../../docs/images/form-phone.png"
	formShotDesktop = "../../docs/images/form-desktop.png"
)

// formTab is one headless Chromium tab on questionnaire pages, with a record
// of everything the pages did that they should not: console messages,
// exceptions, dialogs, and requests for anything but the page itself.
type formTab struct {
	*browser
	downloads string

	mu                            sync.Mutex
	pageURL                       string
	console, exceptions, requests []string
	dialogs                       []string // "type: message"
}

func newFormTab(t testing.TB, bin string) *formTab {
	t.Helper()
	ft := &formTab{browser: newBrowser(t, bin), downloads: t.TempDir()}
	if _, err := callBrowser(ft.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: ft.downloads,
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	err := chromedp.Listen(ft.ctx, func(ev any) {
		ft.mu.Lock()
		defer ft.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			ft.console = append(ft.console, fmt.Sprintf("console.%s called", ev.Type))
		case *runtime.EventExceptionThrown:
			ft.exceptions = append(ft.exceptions, "exception: "+ev.ExceptionDetails.Text+" "+describeException(ev))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				ft.console = append(ft.console, "browser log error: "+ev.Entry.Text)
			}
		case *page.EventJavascriptDialogOpening:
			ft.dialogs = append(ft.dialogs, string(ev.Type)+": "+ev.Message)
			go call(ft.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *network.EventRequestWillBeSent:
			// The page itself, and the blob: URL of a file being saved,
			// are not network requests.
			if ev.Request.URL != ft.pageURL && !strings.HasPrefix(ev.Request.URL, "blob:") {
				ft.requests = append(ft.requests, "request for "+ev.Request.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ft
}

func describeException(ev *runtime.EventExceptionThrown) string {
	if ev.ExceptionDetails.Exception != nil {
		return ev.ExceptionDetails.Exception.Description
	}
	return ""
}

// open loads a page at a viewport size, with the browser's storage for
// pages on disk emptied first, so that each test starts as a member who
// has never opened the page.
func (ft *formTab) open(t *testing.T, path string, width, height int64) {
	t.Helper()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	ft.mu.Lock()
	ft.pageURL = u
	ft.mu.Unlock()
	if err := do(ft.ctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	ft.eval(t, `localStorage.clear(); true`)
	// Again, now that nothing is kept: the page the member sees first. (A
	// reload would keep the #fragment of a page restored where an earlier
	// member left off.)
	if err := do(ft.ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	ft.waitFor(t, `document.documentElement.className === "js"`)
}

// eval runs an expression in the page and returns its value.
func (ft *formTab) eval(t *testing.T, js string) any {
	t.Helper()
	v, err := runOn(ft.ctx, chromedp.Evaluate[any](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (ft *formTab) evalString(t *testing.T, js string) string {
	t.Helper()
	v, err := runOn(ft.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a condition in the page until it holds, with a deadline.
func (ft *formTab) waitFor(t *testing.T, cond string) {
	t.Helper()
	deadline := time.Now().Add(opTimeout)
	for {
		ok, err := runOn(ft.ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			where, _ := runOn(ft.ctx, chromedp.Evaluate[string](`location.href + " | " + document.getElementById("progress").textContent + " | focus " + (document.activeElement && (document.activeElement.id || document.activeElement.name || document.activeElement.tagName))`))
			t.Fatalf("waited %v for %s (last error %v); the page: %s", opTimeout, cond, err, where)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// where describes the page for a failure: its address and progress, the
// element with the focus, whether the document has the focus, and the box
// of the element sel and what is drawn at its centre (where a click on it
// lands). It has a short deadline of its own: the page may be stuck.
func (ft *formTab) where(t *testing.T, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ft.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`((sel) => {
		const e = document.querySelector(sel), a = document.activeElement;
		let box = "no " + sel;
		if (e) {
			const r = e.getBoundingClientRect(), at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
			box = sel + " at " + Math.round(r.x) + "," + Math.round(r.y) + " " + Math.round(r.width) + "x" + Math.round(r.height) +
				", hidden " + !!e.closest("[hidden]") + ", under its centre " + (at ? at.tagName + "#" + at.id + "." + at.className : "nothing");
		}
		return location.href + " | " + (document.getElementById("progress") || {}).textContent + " | focus " +
			(a && (a.id || a.name || a.tagName)) + ", document focused " + document.hasFocus() + " | " + box +
			" | status " + JSON.stringify((document.getElementById("status") || {}).textContent);
	})(`+strconv.Quote(sel)+`)`))
	if err != nil {
		return fmt.Sprintf("(could not read the page: %v)", err)
	}
	return s
}

// onPage waits until the page with this section id is the one shown, with
// the focus on its heading: after the address changes, the page's handler
// still has to turn the page, and a key pressed before it does would go to
// the page being left.
func (ft *formTab) onPage(t *testing.T, id string) {
	t.Helper()
	ft.waitFor(t, fmt.Sprintf(`(s => location.hash === "#/" + s.id && !s.hidden && document.activeElement === s.querySelector("h2"))(document.getElementById(%q))`, id))
}

// keys types keys into whatever has the focus, as a person would.
func (ft *formTab) keys(t *testing.T, keys string) {
	t.Helper()
	if err := do(ft.ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatal(err)
	}
}

// tabTo presses Tab until the focused element matches cond (a JavaScript
// expression over the element e), and fails after too many presses.
func (ft *formTab) tabTo(t *testing.T, cond string) {
	t.Helper()
	check := "(e => !!e && (" + cond + "))(document.activeElement)"
	for range 60 {
		ok, err := runOn(ft.ctx, chromedp.Evaluate[bool](check))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		ft.keys(t, kb.Tab)
	}
	t.Fatalf("60 presses of Tab never reached an element where %s", cond)
}

// insertText types text as an input method or a paste does: any character
// at all, including those no key makes (a line separator, a tab in a note).
func (ft *formTab) insertText(t *testing.T, text string) {
	t.Helper()
	if _, err := call(ft.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		t.Fatal(err)
	}
}

// saved waits for the download of a file called name and returns its path.
// Chromium writes a download under another name and renames it when it is
// complete, so the file's name appearing is the download finishing.
func (ft *formTab) saved(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(ft.downloads, name)
	deadline := time.Now().Add(opTimeout)
	for {
		if _, err := os.Stat(path); err == nil {
			return path
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(ft.downloads)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("no download of %s within %v; the downloads folder holds %q", name, opTimeout, names)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// clean fails the test for anything the pages did that they must not.
func (ft *formTab) clean(t *testing.T, allowDialogs ...string) {
	t.Helper()
	ft.mu.Lock()
	defer ft.mu.Unlock()
	for _, list := range [][]string{ft.console, ft.exceptions, ft.requests} {
		for _, m := range list {
			t.Error(m)
		}
	}
	for _, d := range ft.dialogs {
		ok := false
		for _, a := range allowDialogs {
			ok = ok || strings.HasPrefix(d, a)
		}
		if !ok {
			t.Errorf("a dialog opened: %s", d)
		}
	}
	ft.console, ft.exceptions, ft.requests, ft.dialogs = nil, nil, nil, nil
}

// runCop runs cop in the test process and returns its exit code, standard
// output and standard error.
func runCop(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, stdout, stderr := iostreams.Test()
	code := cli.Run(context.Background(), factory.New(ios), args)
	return code, stdout.String(), stderr.String()
}

// answer is what a member gives to one indicator: the index of the option
// among the scale's answers, then Don't know and Not applicable.
type answer struct {
	dim, ind string
	option   int
	note     string
}

// answerByKeyboard tabs to an unanswered indicator's radio group (the focus
// lands on its checked "Not answered yet", the last option), presses the
// down arrow to move round to the option wanted, and tabs on to the note.
func (ft *formTab) answerByKeyboard(t *testing.T, a answer) {
	t.Helper()
	name := "r:" + a.dim + ":" + a.ind
	ft.tabTo(t, fmt.Sprintf("e.type === 'radio' && e.name === %q", name))
	for range a.option + 1 {
		ft.keys(t, kb.ArrowDown)
	}
	if a.note != "" {
		ft.tabTo(t, fmt.Sprintf("e.id === %q", "n:"+a.dim+":"+a.ind))
		ft.keys(t, a.note)
	}
}

// checked reads every indicator's chosen value from the page ("" for not
// yet), and the text of every note, keyed "dim/ind".
func (ft *formTab) checked(t *testing.T) map[string]string {
	t.Helper()
	v, err := runOn(ft.ctx, chromedp.Evaluate[map[string]string](`(() => {
		const r = {};
		document.querySelectorAll("fieldset.q").forEach(q => {
			const c = q.querySelector("input[type=radio]:checked");
			r[q.dataset.dim + "/" + q.dataset.ind] = c ? c.value : "";
			r["note " + q.dataset.dim + "/" + q.dataset.ind] = q.querySelector("textarea.note").value;
		});
		document.querySelectorAll("textarea.dimnote").forEach(t => { r["note " + t.dataset.dim] = t.value; });
		const n = document.getElementById("respondent");
		r.respondent = n ? n.value : "";
		r.role = document.getElementById("role").value;
		return r;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// optionValue is the value an option index stands for in a framework.
func optionValue(fw *model.Framework, option int) string {
	switch {
	case option < len(fw.Scale):
		return model.FormatNumber(fw.Scale[option].Value)
	case option == len(fw.Scale):
		return model.Unknown
	default:
		return model.NotApplicable
	}
}

// writeForm runs cop form and returns the page's path.
func writeForm(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	if code, _, stderr := runCop(t, append(append([]string{"form"}, args...), "-o", out)...); code != 0 {
		t.Fatalf("cop form %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return out
}

// TestFormBrowser answers the questionnaire page (cop form) in headless
// Chromium, on a phone's viewport and on a laptop's, by keyboard alone:
// every indicator answered, the page reloaded part way with every answer
// found again, the file saved through a real download, and cop validate
// and cop report reading it back exactly. It checks that no page makes a
// network request, logs to the console, throws or opens a dialog it should
// not, and that the printed page is A4 and no wider than the paper.
func TestFormBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("opens Chromium")
	}
	bin := chromium(t)
	dir := t.TempDir()
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := cat.Default()
	if err != nil {
		t.Fatal(err)
	}
	riverside := writeForm(t, dir, "riverside.html", "--community", "Riverside Palliative Care Nurses",
		"--date", "2026-11-22", "--closes", "2026-12-06", "--contact", "ana.ruiz@example.org")
	info, err := os.Stat(riverside)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the page for the default framework (%d questions) is %d bytes", fw.IndicatorCount(), info.Size())

	ft := newFormTab(t, bin)
	t.Run("hostile", func(t *testing.T) { testHostile(t, ft, dir) })
	t.Run("round-trip", func(t *testing.T) { testRoundTrip(t, ft, dir) })
	t.Run("three-members", func(t *testing.T) { testThreeMembers(t, ft, dir) })
	t.Run("anonymous-and-draft", func(t *testing.T) { testAnonymousAndDraft(t, ft, dir) })
	t.Run("no-storage", func(t *testing.T) { testNoStorage(t, ft, dir) })
	for _, vp := range []struct {
		name          string
		width, height int64
		respondent    string
		file          string
		shot          string
	}{
		{"phone", 390, 844, "Ana Ruiz", "riverside-palliative-care-nurses-2026-11-22-ana-ruiz.yaml", formShotPhone},
		{"laptop", 1280, 900, "Zoë O'Brien", "riverside-palliative-care-nurses-2026-11-22-zoe-o-brien.yaml", formShotDesktop},
	} {
		t.Run("keyboard-"+vp.name, func(t *testing.T) {
			ft.open(t, riverside, vp.width, vp.height)
			timing(t, ft)
			lowContrast(t, ft)
			if got := ft.evalString(t, `document.activeElement === document.body ? "body" : document.activeElement.id`); got != "body" {
				t.Logf("focus starts on %q", got)
			}
			// Every indicator gets an answer, cycling through the scale,
			// Don't know and Not applicable; some get notes.
			var answers []answer
			n := 0
			for _, d := range fw.Dimensions {
				for _, ind := range d.Indicators {
					a := answer{dim: d.ID, ind: ind.ID, option: n % (len(fw.Scale) + 2)}
					if n%5 == 0 {
						a.note = fmt.Sprintf("Note %d: \"quoted\", a colon: and # hash", n)
					}
					answers = append(answers, a)
					n++
				}
			}
			ft.tabTo(t, `e.id === "respondent"`)
			ft.keys(t, vp.respondent)
			ft.keys(t, kb.Tab)
			ft.keys(t, "coordinator")
			// Start: the first dimension's page, focus on its heading.
			ft.tabTo(t, `e.dataset.go === "next"`)
			ft.keys(t, kb.Enter)
			ft.onPage(t, "d-purpose")
			i := 0
			for di, d := range fw.Dimensions {
				if di > 0 {
					ft.onPage(t, "d-"+d.ID)
				}
				for ii := range d.Indicators {
					ft.answerByKeyboard(t, answers[i])
					i++
					if di == 1 && ii == 0 {
						lowContrast(t, ft)
						// The docs' picture: the top of a page, one answer given.
						ft.eval(t, `window.scrollTo(0, 0); true`)
						shot := ft.screenshot(t)
						save(t, "form-"+vp.name+".png", shot)
						if *update {
							if err := os.WriteFile(vp.shot, shot, 0o644); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
				ft.tabTo(t, fmt.Sprintf("e.id === %q", "dn:"+d.ID))
				ft.keys(t, "About "+d.ID+":\nsecond line")
				if di == 2 {
					// Reload part way: the page asks before it goes (the
					// answers are not saved to a file), and every answer,
					// note and the page reached come back.
					before := ft.checked(t)
					if err := do(ft.ctx, chromedp.Reload()); err != nil {
						t.Fatal(err)
					}
					ft.waitFor(t, `document.documentElement.className === "js"`)
					ft.mu.Lock()
					dialogs := strings.Join(ft.dialogs, "; ")
					ft.dialogs = nil
					ft.mu.Unlock()
					if !strings.Contains(dialogs, "beforeunload") {
						t.Errorf("reloading with unsaved answers opened no warning (dialogs: %q)", dialogs)
					}
					after := ft.checked(t)
					for k, v := range before {
						if after[k] != v {
							t.Errorf("after reloading, %s is %q, want %q", k, after[k], v)
						}
					}
					if got := ft.evalString(t, `location.hash`); got != "#/d-"+d.ID {
						t.Errorf("after reloading the page shows %s, want #/d-%s", got, d.ID)
					}
					ft.eval(t, fmt.Sprintf(`document.getElementById(%q).focus(); true`, "dn:"+d.ID))
				}
				ft.tabTo(t, `e.dataset.go === "next"`)
				ft.keys(t, kb.Enter)
			}
			ft.onPage(t, "save")
			// Going back works: the browser's Back returns to the last
			// dimension, Forward to the save page.
			if err := do(ft.ctx, chromedp.NavigateBack()); err != nil {
				t.Fatal(err)
			}
			ft.onPage(t, "d-sustainability")
			if err := do(ft.ctx, chromedp.NavigateForward()); err != nil {
				t.Fatal(err)
			}
			ft.onPage(t, "save")
			if got := ft.evalString(t, `document.getElementById("progress").textContent`); !strings.Contains(got, "22 of 22 questions answered") {
				t.Errorf("progress says %q, want 22 of 22 answered", got)
			}
			lowContrast(t, ft)
			ft.eval(t, `document.getElementById("save-h").focus(); true`)
			ft.tabTo(t, `e.dataset.save === "final"`)
			ft.keys(t, kb.Enter)
			path := ft.saved(t, vp.file)
			// The message says where the file went and to whom it goes
			// (the longest the page says); on a phone what sticks at the
			// top stays small: the progress, not the message.
			if got := ft.evalString(t, `document.getElementById("status").textContent`); !strings.Contains(got, "send it to ana.ruiz@example.org") {
				t.Errorf("after saving the page says %q", got)
			}
			ft.statusInView(t)
			if h := ft.stuckHeight(t); vp.width < 600 && (h > 100 || h == 0) {
				// 0: nothing stuck, as the page did not scroll.
				t.Errorf("after saving, what sticks at the top of a %d px screen is %.0f px high, want 1 to 100", vp.width, h)
			} else {
				t.Logf("after saving, %.0f px stick at the top", h)
			}
			if code, _, stderr := runCop(t, "validate", path); code != 0 {
				data, _ := os.ReadFile(path)
				t.Fatalf("cop validate %s: exit %d\n%s\n%s", path, code, stderr, data)
			}
			l, err := load.AssessmentFile(path, cat.Resolve)
			if err != nil {
				t.Fatal(err)
			}
			a := l.Assessment
			if a.Community != "Riverside Palliative Care Nurses" || a.Date.Format(model.DateLayout) != "2026-11-22" || len(a.Responses) != 1 {
				t.Fatalf("saved %q %s with %d responses", a.Community, a.Date.Format(model.DateLayout), len(a.Responses))
			}
			r := a.Responses[0]
			if r.Respondent != vp.respondent || r.Role != "coordinator" {
				t.Errorf("saved respondent %q role %q, want %q coordinator", r.Respondent, r.Role, vp.respondent)
			}
			for _, want := range answers {
				if got := r.Rating(want.dim, want.ind).String(); got != optionValue(fw, want.option) {
					t.Errorf("%s/%s saved as %q, want %q", want.dim, want.ind, got, optionValue(fw, want.option))
				}
				if got := indicatorNote(&r, want.dim, want.ind); got != want.note {
					t.Errorf("note on %s/%s saved as %q, want %q", want.dim, want.ind, got, want.note)
				}
			}
			for _, d := range fw.Dimensions {
				if want := "About " + d.ID + ":\nsecond line"; r.Notes[d.ID] != want {
					t.Errorf("note on %s saved as %q, want %q", d.ID, r.Notes[d.ID], want)
				}
			}
			// Saved: closing the page now asks nothing.
			if err := do(ft.ctx, chromedp.Reload()); err != nil {
				t.Fatal(err)
			}
			ft.waitFor(t, `document.documentElement.className === "js"`)
			printsOnA4(t, ft, vp.name)
			ft.clean(t)
		})
	}
}

// hostileCommunity and the texts below are what the hostile test types or
// passes on the command line: markup, quotes, a closing script tag, YAML's
// own punctuation, line breaks and characters from beyond ASCII.
const (
	hostileCommunity = `</script><script>alert(1)</script> "Q" & <b>bold</b>`
	hostileContact   = `<img src=x onerror=alert(2)>`
	hostileName      = `Zoë "Z" O'Brien: #1 - <b>x</b> </script>`
	hostileRole      = `- member # not a comment: {x}`
	// hostileTyped goes in through the keyboard; hostileOddities through an
	// input method (a paste), since no key makes a tab, a line separator
	// or a next-line character.
	hostileTyped    = "Colons: yes\n# hash\n'single' \"double\" \\ backslash\n- dash\n\n</textarea><script>alert(3)</script> 日本語 🎉"
	hostileOddities = "\ttab \u2028 line separator \u0085 next line \u00a0nbsp  trailing  "
)

// testHostile answers a page whose framework, community and contact are
// markup with text that is markup and YAML punctuation, and checks that
// all of it shows as text and that the saved file reads back exactly.
func testHostile(t *testing.T, ft *formTab, dir string) {
	page := writeForm(t, dir, "hostile.html", "--framework", "testdata/browser/form-fw.yaml",
		"--community", hostileCommunity, "--date", "2026-11-22", "--contact", hostileContact)
	fwFile, err := load.FrameworkFile("testdata/browser/form-fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ft.open(t, page, 390, 844)
	facts, err := runOn(ft.ctx, chromedp.Evaluate[map[string]any](`({
		h1: document.querySelector("h1").textContent,
		title: document.title,
		text: document.body.textContent,
		scripts: document.scripts.length,
		foreign: document.querySelectorAll("main b, main i, main u, main em, main img, main iframe, main a, main style, main script").length,
		textareas: document.querySelectorAll("textarea").length,
		legends: Array.from(document.querySelectorAll("legend .user")).map(e => e.textContent).join("|"),
		dimension: document.querySelector("#h-plan .user").textContent,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if facts["h1"] != hostileCommunity {
		t.Errorf("h1 shows %q, want %q", facts["h1"], hostileCommunity)
	}
	if !strings.Contains(facts["title"].(string), hostileCommunity) {
		t.Errorf("title %q does not show the community as text", facts["title"])
	}
	// The data element and the page's own script; nothing else.
	if facts["scripts"] != 2.0 || facts["foreign"] != 0.0 {
		t.Errorf("%v scripts and %v markup elements from user text, want 2 and 0", facts["scripts"], facts["foreign"])
	}
	// Four indicator notes, two dimension notes and the text to copy:
	// the statement's </textarea><textarea> made none.
	if facts["textareas"] != 7.0 {
		t.Errorf("%v textareas, want 7", facts["textareas"])
	}
	for _, want := range []string{fwFile.Title, hostileContact, "Written <u>plan</u>", `Range ' " <`, "There is a written plan </textarea><textarea>."} {
		if !strings.Contains(facts["text"].(string), want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
	if facts["dimension"] != "<script>alert(9)</script>Plan" {
		t.Errorf("the dimension's heading shows %q", facts["dimension"])
	}

	ft.tabTo(t, `e.id === "respondent"`)
	ft.keys(t, hostileName)
	ft.keys(t, kb.Tab)
	ft.keys(t, hostileRole)
	ft.tabTo(t, `e.dataset.go === "next"`)
	ft.keys(t, kb.Enter)
	ft.onPage(t, "d-plan")
	ft.answerByKeyboard(t, answer{dim: "plan", ind: "p1", option: 4})
	ft.tabTo(t, `e.id === "n:plan:p1"`)
	ft.keys(t, hostileTyped)
	ft.insertText(t, hostileOddities)
	ft.answerByKeyboard(t, answer{dim: "plan", ind: "p2", option: 6})
	ft.tabTo(t, `e.id === "dn:plan"`)
	ft.insertText(t, hostileTyped+hostileOddities)
	ft.tabTo(t, `e.dataset.go === "next"`)
	ft.keys(t, kb.Enter)
	ft.onPage(t, "d-people")
	ft.tabTo(t, `e.dataset.go === "next"`)
	ft.keys(t, kb.Enter)
	ft.onPage(t, "save")
	ft.tabTo(t, `e.dataset.save === "final"`)
	ft.keys(t, kb.Enter)
	path := ft.saved(t, "script-script-alert-1-script-q-b-bold-b-2026-11-22-zoe-z-o-brien-1-b-x-b-script.yaml")
	data, _ := os.ReadFile(path)
	t.Logf("saved:\n%s", data)
	l, err := load.AssessmentFile(path, func(id string) (*model.Framework, error) { return fwFile, nil })
	if err != nil {
		t.Fatal(err)
	}
	a := l.Assessment
	r := a.Responses[0]
	want := hostileTyped + hostileOddities
	for _, c := range []struct{ what, got, want string }{
		{"community", a.Community, hostileCommunity},
		{"respondent", r.Respondent, hostileName},
		{"role", r.Role, hostileRole},
		{"note on plan", r.Notes["plan"], want},
		{"rating of p1", r.Rating("plan", "p1").String(), "4"},
		{"rating of p2", r.Rating("plan", "p2").String(), model.NotApplicable},
	} {
		if c.got != c.want {
			t.Errorf("%s reads back as %q, want %q", c.what, c.got, c.want)
		}
	}
	if got := indicatorNote(&r, "plan", "p1"); got != want {
		t.Errorf("note on p1 reads back as %q, want %q", got, want)
	}
	ft.clean(t)
}

// clickAnswers answers by pointer: on each page of the questionnaire, the
// options given (dimension -> indicator -> value), then Next. A member
// who answers this way is as real to the page as one with a keyboard.
func (ft *formTab) clickAnswers(t *testing.T, name, role string, dims []string, answers map[string]map[string]string) {
	t.Helper()
	if name != "" {
		if err := do(ft.ctx, chromedp.Click("#respondent"), chromedp.KeyEvent(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := do(ft.ctx, chromedp.Click("#role"), chromedp.KeyEvent(role), chromedp.Click(`#about [data-go="next"]`)); err != nil {
		t.Fatal(err)
	}
	for _, d := range dims {
		ft.onPage(t, "d-"+d)
		for ind, v := range answers[d] {
			sel := fmt.Sprintf(`input[name=%q][value=%q]`, "r:"+d+":"+ind, v)
			if err := do(ft.ctx, chromedp.Click(sel)); err != nil {
				t.Fatalf("clicking %s: %v", sel, err)
			}
		}
		if err := do(ft.ctx, chromedp.Click(fmt.Sprintf(`#d-%s [data-go="next"]`, d))); err != nil {
			t.Fatal(err)
		}
	}
	ft.onPage(t, "save")
}

// stuckHeight scrolls to the foot of the page and measures what sticks at
// the top of the window: the tallest element that is sticky or fixed there
// (one with display: contents has no box and counts for nothing).
func (ft *formTab) stuckHeight(t *testing.T) float64 {
	t.Helper()
	h, ok := ft.eval(t, `(() => {
		window.scrollTo(0, document.documentElement.scrollHeight);
		let h = 0;
		for (const el of document.querySelectorAll("body *")) {
			const pos = getComputedStyle(el).position;
			if (pos !== "sticky" && pos !== "fixed") continue;
			const r = el.getBoundingClientRect();
			if (r.top <= 1) h = Math.max(h, r.bottom);
		}
		return h;
	})()`).(float64)
	if !ok {
		t.Fatal("measuring the sticky header failed")
	}
	return h
}

// statusInView checks that the status line has a message and that it shows:
// inside the window, below anything stuck at the top.
func (ft *formTab) statusInView(t *testing.T) {
	t.Helper()
	got := ft.evalString(t, `(() => {
		const s = document.getElementById("status"), r = s.getBoundingClientRect();
		if (s.textContent === "") return "the status line is empty";
		for (const el of document.querySelectorAll(".top, .bar")) {
			const b = el.getBoundingClientRect();
			if (el.contains(s) || getComputedStyle(el).position !== "sticky" || b.height === 0) continue;
			if (r.top < b.bottom - 1) return "the message is under the sticky bar: top " + r.top + ", the bar's bottom " + b.bottom;
		}
		if (r.top < 0 || r.bottom > window.innerHeight) return "the message is out of view: " + r.top + " to " + r.bottom + " in " + window.innerHeight;
		return "";
	})()`)
	if got != "" {
		t.Error(got)
	}
}

// saveFinal presses the page's save button and waits for the file.
func (ft *formTab) saveFinal(t *testing.T, name string) string {
	t.Helper()
	if err := do(ft.ctx, chromedp.Click(`[data-save="final"]`)); err != nil {
		t.Fatal(err)
	}
	return ft.saved(t, name)
}

// newDownload waits for a file matching pattern in the downloads folder
// that is not in seen, and returns its path.
func (ft *formTab) newDownload(t *testing.T, pattern string, seen map[string]bool) string {
	t.Helper()
	deadline := time.Now().Add(opTimeout)
	for {
		matches, _ := filepath.Glob(filepath.Join(ft.downloads, pattern))
		for _, m := range matches {
			if !seen[m] {
				seen[m] = true
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new download matching %s within %v", pattern, opTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// randomText makes a string that a member could paste: any code point,
// weighted toward the ones YAML and HTML treat specially.
func randomText(r *rand.Rand) string {
	special := []rune{'"', '\'', '\\', ':', '#', '-', '?', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`',
		'<', '/', '\n', '\t', ' ', 0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9f, 0xa0, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0x1f389, 0x10ffff}
	n := 1 + r.IntN(40)
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString([]string{"- ", "# ", "? ", "---", "null", "yes", "1.0", "&a ", "*a", "!!str ", "</script>", "'", "\""}[r.IntN(13)])
	}
	for range n {
		switch r.IntN(4) {
		case 0:
			b.WriteRune(special[r.IntN(len(special))])
		case 1:
			b.WriteRune(rune(0x20 + r.IntN(0x5f)))
		case 2:
			c := rune(r.IntN(0x10000))
			if c >= 0xd800 && c <= 0xdfff { // no lone surrogates: Go strings cannot carry them
				c = 'x'
			}
			b.WriteRune(c)
		default:
			b.WriteRune(rune(0x10000 + r.IntN(0x100000)))
		}
	}
	return b.String()
}

// testRoundTrip pastes random text (any code point) into every note and the
// role, reads the assessment text the page offers to copy, and loads it:
// each text reads back exactly. A textarea turns CR and CRLF into LF, the
// one-line role field drops line breaks, and the role is trimmed, as the
// page saves them.
func testRoundTrip(t *testing.T, ft *formTab, dir string) {
	const fwFile = "testdata/browser/form-fw.yaml"
	fwFrame, err := load.FrameworkFile(fwFile)
	if err != nil {
		t.Fatal(err)
	}
	page := writeForm(t, dir, "roundtrip.html", "--framework", fwFile, "--community", "Round Trip", "--date", "2026-11-22")
	ft.open(t, page, 1280, 900)
	r := rand.New(rand.NewPCG(10, 2026))
	fields := []string{"role", "n:plan:p1", "n:plan:p2", "n:people:q1", "n:people:q2", "dn:plan", "dn:people"}
	for round := range 30 {
		texts := map[string]string{"respondent": fmt.Sprintf("Member %d", round)}
		for _, f := range fields {
			texts[f] = randomText(r)
		}
		arg, _ := json.Marshal(texts)
		// Typed values go in as a paste would: the value, then an input
		// event, which is what the page listens to.
		ft.eval(t, `(texts => {
			location.hash = "/about";
			for (const [id, v] of Object.entries(texts)) {
				const e = document.getElementById(id);
				e.value = v;
				e.dispatchEvent(new Event("input", {bubbles: true}));
			}
			return true;
		})(`+string(arg)+`)`)
		ft.onPage(t, "about")
		ft.eval(t, `location.hash = "/save"; true`)
		ft.onPage(t, "save")
		ft.waitFor(t, `document.getElementById("yaml").value.includes(`+strconv.Quote(texts["respondent"])+`)`)
		text := ft.evalString(t, `document.getElementById("yaml").value`)
		l, err := load.AssessmentBytes("copied.yaml", []byte(text), func(string) (*model.Framework, error) { return fwFrame, nil })
		if err != nil {
			t.Fatalf("round %d: the copied text does not load: %v\n%s", round, err, text)
		}
		resp := l.Assessment.Responses[0]
		got := map[string]string{
			"role":      resp.Role,
			"dn:plan":   resp.Notes["plan"],
			"dn:people": resp.Notes["people"],
		}
		for _, f := range fields[1:5] {
			parts := strings.Split(f, ":")
			got[f] = indicatorNote(&resp, parts[1], parts[2])
		}
		for _, f := range fields {
			want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(texts[f])
			if f == "role" {
				// A one-line field drops line breaks as it takes the value
				// (HTML's value sanitization), and the page trims the role.
				want = strings.TrimSpace(strings.ReplaceAll(want, "\n", ""))
			}
			if strings.TrimSpace(want) == "" {
				want = "" // a blank note or role is not saved
			}
			if got[f] != want {
				t.Errorf("round %d, %s: typed %q, read back %q", round, f, want, got[f])
			}
		}
	}
	// Saved, the page lets the next test navigate away without asking.
	ft.saveFinal(t, "round-trip-2026-11-22-member-29.yaml")
	ft.clean(t)
}

// testThreeMembers has three members answer the small framework's page,
// merges their files with cop merge --invited 5 and checks cop report's
// numbers against the arithmetic done by hand.
func testThreeMembers(t *testing.T, ft *formTab, dir string) {
	const fwFile = "testdata/browser/form-fw.yaml"
	page := writeForm(t, dir, "three.html", "--framework", fwFile, "--community", "Three Members", "--date", "2026-11-22")
	members := []struct {
		name, role string
		answers    map[string]map[string]string
	}{
		{"Ana Ruiz", "coordinator", map[string]map[string]string{"plan": {"p1": "4", "p2": "3"}, "people": {"q1": "2", "q2": "unknown"}}},
		{"Ben Okafor", "member", map[string]map[string]string{"plan": {"p1": "2", "p2": "1"}, "people": {"q1": "2", "q2": "3"}}},
		// Chloe leaves q2 unanswered.
		{"Chloe Ng", "member", map[string]map[string]string{"plan": {"p1": "not-applicable", "p2": "2"}, "people": {"q1": "1"}}},
	}
	var files []string
	for _, m := range members {
		ft.open(t, page, 1280, 900)
		ft.clickAnswers(t, m.name, m.role, []string{"plan", "people"}, m.answers)
		if m.name == "Ana Ruiz" {
			// Copying the text for an email says what happened: copied, or
			// (where the browser allows no clipboard) how to copy it by hand.
			if err := do(ft.ctx, chromedp.Click("#copy")); err != nil {
				t.Fatalf("clicking Copy: %v; the page: %s", err, ft.where(t, "#copy"))
			}
			ft.waitFor(t, `document.getElementById("status").textContent !== ""`)
			got := ft.evalString(t, `document.getElementById("status").textContent`)
			if !strings.HasPrefix(got, "Copied. Paste it into an email") && !strings.HasPrefix(got, "Select the text below and copy it") {
				t.Errorf("after Copy the page says %q", got)
			} else {
				t.Logf("after Copy the page says %q", got)
			}
			if text := ft.evalString(t, `document.getElementById("yaml").value`); !strings.Contains(text, `respondent: "Ana Ruiz"`) {
				t.Errorf("the text to copy:\n%s", text)
			}
		}
		slug := strings.ToLower(strings.ReplaceAll(m.name, " ", "-"))
		files = append(files, ft.saveFinal(t, "three-members-2026-11-22-"+slug+".yaml"))
	}
	round := filepath.Join(dir, "three-round.yaml")
	if code, _, stderr := runCop(t, append([]string{"merge", "--framework", fwFile, "--invited", "5", "-o", round}, files...)...); code != 0 {
		t.Fatalf("cop merge: exit %d\n%s", code, stderr)
	}
	code, out, stderr := runCop(t, "report", "--framework", fwFile, "-f", "json", round)
	if code != 0 {
		t.Fatalf("cop report: exit %d\n%s", code, stderr)
	}
	var doc render.ReportDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// By hand (plan: p1 weight 1, p2 weight 3; people: q1, q2):
	//   p1: 4, 2 (Chloe n/a) -> 3; p2: 3, 1, 2 -> 2; plan = (3x1 + 2x3)/4 = 2.25
	//   q1: 2, 2, 1 -> 5/3 = 1.667; q2: 3 (Ana don't know, Chloe none) -> 3;
	//   people = (1.667 + 3)/2 = 2.333 -> 2.33
	//   overall = (2.25 + 2.333)/2 = 2.2917 -> 2.29, maturing; coverage 4/4 = 1
	//   coordinator: plan (4 + 3x3)/4 = 3.25; people q1 2 -> 2
	//   members: plan p1 2, p2 (1 + 2)/2 = 1.5 -> (2 + 4.5)/4 = 1.625 -> 1.63;
	//   people q1 (2 + 1)/2 = 1.5, q2 3 -> 2.25
	//   gaps: plan 3.25 - 1.63 = +1.62 (one step or more: differ), people -0.25
	//   response rate: 3 of 5 = 0.6, not low
	check := func(what string, got *float64, want float64) {
		t.Helper()
		if got == nil || *got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("overall", doc.Overall.Score, 2.29)
	check("coverage", doc.Overall.Coverage, 1)
	if doc.Overall.Level == nil || *doc.Overall.Level != "maturing" {
		t.Errorf("level %v, want maturing", doc.Overall.Level)
	}
	check("plan", doc.Dimensions[0].Score, 2.25)
	check("people", doc.Dimensions[1].Score, 2.33)
	if doc.Response == nil || doc.Response.Invited != 5 || doc.Response.Respondents != 3 || doc.Response.Rate != 0.6 || doc.Response.Low {
		t.Errorf("response %+v, want 3 of 5, 0.6, not low", doc.Response)
	}
	r := doc.ByRole
	if r == nil || len(r.Roles) != 2 || r.Roles[0].Role != "coordinator" || r.Roles[1].Role != "member" || r.Roles[1].Respondents != 2 {
		t.Fatalf("by role %+v", r)
	}
	check("plan, coordinator", r.Dimensions[0].Scores[0], 3.25)
	check("plan, members", r.Dimensions[0].Scores[1], 1.63)
	check("plan gap", r.Dimensions[0].Gap, 1.62)
	check("people, coordinator", r.Dimensions[1].Scores[0], 2)
	check("people, members", r.Dimensions[1].Scores[1], 2.25)
	check("people gap", r.Dimensions[1].Gap, -0.25)
	if !r.Dimensions[0].Differ || r.Dimensions[1].Differ {
		t.Errorf("differ: plan %v, people %v; want true, false", r.Dimensions[0].Differ, r.Dimensions[1].Differ)
	}
	ft.clean(t)
}

// testAnonymousAndDraft: on an anonymous round's page no name is asked,
// two members' files have no respondent and merge as Anonymous 1 and 2; a
// draft saved part way says so, validates, and cop merge refuses it.
func testAnonymousAndDraft(t *testing.T, ft *formTab, dir string) {
	const fwFile = "testdata/browser/form-fw.yaml"
	page := writeForm(t, dir, "anon.html", "--framework", fwFile, "--community", "Quiet Voices", "--date", "2026-11-22", "--anonymous")
	seen := map[string]bool{}
	var files []string
	for i, v := range []string{"3", "1"} {
		ft.open(t, page, 390, 844)
		if n := ft.eval(t, `document.querySelectorAll("#respondent").length`); n != 0.0 {
			t.Fatalf("an anonymous page asks a name (%v fields)", n)
		}
		ft.clickAnswers(t, "", "member", []string{"plan", "people"}, map[string]map[string]string{"plan": {"p1": v}})
		if err := do(ft.ctx, chromedp.Click(`[data-save="final"]`)); err != nil {
			t.Fatal(err)
		}
		f := ft.newDownload(t, "quiet-voices-2026-11-22-anonymous-*.yaml", seen)
		data, _ := os.ReadFile(f)
		if strings.Contains(string(data), "respondent") {
			t.Errorf("member %d's anonymous file names a respondent:\n%s", i+1, data)
		}
		files = append(files, f)
	}
	if files[0] == files[1] {
		t.Fatalf("both anonymous members saved %s", files[0])
	}
	round := filepath.Join(dir, "anon-round.yaml")
	if code, _, stderr := runCop(t, append([]string{"merge", "--framework", fwFile, "-o", round}, files...)...); code != 0 {
		t.Fatalf("cop merge: exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(round)
	if !strings.Contains(string(data), "respondent: Anonymous 1\n") || !strings.Contains(string(data), "respondent: Anonymous 2\n") {
		t.Errorf("merged anonymous round:\n%s", data)
	}

	// A draft, saved from the first dimension's page.
	three := writeForm(t, dir, "draft.html", "--framework", fwFile, "--community", "Three Members", "--date", "2026-11-22")
	ft.open(t, three, 390, 844)
	if err := do(ft.ctx, chromedp.Click("#respondent"), chromedp.KeyEvent("Dev Patel"),
		chromedp.Click(`#about [data-go="next"]`)); err != nil {
		t.Fatal(err)
	}
	ft.onPage(t, "d-plan")
	if err := do(ft.ctx, chromedp.Click(`input[name="r:plan:p1"][value="0"]`), chromedp.Click(`#d-plan [data-save="draft"]`)); err != nil {
		t.Fatal(err)
	}
	draft := ft.saved(t, "three-members-2026-11-22-dev-patel.draft.yaml")
	// Saved from the foot of the page, on a phone, where the message does
	// not stick at the top: the page shows it.
	ft.statusInView(t)
	if got := ft.evalString(t, `document.getElementById("status").textContent`); !strings.Contains(got, "Draft saved as three-members-2026-11-22-dev-patel.draft.yaml") {
		t.Errorf("after saving a draft the page says %q", got)
	}
	data, _ = os.ReadFile(draft)
	if !strings.Contains(string(data), "\ndraft: true\n") {
		t.Errorf("the draft does not say draft: true:\n%s", data)
	}
	if code, _, stderr := runCop(t, "validate", "--framework", fwFile, draft); code != 0 {
		t.Errorf("cop validate of a draft: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCop(t, "merge", "--framework", fwFile, files[0], draft)
	if code != 2 || !strings.Contains(stderr, "is a draft") {
		t.Errorf("cop merge of a draft: exit %d\n%s", code, stderr)
	}
	ft.clean(t)
}

// testNoStorage opens a page in a browser that refuses it storage (as some
// private windows and file:// settings do): the page says so at the top,
// and answering still works.
func testNoStorage(t *testing.T, ft *formTab, dir string) {
	id, err := call(ft.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError"); }});`,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer call(ft.ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id.Identifier})
	path := writeForm(t, dir, "no-storage.html", "--framework", "testdata/browser/form-fw.yaml", "--community", "No Storage")
	u := (&url.URL{Scheme: "file", Path: path}).String()
	ft.mu.Lock()
	ft.pageURL = u
	ft.mu.Unlock()
	if err := do(ft.ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	ft.waitFor(t, `document.documentElement.className === "js"`)
	notice := ft.evalString(t, `(n => n.hidden ? "" : n.textContent)(document.getElementById("storage-notice"))`)
	if !strings.Contains(notice, "does not let the page keep your answers") {
		t.Errorf("no visible notice without storage (%q)", notice)
	}
	if err := do(ft.ctx, chromedp.Click(`#about [data-go="next"]`), chromedp.Click(`input[name="r:plan:p1"][value="2"]`)); err != nil {
		t.Fatal(err)
	}
	if got := ft.evalString(t, `document.getElementById("progress").textContent`); !strings.Contains(got, "1 of 4 questions answered") {
		t.Errorf("progress %q after one answer", got)
	}
	ft.clean(t)
}

// timing logs how soon the page painted and was ready to answer, from the
// browser's own performance entries (see pageTiming).
func timing(t *testing.T, ft *formTab) {
	t.Helper()
	v := pageTiming(t, ft)
	t.Logf("first contentful paint %.0f ms, script ready %.0f ms, load event done %.0f ms after navigation", v["fcp"], v["ready"], v["load"])
	if v["ready"] < 0 {
		t.Error("the script never marked itself ready")
	}
}

// pageTiming reads, in milliseconds after navigation started: the first
// contentful paint (the heading and the first question, the member's name,
// on screen), the moment the page's script was ready to take answers
// (performance.mark("cop-ready")), and the end of the load event. The paint
// entry is recorded after the frame is drawn, so it is waited for.
func pageTiming(t testing.TB, ft *formTab) map[string]float64 {
	t.Helper()
	v, err := runOn(ft.ctx, chromedp.Evaluate[map[string]float64](`new Promise(resolve => {
		const done = fcp => {
			const ready = performance.getEntriesByName("cop-ready")[0];
			const nav = performance.getEntriesByType("navigation")[0];
			resolve({fcp: fcp, ready: ready ? ready.startTime : -1, load: nav ? nav.loadEventEnd : -1});
		};
		new PerformanceObserver(list => {
			const e = list.getEntries().find(e => e.name === "first-contentful-paint");
			if (e) done(e.startTime);
		}).observe({type: "paint", buffered: true});
		setTimeout(() => done(-1), 5000);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// lowContrast fails the test for any visible text on the page whose
// contrast with its background is below WCAG 2.2 AA: 4.5:1, or 3:1 for
// large text (24 px, or 18.66 px bold). The background is the nearest
// opaque one behind the element.
func lowContrast(t *testing.T, ft *formTab) {
	t.Helper()
	bad, err := runOn(ft.ctx, chromedp.Evaluate[[]string](`(() => {
		const parse = s => {
			const m = s.match(/rgba?\(([^)]+)\)/);
			if (!m) return null;
			const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
			return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1};
		};
		const lum = rgb => {
			const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const background = e => {
			for (; e; e = e.parentElement) {
				const c = parse(getComputedStyle(e).backgroundColor);
				if (c && c.a > 0) return c.rgb;
			}
			return [255, 255, 255];
		};
		const out = [];
		document.querySelectorAll("body *").forEach(e => {
			if (!e.getClientRects().length) return; // not shown
			if (!Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) return;
			const st = getComputedStyle(e);
			const a = lum(parse(st.color).rgb), b = lum(background(e));
			const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
			const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
			if (ratio < need) out.push(e.tagName + " \"" + e.textContent.trim().slice(0, 40) + "\": " + ratio.toFixed(2) + ":1, needs " + need + ":1");
		});
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("low contrast: %s", b)
	}
}

// printsOnA4 prints the page and checks the paper: A4, nothing wider than
// the page, every question there (the pages that the screen shows one at a
// time all print).
func printsOnA4(t *testing.T, ft *formTab, name string) {
	t.Helper()
	if _, err := call(ft.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	// A4 less the page's margins (12 mm each side) is 186 mm: 703 CSS px.
	if err := do(ft.ctx, chromedp.EmulateViewport(703, 1000)); err != nil {
		t.Fatal(err)
	}
	v, err := runOn(ft.ctx, chromedp.Evaluate[map[string]float64](`(() => {
		let widest = 0, hiddenQuestions = 0;
		document.querySelectorAll("main *").forEach(e => { const r = e.getBoundingClientRect(); widest = Math.max(widest, r.right); });
		document.querySelectorAll("fieldset.q").forEach(q => { if (q.getBoundingClientRect().height === 0) hiddenQuestions++; });
		return {widest, scroll: document.documentElement.scrollWidth, hiddenQuestions};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if v["widest"] > 703.5 || v["scroll"] > 703 {
		t.Errorf("printed, the page is %.0f px wide (scroll width %.0f): wider than A4's 703 px of text", v["widest"], v["scroll"])
	}
	if v["hiddenQuestions"] > 0 {
		t.Errorf("%.0f questions do not print", v["hiddenQuestions"])
	}
	save(t, "form-"+name+"-print.png", ft.screenshot(t))
	if _, err := call(ft.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	pdf := ft.pdf(t)
	save(t, "form-"+name+".pdf", pdf)
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no MediaBox in the printed PDF")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if math.Abs(w-595.28) > 1 || math.Abs(h-841.89) > 1 {
		t.Errorf("printed on %.2f x %.2f points, want A4 (595.28 x 841.89)", w, h)
	}
	t.Logf("printed on %d A4 pages", strings.Count(string(pdf), "/Type /Page\n")+strings.Count(string(pdf), "/Type /Page/")+strings.Count(string(pdf), "/Type /Page>"))
}

// indicatorNote is a response's note on one indicator.
func indicatorNote(r *model.Response, dim, ind string) string { return r.IndicatorNotes[dim][ind] }

// BenchmarkFormFirstPaint opens the questionnaire page of the default
// framework in headless Chromium, again and again, and reports what a member
// waits for: the first contentful paint (the heading and the first question
// on screen) and the moment the script is ready to take answers, in
// milliseconds after navigation starts, with the page's size beside them.
// The budget is the first question within 200 ms.
//
//	COP_CHROMIUM=/usr/bin/chromium go test ./cmd/cop -run '^$' -bench FormFirstPaint -benchtime 20x
func BenchmarkFormFirstPaint(b *testing.B) {
	bin := chromium(b)
	dir := b.TempDir()
	path := filepath.Join(dir, "form.html")
	ios, _, _, stderr := iostreams.Test()
	if code := cli.Run(context.Background(), factory.New(ios), []string{"form", "--community", "Riverside Palliative Care Nurses", "--date", "2026-11-22", "-o", path}); code != 0 {
		b.Fatalf("cop form: exit %d\n%s", code, stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	ft := newFormTab(b, bin)
	u := (&url.URL{Scheme: "file", Path: path}).String()
	ft.mu.Lock()
	ft.pageURL = u
	ft.mu.Unlock()
	var fcp, ready float64
	n := 0
	for b.Loop() {
		if err := do(ft.ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(u)); err != nil {
			b.Fatal(err)
		}
		v := pageTiming(b, ft)
		if v["fcp"] < 0 {
			b.Fatal("no first contentful paint recorded")
		}
		fcp += v["fcp"]
		ready += v["ready"]
		n++
	}
	b.ReportMetric(fcp/float64(n), "paint-ms")
	b.ReportMetric(ready/float64(n), "ready-ms")
	b.ReportMetric(float64(info.Size()), "page-bytes")
}
