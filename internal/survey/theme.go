package survey

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Themes are the values --theme accepts.
var Themes = []string{"auto", "dark", "light"}

// Theme returns the one theme every page uses, built once for a dark or
// light background: huh asks a form's theme for its styles on every draw,
// and these are made once and handed back each time. Without colour it is
// huh's base theme, whose titles and answers carry no colour codes (the
// accessible prompts print titles as they are styled).
//
// One change to huh's themes: only the focused select shows its cursor
// ("> "), so that the highlighted answer on screen is the one being chosen,
// not the answers kept on the other questions of the page.
func Theme(color, dark bool) huh.Theme {
	st := huh.ThemeBase(dark)
	if color {
		st = huh.ThemeCharm(dark)
	}
	st.Blurred.SelectSelector = lipgloss.NewStyle().SetString("  ")
	return huh.ThemeFunc(func(bool) *huh.Styles { return st })
}

// DarkBackground decides whether to draw for a dark background, without
// asking the terminal (a terminal that never answers would stall the form).
// theme is the --theme flag: dark or light say so; auto reads COLORFGBG
// ("foreground;background", set by rxvt, Konsole and others), and with
// nothing known, dark, the more common background.
func DarkBackground(theme string, getenv func(string) string) (bool, error) {
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
	return true, nil
}
