package load

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// PolicyFile reads and decodes a policy file.
func PolicyFile(path string) (*model.Policy, error) {
	doc, err := ParseFile(path)
	if err != nil {
		return nil, err
	}
	return Policy(doc)
}

// PolicyBytes decodes a policy from the bytes of a file called name.
func PolicyBytes(name string, data []byte) (*model.Policy, error) {
	doc, err := ParseBytes(name, data)
	if err != nil {
		return nil, err
	}
	return Policy(doc)
}

// Policy decodes and checks a policy file on its own: known keys only,
// numbers where numbers go, a coverage between 0 and 1, a whole number of
// days, no negative drop, and per dimension a min or a target (a target not
// below the min). What depends on a framework (dimension and level ids, the
// top of the scale) is checked by FitPolicy against each assessment's.
// A baseline path is taken relative to the policy file's folder.
func Policy(d *Document) (*model.Policy, error) {
	w := &walker{file: d.Name}
	p := &model.Policy{Path: d.Name}
	if !w.checkKind(d, model.PolicyKind) {
		return nil, w.err()
	}
	w.mapping(d.Root, "policy", []field{
		w.kindField(model.PolicyKind),
		{"version", true, func(_, v *yaml.Node) {
			if n, ok := w.number(v, "version"); ok && n != model.PolicyVersion {
				w.at(v, "policy format version %s is not supported (expected version: %d)", v.Value, model.PolicyVersion)
			}
		}},
		{"framework", false, func(_, v *yaml.Node) {
			if id := w.id(v, "framework id"); IsID(id) {
				p.Framework = &model.Text{Value: id, Origin: model.Origin{Pos: pos(v)}}
			}
		}},
		{"min-overall", false, func(_, v *yaml.Node) { p.MinOverall = w.setting(v, "min-overall") }},
		{"min-level", false, func(_, v *yaml.Node) {
			if id := w.id(v, "min-level"); IsID(id) {
				p.MinLevel = &model.Text{Value: id, Origin: model.Origin{Pos: pos(v)}}
			}
		}},
		{"min-coverage", false, func(_, v *yaml.Node) { p.MinCoverage = w.checked(v, "min-coverage", CoverageProblem) }},
		{"min-response-rate", false, func(_, v *yaml.Node) {
			p.MinResponseRate = w.checked(v, "min-response-rate", CoverageProblem)
		}},
		{"max-age", false, func(_, v *yaml.Node) { p.MaxAge = w.checked(v, "max-age", DaysProblem) }},
		{"require-complete", false, func(_, v *yaml.Node) { p.RequireComplete = w.boolean(v, "require-complete") }},
		{"baseline", false, func(_, v *yaml.Node) {
			s := w.text(v, "baseline")
			if strings.TrimSpace(s) == "" {
				return
			}
			if !filepath.IsAbs(s) {
				s = filepath.Join(filepath.Dir(d.Name), s)
			}
			p.Baseline = &model.Text{Value: s, Origin: model.Origin{Pos: pos(v)}}
		}},
		{"max-drop", false, func(_, v *yaml.Node) { p.MaxDrop = w.checked(v, "max-drop", DropProblem) }},
		{"max-overdue", false, func(_, v *yaml.Node) { p.MaxOverdue = w.checked(v, "max-overdue", CountProblem) }},
		{"warn", false, func(_, v *yaml.Node) { p.Warn = w.warnRules(v) }},
		{"dimensions", false, func(_, v *yaml.Node) { w.dimensionRules(v, p) }},
	})
	if err := w.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// setting parses a number and remembers where it was.
func (w *walker) setting(n *yaml.Node, what string) *model.Number {
	v, ok := w.number(n, what)
	if !ok {
		return nil
	}
	return &model.Number{Value: v, Origin: model.Origin{Pos: pos(n)}}
}

// checked parses a number that problem must accept ("" when fine).
func (w *walker) checked(n *yaml.Node, what string, problem func(float64) string) *model.Number {
	v := w.setting(n, what)
	if v == nil {
		return nil
	}
	if msg := problem(v.Value); msg != "" {
		w.at(n, "%s %s", what, msg)
		return nil
	}
	return v
}

// boolean parses true or false (YAML 1.1's yes/no/on/off are refused: they
// surprise people, and the YAML library reads them as text).
func (w *walker) boolean(n *yaml.Node, what string) bool {
	s, ok := w.scalar(n, what)
	if !ok {
		return false
	}
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	w.at(n, "%s: expected true or false, found %s", what, describe(n))
	return false
}

func (w *walker) dimensionRules(n *yaml.Node, p *model.Policy) {
	w.entries(n, "dimensions", func(k, v *yaml.Node) {
		if !IsID(k.Value) {
			w.at(k, "dimension id %q is not a valid id (expected letters, digits, '-', '_' or '.')", k.Value)
			return
		}
		r := model.DimensionRule{ID: k.Value, Origin: model.Origin{Pos: pos(k)}}
		if !w.mapping(v, "dimension "+k.Value, []field{
			{"min", false, func(_, v *yaml.Node) { r.Min = w.setting(v, k.Value+" min") }},
			{"target", false, func(_, v *yaml.Node) { r.Target = w.setting(v, k.Value+" target") }},
		}) {
			return
		}
		switch {
		case r.Min == nil && r.Target == nil && len(v.Content) == 0:
			w.at(v, "dimension %s: expected a min, a target or both, such as {min: 2, target: 3}", k.Value)
		case r.Min != nil && r.Target != nil && r.Target.Value < r.Min.Value:
			w.atPos(r.Target.Pos, "dimension %s: target %s is below its min %s (a target is what to aim for, above the minimum)",
				k.Value, model.FormatNumber(r.Target.Value), model.FormatNumber(r.Min.Value))
		}
		p.Dimensions = append(p.Dimensions, r)
	})
}

// WarnableRules are the rules a policy may set to warn only, by their keys;
// "min" stands for every dimension's minimum.
var WarnableRules = []string{"min-overall", "min-level", "min-coverage", "min-response-rate", "require-complete", "max-age", "max-drop", "max-overdue", "min"}

// WarnRuleProblem says what is wrong with a rule named to warn only, or
// returns "" when it is one of WarnableRules.
func WarnRuleProblem(rule string) string {
	for _, r := range WarnableRules {
		if r == rule {
			return ""
		}
	}
	return fmt.Sprintf("%q is not a rule (expected one of %s)", rule, strings.Join(WarnableRules, ", "))
}

// warnRules decodes the list of rules that only warn.
func (w *walker) warnRules(n *yaml.Node) []model.Text {
	var out []model.Text
	seen := map[string]int{}
	w.sequence(n, "warn", 0, func(_ int, item *yaml.Node) {
		s, ok := w.scalar(item, "warn rule")
		if !ok {
			return
		}
		if msg := WarnRuleProblem(s); msg != "" {
			w.at(item, "warn: %s", msg)
			return
		}
		if line, dup := seen[s]; dup {
			w.at(item, "warn: %s is listed twice (first at line %d)", s, line)
			return
		}
		seen[s] = item.Line
		out = append(out, model.Text{Value: s, Origin: model.Origin{Pos: pos(item)}})
	})
	return out
}

// CountProblem says what is wrong with a maximum count (a whole number, 0
// or more), or returns "" when it is fine.
func CountProblem(v float64) string {
	if v < 0 || v != math.Trunc(v) || v > 1e6 {
		return fmt.Sprintf("%s is not a whole number (0 or more)", model.FormatNumber(v))
	}
	return ""
}

// CoverageProblem says what is wrong with a minimum coverage (a fraction
// from 0 to 1), or returns "" when it is fine. The command line and the
// policy file share it.
func CoverageProblem(v float64) string {
	if v < 0 || v > 1 {
		hint := ""
		// A whole number up to 100 is most likely a percentage.
		if v > 1 && v <= 100 && v == math.Trunc(v) {
			hint = fmt.Sprintf("; %s%% is written %s", model.FormatNumber(v), model.FormatNumber(v/100))
		}
		return fmt.Sprintf("%s is not a fraction from 0 to 1%s", model.FormatNumber(v), hint)
	}
	return ""
}

// DaysProblem says what is wrong with a maximum age in days (a whole number,
// 0 or more), or returns "" when it is fine.
func DaysProblem(v float64) string {
	if v < 0 || v != math.Trunc(v) || v > 1e6 {
		return fmt.Sprintf("%s is not a whole number of days (0 or more)", model.FormatNumber(v))
	}
	return ""
}

// DropProblem says what is wrong with a maximum drop (0 or more), or
// returns "" when it is fine.
func DropProblem(v float64) string {
	if v < 0 {
		return fmt.Sprintf("%s is negative (expected how much a score may fall, such as 0.25)", model.FormatNumber(v))
	}
	return ""
}

// FitPolicy checks a policy against the framework of an assessment it is
// applied to: the framework the policy names (if any), its dimension and
// level ids, and minimums and targets the scale can reach. Each problem
// points at the policy file's line, or names the flag it came from.
func FitPolicy(p *model.Policy, fw *model.Framework) error {
	var probs Problems
	at := func(o model.Origin, format string, args ...any) {
		if o.Flag != "" {
			probs = append(probs, problemf(o.Flag, 0, 0, format, args...))
			return
		}
		probs = append(probs, problemf(p.Path, o.Pos.Line, o.Pos.Col, format, args...))
	}
	if p.Framework != nil && p.Framework.Value != fw.ID {
		at(p.Framework.Origin, "the policy is for framework %s, but the assessment uses %s (%s)", p.Framework.Value, fw.ID, fw.Source)
		return probs.sorted()
	}
	top := fw.ScaleMax()
	unreachable := func(what string, n *model.Number) {
		if n != nil && n.Value > top {
			at(n.Origin, "%s %s is above the top of the scale (%s): no score can reach it", what, model.FormatNumber(n.Value), model.FormatNumber(top))
		}
	}
	unreachable("min-overall", p.MinOverall)
	if p.MinLevel != nil && fw.LevelByID(p.MinLevel.Value) == nil {
		at(p.MinLevel.Origin, "unknown level %q (framework %s has %s)", p.MinLevel.Value, fw.ID, strings.Join(fw.LevelIDs(), ", "))
	}
	for _, r := range p.Dimensions {
		if fw.Dimension(r.ID) == nil {
			at(r.Origin, "unknown dimension %q (framework %s has %s)", r.ID, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
			continue
		}
		unreachable(r.ID+" min", r.Min)
		unreachable(r.ID+" target", r.Target)
		if r.Target != nil && r.Target.Value <= fw.ScaleMin() {
			at(r.Target.Origin, "%s target %s is not above the bottom of the scale (%s): every score reaches it",
				r.ID, model.FormatNumber(r.Target.Value), model.FormatNumber(fw.ScaleMin()))
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return probs.sorted()
}

// FitPolicyAll checks a policy against every framework it is applied to
// (FitPolicy), listing each problem once however many frameworks share it.
func FitPolicyAll(p *model.Policy, fws []*model.Framework) error {
	var probs Problems
	seen := map[string]bool{}
	fitted := map[*model.Framework]bool{}
	for _, fw := range fws {
		if fitted[fw] {
			continue
		}
		fitted[fw] = true
		for _, pr := range ProblemsOf(FitPolicy(p, fw)) {
			if !seen[pr.Error()] {
				seen[pr.Error()] = true
				probs = append(probs, pr)
			}
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return probs
}

// ProblemsOf returns the problems an error from the loader holds: its
// Problems, its one Problem, or, for any other error, one Problem without a
// file. It lets a command list every problem the same way, one per line.
func ProblemsOf(err error) Problems {
	var ps Problems
	var p *Problem
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ps):
		return ps
	case errors.As(err, &p):
		return Problems{p}
	}
	return Problems{{Msg: err.Error()}}
}
