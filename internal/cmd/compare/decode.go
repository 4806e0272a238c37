package compare

import (
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"

	grid "github.com/cophealth/cop/internal/compare"
)

// outcome is what became of one file.
type outcome struct {
	name  string
	round *grid.Round
	err   error
	warns []*load.Warning
}

// decode reads, checks and scores one file the folder rule gave, keeping
// only its scores: the YAML tree, the answers and the notes are garbage as
// soon as it is scored, so memory grows with the number of files, not with
// their size. It runs on every core (load.ReadEach).
func decode(in load.Input, cat *catalog.Catalog) outcome {
	if in.Err != nil {
		return outcome{name: in.Name, err: in.Err}
	}
	l, err := cat.Assessment(in.Doc)
	if err != nil {
		return outcome{name: in.Name, err: err}
	}
	return outcome{name: in.Name, round: grid.Summarize(in.Doc.Name, l.Assessment, score.Compute(l.Framework, l.Assessment)), warns: l.Warnings}
}

// fileProblems lists a file's problems for the JSON output.
func fileProblems(file string, err error) []render.ProblemDoc {
	return render.ProblemDocs(file, load.ProblemsOf(err))
}
