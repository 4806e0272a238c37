package score

import "github.com/cophealth/cop/internal/model"

// HeldBack is a dimension whose score keeps the overall level below the one
// the overall score reaches: it is under that level's min-each.
type HeldBack struct {
	Dimension *Dimension
	// Level is the level the overall score reaches and MinEach what it asks
	// of every dimension.
	Level   *model.Level
	MinEach float64
}

// overallLevel sets the overall level (product.md §3, levels with
// min-each): the highest level whose min is at most the rounded overall
// score and, when it has a min-each, whose min-each every dimension with a
// score reaches (rounded). A fitness test passes only when each of its parts
// passes, not only their average. The dimensions short of the min-each of
// the level the score alone reaches are recorded as holding it back.
func (r *Result) overallLevel() {
	fw := r.Framework
	o := &r.Overall
	rounded := Round2(o.Score.Value)
	o.ScoreLevel = fw.Level(rounded)
	o.Level = nil
	for i := len(fw.Levels) - 1; i >= 0; i-- {
		l := &fw.Levels[i]
		if l.Min > rounded {
			continue
		}
		short := r.shortOf(l)
		if l == o.ScoreLevel {
			o.HeldBack = short
		}
		if len(short) == 0 {
			o.Level = l
			break
		}
	}
	if o.Level == nil {
		// The first level's min-each cannot hold a score below every
		// level: the lowest level is where every score starts.
		o.Level = &fw.Levels[0]
	}
}

// shortOf lists the scored dimensions under a level's min-each, in
// framework order (none when the level has no min-each).
func (r *Result) shortOf(l *model.Level) []HeldBack {
	if l.MinEach == nil {
		return nil
	}
	var out []HeldBack
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		if d.Score.Valid && Round2(d.Score.Value) < *l.MinEach {
			out = append(out, HeldBack{Dimension: d, Level: l, MinEach: *l.MinEach})
		}
	}
	return out
}
