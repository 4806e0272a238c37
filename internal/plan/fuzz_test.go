package plan

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

// FuzzPlan: any bytes either fail to open with the loader's own error, or
// open as a round to which an action can be added and whose actions' status
// can be set, each edit verified by loading the text again; an edit that
// cannot be made says so. Never a panic, and never a file that does not
// read back.
func FuzzPlan(f *testing.F) {
	f.Add([]byte(round))
	f.Add([]byte(withActions))
	f.Add([]byte(round + "actions: []\n"))
	f.Add([]byte(round + "actions: [{indicator: people, what: x}]\n"))
	data, err := os.ReadFile("testdata/fw.yaml")
	if err != nil {
		f.Fatal(err)
	}
	fw, err := load.FrameworkBytes("fw.yaml", data)
	if err != nil {
		f.Fatal(err)
	}
	resolve := func(id string) (*model.Framework, error) {
		if id == fw.ID {
			return fw, nil
		}
		return nil, errors.New("framework not found")
	}
	if paths, err := filepath.Glob("testdata/fuzz/FuzzPlan/*"); err == nil && len(paths) == 0 {
		f.Log("no stored seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Open("fuzz.yaml", data, resolve)
		if err != nil {
			var ps load.Problems
			var pr *load.Problem
			if !errors.As(err, &ps) && !errors.As(err, &pr) {
				t.Fatalf("error %T is not the loader's own: %v", err, err)
			}
			return
		}
		n := len(p.Actions())
		if err := p.Add(model.Action{Dimension: "people", Indicator: "welcome", What: "Welcome: each newcomer", Owner: "#1", Due: day("2027-01-31")}); err == nil {
			if _, err := p.Verify(); err != nil {
				t.Fatalf("after Add: %v\n%s", err, p.Bytes())
			}
			if err := p.SetStatus(n, model.ActionDone); err != nil {
				t.Fatalf("SetStatus on the action just added: %v\n%s", err, p.Bytes())
			}
		}
		for i := 0; i < n; i++ {
			if err := p.SetStatus(i, model.ActionDropped); err != nil {
				continue
			}
		}
		if _, err := p.Verify(); err != nil {
			t.Fatalf("after SetStatus: %v\n%s", err, p.Bytes())
		}
	})
}
