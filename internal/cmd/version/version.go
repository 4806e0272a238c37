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

var formats = []string{"text", "json"}

// NewCmdVersion builds cop version.
func NewCmdVersion(f *factory.Factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print cop's version",
		Long:  `Print cop's version, the commit it was built from, and the Go version.` + options.ExitStatus(false, false),
		Args:  options.ExactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := options.CheckFormat(format, formats); err != nil {
				return err
			}
			return write(f.IO.Out, build.Read(), format)
		},
	}
	options.Format(cmd, &format, formats, "text")
	return cmd
}

func write(w io.Writer, info build.Info, format string) error {
	if format == "json" {
		return render.JSON(w, info)
	}
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
	_, err := fmt.Fprintln(w, line)
	return err
}
