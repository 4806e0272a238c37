package load

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

// The folder rule: what the files and folders named on a command line hold,
// the same for every command that reads them (validate, check, compare,
// merge).
//
//   - A file named outright is always read, whatever its name or content.
//   - A folder stands for every .yaml and .yml file below it, in name order,
//     skipping folders whose names start with a dot. A symbolic link to a
//     file is read like the file; links to folders are not followed (they
//     could loop).
//   - A draft found in a folder (a name ending in .draft.yaml, as cop assess
//     saves unfinished answers, or a file that says draft: true, as the page
//     of cop form saves them) is skipped and counted: it is someone's
//     unfinished answers, not a round.
//   - A file found in a folder is read when its kind is one the command
//     reads, or when it has no kind: line but has fields of such a kind (a
//     cop file missing its first line is reported, not silently dropped).
//     Any other YAML (another program's, another kind of cop file) is
//     skipped and counted.
//   - "-" stands for standard input; a file met twice is read once.

// Arg is one file to read: a path named on the command line, or found below
// a directory named there.
type Arg struct {
	Path string
	// Found is set for files found by walking a directory, which are
	// skipped when they turn out not to be what the command reads; a file
	// named outright is always read.
	Found bool
}

// DraftSuffix ends the name of a draft, the answers cop assess keeps until
// a round is saved.
const DraftSuffix = ".draft.yaml"

// IsYAMLName reports whether a file name ends in .yaml or .yml.
func IsYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// IsDraftName reports whether a file name is that of a draft: it ends in
// .draft.yaml (or .draft.yml).
func IsDraftName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, DraftSuffix) || strings.HasSuffix(lower, ".draft.yml")
}

// SaysDraft reports whether a document says draft: true at its top level,
// as the answers the page of cop form saves part way do.
func (d *Document) SaysDraft() bool {
	if d.Root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		if k, v := d.Root.Content[i], d.Root.Content[i+1]; k.Value == "draft" {
			return v.Kind == yaml.ScalarNode && v.Value == "true"
		}
	}
	return false
}

// Skipped says which files found in folders a command passed over.
type Skipped struct {
	Drafts []string // named *.draft.yaml, or saying draft: true
	Other  int      // YAML that is not of a kind the command reads
}

// Total is the number of files skipped.
func (s Skipped) Total() int { return len(s.Drafts) + s.Other }

// Message says what was skipped, for standard error, or "" when nothing
// was; what names the kinds the command reads ("cop-assessment"). It names
// the first three drafts: someone's answers left out should be seen.
func (s Skipped) Message(what string) string {
	var parts []string
	if n := len(s.Drafts); n > 0 {
		names := s.Drafts[:min(n, 3)]
		list := strings.Join(names, ", ")
		if n > len(names) {
			list += " and " + strconv.Itoa(n-len(names)) + " more"
		}
		parts = append(parts, plural(n, "draft")+" ("+list+")")
	}
	if s.Other > 0 {
		parts = append(parts, plural(s.Other, "YAML file")+" without kind: "+what)
	}
	if len(parts) == 0 {
		return ""
	}
	return "skipped " + strings.Join(parts, " and ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Expand turns command-line arguments into files by the folder rule: a
// file stays as it is, a directory becomes the YAML files below it (drafts
// left out and counted), "-" stands for standard input, and a file met a
// second time is dropped. A path that does not exist is an error naming it.
func Expand(args []string) ([]Arg, []string, error) {
	var out []Arg
	var drafts []string
	seen := map[string]bool{}
	add := func(a Arg) {
		key := a.Path
		if key != "-" {
			key = filepath.Clean(key)
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, a)
		}
	}
	for _, a := range args {
		if a == "-" {
			add(Arg{Path: a})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, nil, fileError(a, err)
		}
		if !st.IsDir() {
			add(Arg{Path: a})
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fileError(p, err)
			}
			if d.IsDir() {
				if p != a && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !IsYAMLName(d.Name()) || !isFile(p, d) {
				return nil
			}
			if IsDraftName(d.Name()) {
				if key := filepath.Clean(p); !seen[key] {
					seen[key] = true
					drafts = append(drafts, p)
				}
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			add(Arg{Path: p, Found: true})
		}
	}
	return out, drafts, nil
}

// isFile reports whether a directory entry is a regular file or a symbolic
// link to one.
func isFile(p string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// Input is one file a command reads: its name in messages, and the parsed
// document or why it could not be parsed.
type Input struct {
	Name string
	Doc  *Document
	Err  error
}

// Reads tells whether a document found in a folder is one of kinds: of
// one of them, or without a kind: line but with some of one's fields.
func Reads(d *Document, kinds ...string) bool {
	for _, k := range kinds {
		if d.LooksLike(k) {
			return true
		}
	}
	return false
}

// ReadEach reads the files args stand for by the folder rule (see Expand)
// and gives each file that holds one of kinds to decode, on every core. It
// returns what decode gave, in the order of the files whatever order the
// work finished in, and what was skipped. decode must be safe for
// concurrent use; it is given the files that could not be read or parsed
// too, with Err set. Cancelling ctx stops the work and returns its error.
func ReadEach[T any](ctx context.Context, args []string, stdin io.Reader, kinds []string, decode func(Input) T) ([]T, Skipped, error) {
	files, drafts, err := Expand(args)
	if err != nil {
		return nil, Skipped{}, err
	}
	type slot struct {
		v     T
		skip  bool // not of kinds
		draft bool // says draft: true
	}
	slots := make([]slot, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				a := files[i]
				doc, err := ParseInput(a.Path, stdin)
				if err == nil && a.Found && !Reads(doc, kinds...) {
					slots[i].skip = true
					continue
				}
				if err == nil && a.Found && doc.SaysDraft() {
					slots[i].draft = true
					continue
				}
				in := Input{Name: a.Path, Doc: doc, Err: err}
				if a.Path == "-" {
					in.Name = StdinName
				}
				slots[i].v = decode(in)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, Skipped{}, err
	}
	out := make([]T, 0, len(files))
	skipped := Skipped{Drafts: drafts}
	for i, s := range slots {
		switch {
		case s.skip:
			skipped.Other++
			continue
		case s.draft:
			skipped.Drafts = append(skipped.Drafts, files[i].Path)
			continue
		}
		out = append(out, s.v)
	}
	return out, skipped, nil
}
