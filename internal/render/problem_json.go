package render

import "github.com/cophealth/cop/internal/load"

// ProblemDoc is the one JSON shape of a problem or warning at a place in a
// file, in the output of every command (validate, check, compare): line and
// column are 0 when the problem concerns the whole file or the place is
// not known.
type ProblemDoc struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Error formats the problem as cop prints it on standard error,
// file:line:col: message.
func (p ProblemDoc) Error() string {
	return (&load.Problem{File: p.File, Line: p.Line, Col: p.Column, Msg: p.Message}).Error()
}

// ProblemDocs converts the loader's problems, naming file where a problem
// names none; the result is never nil, so that JSON shows [] for none.
func ProblemDocs(file string, ps load.Problems) []ProblemDoc {
	out := make([]ProblemDoc, 0, len(ps))
	for _, p := range ps {
		d := ProblemDoc{File: p.File, Line: p.Line, Column: p.Col, Message: p.Msg}
		if d.File == "" {
			d.File = file
		}
		out = append(out, d)
	}
	return out
}
