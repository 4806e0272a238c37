package compare

import (
	"runtime/debug"

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

// tuneGC sets the garbage collector for reading many files, unless the user
// set GOGC or GOMEMLIMIT, and returns what puts it back. What compare keeps
// is small (each file's scores, about 1 KB) while each file's YAML tree is
// garbage at once: with the default GOGC of 100 the collector runs every
// few MiB and took a fifth of compare's CPU time over 10,000 files. Letting
// the heap grow to five times what is live, capped by a soft limit of 64
// MiB, cuts most of that and keeps peak memory near 64 MiB whatever the
// size of the notes. The limit is soft: past some 50,000 files the scores
// alone approach it, and then the collector runs more often (the runtime
// caps it at half the CPU) while memory grows as it must.
func tuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(64 << 20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
