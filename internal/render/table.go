package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Align is a column's alignment.
type Align = tw.Align

// The alignments a column may have.
const (
	Left  = tw.AlignLeft
	Right = tw.AlignRight
)

// Table is a simple grid: a header and rows of text cells.
type Table struct {
	Header []string
	Align  []Align
	Rows   [][]string
}

// WritePlain writes the table for a terminal: no borders, columns separated
// by two spaces, and no trailing white space.
func (t *Table) WritePlain(w io.Writer) error {
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: t.Align}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: t.Align}),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
	)
	if err := t.fill(tbl); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

// WriteMarkdown writes the table as GitHub-flavoured Markdown. Cells must
// already be escaped with Markdown.
func (t *Table) WriteMarkdown(w io.Writer) error {
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: t.Align}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: t.Align}),
	)
	if err := t.fill(tbl); err != nil {
		return err
	}
	return writeTrimmed(w, buf.Bytes())
}

func (t *Table) fill(tbl *tablewriter.Table) error {
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
	}
	tbl.Header(header...)
	for _, r := range t.Rows {
		if err := tbl.Append(r); err != nil {
			return err
		}
	}
	return tbl.Render()
}

func writeTrimmed(w io.Writer, b []byte) error {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	var out strings.Builder
	for _, l := range lines {
		out.WriteString(strings.TrimRight(l, " "))
		out.WriteByte('\n')
	}
	_, err := io.WriteString(w, out.String())
	return err
}
