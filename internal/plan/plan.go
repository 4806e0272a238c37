// Package plan records the actions a community agreed after a round in the
// round's assessment file (actions:), and changes their status.
//
// A file is edited as text, guided by the positions of its YAML nodes,
// rather than decoded and encoded again: an assessment file is written by
// people and reviewed in git, and re-encoding it would drop its comments,
// reflow its notes and reorder what the encoder does not know. An edit
// changes only the lines of the actions it touches; every other byte of the
// file (fields, comments, their order, blank lines, line endings) stays as
// it was. After the edits the text is loaded again, strictly, and must hold
// exactly the actions intended, or nothing is written.
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// File is an assessment file being edited.
type File struct {
	// Name is the file's name in messages.
	Name string
	// Loaded is the file as it was read.
	Loaded *load.Loaded

	resolve load.Resolver
	lines   []string // the text, without line ends
	final   bool     // whether the text ended with a line end
	crlf    bool     // whether lines end with CR LF
	bom     bool     // whether the text started with a UTF-8 byte order mark
	want    []model.Action
}

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// Open reads an assessment file's bytes for editing. It must load: the
// actions are checked against its framework.
func Open(name string, data []byte, resolve load.Resolver) (*File, error) {
	l, err := load.AssessmentBytes(name, data, resolve)
	if err != nil {
		return nil, err
	}
	f := &File{Name: name, Loaded: l, resolve: resolve, want: slices.Clone(l.Assessment.Actions)}
	if bytes.HasPrefix(data, bomUTF8) {
		f.bom, data = true, data[len(bomUTF8):]
	}
	text := string(data)
	if strings.Contains(text, "\r\n") {
		f.crlf, text = true, strings.ReplaceAll(text, "\r\n", "\n")
	}
	f.final = strings.HasSuffix(text, "\n")
	f.lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	return f, nil
}

// Actions are the file's actions with the edits made so far.
func (f *File) Actions() []model.Action { return f.want }

// Bytes is the edited file.
func (f *File) Bytes() []byte {
	text := strings.Join(f.lines, "\n")
	if f.final {
		text += "\n"
	}
	if f.crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	if f.bom {
		text = string(bomUTF8) + text
	}
	return []byte(text)
}

// Verify loads the edited text strictly and checks that it holds the
// intended actions and, apart from them, the same round as before.
func (f *File) Verify() (*load.Loaded, error) {
	l, err := load.AssessmentBytes(f.Name, f.Bytes(), f.resolve)
	if err != nil {
		return nil, fmt.Errorf("%s: the edited file does not load, so it was not written (please report this): %w", f.Name, err)
	}
	got := l.Assessment.Actions
	if len(got) != len(f.want) {
		return nil, fmt.Errorf("%s: the edited file holds %d actions, not %d, so it was not written (please report this)", f.Name, len(got), len(f.want))
	}
	for i := range got {
		g, w := got[i], f.want[i]
		if g.Dimension != w.Dimension || g.Indicator != w.Indicator || g.What != w.What || g.Owner != w.Owner ||
			!g.Due.Equal(w.Due) || g.Status != w.Status {
			return nil, fmt.Errorf("%s: action %d reads back as %+v, not %+v, so the file was not written (please report this)", f.Name, i+1, g, w)
		}
	}
	before, after := f.Loaded.Assessment, l.Assessment
	if before.Community != after.Community || !before.Date.Equal(after.Date) || len(before.Responses) != len(after.Responses) {
		return nil, fmt.Errorf("%s: the edit changed more than the actions, so the file was not written (please report this)", f.Name)
	}
	return l, nil
}

// root parses the current text.
func (f *File) root() (*yaml.Node, error) {
	return load.Parse(f.Name, []byte(strings.Join(f.lines, "\n")+"\n"))
}

// topKey returns the index in root.Content of a top-level key, or -1.
func topKey(root *yaml.Node, key string) int {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// nextTopLine is the line where the top-level key after the one at index i
// starts, or one past the last line.
func (f *File) nextTopLine(root *yaml.Node, i int) int {
	if i+2 < len(root.Content) {
		return root.Content[i+2].Line
	}
	return len(f.lines) + 1
}

// lastLine backs up from the line before next over blank lines and comment
// lines indented at most indent, which belong to what follows, and returns
// the last line (1-based) of what comes before them; never before first.
func (f *File) lastLine(first, next, indent int) int {
	end := next - 1
	for end > first {
		l := f.lines[end-1]
		t := strings.TrimLeft(l, " ")
		if t == "" || (strings.HasPrefix(t, "#") && len(l)-len(t) <= indent) {
			end--
			continue
		}
		break
	}
	return end
}

// insert puts lines after line n (1-based; 0 inserts at the top).
func (f *File) insert(n int, lines []string) {
	f.lines = slices.Insert(f.lines, n, lines...)
}

// byteCol turns a 1-based column (counted in characters, as the YAML parser
// counts them) into a byte offset in line.
func byteCol(line string, col int) int {
	off := 0
	for i := 1; i < col && off < len(line); i++ {
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
	}
	return off
}

// tokenEnd returns the byte offset just past the scalar token starting at
// off: a quoted string, or a plain word ending at white space, ',', '}' or
// ']'.
func tokenEnd(line string, off int) int {
	if off >= len(line) {
		return off
	}
	switch q := line[off]; q {
	case '"', '\'':
		for i := off + 1; i < len(line); i++ {
			switch {
			case q == '"' && line[i] == '\\':
				i++
			case line[i] == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
				i++
			case line[i] == q:
				return i + 1
			}
		}
		return len(line)
	}
	i := off
	for i < len(line) && !strings.ContainsRune(" \t,}]", rune(line[i])) {
		i++
	}
	return i
}

// SetStatus changes the status of the action at index i (0-based, in the
// order of the file).
func (f *File) SetStatus(i int, status string) error {
	if !slices.Contains(model.ActionStatuses(), status) {
		return fmt.Errorf("status %q is not one of %s", status, strings.Join(model.ActionStatuses(), ", "))
	}
	if i < 0 || i >= len(f.want) {
		return fmt.Errorf("%s has no action %d (it has %d)", f.Name, i+1, len(f.want))
	}
	if f.want[i].Status == status {
		return nil
	}
	root, err := f.root()
	if err != nil {
		return err
	}
	k := topKey(root, "actions")
	if k < 0 || root.Content[k+1].Kind != yaml.SequenceNode || i >= len(root.Content[k+1].Content) {
		return fmt.Errorf("%s: cannot find action %d in the file", f.Name, i+1)
	}
	seq := root.Content[k+1]
	item := seq.Content[i]
	if item.Kind != yaml.MappingNode || len(item.Content) == 0 {
		return fmt.Errorf("%s:%d: action %d is not a mapping", f.Name, item.Line, i+1)
	}
	for j := 0; j+1 < len(item.Content); j += 2 {
		key, val := item.Content[j], item.Content[j+1]
		if key.Value != "status" {
			continue
		}
		if val.Kind != yaml.ScalarNode || val.Line != key.Line || val.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return fmt.Errorf("%s:%d: the status of action %d is not written on one line; edit it by hand", f.Name, key.Line, i+1)
		}
		line := f.lines[key.Line-1]
		if isNullToken(val, line) {
			// "status:" with nothing after it: write the value after the colon.
			colon := strings.Index(line[byteCol(line, key.Column):], ":") + byteCol(line, key.Column)
			f.lines[key.Line-1] = line[:colon+1] + " " + status + line[colon+1:]
		} else {
			start := byteCol(line, val.Column)
			word := status
			if q := line[start]; q == '"' || q == '\'' {
				// Keep the quotes: what follows a quoted scalar (a comment
				// with no space before it) may need them.
				word = string(q) + status + string(q)
			}
			f.lines[key.Line-1] = line[:start] + word + line[tokenEnd(line, start):]
		}
		f.want[i].Status = status
		return nil
	}
	// No status key: the action was planned by default; add the key.
	if item.Style&yaml.FlowStyle != 0 {
		last := item.Content[len(item.Content)-1]
		line := f.lines[last.Line-1]
		end := tokenEnd(line, byteCol(line, last.Column))
		brace := strings.IndexByte(line[end:], '}')
		if last.Line != item.Line || brace < 0 {
			return fmt.Errorf("%s:%d: action %d spans several lines in flow style; add its status by hand", f.Name, item.Line, i+1)
		}
		at := end + brace
		f.lines[last.Line-1] = line[:at] + ", status: " + status + line[at:]
		f.want[i].Status = status
		return nil
	}
	next := f.nextTopLine(root, k)
	if i+1 < len(seq.Content) {
		next = seq.Content[i+1].Line
	}
	end := f.lastLine(item.Line, next, seq.Column-1)
	f.insert(end, []string{strings.Repeat(" ", item.Column-1) + "status: " + status})
	f.want[i].Status = status
	return nil
}

// isNullToken reports whether a scalar is an empty value ("status:" with
// nothing after it on its line), whose position is not a token to replace.
func isNullToken(val *yaml.Node, line string) bool {
	if val.Tag != "!!null" || val.Value != "" {
		return false
	}
	off := byteCol(line, val.Column)
	return off >= len(line) || line[off] == '#' || line[off] == ' '
}

// Add appends an action. Its target must be in the file's framework, its
// what must not be blank and its status must be one of the statuses.
func (f *File) Add(a model.Action) error {
	if err := f.checkAction(a); err != nil {
		return err
	}
	if a.Status == "" {
		a.Status = model.ActionPlanned
	}
	root, err := f.root()
	if err != nil {
		return err
	}
	k := topKey(root, "actions")
	switch {
	case k < 0:
		// No actions yet: a new block at the end of the file, indented like
		// the responses list.
		indent := 2
		if r := topKey(root, "responses"); r >= 0 && root.Content[r+1].Kind == yaml.SequenceNode && root.Content[r+1].Style&yaml.FlowStyle == 0 {
			indent = root.Content[r+1].Column - 1
		}
		item, err := encodeItem(a, indent)
		if err != nil {
			return err
		}
		if len(f.lines) == 1 && f.lines[0] == "" {
			f.lines = nil
		}
		f.lines = append(f.lines, "actions:")
		f.lines = append(f.lines, item...)
		f.final = true
	case root.Content[k+1].Kind == yaml.SequenceNode && root.Content[k+1].Style&yaml.FlowStyle == 0 && len(root.Content[k+1].Content) > 0:
		// A block list: the new item after the last one, at its indent.
		seq := root.Content[k+1]
		item, err := encodeItem(a, seq.Column-1)
		if err != nil {
			return err
		}
		last := seq.Content[len(seq.Content)-1]
		f.insert(f.lastLine(last.Line, f.nextTopLine(root, k), seq.Column-1), item)
	default:
		// An empty value (actions:, actions: []) or a list in flow style:
		// the whole value is written again as a block list.
		key := root.Content[k]
		if err := f.layout(root, k); err != nil {
			return err
		}
		item, err := encodeItem(a, 2)
		if err != nil {
			return err
		}
		line := f.lines[key.Line-1]
		rest := line[byteCol(line, key.Column):]
		colon := strings.IndexByte(rest, ':')
		comment := ""
		if h := strings.Index(rest, "#"); h > colon {
			comment = " " + rest[h:]
		}
		f.lines[key.Line-1] = line[:byteCol(line, key.Column)] + rest[:colon+1] + comment
		f.insert(key.Line, item)
	}
	f.want = append(f.want, a)
	return nil
}

// Editable reports whether an action can be added to the file as it is laid
// out, before anyone types one: an actions list written in flow style
// ([...]) or as something other than a list cannot be.
func (f *File) Editable() error {
	root, err := f.root()
	if err != nil {
		return err
	}
	k := topKey(root, "actions")
	if k < 0 {
		return nil
	}
	if v := root.Content[k+1]; v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
		return nil
	}
	return f.layout(root, k)
}

// layout checks an actions value that Add writes again whole: it must be
// empty (actions:, actions: []) on the key's line.
func (f *File) layout(root *yaml.Node, k int) error {
	key, val := root.Content[k], root.Content[k+1]
	if val.Kind == yaml.SequenceNode && len(val.Content) > 0 {
		return fmt.Errorf("%s:%d: actions is written in flow style ([...]); write it as a list (- indicator: ...) to use cop plan", f.Name, key.Line)
	}
	if (val.Kind != yaml.SequenceNode && val.Tag != "!!null") || val.Line != key.Line {
		return fmt.Errorf("%s:%d: actions: expected a list", f.Name, key.Line)
	}
	return nil
}

// checkAction checks a new action against the file's framework.
func (f *File) checkAction(a model.Action) error {
	fw := f.Loaded.Framework
	d := fw.Dimension(a.Dimension)
	switch {
	case d == nil:
		return fmt.Errorf("unknown dimension %q (framework %s has %s)", a.Dimension, fw.ID, strings.Join(fw.DimensionIDs(), ", "))
	case a.Indicator != "" && d.Indicator(a.Indicator) == nil:
		return fmt.Errorf("unknown indicator %q in dimension %q (expected %s)", a.Indicator, a.Dimension, strings.Join(d.IndicatorIDs(), ", "))
	case strings.TrimSpace(a.What) == "":
		return errors.New("an action needs a what: what the community will do")
	case a.Status != "" && !slices.Contains(model.ActionStatuses(), a.Status):
		return fmt.Errorf("status %q is not one of %s", a.Status, strings.Join(model.ActionStatuses(), ", "))
	}
	return nil
}

// encodeItem writes one action as the lines of a block list item, with the
// dash at indent: indicator, what, owner, due, status, as the contract
// orders them. Text is quoted where YAML needs it, so that it reads back
// exactly.
func encodeItem(a model.Action, indent int) ([]string, error) {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) { m.Content = append(m.Content, str(k), v) }
	add("indicator", str(a.Target()))
	what := str(a.What)
	if strings.Contains(a.What, "\n") {
		what.Style = yaml.DoubleQuotedStyle
	}
	add("what", what)
	if a.Owner != "" {
		add("owner", str(a.Owner))
	}
	if !a.Due.IsZero() {
		add("due", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: a.Due.Format(model.DateLayout)})
	}
	add("status", str(a.Status))
	seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(seq); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	pad := strings.Repeat(" ", indent)
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		out = append(out, pad+l)
	}
	return out, nil
}
