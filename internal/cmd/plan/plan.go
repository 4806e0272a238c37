// Package plan implements cop plan: the actions a community agreed after a
// round, recorded in the round's file (actions:), and their status updated
// as the work goes on. Interactively it offers the weakest indicators and
// the guidance for the community's stage as starting points; with flags it
// adds an action or sets a status, for scripts.
package plan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/atomicfile"
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/plan"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
	"github.com/cophealth/cop/internal/survey"
	"github.com/spf13/cobra"
)

// Options holds the flags and dependencies of cop plan.
type Options struct {
	IO          *iostreams.IOStreams
	Now         func() time.Time
	WriteOutput func(path string, write func(io.Writer) error) error
	// Interruptible gives the context the interactive form runs in.
	Interruptible func(context.Context) (context.Context, context.CancelFunc)

	File      string
	Framework string
	List      bool
	// Format and Output are for the list (--list): table or json, and the
	// file it goes to.
	Format, Output string

	// Add is the target of an action to add (dimension/indicator or a
	// dimension id), with its what, owner, due date and status.
	Add, What, Owner, Due, Status string
	// Set holds N=STATUS or TARGET=STATUS changes.
	Set []string
	// Theme is auto, dark or light, for the interactive form's colours.
	Theme string
}

// NewCmdPlan builds cop plan. runF replaces the run function in tests of
// flag parsing.
func NewCmdPlan(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Now: f.Now, Interruptible: f.Interruptible, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Record the actions agreed after a round, and update their status",
		Long: `Record in an assessment file what the community agreed to do after the round
(actions:), and update each action's status as the work goes on: planned,
doing, done or dropped. cop report shows the actions, and the next round's
report shows how each indicator moved since; cop check --max-overdue N keeps
a reminder in CI.

On a terminal, cop plan asks: it lists the actions, offers the weakest
indicators with the guidance for the community's stage as starting points,
and asks what, who and by when. With flags it runs without asking, which is
also the way for screen readers (the flags do all that the form does):

  --add TARGET --what TEXT [--owner NAME] [--due YYYY-MM-DD] [--status S]
      adds an action about TARGET, an indicator (dimension/indicator, such
      as purpose/development-plan) or a whole dimension (purpose)
  --set N=STATUS (repeatable)
      sets the status of action N (as --list numbers them), or of the one
      action about TARGET with --set TARGET=STATUS
  --list
      prints the actions, numbered, with those past their due date marked
      (-f json for scripts, -o FILE to write them to a file)

The file is rewritten atomically, and only the lines of the actions change:
every other field, comment and blank line stays where it was.` + options.ExitStatus(false, true),
		Example: `  cop plan examples/riverside-nurses/2026-05-21.yaml
  cop plan round.yaml --add purpose/development-plan \
      --what "Agree a twelve-month plan" --owner "Ana Ruiz" --due 2027-01-31
  cop plan round.yaml --set 1=doing --set governance=done
  cop plan round.yaml --list`,
		Args:              options.ExactArgs(1, "one assessment FILE"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if opts.File == "-" {
				return exitcode.Usage(errors.New("cop plan rewrites FILE, so it cannot read standard input (-)"))
			}
			adding := cmd.Flags().Changed("add")
			for _, name := range []string{"what", "owner", "due", "status"} {
				if cmd.Flags().Changed(name) && !adding {
					return exitcode.Usage(fmt.Errorf("--%s describes an action to add: give --add TARGET too", name))
				}
			}
			if adding && strings.TrimSpace(opts.What) == "" {
				return exitcode.Usage(errors.New("--add needs --what TEXT: what the community will do"))
			}
			if _, err := survey.DarkBackground(opts.Theme, opts.IO.Getenv); err != nil {
				return exitcode.Usage(fmt.Errorf("--theme: %w", err))
			}
			if (cmd.Flags().Changed("format") || cmd.Flags().Changed("output")) && !opts.List {
				return exitcode.Usage(errors.New("-f and -o are for the list of actions: give --list too"))
			}
			if opts.List && (adding || len(opts.Set) > 0) {
				return exitcode.Usage(errors.New("--list only prints the actions; give it alone, or --add and --set alone"))
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	options.Framework(cmd, &opts.Framework)
	options.Format(cmd, &opts.Format, ListFormats, options.Table)
	options.Output(cmd, &opts.Output)
	fl := cmd.Flags()
	fl.BoolVar(&opts.List, "list", false, "print the actions, numbered, and change nothing")
	fl.StringVar(&opts.Add, "add", "", "add an action about `TARGET` (dimension/indicator, or a dimension)")
	fl.StringVar(&opts.What, "what", "", "what the community will do, `TEXT` (with --add)")
	fl.StringVar(&opts.Owner, "owner", "", "who looks after the action, `NAME` (with --add)")
	fl.StringVar(&opts.Due, "due", "", "when it should be done, `YYYY-MM-DD` (with --add)")
	options.StringVar(cmd, &opts.Status, "status", model.ActionPlanned, "the new action's `STATUS`: planned, doing, done or dropped (with --add)")
	fl.StringArrayVar(&opts.Set, "set", nil, "set an action's status: `N=STATUS` or TARGET=STATUS (repeatable)")
	options.StringVar(cmd, &opts.Theme, "theme", "auto", "the colour `THEME` for a dark or light terminal: auto, dark, light")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(survey.Themes, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(model.ActionStatuses(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// Record asks on the terminal for the actions agreed after the round in
// opts.File and saves them, as cop plan FILE does with no flags: cop assess
// goes on to it from its review. It needs IO, Now, Interruptible, File and
// Framework (and Theme: auto, dark or light).
func Record(opts *Options) error {
	o := *opts
	o.List, o.Add, o.Set, o.Format = false, "", nil, options.Table
	return planRun(&o)
}

func planRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	data, err := load.ReadFile(opts.File)
	if err != nil {
		return err
	}
	f, err := plan.Open(opts.File, data, cat.Resolve)
	if err != nil {
		return err
	}
	for _, w := range f.Loaded.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %v\n", w)
	}
	switch {
	case opts.List:
		now := opts.Now()
		return opts.WriteOutput(opts.Output, func(w io.Writer) error {
			if opts.Format == "json" {
				return writeListJSON(w, f.Loaded.Framework, f.Actions(), now)
			}
			// text for people: an action "::error::x" must not become a
			// CI annotation (package inert)
			return inert.Lines(w, func(w io.Writer) error { return writeList(w, f.Actions(), now) })
		})
	case opts.Add != "" || len(opts.Set) > 0:
		if err := byFlags(opts, f); err != nil {
			return err
		}
	default:
		changed, err := interactive(opts, f)
		if err != nil || !changed {
			return err
		}
	}
	return save(opts, f)
}

// byFlags makes the edits the flags ask for, in order: the new action
// first, then the statuses (so that --set can name the action just added).
func byFlags(opts *Options, f *plan.File) error {
	if opts.Add != "" {
		a, err := newAction(opts.Add, opts.What, opts.Owner, opts.Due, opts.Status)
		if err != nil {
			return err
		}
		if err := f.Add(a); err != nil {
			return exitcode.Usage(fmt.Errorf("--add %s: %w", opts.Add, err))
		}
	}
	for _, s := range opts.Set {
		key, status, ok := strings.Cut(s, "=")
		if !ok {
			return exitcode.Usage(fmt.Errorf("--set %q: expected N=STATUS or TARGET=STATUS, such as --set 1=done", s))
		}
		i, err := actionIndex(f.Actions(), strings.TrimSpace(key))
		if err != nil {
			return exitcode.Usage(fmt.Errorf("--set %s: %w", s, err))
		}
		if err := f.SetStatus(i, strings.TrimSpace(status)); err != nil {
			return exitcode.Usage(fmt.Errorf("--set %s: %w", s, err))
		}
	}
	return nil
}

// newAction builds an action from what was typed: TARGET, what, owner, a
// YYYY-MM-DD due date (or nothing) and a status.
func newAction(target, what, owner, due, status string) (model.Action, error) {
	a := model.Action{What: strings.TrimSpace(what), Owner: strings.TrimSpace(owner), Status: strings.TrimSpace(status)}
	dim, ind, _ := strings.Cut(strings.TrimSpace(target), "/")
	if !load.IsID(dim) || (ind != "" && !load.IsID(ind)) || strings.HasSuffix(target, "/") {
		return a, exitcode.Usage(fmt.Errorf("--add %q: expected dimension/indicator, such as purpose/development-plan, or a dimension id alone", target))
	}
	a.Dimension, a.Indicator = dim, ind
	if d := strings.TrimSpace(due); d != "" {
		t, err := model.ParseDate(d)
		if err != nil {
			return a, exitcode.Usage(fmt.Errorf("--due: %w", err))
		}
		a.Due = t
	}
	return a, nil
}

// actionIndex finds an action by its number (1-based, in file order) or by
// its target, which must then name exactly one action.
func actionIndex(actions []model.Action, key string) (int, error) {
	if n, err := strconv.Atoi(key); err == nil {
		if n < 1 || n > len(actions) {
			return 0, fmt.Errorf("there is no action %d (the file has %s)", n, render.Plural(len(actions), "action"))
		}
		return n - 1, nil
	}
	found := -1
	for i, a := range actions {
		if a.Target() == key {
			if found >= 0 {
				return 0, fmt.Errorf("actions %d and %d are both about %s: give the number instead (cop plan --list numbers them)", found+1, i+1, key)
			}
			found = i
		}
	}
	if found < 0 {
		return 0, fmt.Errorf("no action is about %s (cop plan --list shows them)", key)
	}
	return found, nil
}

// save checks the edited file and writes it atomically, then says what
// changed on standard error.
func save(opts *Options, f *plan.File) error {
	if _, err := f.Verify(); err != nil {
		return err
	}
	before := f.Loaded.Assessment.Actions
	if err := atomicfile.Write(opts.File, func(w io.Writer) error {
		_, err := w.Write(f.Bytes())
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: %s\n", render.OneLine(opts.File), changes(before, f.Actions()))
	return nil
}

// changes sums up an edit: "added 1 action, updated 2; 3 actions: 1
// planned, 1 doing, 1 done".
func changes(before, after []model.Action) string {
	added := len(after) - len(before)
	updated := 0
	for i := range before {
		if before[i].Status != after[i].Status {
			updated++
		}
	}
	var parts []string
	if added > 0 {
		parts = append(parts, "added "+render.Plural(added, "action"))
	}
	if updated > 0 {
		parts = append(parts, fmt.Sprintf("updated %d", updated))
	}
	if len(parts) == 0 {
		parts = append(parts, "no change")
	}
	return strings.Join(parts, ", ") + "; " + statusSummary(after)
}

// statusSummary counts actions by status: "3 actions: 1 planned, 2 done".
func statusSummary(actions []model.Action) string {
	var parts []string
	for _, s := range model.ActionStatuses() {
		n := 0
		for _, a := range actions {
			if a.Status == s {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	s := render.Plural(len(actions), "action")
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

// ListFormats are the formats of cop plan --list.
var ListFormats = []string{options.Table, "json"}

// actionJSON is one action in cop plan --list -f json: the report's shape
// of an action, with the number --set takes and whether it is overdue.
type actionJSON struct {
	Number int `json:"number"`
	render.ActionDoc
	Overdue bool `json:"overdue"`
}

// writeListJSON writes the actions as a JSON list, numbered as --set takes
// them.
func writeListJSON(w io.Writer, fw *model.Framework, actions []model.Action, now time.Time) error {
	out := []actionJSON{}
	for i, a := range actions {
		out = append(out, actionJSON{Number: i + 1, ActionDoc: render.NewActionDoc(a, render.ActionTitle(fw, a)), Overdue: overdue(a, now)})
	}
	return render.JSON(w, out)
}

// writeList prints the actions, numbered as --set takes them, one a line:
// "1. purpose/development-plan: Agree a plan (Ana Ruiz, due 2026-06-30):
// doing, overdue".
func writeList(w io.Writer, actions []model.Action, now time.Time) error {
	if len(actions) == 0 {
		_, err := fmt.Fprintln(w, "No actions yet: add one with cop plan FILE, or --add TARGET --what TEXT.")
		return err
	}
	var b strings.Builder
	for i, a := range actions {
		b.WriteString(numbered(i, a, now))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// numbered is action i in the list, numbered as --set takes it, and
// marked when it is overdue: "2. purpose/development-plan: Agree a plan
// (due 2026-06-30): doing, overdue".
func numbered(i int, a model.Action, now time.Time) string {
	s := fmt.Sprintf("%d. %s", i+1, listLine(a))
	if overdue(a, now) {
		s += ", overdue"
	}
	return s
}

// listLine is an action in one line: "purpose/development-plan: Agree a
// plan (Ana Ruiz, due 2026-06-30): planned", its text made safe to print.
func listLine(a model.Action) string {
	var who []string
	if a.Owner != "" {
		who = append(who, render.OneLine(a.Owner))
	}
	if !a.Due.IsZero() {
		who = append(who, "due "+a.Due.Format(model.DateLayout))
	}
	s := a.Target() + ": " + render.OneLine(a.What)
	if len(who) > 0 {
		s += " (" + strings.Join(who, ", ") + ")"
	}
	return s + ": " + a.Status
}

// overdue reports whether an action is past its due date and not finished,
// by the rule cop check --max-overdue counts (gate.Overdue).
func overdue(a model.Action, now time.Time) bool {
	return len(gate.Overdue(&model.Assessment{Actions: []model.Action{a}}, now)) > 0
}

// weakRefs lists the weakest rated indicators of the round, with the
// guidance for its level, as starting points for new actions.
func weakRefs(l *load.Loaded, n int) []score.Ref {
	return score.Compute(l.Framework, l.Assessment).Weakest(n)
}
