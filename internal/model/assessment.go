package model

import (
	"fmt"
	"strings"
	"time"
)

// The two answers that stand beside every scale.
const (
	Unknown       = "unknown"
	NotApplicable = "not-applicable"
)

// AssessmentKind and the other kinds are the values of a file's "kind" key.
const (
	AssessmentKind = "cop-assessment"
	FrameworkKind  = "cop-framework"
	PolicyKind     = "cop-policy"
)

// AssessmentVersion is the assessment file format this cop reads and writes.
const AssessmentVersion = 1

// DateLayout is the layout of dates in files: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// ParseDate reads a date as written in files and on the command line,
// YYYY-MM-DD, ignoring spaces around it. Its error says what was expected.
func ParseDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	t, err := time.Parse(DateLayout, v)
	if err != nil || len(v) != len(DateLayout) {
		return time.Time{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD, such as 2026-11-22)", v)
	}
	return t, nil
}

// Assessment is one assessment round of one community: one or more responses
// rated against one framework.
type Assessment struct {
	Community string
	Date      time.Time
	Framework FrameworkRef
	// Invited is how many members were asked to answer; 0 when not given.
	// Fewer invited than responses is a loader warning, not an error: the
	// count is the coordinator's and may be stale, the answers are facts.
	Invited int
	// Draft marks answers saved part way (draft: true, as the questionnaire
	// page of cop form writes in a draft): they report and validate like
	// any round, but cop merge refuses them.
	Draft     bool
	Responses []Response
	// Actions are what the community agreed to do after this round, in the
	// order of the file.
	Actions []Action

	// Path is the file the assessment was read from, if any.
	Path string
	// Pos holds the positions of top-level keys, for pointing at them later.
	CommunityPos Pos
	DatePos      Pos
	InvitedPos   Pos
}

// The statuses of an action. An action written without one is planned.
const (
	ActionPlanned = "planned"
	ActionDoing   = "doing"
	ActionDone    = "done"
	ActionDropped = "dropped"
)

// ActionStatuses lists the statuses in the order a plan moves through them.
func ActionStatuses() []string {
	return []string{ActionPlanned, ActionDoing, ActionDone, ActionDropped}
}

// Action is one thing a community agreed to do after a round, about one
// indicator or a whole dimension.
type Action struct {
	Dimension string
	// Indicator is empty for an action about the whole dimension.
	Indicator string
	What      string
	Owner     string // empty when not given
	// Due is the date it should be done by; the zero time when not given.
	Due    time.Time
	Status string // one of ActionStatuses; planned when the file gives none
	Pos    Pos
}

// Target is how the action names what it is about in a file: dim/ind, or
// the dimension id alone.
func (a Action) Target() string {
	if a.Indicator == "" {
		return a.Dimension
	}
	return a.Dimension + "/" + a.Indicator
}

// FrameworkRef names the framework an assessment was made with.
type FrameworkRef struct {
	ID      string
	Version string
	Pos     Pos
}

// Response is one respondent's answers.
type Response struct {
	Respondent string
	Role       string
	// Ratings maps dimension id to indicator id to the answer. An indicator
	// that is absent is unanswered.
	Ratings map[string]map[string]Rating
	// Notes maps dimension id to free text.
	Notes map[string]string
	// IndicatorNotes maps dimension id to indicator id to free text.
	IndicatorNotes map[string]map[string]string
	// DimensionPos is where each dimension's ratings start in the file.
	DimensionPos map[string]Pos
	Pos          Pos
}

// RatingKind says what sort of answer a rating is.
type RatingKind uint8

// The kinds of answer. The zero value is an unanswered indicator.
const (
	Unanswered RatingKind = iota
	Scored
	UnknownAnswer
	NotApplicableAnswer
)

// Rating is one answer to one indicator.
type Rating struct {
	Kind  RatingKind
	Value float64 // meaningful when Kind is Scored
	Pos   Pos
}

// String writes a rating as it appears in a file.
func (r Rating) String() string {
	switch r.Kind {
	case Scored:
		return FormatNumber(r.Value)
	case UnknownAnswer:
		return Unknown
	case NotApplicableAnswer:
		return NotApplicable
	default:
		return ""
	}
}

// Rating returns a response's answer to an indicator (zero when unanswered).
func (r *Response) Rating(dimension, indicator string) Rating {
	return r.Ratings[dimension][indicator]
}

// SetRating records an answer, creating the dimension's map as needed.
func (r *Response) SetRating(dimension, indicator string, rating Rating) {
	if r.Ratings == nil {
		r.Ratings = map[string]map[string]Rating{}
	}
	m := r.Ratings[dimension]
	if m == nil {
		m = map[string]Rating{}
		r.Ratings[dimension] = m
	}
	m[indicator] = rating
}

// DimensionLine returns the first line in the file where the dimension is
// rated by any response, or 0 when it is not.
func (a *Assessment) DimensionLine(dimension string) int {
	for _, r := range a.Responses {
		if p, ok := r.DimensionPos[dimension]; ok && p.Line > 0 {
			return p.Line
		}
	}
	return 0
}
