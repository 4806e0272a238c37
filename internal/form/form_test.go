package form

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/golden"
	"github.com/cophealth/cop/internal/model"
)

// tiny is a framework of one dimension with two indicators whose text is
// markup, for a golden file small enough to review.
func tiny() *model.Framework {
	return &model.Framework{
		ID: "tiny", Version: "0.1.0", Title: `Tiny <b>"framework"</b>`, Description: "Line one\nline two </script>",
		Scale: []model.ScalePoint{{Value: 0, Label: "No", Description: "Not at all."}, {Value: 1, Label: "Yes", Description: "Fully & always."}},
		Dimensions: []model.Dimension{{ID: "d", Title: "<i>D</i>", Description: "The one dimension.", Weight: 1, Indicators: []model.Indicator{
			{ID: "i1", Title: "One", Statement: "First </textarea>.", Weight: 1},
			{ID: "i.2", Title: "Two", Statement: "Second.", Weight: 1},
		}}},
	}
}

func write(t *testing.T, r Round) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var hostile = Round{
	Framework: tiny(),
	Community: `</script><script>alert(1)</script> & "Q"`,
	Date:      time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	Contact:   `<img src=x onerror=alert(2)>`,
	Closes:    time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
}

// TestPage keeps the whole page for a tiny framework in a golden file, so
// that a change to the markup is reviewed like code. (The script itself is
// form.js, reviewed on its own.)
func TestPage(t *testing.T) {
	page := write(t, hostile)
	page = strings.Replace(page, pageScript, "/* form.js */", 1)
	// The script's hash changes with the script; TestScriptHash checks it.
	page = regexp.MustCompile(`script-src '[^']+'`).ReplaceAllString(page, "script-src 'sha256-(form.js)'")
	golden.Assert(t, ".html", []byte(page))
}

// TestScriptHash: the content security policy allows exactly the page's
// script, by its SHA-256. Were the two to drift apart (a template edit
// inside the script element), the browser would block the script.
func TestScriptHash(t *testing.T) {
	page := write(t, hostile)
	m := regexp.MustCompile(`script-src '([^']+)'`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no script-src in the page")
	}
	s := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(page)
	if s == nil {
		t.Fatal("no script in the page")
	}
	sum := sha256.Sum256([]byte(s[1]))
	if want := "sha256-" + base64.StdEncoding.EncodeToString(sum[:]); html.UnescapeString(m[1]) != want {
		t.Errorf("script-src %s, the script's hash is %s", html.UnescapeString(m[1]), want)
	}
	if strings.Count(page, "<script") != 2 {
		t.Errorf("%d script elements, want the data and the script", strings.Count(page, "<script"))
	}
}

// TestDataIsJSON: the round reaches the script as JSON in which no user
// text can close the element, and it reads back exactly.
func TestDataIsJSON(t *testing.T) {
	page := write(t, hostile)
	m := regexp.MustCompile(`(?s)<script type="application/json" id="cop-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data element")
	}
	if strings.Contains(strings.ToLower(m[1]), "<") {
		t.Errorf("the data holds a raw <: %s", m[1])
	}
	var c config
	if err := json.Unmarshal([]byte(m[1]), &c); err != nil {
		t.Fatal(err)
	}
	want := config{Framework: frameworkRef{"tiny", "0.1.0"}, Community: hostile.Community, Date: "2026-11-22", Contact: hostile.Contact}
	if c != want {
		t.Errorf("data %+v, want %+v", c, want)
	}
	// Everywhere else, the text is escaped for HTML.
	for _, raw := range []string{"<img", "<i>D</i>", "<b>", "</textarea>."} {
		if strings.Contains(page, raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
}

// TestAnonymousAsksNoName: the name field is there only when the round is
// not anonymous.
func TestAnonymousAsksNoName(t *testing.T) {
	r := hostile
	if !strings.Contains(write(t, r), `id="respondent"`) {
		t.Error("a named round asks no name")
	}
	r.Anonymous = true
	page := write(t, r)
	if strings.Contains(page, `id="respondent"`) || !strings.Contains(page, `"anonymous":true`) {
		t.Error("an anonymous round asks a name, or does not tell the script")
	}
}

// TestScriptBuildsNoHTMLFromStrings: the page's script puts text in with
// textContent and values, and elements with createElement; none of the ways
// to turn a string into markup or code appears in it.
func TestScriptBuildsNoHTMLFromStrings(t *testing.T) {
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "DOMParser", "createContextualFragment"} {
		if strings.Contains(pageScript, bad) {
			t.Errorf("form.js uses %s", bad)
		}
	}
}

// TestAboutPageSpeaksToMembers: the first page tells a member what the
// questionnaire is (its length, 2 questions in the one dimension of tiny)
// and how answers are kept; the framework's own description, written for
// coordinators, is there only folded away under "About this framework".
func TestAboutPageSpeaksToMembers(t *testing.T) {
	page := write(t, hostile)
	start := strings.Index(page, `<section class="step" id="about"`)
	end := strings.Index(page[start:], "</section>")
	if start < 0 || end < 0 {
		t.Fatal("no About you page")
	}
	about := page[start : start+end]
	for _, want := range []string{"2 questions in 1 part.", "kept in this browser", "sends nothing anywhere"} {
		if !strings.Contains(about, want) {
			t.Errorf("the About you page does not say %q", want)
		}
	}
	desc := "Line one\nline two &lt;/script&gt;"
	if n := strings.Count(about, desc); n != 1 {
		t.Fatalf("the framework's description is on the page %d times, want once", n)
	}
	details := regexp.MustCompile(`(?s)<details class="framework[^"]*"><summary>About this framework</summary>.*?</details>`).FindString(about)
	if !strings.Contains(details, desc) {
		t.Error("the framework's description is not folded away under About this framework")
	}
	if n := strings.Count(about, "as it is today"); n != 1 {
		t.Errorf("the page says %q %d times, want once", "as it is today", n)
	}
}
