package load

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cophealth/cop/internal/encode"
	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/score"
)

// checkError fails unless err is one of the loader's own problems, naming
// the file, with a message.
func checkError(t *testing.T, err error) {
	t.Helper()
	var ps Problems
	var p *Problem
	switch {
	case errors.As(err, &ps):
		if len(ps) == 0 {
			t.Fatal("empty Problems")
		}
		for _, p := range ps {
			if p.File != "fuzz.yaml" || p.Msg == "" {
				t.Fatalf("problem without file or message: %#v", p)
			}
		}
	case errors.As(err, &p):
		if p.File != "fuzz.yaml" || p.Msg == "" {
			t.Fatalf("problem without file or message: %#v", p)
		}
	default:
		t.Fatalf("error %T is not the loader's own: %v", err, err)
	}
}

// addSeeds adds every YAML file below dir as a seed.
func addSeeds(f *testing.F, dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsYAMLName(p) {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

// FuzzFramework: any bytes either load as a framework that keeps every
// promise the scorer relies on, or give the loader's own error. Never a panic.
func FuzzFramework(f *testing.F) {
	f.Add([]byte(testFramework))
	addSeeds(f, "../../framework")
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := FrameworkBytes("fuzz.yaml", data)
		if err != nil {
			checkError(t, err)
			return
		}
		if len(fw.Scale) < 2 || len(fw.Levels) < 1 || len(fw.Dimensions) < 1 {
			t.Fatalf("loaded a framework without scale, levels or dimensions")
		}
		for i := 1; i < len(fw.Scale); i++ {
			if fw.Scale[i].Value <= fw.Scale[i-1].Value {
				t.Fatalf("scale not increasing: %v", fw.Scale)
			}
		}
		if fw.Levels[0].Min != fw.ScaleMin() {
			t.Fatalf("first level min %v is not the scale minimum %v", fw.Levels[0].Min, fw.ScaleMin())
		}
		for _, d := range fw.Dimensions {
			if len(d.Indicators) == 0 || d.Weight <= 0 {
				t.Fatalf("dimension %s: %d indicators, weight %v", d.ID, len(d.Indicators), d.Weight)
			}
		}
		for _, l := range fw.Levels {
			if l.MinEach != nil && (*l.MinEach <= fw.ScaleMin() || *l.MinEach > fw.ScaleMax()) {
				t.Fatalf("level %s: min-each %v outside the scale", l.ID, *l.MinEach)
			}
		}
		for _, d := range fw.Dimensions {
			for _, ind := range d.Indicators {
				for id, g := range ind.GuidanceByLevel {
					if fw.LevelByID(id) == nil || g == "" {
						t.Fatalf("indicator %s: guidance for unknown level %q or empty", ind.ID, id)
					}
				}
			}
		}
		// An empty round scores without panicking, and so does a full one;
		// the overall level is one of the framework's.
		score.Compute(fw, &model.Assessment{Responses: []model.Response{{Respondent: "x"}}})
		full := model.Response{Respondent: "y"}
		for _, d := range fw.Dimensions {
			for i, ind := range d.Indicators {
				full.SetRating(d.ID, ind.ID, model.Rating{Kind: model.Scored, Value: fw.Scale[i%len(fw.Scale)].Value})
			}
		}
		res := score.Compute(fw, &model.Assessment{Responses: []model.Response{full}})
		if res.Overall.Level == nil || fw.LevelByID(res.Overall.Level.ID) == nil {
			t.Fatalf("overall level %v is not the framework's", res.Overall.Level)
		}
	})
}

// FuzzAssessment: any bytes either load as an assessment or give the
// loader's own error. One that loads is written back by the encoder and loads
// again to the same content, and scores without panicking.
func FuzzAssessment(f *testing.F) {
	f.Add([]byte(goodAssessment))
	addSeeds(f, "../../examples")
	fw, err := FrameworkBytes("tf.yaml", []byte(testFramework))
	if err != nil {
		f.Fatal(err)
	}
	others := map[string]*model.Framework{fw.ID: fw}
	for _, name := range []string{"cop-health", "cop-fitness"} {
		if data, err := os.ReadFile("../../framework/" + name + ".yaml"); err == nil {
			if x, err := FrameworkBytes(name, data); err == nil {
				others[x.ID] = x
			}
		}
	}
	resolve := func(id string) (*model.Framework, error) {
		if x, ok := others[id]; ok {
			return x, nil
		}
		return nil, errors.New("framework not found")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := AssessmentBytes("fuzz.yaml", data, resolve)
		if err != nil {
			checkError(t, err)
			return
		}
		score.Compute(l.Framework, l.Assessment)
		var buf bytes.Buffer
		if err := encode.Assessment(&buf, l.Assessment, l.Framework); err != nil {
			t.Fatalf("encode: %v", err)
		}
		again, err := AssessmentBytes("fuzz.yaml", buf.Bytes(), resolve)
		if err != nil {
			t.Fatalf("encoded file does not load: %v\n%s", err, buf.String())
		}
		a, b := l.Assessment, again.Assessment
		if a.Community != b.Community || !a.Date.Equal(b.Date) || a.Framework.ID != b.Framework.ID ||
			a.Framework.Version != b.Framework.Version || len(a.Responses) != len(b.Responses) || a.Invited != b.Invited {
			t.Fatalf("round trip changed the header:\n%+v\n%+v", a, b)
		}
		if !sameActions(a.Actions, b.Actions) {
			t.Fatalf("round trip changed the actions:\n%+v\n%+v", a.Actions, b.Actions)
		}
		for i := range a.Responses {
			ra, rb := a.Responses[i], b.Responses[i]
			if ra.Respondent != rb.Respondent || ra.Role != rb.Role || !reflect.DeepEqual(ra.Notes, rb.Notes) ||
				!reflect.DeepEqual(ra.IndicatorNotes, rb.IndicatorNotes) {
				t.Fatalf("round trip changed response %d:\n%+v\n%+v", i, ra, rb)
			}
			if !sameRatings(ra.Ratings, rb.Ratings) {
				t.Fatalf("round trip changed the ratings of response %d:\n%v\n%v", i, ra.Ratings, rb.Ratings)
			}
		}
	})
}

// sameActions compares actions without their positions, which move when
// the file is written again.
func sameActions(a, b []model.Action) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Pos, y.Pos = model.Pos{}, model.Pos{}
		if !x.Due.Equal(y.Due) {
			return false
		}
		x.Due = y.Due
		if x != y {
			return false
		}
	}
	return true
}

func sameRatings(a, b map[string]map[string]model.Rating) bool {
	count := func(m map[string]map[string]model.Rating) int {
		n := 0
		for _, d := range m {
			n += len(d)
		}
		return n
	}
	if count(a) != count(b) {
		return false
	}
	for dim, inds := range a {
		for ind, r := range inds {
			o := b[dim][ind]
			if o.Kind != r.Kind || o.Value != r.Value {
				return false
			}
		}
	}
	return true
}
