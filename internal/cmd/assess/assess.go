// Package assess implements cop assess: the questionnaire that makes an
// assessment file, with a draft written after every page so that no answer
// is lost, and the report printed once the file is saved.
package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cophealth/cop/internal/atomicfile"
	"github.com/cophealth/cop/internal/catalog"
	plancmd "github.com/cophealth/cop/internal/cmd/plan"
	"github.com/cophealth/cop/internal/encode"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
	"github.com/cophealth/cop/internal/survey"
	"github.com/spf13/cobra"
)

// Options holds the flags and dependencies of cop assess.
type Options struct {
	IO  *iostreams.IOStreams
	Now func() time.Time
	Ctx context.Context
	// Interruptible turns Ctrl-C, SIGHUP and SIGTERM into a cancelled context.
	Interruptible func(context.Context) (context.Context, context.CancelFunc)

	Framework  string
	Output     string
	Resume     string
	Force      bool
	Accessible bool
	Theme      string

	Community, Respondent, Role, Date string
	// Given says which of the four answers above came from the command line.
	Given survey.Who
}

// NewCmdAssess builds cop assess. runF replaces the run function in tests
// of flag parsing.
func NewCmdAssess(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Now: f.Now, Interruptible: f.Interruptible}
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Answer the questionnaire and save an assessment file",
		Long: `Answer the questionnaire about a community and save an assessment file, then
print its report.

The first page asks for the community, your name, your role (optional) and the
date of the round (today unless you change it); --community, --respondent,
--role and --date answer those questions on the command line. Then comes one
page per dimension of the framework: its description, one question per
indicator (answer on the scale, "Don't know", "Not applicable", or leave it for
now) and a box for notes (a line that starts with an indicator's title and a
colon, "Development plan: a draft exists", is a note on that indicator). A
review page shows each dimension's score and level
as they stand and what is still unanswered; from there you save (and, on a
terminal, may go on to record the actions agreed, as cop plan does), or go
back to any page.

Nothing you answer is lost. After every page a draft is written next to the
file that will be saved, with .draft.yaml in place of .yaml. Ctrl-C (or a
closed terminal) keeps the draft and prints the command that carries on:
cop assess --resume FILE, which opens the draft with every answer filled in at
the first unanswered question. Once the file is saved the draft is removed.

The file is written to --output FILE, or in the current folder to a name made
from the community, the date and your name, such as
riverside-palliative-care-nurses-2026-11-22-ana-ruiz.yaml, so that members who
answer in the same folder each keep their own file and draft (cop merge joins
them into one round). A folder that cannot be written is reported before the
first question. An existing file is never replaced without --force. The report
goes to standard output and the questionnaire to standard error, so
"cop assess > report.txt" works.

In a terminal: up and down (or j and k) choose, enter confirms and moves on,
shift+tab goes back (from a page's first question, to the last question of the
previous page), / filters the answers, Ctrl+E opens an editor for the notes,
Ctrl-C stops. Keys typed ahead are applied to the questions they were typed
for. A window too small for the question says so until it is made larger.
Colours suit a dark background unless --theme light (or COLORFGBG) says
otherwise; the terminal is never asked. With --accessible, ACCESSIBLE=1 or
TERM=dumb the questions are plain numbered prompts, one per line, for screen
readers and for answers piped on standard input; an empty line keeps the
answer shown in brackets. Input that ends before every question is answered
keeps the draft and exits with status 2. Without a terminal, and without
accessible mode, cop assess stops at once with status 2.` + options.ExitStatus(false, true),
		Example: `  cop assess
  cop assess --community "Riverside Palliative Care Nurses" \
    --respondent "Ana Ruiz"
  cop assess --resume \
    riverside-palliative-care-nurses-2026-11-22-ana-ruiz.draft.yaml
  cop assess --accessible < answers.txt > report.txt
  cop assess --framework my-framework.yaml -o rounds/2027-01.yaml`,
		Args: options.ExactArgs(0, "no arguments (to carry on with a draft: --resume FILE)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			flags := cmd.Flags()
			opts.Given = survey.Who{
				Community:  flags.Changed("community"),
				Respondent: flags.Changed("respondent"),
				Role:       flags.Changed("role"),
				Date:       flags.Changed("date"),
			}
			opts.Ctx = cmd.Context()
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return assessRun(opts)
		},
	}
	flags := cmd.Flags()
	options.FrameworkFile(cmd, &opts.Framework, "ask the questions of the framework in `FILE` (and read a --resume draft that names its id)")
	flags.StringVarP(&opts.Output, "output", "o", "", "save the assessment to `FILE` (default: community-date.yaml in the current folder)")
	_ = cmd.MarkFlagFilename("output", "yaml", "yml")
	flags.StringVar(&opts.Resume, "resume", "", "carry on with the draft in `FILE`, every answer filled in")
	_ = cmd.MarkFlagFilename("resume", "yaml", "yml")
	flags.BoolVar(&opts.Force, "force", false, "replace an existing file (and start again over an earlier draft)")
	flags.BoolVar(&opts.Accessible, "accessible", false, "plain numbered prompts, one per line, for screen readers and piped answers")
	options.StringVar(cmd, &opts.Theme, "theme", "auto", "the colour `THEME` for a dark or light terminal: auto, dark, light")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(survey.Themes, cobra.ShellCompDirectiveNoFileComp))
	flags.StringVar(&opts.Community, "community", "", "the community's `NAME` (skips the question)")
	flags.StringVar(&opts.Respondent, "respondent", "", "your `NAME` (skips the question)")
	flags.StringVar(&opts.Role, "role", "", "your `ROLE`, such as coordinator (skips the question)")
	flags.StringVar(&opts.Date, "date", "", "the round's date, `YYYY-MM-DD` (skips the question; default today)")
	return cmd
}

// check turns flag values that cannot work into usage errors, before any
// file is read or any question asked.
func (o *Options) check() error {
	if _, err := survey.DarkBackground(o.Theme, o.IO.Getenv); err != nil {
		return exitcode.Usage(fmt.Errorf("--theme: %w", err))
	}
	if o.Given.Community && strings.TrimSpace(o.Community) == "" {
		return exitcode.Usage(errors.New("--community is empty (expected the community's name)"))
	}
	if o.Given.Respondent && strings.TrimSpace(o.Respondent) == "" {
		return exitcode.Usage(errors.New("--respondent is empty (expected your name)"))
	}
	if o.Given.Date {
		if _, err := model.ParseDate(o.Date); err != nil {
			return exitcode.Usage(fmt.Errorf("--date: %w", err))
		}
	}
	return nil
}

// accessible reports whether to ask line by line: --accessible, ACCESSIBLE
// set to anything but 0 or false, or TERM=dumb (a terminal that cannot draw
// the form).
func (o *Options) accessible() bool {
	if o.Accessible || o.IO.Getenv("TERM") == "dumb" {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(o.IO.Getenv("ACCESSIBLE"))) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// session is one run of cop assess: where the answers go, and what is known
// about them so far.
type session struct {
	opts  *Options
	cat   *catalog.Catalog
	fw    *model.Framework
	a     *model.Assessment
	out   string // the file to save; decided when the first page is done
	draft string // the draft; likewise
	// kept says the draft holds the answers: it has been written, or it is
	// the file being resumed.
	kept bool
}

func assessRun(opts *Options) error {
	accessible := opts.accessible()
	// Decide before anything else: without a terminal the form cannot be
	// drawn, and Bubble Tea would try to open /dev/tty behind our back.
	if !accessible && (!opts.IO.IsStdinTTY() || !opts.IO.IsStderrTTY()) {
		which := "standard input"
		if opts.IO.IsStdinTTY() {
			which = "standard error"
		}
		return exitcode.Usage(fmt.Errorf("cop assess needs a terminal to draw the questionnaire, and %s is not one.\n"+
			"Run it in a terminal, or answer line by line with --accessible (answers may be piped on standard input)", which))
	}
	s, err := newSession(opts)
	if err != nil {
		return err
	}
	// A folder that cannot take the file is found now, before a question
	// is answered, not when the first page's answers are to be kept.
	if err := s.checkFolder(); err != nil {
		return err
	}

	// The background is told (--theme, COLORFGBG), never asked: a terminal
	// that does not answer would hold the first question back.
	dark, _ := survey.DarkBackground(opts.Theme, opts.IO.Getenv) // checked with the flags
	color := !accessible && opts.IO.ColorEnabledStderr()
	sv, err := survey.New(survey.Config{
		Framework:  s.fw,
		Assessment: s.a,
		Ask:        survey.Who{Community: !opts.Given.Community, Respondent: !opts.Given.Respondent, Role: !opts.Given.Role, Date: !opts.Given.Date},
		Accessible: accessible,
		Theme:      survey.Theme(color, dark),
		Color:      color,
		Getenv:     opts.IO.Getenv,
		Save:       s.saveDraft,
	})
	if err != nil {
		return err
	}

	// Ctrl-C in accessible mode (SIGINT; in the form it is a key), a closed
	// terminal (SIGHUP) and a polite kill (SIGTERM) all end the run with the
	// draft kept, rather than the process at once.
	ctx, stop := opts.Interruptible(opts.Ctx)
	defer stop()
	run := sv.RunTerminal
	if accessible {
		run = sv.RunAccessible
	}
	outcome, err := run(ctx, opts.IO.In, opts.IO.ErrOut)
	if err != nil {
		return s.failed(err)
	}
	switch outcome {
	case survey.Interrupted:
		if !s.kept {
			fmt.Fprintln(opts.IO.ErrOut, "Stopped before the first page was complete; nothing was saved.")
		} else {
			fmt.Fprintf(opts.IO.ErrOut, "Stopped. %s so far are kept in %s.\nTo carry on: %s\n", capital(s.whose()), s.draft, s.resumeCommand(s.draft))
		}
		return exitcode.Silent(exitcode.Interrupted)
	case survey.InputEnded:
		if !s.kept {
			return exitcode.Usage(errors.New("the input ended before the first page was complete; nothing was saved"))
		}
		fmt.Fprintf(opts.IO.ErrOut, "The input ended before every question was answered (%s, and the review not confirmed).\n"+
			"%s so far are kept in %s.\nTo carry on: %s\n",
			unansweredText(sv.Unanswered()), capital(s.whose()), s.draft, s.resumeCommand(s.draft))
		return exitcode.Silent(exitcode.Invalid)
	}
	if err := s.finish(); err != nil {
		return err
	}
	if outcome == survey.SavedToPlan {
		// The review went on to cop plan: the same terminal, the file just
		// saved, its framework as this run found it.
		return plancmd.Record(&plancmd.Options{IO: opts.IO, Now: opts.Now, Interruptible: opts.Interruptible,
			File: s.out, Framework: opts.Framework, Theme: opts.Theme})
	}
	return nil
}

func unansweredText(n int) string {
	if n == 0 {
		return "every indicator answered"
	}
	return render.Plural(n, "indicator") + " unanswered"
}

// newSession loads the draft to resume, or starts a new round, and applies
// the answers given on the command line.
func newSession(opts *Options) (*session, error) {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return nil, err
	}
	s := &session{opts: opts, cat: cat}
	if opts.Resume != "" {
		loaded, err := load.AssessmentFile(opts.Resume, cat.Resolve)
		if err != nil {
			return nil, err
		}
		for _, w := range loaded.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "warning: %v\n", w)
		}
		if n := len(loaded.Assessment.Responses); n != 1 {
			return nil, exitcode.Usage(fmt.Errorf("%s holds %s; cop assess carries on with one respondent's draft", opts.Resume, render.Plural(n, "response")))
		}
		s.fw, s.a, s.draft, s.kept = loaded.Framework, loaded.Assessment, opts.Resume, true
	} else {
		fw, err := cat.Default()
		if err != nil {
			return nil, err
		}
		now := opts.Now()
		s.fw = fw
		s.a = &model.Assessment{
			Date:      time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
			Framework: model.FrameworkRef{ID: fw.ID, Version: fw.Version},
			Responses: []model.Response{{}},
		}
	}
	r := &s.a.Responses[0]
	if opts.Given.Community {
		s.a.Community = strings.TrimSpace(opts.Community)
	}
	if opts.Given.Respondent {
		r.Respondent = strings.TrimSpace(opts.Respondent)
	}
	if opts.Given.Role {
		r.Role = strings.TrimSpace(opts.Role)
	}
	if opts.Given.Date {
		s.a.Date, _ = model.ParseDate(opts.Date) // checked with the flags
	}
	// When the names are known already, say at once that they are taken,
	// rather than after the first page.
	if opts.Output != "" || opts.Resume != "" || (opts.Given.Community && opts.Given.Date && opts.Given.Respondent) {
		if err := s.decidePaths(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// decidePaths fixes the file to save and the draft, and refuses names that
// are taken: the file (unless --force), and, for a new round, a draft left
// by an earlier session, which this one would otherwise overwrite.
func (s *session) decidePaths() error {
	o := s.opts
	var out string
	switch {
	case o.Output != "":
		out = o.Output
	case strings.HasSuffix(s.draft, load.DraftSuffix):
		out = strings.TrimSuffix(s.draft, load.DraftSuffix) + ".yaml"
	default:
		out = FileName(s.a.Community, s.a.Date, s.a.Responses[0].Respondent)
	}
	draft := s.draft
	if draft == "" {
		draft = DraftName(out)
	}
	if dir := filepath.Dir(out); !isDir(dir) {
		return exitcode.Usage(fmt.Errorf("cannot save %s: there is no folder %s", out, dir))
	}
	if out != draft && !o.Force && exists(out) {
		return exitcode.Usage(fmt.Errorf("%s already exists; nothing was changed. Pass --force to replace it, or --output FILE to save elsewhere", out))
	}
	if o.Resume == "" && !o.Force && exists(draft) {
		return exitcode.Usage(fmt.Errorf("a draft of %s from an earlier session is in %s; nothing was changed.\n"+
			"To carry on with it: %s\nTo start again instead: add --force", s.whose(), draft, s.resumeCommand(draft)))
	}
	s.out, s.draft = out, draft
	return nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// DraftName is where the draft of the file at path is kept: the file to
// save, with .draft.yaml (load.DraftSuffix, which every command's folder
// rule skips) in place of .yaml.
func DraftName(path string) string {
	ext := filepath.Ext(path)
	if ext == ".yaml" || ext == ".yml" {
		path = strings.TrimSuffix(path, ext)
	}
	return path + load.DraftSuffix
}

// FileName is the name one respondent's answers are saved under when
// --output is not given: the community's name, the date and the
// respondent's name, such as
// riverside-palliative-care-nurses-2026-11-22-ana-ruiz.yaml, so that
// members answering in one folder never meet each other's files or drafts
// (cop merge joins them into the round). Names are in lower case, their
// words joined by hyphens; letters other than ASCII are kept. A community
// with no letters or digits at all gives assessment-2026-11-22-....
func FileName(community string, date time.Time, respondent string) string {
	name := slug(community)
	if name == "" {
		name = "assessment"
	}
	name += "-" + date.Format(model.DateLayout)
	if r := slug(respondent); r != "" {
		name += "-" + r
	}
	return name + ".yaml"
}

// slug is a name in lower case, its words joined by hyphens, cut at a word
// within maxSlug bytes.
func slug(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	slug := ""
	for _, w := range words {
		if len(slug)+1+len(w) > maxSlug {
			if slug == "" { // one very long word: cut it, on a rune
				for _, r := range w {
					if len(slug)+utf8.RuneLen(r) > maxSlug {
						break
					}
					slug += string(r)
				}
			}
			break
		}
		if slug != "" {
			slug += "-"
		}
		slug += w
	}
	return slug
}

// maxSlug keeps file names well within every file system's limits: the
// community's words are kept whole up to this many bytes.
const maxSlug = 60

// saveDraft writes the answers so far. It is called after every page; the
// first call decides the names, now that the community and date are known.
func (s *session) saveDraft(a *model.Assessment) error {
	if s.out == "" {
		if err := s.decidePaths(); err != nil {
			return err
		}
	}
	err := atomicfile.Write(s.draft, func(w io.Writer) error {
		fmt.Fprintf(w, "# A draft of cop assess: %s. To carry on: %s\n", render.OneLine(s.whose()), s.resumeCommand(s.draft))
		return encode.Assessment(w, a, s.fw)
	})
	if err == nil {
		s.kept = true
	}
	return err
}

// whose names the answers a draft holds: "Ana Ruiz's answers", or "your
// answers" before a name is known.
func (s *session) whose() string {
	name := render.OneLine(s.a.Responses[0].Respondent)
	if name == "" {
		return "your answers"
	}
	if strings.HasSuffix(name, "s") {
		return name + "' answers"
	}
	return name + "'s answers"
}

// capital starts a sentence with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// checkFolder makes sure the folder the file and its draft go to takes
// files, by writing and removing an empty one there: permissions alone do
// not tell (a read-only file system, a folder that is a file, root).
func (s *session) checkFolder() error {
	dir := "."
	switch {
	case s.out != "":
		dir = filepath.Dir(s.out)
	case s.opts.Output != "":
		dir = filepath.Dir(s.opts.Output)
	}
	hint := "Answer from a folder you can write to, or choose the file with --output FILE (such as --output ~/cop/round.yaml)."
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return exitcode.Usage(fmt.Errorf("cannot save the answers in %s: it is not a folder.\n%s", dir, hint))
	}
	f, err := os.CreateTemp(dir, ".cop-assess-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return exitcode.Usage(fmt.Errorf("cannot save the answers in %s: %v; nothing was asked.\n%s", absDir(dir), err, hint))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// absDir names a folder in full, for a message about it ("." says little).
func absDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// failed reports an error that stopped the questionnaire, saying where the
// answers are when a draft holds them.
func (s *session) failed(err error) error {
	if s.kept {
		err = fmt.Errorf("%w\nYour answers so far are kept in %s; to carry on: %s", err, s.draft, s.resumeCommand(s.draft))
	}
	return exitcode.Usage(err)
}

// finish saves the file, removes the draft it replaces and prints the report.
func (s *session) finish() error {
	if s.opts.Output == "" && s.opts.Resume == "" {
		// The community or date may have changed since the first page.
		s.out = FileName(s.a.Community, s.a.Date, s.a.Responses[0].Respondent)
	}
	// The draft being finished is replaced by its own file as a matter of course.
	err := factory.WriteFile(s.out, s.opts.Force || s.out == s.draft,
		fmt.Sprintf("nothing was overwritten. Your answers are kept in %s.\n"+
			"To replace the file: %s --force\nTo save elsewhere: %s --output FILE", s.draft, s.resumeCommand(s.draft), s.resumeCommand(s.draft)),
		func(w io.Writer) error { return encode.Assessment(w, s.a, s.fw) })
	if errors.Is(err, atomicfile.ErrExists) {
		return err
	}
	if err != nil {
		return exitcode.Usage(fmt.Errorf("%w\nYour answers are kept in %s; to carry on: %s", err, s.draft, s.resumeCommand(s.draft)))
	}
	if s.draft != s.out {
		if err := os.Remove(s.draft); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(s.opts.IO.ErrOut, "warning: the draft %s could not be removed: %v\n", s.draft, err)
		}
	}
	// The report is of the file as saved, read back as cop report reads it.
	loaded, err := load.AssessmentFile(s.out, s.cat.Resolve)
	if err != nil {
		return err
	}
	ios := s.opts.IO
	rep := &render.Report{
		Assessment: loaded.Assessment,
		Result:     score.Compute(loaded.Framework, loaded.Assessment),
		Weakest:    reportWeakest,
		Style:      render.Style{Color: ios.ColorEnabled(), Unicode: ios.UnicodeEnabled(), Width: ios.TerminalWidth()},
	}
	// cop report's table, escaped as cop report escapes it (package inert)
	if err := inert.Lines(ios.Out, func(w io.Writer) error { return render.ReportTable(w, rep) }); err != nil {
		return err
	}
	fmt.Fprintf(ios.ErrOut, "Saved %s.\n", s.out)
	return nil
}

// reportWeakest is how many weak indicators the report lists: the default
// of cop report's --weakest, so that the report reads as cop report prints it.
const reportWeakest = render.DefaultWeakest

// resumeCommand is the command that carries on with the draft, with the
// flags it needs to find the same framework and save to the same file.
func (s *session) resumeCommand(draft string) string {
	o := s.opts
	args := []string{"cop", "assess", "--resume", shellQuote(draft)}
	if o.Framework != "" {
		args = append(args, "--framework", shellQuote(o.Framework))
	}
	if o.Output != "" && DraftName(o.Output) != draft {
		args = append(args, "--output", shellQuote(o.Output))
	}
	if o.Accessible {
		args = append(args, "--accessible")
	}
	return strings.Join(args, " ")
}

// shellQuote writes a path so that a POSIX shell reads it back as it is.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
