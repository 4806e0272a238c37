package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cophealth/cop/internal/model"
)

func TestResponseRate(t *testing.T) {
	for _, c := range []struct {
		invited, answered int
		line              string // "" when there is no rate
		low               bool
	}{
		{0, 3, "", false}, // invited not given
		{14, 5, "5 of 14 invited members answered (36%).", true},  // 5/14 = 0.357 -> 36%; 10 < 14
		{10, 5, "5 of 10 invited members answered (50%).", false}, // exactly half is not fewer
		{11, 5, "5 of 11 invited members answered (45%).", true},  // 5/11 = 0.4545 -> 45%
		{1, 1, "1 of 1 invited member answered (100%).", false},
		{3, 0, "0 of 3 invited members answered (0%).", true},
	} {
		a := &model.Assessment{Invited: c.invited, Responses: make([]model.Response, c.answered)}
		r := ResponseRate(a)
		if c.line == "" {
			if r != nil {
				t.Errorf("invited %d: rate %+v, want none", c.invited, r)
			}
			continue
		}
		if r == nil {
			t.Fatalf("invited %d: no rate", c.invited)
		}
		if got := rateLine(r); got != c.line || r.Low != c.low {
			t.Errorf("invited %d, %d answered: %q low %v, want %q low %v", c.invited, c.answered, got, r.Low, c.line, c.low)
		}
	}
}

func TestReportRateInEveryFormat(t *testing.T) {
	// testdata/roles.yaml: 5 respondents of 12 invited: 5/12 = 0.4167 ->
	// 42%, fewer than half (10 < 12): the warning.
	rep := rolesFixture(t)
	for name, c := range map[string]struct {
		write func(*bytes.Buffer) error
		want  []string
	}{
		"table":    {func(b *bytes.Buffer) error { return ReportTable(b, rep) }, []string{"\n5 of 12 invited members answered (42%).\nWarning: fewer than half"}},
		"markdown": {func(b *bytes.Buffer) error { return ReportMarkdown(b, rep) }, []string{"\n5 of 12 invited members answered (42%).\n\n> **Warning:** fewer than half"}},
		"json":     {func(b *bytes.Buffer) error { return ReportJSON(b, rep) }, []string{`"response": {`, `"invited": 12,`, `"respondents": 5,`, `"rate": 0.42,`, `"low": true`}},
		"html":     {func(b *bytes.Buffer) error { return ReportHTML(b, rep) }, []string{`<p class="rate">5 of 12 invited members answered (42%). <strong class="flag">Warning: fewer than half`}},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: no %q in\n%s", name, w, b.String())
			}
		}
	}
	// Without invited, no rate in any format.
	rep.Assessment.Invited = 0
	var b bytes.Buffer
	if err := ReportJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `"response"`) {
		t.Error("a response rate without invited")
	}
}
