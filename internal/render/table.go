package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Align is a column's alignment.
type Align uint8

// The alignments a column may have.
const (
	Left Align = iota
	Right
)

// DefaultWidth is the width terminal output is laid out for when no other
// is given: Table.MaxWidth 0 and Style.Width 0 mean this.
const DefaultWidth = 80

// gutter is the space between two columns of a terminal table.
const gutter = 2

// Table is a grid: a header and rows of text cells. WritePlain lays it out
// for a terminal through tablewriter; WriteMarkdown writes it as Markdown.
type Table struct {
	Header []string
	Align  []Align
	Rows   [][]string
	// MaxWidth is the widest a line of WritePlain may be, in terminal
	// cells; 0 means DefaultWidth.
	MaxWidth int
}

// Width is the number of terminal cells a string takes: wide characters
// count two, combining marks none, and ANSI escape sequences nothing.
func Width(s string) int { return ansi.StringWidth(s) }

func (t *Table) align(i int) Align {
	if i < len(t.Align) {
		return t.Align[i]
	}
	return Left
}

// grid returns the header and the rows with exactly one cell per header
// cell. A row with more cells than the header is an error in the caller;
// the extra cells are dropped rather than silently making a new column (as
// tablewriter would).
func (t *Table) grid() [][]string {
	n := len(t.Header)
	out := make([][]string, 0, len(t.Rows)+1)
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		cells := make([]string, n)
		copy(cells, row)
		out = append(out, cells)
	}
	return out
}

// fit chooses each column's width, gutters excluded, so that a line takes
// at most limit cells. It measures cells as tablewriter does (twwidth), so
// that tablewriter never finds a cell wider than its column and cuts it. Columns start at their widest cell. While the table
// is too wide, the widest column that may still give way loses a cell:
// first text (left-aligned) columns, down to their longest word, so titles
// wrap between words and numbers keep their place; then any column down to
// its longest word; then, when even that cannot fit, any column down to a
// single cell, long words broken.
func (t *Table) fit(grid [][]string, limit int) []int {
	n := len(t.Header)
	natural, word := make([]int, n), make([]int, n)
	for _, row := range grid {
		for i, cell := range row {
			for _, line := range strings.Split(cell, "\n") {
				natural[i] = max(natural[i], twwidth.Width(line))
				for _, w := range strings.Fields(line) {
					word[i] = max(word[i], twwidth.Width(w))
				}
			}
		}
	}
	widths := append([]int(nil), natural...)
	total := gutter * (n - 1)
	for _, w := range widths {
		total += w
	}
	floors := []func(i int) int{
		func(i int) int {
			if t.align(i) == Left {
				return word[i]
			}
			return natural[i]
		},
		func(i int) int { return word[i] },
		func(int) int { return 1 },
	}
	for _, floor := range floors {
		for total > limit {
			widest := -1
			for i, w := range widths {
				if w > floor(i) && (widest < 0 || w > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break
			}
			widths[widest]--
			total--
		}
	}
	return widths
}

// WritePlain writes the table for a terminal, within MaxWidth cells: no
// borders, the header as written (not upper-cased), columns two spaces
// apart, numbers right-aligned, long cells wrapped inside their column, and
// no trailing white space.
func (t *Table) WritePlain(w io.Writer) error {
	if len(t.Header) == 0 {
		return nil
	}
	limit := t.MaxWidth
	if limit <= 0 {
		limit = DefaultWidth
	}
	grid := t.grid()
	widths := t.fit(grid, limit)
	n := len(widths)

	// A word wider than its column is broken here: tablewriter would cut it.
	for _, row := range grid {
		for i, cell := range row {
			for _, w := range strings.Fields(cell) {
				if twwidth.Width(w) > widths[i] {
					row[i] = ansi.Wrap(cell, widths[i], "")
					break
				}
			}
		}
	}

	aligns := make([]tw.Align, n)
	pads := make([]tw.Padding, n)
	columns := tw.NewMapper[int, int]()
	for i := range n {
		aligns[i] = tw.AlignLeft
		if t.align(i) == Right {
			aligns[i] = tw.AlignRight
		}
		// The gutter is each column's right padding, except the last one's.
		pads[i] = tw.Padding{Right: strings.Repeat(" ", gutter), Overwrite: true}
		columns.Set(i, widths[i]+gutter)
		if i == n-1 {
			pads[i] = tw.PaddingNone
			columns.Set(i, widths[i])
		}
	}
	var buf bytes.Buffer
	table := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithHeaderPaddingPerColumn(pads),
		tablewriter.WithRowPaddingPerColumn(pads),
		tablewriter.WithWidths(tw.CellWidth{PerColumn: columns}),
		tablewriter.WithHeaderAutoWrap(tw.WrapNormal),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
	)
	table.Header(grid[0])
	if err := table.Bulk(grid[1:]); err != nil {
		return err
	}
	if err := table.Render(); err != nil {
		return err
	}
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line == "" {
			continue
		}
		out.WriteString(trimLine(strings.TrimSuffix(line, "\n")))
		out.WriteByte('\n')
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// reset is the ANSI sequence that ends a colour.
const reset = "\x1b[0m"

// trimLine drops a line's trailing blanks, and the second of two resets
// with only blanks between them: tablewriter adds a reset after the padding
// of a coloured cell, which would keep a coloured last column's padding
// from being trimmed and write escape codes that change nothing.
func trimLine(line string) string {
	var b strings.Builder
	for {
		i := strings.Index(line, reset)
		if i < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i+len(reset)])
		line = line[i+len(reset):]
		blanks := len(line) - len(strings.TrimLeft(line, " "))
		if strings.HasPrefix(line[blanks:], reset) {
			line = line[:blanks] + line[blanks+len(reset):]
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// WriteMarkdown writes the table as GitHub-flavoured Markdown with aligned
// columns. Cells must already be escaped with Markdown. Markdown is not
// wrapped: a reader's viewer lays it out.
func (t *Table) WriteMarkdown(w io.Writer) error {
	grid := t.grid()
	cells := make([][]int, len(grid))
	widths := make([]int, len(t.Header))
	for r, row := range grid {
		cells[r] = make([]int, len(row))
		for i, cell := range row {
			cells[r][i] = Width(cell)
			widths[i] = max(widths[i], cells[r][i], 3)
		}
	}
	var b strings.Builder
	writeRow := func(r int) {
		b.WriteByte('|')
		for i, cell := range grid[r] {
			b.WriteString(" " + pad(cell, cells[r][i], widths[i], t.align(i)) + " |")
		}
		b.WriteByte('\n')
	}
	writeRow(0)
	b.WriteByte('|')
	for i, n := range widths {
		if t.align(i) == Right {
			b.WriteString(strings.Repeat("-", n+1) + ":|")
		} else {
			b.WriteString(":" + strings.Repeat("-", n+1) + "|")
		}
	}
	b.WriteByte('\n')
	for r := 1; r < len(grid); r++ {
		writeRow(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
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
