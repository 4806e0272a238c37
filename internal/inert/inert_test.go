package inert

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                 "plain text",
		"tab\tand\nbreak kept":       "tab\tand\nbreak kept",
		"\x1b[2Jcleared":             `\x1b[2Jcleared`,
		"bell\a, cr\r, nul\x00":      `bell\x07, cr\x0d, nul\x00`,
		"next line\u0085":            `next line\x85`,
		"abc\u202edcba":              `abc\u202edcba`,
		"isolate\u2066x\u2069":       `isolate\u2066x\u2069`,
		"accents é and emoji 🙂 stay": "accents é and emoji 🙂 stay",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLine(t *testing.T) {
	if got, want := Line("0.9\n::warning::INJECTED\tx"), `0.9\x0a::warning::INJECTED`+"\tx"; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

// TestMessage: no line of a message can begin a workflow command, even
// after leading white space, which runners trim; "::" elsewhere is left.
func TestMessage(t *testing.T) {
	for in, want := range map[string]string{
		"a.yaml:3:4: fine":                    "a.yaml:3:4: fine",
		"::warning::INJECTED":                 `\x3a:warning::INJECTED`,
		"first\n::error::x\n  ::notice::y":    "first\n" + `\x3a:error::x` + "\n  " + `\x3a:notice::y`,
		"\u00a0::warning::after a nbsp":       "\u00a0" + `\x3a:warning::after a nbsp`,
		"##vso[task.setvariable]x":            `\x23#vso[task.setvariable]x`,
		"a::b in the middle stays":            "a::b in the middle stays",
		"cr\r::warning::is not a line break":  `cr\x0d::warning::is not a line break`,
		"esc \x1b]0;title\x07 and ::x at end": `esc \x1b]0;title\x07 and ::x at end`,
	} {
		got := Message(in)
		if got != want {
			t.Errorf("Message(%q) = %q, want %q", in, got, want)
		}
		for _, l := range strings.Split(got, "\n") {
			if r := strings.TrimLeft(l, " \t\u00a0"); strings.HasPrefix(r, "::") || strings.HasPrefix(r, "##") {
				t.Errorf("Message(%q) has a line beginning a workflow command: %q", in, l)
			}
		}
	}
	// Idempotent: escaping twice changes nothing, so layers may each escape.
	s := "::x\n\x1b"
	if once, twice := Message(s), Message(Message(s)); once != twice {
		t.Errorf("Message twice = %q, once = %q", twice, once)
	}
}
