// Package form writes the browser questionnaire: one self-contained HTML
// page that a member opens from disk, a web server or an email attachment,
// answers on a laptop or a phone, and saves as an assessment file of one
// response. The page makes no network request and loads no asset: its CSS
// and script are inline, and its content security policy forbids the rest.
package form

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/cophealth/cop/internal/model"
)

// pageTemplate is the page: markup and CSS. html/template escapes every
// piece of framework and round text for where it lands, so a community
// called <script> shows as text.
//
//go:embed page.tmpl
var pageTemplate string

// pageScript is the page's behaviour, kept in its own file so that it reads
// (and lints) as JavaScript; it is written inline into the page, and its
// hash goes into the content security policy so that no other script runs.
//
//go:embed form.js
var pageScript string

// Round is what the page asks about and the file it saves names: one round
// of one community against one framework.
type Round struct {
	Framework *model.Framework
	Community string
	Date      time.Time
	// Contact says where members send their file (an email address, a
	// person, a shared folder); empty when the coordinator gave none.
	Contact string
	// Closes is the last day to answer; the zero time when there is none.
	Closes time.Time
	// Anonymous rounds ask no name: the saved file has no respondent, and
	// cop merge labels each such response apart.
	Anonymous bool
}

// config reaches the script as JSON in a type="application/json" element:
// data the script reads, never code it runs.
type config struct {
	Framework frameworkRef `json:"framework"`
	Community string       `json:"community"`
	Date      string       `json:"date"`
	Contact   string       `json:"contact"`
	Anonymous bool         `json:"anonymous"`
}

type frameworkRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// option is one answer to an indicator, as the page offers it.
type option struct {
	Value, Label, Description string
}

// page is the template's data.
type page struct {
	Round
	DateText, ClosesText string
	Config               config
	Options              []option
	Script               template.JS
	ScriptHash           string
	Indicators           int
	Steps                int
	// Size says how long the questionnaire is, for the first page: "22
	// questions in 7 parts".
	Size string
}

// Write renders the page for a round to w.
func Write(w io.Writer, r Round) error {
	t, err := template.New("page").Funcs(template.FuncMap{
		"add": func(a, b int) int { return a + b },
	}).Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("form template: %w", err)
	}
	sum := sha256.Sum256([]byte(pageScript))
	p := page{
		Round:      r,
		DateText:   r.Date.Format(model.DateLayout),
		Script:     template.JS(pageScript),
		ScriptHash: "sha256-" + base64.StdEncoding.EncodeToString(sum[:]),
		Indicators: r.Framework.IndicatorCount(),
		Steps:      len(r.Framework.Dimensions) + 2,
		Config: config{
			Framework: frameworkRef{ID: r.Framework.ID, Version: r.Framework.Version},
			Community: r.Community,
			Date:      r.Date.Format(model.DateLayout),
			Contact:   r.Contact,
			Anonymous: r.Anonymous,
		},
	}
	p.Size = count(p.Indicators, "question") + " in " + count(len(r.Framework.Dimensions), "part")
	if !r.Closes.IsZero() {
		p.ClosesText = r.Closes.Format(model.DateLayout)
	}
	for _, s := range r.Framework.Scale {
		p.Options = append(p.Options, option{Value: model.FormatNumber(s.Value), Label: s.Label, Description: s.Description})
	}
	p.Options = append(p.Options,
		option{Value: model.Unknown, Label: "Don't know", Description: "You cannot say; it stays unrated."},
		option{Value: model.NotApplicable, Label: "Not applicable", Description: "It does not apply to this community; it is left out of the score."},
	)
	return t.Execute(w, p)
}

// count says "1 part", "7 parts".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
