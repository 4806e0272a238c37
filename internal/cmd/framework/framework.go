// Package framework implements cop framework: list the embedded frameworks,
// show one as a readable tree, lint a framework file, export one to edit.
package framework

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/cmd/validate"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/spf13/cobra"
)

// NewCmdFramework builds cop framework and its subcommands.
func NewCmdFramework(f *factory.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "framework",
		Short: "List, show, lint and export frameworks",
		Long: `A framework is the questionnaire behind every assessment: a rating scale,
maturity levels, and dimensions made of indicators, each with a statement of
what good looks like and guidance for when it scores low. Frameworks are YAML
files; cop embeds two and reads your own with --framework FILE.` + options.ExitStatus(false, false),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return exitcode.Usage(fmt.Errorf("unknown command %q for %s (expected list, show, lint or export)", args[0], cmd.CommandPath()))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdList(f), newCmdShow(f), newCmdLint(f), newCmdExport(f))
	return cmd
}

// idCompletion completes framework ids from the embedded ones.
func idCompletion(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cat, err := catalog.New("")
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return cat.EmbeddedIDs(), cobra.ShellCompDirectiveNoFileComp
}

// pick returns the framework named by id (or the default: the --framework
// file if given, else the embedded default).
func pick(cat *catalog.Catalog, args []string) (*model.Framework, error) {
	if len(args) == 0 {
		return cat.Default()
	}
	fw, err := cat.Resolve(args[0])
	if err != nil {
		return nil, exitcode.Usage(err)
	}
	return fw, nil
}

// outputWidth is the width to lay output out for: the terminal's when it
// goes to standard output, else render's default (0).
func outputWidth(ios *iostreams.IOStreams, output string) int {
	if output == "" || output == "-" {
		return ios.TerminalWidth()
	}
	return 0
}

// ---- list

type listOptions struct {
	IO          *iostreams.IOStreams
	WriteOutput func(string, func(io.Writer) error) error
	Framework   string
	Format      string
	Output      string
}

var listFormats = []string{"table", "json"}

func newCmdList(f *factory.Factory) *cobra.Command {
	opts := &listOptions{IO: f.IO, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the embedded frameworks (and the one given with --framework)",
		Long: `List the frameworks cop knows: the embedded ones and, with --framework FILE,
your own.` + options.ExitStatus(false, false),
		Args: options.ExactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return listRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, listFormats, options.Table)
	options.Output(cmd, &opts.Output)
	options.FrameworkFile(cmd, &opts.Framework, "also list the framework in `FILE`")
	return cmd
}

type listEntry struct {
	ID         string `json:"id"`
	Version    string `json:"version"`
	Title      string `json:"title"`
	Dimensions int    `json:"dimensions"`
	Indicators int    `json:"indicators"`
	Source     string `json:"source"`
	Default    bool   `json:"default"`
}

func listRun(opts *listOptions) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	def, err := cat.Default()
	if err != nil {
		return err
	}
	var fws []*model.Framework
	if u := cat.User(); u != nil {
		fws = append(fws, u)
	}
	for _, id := range cat.EmbeddedIDs() {
		fw, err := cat.Embedded(id)
		if err != nil {
			return err
		}
		fws = append(fws, fw)
	}
	entries := []listEntry{}
	for _, fw := range fws {
		entries = append(entries, listEntry{fw.ID, fw.Version, fw.Title, len(fw.Dimensions), fw.IndicatorCount(), fw.Source, fw == def})
	}
	return opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if opts.Format == "json" {
			return render.JSON(w, entries)
		}
		t := render.Table{
			Header:   []string{"ID", "Version", "Title", "Dimensions", "Indicators", "Source"},
			Align:    []render.Align{render.Left, render.Left, render.Left, render.Right, render.Right, render.Left},
			MaxWidth: outputWidth(opts.IO, opts.Output),
		}
		for _, e := range entries {
			id := e.ID
			if e.Default {
				id += " (default)"
			}
			// "embedded" rather than "embedded:cop-health.yaml" keeps the
			// table within 80 columns; -f json has the file name.
			source := e.Source
			if strings.HasPrefix(source, "embedded:") {
				source = "embedded"
			}
			t.Rows = append(t.Rows, []string{id, e.Version, render.OneLine(e.Title), fmt.Sprint(e.Dimensions), fmt.Sprint(e.Indicators), render.OneLine(source)})
		}
		return t.WritePlain(w)
	})
}

// ---- show

type showOptions struct {
	IO          *iostreams.IOStreams
	WriteOutput func(string, func(io.Writer) error) error
	Args        []string
	Framework   string
	Format      string
	Output      string
	Guidance    bool
}

var showFormats = []string{options.Table, "markdown", "json"}

func newCmdShow(f *factory.Factory) *cobra.Command {
	opts := &showOptions{IO: f.IO, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "show [ID]",
		Short: "Show a framework as a readable tree",
		Long: `Show a framework as a readable tree: its scale, levels, dimensions and
indicators with their statements, and with --guidance what to try when an
indicator scores low. Without ID: the --framework file if given, else the
default framework.` + options.ExitStatus(false, false),
		Example: `  cop framework show
  cop framework show cop-fitness --guidance
  cop framework show --framework my-framework.yaml -f json`,
		Args:              options.MaxArgs(1, "one framework ID"),
		ValidArgsFunction: idCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return showRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, showFormats, options.Table)
	options.Output(cmd, &opts.Output)
	options.FrameworkFile(cmd, &opts.Framework, "show the framework in `FILE` (when no ID is given)")
	cmd.Flags().BoolVar(&opts.Guidance, "guidance", false, "include each indicator's guidance")
	return cmd
}

func showRun(opts *showOptions) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	fw, err := pick(cat, opts.Args)
	if err != nil {
		return err
	}
	return opts.WriteOutput(opts.Output, func(w io.Writer) error {
		switch opts.Format {
		case "json":
			return render.JSON(w, render.NewFrameworkDoc(fw))
		case "markdown":
			return render.FrameworkMarkdown(w, fw, opts.Guidance)
		}
		// text for people: a title "::error::x" must not become a CI
		// annotation (package inert)
		return inert.Lines(w, func(w io.Writer) error {
			return render.FrameworkText(w, fw, opts.Guidance, outputWidth(opts.IO, opts.Output))
		})
	})
}

// ---- lint

type lintOptions struct {
	IO          *iostreams.IOStreams
	WriteOutput func(string, func(io.Writer) error) error
	Files       []string
	Format      string
	Output      string
}

var lintFormats = []string{options.Table, "json"}

func newCmdLint(f *factory.Factory) *cobra.Command {
	opts := &lintOptions{IO: f.IO, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "lint [FILE...]",
		Short: "Check framework files (or, with no FILE, the embedded ones)",
		Long: `Check framework files: every problem is listed as file:line:col, such as
duplicate ids, scale values or level mins that do not increase, a first level
that does not start at the bottom of the scale, a weight of 0 or less, a
dimension without indicators, an unknown key or a missing title. Advice that
does not make a framework invalid (an indicator without a title, two scale
answers with the same label) is printed as a warning.

With no FILE, the embedded frameworks are checked. The table format prints a
line per file and the problems on standard error; json holds both, in the
shape cop validate -f json writes.` + options.ExitStatus(false, false),
		Example: `  cop framework export -o my-framework.yaml
  $EDITOR my-framework.yaml
  cop framework lint my-framework.yaml`,
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return lintRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, lintFormats, options.Table)
	options.Output(cmd, &opts.Output)
	return cmd
}

func lintRun(opts *lintOptions) error {
	type input struct {
		name string
		data []byte
		err  error
	}
	var inputs []input
	if len(opts.Files) == 0 {
		names, err := fs.Glob(framework.FS, "*.yaml")
		if err != nil {
			return err
		}
		for _, n := range names {
			data, err := fs.ReadFile(framework.FS, n)
			if err != nil {
				return err
			}
			inputs = append(inputs, input{name: "embedded:" + n, data: data})
		}
	}
	for _, path := range opts.Files {
		var data []byte
		var err error
		if path == "-" {
			path = load.StdinName
			data, err = load.ReadAll(path, opts.IO.In)
		} else {
			data, err = load.ReadFile(path)
		}
		inputs = append(inputs, input{path, data, err})
	}
	table := opts.Format == options.Table
	results := []validate.FileResult{}
	// counted says whether a file's problems came as a list, which the
	// table counts ("invalid: 3 problems"); one unreadable file is "invalid".
	var counted []bool
	failed := 0
	for _, in := range inputs {
		r := validate.FileResult{File: in.name, Kind: model.FrameworkKind, Problems: []render.ProblemDoc{}, Warnings: []render.ProblemDoc{}}
		err := in.err
		var fw *model.Framework
		if err == nil {
			fw, err = load.FrameworkBytes(in.name, in.data)
		}
		var list load.Problems
		counted = append(counted, errors.As(err, &list))
		if err != nil {
			failed++
			for _, p := range load.ProblemsOf(err) {
				r.Problems = append(r.Problems, render.ProblemDocs(in.name, load.Problems{p})...)
				if table {
					inert.Fprintln(opts.IO.ErrOut, p)
				}
			}
			results = append(results, r)
			continue
		}
		r.Valid = true
		warnings := Advice(fw)
		for _, w := range warnings {
			r.Warnings = append(r.Warnings, render.ProblemDoc{File: in.name, Message: w})
			if table {
				inert.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
			}
		}
		r.Summary = fmt.Sprintf("%s %s, %s, %s", fw.ID, fw.Version,
			render.Plural(len(fw.Dimensions), "dimension"), render.Plural(fw.IndicatorCount(), "indicator"))
		if len(warnings) > 0 {
			r.Summary += ", " + render.Plural(len(warnings), "warning")
		}
		results = append(results, r)
	}
	err := opts.WriteOutput(opts.Output, func(w io.Writer) error {
		if !table {
			return render.JSON(w, results)
		}
		// text for people: a file named "::warning::x" must not become a
		// CI annotation (package inert)
		return inert.Lines(w, func(w io.Writer) error {
			for i, r := range results {
				switch {
				case r.Valid:
					fmt.Fprintf(w, "%s: ok: %s\n", inert.Line(r.File), r.Summary)
				case counted[i]:
					fmt.Fprintf(w, "%s: invalid: %s\n", inert.Line(r.File), render.Plural(len(r.Problems), "problem"))
				default:
					fmt.Fprintf(w, "%s: invalid\n", inert.Line(r.File))
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitcode.Silent(exitcode.Invalid)
	}
	return nil
}

// Advice lists what is allowed in a framework but probably not meant.
func Advice(fw *model.Framework) []string {
	var out []string
	at := func(p model.Pos) string {
		if p.Line == 0 {
			return fw.Source
		}
		return fmt.Sprintf("%s:%d:%d", fw.Source, p.Line, p.Col)
	}
	labels := map[string]bool{}
	for _, s := range fw.Scale {
		key := strings.ToLower(strings.TrimSpace(s.Label))
		if labels[key] {
			out = append(out, fmt.Sprintf("%s: two scale answers are labelled %q; respondents cannot tell them apart", fw.Source, s.Label))
		}
		labels[key] = true
	}
	for _, d := range fw.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Title == ind.ID {
				out = append(out, fmt.Sprintf("%s: indicator %s.%s has no title; its id is shown instead", at(ind.Pos), d.ID, ind.ID))
			}
		}
	}
	return out
}

// ---- export

type exportOptions struct {
	IO     *iostreams.IOStreams
	Args   []string
	Format string
	Output string
	Force  bool
}

// exportFormats: a framework is exported as the YAML cop embeds, comments
// and all; -f yaml is accepted so that -f works on every command.
var exportFormats = []string{"yaml"}

func newCmdExport(f *factory.Factory) *cobra.Command {
	opts := &exportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "export [ID]",
		Short: "Write an embedded framework out as YAML, to customise",
		Long: `Write an embedded framework (the default one without ID) out as YAML, exactly
as cop embeds it, comments included. Edit it (give it your own id, or keep
the id to replace the embedded framework for files that name it), check it
with cop framework lint, and use it with --framework FILE.

With -o FILE an existing file is never replaced unless --force is given.` + options.ExitStatus(false, false),
		Example: `  cop framework export -o my-framework.yaml
  cop framework export cop-fitness > fitness.yaml`,
		Args:              options.MaxArgs(1, "one framework ID"),
		ValidArgsFunction: idCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return exportRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, exportFormats, "yaml")
	options.OutputKeep(cmd, &opts.Output)
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	return cmd
}

func exportRun(opts *exportOptions) error {
	name := framework.Default
	if len(opts.Args) == 1 {
		name = opts.Args[0] + ".yaml"
	}
	data, err := fs.ReadFile(framework.FS, name)
	if err != nil {
		cat, _ := catalog.New("")
		return exitcode.Usage(fmt.Errorf("no embedded framework %q (embedded: %s)", opts.Args[0], strings.Join(cat.EmbeddedIDs(), ", ")))
	}
	write := func(w io.Writer) error { _, err := w.Write(data); return err }
	if opts.Output == "" || opts.Output == "-" {
		return write(opts.IO.Out)
	}
	if err := factory.WriteFile(opts.Output, opts.Force, "pass --force to replace it", write); err != nil {
		return err
	}
	// Said after every file written, replaced with --force or new.
	inert.Fprintf(opts.IO.ErrOut, "wrote %s; check your changes with: cop framework lint %s\n", opts.Output, opts.Output)
	return nil
}
