// Package load reads cop's YAML files strictly: frameworks, assessments and
// policies. It refuses oversized input before parsing, reports every problem
// in a file at once with file:line:col, and never panics on any input.
package load

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/inert"
)

// Problem is one thing wrong with a file, at a place in it.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Col  int // 0 when the column is not known
	Msg  string
}

// Error writes the problem as one line, file:line:col: message, made inert
// (package inert): a file name or a value quoted from a file cannot move
// the cursor, break the line, or begin a CI workflow command, however the
// line is printed.
func (p *Problem) Error() string {
	if p.File == "" {
		return inert.Message(inert.Line(p.Msg))
	}
	var b strings.Builder
	b.WriteString(inert.Line(p.File))
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":" + strconv.Itoa(p.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(inert.Line(p.Msg))
	return inert.Message(b.String())
}

// Problems is every problem found in a file, in the order they appear.
// It is the error returned when a file does not load.
type Problems []*Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted orders problems by line and column, keeping the order of discovery
// for problems at the same place.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Col < ps[j].Col
	})
	return ps
}

// Warning is a problem that does not stop a file from loading, such as a
// framework version that differs from the one the file was made with.
type Warning = Problem

func problemf(file string, line, col int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
