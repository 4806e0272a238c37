package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/factory"
	_ "github.com/cophealth/cop/internal/golden" // accept go test ./... -update
	"github.com/cophealth/cop/internal/iostreams"
	"github.com/cophealth/cop/internal/load"
)

func TestPrintError(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name string
		ctx  context.Context
		err  error
		code int
		out  string
	}{
		{"nil", context.Background(), nil, 0, ""},
		{"check failed, already reported", context.Background(), exitcode.Silent(exitcode.Failed), 1, ""},
		{"usage", context.Background(), exitcode.Usage(errors.New("bad flag")), 2, "bad flag\n"},
		{"problems", context.Background(), fmt.Errorf("wrapped: %w", load.Problems{
			{File: "a.yaml", Line: 3, Col: 4, Msg: "x"}, {File: "a.yaml", Line: 5, Msg: "y"}}), 2,
			"a.yaml:3:4: x\na.yaml:5: y\n2 problems\n"},
		{"one problem", context.Background(), &load.Problem{File: "a.yaml", Msg: "no such file"}, 2, "a.yaml: no such file\n"},
		{"unclassified", context.Background(), errors.New("disk full"), 2, "disk full\n"},
		{"interrupted", canceled, context.Canceled, 130, "cop: interrupted\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			if got := printError(&b, c.err, c.ctx); got != c.code {
				t.Errorf("code = %d, want %d", got, c.code)
			}
			if b.String() != c.out {
				t.Errorf("printed %q, want %q", b.String(), c.out)
			}
		})
	}
}

func TestRunMapsErrorsToExitCodes(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"version"}, 0},
		{[]string{"nonsense"}, 2},
		{[]string{"report"}, 2},
		{[]string{"report", "--format", "nope", "x.yaml"}, 2},
		{[]string{"report", "no-such-file.yaml"}, 2},
	} {
		ios, _, _, errOut := iostreams.Test()
		if got := Run(context.Background(), factory.New(ios), c.args); got != c.code {
			t.Errorf("cop %v exited %d, want %d (stderr %q)", c.args, got, c.code, errOut)
		}
	}
}
