package main

import "testing"

// checkArgs checks a round against the example policy and the round before
// it: the work a CI job does. --max-age is widened so that the run passes on
// any day (a failed check would stop the benchmark).
var checkArgs = []string{"check", "--policy", "../../examples/ci/cop-policy.yml", "--max-age", "100000",
	"--baseline", "../../examples/riverside-nurses/2026-05-21.yaml", reportFile}

// BenchmarkExecCheck runs "cop check" with a policy and a baseline as a new
// process each time. Read it beside BenchmarkExecCheckDecodeBaseline:
//
//	go test ./cmd/cop -run '^$' -bench ExecCheck -benchtime 200x
func BenchmarkExecCheck(b *testing.B) {
	cop, _ := binaries(b)
	b.ResetTimer()
	runBinary(b, cop, checkArgs...)
}

// BenchmarkExecCheckDecodeBaseline runs the decode-only baseline on the two
// assessment files cop check reads (the policy file is a few lines more).
func BenchmarkExecCheckDecodeBaseline(b *testing.B) {
	_, baseline := binaries(b)
	b.ResetTimer()
	runBinary(b, baseline, "../../examples/riverside-nurses/2026-05-21.yaml", reportFile)
}
