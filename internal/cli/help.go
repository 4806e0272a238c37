package cli

import (
	"fmt"
	"strings"

	"github.com/cophealth/cop/internal/exitcode"

	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
)

// environmentHelp is the text of cop help environment.
func environmentHelp() string {
	return environmentVariables + indent(options.OutputRule, "  ")
}

// environmentVariables lists every variable cop reads (grep the code for
// Getenv and LookupEnv): keep it in step.
const environmentVariables = `Environment variables that change what cop does.

COLOUR
  NO_COLOR          any value but empty: no colour, even with CLICOLOR_FORCE
                    (see no-color.org)
  CLICOLOR          0: no colour
  CLICOLOR_FORCE    any value but empty or 0: colour even when the output is
                    not a terminal, as in cop compare examples/ | less -R
  TERM              dumb: no colour, and cop assess asks line by line;
                    dumb or linux: bars drawn with # instead of blocks

  Colour is decided by the first of these that applies: --color always or
  never (a choice for one run); NO_COLOR; CLICOLOR_FORCE; CLICOLOR=0 or
  TERM=dumb; otherwise colour only when the output is a terminal.

TEXT
  LC_ALL, LC_CTYPE, LANG
                    the first one set names the character set: one other
                    than UTF-8 draws bars with # instead of blocks

PAGER
  COP_PAGER         the pager for output to a terminal; set but empty, or
                    cat, turns paging off
  PAGER             the pager when COP_PAGER is not set (default: less)
  LESS              options for less; cop sets LESS=FRX when it is unset:
                    quit when the output fits on one screen, keep colours,
                    and leave the output on the screen

  Output that is not a terminal (a pipe, a file, -o FILE) is never paged.

DATES
  COP_NOW           today, as YYYY-MM-DD or an RFC 3339 time, instead of
                    the clock: for --max-age, the ages in reports and
                    checks, the date of a new assessment, and output that
                    must not change from day to day (demos, tests, docs)

THE QUESTIONNAIRE (cop assess)
  ACCESSIBLE        any value but empty, 0 or false: plain numbered
                    prompts, one per line, for screen readers and piped
                    answers (as --accessible)
  COLORFGBG         foreground;background colours set by some terminals:
                    with --theme auto, says whether the terminal is dark
  EDITOR            the editor ctrl+e opens for a page's notes, unless
                    VISUAL is set (with neither: nano, else vi)
  VISUAL            the editor ctrl+e opens, before EDITOR

CI
  GITHUB_STEP_SUMMARY
                    with cop check -f github, the file the Markdown summary
                    is appended to (GitHub Actions sets it)

OUTPUT FILES
`

// newHelpTopics returns the help topics: commands with text and no action,
// listed under "Additional help topics" and printed by cop help TOPIC.
func newHelpTopics() []*cobra.Command {
	env := &cobra.Command{
		Use:   "environment",
		Short: "Environment variables that change what cop does",
		Long:  environmentHelp(),
	}
	env.SetHelpFunc(topicHelp)
	return []*cobra.Command{env}
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// newCmdHelp replaces cobra's help command, which answers a topic it does
// not know with the root's help and status 0: cop names the topic, lists
// what there is, and exits 2.
func newCmdHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command | topic]",
		Short: "Help about any command or topic",
		Long: `Help about any command or topic: cop help report, cop help framework lint,
cop help environment.`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var names []string
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 || (cmd == root && len(args) > 0) {
				var names []string
				for _, sub := range root.Commands() {
					if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
						names = append(names, sub.Name())
					}
				}
				return exitcode.Usage(fmt.Errorf("no help for %q (commands and topics: %s)", strings.Join(args, " "), strings.Join(names, ", ")))
			}
			// As cobra's own help command does: the -h flag is added when
			// flags are parsed, which "cop help X" does not do for X, and
			// without it the two helps would differ by that line.
			cmd.InitDefaultHelpFlag()
			return cmd.Help()
		},
	}
}
