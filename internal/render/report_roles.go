package render

import (
	"fmt"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// The report's section on roles: each dimension's score by the role
// respondents gave, where two or more roles answered, with the dimensions
// where coordinators and members differ by a scale step or more flagged.
// (The response rate is in report_rate.go.)

// roleHeading is the section's title in every format.
const roleHeading = "By role"

// roleIntro says what the section shows: "Each dimension scored over the
// responses of each role (1 respondent gave no role and is left out)."
func roleIntro(r *score.Roles) string {
	s := "Each dimension scored over the responses of each role"
	if r.NoRole > 0 {
		verb := "gave no role and is"
		if r.NoRole > 1 {
			verb = "gave no role and are"
		}
		s += fmt.Sprintf(" (%s %s left out)", Plural(r.NoRole, "respondent"), verb)
	}
	s += "."
	if r.Compared {
		s += " Gap: the coordinators' score minus the members'."
	}
	return s
}

// roleDiffer names the dimensions where coordinators and members differ by
// one scale step or more, as a sentence, or "" when there are none.
func roleDiffer(r *score.Roles, fw *model.Framework, title func(string) string) string {
	if !r.Compared {
		return ""
	}
	var dims []string
	for _, d := range r.Dimensions {
		if d.Differ {
			dims = append(dims, fmt.Sprintf("%s (%s)", title(d.Dimension.Title), signed(d.Gap.Value)))
		}
	}
	if len(dims) == 0 {
		return fmt.Sprintf("Coordinators and members are less than one scale step (%s) apart on every dimension.", model.FormatNumber(fw.Step()))
	}
	return fmt.Sprintf("Coordinators and members differ by one scale step (%s) or more on %s: %s.",
		model.FormatNumber(fw.Step()), Plural(len(dims), "dimension"), strings.Join(dims, ", "))
}

// signed writes a gap with its sign: +1.92, -0.25, 0.00.
func signed(v float64) string {
	s := Fixed2(v)
	if score.Round2(v) > 0 {
		s = "+" + s
	}
	return s
}

// roleTable is the grid of scores: a row per dimension, a column per role
// and, when coordinators and members both answered, the gap between them
// (coordinators minus members, explained in roleIntro) with "differ" beside
// a gap of a step or more. cell escapes user text for
// the format.
func roleTable(r *score.Roles, cell func(string) string) Table {
	t := Table{Header: []string{"Dimension"}, Align: []Align{Left}}
	for _, role := range r.Roles {
		t.Header = append(t.Header, fmt.Sprintf("%s (%d)", cell(role.Name), role.Respondents))
		t.Align = append(t.Align, Right)
	}
	if r.Compared {
		t.Header = append(t.Header, "Gap")
		t.Align = append(t.Align, Right)
	}
	for _, d := range r.Dimensions {
		row := []string{cell(d.Dimension.Title)}
		for _, s := range d.Scores {
			row = append(row, Score(s))
		}
		if r.Compared {
			gap := "-"
			if d.Gap.Valid {
				gap = signed(d.Gap.Value)
				if d.Differ {
					gap += " differ"
				}
			}
			row = append(row, gap)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// RolesDoc is the JSON shape of the section by role.
type RolesDoc struct {
	Roles []RoleDoc `json:"roles"`
	// NoRole counts the respondents who gave no role.
	NoRole     int                `json:"noRole"`
	Dimensions []RoleDimensionDoc `json:"dimensions"`
}

// RoleDoc is one role and how many respondents gave it.
type RoleDoc struct {
	Role        string `json:"role"`
	Respondents int    `json:"respondents"`
}

// RoleDimensionDoc is one dimension's score for each role, in the order of
// RolesDoc.Roles; gap is the coordinators' score minus the members', null
// unless both have one.
type RoleDimensionDoc struct {
	ID     string     `json:"id"`
	Scores []*float64 `json:"scores"`
	Gap    *float64   `json:"gap"`
	Differ bool       `json:"differ"`
}

// newRolesDoc builds the JSON of the section, or nil when fewer than two
// roles answered.
func newRolesDoc(r *score.Roles) *RolesDoc {
	if r == nil {
		return nil
	}
	doc := &RolesDoc{NoRole: r.NoRole}
	for _, role := range r.Roles {
		doc.Roles = append(doc.Roles, RoleDoc{Role: role.Name, Respondents: role.Respondents})
	}
	for _, d := range r.Dimensions {
		dd := RoleDimensionDoc{ID: d.Dimension.ID, Gap: Rounded(d.Gap), Differ: d.Differ}
		for _, s := range d.Scores {
			dd.Scores = append(dd.Scores, Rounded(s))
		}
		doc.Dimensions = append(doc.Dimensions, dd)
	}
	return doc
}

// htmlRoles is the section as the HTML report shows it.
type htmlRoles struct {
	Intro  string
	Table  *htmlTable
	Differ string
}

// rolesPlain writes the section for a terminal, after the dimensions.
func rolesPlain(p *printer, rep *Report) error {
	r := score.ByRole(rep.Result.Framework, rep.Assessment)
	if r == nil {
		return nil
	}
	p.line("")
	p.line("%s", rep.Style.Bold(roleHeading))
	p.line("%s", Wrap(roleIntro(r), p.width, ""))
	if err := p.flush(); err != nil {
		return err
	}
	t := roleTable(r, OneLine)
	t.MaxWidth = p.width
	if err := t.WritePlain(p.w); err != nil {
		return err
	}
	if s := roleDiffer(r, rep.Result.Framework, OneLine); s != "" {
		p.line("%s", Wrap(s, p.width, ""))
	}
	return p.flush()
}

// rolesMarkdown writes the section in Markdown, after the dimensions.
func rolesMarkdown(p *printer, rep *Report) error {
	r := score.ByRole(rep.Result.Framework, rep.Assessment)
	if r == nil {
		return nil
	}
	p.line("")
	p.line("## %s", roleHeading)
	p.line("")
	p.line("%s", roleIntro(r))
	p.line("")
	if err := p.flush(); err != nil {
		return err
	}
	t := roleTable(r, Markdown)
	if err := t.WriteMarkdown(p.w); err != nil {
		return err
	}
	if s := roleDiffer(r, rep.Result.Framework, Markdown); s != "" {
		p.line("")
		p.line("%s", s)
	}
	return p.flush()
}

// rolesHTML is the section for the HTML report, or nil.
func rolesHTML(rep *Report) *htmlRoles {
	r := score.ByRole(rep.Result.Framework, rep.Assessment)
	if r == nil {
		return nil
	}
	return &htmlRoles{Intro: roleIntro(r), Table: newHTMLTable(roleTable(r, OneLine)), Differ: roleDiffer(r, rep.Result.Framework, OneLine)}
}
