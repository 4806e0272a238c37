package survey

import (
	"fmt"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
)

// Review is the text of the review page: each dimension's score and level
// as the answers stand, how many of its indicators are answered, and which
// are not answered yet. In a terminal it is a table; in accessible mode,
// sentences, which a screen reader reads more naturally than columns.
func (s *Survey) Review() string {
	fw, a := s.cfg.Framework, s.cfg.Assessment
	res := score.Compute(fw, a)
	// res.Dimensions is in framework order, so index i is dimension i.
	answered := func(i int) int { return len(fw.Dimensions[i].Indicators) - s.unansweredIn(i) }
	total := fw.IndicatorCount()
	allAnswered := total - s.Unanswered()

	var b strings.Builder
	if s.cfg.Accessible {
		for i, d := range res.Dimensions {
			fmt.Fprintf(&b, "%s: %s; %d of %d answered.\n", render.OneLine(d.Dimension.Title), scoreWords(d.Score, d.Level, d.Status),
				answered(i), len(d.Dimension.Indicators))
		}
		fmt.Fprintf(&b, "Overall: %s; %d of %d answered.\n", scoreWords(res.Overall.Score, res.Overall.Level, ""), allAnswered, total)
	} else {
		t := render.Table{
			Header: []string{"Dimension", "Score", "Level", "Answered"},
			Align:  []render.Align{render.Left, render.Right, render.Left, render.Left},
		}
		for i, d := range res.Dimensions {
			t.Rows = append(t.Rows, []string{render.OneLine(d.Dimension.Title), render.Score(d.Score), levelText(d.Level, d.Status),
				fmt.Sprintf("%d of %d", answered(i), len(d.Dimension.Indicators))})
		}
		t.Rows = append(t.Rows, []string{"Overall", render.Score(res.Overall.Score), render.LevelLabel(res.Overall.Level),
			fmt.Sprintf("%d of %d", allAnswered, total)})
		_ = t.WritePlain(&b) // a strings.Builder does not fail
	}
	if missing := s.missing(); len(missing) > 0 {
		b.WriteString("\nNot answered yet:\n")
		for _, m := range missing {
			b.WriteString("  " + m + "\n")
		}
	} else {
		b.WriteString("\nEvery indicator has an answer.\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// missing lists, per dimension, the indicators with no answer.
func (s *Survey) missing() []string {
	var out []string
	r := s.response()
	for _, d := range s.cfg.Framework.Dimensions {
		var names []string
		for _, ind := range d.Indicators {
			if r.Rating(d.ID, ind.ID).Kind == model.Unanswered {
				names = append(names, render.OneLine(ind.Title))
			}
		}
		if len(names) > 0 {
			out = append(out, render.OneLine(d.Title)+": "+strings.Join(names, ", "))
		}
	}
	return out
}

// levelText is a dimension's level, or why it has none.
func levelText(l *model.Level, st score.Status) string {
	switch st {
	case score.Excluded:
		return "not applicable"
	case score.Unrated:
		return "not rated"
	}
	return render.LevelLabel(l)
}

func scoreWords(n score.Number, l *model.Level, st score.Status) string {
	if !n.Valid {
		if st == score.Excluded {
			return "not applicable"
		}
		return "not rated yet"
	}
	return "score " + render.Score(n) + ", " + render.LevelLabel(l)
}
