// Package score computes an assessment's scores, levels and coverage from
// its ratings, as documented in the README ("How scores are computed"). It
// does no I/O: the same inputs always give the same result.
package score

import (
	"math"
	"sort"

	"github.com/cophealth/cop/internal/model"
)

// Status says whether an indicator or dimension has a score.
type Status string

// The statuses, as written in JSON output.
const (
	// Rated means at least one scale value was given.
	Rated Status = "rated"
	// Unrated means no scale value and not excluded: only "unknown" or no answer.
	Unrated Status = "unrated"
	// Excluded means every response said "not-applicable": none "unknown",
	// none left it unanswered.
	Excluded Status = "excluded"
)

// Number is a number that may be absent: a null score or coverage.
type Number struct {
	Value float64
	Valid bool
}

func some(v float64) Number { return Number{Value: v, Valid: true} }

// Indicator is the result for one indicator over all responses of a file.
type Indicator struct {
	Indicator *model.Indicator
	Status    Status
	// Values are the scale values given, in response order.
	Values []float64
	// Score is the mean of Values (when Status is Rated).
	Score float64
	// Spread is the highest value given minus the lowest.
	Spread float64
	// Counts of the other answers.
	Unknown, NotApplicable, Unanswered int
	// Disagreement is set when respondents see the indicator differently:
	// SpreadApart (ratings two scale steps or more apart) or
	// ApplicabilityDisputed (rated by some, not applicable to others).
	Disagreement                       bool
	SpreadApart, ApplicabilityDisputed bool
}

// Dimension is the result for one dimension.
type Dimension struct {
	Dimension  *model.Dimension
	Status     Status
	Score      Number
	Level      *model.Level // nil when Score is null
	Coverage   Number       // null when the dimension is excluded
	Rated      int          // indicators rated
	Excluded   int          // indicators excluded
	Indicators []Indicator
}

// Overall is the result over all dimensions.
type Overall struct {
	Score Number
	Level *model.Level
	// ScoreLevel is the level the score alone reaches; it is above Level
	// when a dimension falls short of the level's min-each (HeldBack).
	ScoreLevel *model.Level
	HeldBack   []HeldBack
	Coverage   Number
	Rated      int // indicators rated, over all dimensions
	Excluded   int // indicators excluded, over all dimensions
	Total      int // indicators in the framework
}

// Result is an assessment's full score.
type Result struct {
	Framework   *model.Framework
	Respondents int
	Overall     Overall
	Dimensions  []Dimension
}

// Compute scores an assessment against its framework (the README's rules):
//
//   - an indicator is rated when some response gives a scale value; its
//     score is their mean and its spread their max minus min. It is excluded
//     only when every response says not-applicable; otherwise it is unrated.
//     A missing answer counts like unknown: one member's not-applicable
//     beside another's silence is a gap in what the community knows, not
//     agreement that the indicator does not apply.
//   - a dimension's score is the weighted mean (indicator weights) of its
//     rated indicators' scores, null when none is rated; its coverage is
//     rated / (indicators - excluded), and when every indicator is excluded
//     the dimension is excluded, with null score and coverage.
//   - the overall score is the weighted mean (dimension weights) of the
//     non-null dimension scores; overall coverage is rated / (all indicators
//   - excluded).
//   - a level is the highest whose min is at most the score rounded to 2
//     decimals; the overall level must also have every scored dimension at
//     its min-each, when it has one (levels.go).
//   - an indicator is a disagreement when its ratings are two scale steps
//     apart, or when it is rated beside not-applicable (disagree.go).
//
// Scores are kept unrounded; only levels use the rounded value, and
// renderers round when they print.
func Compute(fw *model.Framework, a *model.Assessment) *Result {
	res := &Result{Framework: fw, Respondents: len(a.Responses)}
	step := fw.Step()
	var dimSum, dimWeights float64
	for di := range fw.Dimensions {
		dim := &fw.Dimensions[di]
		dr := Dimension{Dimension: dim, Indicators: make([]Indicator, len(dim.Indicators))}
		var sum, weights float64
		for ii := range dim.Indicators {
			ind := &dim.Indicators[ii]
			ir := indicator(ind, dim.ID, a.Responses, step)
			switch ir.Status {
			case Rated:
				dr.Rated++
				sum += ind.Weight * ir.Score
				weights += ind.Weight
			case Excluded:
				dr.Excluded++
			}
			dr.Indicators[ii] = ir
		}
		applicable := len(dim.Indicators) - dr.Excluded
		switch {
		case applicable == 0:
			dr.Status = Excluded
		case dr.Rated == 0:
			dr.Status = Unrated
			dr.Coverage = some(0)
		default:
			dr.Status = Rated
			dr.Score = some(sum / weights)
			dr.Level = fw.Level(Round2(dr.Score.Value))
			dr.Coverage = some(float64(dr.Rated) / float64(applicable))
			dimSum += dim.Weight * dr.Score.Value
			dimWeights += dim.Weight
		}
		res.Overall.Rated += dr.Rated
		res.Overall.Excluded += dr.Excluded
		res.Overall.Total += len(dim.Indicators)
		res.Dimensions = append(res.Dimensions, dr)
	}
	if dimWeights > 0 {
		res.Overall.Score = some(dimSum / dimWeights)
		res.overallLevel()
	}
	if applicable := res.Overall.Total - res.Overall.Excluded; applicable > 0 {
		res.Overall.Coverage = some(float64(res.Overall.Rated) / float64(applicable))
	}
	return res
}

func indicator(ind *model.Indicator, dim string, responses []model.Response, step float64) Indicator {
	ir := Indicator{Indicator: ind}
	var sum, lo, hi float64
	for i := range responses {
		r := responses[i].Rating(dim, ind.ID)
		switch r.Kind {
		case model.Scored:
			if len(ir.Values) == 0 || r.Value < lo {
				lo = r.Value
			}
			if len(ir.Values) == 0 || r.Value > hi {
				hi = r.Value
			}
			ir.Values = append(ir.Values, r.Value)
			sum += r.Value
		case model.UnknownAnswer:
			ir.Unknown++
		case model.NotApplicableAnswer:
			ir.NotApplicable++
		default:
			ir.Unanswered++
		}
	}
	switch {
	case len(ir.Values) > 0:
		ir.Status = Rated
		ir.Score = sum / float64(len(ir.Values))
		ir.Spread = hi - lo
		ir.disagree(step)
	case ir.NotApplicable > 0 && ir.Unknown == 0 && ir.Unanswered == 0:
		ir.Status = Excluded
	default:
		ir.Status = Unrated
	}
	return ir
}

// Round2 rounds to 2 decimals, halves away from zero, as every score and
// coverage is shown and written: 1.995 becomes 2.00 and 2.675 becomes 2.68.
// Scores are means of decimals, so a binary value a hair below a half (such
// as 2.675, stored as 2.67499999999999982...) is taken to be the half it
// stands for; no real score lies within 1e-9 of a half without being one.
func Round2(v float64) float64 {
	if v < 0 {
		return -Round2(-v)
	}
	x := v * 100
	n := math.Floor(x)
	if x-n >= 0.5-1e-9 {
		n++
	}
	return n / 100
}

// Ref points at one indicator result within a Result.
type Ref struct {
	Dimension *Dimension
	*Indicator
}

// Weakest returns up to n rated indicators with the lowest scores, lowest
// first (ties in framework order), leaving out any at the top of the scale:
// they are where guidance is most useful.
func (r *Result) Weakest(n int) []Ref {
	var refs []Ref
	for di := range r.Dimensions {
		d := &r.Dimensions[di]
		for ii := range d.Indicators {
			ind := &d.Indicators[ii]
			if ind.Status == Rated && Round2(ind.Score) < r.Framework.ScaleMax() {
				refs = append(refs, Ref{d, ind})
			}
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return Round2(refs[i].Score) < Round2(refs[j].Score) })
	if len(refs) > n {
		refs = refs[:n]
	}
	return refs
}

// Disagreements returns the rated indicators whose spread is at least two
// scale steps, in framework order.
func (r *Result) Disagreements() []Ref {
	return r.filter(func(ind *Indicator) bool { return ind.Disagreement })
}

// Unrated returns the indicators with no score and not excluded: answered
// only "unknown", or not answered at all, in framework order.
func (r *Result) Unrated() []Ref {
	return r.filter(func(ind *Indicator) bool { return ind.Status == Unrated })
}

func (r *Result) filter(keep func(*Indicator) bool) []Ref {
	var refs []Ref
	for di := range r.Dimensions {
		d := &r.Dimensions[di]
		for ii := range d.Indicators {
			if keep(&d.Indicators[ii]) {
				refs = append(refs, Ref{d, &d.Indicators[ii]})
			}
		}
	}
	return refs
}

// Dimension returns the result for a dimension id, or nil.
func (r *Result) Dimension(id string) *Dimension {
	for i := range r.Dimensions {
		if r.Dimensions[i].Dimension.ID == id {
			return &r.Dimensions[i]
		}
	}
	return nil
}
