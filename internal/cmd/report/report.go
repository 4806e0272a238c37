// Package report implements cop report: the maturity report of one
// assessment file.
package report

import (
	"fmt"
	"io"
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
	"github.com/cophealth/cop/internal/score"
	"github.com/spf13/cobra"
)

// Options holds the flags and dependencies of cop report.
type Options struct {
	IO          *iostreams.IOStreams
	WriteOutput func(path string, write func(io.Writer) error) error
	// Now is the factory's clock (COP_NOW pins it): the HTML footer dates
	// the page with it.
	Now func() time.Time

	File      string
	Framework string
	Format    string
	Output    string
	Explain   bool
	Weakest   int
	// Policy is a policy file whose targets the HTML report draws.
	Policy string
	// Previous is the community's previous round; without it, it is looked
	// for beside File, unless NoPrevious.
	Previous   string
	NoPrevious bool
}

// NewCmdReport builds cop report. runF replaces the run function in tests
// of flag parsing.
func NewCmdReport(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, WriteOutput: f.WriteOutput, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "report FILE",
		Short: "Show the maturity report of an assessment file",
		Long: `Show the maturity report of an assessment file: the overall score, level and
coverage, and what the level means; a row per dimension with its score,
level, coverage and a bar; the weakest indicators with options to try that
fit the community's stage; the indicators where respondents disagree; the
indicators nobody could rate; questions for the group's meeting; the actions
agreed; and the notes.

FILE is an assessment file (kind: cop-assessment), or - for standard input.
Its framework is found by the id the file names: an embedded one, or the one
given with --framework. --explain adds the arithmetic behind every number.

-f html writes one self-contained page (inline CSS and SVG, no script, no
network) that opens in any browser and prints on A4: a radar chart of the
dimensions beside a table of the same numbers with a bar per dimension, the
indicators with their ratings, spread and disagreement, the weakest with
guidance, and the notes. --policy FILE draws the targets of a policy file
(kind: cop-policy, as cop check reads) on the radar as a dashed polygon and
lists the gap to each.

The actions the community agreed after the round (actions:, see cop plan)
are listed, and so is the change since the community's previous round: the
latest earlier round of the same community and framework in FILE's folder,
or --previous FILE. Its actions are shown with their status and how the
indicator each is about moved since.` + options.ExitStatus(false, false),
		Example: `  cop report examples/riverside-nurses/2026-11-22.yaml
  cop report --explain examples/city-libraries/2026-10-14.yaml
  cop report -f json examples/oss-maintainers/2026-09-01.yaml | jq .overall
  cop report -f markdown -o report.md assessment.yaml
  cop report -f html -o report.html --policy .cop-policy.yaml assessment.yaml`,
		Args:              options.ExactArgs(1, "one assessment FILE"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if opts.Policy != "" && opts.Format != "html" {
				return exitcode.Usage(fmt.Errorf("--policy draws targets in -f html only (got -f %s); cop check shows the gap to each target in any format", opts.Format))
			}
			if opts.NoPrevious && opts.Previous != "" {
				return exitcode.Usage(fmt.Errorf("--previous and --no-previous cannot be used together"))
			}
			if opts.Weakest < 0 {
				return exitcode.Usage(fmt.Errorf("--weakest must be 0 or more, got %d", opts.Weakest))
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, render.ReportFormats, "table")
	options.Output(cmd, &opts.Output)
	options.Framework(cmd, &opts.Framework)
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show the arithmetic behind every number")
	cmd.Flags().IntVar(&opts.Weakest, "weakest", render.DefaultWeakest, "list the `N` weakest indicators, with options to try")
	cmd.Flags().StringVar(&opts.Policy, "policy", "", "draw the targets of the policy `FILE` (with -f html)")
	cmd.Flags().StringVar(&opts.Previous, "previous", "", "the community's previous round, `FILE` (default: the latest earlier round beside FILE)")
	_ = cmd.MarkFlagFilename("previous", "yaml", "yml")
	cmd.Flags().BoolVar(&opts.NoPrevious, "no-previous", false, "do not look for the previous round")
	_ = cmd.MarkFlagFilename("policy", "yaml", "yml")
	return cmd
}

func reportRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	doc, err := load.ParseInput(opts.File, opts.IO.In)
	if err != nil {
		return err
	}
	loaded, err := cat.Assessment(doc)
	if err != nil {
		return err
	}
	if err := cat.Unused(); err != nil {
		return err
	}
	for _, w := range loaded.Warnings {
		inert.Fprintf(opts.IO.ErrOut, "warning: %v\n", w)
	}
	var pol *model.Policy
	if opts.Policy != "" {
		if pol, err = load.PolicyFile(opts.Policy); err != nil {
			return err
		}
		if err := load.FitPolicy(pol, loaded.Framework); err != nil {
			return err
		}
	}
	prev, err := previousRound(opts, loaded.Assessment, loaded.Framework, cat)
	if err != nil {
		return err
	}
	rep := &render.Report{
		Previous:   prev,
		Policy:     pol,
		Assessment: loaded.Assessment,
		Result:     score.Compute(loaded.Framework, loaded.Assessment),
		Weakest:    opts.Weakest,
		Explain:    opts.Explain,
	}
	switch {
	case loaded.Assessment.Draft:
		rep.Draft = "the file says draft: true"
	case load.IsDraftName(opts.File):
		rep.Draft = "its name ends " + load.DraftSuffix
	}
	if opts.Format == "html" {
		rep.Made, rep.Version = opts.Now(), build.Read().Version
	}
	toTerminal := opts.Output == "" || opts.Output == "-"
	if toTerminal {
		rep.Style = render.Style{Color: opts.IO.ColorEnabled(), Unicode: opts.IO.UnicodeEnabled(), Width: opts.IO.TerminalWidth()}
	} else {
		rep.Style = render.Style{Unicode: opts.IO.UnicodeEnabled()}
	}
	write := render.ReportTable
	switch opts.Format {
	case "markdown":
		write = render.ReportMarkdown
	case "json":
		write = render.ReportJSON
	case "html":
		write = render.ReportHTML
	}
	return opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == options.Table {
			// text for people: a community named "::error::x" must not
			// become a CI annotation (package inert)
			return inert.Lines(w, func(w io.Writer) error { return write(w, rep) })
		}
		return write(w, rep)
	})
}

// errorf is a usage error: a --previous that cannot be the previous round.
func errorf(format string, args ...any) error { return exitcode.Usage(fmt.Errorf(format, args...)) }
