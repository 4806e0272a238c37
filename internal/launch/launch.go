// Package launch runs cop commands that live in programs of their own.
//
// cop assess draws its questionnaire with charmbracelet/huh, whose terminal
// libraries cost every process that links them: about 0.4 ms of package
// initialisation, which alone broke cop report's start-up target (1.5x a
// decode-only program), and bubbletea's init asks the terminal for its
// background colour before main runs, a round trip on every command. So the
// questionnaire is the program cop-assess, installed beside cop, and
// "cop assess" runs it with the same arguments and terminal, as git runs
// git-* programs. cop itself never links huh.
package launch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
)

// AssessProgram is the name of the questionnaire's program.
const AssessProgram = "cop-assess"

// NewCmdAssess builds cop assess, which runs cop-assess. Flags are not
// parsed here: they all belong to cop-assess, and so does --help.
func NewCmdAssess(f *factory.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "assess [flags]",
		Short: "Answer the questionnaire and save an assessment file",
		Long: `Answer the questionnaire about a community in the terminal, save an assessment
file, and print its report. See cop assess --help for the questions, the
flags, drafts and accessible mode.

The questionnaire is the program cop-assess, installed beside cop (go install
./cmd/... installs both); cop assess runs it with the same arguments. It is
looked for in the folder of the cop program, then on PATH.` + options.ExitStatus(false, true),
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(f, args)
		},
		ValidArgsFunction: complete,
	}
}

// find locates cop-assess: beside the running cop (after following links),
// then on PATH.
func find() (string, error) {
	name := AssessProgram
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var dir string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dir = filepath.Dir(exe)
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(AssessProgram); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("cop assess runs the questionnaire program %s, which is neither beside cop (in %s) nor on PATH.\n"+
		"Install both from a clone of cop with: go install ./cmd/...\n"+
		"or run the questionnaire directly with: go run ./cmd/cop-assess", AssessProgram, dir)
}

// run starts cop-assess on the same streams and waits for it, ending with
// its exit status. Ctrl-C reaches cop-assess from the terminal itself (it is
// in the same process group), which keeps its draft and exits 130; cop only
// stays alive to pass that status on. SIGTERM and SIGHUP, which are sent to
// cop alone, are passed to cop-assess.
func run(f *factory.Factory, args []string) error {
	path, err := find()
	if err != nil {
		return exitcode.Usage(err)
	}
	c := exec.Command(path, args...)
	c.Stdin, c.Stdout, c.Stderr = f.IO.In, f.IO.Out, f.IO.ErrOut
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := c.Start(); err != nil {
		return fmt.Errorf("cannot start %s: %w", path, err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	for {
		select {
		case s := <-sigs:
			if s != os.Interrupt {
				c.Process.Signal(s)
			}
		case err := <-done:
			return exitStatus(err)
		}
	}
}

// exitStatus turns how cop-assess ended into cop's own ending: its exit code
// as is (it has said everything already), or 128+N when signal N ended it,
// as a shell reports it.
func exitStatus(err error) error {
	if err == nil {
		return nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return err
	}
	code := ee.ExitCode()
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		code = 128 + int(ws.Signal())
	}
	return exitcode.Silent(code)
}

// complete asks cop-assess for shell completions, which it knows (its
// flags, themes, files), through cobra's hidden __complete command.
func complete(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	path, err := find()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	out, err := exec.Command(path, append(append([]string{cobra.ShellCompRequestCmd}, args...), toComplete)...).Output()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], ":") {
		return nil, cobra.ShellCompDirectiveDefault
	}
	d, err := strconv.Atoi(strings.TrimPrefix(lines[len(lines)-1], ":"))
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return lines[:len(lines)-1], cobra.ShellCompDirective(d)
}
