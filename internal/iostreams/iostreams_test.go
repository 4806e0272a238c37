package iostreams

import (
	"testing"

	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
)

func TestColorAndUnicode(t *testing.T) {
	cases := []struct {
		name    string
		tty     bool
		env     map[string]string
		color   bool
		unicode bool
	}{
		{"terminal", true, nil, true, true},
		{"pipe", false, nil, false, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false, true},
		{"empty NO_COLOR does not count", true, map[string]string{"NO_COLOR": ""}, true, true},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, false, false},
		{"linux console", true, map[string]string{"TERM": "linux"}, true, false},
		{"C locale", true, map[string]string{"LANG": "C"}, true, false},
		{"UTF-8 locale", true, map[string]string{"LANG": "en_GB.UTF-8"}, true, true},
		{"LC_ALL wins over LANG", true, map[string]string{"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, true, false},
		{"utf8 spelling", true, map[string]string{"LC_CTYPE": "de_DE.utf8"}, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ios, _, _, _ := Test()
			ios.SetEnv(func(k string) string { return c.env[k] })
			ios.SetStdoutTTY(c.tty)
			if got := ios.ColorEnabled(); got != c.color {
				t.Errorf("ColorEnabled = %v, want %v", got, c.color)
			}
			if got := ios.UnicodeEnabled(); got != c.unicode {
				t.Errorf("UnicodeEnabled = %v, want %v", got, c.unicode)
			}
		})
	}
}

func TestTerminalWidth(t *testing.T) {
	ios, _, _, _ := Test()
	if got := ios.TerminalWidth(); got != DefaultWidth {
		t.Errorf("not a terminal: TerminalWidth = %d, want %d", got, DefaultWidth)
	}
	ios.SetTerminalWidth(50)
	if got := ios.TerminalWidth(); got != 50 {
		t.Errorf("after SetTerminalWidth(50): TerminalWidth = %d, want 50", got)
	}
	ios.SetTerminalWidth(0)
	if got := ios.TerminalWidth(); got != DefaultWidth {
		t.Errorf("after SetTerminalWidth(0): TerminalWidth = %d, want %d", got, DefaultWidth)
	}
}
