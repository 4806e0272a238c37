// Package compare implements cop compare: many communities side by side, or
// one community over time, from any number of assessment files.
package compare

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/build"
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/spf13/cobra"

	grid "github.com/cophealth/cop/internal/compare"
)

// Options holds the flags and dependencies of cop compare.
type Options struct {
	IO          *iostreams.IOStreams
	WriteOutput func(path string, write func(io.Writer) error) error
	// Now is the factory's clock (COP_NOW pins it): the HTML footer dates
	// the page with it.
	Now     func() time.Time
	Context context.Context

	Files      []string
	Frameworks []string
	Format     string
	Output     string
	Sort       string
	AllRounds  bool
	// Policy is a policy file whose targets the HTML comparison draws.
	Policy string
}

// NewCmdCompare builds cop compare. runF replaces the run function in tests
// of flag parsing.
func NewCmdCompare(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, WriteOutput: f.WriteOutput, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "compare FILE...",
		Short: "Compare communities side by side, or one community over time",
		Long: `Compare assessment rounds: a row per dimension, then the overall score, level,
coverage and number of respondents; a column per round.

- Several communities: a column per community, its latest round (every round
  with --all-rounds), sorted with --sort: name (the default; ignoring case,
  with Team 2 before Team 10), overall, or a dimension id (highest score
  first).
- One community: its rounds in date order, each with the change since the
  round before, marked up or down. Changes are taken between the scores as
  shown, rounded to 2 decimals. (--sort orders communities; one community's
  rounds are always in date order.)

A community is known by its name, ignoring case and extra spaces. Two files
of one community with the same date are an error: a round is one file (join
respondents' files with cop merge).

A directory stands for every .yaml and .yml file below it (a link to a file
is read like the file); drafts (*.draft.yaml) and files that are not
assessments (other cop files, CI workflows) are skipped and counted, but
one without a kind: line that has an assessment's fields is reported. A
file named outright must be an assessment. Files are read on every core
and only their scores are kept, so thousands of files are fine; a file that
cannot be read is reported with its name, the others are still compared,
and cop exits with status 2.

Every file must use the same framework (by id). Rounds made with different
versions of it are aligned by dimension id: give each version with its own
--framework FILE (repeat the flag) and each round is read with the version it
names, else with the newest given (a --framework file wins over the embedded
framework of its id). A --framework file whose id no round names is an
error. A dimension that a round's version does not have is shown
as n/c (not comparable), never as 0, and what could not be aligned is
counted and listed under the table.

Formats: table (for a terminal, coloured by level when colour is on),
markdown (for documents and slides), csv (a row per round, for
spreadsheets), json (its shape is in docs/file-formats.md), html (one
self-contained page: a radar chart with a polygon per round and a legend,
above the grid with a bar per score; no script, no network, prints on A4).
With -f html, --policy FILE draws a policy file's targets as a dashed
polygon and adds a Target column.` + options.ExitStatus(false, false),
		Example: `  cop compare examples/
  cop compare examples/riverside-nurses/
  cop compare --all-rounds --sort overall -f markdown examples/ > slide.md
  cop compare -f csv -o communities.csv assessments/
  cop compare -f html -o nurses.html examples/riverside-nurses/
  cop compare --framework fw-1.0.0.yaml --framework fw-2.0.0.yaml rounds/`,
		Args:              options.MinArgs(1, "at least one assessment FILE or directory"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.Context = cmd.Context()
			if opts.Policy != "" && opts.Format != "html" {
				return exitcode.Usage(fmt.Errorf("--policy draws targets in -f html only (got -f %s); cop check shows the gap to each target in any format", opts.Format))
			}
			if opts.Sort == "" {
				return exitcode.Usage(errors.New("--sort needs name, overall or a dimension id"))
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, render.CompareFormats, "table")
	options.Output(cmd, &opts.Output)
	cmd.Flags().StringArrayVar(&opts.Frameworks, "framework", nil,
		"use the framework in `FILE` for assessments that name its id (repeat it to give several versions)")
	_ = cmd.MarkFlagFilename("framework", "yaml", "yml")
	cmd.Flags().BoolVar(&opts.AllRounds, "all-rounds", false, "show every round of each community side by side, not only the latest")
	options.StringVar(cmd, &opts.Sort, "sort", grid.SortName, "order the communities by `KEY`: name, overall, or a dimension id (highest score first)")
	_ = cmd.RegisterFlagCompletionFunc("sort", sortCompletion)
	cmd.Flags().StringVar(&opts.Policy, "policy", "", "draw the targets of the policy `FILE` (with -f html)")
	_ = cmd.MarkFlagFilename("policy", "yaml", "yml")
	return cmd
}

// sortCompletion offers name, overall and the dimensions of the framework
// given with --framework (the last one), else of the default framework.
func sortCompletion(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	keys := []string{grid.SortName, grid.SortOverall}
	if fw := options.FrameworkFor(cmd); fw != nil {
		keys = append(keys, fw.DimensionIDs()...)
	}
	return keys, cobra.ShellCompDirectiveNoFileComp
}

func compareRun(opts *Options) error {
	ctx := cmp.Or(opts.Context, context.Background())
	cat, err := catalog.New(opts.Frameworks...)
	if err != nil {
		return err
	}
	// The policy is read first, so that a mistake in it is reported before
	// thousands of files are; it is fitted to their frameworks once they
	// are known.
	var pol *model.Policy
	if opts.Policy != "" {
		if pol, err = load.PolicyFile(opts.Policy); err != nil {
			return err
		}
	}
	defer tuneGC(opts.IO.Getenv)()
	outs, skipped, err := load.ReadEach(ctx, opts.Files, opts.IO.In, []string{model.AssessmentKind},
		func(in load.Input) outcome { return decode(in, cat) })
	if err != nil {
		return err
	}
	if msg := skipped.Message(model.AssessmentKind); msg != "" {
		inert.Fprintln(opts.IO.ErrOut, msg)
	}
	var rounds []*grid.Round
	rep := &render.Compare{Policy: pol, Style: render.Style{
		Color:   (opts.Output == "" || opts.Output == "-") && opts.IO.ColorEnabled(),
		Unicode: opts.IO.UnicodeEnabled(),
	}, Skipped: skipped.Total()}
	if opts.Output == "" || opts.Output == "-" {
		rep.Style.Width = opts.IO.TerminalWidth()
	}
	var warnings []*load.Warning
	bad := 0
	for _, o := range outs {
		switch {
		case o.err != nil:
			bad++
			inert.Fprintln(opts.IO.ErrOut, o.err)
			rep.Problems = append(rep.Problems, fileProblems(o.name, o.err)...)
		default:
			rounds = append(rounds, o.round)
			warnings = append(warnings, o.warns...)
		}
	}
	printWarnings(opts.IO.ErrOut, warnings)
	if err := cat.Unused(); err != nil {
		return err
	}
	if len(rounds) == 0 {
		if bad > 0 {
			inert.Fprintf(opts.IO.ErrOut, "no file could be read: nothing to compare\n")
			return exitcode.Silent(exitcode.Invalid)
		}
		return exitcode.Usage(errors.New("no assessment files found in " + strings.Join(opts.Files, ", ")))
	}
	rep.Comparison, err = grid.Build(rounds, grid.Options{AllRounds: opts.AllRounds, Sort: opts.Sort})
	if err != nil {
		return exitcode.Usage(err)
	}
	if rep.Policy != nil {
		var used []*model.Framework
		for _, col := range rep.Comparison.Columns {
			used = append(used, col.Round.Framework)
		}
		if err := load.FitPolicyAll(rep.Policy, used); err != nil {
			return err
		}
	}
	if opts.Format == "html" {
		rep.Made, rep.Version = opts.Now(), build.Read().Version
	}
	write := render.CompareTable
	switch opts.Format {
	case "markdown":
		write = render.CompareMarkdown
	case "csv":
		write = render.CompareCSV
	case "json":
		write = render.CompareJSON
	case "html":
		write = render.CompareHTML
	}
	err = opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == options.Table {
			// text for people: a community named "::error::x" must not
			// become a CI annotation (package inert)
			return inert.Lines(w, func(w io.Writer) error { return write(w, rep) })
		}
		return write(w, rep)
	})
	if err != nil {
		return err
	}
	if bad > 0 {
		inert.Fprintf(opts.IO.ErrOut, "%d of %d files could not be read and %s left out of the comparison\n",
			bad, bad+len(rounds), isAre(bad))
		return exitcode.Silent(exitcode.Invalid)
	}
	return nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// printWarnings writes the loader's warnings, one line for each kind: with
// thousands of files made with an older framework version, one line per
// file would bury everything else.
func printWarnings(w io.Writer, warnings []*load.Warning) {
	byMsg := map[string][]*load.Warning{}
	var order []string
	for _, wn := range warnings {
		if _, ok := byMsg[wn.Msg]; !ok {
			order = append(order, wn.Msg)
		}
		byMsg[wn.Msg] = append(byMsg[wn.Msg], wn)
	}
	for _, msg := range order {
		ws := byMsg[msg]
		if len(ws) == 1 {
			inert.Fprintf(w, "warning: %v\n", ws[0])
			continue
		}
		files := make([]string, len(ws))
		for i, wn := range ws {
			files[i] = wn.File
		}
		inert.Fprintf(w, "warning: %d files: %s (%s)\n", len(ws), msg, grid.Files(files, 3))
	}
}
