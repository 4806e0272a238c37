// Package catalog finds frameworks by id and version: the ones embedded in
// cop and the user's own, given with --framework FILE. It is the one
// resolver every command that reads assessments uses.
//
// The rule: a --framework file is used for every input that names its id,
// the file whose version the input names, else the newest of those files
// (with a warning from the loader that the versions differ). An id that no
// --framework file has is looked up among the embedded frameworks. A
// --framework file whose id no input names is a mistake, reported by Unused.
package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/exitcode"
	"github.com/cophealth/cop/internal/inert"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// Catalog resolves framework ids. It is safe for concurrent use, and parses
// each embedded framework at most once, when first asked for.
type Catalog struct {
	fsys fs.FS
	user []*model.Framework // in the order given

	mu       sync.Mutex
	embedded map[string]*model.Framework
	asked    map[string]bool // every id an input named
}

// New returns a catalog of the embedded frameworks plus the user's
// framework in each of paths (empty paths are ignored). A file that does
// not load is an error, and so are two files of the same id and version.
func New(paths ...string) (*Catalog, error) {
	c := &Catalog{fsys: framework.FS, embedded: map[string]*model.Framework{}, asked: map[string]bool{}}
	for _, p := range paths {
		if p == "" {
			continue
		}
		fw, err := load.FrameworkFile(p)
		if err != nil {
			return nil, err
		}
		for _, u := range c.user {
			if u.ID == fw.ID && u.Version == fw.Version {
				return nil, exitcode.Usage(fmt.Errorf("%s and %s are both framework %s version %s; give each version once",
					inert.Line(u.Source), inert.Line(fw.Source), fw.ID, fw.Version))
			}
		}
		c.user = append(c.user, fw)
	}
	return c, nil
}

// User returns the first framework given with --framework, or nil.
func (c *Catalog) User() *model.Framework {
	if len(c.user) == 0 {
		return nil
	}
	return c.user[0]
}

// EmbeddedIDs lists the ids of the embedded frameworks, sorted.
func (c *Catalog) EmbeddedIDs() []string {
	entries, _ := fs.ReadDir(c.fsys, ".")
	var ids []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
		}
	}
	sort.Strings(ids)
	return ids
}

// Embedded returns the embedded framework with this id, parsing its YAML on
// first use.
func (c *Catalog) Embedded(id string) (*model.Framework, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.embedded[id]; ok {
		return f, nil
	}
	name := id + ".yaml"
	data, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return nil, c.notFound(id)
	}
	f, err := load.FrameworkBytes("embedded:"+name, data)
	if err != nil {
		return nil, fmt.Errorf("embedded framework %s is broken: %w", name, err)
	}
	if f.ID != id {
		return nil, fmt.Errorf("embedded framework %s has id %q; the file must be named after its id", name, f.ID)
	}
	c.embedded[id] = f
	return f, nil
}

// Default returns the framework used when none is named: the first
// --framework file when one was given, else the embedded default.
func (c *Catalog) Default() (*model.Framework, error) {
	if u := c.User(); u != nil {
		return u, nil
	}
	return c.Embedded(strings.TrimSuffix(path.Base(framework.Default), ".yaml"))
}

// Resolve finds the framework with this id, whatever its version. It is a
// load.Resolver; inputs that name a version use ResolveVersion.
func (c *Catalog) Resolve(id string) (*model.Framework, error) {
	return c.ResolveVersion(id, "")
}

// ResolveVersion finds the framework for an input that names id and
// version (see the package comment), and notes that an input named id.
func (c *Catalog) ResolveVersion(id, version string) (*model.Framework, error) {
	c.Named(id)
	var newest *model.Framework
	for _, u := range c.user {
		if u.ID != id {
			continue
		}
		if u.Version == version {
			return u, nil
		}
		if newest == nil || model.CompareVersions(u.Version, newest.Version) > 0 {
			newest = u
		}
	}
	if newest != nil {
		return newest, nil
	}
	return c.Embedded(id)
}

// Named notes that an input named the framework id, as a framework file
// validated names its own: a --framework file of that id is not unused.
func (c *Catalog) Named(id string) {
	c.mu.Lock()
	c.asked[id] = true
	c.mu.Unlock()
}

// Assessment decodes an assessment, reading it with the framework of the
// id and version it names. When the framework found has another version
// and the file does not fit it, the error says so and what to do.
func (c *Catalog) Assessment(doc *load.Document) (*load.Loaded, error) {
	version := namedVersion(doc.Root)
	var used *model.Framework
	l, err := load.Assessment(doc, func(id string) (*model.Framework, error) {
		fw, err := c.ResolveVersion(id, version)
		used = fw
		return fw, err
	})
	if err != nil && used != nil && version != "" && used.Version != version {
		err = fmt.Errorf("%w\n%s: made with %s version %s, read with version %s (%s); give version %s with --framework FILE",
			err, inert.Line(doc.Name), used.ID, inert.Line(version), used.Version, inert.Line(used.Source), inert.Line(version))
	}
	return l, err
}

// Unused returns an error (exit status 2) for --framework files whose id no
// input named, with the ids the inputs did name, or nil. Call it once every
// input has been read: a file given for nothing is a mistake (a typo in the
// id, the wrong file), never silently ignored.
func (c *Catalog) Unused() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var lines []string
	for _, u := range c.user {
		if !c.asked[u.ID] {
			lines = append(lines, fmt.Sprintf("--framework %s: its id %q is named by no input", inert.Line(u.Source), u.ID))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	found := "none (no input named a framework)"
	if len(c.asked) > 0 {
		ids := make([]string, 0, len(c.asked))
		for id := range c.asked {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		found = strings.Join(ids, ", ")
	}
	return exitcode.Usage(fmt.Errorf("%s (the inputs name: %s)", strings.Join(lines, "\n"), found))
}

func (c *Catalog) notFound(id string) error {
	msg := fmt.Sprintf("framework %q not found (built in: %s", id, strings.Join(c.EmbeddedIDs(), ", "))
	if len(c.user) > 0 {
		for _, u := range c.user {
			msg += fmt.Sprintf("; %s has id %q", inert.Line(u.Source), u.ID)
		}
	} else {
		msg += "; pass --framework FILE to use your own"
	}
	return fmt.Errorf("%s)", msg)
}

// namedVersion reads framework.version from an assessment's YAML before it
// is decoded, so that the file can be read with the version it names. It
// returns "" when the file has none; the loader then reports what is wrong.
func namedVersion(root *yaml.Node) string {
	fw := value(root, "framework")
	if v := value(fw, "version"); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// value returns the value of key in a mapping node, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
