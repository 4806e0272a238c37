package load

import (
	"strings"

	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// Document is a parsed YAML file: its name for messages and its root node.
type Document struct {
	Name string
	Root *yaml.Node
}

// ParseFile reads and parses a file (see ReadFile and Parse).
func ParseFile(path string) (*Document, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseBytes(path, data)
}

// ParseBytes parses the bytes of a file called name.
func ParseBytes(name string, data []byte) (*Document, error) {
	root, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	return &Document{Name: name, Root: root}, nil
}

// Kind returns the value of the document's top-level "kind" key, or "" when
// there is none.
func (d *Document) Kind() string {
	if d.Root.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		if d.Root.Content[i].Value == "kind" && d.Root.Content[i+1].Kind == yaml.ScalarNode {
			return d.Root.Content[i+1].Value
		}
	}
	return ""
}

// checkKind reports a missing or different kind. It returns false when the
// file is plainly another kind of cop file, where listing every other field
// as unknown would bury the one message that matters.
func (w *walker) checkKind(d *Document, want string) bool {
	got := d.Kind()
	switch got {
	case want:
		return true
	case model.AssessmentKind, model.FrameworkKind, model.PolicyKind:
		w.at(d.Root, "this is a %s file, expected kind: %s", got, want)
		return false
	}
	if got == "" && d.Root.Kind == yaml.MappingNode && !hasAnyKey(d.Root, kindFields[want]) {
		w.at(d.Root, "not a cop file: no kind: key and none of the fields of a %s (expected kind: %s first)", want, want)
		return false
	}
	return true // the kind field's own decoder reports what is wrong
}

// LooksLike reports whether the document is of this kind or, having no
// kind: key, has some of that kind's top-level fields. Commands that walk
// directories skip the files that do not: they are some other program's
// YAML, while a file that merely lacks its kind: line is reported.
func (d *Document) LooksLike(kind string) bool {
	switch got := d.Kind(); {
	case got == kind:
		return true
	case got != "":
		return false
	}
	return d.Root.Kind == yaml.MappingNode && hasAnyKey(d.Root, kindFields[kind])
}

// kindFields are the top-level keys of each kind, used to tell a file that
// merely lacks its kind line from a YAML file of some other program.
var kindFields = map[string][]string{
	model.AssessmentKind: {"community", "responses", "framework", "date"},
	model.FrameworkKind:  {"dimensions", "scale", "levels"},
	model.PolicyKind:     {"min-overall", "min-level", "min-coverage", "min-response-rate", "max-age", "require-complete", "baseline", "max-drop", "max-overdue", "warn", "dimensions"},
}

func hasAnyKey(n *yaml.Node, keys []string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		for _, k := range keys {
			if n.Content[i].Value == k {
				return true
			}
		}
	}
	return false
}

func (w *walker) kindField(want string) field {
	return field{"kind", true, func(_, v *yaml.Node) {
		if s, ok := w.scalar(v, "kind"); ok && s != want {
			w.at(v, "kind %q is not %s (expected kind: %s)", s, want, want)
		}
	}}
}

// IsSemver reports whether s is a semantic version, MAJOR.MINOR.PATCH with
// an optional -prerelease and +build, without a leading "v" (see
// model.IsVersion).
func IsSemver(s string) bool { return model.IsVersion(s) }

// FrameworkFile reads and decodes a framework file.
func FrameworkFile(path string) (*model.Framework, error) {
	doc, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return Framework(doc)
}

// FrameworkBytes decodes a framework from the bytes of a file called name.
func FrameworkBytes(name string, data []byte) (*model.Framework, error) {
	doc, err := ParseBytes(name, data)
	if err != nil {
		return nil, err
	}
	return Framework(doc)
}

// Framework decodes and checks a framework: every field known, ids unique,
// scale values and level minimums strictly increasing, the first level at
// the bottom of the scale, weights above 0, no dimension without indicators.
func Framework(d *Document) (*model.Framework, error) {
	w := &walker{file: d.Name}
	f := &model.Framework{Source: d.Name}
	if !w.checkKind(d, model.FrameworkKind) {
		return nil, w.err()
	}
	w.mapping(d.Root, "framework", []field{
		w.kindField(model.FrameworkKind),
		{"id", true, func(_, v *yaml.Node) { f.ID = w.id(v, "framework id") }},
		{"version", true, func(_, v *yaml.Node) {
			s, ok := w.scalar(v, "version")
			if ok && !IsSemver(s) {
				w.at(v, "version %q is not a semantic version (expected MAJOR.MINOR.PATCH, such as 1.0.0)", s)
			}
			f.Version = s
		}},
		{"title", true, func(_, v *yaml.Node) { f.Title = w.text(v, "title") }},
		{"description", true, func(_, v *yaml.Node) { f.Description = w.text(v, "description") }},
		{"scale", true, func(_, v *yaml.Node) { f.Scale = w.scale(v) }},
		{"levels", true, func(_, v *yaml.Node) { f.Levels = w.levels(v) }},
		{"dimensions", true, func(_, v *yaml.Node) { f.Dimensions = w.dimensions(v, f.Levels) }},
	})
	if len(f.Scale) >= 2 && len(f.Levels) > 0 {
		if f.Levels[0].Min != f.ScaleMin() {
			w.atPos(f.Levels[0].Pos, "the first level's min is %s; it must equal the lowest scale value, %s, so that every score has a level",
				model.FormatNumber(f.Levels[0].Min), model.FormatNumber(f.ScaleMin()))
		}
		for _, l := range f.Levels {
			if l.Min > f.ScaleMax() {
				w.atPos(l.Pos, "level %q has min %s, above the top of the scale (%s): no score can reach it",
					l.ID, model.FormatNumber(l.Min), model.FormatNumber(f.ScaleMax()))
			}
		}
		w.checkMinEach(f)
	}
	if err := w.err(); err != nil {
		return nil, err
	}
	return f, nil
}

func (w *walker) scale(n *yaml.Node) []model.ScalePoint {
	var out []model.ScalePoint
	var prev *yaml.Node
	w.sequence(n, "scale", 2, func(i int, item *yaml.Node) {
		var p model.ScalePoint
		var valueNode *yaml.Node
		okValue := false
		w.mapping(item, "scale answer", []field{
			{"value", true, func(_, v *yaml.Node) { valueNode = v; p.Value, okValue = w.number(v, "scale value") }},
			{"label", true, func(_, v *yaml.Node) { p.Label = w.text(v, "scale label") }},
			{"description", true, func(_, v *yaml.Node) { p.Description = w.text(v, "scale description") }},
		})
		if !okValue {
			return
		}
		if len(out) > 0 && p.Value <= out[len(out)-1].Value {
			w.at(valueNode, "scale value %s is not greater than the one before it (%s at line %d); values must be strictly increasing",
				model.FormatNumber(p.Value), model.FormatNumber(out[len(out)-1].Value), prev.Line)
			return
		}
		prev = valueNode
		out = append(out, p)
	})
	return out
}

func (w *walker) levels(n *yaml.Node) []model.Level {
	var out []model.Level
	ids := map[string]int{}
	var prevMin *yaml.Node
	w.sequence(n, "levels", 1, func(i int, item *yaml.Node) {
		l := model.Level{Pos: pos(item)}
		var minNode, idNode, eachNode *yaml.Node
		okMin := false
		w.mapping(item, "level", []field{
			{"id", true, func(_, v *yaml.Node) { idNode = v; l.ID = w.id(v, "level id") }},
			{"label", true, func(_, v *yaml.Node) { l.Label = w.text(v, "level label") }},
			{"min", true, func(_, v *yaml.Node) { minNode = v; l.Min, okMin = w.number(v, "level min") }},
			{"description", true, func(_, v *yaml.Node) { l.Description = w.text(v, "level description") }},
			{"min-each", false, func(_, v *yaml.Node) {
				if m, ok := w.number(v, "level min-each"); ok {
					l.MinEach, eachNode = &m, v
				}
			}},
		})
		if idNode != nil && l.ID != "" {
			if line, dup := ids[l.ID]; dup {
				w.at(idNode, "duplicate level id %q (first at line %d)", l.ID, line)
			}
			ids[l.ID] = idNode.Line
		}
		if !okMin {
			return
		}
		if len(out) > 0 && l.Min <= out[len(out)-1].Min {
			w.at(minNode, "level min %s is not greater than the one before it (%s at line %d); level mins must be strictly increasing",
				model.FormatNumber(l.Min), model.FormatNumber(out[len(out)-1].Min), prevMin.Line)
			return
		}
		prevMin = minNode
		out = append(out, l)
		if eachNode != nil {
			w.minEachNodes = append(w.minEachNodes, eachNode)
		}
	})
	return out
}

// checkMinEach refuses a level min-each that no dimension score can reach,
// or that every score reaches (it would say nothing).
func (w *walker) checkMinEach(f *model.Framework) {
	i := 0
	for _, l := range f.Levels {
		if l.MinEach == nil {
			continue
		}
		var at *yaml.Node
		if i < len(w.minEachNodes) {
			at = w.minEachNodes[i]
		}
		i++
		switch m := *l.MinEach; {
		case m > f.ScaleMax():
			w.at(at, "level %q has min-each %s, above the top of the scale (%s): no dimension can reach it",
				l.ID, model.FormatNumber(m), model.FormatNumber(f.ScaleMax()))
		case m <= f.ScaleMin():
			w.at(at, "level %q has min-each %s, not above the bottom of the scale (%s): every dimension reaches it (leave it out)",
				l.ID, model.FormatNumber(m), model.FormatNumber(f.ScaleMin()))
		}
	}
}

// guidanceByLevel decodes an indicator's guidance per level: a mapping from
// level ids (the framework's own) to text.
func (w *walker) guidanceByLevel(n *yaml.Node, levels []model.Level) map[string]string {
	out := map[string]string{}
	w.entries(n, "guidance-by-level", func(k, v *yaml.Node) {
		if !levelKnown(levels, k.Value) {
			ids := make([]string, len(levels))
			for i, l := range levels {
				ids[i] = l.ID
			}
			w.at(k, "guidance-by-level: unknown level %q (expected one of %s)", k.Value, strings.Join(ids, ", "))
			return
		}
		out[k.Value] = w.text(v, "guidance for level "+k.Value)
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

func levelKnown(levels []model.Level, id string) bool {
	for _, l := range levels {
		if l.ID == id {
			return true
		}
	}
	return false
}

func (w *walker) dimensions(n *yaml.Node, levels []model.Level) []model.Dimension {
	var out []model.Dimension
	ids := map[string]int{}
	w.sequence(n, "dimensions", 1, func(i int, item *yaml.Node) {
		d := model.Dimension{Weight: 1, Pos: pos(item)}
		var idNode *yaml.Node
		w.mapping(item, "dimension", []field{
			{"id", true, func(_, v *yaml.Node) { idNode = v; d.ID = w.id(v, "dimension id") }},
			{"title", true, func(_, v *yaml.Node) { d.Title = w.text(v, "dimension title") }},
			{"description", true, func(_, v *yaml.Node) { d.Description = w.text(v, "dimension description") }},
			{"weight", false, func(_, v *yaml.Node) { d.Weight = w.weight(v, "dimension") }},
			{"indicators", true, func(_, v *yaml.Node) { d.Indicators = w.indicators(v, d.ID, levels) }},
		})
		if idNode != nil && d.ID != "" {
			if line, dup := ids[d.ID]; dup {
				w.at(idNode, "duplicate dimension id %q (first at line %d)", d.ID, line)
			}
			ids[d.ID] = idNode.Line
		}
		out = append(out, d)
	})
	return out
}

func (w *walker) indicators(n *yaml.Node, dim string, levels []model.Level) []model.Indicator {
	var out []model.Indicator
	ids := map[string]int{}
	what := "indicators of dimension " + dim
	if !w.plain(n) {
		return nil
	}
	if isNull(n) || (n.Kind == yaml.SequenceNode && len(n.Content) == 0) {
		w.at(n, "dimension %q has no indicators (expected at least one)", dim)
		return nil
	}
	w.sequence(n, what, 1, func(i int, item *yaml.Node) {
		ind := model.Indicator{Weight: 1, Pos: pos(item)}
		var idNode *yaml.Node
		w.mapping(item, "indicator", []field{
			{"id", true, func(_, v *yaml.Node) { idNode = v; ind.ID = w.id(v, "indicator id") }},
			{"title", false, func(_, v *yaml.Node) { ind.Title = w.text(v, "indicator title") }},
			{"statement", true, func(_, v *yaml.Node) { ind.Statement = w.text(v, "indicator statement") }},
			{"guidance", true, func(_, v *yaml.Node) { ind.Guidance = w.text(v, "indicator guidance") }},
			{"guidance-by-level", false, func(_, v *yaml.Node) { ind.GuidanceByLevel = w.guidanceByLevel(v, levels) }},
			{"weight", false, func(_, v *yaml.Node) { ind.Weight = w.weight(v, "indicator") }},
		})
		if idNode != nil && ind.ID != "" {
			if line, dup := ids[ind.ID]; dup {
				w.at(idNode, "duplicate indicator id %q in dimension %q (first at line %d)", ind.ID, dim, line)
			}
			ids[ind.ID] = idNode.Line
		}
		if ind.Title == "" {
			ind.Title = ind.ID
		}
		out = append(out, ind)
	})
	return out
}
