package render

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Align is a column's alignment.
type Align uint8

// The alignments a column may have.
const (
	Left Align = iota
	Right
)

// Table is a simple grid: a header and rows of text cells.
//
// cop writes its tables itself rather than through a table library: the one
// first chosen (tablewriter v1) allocates a width cache and pulls in logging
// and colour packages at start-up, which made "cop report" 2.9x slower than
// decoding the file alone, against a target of 1.5x (see the README's
// Performance section). Aligning columns of short cells needs no more than
// this file.
type Table struct {
	Header []string
	Align  []Align
	Rows   [][]string
}

// Width is the number of terminal cells a string takes: wide characters
// count two, combining marks none, and ANSI escape sequences nothing.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 || c == 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s) // printable ASCII: one cell a byte, the common case
}

// widths returns the display width of each column over the header and rows.
// A row with more cells than the header is an error in the caller; the extra
// cells are dropped rather than silently making a new column.
func (t *Table) widths() []int {
	w := make([]int, len(t.Header))
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		for i := 0; i < len(row) && i < len(w); i++ {
			if n := Width(row[i]); n > w[i] {
				w[i] = n
			}
		}
	}
	return w
}

func (t *Table) align(i int) Align {
	if i < len(t.Align) {
		return t.Align[i]
	}
	return Left
}

// pad fits a cell to width cells, on the side its alignment asks for.
func pad(s string, width int, a Align) string {
	gap := width - Width(s)
	if gap <= 0 {
		return s
	}
	if a == Right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// WritePlain writes the table for a terminal: no borders, columns separated
// by two spaces, and no trailing white space.
func (t *Table) WritePlain(w io.Writer) error {
	widths := t.widths()
	var b strings.Builder
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		var line strings.Builder
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			if i > 0 {
				line.WriteString("  ")
			}
			line.WriteString(pad(cell, widths[i], t.align(i)))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the table as GitHub-flavoured Markdown with aligned
// columns. Cells must already be escaped with Markdown.
func (t *Table) WriteMarkdown(w io.Writer) error {
	widths := t.widths()
	for i := range widths {
		widths[i] = max(widths[i], 3)
	}
	var b strings.Builder
	writeRow := func(row []string) {
		b.WriteByte('|')
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			b.WriteString(" " + pad(cell, widths[i], t.align(i)) + " |")
		}
		b.WriteByte('\n')
	}
	writeRow(t.Header)
	b.WriteByte('|')
	for i, n := range widths {
		if t.align(i) == Right {
			b.WriteString(strings.Repeat("-", n+1) + ":|")
		} else {
			b.WriteString(":" + strings.Repeat("-", n+1) + "|")
		}
	}
	b.WriteByte('\n')
	for _, row := range t.Rows {
		writeRow(row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
