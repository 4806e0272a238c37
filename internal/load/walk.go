package load

import (
	"math"
	"strconv"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// walker decodes a YAML node tree by hand, so that every problem gets the
// line and column of the node at fault and all problems are collected
// instead of stopping at the first.
type walker struct {
	file  string
	probs Problems
	// minEachNodes are the framework levels' min-each values, in order,
	// kept to point at them once the scale is known.
	minEachNodes []*yaml.Node
}

func (w *walker) at(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	w.probs = append(w.probs, problemf(w.file, line, col, format, args...))
}

func (w *walker) atPos(p model.Pos, format string, args ...any) {
	w.probs = append(w.probs, problemf(w.file, p.Line, p.Col, format, args...))
}

func (w *walker) err() error {
	if len(w.probs) == 0 {
		return nil
	}
	return w.probs.sorted()
}

func pos(n *yaml.Node) model.Pos { return model.Pos{Line: n.Line, Col: n.Column} }

// describe names what a node is, for "found ..." in messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// plain reports aliases, which cop files do not use: resolving them by hand
// is how alias bombs explode, and a reviewer reading a diff cannot see them.
func (w *walker) plain(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		w.at(n, "YAML alias *%s: cop files do not use aliases; write the value out", n.Value)
		return false
	}
	return true
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// field is one key a mapping may hold.
type field struct {
	name     string
	required bool
	decode   func(key, val *yaml.Node)
}

// mapping checks that n is a mapping whose keys are among fields, each once,
// with every required one present, then decodes the fields in the order of
// the list (not of the file), so that later fields may rely on earlier ones.
func (w *walker) mapping(n *yaml.Node, what string, fields []field) bool {
	if !w.plain(n) {
		return false
	}
	if n.Kind != yaml.MappingNode {
		w.at(n, "%s: expected a mapping of %s, found %s", what, fieldNames(fields), describe(n))
		return false
	}
	type entry struct{ key, val *yaml.Node }
	found := make(map[string]entry, len(fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			w.at(k, "%s: keys must be plain words, found %s", what, describe(k))
			continue
		}
		if k.Value == "<<" {
			w.at(k, "YAML merge key <<: cop files do not use merge keys; write the fields out")
			continue
		}
		if prev, dup := found[k.Value]; dup {
			w.at(k, "duplicate key %q (first at line %d)", k.Value, prev.key.Line)
			continue
		}
		if !hasField(fields, k.Value) {
			w.at(k, "unknown key %q in %s (expected %s)", k.Value, what, fieldNames(fields))
			continue
		}
		found[k.Value] = entry{k, v}
	}
	for _, f := range fields {
		e, ok := found[f.name]
		if !ok {
			if f.required {
				w.at(n, "%s: missing %s", what, f.name)
			}
			continue
		}
		if f.decode != nil {
			f.decode(e.key, e.val)
		}
	}
	return true
}

func hasField(fields []field, name string) bool {
	for _, f := range fields {
		if f.name == name {
			return true
		}
	}
	return false
}

func fieldNames(fields []field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// entries walks a mapping whose keys are ids chosen by the user (dimension
// ids, indicator ids), reporting duplicates and non-scalar keys.
func (w *walker) entries(n *yaml.Node, what string, each func(key, val *yaml.Node)) {
	if !w.plain(n) || isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		w.at(n, "%s: expected a mapping, found %s", what, describe(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value == "<<" {
			w.at(k, "%s: keys must be plain ids, found %s", what, describe(k))
			continue
		}
		if line, dup := seen[k.Value]; dup {
			w.at(k, "duplicate key %q (first at line %d)", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		each(k, v)
	}
}

// sequence checks that n is a list with at least min items and walks them.
func (w *walker) sequence(n *yaml.Node, what string, min int, each func(i int, item *yaml.Node)) {
	if !w.plain(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		w.at(n, "%s: expected a list, found %s", what, describe(n))
		return
	}
	if len(n.Content) < min {
		w.at(n, "%s: expected at least %d, found %d", what, min, len(n.Content))
	}
	for i, item := range n.Content {
		each(i, item)
	}
}

// scalar returns the text of a scalar node; a null is the empty string.
func (w *walker) scalar(n *yaml.Node, what string) (string, bool) {
	if !w.plain(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		w.at(n, "%s: expected text, found %s", what, describe(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

// text is a scalar that must not be empty or blank.
func (w *walker) text(n *yaml.Node, what string) string {
	s, ok := w.scalar(n, what)
	if ok && strings.TrimSpace(s) == "" {
		w.at(n, "%s is empty (expected text)", what)
	}
	return s
}

// number parses a finite number.
func (w *walker) number(n *yaml.Node, what string) (float64, bool) {
	s, ok := w.scalar(n, what)
	if !ok {
		return 0, false
	}
	v, ok := parseNumber(s)
	if !ok {
		w.at(n, "%s: expected a number, found %s", what, describe(n))
	}
	return v, ok
}

func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// weight parses an optional weight: a number greater than 0.
func (w *walker) weight(n *yaml.Node, what string) float64 {
	v, ok := w.number(n, what+" weight")
	if !ok {
		return 1
	}
	if v <= 0 {
		w.at(n, "%s weight %s must be greater than 0", what, model.FormatNumber(v))
		return 1
	}
	if v > model.MaxWeight {
		w.at(n, "%s weight %s is too large (at most %s: weights are relative)", what, n.Value, model.FormatNumber(model.MaxWeight))
		return 1
	}
	return v
}

// IsID reports whether s is a valid id: letters, digits, '-', '_' and '.',
// starting with a letter or digit (the pattern ^[A-Za-z0-9][A-Za-z0-9_.-]*$,
// written out because a regexp compiled at start-up costs every command).
func IsID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && (c == '-' || c == '_' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// id parses an identifier: letters, digits, '-', '_' and '.', starting with
// a letter or digit, so that ids are safe in flags (DIM=N), CSV and paths.
func (w *walker) id(n *yaml.Node, what string) string {
	s, ok := w.scalar(n, what)
	if !ok {
		return ""
	}
	if !IsID(s) {
		if s == "" {
			w.at(n, "%s is empty (expected an id: letters, digits, '-', '_' or '.')", what)
		} else {
			w.at(n, "%s %q is not a valid id (expected letters, digits, '-', '_' or '.')", what, s)
		}
	}
	return s
}
