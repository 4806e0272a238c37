package model

// PolicyVersion is the policy file format this cop reads.
const PolicyVersion = 1

// Origin says where a policy setting came from: a place in the policy file,
// or a command-line flag, so that a problem found later (a dimension the
// assessment's framework lacks) can point at the one or name the other.
type Origin struct {
	Pos Pos
	// Flag is the flag as typed, such as "--min-level high", when the
	// setting came from the command line; empty when it came from the file.
	Flag string
}

// Number is a numeric policy setting and where it came from.
type Number struct {
	Value float64
	Origin
}

// Text is a textual policy setting (a level id, a path) and where it came from.
type Text struct {
	Value string
	Origin
}

// DimensionRule is what a policy asks of one dimension: a minimum score that
// is enforced, and a target that is only reported. Either may be nil.
type DimensionRule struct {
	ID     string
	Min    *Number
	Target *Number
	Origin
}

// Policy is the set of rules cop check applies to an assessment: from a
// policy file (kind: cop-policy), with command-line flags laid over it. A nil
// pointer is a rule that is not set.
type Policy struct {
	// Path is the policy file, or "" when every rule came from flags.
	Path string
	// Framework, when set, is the id of the only framework the policy is for.
	Framework *Text

	MinOverall  *Number // lowest overall score, compared rounded to 2 decimals
	MinLevel    *Text   // lowest overall level, by level id
	MinCoverage *Number // lowest overall coverage, a fraction from 0 to 1
	// MinResponseRate is the lowest share of the invited members who
	// answered, a fraction from 0 to 1 (the round's invited: N).
	MinResponseRate *Number
	MaxAge          *Number // most days between the round's date and today
	// RequireComplete asks for every indicator to be rated or not applicable.
	RequireComplete bool
	// Baseline is an earlier assessment file to compare with; a path in a
	// policy file is relative to the policy file's folder.
	Baseline *Text
	// MaxDrop is the most a score may fall since the baseline (0 when a
	// baseline is given without it).
	MaxDrop *Number

	// MaxOverdue is the most actions that may be past their due date and
	// neither done nor dropped.
	MaxOverdue *Number

	// Warn lists the rules (by their policy keys; "min" for every
	// dimension's minimum) that only warn: when one is not met it is
	// reported as a warning and never fails the check. A community can keep
	// a reminder in CI without turning health into a compliance gate.
	Warn []Text

	// Dimensions holds the per-dimension rules, in the order they were given.
	Dimensions []DimensionRule
}

// WarnOnly reports whether the rule only warns.
func (p *Policy) WarnOnly(rule string) bool {
	for _, w := range p.Warn {
		if w.Value == rule {
			return true
		}
	}
	return false
}

// Dimension returns the rule for a dimension id, or nil.
func (p *Policy) Dimension(id string) *DimensionRule {
	for i := range p.Dimensions {
		if p.Dimensions[i].ID == id {
			return &p.Dimensions[i]
		}
	}
	return nil
}

// SetDimension returns the rule for a dimension id, adding an empty one
// (with the given origin) when there is none.
func (p *Policy) SetDimension(id string, o Origin) *DimensionRule {
	if d := p.Dimension(id); d != nil {
		return d
	}
	p.Dimensions = append(p.Dimensions, DimensionRule{ID: id, Origin: o})
	return &p.Dimensions[len(p.Dimensions)-1]
}

// Empty reports whether the policy asks nothing at all: no rule and no
// target. Checking against an empty policy would pass anything, which is
// never what a CI gate means.
func (p *Policy) Empty() bool {
	if p.MinOverall != nil || p.MinLevel != nil || p.MinCoverage != nil || p.MinResponseRate != nil || p.MaxAge != nil ||
		p.RequireComplete || p.Baseline != nil || p.MaxOverdue != nil {
		return false
	}
	for _, d := range p.Dimensions {
		if d.Min != nil || d.Target != nil {
			return false
		}
	}
	return true
}
