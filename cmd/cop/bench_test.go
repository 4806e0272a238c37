package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The performance targets (product.md §6) are about whole processes, start-up
// included, so these benchmarks run built binaries: cop beside a minimal Go
// program that only reads and YAML-decodes the same files
// (testdata/baseline). Read the ratio from one run:
//
//	go test ./cmd/cop -run '^$' -bench Exec -benchtime 200x
//
// The figures in the README come from that command.

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// binaries builds cop and the baseline once per test process.
func binaries(b *testing.B) (cop, baseline string) {
	b.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "cop-bench-")
		if buildErr != nil {
			return
		}
		for _, pkg := range [][2]string{{"cop", "."}, {"baseline", "./testdata/baseline"}} {
			out, err := exec.Command("go", "build", "-o", filepath.Join(binDir, pkg[0]), pkg[1]).CombinedOutput()
			if err != nil {
				buildErr = &buildError{pkg[1], err, out}
				return
			}
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return filepath.Join(binDir, "cop"), filepath.Join(binDir, "baseline")
}

type buildError struct {
	pkg string
	err error
	out []byte
}

func (e *buildError) Error() string {
	return "go build " + e.pkg + ": " + e.err.Error() + "\n" + string(e.out)
}

// reportFile is the example the report benchmarks read: three respondents
// with notes, a typical round.
const reportFile = "../../examples/riverside-nurses/2026-11-22.yaml"

func runBinary(b *testing.B, bin string, args ...string) {
	b.Helper()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %v: %v\n%s", bin, args, err, out)
		}
	}
}

// BenchmarkExecReport runs "cop report FILE" as a new process each time.
func BenchmarkExecReport(b *testing.B) {
	cop, _ := binaries(b)
	b.ResetTimer()
	runBinary(b, cop, "report", reportFile)
}

// BenchmarkExecReportDecodeBaseline runs the baseline on the same file: read
// and decode, nothing else. The target: ExecReport within 1.5x of this.
func BenchmarkExecReportDecodeBaseline(b *testing.B) {
	_, baseline := binaries(b)
	b.ResetTimer()
	runBinary(b, baseline, reportFile)
}
