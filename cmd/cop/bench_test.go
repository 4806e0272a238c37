package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The budgets of cop's contract are about whole processes, start-up
// included, so these benchmarks run built binaries. testdata/baseline is a
// minimal Go program that only reads and YAML-decodes files, the yardstick
// of the compare budget (bench_compare_test.go).
//
// Both binaries are built with CGO_ENABLED=0, as cop's releases are: cobra's
// flag package imports net, and with cgo on, Go links the C resolver and the
// binary loads libc through the dynamic linker at every start.

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// binaries builds cop and the baseline once per test process.
func binaries(b testing.TB) (cop, baseline string) {
	b.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "cop-bench-")
		if buildErr != nil {
			return
		}
		for _, pkg := range [][2]string{{"cop", "."}, {"baseline", "./testdata/baseline"}} {
			cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, pkg[0]), pkg[1])
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
			out, err := cmd.CombinedOutput()
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

// BenchmarkExecReport runs "cop report FILE" as a new process for each
// example file: the budget is 20 ms wall per run, start-up included (ns/op
// is that wall time; ms/op says it in the budget's unit).
//
//	go test ./cmd/cop -run '^$' -bench ExecReport -benchtime 100x
func BenchmarkExecReport(b *testing.B) {
	cop, _ := binaries(b)
	examples, err := filepath.Glob("../../examples/*/*.yaml")
	if err != nil || len(examples) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	for _, file := range examples {
		name := filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file)
		b.Run(name, func(b *testing.B) {
			var wall time.Duration
			for b.Loop() {
				wall += timed(b, cop, "report", file)
			}
			b.ReportMetric(float64(wall.Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// timed runs a process once, its output discarded, and returns its wall time.
func timed(b *testing.B, bin string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout = io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %v: %v", bin, args, err)
	}
	return time.Since(start)
}
