// Package validate implements cop validate: check assessment and framework
// files without scoring them.
package validate

import (
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

A directory stands for every .yaml and .yml file below it; files found that
way that are not cop files (no kind: cop-...) are skipped.
Every problem in a file is listed on standard error as file:line:col. A
framework version other than the one an assessment was made with is a
warning, not a problem.` + options.ExitStatus(false, false),
		Example: `  cop validate examples/
  cop validate my-framework.yaml assessment.yaml .cop-policy.yaml
  cop validate -f json assessment.yaml`,
		Args:              options.MinArgs(1, "at least one FILE or directory"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := options.CheckFormat(opts.Format, Formats); err != nil {
				return err
			}
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
	File     string    `json:"file"`
	Kind     string    `json:"kind"`
	Valid    bool      `json:"valid"`
	Summary  string    `json:"summary,omitempty"`
	Problems []Problem `json:"problems"`
	Warnings []Problem `json:"warnings"`
}

// Problem is a problem or warning at a place in a file.
type Problem struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func validateRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	results, skipped, err := load.ReadEach(opts.Files, func(a load.Arg) (FileResult, bool) { return Check(a, opts.IO.In, cat) })
	if err != nil {
		return err
	}
	if results == nil {
		results = []FileResult{}
	}
	invalid := 0
	for _, r := range results {
		if !r.Valid {
			invalid++
		}
		if opts.Format == options.Table {
			for _, p := range r.Problems {
				inert.Fprintln(opts.IO.ErrOut, inert.Line(where(r.File, p)+p.Message))
			}
			for _, p := range r.Warnings {
				inert.Fprintln(opts.IO.ErrOut, "warning: "+inert.Line(where(r.File, p)+p.Message))
			}
		}
	}
	err = opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == "json" {
			return render.JSON(w, results)
		}
		for _, r := range results {
			if r.Valid {
				fmt.Fprintf(w, "%s: ok: %s\n", inert.Line(r.File), inert.Line(r.Summary))
			} else {
				fmt.Fprintf(w, "%s: invalid: %s\n", inert.Line(r.File), render.Plural(len(r.Problems), "problem"))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if skipped > 0 {
		inert.Fprintf(opts.IO.ErrOut, "skipped %s without kind: cop-...\n", render.Plural(skipped, "YAML file"))
	}
	if len(results) == 0 {
		return exitcode.Usage(errors.New("no cop files found in " + strings.Join(opts.Files, ", ")))
	}
	if invalid > 0 {
		return exitcode.Silent(exitcode.Invalid)
	}
	return nil
}

// Check validates one file. skip is set for a file found in a directory that
// turns out not to be a cop file.
func Check(a load.Arg, stdin io.Reader, cat *catalog.Catalog) (r FileResult, skip bool) {
	r = FileResult{File: a.Path, Problems: []Problem{}, Warnings: []Problem{}}
	var doc *load.Document
	var err error
	if a.Path == "-" {
		r.File = load.StdinName
		var data []byte
		if data, err = load.ReadAll(load.StdinName, stdin); err == nil {
			doc, err = load.ParseBytes(load.StdinName, data)
		}
	} else {
		doc, err = load.ParseFile(a.Path)
	}
	if err != nil {
		r.Problems = problems(err)
		return r, false
	}
	r.Kind = doc.Kind()
	if a.Found && !load.IsCopKind(r.Kind) {
		return r, true
	}
	switch r.Kind {
	case model.FrameworkKind:
		fw, err := load.Framework(doc)
		if err != nil {
			r.Problems = problems(err)
			return r, false
		}
		r.Summary = fmt.Sprintf("framework %s %s: %s, %s, a %d-point scale, %s",
			fw.ID, fw.Version, render.Plural(len(fw.Dimensions), "dimension"), render.Plural(fw.IndicatorCount(), "indicator"),
			len(fw.Scale), render.Plural(len(fw.Levels), "level"))
	case model.AssessmentKind:
		loaded, err := load.Assessment(doc, cat.Resolve)
		if err != nil {
			r.Problems = problems(err)
			return r, false
		}
		for _, w := range loaded.Warnings {
			r.Warnings = append(r.Warnings, Problem{Line: w.Line, Column: w.Col, Message: w.Msg})
		}
		a, fw := loaded.Assessment, loaded.Framework
		res := score.Compute(fw, a)
		r.Summary = fmt.Sprintf("assessment of %s, %s: %s, %d of %d indicators rated (%s %s)",
			render.OneLine(a.Community), a.Date.Format(model.DateLayout), render.Plural(len(a.Responses), "response"),
			res.Overall.Rated, res.Overall.Total, fw.ID, fw.Version)
	case model.PolicyKind:
		summary, err := policySummary(doc, cat)
		if err != nil {
			r.Problems = problems(err)
			return r, false
		}
		r.Summary = summary
	default:
		msg := "not a cop file: no kind: key (expected kind: cop-assessment, cop-framework or cop-policy)"
		if r.Kind != "" {
			msg = fmt.Sprintf("unknown kind %q (expected cop-assessment, cop-framework or cop-policy)", r.Kind)
		}
		r.Problems = []Problem{{Line: doc.Root.Line, Column: doc.Root.Column, Message: msg}}
		return r, false
	}
	r.Valid = true
	return r, false
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

func problems(err error) []Problem {
	var out []Problem
	for _, p := range load.ProblemsOf(err) {
		out = append(out, Problem{Line: p.Line, Column: p.Col, Message: p.Msg})
	}
	return out
}

func where(file string, p Problem) string {
	s := file
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Column > 0 {
			s += fmt.Sprintf(":%d", p.Column)
		}
	}
	return s + ": "
}
