package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cophealth/cop/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as cop when a script runs "exec cop".
func TestMain(m *testing.M) {
	testscript.Main(removeBinaries{m}, map[string]func(){
		"cop": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each exit
// code, each message for bad input, and the files written. $EXAMPLES is the
// repository's examples folder. Run with -update to rewrite the expected
// output in the scripts themselves (review the diff).
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			env.Setenv("NO_COLOR", "")
			env.Setenv("LANG", "C.UTF-8")
			return nil
		},
	})
}

// removeBinaries deletes the binaries the exec benchmarks built, once every
// test and benchmark has run.
type removeBinaries struct{ *testing.M }

// Run runs the tests, then removes the benchmarks' build folder.
func (r removeBinaries) Run() int {
	code := r.M.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	return code
}
