// Package merge implements cop merge: one assessment round from several
// respondents' files.
package merge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/catalog"
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
	"github.com/spf13/cobra"

	grid "github.com/cophealth/cop/internal/compare"
)

// Options holds the flags and dependencies of cop merge.
type Options struct {
	IO          *iostreams.IOStreams
	WriteOutput func(path string, write func(io.Writer) error) error

	Files     []string
	Framework string
	Format    string
	Output    string
	Anonymize bool
	Force     bool
	// Invited is how many members were asked to answer (--invited); 0
	// when not given.
	Invited int
}

// NewCmdMerge builds cop merge. runF replaces the run function in tests of
// flag parsing.
func NewCmdMerge(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "merge FILE... [--output FILE]",
		Short: "Join several respondents' files into one assessment round",
		Long: `Join several respondents' assessment files into one round: one file with every
response, which validates, reports and compares like any other. Its report
lists the indicators where members disagree.

The files must be one round: the same community (ignoring case and extra
spaces; the merged file spells it as the first file does), the same date, and
the same framework id and version. Any difference is an error that names the
files on each side. The same respondent (ignoring case and extra spaces) in
two files is an error naming both.

Responses are written in the order of the files as given (a directory stands
for its .yaml and .yml files in name order, read as cop check and cop compare
read it: drafts and files that are not assessments are skipped and
counted), and in each file's own order. --anonymize replaces each
respondent's name with "Respondent 1", "Respondent 2" and so on, in that
same order; roles, ratings and notes are kept as typed, so read the notes
before sharing the file: they may name people. Responses without a
respondent (from a page made with cop form --anonymous) are labelled
"Anonymous 1", "Anonymous 2" and so on.

Drafts are never merged: a file that says draft: true, or whose name ends
.draft.yaml (saved part way by cop assess or by the page of cop form). Named
on the command line, a draft is an error; found in a directory, it is
skipped and counted.

The merged file is written atomically to --output FILE (standard output
without it). An existing file is never replaced unless --force is given.

--invited N records how many members were asked to answer, for the response
rate that cop report shows ("5 of 14 invited members answered") and that cop
check can require (--min-response-rate). Without it, the files' own invited:
is kept when they agree.` + options.ExitStatus(false, false),
		Example: `  cop merge ana.yaml ben.yaml chloe.yaml -o round-2026-11.yaml
  cop merge responses/ --anonymize -o round.yaml
  cop merge responses/*.yaml --force -o round.yaml && cop report round.yaml`,
		Args:              options.MinArgs(1, "at least one assessment FILE or directory"),
		ValidArgsFunction: options.YAMLFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if cmd.Flags().Changed("invited") && opts.Invited < 1 {
				return exitcode.Usage(fmt.Errorf("--invited must be 1 or more (how many members were asked to answer), got %d", opts.Invited))
			}
			if runF != nil {
				return runF(opts)
			}
			return mergeRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, Formats, "yaml")
	options.OutputKeep(cmd, &opts.Output)
	options.Framework(cmd, &opts.Framework)
	cmd.Flags().BoolVar(&opts.Anonymize, "anonymize", false, `replace respondents' names with "Respondent 1..N", in the order of the merged file`)
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	cmd.Flags().IntVar(&opts.Invited, "invited", 0, "how many members were asked to answer (`N`), for the response rate in cop report")
	return cmd
}

// Formats: the merged round is an assessment file, in YAML; -f yaml is
// accepted so that -f works on every command.
var Formats = []string{"yaml"}

// Input is one respondents' file to merge.
type Input struct {
	File       string
	Assessment *model.Assessment
}

func mergeRun(opts *Options) error {
	cat, err := catalog.New(opts.Framework)
	if err != nil {
		return err
	}
	type read struct {
		name string
		l    *load.Loaded
		err  error
	}
	files, skipped, err := load.ReadEach(context.Background(), opts.Files, opts.IO.In, []string{model.AssessmentKind},
		func(in load.Input) read {
			if in.Err != nil {
				return read{name: in.Name, err: in.Err}
			}
			l, err := cat.Assessment(in.Doc)
			return read{name: in.Name, l: l, err: err}
		})
	if err != nil {
		return err
	}
	if msg := skipped.Message(model.AssessmentKind); msg != "" {
		inert.Fprintln(opts.IO.ErrOut, msg)
	}
	var inputs []Input
	var fw *model.Framework
	bad, refused := 0, 0
	for _, f := range files {
		if f.err != nil {
			inert.Fprintln(opts.IO.ErrOut, f.err)
			bad++
			continue
		}
		// A draft found in a folder never gets here (the folder rule
		// skips it); one named outright is refused.
		if why := draftWhy(f.name, f.l.Assessment); why != "" {
			inert.Fprintf(opts.IO.ErrOut, "%s is a draft (%s), not a member's finished answers: drafts are not merged. "+
				"Ask the member to finish and save their answers, or merge the file they sent\n", f.name, why)
			refused++
			continue
		}
		for _, w := range f.l.Warnings {
			inert.Fprintf(opts.IO.ErrOut, "warning: %v\n", w)
		}
		inputs = append(inputs, Input{File: f.name, Assessment: f.l.Assessment})
		fw = f.l.Framework
	}
	if err := cat.Unused(); err != nil {
		return err
	}
	if bad > 0 || refused > 0 {
		if bad > 0 {
			inert.Fprintf(opts.IO.ErrOut, "%s could not be read; nothing was written\n", render.Plural(bad, "file"))
		} else {
			inert.Fprintf(opts.IO.ErrOut, "%s named; nothing was written\n", render.Plural(refused, "draft"))
		}
		return exitcode.Silent(exitcode.Invalid)
	}
	if len(inputs) == 0 {
		return exitcode.Usage(errors.New("no assessment files found in " + strings.Join(opts.Files, ", ")))
	}
	if opts.Invited > 0 {
		// --invited sets the round's number, whatever the files said.
		for _, in := range inputs {
			in.Assessment.Invited = 0
		}
	}
	merged, warnings, err := Merge(inputs, opts.Anonymize)
	if err != nil {
		return exitcode.Usage(err)
	}
	if opts.Invited > 0 {
		merged.Invited = opts.Invited
	}
	if merged.Invited > 0 && len(merged.Responses) > merged.Invited {
		warnings = append(warnings, fmt.Sprintf("invited %d, but the round has %s: is the number invited out of date?",
			merged.Invited, render.Plural(len(merged.Responses), "response")))
	}
	for _, w := range warnings {
		inert.Fprintln(opts.IO.ErrOut, "warning: "+w)
	}
	write := func(w io.Writer) error { return encode.Assessment(w, merged, fw) }
	dest := "standard output"
	switch {
	case opts.Output == "" || opts.Output == "-":
		err = opts.WriteOutput("", write)
	default:
		err, dest = factory.WriteFile(opts.Output, opts.Force, "nothing was written (pass --force to replace it)", write), opts.Output
	}
	if err != nil {
		return err
	}
	res := score.Compute(fw, merged)
	msg := fmt.Sprintf("merged %s, %s, into %s", render.Plural(len(inputs), "file"), render.Plural(len(merged.Responses), "response"), dest)
	if n := len(res.Disagreements()); n > 0 && dest != "standard output" {
		msg += fmt.Sprintf("; respondents disagree on %s (see cop report %s)", render.Plural(n, "indicator"), dest)
	}
	inert.Fprintln(opts.IO.ErrOut, msg)
	return nil
}

// Merge joins the responses of several files of one round, in order. The
// files must agree on community (by grid.CommunityKey), date, framework id
// and framework version; the error lists every difference with the files on
// each side. A respondent (by the same key) in two files is an error naming
// both. With anonymize, respondents become "Respondent 1..N" in the merged
// order. Warnings note a community spelled differently in some files.
func Merge(inputs []Input, anonymize bool) (*model.Assessment, []string, error) {
	first := inputs[0].Assessment
	var differ []string
	for _, d := range []struct {
		what string
		key  func(*model.Assessment) string
		show func(*model.Assessment) string
	}{
		{"community", func(a *model.Assessment) string { return grid.CommunityKey(a.Community) },
			func(a *model.Assessment) string { return strconv.Quote(a.Community) }},
		{"date", func(a *model.Assessment) string { return a.Date.Format(model.DateLayout) }, nil},
		{"framework id", func(a *model.Assessment) string { return a.Framework.ID }, nil},
		{"framework version", func(a *model.Assessment) string { return a.Framework.Version }, nil},
	} {
		if s := differences(inputs, d.key, d.show); s != "" {
			differ = append(differ, d.what+": "+s)
		}
	}
	if len(differ) > 0 {
		return nil, nil, errors.New("the files are not one round; they differ in\n  " + strings.Join(differ, "\n  "))
	}
	invited, err := invitedOf(inputs)
	if err != nil {
		return nil, nil, err
	}

	merged := &model.Assessment{Community: first.Community, Date: first.Date, Framework: first.Framework, Invited: invited}
	type where struct {
		file string
		pos  model.Pos
	}
	seen := map[string]where{}
	var twice, warnings []string
	for _, in := range inputs {
		a := in.Assessment
		if strings.TrimSpace(a.Community) != strings.TrimSpace(first.Community) {
			warnings = append(warnings, fmt.Sprintf("%s spells the community %q; the merged file uses %q from %s",
				in.File, a.Community, first.Community, inputs[0].File))
		}
		for _, r := range a.Responses {
			if strings.TrimSpace(r.Respondent) == "" {
				// An anonymous response (from a page made with cop form
				// --anonymous): labelled below, never a duplicate.
				merged.Responses = append(merged.Responses, r)
				continue
			}
			here := where{in.File, r.Pos}
			k := grid.CommunityKey(r.Respondent)
			if prev, dup := seen[k]; dup {
				twice = append(twice, fmt.Sprintf("respondent %q answers in both %s and %s", r.Respondent, at(prev.file, prev.pos), at(here.file, here.pos)))
				continue
			}
			seen[k] = here
			merged.Responses = append(merged.Responses, r)
		}
	}
	if len(twice) > 0 {
		return nil, nil, errors.New(strings.Join(twice, "\n") + "\n(each respondent answers once in a round; remove or rename one of the responses)")
	}
	merged.Actions = mergeActions(inputs)
	if anonymize {
		for i := range merged.Responses {
			merged.Responses[i].Respondent = "Respondent " + strconv.Itoa(i+1)
		}
	}
	labelAnonymous(merged.Responses, seen)
	return merged, warnings, nil
}

// mergeActions keeps the actions every file records, in the order of the
// files, so that nothing agreed is lost in the merged round. An action that
// several files record alike (the same target, text, owner, due date and
// status, as when a coordinator's file is merged with copies of it) is kept
// once; actions that differ in any of these are all kept, for the group to
// settle with cop plan.
func mergeActions(inputs []Input) []model.Action {
	type key struct {
		target, what, owner, due, status string
	}
	var out []model.Action
	seen := map[key]bool{}
	for _, in := range inputs {
		for _, a := range in.Assessment.Actions {
			k := key{a.Target(), strings.TrimSpace(a.What), strings.TrimSpace(a.Owner), a.Due.Format(model.DateLayout), a.Status}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// labelAnonymous gives each response without a respondent its own label,
// "Anonymous 1", "Anonymous 2" and so on in the merged order, skipping any
// label that a named respondent already has (taken holds their keys), so
// that every response of the round can be told apart.
func labelAnonymous[V any](responses []model.Response, taken map[string]V) {
	n := 0
	for i := range responses {
		if strings.TrimSpace(responses[i].Respondent) != "" {
			continue
		}
		for {
			n++
			label := "Anonymous " + strconv.Itoa(n)
			if _, ok := taken[grid.CommunityKey(label)]; !ok {
				responses[i].Respondent = label
				break
			}
		}
	}
}

// IsDraft reports whether a file is a draft, which is never merged: it
// says draft: true (as a draft saved from the questionnaire page of cop form
// does), or its name ends .draft.yaml (or .draft.yml), as the drafts of cop
// assess and of the page do.
func IsDraft(name string, a *model.Assessment) bool {
	return draftWhy(name, a) != ""
}

// draftWhy says what makes a file a draft, or "" when it is not one.
func draftWhy(name string, a *model.Assessment) string {
	switch {
	case a != nil && a.Draft:
		return "it says draft: true"
	case load.IsDraftName(name):
		return "its name ends .draft.yaml"
	}
	return ""
}

// invitedOf is the number invited that the files give (invited: N), 0 when
// none gives one, and an error naming the files when they give different
// numbers. cop merge --invited N replaces it either way.
func invitedOf(inputs []Input) (int, error) {
	var given []Input
	for _, in := range inputs {
		if in.Assessment.Invited > 0 {
			given = append(given, in)
		}
	}
	if len(given) == 0 {
		return 0, nil
	}
	if s := differences(given, func(a *model.Assessment) string { return strconv.Itoa(a.Invited) }, nil); s != "" {
		return 0, errors.New("the files give different numbers invited: " + s + "\n(pass --invited N to set the number for the round)")
	}
	return given[0].Assessment.Invited, nil
}

// differences groups the files by a value, or returns "" when they all
// share it: `2026-11-22 in a.yaml, b.yaml; 2026-11-21 in c.yaml`.
func differences(inputs []Input, key, show func(*model.Assessment) string) string {
	var keys []string
	files := map[string][]string{}
	shown := map[string]string{}
	for _, in := range inputs {
		k := key(in.Assessment)
		if _, ok := files[k]; !ok {
			keys = append(keys, k)
			shown[k] = k
			if show != nil {
				shown[k] = show(in.Assessment)
			}
		}
		files[k] = append(files[k], in.File)
	}
	if len(keys) < 2 {
		return ""
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = shown[k] + " in " + grid.Files(files[k], 5)
	}
	return strings.Join(parts, "; ")
}

func at(file string, p model.Pos) string {
	if p.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}
