// Command cop-assess is the questionnaire of cop: "cop assess" runs it. It
// is a program of its own so that its terminal libraries stay out of every
// other cop command (see internal/launch).
package main

import (
	"os"

	"github.com/cophealth/cop/internal/cli"
	"github.com/cophealth/cop/internal/cmd/assess"
	"github.com/cophealth/cop/internal/factory"
	"github.com/spf13/cobra"
)

func main() {
	os.Exit(cli.Subcommand(func(f *factory.Factory) *cobra.Command { return assess.NewCmdAssess(f, nil) }))
}
