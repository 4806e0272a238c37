package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADME keeps the README and the manual true: every "$ " line inside
// a ```console block of README.md and docs/*.md is run with bash from the
// repository root, with the freshly built cop first on PATH,
// and what it prints (standard output and standard error together, as a
// terminal shows them) must be the lines that follow it. Trailing spaces
// are ignored. LANG=C.UTF-8 and COP_NOW=2026-11-23 make the output the same
// on every machine and every day (the docs say where an output depends on
// the date).
//
// With -update the outputs shown are rewritten from what the commands print
// (review the diff, as for golden files):
//
//	go test ./cmd/cop -run TestREADME -update
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cop")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	// cop as built for users.
	cop, _ := binaries(t)
	bin := filepath.Dir(cop)
	for _, path := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		name, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cmds := consoleCommands(string(data))
		if name == "README.md" && len(cmds) == 0 {
			t.Fatal("no console blocks in the README")
		}
		printed := make([]string, len(cmds))
		for i, c := range cmds {
			t.Run(fmt.Sprintf("%s:%d", name, c.at), func(t *testing.T) {
				sh := exec.Command("bash", "-o", "pipefail", "-c", c.line)
				sh.Dir = root
				sh.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
					"LANG=C.UTF-8", "LC_ALL=", "NO_COLOR=", "CLICOLOR_FORCE=", "TERM=xterm", "COP_NOW=2026-11-23")
				out, err := sh.CombinedOutput()
				printed[i] = trimLines(string(out))
				if err != nil && !c.mayFail {
					t.Errorf("%s line %d: %s: %v\n%s", name, c.at, c.line, err, out)
				}
				if *update {
					return
				}
				if got, want := printed[i], trimLines(c.output); got != want {
					t.Errorf("%s line %d: %s\nprints:\n%s\n%s shows:\n%s\n(go test ./cmd/cop -run TestREADME -update rewrites what the docs show)",
						name, c.at, c.line, got, name, want)
				}
			})
		}
		if *update {
			if fixed := rewriteOutputs(string(data), cmds, printed); fixed != string(data) {
				if err := os.WriteFile(path, []byte(fixed), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("updated %s", name)
			}
		}
	}
}

type consoleCommand struct {
	line    string
	output  string
	at      int  // the command's line number (1-based)
	end     int  // the line number after its output: the next "$ " line or the closing fence
	mayFail bool // the line ends with "# exits N": the exit status is shown, not a failure
}

func consoleCommands(doc string) []consoleCommand {
	var out []consoleCommand
	in := false
	var cur *consoleCommand
	for i, l := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(l, "```console"):
			in = true
		case in && strings.HasPrefix(l, "```"):
			in = false
			if cur != nil {
				cur.end = i + 1
			}
			cur = nil
		case in && strings.HasPrefix(l, "$ "):
			if cur != nil {
				cur.end = i + 1
			}
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

// rewriteOutputs puts what each command printed in place of the output
// the document shows, from the last command up so that line numbers hold.
func rewriteOutputs(doc string, cmds []consoleCommand, printed []string) string {
	lines := strings.Split(doc, "\n")
	for i := len(cmds) - 1; i >= 0; i-- {
		c := cmds[i]
		var repl []string
		if printed[i] != "" {
			repl = strings.Split(printed[i], "\n")
		}
		// lines[c.at-1] is the command; its output is lines[c.at : c.end-1].
		lines = append(lines[:c.at], append(repl, lines[c.end-1:]...)...)
	}
	return strings.Join(lines, "\n")
}

func trimLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestRewriteOutputs: -update replaces each command's output and nothing
// else, also when an output grows, shrinks or is empty.
func TestRewriteOutputs(t *testing.T) {
	doc := "intro\n```console\n$ cop a\nold a\nold a2\n$ cop b  # exits 1\n```\ntext\n```console\n$ cop c\n```\n"
	cmds := consoleCommands(doc)
	if len(cmds) != 3 || cmds[0].end != 6 || cmds[1].end != 7 || !cmds[1].mayFail || cmds[2].end != 11 {
		t.Fatalf("parsed %+v", cmds)
	}
	got := rewriteOutputs(doc, cmds, []string{"new a", "new b\nnew b2", ""})
	want := "intro\n```console\n$ cop a\nnew a\n$ cop b  # exits 1\nnew b\nnew b2\n```\ntext\n```console\n$ cop c\n```\n"
	if got != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, want)
	}
}
