package iostreams

import (
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
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

// TestColorPrecedence: the first rule that applies wins: --color (a choice
// for this run), then NO_COLOR (never colour with it, product.md), then
// CLICOLOR_FORCE, then CLICOLOR=0 and TERM=dumb, then whether the stream
// is a terminal.
func TestColorPrecedence(t *testing.T) {
	cases := []struct {
		name  string
		mode  string
		tty   bool
		env   map[string]string
		color bool
	}{
		{"auto, terminal", "auto", true, nil, true},
		{"auto, pipe", "auto", false, nil, false},
		{"always through a pipe", "always", false, nil, true},
		{"always beats NO_COLOR", "always", false, map[string]string{"NO_COLOR": "1"}, true},
		{"never on a terminal", "never", true, nil, false},
		{"never beats CLICOLOR_FORCE", "never", true, map[string]string{"CLICOLOR_FORCE": "1"}, false},
		{"CLICOLOR_FORCE through a pipe", "", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"NO_COLOR beats CLICOLOR_FORCE", "", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, false},
		{"NO_COLOR beats CLICOLOR_FORCE on a terminal", "", true, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, false},
		{"empty NO_COLOR does not stop CLICOLOR_FORCE", "", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": ""}, true},
		{"NO_COLOR on a terminal", "", true, map[string]string{"NO_COLOR": "1"}, false},
		{"CLICOLOR_FORCE beats TERM=dumb", "", false, map[string]string{"CLICOLOR_FORCE": "1", "TERM": "dumb"}, true},
		{"CLICOLOR_FORCE=0 does not force", "", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"CLICOLOR=0 on a terminal", "", true, map[string]string{"CLICOLOR": "0"}, false},
		{"CLICOLOR=1 does not force", "", false, map[string]string{"CLICOLOR": "1"}, false},
		{"TERM=dumb", "", true, map[string]string{"TERM": "dumb"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ios, _, _, _ := Test()
			ios.SetEnvMap(c.env)
			ios.SetStdoutTTY(c.tty)
			ios.SetStderrTTY(c.tty)
			if c.mode != "" {
				if err := ios.SetColorMode(c.mode); err != nil {
					t.Fatal(err)
				}
			}
			if got := ios.ColorEnabled(); got != c.color {
				t.Errorf("ColorEnabled = %v, want %v", got, c.color)
			}
			if got := ios.ColorEnabledStderr(); got != c.color {
				t.Errorf("ColorEnabledStderr = %v, want %v", got, c.color)
			}
		})
	}
	ios, _, _, _ := Test()
	if err := ios.SetColorMode("sometimes"); err == nil {
		t.Error("--color sometimes was accepted")
	}
}

// TestPager runs real pager commands: tr stands for less, so that what
// reaches standard output shows whether the pager ran.
func TestPager(t *testing.T) {
	if _, err := exec.LookPath("tr"); err != nil {
		t.Skip("no tr")
	}
	cases := []struct {
		name string
		tty  bool
		env  map[string]string
		want string
	}{
		{"COP_PAGER on a terminal", true, map[string]string{"COP_PAGER": "tr a-z A-Z", "PAGER": "false"}, "HELLO\n"},
		{"PAGER when COP_PAGER is unset", true, map[string]string{"PAGER": "tr a-z A-Z"}, "HELLO\n"},
		{"never when not a terminal", false, map[string]string{"COP_PAGER": "tr a-z A-Z"}, "hello\n"},
		{"COP_PAGER empty turns it off", true, map[string]string{"COP_PAGER": "", "PAGER": "tr a-z A-Z"}, "hello\n"},
		{"cat turns it off", true, map[string]string{"COP_PAGER": "cat"}, "hello\n"},
		{"a pager that is not installed", true, map[string]string{"COP_PAGER": "no-such-pager-here"}, "hello\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ios, _, out, _ := Test()
			ios.SetEnvMap(c.env)
			ios.SetStdoutTTY(c.tty)
			ios.StartPager()
			if _, err := io.WriteString(ios.Out, "hello\n"); err != nil {
				t.Fatal(err)
			}
			ios.StopPager()
			if out.String() != c.want {
				t.Errorf("standard output %q, want %q", out.String(), c.want)
			}
			if _, err := io.WriteString(ios.Out, "after\n"); err != nil || !strings.HasSuffix(out.String(), "after\n") {
				t.Errorf("after StopPager, output does not go to standard output: %q, %v", out.String(), err)
			}
		})
	}
}

// TestPagerEnvironment: less gets LESS=FRX unless LESS is set, as gh runs it.
func TestPagerEnvironment(t *testing.T) {
	if _, err := exec.LookPath("env"); err != nil {
		t.Skip("no env")
	}
	for _, c := range []struct {
		less, want string
	}{{"", "LESS=FRX"}, {"-S", "LESS=-S"}} {
		ios, _, out, _ := Test()
		env := map[string]string{"COP_PAGER": "env"}
		if c.less != "" {
			env["LESS"] = c.less
			t.Setenv("LESS", c.less)
		}
		ios.SetEnvMap(env)
		ios.SetStdoutTTY(true)
		ios.StartPager()
		ios.StopPager()
		if !slices.Contains(strings.Split(out.String(), "\n"), c.want) {
			t.Errorf("LESS=%q: the pager's environment has no %s:\n%s", c.less, c.want, out)
		}
	}
}

// TestPagerQuit: after the user quits the pager, writes say ErrClosedPager
// (cop then exits 0 in silence) rather than a broken pipe.
func TestPagerQuit(t *testing.T) {
	if _, err := exec.LookPath("true"); err != nil {
		t.Skip("no true")
	}
	ios, _, _, _ := Test()
	ios.SetEnvMap(map[string]string{"COP_PAGER": "true"})
	ios.SetStdoutTTY(true)
	ios.StartPager()
	defer ios.StopPager()
	line := strings.Repeat("x", 1024) + "\n"
	var err error
	// true exits without reading: the pipe's buffer fills, then writes fail.
	for i := 0; i < 1<<12 && err == nil; i++ {
		_, err = io.WriteString(ios.Out, line)
	}
	if !errors.Is(err, ErrClosedPager) {
		t.Errorf("write after the pager quit: %v, want ErrClosedPager", err)
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
