// Package model holds cop's data: frameworks, assessments and policies, as
// loaded from YAML and before any scoring. The types carry the position of
// each element in its file so that later stages can point users at a line.
package model

import (
	"strconv"
	"strings"
)

// Pos is a position in a file, 1-based; a zero Line means unknown.
type Pos struct {
	Line int
	Col  int
}

// Framework is a maturity framework: a rating scale, maturity levels, and
// dimensions made of indicators. Frameworks are data; no code names their ids.
type Framework struct {
	ID          string
	Version     string
	Title       string
	Description string
	Scale       []ScalePoint
	Levels      []Level
	Dimensions  []Dimension

	// Source names where the framework came from: a file path, or
	// "embedded:NAME" for one built into cop.
	Source string
}

// ScalePoint is one answer on the rating scale.
type ScalePoint struct {
	Value       float64
	Label       string
	Description string
}

// Level is a maturity band: a score of at least Min (rounded to 2 decimals)
// reaches it.
type Level struct {
	ID          string
	Label       string
	Min         float64
	Description string
	// MinEach, when set, is what every dimension with a score must also
	// reach (rounded to 2 decimals) for the overall score to count at this
	// level: a fitness test passes only when each of its parts passes, not
	// only their average.
	MinEach *float64
	Pos     Pos
}

// Dimension is one area of health, scored from its indicators.
type Dimension struct {
	ID          string
	Title       string
	Description string
	Weight      float64
	Indicators  []Indicator
	Pos         Pos
}

// Indicator is one statement of what good looks like, rated on the scale.
type Indicator struct {
	ID        string
	Title     string
	Statement string
	Guidance  string
	// GuidanceByLevel maps a level id to what fits a community at that
	// stage; nil when the framework gives guidance for every stage alike.
	GuidanceByLevel map[string]string
	Weight          float64
	Pos             Pos
}

// GuidanceFor returns the guidance that fits a community at the level with
// this id: its entry in GuidanceByLevel, else the general guidance. A young
// community finds its value and its people before it writes plans, so the
// same low score calls for different first steps at different stages.
// forLevel says whether the text is the level's own, so that a report can
// name the stage it was written for.
func (ind *Indicator) GuidanceFor(level string) (text string, forLevel bool) {
	if g, ok := ind.GuidanceByLevel[level]; ok && g != "" {
		return g, true
	}
	return ind.Guidance, false
}

// Dimension returns the dimension with the given id, or nil.
func (f *Framework) Dimension(id string) *Dimension {
	for i := range f.Dimensions {
		if f.Dimensions[i].ID == id {
			return &f.Dimensions[i]
		}
	}
	return nil
}

// Indicator returns the indicator with the given id in this dimension, or nil.
func (d *Dimension) Indicator(id string) *Indicator {
	for i := range d.Indicators {
		if d.Indicators[i].ID == id {
			return &d.Indicators[i]
		}
	}
	return nil
}

// IndicatorCount is the number of indicators over all dimensions.
func (f *Framework) IndicatorCount() int {
	n := 0
	for _, d := range f.Dimensions {
		n += len(d.Indicators)
	}
	return n
}

// DimensionIDs lists the dimension ids in framework order.
func (f *Framework) DimensionIDs() []string {
	ids := make([]string, len(f.Dimensions))
	for i, d := range f.Dimensions {
		ids[i] = d.ID
	}
	return ids
}

// IndicatorIDs lists the indicator ids of a dimension in framework order.
func (d *Dimension) IndicatorIDs() []string {
	ids := make([]string, len(d.Indicators))
	for i, ind := range d.Indicators {
		ids[i] = ind.ID
	}
	return ids
}

// LevelIDs lists the level ids, lowest first.
func (f *Framework) LevelIDs() []string {
	ids := make([]string, len(f.Levels))
	for i, l := range f.Levels {
		ids[i] = l.ID
	}
	return ids
}

// ScalePoint returns the scale answer with exactly this value, if any.
func (f *Framework) ScalePoint(v float64) (ScalePoint, bool) {
	for _, p := range f.Scale {
		if p.Value == v {
			return p, true
		}
	}
	return ScalePoint{}, false
}

// ScaleMin is the lowest scale value.
func (f *Framework) ScaleMin() float64 { return f.Scale[0].Value }

// ScaleMax is the highest scale value.
func (f *Framework) ScaleMax() float64 { return f.Scale[len(f.Scale)-1].Value }

// Step is one scale step: the second scale value minus the first. Two steps
// of spread between respondents count as a disagreement.
func (f *Framework) Step() float64 { return f.Scale[1].Value - f.Scale[0].Value }

// Level returns the level reached by a score already rounded to 2 decimals:
// the highest level whose Min is at most the score. A score below the first
// level's Min (impossible for a valid framework) gets the first level.
func (f *Framework) Level(rounded float64) *Level {
	best := &f.Levels[0]
	for i := range f.Levels {
		if f.Levels[i].Min <= rounded {
			best = &f.Levels[i]
		}
	}
	return best
}

// LevelByID returns the level with this id, or nil.
func (f *Framework) LevelByID(id string) *Level {
	for i := range f.Levels {
		if f.Levels[i].ID == id {
			return &f.Levels[i]
		}
	}
	return nil
}

// ScaleSummary describes the accepted answers for messages, such as
// "0-4, unknown, not-applicable" or "0, 0.5, 1, unknown, not-applicable".
func (f *Framework) ScaleSummary() string {
	consecutive := true
	for i, p := range f.Scale {
		if p.Value != float64(int64(p.Value)) || (i > 0 && p.Value != f.Scale[i-1].Value+1) {
			consecutive = false
			break
		}
	}
	var parts []string
	if consecutive && len(f.Scale) > 2 {
		parts = append(parts, FormatNumber(f.ScaleMin())+"-"+FormatNumber(f.ScaleMax()))
	} else {
		for _, p := range f.Scale {
			parts = append(parts, FormatNumber(p.Value))
		}
	}
	parts = append(parts, Unknown, NotApplicable)
	return strings.Join(parts, ", ")
}

// FormatNumber writes a number as short as it can be read back exactly:
// 3, 2.5, 0.125.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// MaxWeight is the largest weight a framework may give a dimension or an
// indicator. Weights are relative, so no framework needs more; far larger
// ones (1e308) would overflow the weighted means into a score that is not
// a number.
const MaxWeight = 1e6
