// Package validate implements cop validate: check assessment and framework
// files without scoring them.
package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

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

// Formats are the formats cop validate writes.
var Formats = []string{options.Table, "json"}

// Options holds the flags and dependencies of cop validate.
type Options struct {
	IO          *iostreams.IOStreams
	WriteOutput func(path string, write func(io.Writer) error) error

	Files     []string
	Framework string
	Format    string
	Output    string
}

// NewCmdValidate builds cop validate.
func NewCmdValidate(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check assessment, framework and policy files",
		Long: `Check assessment, framework and policy files, and print a summary line for
each.

The kind of each file comes from its kind: key (cop-assessment,
cop-framework or cop-policy). A policy that names its framework is checked
against it (dimension and level ids, the scale); one that does not is
checked against each assessment's framework when cop check runs.

A directory stands for every .yaml and .yml file below it (a link to a file
is read like the file); drafts (*.draft.yaml) and files that are not cop
files are skipped and counted, but one without a kind: line that has the
fields of a cop file is reported. Every problem in a file is listed on
standard error as file:line:col. A framework version other than the one an
assessment was made with is a warning, not a problem.` + options.ExitStatus(false, false),
		Example: `  cop validate examples/
  cop validate my-framework.yaml assessment.yaml .cop-policy.yaml
  cop validate -f json assessment.yaml`,
		Args:              options.MinArgs(1, "at least one FILE or directory"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, Formats, options.Table)
	options.Output(cmd, &opts.Output)
	options.Framework(cmd, &opts.Framework)
	return cmd
}

// FileResult is the outcome for one file; it is also the JSON shape.
type FileResult struct {
	File     string              `json:"file"`
	Kind     string              `json:"kind"`
	Valid    bool                `json:"valid"`
	Summary  string              `json:"summary,omitempty"`
	Problems []render.ProblemDoc `json:"problems"`
	Warnings []render.ProblemDoc `json:"warnings"`
}

// kinds are the files cop validate reads in a folder.
var kinds = []string{model.AssessmentKind, model.FrameworkKind, model.PolicyKind}

func validateRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	results, skipped, err := load.ReadEach(context.Background(), opts.Files, opts.IO.In, kinds,
		func(in load.Input) FileResult { return Check(in, cat) })
	if err != nil {
		return err
	}
	if results == nil {
		results = []FileResult{}
	}
	// A framework file validated is an input that names its id.
	if err := cat.Unused(); err != nil {
		return err
	}
	invalid := 0
	for _, r := range results {
		if !r.Valid {
			invalid++
		}
		if opts.Format == options.Table {
			for _, p := range r.Problems {
				inert.Fprintln(opts.IO.ErrOut, p.Error())
			}
			for _, p := range r.Warnings {
				inert.Fprintln(opts.IO.ErrOut, "warning: "+p.Error())
			}
		}
	}
	err = opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == "json" {
			return render.JSON(w, results)
		}
		// text for people: a file named "::warning::x" must not become a
		// CI annotation
		return inert.Lines(w, func(w io.Writer) error {
			for _, r := range results {
				if r.Valid {
					fmt.Fprintf(w, "%s: ok: %s\n", inert.Line(r.File), inert.Line(r.Summary))
				} else {
					fmt.Fprintf(w, "%s: invalid: %s\n", inert.Line(r.File), render.Plural(len(r.Problems), "problem"))
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if msg := skipped.Message("cop-..."); msg != "" {
		inert.Fprintln(opts.IO.ErrOut, msg)
	}
	if len(results) == 0 {
		return exitcode.Usage(errors.New("no cop files found in " + strings.Join(opts.Files, ", ")))
	}
	if invalid > 0 {
		return exitcode.Silent(exitcode.Invalid)
	}
	return nil
}

// Check validates one file the folder rule gave.
func Check(in load.Input, cat *catalog.Catalog) FileResult {
	r := FileResult{File: in.Name, Problems: []render.ProblemDoc{}, Warnings: []render.ProblemDoc{}}
	if in.Err != nil {
		r.Problems = render.ProblemDocs(in.Name, load.ProblemsOf(in.Err))
		return r
	}
	doc := in.Doc
	r.Kind = doc.Kind()
	kind := r.Kind
	if kind == "" {
		// A file without its kind: line but with the fields of a kind is
		// read as that kind, so that it draws the same message it draws
		// from every other command.
		for _, k := range kinds {
			if doc.LooksLike(k) {
				kind = k
				break
			}
		}
	}
	switch kind {
	case model.FrameworkKind:
		fw, err := load.Framework(doc)
		if err != nil {
			r.Problems = render.ProblemDocs(in.Name, load.ProblemsOf(err))
			return r
		}
		cat.Named(fw.ID)
		r.Summary = fmt.Sprintf("framework %s %s: %s, %s, a %d-point scale, %s",
			fw.ID, fw.Version, render.Plural(len(fw.Dimensions), "dimension"), render.Plural(fw.IndicatorCount(), "indicator"),
			len(fw.Scale), render.Plural(len(fw.Levels), "level"))
	case model.AssessmentKind:
		loaded, err := cat.Assessment(doc)
		if err != nil {
			r.Problems = render.ProblemDocs(in.Name, load.ProblemsOf(err))
			return r
		}
		r.Warnings = render.ProblemDocs(in.Name, loaded.Warnings)
		a, fw := loaded.Assessment, loaded.Framework
		res := score.Compute(fw, a)
		r.Summary = fmt.Sprintf("assessment of %s, %s: %s, %d of %d indicators rated (%s %s)",
			render.OneLine(a.Community), a.Date.Format(model.DateLayout), render.Plural(len(a.Responses), "response"),
			res.Overall.Rated, res.Overall.Total, fw.ID, fw.Version)
	case model.PolicyKind:
		summary, err := policySummary(doc, cat)
		if err != nil {
			r.Problems = render.ProblemDocs(in.Name, load.ProblemsOf(err))
			return r
		}
		r.Summary = summary
	default:
		msg := "not a cop file: no kind: key (expected kind: cop-assessment, cop-framework or cop-policy)"
		if r.Kind != "" {
			msg = fmt.Sprintf("unknown kind %q (expected cop-assessment, cop-framework or cop-policy)", r.Kind)
		}
		r.Problems = []render.ProblemDoc{{File: in.Name, Line: doc.Root.Line, Column: doc.Root.Column, Message: msg}}
		return r
	}
	r.Valid = true
	return r
}

// policySummary loads a policy and, when it names its framework, checks it
// against that framework.
func policySummary(doc *load.Document, cat *catalog.Catalog) (string, error) {
	p, err := load.Policy(doc)
	if err != nil {
		return "", err
	}
	rules := 0
	for _, set := range []bool{p.MinOverall != nil, p.MinLevel != nil, p.MinCoverage != nil, p.MinResponseRate != nil,
		p.MaxAge != nil, p.RequireComplete, p.Baseline != nil} {
		if set {
			rules++
		}
	}
	mins, targets := 0, 0
	for _, d := range p.Dimensions {
		if d.Min != nil {
			mins++
		}
		if d.Target != nil {
			targets++
		}
	}
	summary := fmt.Sprintf("policy: %s, %s, %s", render.Plural(rules, "overall rule"),
		render.Plural(mins, "dimension minimum"), render.Plural(targets, "target"))
	if p.Framework == nil {
		return summary + " (names no framework: its ids are checked against each assessment's by cop check)", nil
	}
	fw, err := cat.Resolve(p.Framework.Value)
	if err != nil {
		return "", &load.Problem{File: doc.Name, Line: p.Framework.Pos.Line, Col: p.Framework.Pos.Col, Msg: err.Error()}
	}
	if err := load.FitPolicy(p, fw); err != nil {
		return "", err
	}
	return summary + fmt.Sprintf(" (%s %s)", fw.ID, fw.Version), nil
}
