package model

import "testing"

// TestCompareVersions walks a list in semantic-version precedence order:
// numbers compare as numbers in the core and in pre-release parts
// (1.0.0-rc.2 < 1.0.0-rc.10, where comparing text would put "1" of "10"
// before "2"), a pre-release before its release, numeric parts before
// alphanumeric ones (rc.1 < rc.a).
func TestCompareVersions(t *testing.T) {
	ordered := []string{"0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-beta", "1.0.0-rc.1", "1.0.0-rc.2", "1.0.0-rc.10",
		"1.0.0-rc.a", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := CompareVersions(ordered[i], ordered[j]); got != want {
				t.Errorf("CompareVersions(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
	if CompareVersions("1.0.0+build.5", "1.0.0") != 0 {
		t.Error("build metadata should not order versions")
	}
	if CompareVersions("not a version", "0.0.1") != -1 {
		t.Error("a string that is not a version should come first")
	}
}

func TestIsVersion(t *testing.T) {
	for s, want := range map[string]bool{
		"1.0.0": true, "0.10.2": true, "1.0.0-rc.10": true, "1.0.0+build.5": true, "1.2.3-a-b+c.d": true,
		// shorthands semver.IsValid accepts with a "v", a "v" itself, and
		// leading zeros, which semantic versions forbid
		"1": false, "1.0": false, "v1.0.0": false, "01.0.0": false, "1.0.0-01": false,
		"1.0.0-": false, "1.0.0+": false, "1.0.0.0": false, "": false, "1..0": false,
	} {
		if got := IsVersion(s); got != want {
			t.Errorf("IsVersion(%q) = %v, want %v", s, got, want)
		}
	}
}
