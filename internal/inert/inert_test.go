package inert

import (
	"io"
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

// TestWriter: text written in any pieces comes out as Message would escape
// it for workflow commands, byte for byte otherwise (control characters are
// the renderers' business), and nothing is lost at the end.
func TestWriter(t *testing.T) {
	in := "Title\n::error::pwned, 2026-11-22\n  ##vso[x]\nmid::dle stays\n::warning::no newline at the end"
	want := "Title\n" + `\x3a:error::pwned, 2026-11-22` + "\n  " + `\x23#vso[x]` + "\nmid::dle stays\n" + `\x3a:warning::no newline at the end`
	// every way of cutting the text in two, so that "::" and the line
	// start fall on either side of a write
	for cut := 0; cut <= len(in); cut++ {
		var b strings.Builder
		err := Lines(&b, func(w io.Writer) error {
			if _, err := io.WriteString(w, in[:cut]); err != nil {
				return err
			}
			_, err := io.WriteString(w, in[cut:])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Fatalf("cut at %d: got %q, want %q", cut, b.String(), want)
		}
	}
	// one byte at a time
	var b strings.Builder
	w := NewWriter(&b)
	for i := 0; i < len(in); i++ {
		w.Write([]byte{in[i]})
	}
	if err := w.Flush(); err != nil || b.String() != want {
		t.Errorf("byte by byte: got %q (%v), want %q", b.String(), err, want)
	}
}
