package render

import (
	"math"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// Style says what the output may use.
type Style struct {
	Color   bool // ANSI colour
	Unicode bool // block characters for bars
	// Width is how many terminal columns a line may take (the terminal's
	// width, iostreams.TerminalWidth); 0 means DefaultWidth.
	Width int
}

// width is the Style's line width, DefaultWidth when it is not set.
func (s Style) width() int {
	if s.Width <= 0 {
		return DefaultWidth
	}
	return s.Width
}

// Score formats a score rounded to 2 decimals, or "-" when it is null.
func Score(n score.Number) string {
	if !n.Valid {
		return "-"
	}
	return strconv.FormatFloat(score.Round2(n.Value), 'f', 2, 64)
}

// Fixed2 formats any number with exactly 2 decimals, rounded as scores are.
func Fixed2(v float64) string { return strconv.FormatFloat(score.Round2(v), 'f', 2, 64) }

// Precise writes an intermediate value for an explanation: exactly when it
// has at most 4 decimals, else rounded to 4 decimals and marked "...", so
// that a reader redoing the arithmetic gets the shown result.
func Precise(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 4 {
		return strconv.FormatFloat(v, 'f', 4, 64) + "..."
	}
	return s
}

// Percent formats a coverage as a whole percentage of its 2-decimal value
// (0.95 is 95%), or "-" when it is null.
func Percent(n score.Number) string {
	if !n.Valid {
		return "-"
	}
	return strconv.Itoa(int(math.Round(score.Round2(n.Value)*100))) + "%"
}

// LevelLabel is the label of a level, or "-".
func LevelLabel(l *model.Level) string {
	if l == nil {
		return "-"
	}
	return l.Label
}

// Rounded returns the value a JSON output writes: rounded to 2 decimals, or
// nil (null) when absent.
func Rounded(n score.Number) *float64 {
	if !n.Valid {
		return nil
	}
	v := score.Round2(n.Value)
	return &v
}

// BarWidth is the width of a full bar, in terminal cells, when the
// terminal has room for it.
const BarWidth = 20

var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws a score between the bottom and the top of the scale as a bar
// that is full at width cells: Unicode blocks in eighths, or '#' in ASCII.
// A null score draws nothing.
func Bar(n score.Number, lo, hi float64, width int, unicode bool) string {
	if !n.Valid || hi <= lo || width <= 0 {
		return ""
	}
	frac := scaleFraction(n.Value, lo, hi)
	if !unicode {
		return strings.Repeat("#", int(math.Round(frac*float64(width))))
	}
	cells := int(math.Round(frac * float64(width) * 8))
	return strings.Repeat("█", cells/8) + eighths[cells%8]
}

// scaleFraction is how far a score lies from the bottom of the scale (lo)
// to its top (hi), from 0 to 1: the length of a bar, the radius of a radar
// vertex. The score is rounded to 2 decimals first, so that a picture
// matches the number shown beside it.
func scaleFraction(v, lo, hi float64) float64 {
	if hi <= lo {
		return 0
	}
	return math.Max(0, math.Min(1, (score.Round2(v)-lo)/(hi-lo)))
}

// Wrap breaks text into lines of at most width cells, each prefixed with
// indent; a word longer than a line (a path, a URL) stands on its own,
// whole, so that it can still be copied.
func Wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	words := strings.Fields(Inert(text))
	for _, word := range words {
		w := Width(word)
		switch {
		case line == 0:
			b.WriteString(indent)
			line = Width(indent)
		case line+1+w > width:
			b.WriteString("\n" + indent)
			line = Width(indent)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += w
	}
	return b.String()
}

// ansi colours by position in a list of levels: the lowest red, the highest
// green, the ones between yellow then cyan.
var levelColors = []string{"31", "33", "36", "32"}

// LevelColor picks the ANSI colour of a level by its rank among the
// framework's levels.
func LevelColor(fw *model.Framework, l *model.Level) string {
	if l == nil || len(fw.Levels) == 0 {
		return ""
	}
	idx := 0
	for i := range fw.Levels {
		if fw.Levels[i].ID == l.ID {
			idx = i
		}
	}
	if len(fw.Levels) == 1 {
		return levelColors[len(levelColors)-1]
	}
	return levelColors[idx*(len(levelColors)-1)/(len(fw.Levels)-1)]
}

// Paint wraps s in an ANSI colour when colour is on.
func (s Style) Paint(code, text string) string {
	if !s.Color || code == "" || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Bold makes text bold when colour is on.
func (s Style) Bold(text string) string { return s.Paint("1", text) }
