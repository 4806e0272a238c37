// Package cli is cop's entry point: it builds the command tree, runs it, and
// turns whatever comes back into one exit code, in one place.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cophealth/cop/internal/build"
	"github.com/cophealth/cop/internal/cmd/assess"
	"github.com/cophealth/cop/internal/cmd/check"
	"github.com/cophealth/cop/internal/cmd/compare"
	"github.com/cophealth/cop/internal/cmd/form"
	"github.com/cophealth/cop/internal/cmd/framework"
	"github.com/cophealth/cop/internal/cmd/merge"
	"github.com/cophealth/cop/internal/cmd/plan"
	"github.com/cophealth/cop/internal/cmd/report"
	"github.com/cophealth/cop/internal/cmd/schema"
	"github.com/cophealth/cop/internal/cmd/validate"
	"github.com/cophealth/cop/internal/cmd/version"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
)

// Main runs cop with the process's arguments and streams, and returns the
// exit code. It is all that main calls, so deferred functions run before the
// process exits.
//
// No signal handler is installed here: watching for Ctrl-C starts an OS
// thread, 0.3 ms of every run. Without one, Ctrl-C ends cop at once with
// status 130, which is right for commands that write nothing or write
// atomically. A command with work to keep (cop assess) installs one with
// Factory.Interruptible.
func Main() int {
	return Run(context.Background(), factory.New(iostreams.System()), os.Args[1:])
}

// Run executes one cop command line and returns its exit code. A panic in
// any command is caught here and reported as an internal error in one line,
// never as a stack trace.
func Run(ctx context.Context, f *factory.Factory, args []string) (code int) {
	return execute(ctx, f, NewCmdRoot(f), args)
}

// execute runs a command tree and turns its outcome into an exit code. A
// panic anywhere is reported as an internal error in one line, never as a
// stack trace.
func execute(ctx context.Context, f *factory.Factory, root *cobra.Command, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(f.IO.ErrOut, "%s\nThis is a bug in cop; please report it with the command and the file that caused it.\n", inert.Message(inert.Line(fmt.Sprintf("cop: internal error: %v", r))))
			code = exitcode.Invalid
		}
	}()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return printError(f.IO.ErrOut, err, ctx)
}

// printError writes err for the user and returns the exit code it calls for.
func printError(w io.Writer, err error, ctx context.Context) int {
	if err == nil {
		return exitcode.OK
	}
	var ee *exitcode.Error
	if errors.As(err, &ee) && ee.Silent {
		return ee.Code
	}
	if errors.Is(err, iostreams.ErrClosedPager) {
		// The user quit the pager before the end: what they wanted.
		return exitcode.OK
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		fmt.Fprintln(w, "cop: interrupted")
		return exitcode.Interrupted
	}
	var probs load.Problems
	var prob *load.Problem
	switch {
	case errors.As(err, &probs):
		for _, p := range probs {
			fmt.Fprintln(w, p.Error())
		}
		if len(probs) > 1 {
			fmt.Fprintf(w, "%d problems\n", len(probs))
		}
	case errors.As(err, &prob):
		fmt.Fprintln(w, prob.Error())
	default:
		// Other errors may quote file names and values too (package inert).
		fmt.Fprintln(w, inert.Message(err.Error()))
	}
	return exitcode.Code(err)
}

// newRoot builds the root command with its settings and no subcommands.
func newRoot(f *factory.Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "cop",
		Short: "A health check for communities of practice",
		Long: `cop is a health check for communities of practice.

A coordinator answers a questionnaire about their community (cop assess) and
gets a maturity report (cop report). A consultant compares many communities
and rounds (cop compare). A community that keeps its assessment in git lets
CI fail when its health drops below what it agreed (cop check).

The questions come from a framework: seven dimensions of community health
(purpose, governance and structure, leadership, vitality and interaction,
learning and sharing knowledge, impact and value, sustainability), built in
and replaceable with your own (--framework FILE). Files are plain YAML.

OUTPUT
  -f FORMAT picks the format: table is the one for people, in every command
  (text is accepted for it).
  ` + strings.ReplaceAll(options.OutputRule, "\n", "\n  ") + `
  Output to a terminal goes through a pager. cop help environment lists the
  variables that change colour, the pager and the date.

EXIT STATUS
  0    success
  1    a check failed: some rule of the policy was not met (cop check)
  2    bad usage or invalid input: a wrong flag, or a file that is missing,
       malformed, or cannot be read or written (each problem is named with
       file:line:col on standard error)
  130  interrupted by the user (Ctrl-C)`,
		Version:       version.Line(build.Read()),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Suggest commands within two edits ("repotr" -> report).
		SuggestionsMinimumDistance: 2,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.SetUsageFunc(usage)
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print cop's version, as cop version does")
	root.PersistentFlags().Var(colorFlag{f.IO}, "color", "colour: auto (on a terminal), always, never")
	_ = root.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(iostreams.ColorModes, cobra.ShellCompDirectiveNoFileComp))
	root.AddCommand(newHelpTopics()...)
	root.SetHelpCommand(newCmdHelp())
	// Unknown commands and stray arguments are usage errors (exit 2).
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return exitcode.Usage(unknownCommand(cmd, args[0]))
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	return root
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *factory.Factory) *cobra.Command {
	root := newRoot(f)
	root.AddCommand(
		assess.NewCmdAssess(f, nil),
		report.NewCmdReport(f, nil),
		check.NewCmdCheck(f, nil),
		validate.NewCmdValidate(f, nil),
		compare.NewCmdCompare(f, nil),
		merge.NewCmdMerge(f, nil),
		plan.NewCmdPlan(f, nil),
		form.NewCmdForm(f, nil),
		framework.NewCmdFramework(f),
		schema.NewCmdSchema(f, nil),
		version.NewCmdVersion(f),
		newCmdCompletion(f),
	)
	return root
}

func unknownCommand(root *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q for cop", name)
	if s := root.SuggestionsFor(name); len(s) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t")
	}
	return errors.New(msg + "\nRun 'cop --help' for usage.")
}
