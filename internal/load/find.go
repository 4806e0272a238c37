package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Arg is one file to read: a path named on the command line, or found below
// a directory named there.
type Arg struct {
	Path string
	// Found is set for files found by walking a directory, which commands may
	// skip when they turn out not to be cop files; a file named outright is
	// always read.
	Found bool
}

// IsYAMLName reports whether a file name ends in .yaml or .yml.
func IsYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Expand turns command-line arguments into files: a file stays as it is, a
// directory becomes every .yaml and .yml file below it (sorted, skipping
// folders whose names start with a dot), and "-" stands for standard input.
// A path that does not exist is an error naming it.
func Expand(args []string) ([]Arg, error) {
	var out []Arg
	for _, a := range args {
		if a == "-" {
			out = append(out, Arg{Path: a})
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, fileError(a, err)
		}
		if !st.IsDir() {
			out = append(out, Arg{Path: a})
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
			if IsYAMLName(d.Name()) && d.Type().IsRegular() {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			out = append(out, Arg{Path: p, Found: true})
		}
	}
	return out, nil
}

// IsCopKind reports whether a kind is one of cop's (cop-assessment,
// cop-framework, cop-policy, or a future cop-*).
func IsCopKind(kind string) bool { return strings.HasPrefix(kind, "cop-") }

// ReadEach expands args (see Expand) and reads each file with read, which
// may skip a file: one found in a directory that is not of the kind the
// command reads. It returns what read gave for the other files, in order,
// and how many were skipped, so that every command that takes FILE... and
// directories treats them the same way.
func ReadEach[T any](args []string, read func(Arg) (T, bool)) (out []T, skipped int, err error) {
	files, err := Expand(args)
	if err != nil {
		return nil, 0, err
	}
	for _, a := range files {
		v, skip := read(a)
		if skip {
			skipped++
			continue
		}
		out = append(out, v)
	}
	return out, skipped, nil
}
