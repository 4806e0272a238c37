package report

import (
	"io"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
)

// In-process costs of cop report (the whole process, start-up included, is
// BenchmarkExecReport in cmd/cop, against the 20 ms budget):
//
//	go test ./internal/cmd/report -run '^$' -bench . -benchmem

const file = "../../../examples/riverside-nurses/2026-11-22.yaml"

// BenchmarkEmbeddedFramework is the part of every report spent reading the
// embedded default framework: parsing its YAML, once per process.
func BenchmarkEmbeddedFramework(b *testing.B) {
	for b.Loop() {
		c, err := catalog.New()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Default(); err != nil {
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
