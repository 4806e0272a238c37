// Package version implements cop version.
package version

import (
	"fmt"
	"io"

	"github.com/cophealth/cop/internal/build"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/options"
	"github.com/cophealth/cop/internal/render"
	"github.com/spf13/cobra"
)

var formats = []string{options.Table, "json"}

// NewCmdVersion builds cop version.
func NewCmdVersion(f *factory.Factory) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print cop's version",
		Long:  `Print cop's version, the commit it was built from, and the Go version.` + options.ExitStatus(false, false),
		Args:  options.ExactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.WriteOutput(output, func(w io.Writer) error { return write(w, build.Read(), format) })
		},
	}
	options.Format(cmd, &format, formats, options.Table)
	options.Output(cmd, &output)
	return cmd
}

func write(w io.Writer, info build.Info, format string) error {
	if format == "json" {
		return render.JSON(w, info)
	}
	_, err := fmt.Fprintln(w, Line(info))
	return err
}

// Line is the one line that cop version and cop --version print: the
// version, then the commit, whether the checkout was modified and the
// commit's time when Go recorded them, then the Go version.
func Line(info build.Info) string {
	line := "cop " + info.Version
	if info.Commit != "" {
		c := info.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		line += " (" + c
		if info.Modified {
			line += ", modified"
		}
		if info.Time != "" {
			line += ", " + info.Time
		}
		line += ")"
	}
	if info.GoVersion != "" {
		line += " " + info.GoVersion
	}
	return line
}
