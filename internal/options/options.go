// Package options declares the flags that several commands share, the same
// way everywhere: -f/--format, -o/--output and --framework, each with shell
// completion.
package options

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/model"
	"github.com/spf13/cobra"
)

// Table is the name of the human-readable format in every command, and Text
// the alias that every command accepts for it (cop check and cop validate
// called it text before; old scripts keep working).
const (
	Table = "table"
	Text  = "text"
)

// Format adds -f/--format, choosing among formats, with def as the default.
// A value outside formats is refused while the flags are parsed, and "text"
// is read as "table" wherever table is one of the formats.
func Format(cmd *cobra.Command, p *string, formats []string, def string) {
	*p = def
	cmd.Flags().VarP(&formatValue{p: p, formats: formats}, "format", "f", "output format: "+strings.Join(formats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
}

// formatValue is the -f flag: one of a list of formats, with text read as
// table.
type formatValue struct {
	p       *string
	formats []string
}

// String returns the format chosen.
func (v *formatValue) String() string { return *v.p }

// Choices lists the formats, for error messages.
func (v *formatValue) Choices() []string { return v.formats }

// Type names the value in help ("-f, --format FORMAT").
func (v *formatValue) Type() string { return "FORMAT" }

// Set accepts one of the formats, or text for table.
func (v *formatValue) Set(s string) error {
	if s == Text && slices.Contains(v.formats, Table) {
		s = Table
	}
	if !slices.Contains(v.formats, s) {
		return &ChoiceError{Value: s, Choices: v.formats}
	}
	*v.p = s
	return nil
}

// ChoiceError is the error of a flag that takes one of a few words, given
// another word. The flag error function words it with the flag's name.
type ChoiceError struct {
	Value   string
	Choices []string
}

// Error lists the choices.
func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%q is not one of %s", e.Value, strings.Join(e.Choices, ", "))
}

// StringVar adds a string flag to cmd whose help shows its default as the
// other flags show theirs, (default name), where pflag would quote it,
// (default "name"): pflag quotes the defaults of plain string flags only.
// Name the value's placeholder in usage with backquotes, such as `KEY`.
func StringVar(cmd *cobra.Command, p *string, name, value, usage string) {
	*p = value
	cmd.Flags().Var((*word)(p), name, usage)
}

// word is a string flag that is not of pflag's type "string".
type word string

// String returns the value.
func (w *word) String() string { return string(*w) }

// Set takes any value; the command checks it.
func (w *word) Set(s string) error { *w = word(s); return nil }

// Type names the value when the usage names no placeholder.
func (w *word) Type() string { return "VALUE" }

// Output adds -o/--output for output that cop can make again from its
// inputs (reports, comparisons, check results, lists, schemas, the form
// page): an existing
// FILE is replaced, atomically. Files that hold answers use OutputKeep.
func Output(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVarP(p, "output", "o", "", "write to `FILE` instead of standard output (replacing it)")
}

// OutputKeep adds -o/--output for files that hold answers or a person's
// edits (a merged round, an exported framework): an existing FILE is never
// replaced unless --force is given, which the command defines.
func OutputKeep(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVarP(p, "output", "o", "", "write to `FILE` instead of standard output (kept if it exists, unless --force)")
}

// OutputRule is the rule for -o onto an existing file, as the help and the
// manual state it.
const OutputRule = `-o FILE writes to FILE instead of standard output, atomically (a reader
never sees half a file). Output that cop can make again from its inputs
(reports, comparisons, check results, lists, schemas, the form page)
replaces FILE; a file that holds answers (cop assess, cop merge, cop
framework export) is never replaced unless --force is given.`

// Framework adds --framework to a command that reads assessments: a
// framework file of the user's own, used for the assessments that name its
// id.
func Framework(cmd *cobra.Command, p *string) {
	FrameworkFile(cmd, p, "use the framework in `FILE` for assessments that name its id")
}

// FrameworkFile adds --framework with a help text that says what the
// command does with the file (commands that read no assessment).
func FrameworkFile(cmd *cobra.Command, p *string, usage string) {
	cmd.Flags().StringVar(p, "framework", "", usage)
	_ = cmd.MarkFlagFilename("framework", "yaml", "yml")
}

// FrameworkFor is the framework a completion should offer ids from: the
// --framework file given on the command line so far (the last one, when the
// flag repeats), else the embedded default. It is nil when that file does
// not load: completion then offers nothing rather than wrong ids.
func FrameworkFor(cmd *cobra.Command) *model.Framework {
	path := ""
	if fl := cmd.Flags().Lookup("framework"); fl != nil {
		if sv, ok := fl.Value.(interface{ GetSlice() []string }); ok {
			if s := sv.GetSlice(); len(s) > 0 {
				path = s[len(s)-1]
			}
		} else {
			path = fl.Value.String()
		}
	}
	cat, err := catalog.New(path)
	if err != nil {
		return nil
	}
	fw, err := cat.Default()
	if err != nil {
		return nil
	}
	return fw
}

// DimensionIDs completes a dimension id of the command's framework.
func DimensionIDs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	fw := FrameworkFor(cmd)
	if fw == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return fw.DimensionIDs(), cobra.ShellCompDirectiveNoFileComp
}

// DimensionMinimums completes DIM=N: the dimension ids of the command's
// framework followed by "=", with no space after, so the number comes next.
func DimensionMinimums(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	fw := FrameworkFor(cmd)
	if fw == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, d := range fw.Dimensions {
		out = append(out, d.ID+"=\t"+OneLineTitle(d.Title))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// LevelIDs completes a level id of the command's framework, lowest first.
func LevelIDs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	fw := FrameworkFor(cmd)
	if fw == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, l := range fw.Levels {
		out = append(out, l.ID+"\t"+OneLineTitle(l.Label))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// OneLineTitle keeps a completion's description to one line.
func OneLineTitle(s string) string { return strings.Join(strings.Fields(s), " ") }

// YAMLFiles completes file arguments with YAML files.
func YAMLFiles(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// ExactArgs is cobra.ExactArgs with a usage error that names what is missing.
func ExactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		if len(args) < n {
			return exitcode.Usage(fmt.Errorf("%s needs %s (see %s --help)", cmd.CommandPath(), what, cmd.CommandPath()))
		}
		return exitcode.Usage(fmt.Errorf("%s takes %s, got %s: %s", cmd.CommandPath(), what, plural(len(args)), strings.Join(args, " ")))
	}
}

// MinArgs requires at least n arguments, naming what is missing.
func MinArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= n {
			return nil
		}
		return exitcode.Usage(fmt.Errorf("%s needs %s (see %s --help)", cmd.CommandPath(), what, cmd.CommandPath()))
	}
}

// MaxArgs allows at most n arguments.
func MaxArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return exitcode.Usage(fmt.Errorf("%s takes at most %s, got %s: %s", cmd.CommandPath(), what, plural(len(args)), strings.Join(args, " ")))
	}
}

// ExitStatus is the EXIT STATUS section that ends each command's long help.
// check says whether the command can fail a check (exit 1); interrupt whether
// it can be interrupted part way with something to keep (exit 130).
func ExitStatus(check, interrupt bool) string {
	var b strings.Builder
	b.WriteString("\n\nEXIT STATUS\n  0    success\n")
	if check {
		b.WriteString("  1    a check failed: some rule of the policy was not met\n")
	}
	b.WriteString("  2    bad usage or invalid input: a wrong flag, or a file that is missing,\n       malformed, or cannot be read or written (each problem is named with\n       file:line:col on standard error)\n")
	if interrupt {
		b.WriteString("  130  interrupted by the user (Ctrl-C)\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// plural counts arguments: "1 argument", "2 arguments".
func plural(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}
