package report

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/catalog"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
	"go.yaml.in/yaml/v3"
)

// In-process costs of cop report, beside a decode-only baseline of the same
// file (the whole-process comparison, start-up included, is
// BenchmarkExecReport in cmd/cop):
//
//	go test ./internal/cmd/report -run '^$' -bench . -benchmem

const file = "../../../examples/riverside-nurses/2026-11-22.yaml"

// BenchmarkDecodeBaseline reads and decodes the file into plain structs,
// as cmd/cop/testdata/baseline does.
func BenchmarkDecodeBaseline(b *testing.B) {
	type assessment struct {
		Kind      string `yaml:"kind"`
		Version   int    `yaml:"version"`
		Community string `yaml:"community"`
		Date      string `yaml:"date"`
		Framework struct {
			ID      string `yaml:"id"`
			Version string `yaml:"version"`
		} `yaml:"framework"`
		Responses []struct {
			Respondent string                       `yaml:"respondent"`
			Role       string                       `yaml:"role"`
			Ratings    map[string]map[string]string `yaml:"ratings"`
			Notes      map[string]string            `yaml:"notes"`
		} `yaml:"responses"`
	}
	for b.Loop() {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		var a assessment
		if err := yaml.Unmarshal(data, &a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddedFramework is the part of every report spent reading the
// embedded default framework, from its compiled form, as cop does.
func BenchmarkEmbeddedFramework(b *testing.B) {
	for b.Loop() {
		c, err := catalog.New("")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddedFrameworkYAML is what reading it would cost by parsing
// the YAML (the fallback when the compiled form is stale).
func BenchmarkEmbeddedFrameworkYAML(b *testing.B) {
	data, _ := framework.FS.ReadFile(framework.Default)
	for b.Loop() {
		if _, err := load.FrameworkBytes("embedded", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReport is the whole of cop report after start-up: catalog, load,
// score, render to a buffer.
func BenchmarkReport(b *testing.B) { benchmarkReport(b, "table") }

// BenchmarkReportHTML is the same with -f html, the templates parsed once
// (as in a process, on first use); BenchmarkHTMLTemplates in
// internal/render is what that first use costs.
func BenchmarkReportHTML(b *testing.B) { benchmarkReport(b, "html") }

func benchmarkReport(b *testing.B, format string) {
	for b.Loop() {
		ios, _, out, _ := iostreams.Test()
		opts := &Options{IO: ios, File: file, Format: format, Weakest: 5, Now: time.Now,
			WriteOutput: func(_ string, w func(io.Writer) error) error { return w(out) }}
		if err := reportRun(opts); err != nil {
			b.Fatal(err)
		}
	}
}
