package compare

import (
	"fmt"

	"github.com/cophealth/cop/internal/catalog"
	grid "github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
	"go.yaml.in/yaml/v3"
)

// frameworks finds the framework each round is read with, by id and
// version: the version the file names when it is at hand (a --framework
// file, or the embedded framework), else the newest --framework file with
// that id, else the embedded one (with a warning from the loader that the
// versions differ). Several --framework files with one id and different
// versions are how rounds made on different versions are read each with
// its own, and then aligned by id. It is safe for concurrent use.
type frameworks struct {
	embedded *catalog.Catalog
	user     []*model.Framework
}

func newFrameworks(paths []string) (*frameworks, error) {
	cat, err := catalog.New("")
	if err != nil {
		return nil, err
	}
	f := &frameworks{embedded: cat}
	for _, p := range paths {
		fw, err := load.FrameworkFile(p)
		if err != nil {
			return nil, err
		}
		for _, u := range f.user {
			if u.ID == fw.ID && u.Version == fw.Version {
				return nil, fmt.Errorf("%s and %s are both framework %s version %s; give each version once", u.Source, fw.Source, fw.ID, fw.Version)
			}
		}
		f.user = append(f.user, fw)
	}
	return f, nil
}

// resolve finds the framework for a file that names id and version.
func (f *frameworks) resolve(id, version string) (*model.Framework, error) {
	var newest *model.Framework
	for _, u := range f.user {
		if u.ID != id {
			continue
		}
		if u.Version == version {
			return u, nil
		}
		if newest == nil || grid.CompareVersions(u.Version, newest.Version) > 0 {
			newest = u
		}
	}
	emb, err := f.embedded.Embedded(id)
	switch {
	case err == nil && (emb.Version == version || newest == nil):
		return emb, nil
	case newest != nil:
		return newest, nil
	}
	return nil, err
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
