package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cophealth/cop/internal/catalog"
	"github.com/cophealth/cop/internal/load"
	"github.com/cophealth/cop/internal/model"
)

func resolver(t *testing.T) load.Resolver {
	t.Helper()
	fw, err := load.FrameworkFile("testdata/fw.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) (*model.Framework, error) { return fw, nil }
}

// round has comments everywhere a person might put them, and no actions.
const round = `# Riverside, second round.
kind: cop-assessment
version: 1
community: Riverside   # the nurses' network
date: 2026-05-21
framework: {id: pf, version: 1.0.0}
responses:
  - respondent: Ana
    ratings:
      aims: {plan: 0, goals: 2}   # plan: none yet
    notes:
      aims: >-
        A long note that was folded
        over two lines.
# The end of the file.
`

func open(t *testing.T, text string) *File {
	t.Helper()
	f, err := Open("r.yaml", []byte(text), resolver(t))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func day(s string) time.Time {
	d, err := time.Parse(model.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

// done checks the edited text against want, byte for byte, and that it
// verifies (loads strictly with the intended actions).
func done(t *testing.T, f *File, want string) {
	t.Helper()
	if got := string(f.Bytes()); got != want {
		t.Errorf("edited file:\n%s\nwant:\n%s", got, want)
	}
	if _, err := f.Verify(); err != nil {
		t.Error(err)
	}
}

func TestAddToAFileWithoutActions(t *testing.T) {
	f := open(t, round)
	if err := f.Add(model.Action{Dimension: "aims", Indicator: "plan", What: "Agree a twelve-month plan: in January", Owner: "Ana", Due: day("2026-06-30")}); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(model.Action{Dimension: "people", What: "yes", Status: model.ActionDoing}); err != nil {
		t.Fatal(err)
	}
	// Every line of the file stays; the actions follow, indented like the
	// responses, the status written even when it is the default, and text
	// that YAML would read as something else (a colon and space) quoted.
	// ("yes" is text in YAML 1.2, which cop reads.)
	done(t, f, round+`actions:
  - indicator: aims/plan
    what: 'Agree a twelve-month plan: in January'
    owner: Ana
    due: 2026-06-30
    status: planned
  - indicator: people
    what: yes
    status: doing
`)
}

// withActions has a block list of actions, in both styles, with comments.
var withActions = round[:strings.Index(round, "# The end")] + `actions:
  # agreed at the May meeting
  - indicator: aims/plan
    what: Agree a plan
    status: "planned"   # quoted
  - {indicator: aims/goals, what: Say the goals}
  - indicator: people/welcome
    what: >-
      Welcome each newcomer
      within a week
    owner: Ben

# The end of the file.
`

func TestSetStatusKeepsEverythingElse(t *testing.T) {
	f := open(t, withActions)
	for i, s := range []string{model.ActionDone, model.ActionDoing, model.ActionDropped} {
		if err := f.SetStatus(i, s); err != nil {
			t.Fatal(err)
		}
	}
	// A quoted status is replaced in place, in its quotes, keeping its
	// comment; a flow
	// item without a status gets one before its brace; a block item
	// without one gets a line after its last key, before the blank line
	// and the comment that belong to what follows.
	want := strings.NewReplacer(
		`status: "planned"   # quoted`, `status: "done"   # quoted`,
		`{indicator: aims/goals, what: Say the goals}`, `{indicator: aims/goals, what: Say the goals, status: doing}`,
		"    owner: Ben\n", "    owner: Ben\n    status: dropped\n",
	).Replace(withActions)
	done(t, f, want)

	// Setting a status twice edits the same line again.
	if err := f.SetStatus(2, model.ActionPlanned); err != nil {
		t.Fatal(err)
	}
	done(t, f, strings.Replace(want, "status: dropped", "status: planned", 1))
}

func TestAddAfterTheLastAction(t *testing.T) {
	f := open(t, withActions)
	if err := f.Add(model.Action{Dimension: "aims", Indicator: "goals", What: "Ask three members", Status: model.ActionPlanned}); err != nil {
		t.Fatal(err)
	}
	done(t, f, strings.Replace(withActions, "    owner: Ben\n", "    owner: Ben\n  - indicator: aims/goals\n    what: Ask three members\n    status: planned\n", 1))
}

func TestEmptyActionsValue(t *testing.T) {
	for _, empty := range []string{"actions:", "actions: []", "actions:   # none yet"} {
		text := round + empty + "\n"
		f := open(t, text)
		if err := f.Add(model.Action{Dimension: "people", What: "Name a welcomer"}); err != nil {
			t.Fatal(err)
		}
		key := "actions:"
		if strings.Contains(empty, "#") {
			key = "actions: # none yet"
		}
		done(t, f, round+key+"\n  - indicator: people\n    what: Name a welcomer\n    status: planned\n")
	}
}

func TestLineEndsAndByteOrderMarkAreKept(t *testing.T) {
	crlf := "\ufeff" + strings.ReplaceAll(withActions, "\n", "\r\n")
	f := open(t, crlf)
	if err := f.SetStatus(0, model.ActionDone); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(model.Action{Dimension: "people", What: "Call Ben"}); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(withActions, `status: "planned"`, `status: "done"`, 1)
	want = strings.Replace(want, "    owner: Ben\n", "    owner: Ben\n  - indicator: people\n    what: Call Ben\n    status: planned\n", 1)
	done(t, f, "\ufeff"+strings.ReplaceAll(want, "\n", "\r\n"))
}

func TestMistakes(t *testing.T) {
	f := open(t, withActions)
	for _, c := range []struct {
		err  error
		want string
	}{
		{f.SetStatus(3, model.ActionDone), "r.yaml has no action 4 (it has 3)"},
		{f.SetStatus(0, "finished"), `status "finished" is not one of planned, doing, done, dropped`},
		{f.Add(model.Action{Dimension: "money", What: "x"}), `unknown dimension "money" (framework pf has aims, people)`},
		{f.Add(model.Action{Dimension: "people", Indicator: "range", What: "x"}), `unknown indicator "range" in dimension "people" (expected welcome)`},
		{f.Add(model.Action{Dimension: "people", What: "  "}), "an action needs a what: what the community will do"},
		{f.Add(model.Action{Dimension: "people", What: "x", Status: "later"}), `status "later" is not one of planned, doing, done, dropped`},
	} {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("error %v, want %q", c.err, c.want)
		}
	}
	// Nothing was changed by the mistakes.
	done(t, f, withActions)

	flow := round + "actions: [{indicator: people, what: x}]\n"
	if err := open(t, flow).Add(model.Action{Dimension: "people", What: "y"}); err == nil || !strings.Contains(err.Error(), "flow style") {
		t.Errorf("adding to a flow list: %v", err)
	}
	// Editable says so before anything is typed; the layouts Add can
	// write to (no actions, an empty value, a block list) are editable.
	if err := open(t, flow).Editable(); err == nil || !strings.Contains(err.Error(), "flow style") {
		t.Errorf("Editable on a flow list: %v", err)
	}
	for _, ok := range []string{round, round + "actions:\n", round + "actions: []\n", withActions} {
		if err := open(t, ok).Editable(); err != nil {
			t.Errorf("Editable: %v on\n%s", err, ok)
		}
	}
}

func TestExamplesKeepEveryOtherLine(t *testing.T) {
	// Real files: after an action is added and a status set, removing the
	// lines that were added gives back the file as it was, byte for byte:
	// every other field and comment is kept, in its order.
	cat, err := catalog.New("")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("../../examples/*/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatal("no examples", err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(path, data, cat.Resolve)
		if err != nil {
			t.Fatal(err)
		}
		n := len(f.Actions())
		// The first indicator of the file's framework: ids are data.
		d := f.Loaded.Framework.Dimensions[0]
		target := d.ID + "/" + d.Indicators[0].ID
		if err := f.Add(model.Action{Dimension: d.ID, Indicator: d.Indicators[0].ID, What: "Agree a plan", Owner: "Ana Ruiz", Due: day("2027-01-31")}); err != nil {
			t.Fatal(err)
		}
		if err := f.SetStatus(n, model.ActionDoing); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Verify(); err != nil {
			t.Fatal(err)
		}
		added := []string{"  - indicator: " + target, "    what: Agree a plan", "    owner: Ana Ruiz", "    due: 2027-01-31", "    status: doing"}
		if n == 0 {
			added = append([]string{"actions:"}, added...)
		}
		var kept []string
		for _, l := range strings.Split(string(f.Bytes()), "\n") {
			if len(added) > 0 && l == added[0] {
				added = added[1:]
				continue
			}
			kept = append(kept, l)
		}
		if len(added) > 0 {
			t.Errorf("%s: lines not added as expected: %q", path, added)
		}
		if got := strings.Join(kept, "\n"); got != string(data) {
			t.Errorf("%s: other lines changed:\n%s", path, got)
		}
	}
}
