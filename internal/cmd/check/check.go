// Package check implements cop check: the CI gate. It applies a policy (a
// policy file, with flags laid over it) to assessment files and exits 1 when
// a rule is not met.
package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/score"
	"github.com/spf13/cobra"
)

// DefaultPolicy is the policy file read from the current folder when no
// --policy is given.
const DefaultPolicy = ".cop-policy.yaml"

// Options holds the flags and dependencies of cop check.
type Options struct {
	IO          *iostreams.IOStreams
	WriteOutput func(path string, write func(io.Writer) error) error
	Now         func() time.Time

	Files     []string
	Framework string
	Format    string
	Output    string
	Policy    string
	NoPolicy  bool
	// Overrides holds the rules given as flags; they replace the policy
	// file's, rule by rule (and dimension by dimension for --min).
	Overrides *model.Policy
	// Flags names the rule flags given, for the report.
	Flags []string
}

// ruleFlags are the values of the rule flags before they are checked.
type ruleFlags struct {
	minOverall, minCoverage, maxDrop float64
	minResponseRate                  float64
	maxAge, maxOverdue               int
	minLevel, baseline               string
	requireComplete                  bool
	min, warn                        []string
}

// NewCmdCheck builds cop check. runF replaces the run function in tests of
// flag parsing.
func NewCmdCheck(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, WriteOutput: f.WriteOutput, Now: f.Now}
	var rf ruleFlags
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Fail when assessments fall below an agreed policy (for CI)",
		Long: `Check assessment files against a policy, and exit 1 when a rule is not met:
the gate a community puts in its CI.

The rules come from a policy file (kind: cop-policy): --policy FILE, or
` + DefaultPolicy + ` in the current folder when there is one (--no-policy
ignores it). Rule flags override the file's rules one by one, and --min
dimension by dimension. The rules:

  --min-overall N       the overall score is at least N
  --min DIM=N           dimension DIM scores at least N (repeatable)
  --min-level ID        the overall level is at least the level ID
  --min-coverage F      the overall coverage is at least F (0 to 1)
  --min-response-rate F at least F (0 to 1) of the members invited answered
                        (the round's invited: N, or cop merge --invited N)
  --require-complete    every indicator is rated or not applicable
  --max-age DAYS        the round's date is at most DAYS days before today
  --max-overdue N       at most N of the round's actions (actions: in the
                        file, see cop plan) are past their due date and
                        neither done nor dropped
  --baseline FILE       no score fell since the earlier round in FILE by
                        more than --max-drop N (default 0): the overall
                        score and each dimension's

--warn RULE (repeatable, or warn: [RULE, ...] in the policy file) makes a
rule only warn: when it is not met it is reported as a warning (a
::warning annotation; in JUnit, a test that passed with the warning in its
output) and the check still passes. RULE is a rule's name as above without
the dashes in front, or min for every dimension's minimum.

Scores are compared rounded to 2 decimals, as the report shows them; a
boundary value passes (2.00 meets a minimum of 2, an age of exactly DAYS
passes). A dimension that is not applicable is skipped. A policy file may
also set a target per dimension: targets are reported (the gap, the percent
to target and, with a baseline, the progress since), never enforced.

A directory stands for the assessment files below it, read as cop compare
and cop merge read it: drafts (*.draft.yaml) and other YAML are skipped and
counted, a file with an assessment's fields but no kind: line is reported,
a link to a file is read like the file. Formats: table (a
line per rule), json, junit (a test case per rule), github (workflow
annotations, and a Markdown summary appended to $GITHUB_STEP_SUMMARY when it
is set). COP_NOW=YYYY-MM-DD sets today's date for --max-age.` + options.ExitStatus(true, false),
		Example: `  cop check --policy .cop-policy.yaml assessments/2026-11-22.yaml
  cop check --min-overall 2 --min-level maturing --max-age 365 assessment.yaml
  cop check --baseline old.yaml --max-drop 0.25 new.yaml
  cop check -f junit -o cop-junit.xml assessment.yaml
  cop check -f github assessment.yaml`,
		Args:              options.MinArgs(1, "at least one assessment FILE"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if opts.NoPolicy && opts.Policy != "" {
				return exitcode.Usage(errors.New("--policy and --no-policy cannot be used together"))
			}
			var err error
			if opts.Overrides, opts.Flags, err = overrides(cmd, &rf); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, render.CheckFormats, options.Table)
	options.Output(cmd, &opts.Output)
	options.Framework(cmd, &opts.Framework)
	fl := cmd.Flags()
	fl.StringVar(&opts.Policy, "policy", "", "read the rules from the policy `FILE` (default "+DefaultPolicy+" when present)")
	_ = cmd.MarkFlagFilename("policy", "yaml", "yml")
	fl.BoolVar(&opts.NoPolicy, "no-policy", false, "ignore "+DefaultPolicy+"; use only the rule flags")
	fl.Float64Var(&rf.minOverall, "min-overall", 0, "fail when the overall score is below `N`")
	fl.StringArrayVar(&rf.min, "min", nil, "fail when dimension DIM scores below N (`DIM=N`, repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("min", options.DimensionMinimums)
	fl.StringVar(&rf.minLevel, "min-level", "", "fail when the overall level is below the level `ID`")
	_ = cmd.RegisterFlagCompletionFunc("min-level", options.LevelIDs)
	fl.Float64Var(&rf.minCoverage, "min-coverage", 0, "fail when the overall coverage is below `F` (0 to 1)")
	fl.Float64Var(&rf.minResponseRate, "min-response-rate", 0, "fail when fewer than `F` (0 to 1) of the invited members answered")
	fl.BoolVar(&rf.requireComplete, "require-complete", false, "fail when an indicator is neither rated nor not applicable")
	fl.IntVar(&rf.maxAge, "max-age", 0, "fail when the round is more than `DAYS` days old")
	fl.IntVar(&rf.maxOverdue, "max-overdue", 0, "fail when more than `N` actions are overdue")
	fl.StringVar(&rf.baseline, "baseline", "", "compare with the earlier assessment in `FILE`")
	_ = cmd.MarkFlagFilename("baseline", "yaml", "yml")
	fl.Float64Var(&rf.maxDrop, "max-drop", 0, "with a baseline, fail when a score fell by more than `N`")
	fl.StringArrayVar(&rf.warn, "warn", nil, "make the rule `RULE` only warn, never fail (repeatable)")
	return cmd
}

// overrides turns the rule flags that were given into a policy to lay over
// the file's, checking what can be checked without a framework.
func overrides(cmd *cobra.Command, rf *ruleFlags) (*model.Policy, []string, error) {
	p := &model.Policy{}
	var names []string
	changed := func(name string) bool {
		if !cmd.Flags().Changed(name) {
			return false
		}
		names = append(names, "--"+name)
		return true
	}
	origin := func(name, value string) model.Origin { return model.Origin{Flag: "--" + name + " " + value} }
	var bad error
	number := func(name string, v float64) *model.Number {
		if !finite(v) && bad == nil {
			bad = exitcode.Usage(fmt.Errorf("--%s: expected a number, got %s", name, model.FormatNumber(v)))
		}
		return &model.Number{Value: v, Origin: origin(name, model.FormatNumber(v))}
	}
	if changed("min-overall") {
		p.MinOverall = number("min-overall", rf.minOverall)
	}
	if changed("min-level") {
		if !load.IsID(rf.minLevel) {
			return nil, nil, exitcode.Usage(fmt.Errorf("--min-level %q is not a level id (letters, digits, '-', '_' or '.')", rf.minLevel))
		}
		p.MinLevel = &model.Text{Value: rf.minLevel, Origin: origin("min-level", rf.minLevel)}
	}
	if changed("min-coverage") {
		if msg := load.CoverageProblem(rf.minCoverage); msg != "" {
			return nil, nil, exitcode.Usage(fmt.Errorf("--min-coverage %s", msg))
		}
		p.MinCoverage = number("min-coverage", rf.minCoverage)
	}
	if changed("min-response-rate") {
		if msg := load.CoverageProblem(rf.minResponseRate); msg != "" {
			return nil, nil, exitcode.Usage(fmt.Errorf("--min-response-rate %s", msg))
		}
		p.MinResponseRate = number("min-response-rate", rf.minResponseRate)
	}
	if changed("max-age") {
		if msg := load.DaysProblem(float64(rf.maxAge)); msg != "" {
			return nil, nil, exitcode.Usage(fmt.Errorf("--max-age %s", msg))
		}
		p.MaxAge = number("max-age", float64(rf.maxAge))
	}
	if changed("max-overdue") {
		if msg := load.CountProblem(float64(rf.maxOverdue)); msg != "" {
			return nil, nil, exitcode.Usage(fmt.Errorf("--max-overdue %s", msg))
		}
		p.MaxOverdue = number("max-overdue", float64(rf.maxOverdue))
	}
	if changed("require-complete") {
		p.RequireComplete = rf.requireComplete
	}
	if changed("baseline") {
		if rf.baseline == "" {
			return nil, nil, exitcode.Usage(errors.New("--baseline needs a FILE"))
		}
		p.Baseline = &model.Text{Value: rf.baseline, Origin: origin("baseline", rf.baseline)}
	}
	if changed("max-drop") {
		if msg := load.DropProblem(rf.maxDrop); msg != "" {
			return nil, nil, exitcode.Usage(fmt.Errorf("--max-drop %s", msg))
		}
		p.MaxDrop = number("max-drop", rf.maxDrop)
	}
	if changed("min") {
		for _, s := range rf.min {
			id, v, err := parseMin(s)
			if err != nil {
				return nil, nil, err
			}
			if p.Dimension(id) != nil {
				return nil, nil, exitcode.Usage(fmt.Errorf("--min %s: dimension %s is given twice", s, id))
			}
			p.SetDimension(id, model.Origin{Flag: "--min " + s}).Min = &model.Number{Value: v, Origin: model.Origin{Flag: "--min " + s}}
		}
	}
	if changed("warn") {
		for _, r := range rf.warn {
			if msg := load.WarnRuleProblem(r); msg != "" {
				return nil, nil, exitcode.Usage(fmt.Errorf("--warn %s", msg))
			}
			p.Warn = append(p.Warn, model.Text{Value: r, Origin: origin("warn", r)})
		}
	}
	if bad != nil {
		return nil, nil, bad
	}
	return p, names, nil
}

// finite refuses NaN and infinities, which flag parsing accepts as numbers
// but no comparison can use.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// parseMin reads DIM=N.
func parseMin(s string) (string, float64, error) {
	id, num, ok := strings.Cut(s, "=")
	if !ok {
		return "", 0, exitcode.Usage(fmt.Errorf("--min %q: expected DIM=N, a dimension id and its lowest score, such as --min DIM=2.5", s))
	}
	id = strings.TrimSpace(id)
	if !load.IsID(id) {
		return "", 0, exitcode.Usage(fmt.Errorf("--min %q: %q is not a dimension id (letters, digits, '-', '_' or '.')", s, id))
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !finite(v) {
		return "", 0, exitcode.Usage(fmt.Errorf("--min %q: %q is not a number", s, num))
	}
	return id, v, nil
}

// policy reads the policy file (the one named, or the default one when
// present) and lays the flags over it.
func policy(opts *Options) (*model.Policy, error) {
	path := opts.Policy
	if path == "" && !opts.NoPolicy {
		if st, err := os.Stat(DefaultPolicy); err == nil && !st.IsDir() {
			path = DefaultPolicy
		}
	}
	p := &model.Policy{}
	if path != "" {
		var err error
		if p, err = load.PolicyFile(path); err != nil {
			return nil, err
		}
	}
	o := opts.Overrides
	if o == nil {
		o = &model.Policy{}
	}
	if o.MinOverall != nil {
		p.MinOverall = o.MinOverall
	}
	if o.MinLevel != nil {
		p.MinLevel = o.MinLevel
	}
	if o.MinCoverage != nil {
		p.MinCoverage = o.MinCoverage
	}
	if o.MinResponseRate != nil {
		p.MinResponseRate = o.MinResponseRate
	}
	if o.MaxAge != nil {
		p.MaxAge = o.MaxAge
	}
	if o.MaxOverdue != nil {
		p.MaxOverdue = o.MaxOverdue
	}
	if slices.Contains(opts.Flags, "--require-complete") {
		p.RequireComplete = o.RequireComplete
	}
	if o.Baseline != nil {
		p.Baseline = o.Baseline
	}
	if o.MaxDrop != nil {
		p.MaxDrop = o.MaxDrop
	}
	for _, r := range o.Dimensions {
		p.SetDimension(r.ID, r.Origin).Min = r.Min
	}
	for _, w := range o.Warn {
		if !p.WarnOnly(w.Value) {
			p.Warn = append(p.Warn, w)
		}
	}
	if p.MaxDrop != nil && p.MaxDrop.Origin.Flag != "" && p.Baseline == nil {
		return nil, exitcode.Usage(errors.New("--max-drop needs a baseline to compare with: --baseline FILE, or baseline: in the policy file"))
	}
	if p.Empty() {
		return nil, exitcode.Usage(fmt.Errorf("no rules to check: give a policy file (--policy FILE, or %s in this folder) or rules such as --min-overall 2 (see cop check --help)", DefaultPolicy))
	}
	return p, nil
}

// loaded is one assessment file read for checking.
type loaded struct {
	path     string
	round    *gate.Round
	problems load.Problems
	warnings load.Problems
}

func checkRun(opts *Options) error {
	pol, err := policy(opts)
	if err != nil {
		return err
	}
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	files, skipped, err := load.ReadEach(context.Background(), opts.Files, opts.IO.In, []string{model.AssessmentKind},
		func(in load.Input) loaded { return read(in, cat) })
	if err != nil {
		return err
	}
	if msg := skipped.Message(model.AssessmentKind); msg != "" {
		inert.Fprintln(opts.IO.ErrOut, msg)
	}
	if len(files) == 0 {
		return exitcode.Usage(errors.New("no assessment files found in " + strings.Join(opts.Files, ", ")))
	}

	// The policy must fit every framework it is applied to before anything
	// is checked: a rule that cannot apply is a mistake in the policy, not a
	// failed check.
	var fws []*model.Framework
	for _, f := range files {
		if f.round != nil {
			fws = append(fws, f.round.Result.Framework)
		}
	}
	if err := load.FitPolicyAll(pol, fws); err != nil {
		for _, p := range load.ProblemsOf(err) {
			inert.Fprintln(opts.IO.ErrOut, p.Error())
		}
		return exitcode.Silent(exitcode.Invalid)
	}

	var baseline *gate.Round
	if pol.Baseline != nil {
		if pol.Baseline.Value == "-" && slices.Contains(opts.Files, "-") {
			return exitcode.Usage(errors.New("standard input (-) can be the baseline or a FILE, not both"))
		}
		if baseline, err = readBaseline(opts, pol.Baseline.Value, cat, files); err != nil {
			return err
		}
	}

	rep := &render.CheckReport{Policy: pol.Path, Flags: opts.Flags, Baseline: baseline}
	if opts.Output == "" || opts.Output == "-" {
		rep.Style.Color = opts.IO.ColorEnabled()
		rep.Style.Width = opts.IO.TerminalWidth()
	}
	now := opts.Now()
	for _, f := range files {
		cf := render.CheckFile{Path: f.path, Problems: f.problems, Warnings: f.warnings}
		for _, p := range f.problems {
			inert.Fprintln(opts.IO.ErrOut, p.Error())
		}
		for _, w := range f.warnings {
			inert.Fprintln(opts.IO.ErrOut, "warning: "+w.Error())
		}
		if f.round != nil {
			cf.Result = gate.Evaluate(pol, gate.Input{Round: *f.round, Baseline: baseline, Now: now})
		}
		rep.Files = append(rep.Files, cf)
	}

	if err := cat.Unused(); err != nil {
		return err
	}
	write := render.CheckText
	switch opts.Format {
	case "json":
		write = render.CheckJSON
	case "junit":
		write = render.CheckJUnit
	case "github":
		write = render.CheckGitHub
	}
	err = opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == options.Table {
			// text for people: a file named "::warning::x" must not
			// become a CI annotation (package inert)
			return inert.Lines(w, func(w io.Writer) error { return write(w, rep) })
		}
		return write(w, rep)
	})
	if err != nil {
		return err
	}
	if opts.Format == "github" {
		if err := appendStepSummary(opts.IO.Getenv("GITHUB_STEP_SUMMARY"), rep); err != nil {
			return err
		}
	}
	c := rep.Counts()
	switch {
	case c.FilesInvalid > 0:
		return exitcode.Silent(exitcode.Invalid)
	case c.FilesFailed > 0:
		return exitcode.Silent(exitcode.Failed)
	}
	return nil
}

// read loads one assessment file the folder rule gave.
func read(in load.Input, cat *catalog.Catalog) (f loaded) {
	f.path = in.Name
	err := in.Err
	var l *load.Loaded
	if err == nil {
		l, err = cat.Assessment(in.Doc)
	}
	if err != nil {
		f.problems = load.ProblemsOf(err)
		return f
	}
	f.warnings = l.Warnings
	f.round = &gate.Round{Assessment: l.Assessment, Result: score.Compute(l.Framework, l.Assessment)}
	return f
}

// readBaseline loads the baseline, which must be on the framework of every
// file it is compared with; another community is worth a warning.
func readBaseline(opts *Options, path string, cat *catalog.Catalog, files []loaded) (*gate.Round, error) {
	doc, err := load.ParseInput(path, opts.IO.In)
	if err != nil {
		return nil, err
	}
	l, err := cat.Assessment(doc)
	if err != nil {
		return nil, err
	}
	for _, w := range l.Warnings {
		inert.Fprintln(opts.IO.ErrOut, "warning: "+w.Error())
	}
	b := &gate.Round{Assessment: l.Assessment, Result: score.Compute(l.Framework, l.Assessment)}
	for _, f := range files {
		if f.round == nil {
			continue
		}
		a := f.round.Assessment
		if id := f.round.Result.Framework.ID; id != l.Framework.ID {
			return nil, exitcode.Usage(fmt.Errorf("baseline %s uses framework %s, but %s uses %s: their scores cannot be compared",
				path, l.Framework.ID, f.path, id))
		}
		if a.Community != l.Assessment.Community {
			inert.Fprintf(opts.IO.ErrOut, "warning: baseline %s is of %q, %s of %q\n", path, render.OneLine(l.Assessment.Community), f.path, render.OneLine(a.Community))
		}
	}
	return b, nil
}

// appendStepSummary adds the Markdown summary to the job summary of a
// GitHub Actions run: appended, never truncated, since earlier steps write
// there too.
func appendStepSummary(path string, rep *render.CheckReport) error {
	if path == "" {
		return nil
	}
	var b bytes.Buffer
	if err := render.CheckMarkdown(&b, rep); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: cannot write %s: %w", path, err)
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("GITHUB_STEP_SUMMARY: cannot write %s: %w", path, err)
	}
	return f.Close()
}
