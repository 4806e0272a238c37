package score

import (
	"math"
	"strings"

	"github.com/cophealth/cop/internal/model"
)

// Roles is each dimension scored apart for each role that respondents gave:
// the same arithmetic as Compute, over the responses of one role at a time.
type Roles struct {
	// Roles are the roles in the order they first appear, spelled as
	// first given; roles that differ only in case and spacing are one.
	Roles []Role
	// NoRole counts the respondents who gave no role; they are left out.
	NoRole int
	// Dimensions are in framework order.
	Dimensions []RoleDimension
	// Compared says whether both coordinators and members answered, so
	// that Differ means something.
	Compared bool
}

// Role is one role and how many respondents gave it.
type Role struct {
	Name        string
	Respondents int
}

// RoleDimension is one dimension's score for each role.
type RoleDimension struct {
	Dimension *model.Dimension
	// Scores has one entry per role, in the order of Roles.Roles; an
	// entry is null when that role rated none of the dimension.
	Scores []Number
	// Gap is the coordinators' score minus the members' (rounded scores),
	// valid when both have one.
	Gap Number
	// Differ is set when the gap is at least one scale step either way.
	Differ bool
}

// The roles whose views the report sets side by side. A community's
// coordinators often see it more kindly than its members do.
const (
	CoordinatorRole = "coordinator"
	MemberRole      = "member"
)

// roleKey is how roles are compared: case, extra spaces and a plural s
// do not make a different role.
func roleKey(role string) string {
	k := strings.ToLower(strings.Join(strings.Fields(role), " "))
	if len(k) > 1 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") {
		k = strings.TrimSuffix(k, "s")
	}
	return k
}

// ByRole scores each dimension over the responses of each role. It returns
// nil when fewer than two roles answered: there is nothing to compare.
func ByRole(fw *model.Framework, a *model.Assessment) *Roles {
	out := &Roles{}
	index := map[string]int{}
	var groups [][]model.Response
	for _, r := range a.Responses {
		if strings.TrimSpace(r.Role) == "" {
			out.NoRole++
			continue
		}
		k := roleKey(r.Role)
		i, ok := index[k]
		if !ok {
			i = len(out.Roles)
			index[k] = i
			out.Roles = append(out.Roles, Role{Name: strings.Join(strings.Fields(r.Role), " ")})
			groups = append(groups, nil)
		}
		out.Roles[i].Respondents++
		groups[i] = append(groups[i], r)
	}
	if len(out.Roles) < 2 {
		return nil
	}
	results := make([]*Result, len(groups))
	for i, g := range groups {
		sub := *a
		sub.Responses = g
		results[i] = Compute(fw, &sub)
	}
	ci, hasC := index[CoordinatorRole]
	mi, hasM := index[MemberRole]
	out.Compared = hasC && hasM
	step := fw.Step()
	for di := range fw.Dimensions {
		rd := RoleDimension{Dimension: &fw.Dimensions[di], Scores: make([]Number, len(groups))}
		for i, res := range results {
			rd.Scores[i] = res.Dimensions[di].Score
		}
		if out.Compared && rd.Scores[ci].Valid && rd.Scores[mi].Valid {
			// The rounded scores, so that the flag agrees with the
			// numbers the reader sees.
			gap := Round2(rd.Scores[ci].Value) - Round2(rd.Scores[mi].Value)
			rd.Gap = some(gap)
			rd.Differ = math.Abs(gap) >= step-1e-9
		}
		out.Dimensions = append(out.Dimensions, rd)
	}
	return out
}
