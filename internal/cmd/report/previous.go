package report

import (
	"os"
	"path/filepath"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"

	grid "github.com/cophealth/cop/internal/compare"
)

// previousRound finds the round before a, for the report's "since the
// previous round": the file given with --previous, or else the latest
// round dated before a's, of the same community and framework, among the
// YAML files in a's folder, drafts left out. Files there that do not load, or are not an
// assessment, are passed over in silence: they are not what was asked
// about. A file given with --previous must load, and must be an earlier
// round of the same community.
func previousRound(opts *Options, a *model.Assessment, fw *model.Framework, cat *catalog.Catalog) (*render.PreviousRound, error) {
	if opts.NoPrevious {
		return nil, nil
	}
	if opts.Previous != "" {
		l, err := load.AssessmentFile(opts.Previous, cat.Resolve)
		if err != nil {
			return nil, err
		}
		if err := samePlace(opts.Previous, l, a, fw); err != nil {
			return nil, err
		}
		return &render.PreviousRound{Path: opts.Previous, Assessment: l.Assessment, Result: score.Compute(l.Framework, l.Assessment)}, nil
	}
	if opts.File == "-" {
		return nil, nil
	}
	dir := filepath.Dir(opts.File)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	self, _ := os.Stat(opts.File)
	var best *load.Loaded
	var bestPath string
	for _, e := range entries {
		// A draft (by its name, or draft: true below) is someone's
		// unfinished answers, never a round: the folder rule of load.
		if e.IsDir() || !load.IsYAMLName(e.Name()) || load.IsDraftName(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if st, err := os.Stat(path); err != nil || (self != nil && os.SameFile(st, self)) {
			continue
		}
		doc, err := load.ParseFile(path)
		if err != nil || doc.Kind() != model.AssessmentKind || doc.SaysDraft() {
			continue
		}
		l, err := load.Assessment(doc, cat.Resolve)
		if err != nil || samePlace(path, l, a, fw) != nil {
			continue
		}
		if best == nil || l.Assessment.Date.After(best.Assessment.Date) {
			best, bestPath = l, path
		}
	}
	if best == nil {
		return nil, nil
	}
	return &render.PreviousRound{Path: bestPath, Assessment: best.Assessment, Result: score.Compute(best.Framework, best.Assessment)}, nil
}

// samePlace checks that a loaded round is an earlier round of the same
// community (by grid.CommunityKey, as cop compare and cop merge match it)
// on the same framework.
func samePlace(path string, l *load.Loaded, a *model.Assessment, fw *model.Framework) error {
	p := l.Assessment
	switch {
	case grid.CommunityKey(p.Community) != grid.CommunityKey(a.Community):
		return errorf("--previous %s is a round of %q, not of %q", path, render.OneLine(p.Community), render.OneLine(a.Community))
	case l.Framework.ID != fw.ID:
		return errorf("--previous %s uses framework %s, not %s: its scores cannot be compared", path, l.Framework.ID, fw.ID)
	case !p.Date.Before(a.Date):
		return errorf("--previous %s is dated %s, not before this round (%s)", path, p.Date.Format(model.DateLayout), a.Date.Format(model.DateLayout))
	}
	return nil
}
