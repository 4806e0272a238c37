package survey

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Themes are the values --theme accepts.
var Themes = []string{"auto", "dark", "light"}

// Theme makes lipgloss draw on w, the stream the form is drawn on, and
// returns the one theme every page uses. Call it once, before any page is
// built.
//
// huh's styles come from lipgloss's default renderer, which looks at
// standard output; the form is drawn on standard error, so "cop assess >
// report.txt" would lose its colours, and a terminal on standard output
// could give it colours it should not have. So the default renderer is
// replaced by one on w, with colour only when color is set (a terminal,
// no NO_COLOR), and a background that is told rather than asked: asking the
// terminal while the form reads the keys makes lipgloss wait up to five
// seconds for an answer the form has swallowed.
func Theme(w io.Writer, color, dark bool) *huh.Theme {
	r := lipgloss.NewRenderer(w)
	if !color {
		r.SetColorProfile(termenv.Ascii)
	}
	r.SetHasDarkBackground(dark)
	lipgloss.SetDefaultRenderer(r)
	return huh.ThemeCharm()
}

// DarkBackground decides whether to draw for a dark background, without
// asking the terminal. theme is the --theme flag: dark or light say so;
// auto reads COLORFGBG ("foreground;background", set by rxvt, Konsole and
// others) and otherwise asked returns what the terminal said when asked at
// start-up, or nil when it was not asked; with neither, dark.
func DarkBackground(theme string, getenv func(string) string, asked func() bool) (bool, error) {
	switch theme {
	case "dark":
		return true, nil
	case "light":
		return false, nil
	case "auto", "":
	default:
		return true, fmt.Errorf("unknown theme %q (expected %s)", theme, strings.Join(Themes, ", "))
	}
	if v := getenv("COLORFGBG"); v != "" {
		parts := strings.Split(v, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			// The 16 ANSI colours: 7 (white) and 9 to 15 (bright) are light.
			return !(bg == 7 || (bg >= 9 && bg <= 15)), nil
		}
	}
	if asked != nil {
		return asked(), nil
	}
	return true, nil
}
