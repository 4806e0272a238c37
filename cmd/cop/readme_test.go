package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADME keeps the README true: every "$ " line inside a ```console
// block is run with bash from the repository root, with the freshly built
// cop and cop-assess first on PATH, and what it prints (standard output and standard error
// together, as a terminal shows them) must be the lines that follow it.
// Trailing spaces are ignored. LANG=C.UTF-8 and COP_NOW=2026-11-23 make the
// output the same on every machine.
func TestREADME(t *testing.T) { checkConsoleDoc(t, "README.md") }

// checkConsoleDoc runs the console examples of a Markdown file of the
// repository (README.md, docs/*.md) as TestREADME describes.
func checkConsoleDoc(t *testing.T, name string) {
	if testing.Short() {
		t.Skip("builds cop")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	// cop and cop-assess as built for users, side by side.
	cop, _ := binaries(t)
	bin := filepath.Dir(cop)
	cmds := consoleCommands(string(data))
	if len(cmds) == 0 {
		t.Fatalf("no console blocks in %s", name)
	}
	for _, c := range cmds {
		t.Run(c.line, func(t *testing.T) {
			sh := exec.Command("bash", "-o", "pipefail", "-c", c.line)
			sh.Dir = root
			sh.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
				"LANG=C.UTF-8", "LC_ALL=", "NO_COLOR=", "TERM=xterm", "COP_NOW=2026-11-23")
			out, err := sh.CombinedOutput()
			if err != nil && !c.mayFail {
				t.Errorf("%s line %d: %s: %v\n%s", name, c.at, c.line, err, out)
			}
			if got, want := trimLines(string(out)), trimLines(c.output); got != want {
				t.Errorf("%s line %d: %s\nprints:\n%s\nthe file shows:\n%s", name, c.at, c.line, got, want)
			}
		})
	}
}

type consoleCommand struct {
	line    string
	output  string
	at      int
	mayFail bool // the line ends with "# exits N": the exit status is shown, not a failure
}

func consoleCommands(readme string) []consoleCommand {
	var out []consoleCommand
	in := false
	var cur *consoleCommand
	for i, l := range strings.Split(readme, "\n") {
		switch {
		case strings.HasPrefix(l, "```console"):
			in = true
		case in && strings.HasPrefix(l, "```"):
			in = false
			cur = nil
		case in && strings.HasPrefix(l, "$ "):
			line := strings.TrimPrefix(l, "$ ")
			c := consoleCommand{line: line, at: i + 1}
			if j := strings.Index(line, "  # exits "); j >= 0 {
				c.line, c.mayFail = line[:j], true
			}
			out = append(out, c)
			cur = &out[len(out)-1]
		case in && cur != nil:
			cur.output += l + "\n"
		}
	}
	return out
}

func trimLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
