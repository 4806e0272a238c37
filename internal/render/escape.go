// Package render writes results in each output format over an io.Writer.
// Renderers do no I/O of their own and make no decisions about terminals:
// they are told whether to use colour and Unicode.
package render

import (
	"fmt"
	"strings"
	"unicode"
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

// AnnotationMessage escapes the message of a GitHub Actions workflow command.
func AnnotationMessage(s string) string { return annotationMessage.Replace(s) }

// AnnotationProperty escapes a property value (file, title) of a GitHub
// Actions workflow command, where ':' and ',' are also special.
func AnnotationProperty(s string) string { return annotationProperty.Replace(s) }

// OneLine folds line breaks and runs of white space into single spaces and
// makes control characters visible, for user text shown in a terminal.
func OneLine(s string) string { return Inert(strings.Join(strings.Fields(s), " ")) }

// Inert makes text safe to print on a terminal: control characters (which
// could move the cursor, clear the screen or set the title) and Unicode
// direction overrides (which could make text read differently from what it
// is) are written as visible escapes such as \x1b. Tabs and line breaks stay.
func Inert(s string) string {
	clean := true
	for _, r := range s {
		if dangerous(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !dangerous(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func dangerous(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
