package model

import (
	"strings"

	"golang.org/x/mod/semver"
)

// A framework's version is a semantic version written without a leading
// "v" (1.0.0, 2.1.0-rc.2), as framework and assessment files spell it. The
// semver package wants the "v", so it is added here and nowhere else.

// IsVersion reports whether s is a full semantic version,
// MAJOR.MINOR.PATCH with an optional -prerelease and +build, without a
// leading "v". Shorthands the semver package accepts (1, 1.2) are not
// versions here: a framework names all three numbers.
func IsVersion(s string) bool {
	v := "v" + s
	if !semver.IsValid(v) {
		return false
	}
	core, _, _ := strings.Cut(v, "+")
	return semver.Canonical(v) == core
}

// CompareVersions orders two framework versions by semantic versioning:
// -1, 0 or +1. Pre-releases come before their release and compare by their
// dot-separated parts, numbers as numbers (1.0.0-rc.2 before 1.0.0-rc.10);
// build metadata does not order. A string that is not a version comes
// before every version.
func CompareVersions(a, b string) int {
	return semver.Compare("v"+a, "v"+b)
}
