package compare

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"

	grid "github.com/cophealth/cop/internal/compare"
)

// outcome is what became of one file.
type outcome struct {
	round   *grid.Round
	err     error
	warns   []*load.Warning
	skipped bool // found in a directory, and not an assessment
}

// decodeAll reads, checks and scores the files on every core, keeping only
// each one's scores: the YAML tree, the answers and the notes of a file are
// garbage as soon as it is scored, so memory grows with the number of
// files, not with their size. The outcomes are in the order of args,
// whatever order the work finished in.
func decodeAll(ctx context.Context, args []load.Arg, stdin io.Reader, fws *frameworks) ([]outcome, error) {
	out := make([]outcome, len(args))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(args)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(args) {
					return
				}
				out[i] = decode(args[i], stdin, fws)
			}
		})
	}
	wg.Wait()
	return out, ctx.Err()
}

// decode reads one file. A file found in a directory that is plainly not
// an assessment is skipped; one named outright must be an assessment.
func decode(a load.Arg, stdin io.Reader, fws *frameworks) outcome {
	doc, err := load.ParseInput(a.Path, stdin)
	if err != nil {
		return outcome{err: err}
	}
	if a.Found && !doc.LooksLike(model.AssessmentKind) {
		return outcome{skipped: true}
	}
	version := namedVersion(doc.Root)
	var used *model.Framework
	l, err := load.Assessment(doc, func(id string) (*model.Framework, error) {
		fw, err := fws.resolve(id, version)
		used = fw
		return fw, err
	})
	if err != nil {
		if used != nil && version != "" && used.Version != version {
			// The problems may come from reading the file with another
			// version than it names; say so, and what to do.
			err = fmt.Errorf("%w\n%s: made with %s version %s, read with version %s (%s); give version %s with --framework FILE",
				err, doc.Name, used.ID, version, used.Version, used.Source, version)
		}
		return outcome{err: err}
	}
	return outcome{round: grid.Summarize(doc.Name, l.Assessment, score.Compute(l.Framework, l.Assessment)), warns: l.Warnings}
}

// fileProblems lists a file's problems for the JSON output.
func fileProblems(file string, err error) []render.FileProblem {
	var ps load.Problems
	var p *load.Problem
	switch {
	case errors.As(err, &ps):
	case errors.As(err, &p):
		ps = load.Problems{p}
	default:
		return []render.FileProblem{{File: file, Message: err.Error()}}
	}
	out := make([]render.FileProblem, len(ps))
	for i, p := range ps {
		out[i] = render.FileProblem{File: p.File, Line: p.Line, Column: p.Col, Message: p.Msg}
	}
	return out
}
