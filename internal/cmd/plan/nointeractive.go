//go:build !huhv2

package plan

import (
	"errors"

	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/plan"
)

// interactive is built with huh v2 (interactive.go, build tag huhv2) once
// cop assess has moved to huh v2: the two huh versions cannot be linked
// together. Until then cop plan works by flags only.
func interactive(opts *Options, f *plan.File) (bool, error) {
	return false, exitcode.Usage(errors.New("cop plan: use flags: --add TARGET --what TEXT, --set N=STATUS, --list (see cop plan --help)"))
}
