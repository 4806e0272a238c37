// Package encode writes assessment files: plain YAML in a fixed order (the
// framework's order of dimensions and indicators), two-space indentation,
// multi-line notes as literal blocks, so that files written by cop diff
// cleanly in review and load back to the same assessment.
package encode

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// Assessment writes a as YAML. Ratings and notes are written in fw's order;
// any that fw does not know (impossible for a loaded file) are dropped.
func Assessment(w io.Writer, a *model.Assessment, fw *model.Framework) error {
	root := mapping(
		"kind", str(model.AssessmentKind),
		"version", num(strconv.Itoa(model.AssessmentVersion)),
		"community", str(a.Community),
		"date", date(a.Date),
		"framework", mapping("id", str(a.Framework.ID), "version", str(a.Framework.Version)),
	)
	if a.Invited > 0 {
		root.Content = append(root.Content, key("invited"), num(strconv.Itoa(a.Invited)))
	}
	if a.Draft {
		root.Content = append(root.Content, key("draft"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	responses := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range a.Responses {
		responses.Content = append(responses.Content, response(&a.Responses[i], fw))
	}
	root.Content = append(root.Content, key("responses"), responses)
	if len(a.Actions) > 0 {
		actions := &yaml.Node{Kind: yaml.SequenceNode}
		for _, act := range a.Actions {
			actions.Content = append(actions.Content, action(act))
		}
		root.Content = append(root.Content, key("actions"), actions)
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

func response(r *model.Response, fw *model.Framework) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	if r.Respondent != "" {
		n.Content = append(n.Content, key("respondent"), str(r.Respondent))
	}
	if r.Role != "" {
		n.Content = append(n.Content, key("role"), str(r.Role))
	}
	ratings := &yaml.Node{Kind: yaml.MappingNode}
	notes := &yaml.Node{Kind: yaml.MappingNode}
	indNotes := &yaml.Node{Kind: yaml.MappingNode}
	for _, d := range fw.Dimensions {
		dimNotes := &yaml.Node{Kind: yaml.MappingNode}
		for _, ind := range d.Indicators {
			if text := r.IndicatorNotes[d.ID][ind.ID]; strings.TrimSpace(text) != "" {
				dimNotes.Content = append(dimNotes.Content, key(ind.ID), note(text))
			}
		}
		if len(dimNotes.Content) > 0 {
			indNotes.Content = append(indNotes.Content, key(d.ID), dimNotes)
		}
		dim := &yaml.Node{Kind: yaml.MappingNode}
		for _, ind := range d.Indicators {
			rt := r.Rating(d.ID, ind.ID)
			if rt.Kind == model.Unanswered {
				continue
			}
			v := str(rt.String())
			if rt.Kind == model.Scored {
				v = num(rt.String())
			}
			dim.Content = append(dim.Content, key(ind.ID), v)
		}
		if len(dim.Content) > 0 {
			ratings.Content = append(ratings.Content, key(d.ID), dim)
		}
		if text := r.Notes[d.ID]; strings.TrimSpace(text) != "" {
			notes.Content = append(notes.Content, key(d.ID), note(text))
		}
	}
	if len(ratings.Content) > 0 {
		n.Content = append(n.Content, key("ratings"), ratings)
	}
	if len(notes.Content) > 0 {
		n.Content = append(n.Content, key("notes"), notes)
	}
	if len(indNotes.Content) > 0 {
		n.Content = append(n.Content, key("indicator-notes"), indNotes)
	}
	return n
}

// action writes one agreed action in the contract's key order: indicator,
// what, owner, due, status. The status is always written, so that a reader
// of the file need not know that planned is the default.
func action(a model.Action) *yaml.Node {
	n := mapping("indicator", str(a.Target()), "what", note(a.What))
	if a.Owner != "" {
		n.Content = append(n.Content, key("owner"), str(a.Owner))
	}
	if !a.Due.IsZero() {
		n.Content = append(n.Content, key("due"), date(a.Due))
	}
	status := a.Status
	if status == "" {
		status = model.ActionPlanned
	}
	n.Content = append(n.Content, key("status"), str(status))
	return n
}

// date writes a YYYY-MM-DD date unquoted, as people type it.
func date(t time.Time) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: t.Format(model.DateLayout)}
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, key(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

func key(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// str is a string scalar; the encoder quotes it when it would otherwise read
// back as something else (a number, a bool, a null).
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func num(s string) *yaml.Node {
	tag := "!!int"
	if strings.ContainsAny(s, ".eE") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// note writes multi-line text as a literal block, which keeps its lines as
// typed; single lines stay plain or quoted.
func note(s string) *yaml.Node {
	n := str(s)
	if strings.Contains(s, "\n") && literalSafe(s) {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// literalSafe reports whether a literal block would read back exactly: no
// trailing spaces on a line, no tabs or carriage returns, and not starting
// with white space (which a block scalar cannot carry on its first line).
func literalSafe(s string) bool {
	if strings.ContainsAny(s, "\t\r") || s[0] == ' ' {
		return false
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.HasSuffix(l, " ") {
			return false
		}
	}
	return true
}
