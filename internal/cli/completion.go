package cli

import (
	"fmt"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/options"
	"github.com/spf13/cobra"
)

// shells are the shells cop completes in.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// newCmdCompletion builds cop completion SHELL. It replaces cobra's default
// command, whose help is wider than 80 columns and says nothing of where the
// script goes; this one says it for each shell.
func newCmdCompletion(f *factory.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "Print the shell completion script (bash, zsh, fish, powershell)",
		Long: `Print the completion script for SHELL: bash, zsh, fish or powershell. With
it, Tab completes commands, flags, formats, framework ids, dimension and
level ids (cop check --min, --min-level, cop compare --sort) and YAML files.

Install it once for your shell, then open a new shell:

  bash (needs the bash-completion package)
    mkdir -p ~/.local/share/bash-completion/completions
    cop completion bash > ~/.local/share/bash-completion/completions/cop

  zsh
    cop completion zsh > "${fpath[1]}/_cop"
    (if completion is off: echo "autoload -U compinit; compinit" >> ~/.zshrc)

  fish
    cop completion fish > ~/.config/fish/completions/cop.fish

  powershell (add the line to $PROFILE to keep it)
    cop completion powershell | Out-String | Invoke-Expression

To try it in the current shell only: source <(cop completion bash), or
source <(cop completion zsh).` + options.ExitStatus(false, false),
		ValidArgs: shells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return exitcode.Usage(fmt.Errorf("cop completion needs a SHELL: bash, zsh, fish or powershell"))
			}
			return nil
		},
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, w := cmd.Root(), f.IO.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return exitcode.Usage(fmt.Errorf("unknown shell %q (expected bash, zsh, fish or powershell)", args[0]))
		},
	}
}
