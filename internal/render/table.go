package render

import (
	"io"
	"strings"
	"unicode/utf8"

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
	// MaxWidth is the widest a line may be (0: 80); honoured by the tablewriter rewrite.
	MaxWidth int
}

// Width is the number of terminal cells a string takes: wide characters
// count two, combining marks none, and ANSI escape sequences nothing.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence, such as the colours cop paints: ESC [ ... final.
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrow(r) {
				return ansi.StringWidth(s) // wide or combining characters: segment properly
			}
			n++
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// narrow reports whether a rune takes one cell and never combines with its
// neighbours: Latin letters with accents as single characters, and the box,
// block and shape characters cop draws (bars, arrows). Measuring these
// without grapheme segmentation keeps table layout cheap.
func narrow(r rune) bool {
	return r >= 0xa0 && r <= 0x24f && r != 0xad || r >= 0x2500 && r <= 0x25ff
}

// measure returns the display width of every cell (header first, then the
// rows) and of each column. A row with more cells than the header is an
// error in the caller; the extra cells are dropped rather than silently
// making a new column.
func (t *Table) measure() (cells [][]int, cols []int) {
	cols = make([]int, len(t.Header))
	rows := append([][]string{t.Header}, t.Rows...)
	cells = make([][]int, len(rows))
	for r, row := range rows {
		cells[r] = make([]int, len(cols))
		for i := 0; i < len(row) && i < len(cols); i++ {
			n := Width(row[i])
			cells[r][i] = n
			cols[i] = max(cols[i], n)
		}
	}
	return cells, cols
}
func (t *Table) align(i int) Align {
	if i < len(t.Align) {
		return t.Align[i]
	}
	return Left
}

// pad fits a cell that takes has cells to width cells, on the side its
// alignment asks for.
func pad(s string, has, width int, a Align) string {
	gap := width - has
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
	cells, widths := t.measure()
	var b strings.Builder
	for r, row := range append([][]string{t.Header}, t.Rows...) {
		var line strings.Builder
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			if i > 0 {
				line.WriteString("  ")
			}
			line.WriteString(pad(cell, cells[r][i], widths[i], t.align(i)))
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
	cells, widths := t.measure()
	for i := range widths {
		widths[i] = max(widths[i], 3)
	}
	var b strings.Builder
	writeRow := func(r int, row []string) {
		b.WriteByte('|')
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			b.WriteString(" " + pad(cell, cells[r][i], widths[i], t.align(i)) + " |")
		}
		b.WriteByte('\n')
	}
	writeRow(0, t.Header)
	b.WriteByte('|')
	for i, n := range widths {
		if t.align(i) == Right {
			b.WriteString(strings.Repeat("-", n+1) + ":|")
		} else {
			b.WriteString(":" + strings.Repeat("-", n+1) + "|")
		}
	}
	b.WriteByte('\n')
	for r, row := range t.Rows {
		writeRow(r+1, row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
