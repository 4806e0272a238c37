package survey

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
)

// Review is the text of the review page: each dimension's score and level
// as the answers stand, how many of its indicators are answered, and which
// are not answered yet. In a terminal the scores are a table; in accessible
// mode, sentences, which a screen reader reads more naturally than columns.
func (s *Survey) Review() string { return s.scores(fallbackWidth) + "\n\n" + s.unansweredText() }

// summary is the review's heading in a window too low for the table: the
// overall score and how much is answered, on one line.
func (s *Survey) summary() string {
	fw := s.cfg.Framework
	res := score.Compute(fw, s.cfg.Assessment)
	total := fw.IndicatorCount()
	return fmt.Sprintf("Overall: %s; %d of %d answered.", scoreWords(res.Overall.Score, res.Overall.Level, ""), total-s.Unanswered(), total)
}

// scores is the review's table, no wider than width: dimension titles too
// long for it are cut short with an ellipsis (the pages themselves show
// them whole), so that no row wraps and pushes the choices off the screen.
func (s *Survey) scores(width int) string {
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
		table := func(titleWidth int) string {
			t := render.Table{
				Header:   []string{"Dimension", "Score", "Level", "Answered"},
				Align:    []render.Align{render.Left, render.Right, render.Left, render.Left},
				MaxWidth: width,
			}
			for i, d := range res.Dimensions {
				t.Rows = append(t.Rows, []string{ansi.Truncate(render.OneLine(d.Dimension.Title), titleWidth, "…"), render.Score(d.Score),
					levelText(d.Level, d.Status), fmt.Sprintf("%d of %d", answered(i), len(d.Dimension.Indicators))})
			}
			t.Rows = append(t.Rows, []string{"Overall", render.Score(res.Overall.Score), render.LevelLabel(res.Overall.Level),
				fmt.Sprintf("%d of %d", allAnswered, total)})
			var tb strings.Builder
			_ = t.WritePlain(&tb) // a strings.Builder does not fail
			return tb.String()
		}
		// Measure the table with titles whole, then cut the titles by as
		// much as the widest line is over.
		titleWidth := 0
		for _, d := range fw.Dimensions {
			titleWidth = max(titleWidth, ansi.StringWidth(render.OneLine(d.Title)))
		}
		text := table(titleWidth)
		if over := widest(text) - width; over > 0 {
			text = table(max(titleWidth-over, len("Dimension")))
		}
		b.WriteString(text)
	}
	return strings.TrimRight(b.String(), "\n")
}

// widest is the width of the widest line of text.
func widest(text string) int {
	w := 0
	for _, line := range strings.Split(text, "\n") {
		w = max(w, ansi.StringWidth(line))
	}
	return w
}

// unansweredText names the indicators with no answer, dimension by
// dimension. In a terminal a long list only says how many: it would push the
// choices off a small screen, and the table's Answered column shows where
// they are.
func (s *Survey) unansweredText() string {
	n := s.Unanswered()
	switch {
	case n == 0:
		return "Every indicator has an answer."
	case n > maxListed && !s.cfg.Accessible:
		return fmt.Sprintf("Not answered yet: %d of %d indicators (the Answered column shows where).", n, s.cfg.Framework.IndicatorCount())
	}
	return "Not answered yet: " + strings.Join(s.missing(), "; ") + "."
}

// maxListed is how many unanswered indicators the review names in a terminal.
const maxListed = 6

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
