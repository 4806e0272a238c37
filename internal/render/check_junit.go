package render

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/model"
)

// The JUnit XML that CI systems read (Jenkins, GitLab, Azure, CircleCI and
// the GitHub test-report actions): a test suite per file and a test case
// per rule. A failed rule is a <failure>, a skipped one <skipped>, and a
// file that could not be read an <error>.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Properties *junitProperties `xml:"properties"`
	Cases      []junitCase      `xml:"testcase"`
	SystemOut  string           `xml:"system-out,omitempty"`
}

// junitProperties is a pointer in a suite so that a suite without any
// writes no empty <properties/>, which stricter JUnit schemas refuse.
type junitProperties struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// CheckJUnit writes the check as JUnit XML. encoding/xml escapes every
// attribute and text, and replaces characters XML cannot hold.
func CheckJUnit(w io.Writer, r *CheckReport) error {
	c := r.Counts()
	doc := junitSuites{Name: "cop check", Tests: c.Rules + c.FilesInvalid, Failures: c.RulesFailed, Errors: c.FilesInvalid, Skipped: c.RulesSkipped}
	plain := func(s string) string { return s }
	for i := range r.Files {
		f := &r.Files[i]
		s := junitSuite{Name: f.Path}
		if f.Result == nil {
			var lines []string
			for _, p := range f.Problems {
				lines = append(lines, p.Error())
			}
			s.Tests, s.Errors = 1, 1
			s.Cases = []junitCase{{Name: "valid", Classname: f.Path, File: f.Path,
				Error: &junitMessage{Message: f.Path + ": invalid: " + Plural(len(f.Problems), "problem"), Type: "invalid", Text: strings.Join(lines, "\n")}}}
			doc.Suites = append(doc.Suites, s)
			continue
		}
		res := f.Result
		a, fw := res.Input.Assessment, res.Input.Result.Framework
		s.Tests, s.Failures, s.Skipped = len(res.Outcomes), res.Count(gate.Fail), res.Count(gate.Skip)
		s.Properties = &junitProperties{Items: []junitProperty{
			{"community", a.Community},
			{"date", a.Date.Format(model.DateLayout)},
			{"framework", fw.ID + " " + fw.Version},
			{"policy", r.policyLine(plain)},
		}}
		if r.Baseline != nil {
			s.Properties.Items = append(s.Properties.Items, junitProperty{"baseline", r.Baseline.Assessment.Path})
		}
		for j := range res.Outcomes {
			o := &res.Outcomes[j]
			msg := ruleMessage(o, res, plain)
			tc := junitCase{Name: o.Name(), Classname: f.Path, File: f.Path, Line: o.Line}
			switch o.Status {
			case gate.Fail:
				tc.Failure = &junitMessage{Message: msg, Type: o.Rule}
			case gate.Skip:
				tc.Skipped = &junitMessage{Message: msg}
			case gate.Warn:
				// JUnit has no warnings: a rule that only warns is a test
				// that passed, with the warning in its output, so that no CI
				// system counts it as a failure.
				tc.SystemOut = "warning (warn only): " + msg
			default:
				tc.SystemOut = msg
			}
			s.Cases = append(s.Cases, tc)
		}
		if t := res.Targets; t != nil {
			s.Properties.Items = append(s.Properties.Items, junitProperty{"percent-to-target", Percent(t.Percent)})
			var b strings.Builder
			b.WriteString("Targets: " + targetsLine(t) + "\n")
			tab := targetsTable(t, res.Input.Baseline != nil, plain)
			if err := tab.WritePlain(&b); err != nil {
				return err
			}
			s.SystemOut = b.String()
		}
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
