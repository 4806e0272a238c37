// Package compare lines up assessment rounds for cop compare: several
// communities side by side, or one community over time. Rounds read with
// different versions of one framework are aligned by dimension id; what
// cannot be aligned is marked not comparable, never scored as 0. It keeps
// only the scores of each round (Round), does no I/O, and names no
// framework's ids.
package compare

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// Round is what cop compare keeps of one assessment file: its scores, not
// its answers or notes, so that thousands of rounds take little memory.
// Levels point into Framework, which rounds read with the same framework
// share.
type Round struct {
	File        string
	Community   string
	Date        time.Time
	Version     string           // the framework version the file names
	Framework   *model.Framework // the framework the file was read with
	Respondents int
	Overall     Score
	Dimensions  []DimensionScore // in the framework's order
}

// Score is a score with its level, coverage and status.
type Score struct {
	Status   score.Status
	Score    score.Number
	Level    *model.Level
	Coverage score.Number
}

// DimensionScore is one dimension's score in a round.
type DimensionScore struct {
	ID string
	Score
}

// Summarize keeps the scores of a scored assessment and nothing else.
func Summarize(file string, a *model.Assessment, res *score.Result) *Round {
	r := &Round{
		File:        file,
		Community:   strings.Clone(a.Community),
		Date:        a.Date,
		Version:     strings.Clone(a.Framework.Version),
		Framework:   res.Framework,
		Respondents: res.Respondents,
		Dimensions:  make([]DimensionScore, len(res.Dimensions)),
	}
	o := res.Overall
	r.Overall = Score{Status: score.Rated, Score: o.Score, Level: o.Level, Coverage: o.Coverage}
	switch {
	case !o.Coverage.Valid:
		r.Overall.Status = score.Excluded
	case !o.Score.Valid:
		r.Overall.Status = score.Unrated
	}
	for i, d := range res.Dimensions {
		r.Dimensions[i] = DimensionScore{ID: d.Dimension.ID, Score: Score{Status: d.Status, Score: d.Score, Level: d.Level, Coverage: d.Coverage}}
	}
	return r
}

// dimension returns the round's score for a dimension id, or false when the
// round's framework has no such dimension.
func (r *Round) dimension(id string) (Score, bool) {
	for _, d := range r.Dimensions {
		if d.ID == id {
			return d.Score, true
		}
	}
	return Score{}, false
}

// CommunityKey is how rounds are grouped into communities: names are the
// same community when they match ignoring case and extra white space, so
// "Riverside  nurses " and "Riverside Nurses" are one community.
func CommunityKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// NaturalCompare orders two names as a person would: runs of digits are
// compared as numbers, so "Community 2" comes before "Community 10", and
// everything else by character. Equal numbers written differently ("07"
// and "7") go by the shorter first, so that no two different names
// compare equal. Callers lower-case the names for a case-insensitive
// order (CommunityKey).
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			da, db := digitRun(a), digitRun(b)
			// Leading zeros do not change the number; then a longer run
			// is a larger number, and runs of one length compare as text.
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb), cmp.Compare(da, db)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		// Byte by byte: UTF-8 bytes sort as their characters do, and no
		// byte inside a multi-byte character is an ASCII digit.
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun is the length of the run of ASCII digits that s starts with.
func digitRun(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// Mode is the shape of a comparison.
type Mode string

// The two shapes.
const (
	// SideBySide puts several communities beside each other.
	SideBySide Mode = "side-by-side"
	// OverTime shows one community's rounds in date order.
	OverTime Mode = "over-time"
)

// The sort orders other than a dimension id.
const (
	SortName    = "name"
	SortOverall = "overall"
)

// Options choose what a comparison shows.
type Options struct {
	// AllRounds shows every round of each community side by side, not only
	// its latest.
	AllRounds bool
	// Sort orders the communities: SortName (the default), SortOverall, or
	// a dimension id, highest score first.
	Sort string
}

// Comparison is the grid cop compare prints: a column per round shown, a
// row per dimension.
type Comparison struct {
	Mode        Mode
	FrameworkID string
	// Versions are the versions of the frameworks the shown rounds were
	// read with, oldest first.
	Versions []string
	// Communities counts the communities among the rounds read.
	Communities int
	// AllRounds is set when every round of each community is shown side
	// by side, not only the latest.
	AllRounds bool
	// RoundsRead counts the rounds read, shown or not.
	RoundsRead int
	Sort       string
	Rows       []Row
	Columns    []Column
	Unaligned  Unaligned
}

// Row is one dimension, over the union of the compared frameworks.
type Row struct {
	ID    string
	Title string
	// InAll is set when every compared framework has the dimension; when
	// not, the rounds without it show it as not comparable.
	InAll bool
	// SameIndicators is set when every compared framework that has the
	// dimension gives it the same indicator ids, so that its scores are
	// over the same indicators.
	SameIndicators bool
}

// Column is one round and its cells.
type Column struct {
	Round *Round
	// Community is the community's name as its latest round spells it, the
	// same for all its columns.
	Community string
	// Previous is the community's previous round among those shown (over
	// time, or with AllRounds), or nil.
	Previous   *Round
	Dimensions []Cell // one per Row
	Overall    Cell
}

// Cell is one score in the grid.
type Cell struct {
	// Comparable is false when the round's framework has no such dimension.
	Comparable bool
	Score
	// Change is the change since the previous round, rounded scores minus
	// rounded scores, so that it matches the numbers shown; null when there
	// is no previous round or either score is null or not comparable.
	Change score.Number
	// ChangeComparable is false when there is a previous round but its
	// framework has no such dimension (or this one has not).
	ChangeComparable bool
}

// Unaligned lists what could not be aligned across the compared
// frameworks' versions.
type Unaligned struct {
	// Dimensions are in some compared frameworks but not all.
	Dimensions []Missing
	// Indicators (as dimension.indicator) belong to dimensions that every
	// compared framework has, but are not in all of them.
	Indicators []Missing
}

// Count is the number of dimensions and indicators that could not be aligned.
func (u Unaligned) Count() int { return len(u.Dimensions) + len(u.Indicators) }

// Missing is an id that only some framework versions have.
type Missing struct {
	ID string
	// In lists the versions that have it, oldest first.
	In []string
}

// Build lines rounds up. Exactly one community among the rounds gives its
// rounds over time, in date order, each with the change since the one
// before; several give each community's latest round side by side (every
// round, with opts.AllRounds), sorted by opts.Sort. It is an error for the
// rounds to use different frameworks (by id), for one community to have
// two rounds on the same date, and to sort by an unknown dimension.
func Build(rounds []*Round, opts Options) (*Comparison, error) {
	if len(rounds) == 0 {
		return nil, errors.New("no rounds to compare")
	}
	if err := oneFramework(rounds); err != nil {
		return nil, err
	}
	groups, err := communities(rounds)
	if err != nil {
		return nil, err
	}
	c := &Comparison{
		FrameworkID: rounds[0].Framework.ID,
		Communities: len(groups),
		RoundsRead:  len(rounds),
		Sort:        cmp.Or(opts.Sort, SortName),
		Mode:        SideBySide,
		AllRounds:   opts.AllRounds,
	}
	if len(groups) == 1 {
		c.Mode = OverTime
	}
	var shown [][]*Round
	for _, g := range groups {
		if c.Mode == OverTime || opts.AllRounds {
			shown = append(shown, g)
		} else {
			shown = append(shown, g[len(g)-1:])
		}
	}
	var fws []*model.Framework
	for _, g := range shown {
		for _, r := range g {
			if !slices.Contains(fws, r.Framework) {
				fws = append(fws, r.Framework)
			}
		}
	}
	slices.SortStableFunc(fws, func(a, b *model.Framework) int { return model.CompareVersions(a.Version, b.Version) })
	for _, f := range fws {
		c.Versions = append(c.Versions, f.Version)
	}
	c.Rows, c.Unaligned = align(fws)
	if c.Mode == SideBySide {
		if err := c.sortGroups(groups, shown); err != nil {
			return nil, err
		}
	}
	for gi, g := range shown {
		name := strings.Join(strings.Fields(groups[gi][len(groups[gi])-1].Community), " ")
		for i, r := range g {
			col := Column{Round: r, Community: name}
			if i > 0 {
				col.Previous = g[i-1]
			}
			col.Overall = cell(r.Overall, true, col.Previous, func(p *Round) (Score, bool) { return p.Overall, true })
			for _, row := range c.Rows {
				s, ok := r.dimension(row.ID)
				col.Dimensions = append(col.Dimensions, cell(s, ok, col.Previous, func(p *Round) (Score, bool) { return p.dimension(row.ID) }))
			}
			c.Columns = append(c.Columns, col)
		}
	}
	return c, nil
}

// cell builds a cell and its change since prev, whose score of the same
// row prevScore finds.
func cell(s Score, comparable bool, prev *Round, prevScore func(*Round) (Score, bool)) Cell {
	out := Cell{Comparable: comparable, ChangeComparable: comparable || prev == nil}
	if !comparable {
		return out
	}
	out.Score = s
	if prev == nil {
		return out
	}
	p, ok := prevScore(prev)
	if !ok {
		out.ChangeComparable = false
		return out
	}
	if s.Score.Valid && p.Score.Valid {
		out.Change = score.Number{Value: score.Round2(score.Round2(s.Score.Value) - score.Round2(p.Score.Value)), Valid: true}
	}
	return out
}

// oneFramework refuses rounds of different frameworks, naming the files.
func oneFramework(rounds []*Round) error {
	byID := map[string][]string{}
	var ids []string
	for _, r := range rounds {
		id := r.Framework.ID
		if _, ok := byID[id]; !ok {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], r.File)
	}
	if len(ids) == 1 {
		return nil
	}
	var b strings.Builder
	b.WriteString("the files use different frameworks; compare rounds of one framework at a time:")
	for _, id := range ids {
		fmt.Fprintf(&b, "\n  %s: %s", id, Files(byID[id], 3))
	}
	return errors.New(b.String())
}

// communities groups rounds by CommunityKey, each group in date order and
// the groups in order of first appearance, and refuses two rounds of one
// community on the same date.
func communities(rounds []*Round) ([][]*Round, error) {
	index := map[string]int{}
	var groups [][]*Round
	for _, r := range rounds {
		k := CommunityKey(r.Community)
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	var clashes []string
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b *Round) int { return a.Date.Compare(b.Date) })
		for i := 1; i < len(g); i++ {
			if g[i].Date.Equal(g[i-1].Date) {
				clashes = append(clashes, fmt.Sprintf("%q has two rounds on %s: %s and %s",
					strings.Join(strings.Fields(g[i-1].Community), " "), g[i].Date.Format(model.DateLayout), inert.Line(g[i-1].File), inert.Line(g[i].File)))
			}
		}
	}
	if len(clashes) > 0 {
		return nil, errors.New(strings.Join(clashes, "\n") +
			"\n(a round is one file; join respondents' files with cop merge, or compare the files apart)")
	}
	return groups, nil
}

// align builds the rows from frameworks sorted oldest first: the newest
// version's dimensions in its order, then any that only older versions
// have, newest first.
func align(fws []*model.Framework) ([]Row, Unaligned) {
	var rows []Row
	var u Unaligned
	seen := map[string]bool{}
	for i := len(fws) - 1; i >= 0; i-- {
		for _, d := range fws[i].Dimensions {
			if seen[d.ID] {
				continue
			}
			seen[d.ID] = true
			row := Row{ID: d.ID, Title: d.Title, InAll: true, SameIndicators: true}
			var in []string
			type version struct {
				number string
				dim    *model.Dimension
			}
			var having []version
			for _, f := range fws {
				if fd := f.Dimension(d.ID); fd != nil {
					in = append(in, f.Version)
					having = append(having, version{f.Version, fd})
				} else {
					row.InAll = false
				}
			}
			if !row.InAll {
				u.Dimensions = append(u.Dimensions, Missing{ID: d.ID, In: in})
			}
			dims := make([]*model.Dimension, len(having))
			for j, h := range having {
				dims[j] = h.dim
			}
			for _, ind := range indicatorUnion(dims) {
				var inds []string
				for _, h := range having {
					if h.dim.Indicator(ind) != nil {
						inds = append(inds, h.number)
					}
				}
				if len(inds) < len(having) {
					row.SameIndicators = false
					if row.InAll {
						u.Indicators = append(u.Indicators, Missing{ID: d.ID + "." + ind, In: inds})
					}
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, u
}

// indicatorUnion lists the indicator ids of several versions of one
// dimension, the newest version's first.
func indicatorUnion(dims []*model.Dimension) []string {
	var ids []string
	for i := len(dims) - 1; i >= 0; i-- {
		for _, ind := range dims[i].Indicators {
			if !slices.Contains(ids, ind.ID) {
				ids = append(ids, ind.ID)
			}
		}
	}
	return ids
}

// sortGroups orders the communities, keeping groups and shown in step.
func (c *Comparison) sortGroups(groups, shown [][]*Round) error {
	var value func(*Round) (float64, bool)
	switch c.Sort {
	case SortName:
	case SortOverall:
		value = func(r *Round) (float64, bool) { return score.Round2(r.Overall.Score.Value), r.Overall.Score.Valid }
	default:
		if !slices.ContainsFunc(c.Rows, func(row Row) bool { return row.ID == c.Sort }) {
			ids := make([]string, len(c.Rows))
			for i, row := range c.Rows {
				ids[i] = row.ID
			}
			return fmt.Errorf("cannot sort by %q: expected %s, %s or a dimension id (%s)", c.Sort, SortName, SortOverall, strings.Join(ids, ", "))
		}
		id := c.Sort
		value = func(r *Round) (float64, bool) {
			s, ok := r.dimension(id)
			return score.Round2(s.Score.Value), ok && s.Score.Valid
		}
	}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	name := func(i int) string { return groups[i][len(groups[i])-1].Community }
	slices.SortStableFunc(order, func(a, b int) int {
		if value != nil {
			va, oka := value(groups[a][len(groups[a])-1])
			vb, okb := value(groups[b][len(groups[b])-1])
			switch {
			case oka && !okb:
				return -1
			case !oka && okb:
				return 1
			case oka && okb && va != vb:
				return cmp.Compare(vb, va) // highest first
			}
		}
		return cmp.Or(NaturalCompare(CommunityKey(name(a)), CommunityKey(name(b))), cmp.Compare(name(a), name(b)))
	})
	g2, s2 := make([][]*Round, len(order)), make([][]*Round, len(order))
	for i, o := range order {
		g2[i], s2[i] = groups[o], shown[o]
	}
	copy(groups, g2)
	copy(shown, s2)
	return nil
}

// Files names up to n files, and how many more there are.
func Files(files []string, n int) string {
	shown := make([]string, 0, min(len(files), n))
	for _, f := range files[:min(len(files), n)] {
		// A file name may hold a line break or an escape: it stays on
		// its line and moves no cursor (package inert).
		shown = append(shown, inert.Line(f))
	}
	if len(files) <= n {
		return strings.Join(shown, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(shown, ", "), len(files)-n)
}
