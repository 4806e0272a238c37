// Package render writes results in each output format over an io.Writer.
// Renderers do no I/O of their own and make no decisions about terminals:
// they are told whether to use colour and Unicode.
package render

import (
	"strings"

	"github.com/cophealth/cop/internal/inert"
)

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`,
	"`", "\\`",
	`*`, `\*`,
	`_`, `\_`,
	`[`, `\[`,
	`]`, `\]`,
	`|`, `\|`,
	`#`, `\#`,
	`<`, `&lt;`,
	`>`, `&gt;`,
	`&`, `&amp;`,
	"\r\n", "<br>",
	"\n", "<br>",
	"\r", "<br>",
)

// Markdown escapes user text for a Markdown table cell or inline text: the
// characters that would start emphasis, code, links, headings or HTML are
// made literal, `|` cannot end a cell, and line breaks become <br>.
func Markdown(s string) string { return markdownEscaper.Replace(s) }

// CSVCell makes a free-text cell inert for spreadsheets: a cell that starts
// with = + - @, a tab or a carriage return could be read as a formula, so it
// gets a leading apostrophe (OWASP's advice for CSV injection). Quoting for
// RFC 4180 is left to encoding/csv.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

var (
	annotationMessage  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	annotationProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// AnnotationMessage escapes the message of a GitHub Actions workflow command:
// '%', CR and LF as the runner expects, then any other control character
// made visible as on a terminal, since the log viewer would obey it.
func AnnotationMessage(s string) string { return inert.Text(annotationMessage.Replace(s)) }

// AnnotationProperty escapes a property value (file, title) of a GitHub
// Actions workflow command, where ':' and ',' are also special.
func AnnotationProperty(s string) string { return inert.Text(annotationProperty.Replace(s)) }

// OneLine folds line breaks and runs of white space into single spaces and
// makes control characters visible, for user text shown in a terminal.
func OneLine(s string) string { return inert.Text(strings.Join(strings.Fields(s), " ")) }

// Inert makes text safe to print on a terminal: control characters (which
// could move the cursor, clear the screen or set the title) and Unicode
// direction overrides (which could make text read differently from what it
// is) are written as visible escapes such as \x1b. Tabs and line breaks stay.
// It is inert.Text, the one rule cop has for this (see package inert).
func Inert(s string) string { return inert.Text(s) }
