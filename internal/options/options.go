// Package options declares the flags that several commands share, the same
// way everywhere: -f/--format, -o/--output and --framework, each with shell
// completion.
package options

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/spf13/cobra"
)

// Format adds -f/--format, choosing among formats, with def as the default.
func Format(cmd *cobra.Command, p *string, formats []string, def string) {
	cmd.Flags().StringVarP(p, "format", "f", def, "output format: "+strings.Join(formats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
}

// CheckFormat returns a usage error when format is not one of formats.
func CheckFormat(format string, formats []string) error {
	if slices.Contains(formats, format) {
		return nil
	}
	return exitcode.Usage(fmt.Errorf("unknown format %q (expected %s)", format, strings.Join(formats, ", ")))
}

// Output adds -o/--output: the file written instead of standard output.
func Output(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVarP(p, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
}

// Framework adds --framework: a framework file of the user's own, used for
// assessments that name its id.
func Framework(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "framework", "", "use the framework in `FILE` for assessments that name its id")
	_ = cmd.MarkFlagFilename("framework", "yaml", "yml")
}

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
