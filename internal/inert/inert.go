// Package inert makes text taken from files harmless to print on a
// terminal or on standard error. It is the one place where
// cop decides what is dangerous: control characters, which could move the
// cursor, clear the screen or set a terminal's title; Unicode direction
// overrides, which make text read differently from what it is; and, on a
// line of a log, a CI workflow command (GitHub's "::warning::", Azure's
// "##vso["), which a runner would obey. Dangerous characters are written as
// visible escapes such as \x1b, so that nothing is hidden from the reader.
//
// render's Inert and OneLine, load's Problem.Error and every diagnostic cop
// prints on standard error go through it, and the table formats (text for
// people) are written through its Writer. It is a leaf package so that
// every other package can use it.
package inert

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Text escapes control characters and direction overrides, keeping tabs and
// line breaks: for multi-line text such as notes and guidance.
func Text(s string) string { return escape(s, false) }

// Line escapes like Text and escapes line breaks too, so that a value from a
// file (a file name, an id, a version) stays on the line it is printed on.
func Line(s string) string { return escape(s, true) }

// Message makes a whole diagnostic safe for standard error: it escapes like
// Text, and a line that would begin a CI workflow command once leading white
// space is trimmed (as runners do) has its first character escaped, so
// "::warning::x" is printed as "\x3a:warning::x".
func Message(s string) string {
	s = Text(s)
	if !strings.Contains(s, "::") && !strings.Contains(s, "##") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = noCommand(l)
	}
	return strings.Join(lines, "\n")
}

// noCommand escapes the first character of a line that would begin a CI
// workflow command once leading white space is trimmed.
func noCommand(l string) string {
	rest := strings.TrimLeftFunc(l, unicode.IsSpace)
	if strings.HasPrefix(rest, "::") || strings.HasPrefix(rest, "##") {
		lead := len(l) - len(rest)
		return l[:lead] + fmt.Sprintf("\\x%02x", rest[0]) + rest[1:]
	}
	return l
}

// Writer passes text for people (the table formats on standard output or
// in a file) through to another writer, escaping on each line a CI workflow
// command at its start as Message does: a community called
// "::error::pwned" must not become an annotation when a report is printed
// in a CI log. Data formats (JSON, CSV, YAML, JUnit, Markdown) keep their
// exact text and do not use it. Lines are held until they end; call Flush
// after the last write.
type Writer struct {
	w   io.Writer
	buf []byte
}

// NewWriter returns a Writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes every whole line in p (and any held before), keeping the
// rest of the last line until it ends or Flush is called.
func (w *Writer) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	end := bytes.LastIndexByte(w.buf, '\n')
	if end < 0 {
		return len(p), nil
	}
	if err := w.emit(w.buf[:end+1]); err != nil {
		return 0, err
	}
	w.buf = append(w.buf[:0], w.buf[end+1:]...)
	return len(p), nil
}

// Flush writes the unfinished last line, if any.
func (w *Writer) Flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	err := w.emit(w.buf)
	w.buf = w.buf[:0]
	return err
}

func (w *Writer) emit(b []byte) error {
	if !bytes.Contains(b, []byte("::")) && !bytes.Contains(b, []byte("##")) {
		_, err := w.w.Write(b)
		return err
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = noCommand(l)
	}
	_, err := io.WriteString(w.w, strings.Join(lines, "\n"))
	return err
}

// Lines runs write over a Writer on w and flushes it: how a command writes
// a table format.
func Lines(w io.Writer, write func(io.Writer) error) error {
	lw := NewWriter(w)
	if err := write(lw); err != nil {
		lw.Flush()
		return err
	}
	return lw.Flush()
}

// Fprintf formats like fmt.Fprintf and writes the result through Message:
// how cop prints a diagnostic on standard error, or a line of text output
// that names files, ids and versions.
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	return io.WriteString(w, Message(fmt.Sprintf(format, args...)))
}

// Fprintln formats like fmt.Fprintln and writes the result through Message.
func Fprintln(w io.Writer, args ...any) (int, error) {
	return io.WriteString(w, Message(fmt.Sprintln(args...)))
}

func escape(s string, breaks bool) string {
	clean := true
	for _, r := range s {
		if dangerous(r, breaks) {
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
		case !dangerous(r, breaks):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// dangerous reports whether r must be escaped. Invalid UTF-8 decodes as
// U+FFFD, which is printable and harmless.
func dangerous(r rune, breaks bool) bool {
	switch {
	case r == '\t':
		return false
	case r == '\n':
		return breaks
	case unicode.IsControl(r):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
