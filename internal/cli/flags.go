package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width every help text fits in: flag descriptions are
// wrapped to it, and a test holds the rest of the help to it.
const helpWidth = 80

// flagError turns a flag the parser refused into a usage error (exit 2) in
// plain words, with the command whose help explains the flag.
func flagError(cmd *cobra.Command, err error) error {
	return exitcode.Usage(fmt.Errorf("%s (see %s --help)", plainFlagError(err), cmd.CommandPath()))
}

// plainFlagError says what was wrong with a flag without the parser's
// vocabulary: `--weakest: "abc" is not a whole number`, not
// `strconv.ParseInt: parsing "abc": invalid syntax`.
func plainFlagError(err error) string {
	var invalid *pflag.InvalidValueError
	var missing *pflag.ValueRequiredError
	var choice *options.ChoiceError
	switch {
	case errors.As(err, &invalid):
		fl, v := invalid.GetFlag(), invalid.GetValue()
		name := "--" + fl.Name
		if errors.As(err, &choice) {
			return fmt.Sprintf("%s: %q is not one of %s", name, v, strings.Join(choice.Choices, ", "))
		}
		kind := valueKind(fl)
		switch {
		case errors.Is(err, strconv.ErrRange):
			return fmt.Sprintf("%s: %q is out of range (expected %s)", name, v, kind)
		case kind != "":
			return fmt.Sprintf("%s: %q is not %s", name, v, kind)
		}
		return fmt.Sprintf("%s: %q: %v", name, v, errors.Unwrap(err))
	case errors.As(err, &missing):
		fl := missing.GetFlag()
		name := "--" + fl.Name
		if missing.GetSpecifiedShortnames() != "" {
			name = "-" + fl.Shorthand
		}
		if kind := valueKind(fl); kind != "" {
			return fmt.Sprintf("%s needs a value: %s", name, kind)
		}
		return fmt.Sprintf("%s needs a value", name)
	}
	return err.Error()
}

// valueKind describes what a flag's value must be, for an error message;
// "" when there is nothing more useful to say than the flag's help.
func valueKind(fl *pflag.Flag) string {
	if c, ok := fl.Value.(interface{ Choices() []string }); ok {
		return "one of " + strings.Join(c.Choices(), ", ")
	}
	switch fl.Value.Type() {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number"
	case "float32", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 90s, 15m or 2h"
	}
	if name, _ := pflag.UnquoteUsage(fl); name != "" {
		return "a " + name
	}
	return ""
}

// colorFlag is --color: it sets the streams' colour mode as it is parsed,
// so that no command needs to pass it on.
type colorFlag struct{ io *iostreams.IOStreams }

// String returns the mode chosen.
func (c colorFlag) String() string { return c.io.ColorMode() }

// Type names the value in help.
func (c colorFlag) Type() string { return "WHEN" }

// Choices lists the values, for error messages.
func (c colorFlag) Choices() []string { return iostreams.ColorModes }

// Set records the mode.
func (c colorFlag) Set(s string) error {
	if err := c.io.SetColorMode(s); err != nil {
		return &options.ChoiceError{Value: s, Choices: iostreams.ColorModes}
	}
	return nil
}

// usage writes a command's usage as cobra's default does, with flag
// descriptions wrapped to helpWidth columns.
func usage(cmd *cobra.Command) error {
	w := cmd.OutOrStderr()
	fmt.Fprint(w, "Usage:")
	if cmd.Runnable() {
		fmt.Fprintf(w, "\n  %s", cmd.UseLine())
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s [command]", cmd.CommandPath())
	}
	if cmd.HasExample() {
		fmt.Fprintf(w, "\n\nExamples:\n%s", cmd.Example)
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprint(w, "\n\nAvailable Commands:")
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if cmd.HasAvailableLocalFlags() {
		fmt.Fprint(w, "\n\nFlags:\n")
		fmt.Fprint(w, strings.TrimRight(cmd.LocalFlags().FlagUsagesWrapped(helpWidth), " \n"))
	}
	if cmd.HasAvailableInheritedFlags() {
		fmt.Fprint(w, "\n\nGlobal Flags:\n")
		fmt.Fprint(w, strings.TrimRight(cmd.InheritedFlags().FlagUsagesWrapped(helpWidth), " \n"))
	}
	if cmd.HasHelpSubCommands() {
		fmt.Fprint(w, "\n\nAdditional help topics:")
		for _, sub := range cmd.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(w, "\n  %-*s %s", max(sub.NamePadding(), len(sub.Name())+1), sub.Name(), sub.Short)
			}
		}
		fmt.Fprintf(w, "\n\nUse \"%s help [topic]\" to read a topic.", cmd.Root().Name())
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\nUse \"%s [command] --help\" for more information about a command.", cmd.CommandPath())
	}
	fmt.Fprintln(w)
	return nil
}

// topicHelp prints a help topic: its text alone, with no usage.
func topicHelp(cmd *cobra.Command, _ []string) {
	w := cmd.OutOrStdout()
	fmt.Fprintln(w, strings.TrimRight(cmd.Long, "\n"))
}
