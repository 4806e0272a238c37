// Package catalog finds frameworks by id: the ones embedded in cop and, when
// the user passes --framework FILE, their own, which takes precedence over an
// embedded framework with the same id.
package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/cophealth/cop/framework"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

// Catalog resolves framework ids. It is safe for concurrent use, and parses
// each embedded framework at most once, when first asked for.
type Catalog struct {
	fsys     fs.FS
	user     *model.Framework
	mu       sync.Mutex
	embedded map[string]*model.Framework
}

// New returns a catalog of the embedded frameworks plus, when userPath is
// not empty, the framework in that file (an error if it does not load).
func New(userPath string) (*Catalog, error) {
	c := &Catalog{fsys: framework.FS, embedded: map[string]*model.Framework{}}
	if userPath != "" {
		f, err := load.FrameworkFile(userPath)
		if err != nil {
			return nil, err
		}
		c.user = f
	}
	return c, nil
}

// User returns the framework given with --framework, or nil.
func (c *Catalog) User() *model.Framework { return c.user }

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

// Embedded returns the embedded framework with this id, parsing it on first use.
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

// Default returns the framework used when none is named: the user's
// framework when --framework was given, else the embedded default.
func (c *Catalog) Default() (*model.Framework, error) {
	if c.user != nil {
		return c.user, nil
	}
	return c.Embedded(strings.TrimSuffix(path.Base(framework.Default), ".yaml"))
}

// Resolve finds the framework with this id: the user's if its id matches,
// else an embedded one. It is a load.Resolver.
func (c *Catalog) Resolve(id string) (*model.Framework, error) {
	if c.user != nil && c.user.ID == id {
		return c.user, nil
	}
	return c.Embedded(id)
}

func (c *Catalog) notFound(id string) error {
	msg := fmt.Sprintf("framework %q not found (built in: %s", id, strings.Join(c.EmbeddedIDs(), ", "))
	if c.user != nil {
		msg += fmt.Sprintf("; %s has id %q", c.user.Source, c.user.ID)
	} else {
		msg += "; pass --framework FILE to use your own"
	}
	return fmt.Errorf("%s)", msg)
}
