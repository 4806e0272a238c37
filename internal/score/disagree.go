package score

// disagree flags a rated indicator that respondents see differently
// (product.md §3): ratings at least two scale steps apart (the second
// scale value minus the first, times two), or a rating beside
// "not-applicable", where they disagree on whether it applies at all.
// Several members seeing the same thing differently is itself a finding,
// and the report says which of the two it is.
//
// The spread is compared with a hair of tolerance, as roles.go compares its
// gap with a step: on a decimal scale such as 0.1, 0.2, 0.3 the binary
// difference 0.3-0.1 falls just short of 2*(0.2-0.1) that it stands for.
func (ir *Indicator) disagree(step float64) {
	ir.SpreadApart = len(ir.Values) > 1 && ir.Spread >= 2*step-1e-9
	ir.ApplicabilityDisputed = len(ir.Values) > 0 && ir.NotApplicable > 0
	ir.Disagreement = ir.SpreadApart || ir.ApplicabilityDisputed
}
