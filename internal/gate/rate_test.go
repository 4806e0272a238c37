package gate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/score"
)

// withResponses is a round of the test framework with n respondents and,
// when invited > 0, invited: N.
func withResponses(n, invited int) string {
	var b strings.Builder
	b.WriteString("kind: cop-assessment\nversion: 1\ncommunity: Now\ndate: 2026-01-10\nframework: {id: tf, version: 1.0.0}\n")
	if invited > 0 {
		fmt.Fprintf(&b, "invited: %d\n", invited)
	}
	b.WriteString("responses:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - respondent: R%d\n    ratings: {alpha: {a1: 2}}\n", i+1)
	}
	return b.String()
}

func TestMinResponseRate(t *testing.T) {
	fw := framework(t)
	tests := []struct {
		name             string
		answered, invite int
		min              string
		status           gate.Status
		value            score.Number
		reason           gate.Reason
	}{
		// 1 of 3 = 0.333... -> 0.33: the rounded boundary passes, above fails.
		{"at the rounded boundary", 1, 3, "0.33", gate.Pass, num(0.33), ""},
		{"just above", 1, 3, "0.34", gate.Fail, num(0.33), ""},
		// 3 of 6 = 0.5: half meets a minimum of a half.
		{"half", 3, 6, "0.5", gate.Pass, num(0.5), ""},
		// 2 of 7 = 0.2857 -> 0.29.
		{"below", 2, 7, "0.3", gate.Fail, num(0.29), ""},
		// 5 of 4 (a stale count): 1.25, which meets any minimum.
		{"more than invited", 5, 4, "1", gate.Pass, num(1.25), ""},
		// No invited: no rate, and the rule fails (the community asked for
		// a rate it did not record).
		{"not invited", 3, 0, "0", gate.Fail, score.Number{}, gate.NotInvited},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := round(t, fw, "r.yaml", withResponses(tt.answered, tt.invite))
			res := gate.Evaluate(policy(t, "min-response-rate: "+tt.min), gate.Input{Round: *r, Now: now})
			o := outcome(t, res, gate.MinResponseRate)
			if o.Status != tt.status || o.Value != tt.value || o.Reason != tt.reason {
				t.Errorf("status %s, value %+v, reason %q; want %s, %+v, %q", o.Status, o.Value, o.Reason, tt.status, tt.value, tt.reason)
			}
		})
	}
}
