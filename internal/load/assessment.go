package load

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// Resolver finds the framework an assessment names by id. Its error is
// shown at the position of the framework id in the file.
type Resolver func(id string) (*model.Framework, error)

// Loaded is an assessment together with the framework it was checked
// against and any warnings that did not stop it from loading.
type Loaded struct {
	Assessment *model.Assessment
	Framework  *model.Framework
	Warnings   []*Warning
}

// AssessmentFile reads and decodes an assessment file.
func AssessmentFile(path string, resolve Resolver) (*Loaded, error) {
	doc, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return Assessment(doc, resolve)
}

// AssessmentBytes decodes an assessment from the bytes of a file called name.
func AssessmentBytes(name string, data []byte, resolve Resolver) (*Loaded, error) {
	doc, err := ParseBytes(name, data)
	if err != nil {
		return nil, err
	}
	return Assessment(doc, resolve)
}

// Assessment decodes and checks an assessment against its framework: known
// keys only, a non-empty community, a YYYY-MM-DD date, a framework that can be
// found, and ratings that name the framework's dimensions and indicators with
// values on its scale, unknown or not-applicable. A framework version other
// than the one found is a warning, not an error.
func Assessment(d *Document, resolve Resolver) (*Loaded, error) {
	w := &walker{file: d.Name}
	a := &model.Assessment{Path: d.Name}
	out := &Loaded{Assessment: a}
	if !w.checkKind(d, model.AssessmentKind) {
		return nil, w.err()
	}
	var fw *model.Framework
	var versionNode *yaml.Node
	w.mapping(d.Root, "assessment", []field{
		w.kindField(model.AssessmentKind),
		{"version", true, func(_, v *yaml.Node) {
			if n, ok := w.number(v, "version"); ok && n != model.AssessmentVersion {
				w.at(v, "assessment format version %s is not supported (expected version: %d)", v.Value, model.AssessmentVersion)
			}
		}},
		{"community", true, func(_, v *yaml.Node) {
			a.Community = w.text(v, "community")
			a.CommunityPos = pos(v)
		}},
		{"date", true, func(_, v *yaml.Node) { a.Date, a.DatePos = w.date(v, "date"), pos(v) }},
		{"framework", true, func(_, v *yaml.Node) {
			w.mapping(v, "framework", []field{
				{"id", true, func(_, v *yaml.Node) {
					a.Framework.ID = w.id(v, "framework id")
					a.Framework.Pos = pos(v)
					if a.Framework.ID == "" || !IsID(a.Framework.ID) {
						return
					}
					f, err := resolve(a.Framework.ID)
					if err != nil {
						w.at(v, "%v", err)
						return
					}
					fw = f
				}},
				{"version", true, func(_, v *yaml.Node) {
					// Validated like the id: it is printed in warnings and
					// reports, so it is a version, not free text.
					versionNode = v
					a.Framework.Version = w.text(v, "framework version")
					if s := a.Framework.Version; strings.TrimSpace(s) != "" && !IsSemver(s) {
						w.at(v, "framework version %q is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)", s)
					}
				}},
			})
		}},
		{"invited", false, func(_, v *yaml.Node) { a.Invited, a.InvitedPos = w.invited(v), pos(v) }},
		{"draft", false, func(_, v *yaml.Node) { a.Draft = w.boolean(v, "draft") }},
		{"responses", true, func(_, v *yaml.Node) { a.Responses = w.responses(v, fw) }},
		{"actions", false, func(_, v *yaml.Node) { a.Actions = w.actions(v, fw) }},
	})
	// Fewer invited than answered is most likely a stale count (a member
	// forwarded the form, or invited was copied from the last round). The
	// answers are real, so the file loads and the count is questioned.
	if a.Invited > 0 && len(a.Responses) > a.Invited {
		out.Warnings = append(out.Warnings, problemf(d.Name, a.InvitedPos.Line, a.InvitedPos.Col,
			"invited %d, but %d responses are in the file: is the number invited out of date?", a.Invited, len(a.Responses)))
	}
	if fw != nil && versionNode != nil && a.Framework.Version != "" && a.Framework.Version != fw.Version {
		out.Warnings = append(out.Warnings, problemf(d.Name, versionNode.Line, versionNode.Column,
			"made with %s version %s, read with version %s (%s): ratings are matched by id",
			fw.ID, a.Framework.Version, fw.Version, fw.Source))
	}
	if err := w.err(); err != nil {
		return nil, err
	}
	out.Framework = fw
	return out, nil
}

// date parses a YYYY-MM-DD date; what names it in messages ("date", "due date").
func (w *walker) date(n *yaml.Node, what string) time.Time {
	s, ok := w.scalar(n, what)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(model.DateLayout, s)
	if err != nil || len(s) != len(model.DateLayout) {
		if s == "" {
			w.at(n, "%s is empty (expected YYYY-MM-DD, such as 2026-11-22)", what)
		} else {
			w.at(n, "%s %q is not a valid date (expected YYYY-MM-DD, such as 2026-11-22)", what, s)
		}
		return time.Time{}
	}
	return t
}

// invited parses the number of members asked to answer: a whole number of
// at least 1, written in decimal digits.
func (w *walker) invited(n *yaml.Node) int {
	s, ok := w.scalar(n, "invited")
	if !ok {
		return 0
	}
	s = strings.TrimSpace(s)
	digits := s != ""
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			digits = false
		}
	}
	v, err := strconv.Atoi(s)
	if !digits || err != nil || v < 1 {
		w.at(n, "invited: expected a whole number of members, 1 or more, found %s", describe(n))
		return 0
	}
	return v
}

// actions parses the round's agreed actions. An empty list or an empty
// value is no actions, so that a template can leave the key in place.
func (w *walker) actions(n *yaml.Node, fw *model.Framework) []model.Action {
	if isNull(n) {
		return nil
	}
	var out []model.Action
	w.sequence(n, "actions", 0, func(_ int, item *yaml.Node) {
		act := model.Action{Pos: pos(item), Status: model.ActionPlanned}
		ok := w.mapping(item, "action", []field{
			{"indicator", true, func(_, v *yaml.Node) { act.Dimension, act.Indicator = w.actionTarget(v, fw) }},
			{"what", true, func(_, v *yaml.Node) { act.What = w.text(v, "action what") }},
			{"owner", false, func(_, v *yaml.Node) {
				if s, ok := w.scalar(v, "action owner"); ok && strings.TrimSpace(s) != "" {
					act.Owner = s
				}
			}},
			{"due", false, func(_, v *yaml.Node) {
				if !isNull(v) {
					act.Due = w.date(v, "due date")
				}
			}},
			{"status", false, func(_, v *yaml.Node) {
				s, ok := w.scalar(v, "action status")
				if !ok || isNull(v) {
					return
				}
				switch s = strings.TrimSpace(s); s {
				case model.ActionPlanned, model.ActionDoing, model.ActionDone, model.ActionDropped:
					act.Status = s
				default:
					w.at(v, "action status %q is not one of %s", s, strings.Join(model.ActionStatuses(), ", "))
				}
			}},
		})
		if ok {
			out = append(out, act)
		}
	})
	return out
}

// actionTarget parses what an action is about: dimension/indicator, or a
// dimension id alone, both checked against the framework.
func (w *walker) actionTarget(n *yaml.Node, fw *model.Framework) (dim, ind string) {
	s, ok := w.scalar(n, "action indicator")
	if !ok {
		return "", ""
	}
	s = strings.TrimSpace(s)
	dim, ind, hasInd := strings.Cut(s, "/")
	if !IsID(dim) || (hasInd && !IsID(ind)) {
		w.at(n, "action indicator %q: expected dimension/indicator, such as purpose/development-plan, or a dimension id alone", s)
		return "", ""
	}
	if fw == nil {
		return dim, ind
	}
	d := fw.Dimension(dim)
	if d == nil {
		w.at(n, "action indicator %q: unknown dimension %q (framework %s has %s)", s, dim, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
		return "", ""
	}
	if hasInd && d.Indicator(ind) == nil {
		w.at(n, "action indicator %q: unknown indicator %q in dimension %q (expected %s)", s, ind, dim, strings.Join(d.IndicatorIDs(), ", "))
		return "", ""
	}
	return dim, ind
}

func (w *walker) responses(n *yaml.Node, fw *model.Framework) []model.Response {
	var out []model.Response
	seen := map[string]int{}
	w.sequence(n, "responses", 1, func(i int, item *yaml.Node) {
		r := model.Response{Pos: pos(item)}
		w.mapping(item, "response", []field{
			// A response may have no respondent: an anonymous round's
			// (cop form --anonymous). cop merge labels such responses.
			{"respondent", false, func(_, v *yaml.Node) {
				r.Respondent = w.text(v, "respondent")
				name := strings.TrimSpace(r.Respondent)
				if name == "" {
					return
				}
				if line, dup := seen[name]; dup {
					w.at(v, "respondent %q answers twice in this file (first at line %d); merge their answers into one response", name, line)
				}
				seen[name] = v.Line
			}},
			{"role", false, func(_, v *yaml.Node) { r.Role, _ = w.scalar(v, "role") }},
			{"ratings", false, func(_, v *yaml.Node) { w.ratings(v, fw, &r) }},
			{"notes", false, func(_, v *yaml.Node) { w.notes(v, fw, &r) }},
			{"indicator-notes", false, func(_, v *yaml.Node) { w.indicatorNotes(v, fw, &r) }},
		})
		out = append(out, r)
	})
	return out
}

func (w *walker) ratings(n *yaml.Node, fw *model.Framework, r *model.Response) {
	w.entries(n, "ratings", func(dk, dv *yaml.Node) {
		var dim *model.Dimension
		if fw != nil {
			if dim = fw.Dimension(dk.Value); dim == nil {
				w.at(dk, "unknown dimension %q (framework %s has %s)", dk.Value, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
				return
			}
		}
		if r.DimensionPos == nil {
			r.DimensionPos = map[string]model.Pos{}
		}
		r.DimensionPos[dk.Value] = pos(dk)
		w.entries(dv, "ratings of "+dk.Value, func(ik, iv *yaml.Node) {
			if dim != nil && dim.Indicator(ik.Value) == nil {
				w.at(ik, "unknown indicator %q in dimension %q (expected %s)", ik.Value, dim.ID, strings.Join(dim.IndicatorIDs(), ", "))
				return
			}
			rating, ok := w.rating(iv, fw, dk.Value, ik.Value)
			if ok && rating.Kind != model.Unanswered {
				r.SetRating(dk.Value, ik.Value, rating)
			}
		})
	})
}

// rating parses one answer. An empty value is an unanswered indicator, as if
// the key were absent, so that a template with blanks is a valid draft.
// The name used in messages, dimension.indicator, is only built for them.
func (w *walker) rating(n *yaml.Node, fw *model.Framework, dim, ind string) (model.Rating, bool) {
	if n.Kind != yaml.ScalarNode {
		w.scalar(n, "rating of "+dim+"."+ind) // reports the alias or the wrong kind of node
		return model.Rating{}, false
	}
	s := n.Value
	if isNull(n) {
		s = ""
	}
	p := pos(n)
	what := func() string { return dim + "." + ind }
	switch s = strings.TrimSpace(s); s {
	case "":
		return model.Rating{Kind: model.Unanswered, Pos: p}, true
	case model.Unknown:
		return model.Rating{Kind: model.UnknownAnswer, Pos: p}, true
	case model.NotApplicable:
		return model.Rating{Kind: model.NotApplicableAnswer, Pos: p}, true
	}
	v, isNum := parseNumber(s)
	if fw == nil {
		if !isNum {
			w.at(n, "rating %q of %s is not a number, %s or %s", s, what(), model.Unknown, model.NotApplicable)
		}
		return model.Rating{Kind: model.Scored, Value: v, Pos: p}, isNum
	}
	if !isNum {
		w.at(n, "rating %q of %s is not an answer (%s)", s, what(), fw.ScaleSummary())
		return model.Rating{}, false
	}
	if _, on := fw.ScalePoint(v); !on {
		w.at(n, "rating %q of %s is off the scale (%s)", s, what(), fw.ScaleSummary())
		return model.Rating{}, false
	}
	return model.Rating{Kind: model.Scored, Value: v, Pos: p}, true
}

func (w *walker) notes(n *yaml.Node, fw *model.Framework, r *model.Response) {
	w.entries(n, "notes", func(k, v *yaml.Node) {
		if fw != nil && fw.Dimension(k.Value) == nil {
			w.at(k, "note for unknown dimension %q (framework %s has %s)", k.Value, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
			return
		}
		s, ok := w.scalar(v, fmt.Sprintf("note for %s", k.Value))
		if !ok || strings.TrimSpace(s) == "" {
			return
		}
		if r.Notes == nil {
			r.Notes = map[string]string{}
		}
		r.Notes[k.Value] = s
	})
}

// indicatorNotes reads the free text per indicator; a blank note is no note,
// as for dimension notes.
func (w *walker) indicatorNotes(n *yaml.Node, fw *model.Framework, r *model.Response) {
	w.entries(n, "indicator-notes", func(dk, dv *yaml.Node) {
		var dim *model.Dimension
		if fw != nil {
			if dim = fw.Dimension(dk.Value); dim == nil {
				w.at(dk, "indicator note for unknown dimension %q (framework %s has %s)", dk.Value, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
				return
			}
		}
		w.entries(dv, "indicator-notes of "+dk.Value, func(ik, iv *yaml.Node) {
			if dim != nil && dim.Indicator(ik.Value) == nil {
				w.at(ik, "indicator note for unknown indicator %q in dimension %q (expected %s)", ik.Value, dim.ID, strings.Join(dim.IndicatorIDs(), ", "))
				return
			}
			s, ok := w.scalar(iv, "note for "+dk.Value+"/"+ik.Value)
			if !ok || strings.TrimSpace(s) == "" {
				return
			}
			if r.IndicatorNotes == nil {
				r.IndicatorNotes = map[string]map[string]string{}
			}
			if r.IndicatorNotes[dk.Value] == nil {
				r.IndicatorNotes[dk.Value] = map[string]string{}
			}
			r.IndicatorNotes[dk.Value][ik.Value] = s
		})
	})
}

// StdinName is how standard input is named in messages when the file
// argument is "-".
const StdinName = "<stdin>"

// AssessmentInput reads an assessment from path, or from stdin when path is "-".
func AssessmentInput(path string, stdin io.Reader, resolve Resolver) (*Loaded, error) {
	doc, err := ParseInput(path, stdin)
	if err != nil {
		return nil, err
	}
	return Assessment(doc, resolve)
}

// ParseInput reads and parses path, or stdin when path is "-" (named
// StdinName in messages), for commands that look at a file's kind before
// decoding it.
func ParseInput(path string, stdin io.Reader) (*Document, error) {
	if path != "-" {
		return ParseFile(path)
	}
	data, err := ReadAll(StdinName, stdin)
	if err != nil {
		return nil, err
	}
	return ParseBytes(StdinName, data)
}
