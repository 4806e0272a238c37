// Package schema implements cop schema: JSON Schemas for editors.
package schema

import (
	"fmt"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/cophealth/cop/internal/schema"
	"github.com/spf13/cobra"
)

// Kinds are the files cop has schemas for.
var Kinds = []string{"assessment", "framework", "policy"}

// Options holds the flags and dependencies of cop schema.
type Options struct {
	WriteOutput func(string, func(io.Writer) error) error
	Kind        string
	FrameworkID string
	Framework   string
	Format      string
	Output      string
}

// Formats: a schema is JSON; -f json is accepted so that -f works on every
// command.
var Formats = []string{"json"}

// NewCmdSchema builds cop schema.
func NewCmdSchema(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{WriteOutput: f.WriteOutput}
	cmd := &cobra.Command{
		Use:   "schema KIND [FRAMEWORK-ID]",
		Short: "Print the JSON Schema of a file kind, for editors",
		Long: `Print the JSON Schema (draft-07) of a kind of file (KIND is one of
` + strings.Join(Kinds, ", ") + `).

The assessment and policy schemas are made from a framework, so an editor
completes its dimension and indicator ids and checks ratings against its
scale (and a policy's levels, minimums and targets): the default framework,
the one named by FRAMEWORK-ID, or the --framework file.
Point your editor at it; with the YAML language server, put this first line
in an assessment file:

  # yaml-language-server: $schema=cop-assessment.schema.json` + options.ExitStatus(false, false),
		Example: `  cop schema assessment -o cop-assessment.schema.json
  cop schema assessment cop-fitness
  cop schema framework
  cop schema policy -o cop-policy.schema.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return exitcode.Usage(fmt.Errorf("cop schema needs a KIND (%s)", strings.Join(Kinds, ", ")))
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return Kinds, cobra.ShellCompDirectiveNoFileComp
			}
			if len(args) == 1 && (args[0] == "assessment" || args[0] == "policy") {
				if cat, err := catalog.New(""); err == nil {
					return cat.EmbeddedIDs(), cobra.ShellCompDirectiveNoFileComp
				}
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Kind = args[0]
			if len(args) == 2 {
				opts.FrameworkID = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	options.Format(cmd, &opts.Format, Formats, "json")
	options.Output(cmd, &opts.Output)
	options.FrameworkFile(cmd, &opts.Framework, "make the schema from the framework in `FILE`")
	return cmd
}

func schemaRun(opts *Options) error {
	var s schema.Object
	switch opts.Kind {
	case "assessment", "policy":
		cat, err := catalog.New(opts.Framework)
		if err != nil {
			return err
		}
		fw, err := cat.Default()
		if opts.FrameworkID != "" {
			fw, err = cat.Resolve(opts.FrameworkID)
		}
		if err != nil {
			return exitcode.Usage(err)
		}
		s = schema.Assessment(fw)
		if opts.Kind == "policy" {
			s = schema.Policy(fw)
		}
	case "framework":
		if opts.FrameworkID != "" {
			return exitcode.Usage(fmt.Errorf("cop schema framework takes no FRAMEWORK-ID"))
		}
		s = schema.Framework()
	default:
		return exitcode.Usage(fmt.Errorf("unknown kind %q (expected %s)", opts.Kind, strings.Join(Kinds, ", ")))
	}
	return opts.WriteOutput(opts.Output, func(w io.Writer) error { return render.JSON(w, s) })
}
