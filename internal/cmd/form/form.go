// Package form implements cop form: the questionnaire as one HTML page that
// any member answers in a browser.
package form

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"

	page "github.com/cophealth/cop/internal/form"
)

// Options holds the flags and dependencies of cop form.
type Options struct {
	IO          *iostreams.IOStreams
	Now         func() time.Time
	WriteOutput func(path string, write func(io.Writer) error) error

	Framework string
	Community string
	Date      string
	Contact   string
	Closes    string
	Anonymous bool
	Format    string
	Output    string
	Force     bool

	// date and closes are the parsed flags.
	date, closes time.Time
}

// NewCmdForm builds cop form. runF replaces the run function in tests of
// flag parsing.
func NewCmdForm(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Now: f.Now, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "form --community NAME [-o FILE]",
		Short: "Write the questionnaire as one HTML page to answer in a browser",
		Long: `Write the questionnaire of one round as one self-contained HTML page, to send
to every member: by email, on a shared drive or intranet, or on any static web
host. A member opens it in a browser (on a laptop or a phone, offline), gives
their name and optional role, answers each indicator on the framework's scale
(or "Don't know", "Not applicable", or not yet), with an optional note per
indicator and per dimension, and saves an assessment file of one response
(community-date-name.yaml) to send back. Printed, the page is a paper
questionnaire with tick boxes, for a workshop.

Answers are kept in the browser as they are given, and come back when the
page is opened again; the page warns before it is closed with answers not yet
saved, and says so at the top when the browser keeps nothing (some private
windows). A member can save a draft at any time: its name ends .draft.yaml
and it holds draft: true, so cop merge refuses it until it is saved in full.

The page makes no network request and loads nothing: its style and script are
inline, and its content security policy forbids anything else.

Collect the files and join them with cop merge (--invited N records how many
members were asked, for the response rate in cop report):

  cop merge responses/ --invited 14 -o round.yaml && cop report round.yaml

--anonymous asks no name: each saved file has no respondent, and cop merge
labels them "Anonymous 1", "Anonymous 2" and so on. The page is written to
--output FILE (standard output without it); it holds no answers, so an
existing FILE is replaced, as cop makes the same page again.` + options.ExitStatus(false, false),
		Example: `  cop form --community "Riverside Palliative Care Nurses" -o questionnaire.html
  cop form --community "City Libraries" --date 2026-11-22 --closes 2026-12-05 \
      --contact "ana.ruiz@example.org" -o city-libraries-2026-11-22.html
  cop form --community "OSS maintainers" --anonymous \
      --framework my-framework.yaml -o form.html`,
		Args: options.ExactArgs(0, "no arguments (the community is --community NAME)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return formRun(opts)
		},
	}
	flags := cmd.Flags()
	options.FrameworkFile(cmd, &opts.Framework, "ask the questions of the framework in `FILE` (default: the embedded cop-health)")
	flags.StringVar(&opts.Community, "community", "", "the community's `NAME` (required)")
	flags.StringVar(&opts.Date, "date", "", "the round's date, `YYYY-MM-DD` (default today)")
	flags.StringVar(&opts.Contact, "contact", "", "where members send their answers (`TEXT`), such as an email address")
	flags.StringVar(&opts.Closes, "closes", "", "the last day to answer, `YYYY-MM-DD`")
	flags.BoolVar(&opts.Anonymous, "anonymous", false, "ask no name: the saved files have no respondent")
	options.Format(cmd, &opts.Format, Formats, "html")
	options.Output(cmd, &opts.Output)
	_ = cmd.MarkFlagFilename("output", "html", "htm")
	// --force once allowed replacing the page; the page is now always
	// replaced, and scripts that pass --force keep working. Hidden, not
	// deprecated: pflag prints its deprecation note on standard output,
	// where the page may be going.
	flags.BoolVar(&opts.Force, "force", false, "replace the --output file (it always is)")
	_ = flags.MarkHidden("force")
	return cmd
}

// Formats: the questionnaire is one HTML page; -f html is accepted so that
// -f works on every command.
var Formats = []string{"html"}

// check turns flag values that cannot work into usage errors, before any
// file is read.
func (o *Options) check(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("community") {
		return exitcode.Usage(fmt.Errorf("cop form needs --community NAME (the community the members belong to; see cop form --help)"))
	}
	if strings.TrimSpace(o.Community) == "" {
		return exitcode.Usage(errors.New("--community is empty (expected the community's name)"))
	}
	o.date = o.Now()
	if o.Date != "" {
		t, err := model.ParseDate(o.Date)
		if err != nil {
			return exitcode.Usage(fmt.Errorf("--date: %w", err))
		}
		o.date = t
	}
	o.date = time.Date(o.date.Year(), o.date.Month(), o.date.Day(), 0, 0, 0, 0, time.UTC)
	if o.Closes != "" {
		t, err := model.ParseDate(o.Closes)
		if err != nil {
			return exitcode.Usage(fmt.Errorf("--closes: %w", err))
		}
		if t.Before(o.date) {
			return exitcode.Usage(fmt.Errorf("--closes %s is before the round's date %s (expected the last day to answer, on or after it)",
				t.Format(model.DateLayout), o.date.Format(model.DateLayout)))
		}
		o.closes = t
	}
	return nil
}

func formRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	fw, err := cat.Default()
	if err != nil {
		return err
	}
	round := page.Round{
		Framework: fw,
		Community: strings.TrimSpace(opts.Community),
		Date:      opts.date,
		Contact:   strings.TrimSpace(opts.Contact),
		Closes:    opts.closes,
		Anonymous: opts.Anonymous,
	}
	// The page holds no answers (they stay in the member's browser and
	// the files they save), so an existing page is replaced, like any
	// output cop can make again.
	if err := opts.WriteOutput(opts.Output, func(w io.Writer) error { return page.Write(w, round) }); err != nil {
		return err
	}
	if opts.Output == "" || opts.Output == "-" {
		return nil
	}
	inert.Fprintf(opts.IO.ErrOut, "wrote %s: the %s questionnaire (%d questions) for %s, round of %s\n",
		opts.Output, fw.ID, fw.IndicatorCount(), inert.Line(round.Community), round.Date.Format(model.DateLayout))
	return nil
}
