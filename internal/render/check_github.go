package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/cophealth/cop/internal/gate"
	"github.com/cophealth/cop/internal/load"
)

// annotation writes one GitHub Actions workflow command: level is error,
// warning or notice; file, line, col and title are left out when empty or 0.
func annotation(b *strings.Builder, level, file string, line, col int, title, msg string) {
	var props []string
	if file != "" {
		props = append(props, "file="+AnnotationProperty(file))
	}
	if line > 0 {
		props = append(props, fmt.Sprintf("line=%d", line))
		if col > 0 {
			props = append(props, fmt.Sprintf("col=%d", col))
		}
	}
	if title != "" {
		props = append(props, "title="+AnnotationProperty(title))
	}
	b.WriteString("::" + level)
	if len(props) > 0 {
		b.WriteString(" " + strings.Join(props, ","))
	}
	b.WriteString("::" + AnnotationMessage(msg) + "\n")
}

func problemAnnotations(b *strings.Builder, level, title string, ps load.Problems) {
	for _, p := range ps {
		annotation(b, level, p.File, p.Line, p.Col, title, p.Msg)
	}
}

// CheckGitHub writes the check as GitHub Actions workflow commands: an
// error annotation per failed rule, pointing at the file and, where there is
// one, the line of the dimension or date at fault; a notice per skipped
// rule; an error per problem of an invalid file; a notice per file with its
// summary; and the summary line. Every property and message is escaped.
func CheckGitHub(w io.Writer, r *CheckReport) error {
	var b strings.Builder
	plain := func(s string) string { return s }
	for i := range r.Files {
		f := &r.Files[i]
		problemAnnotations(&b, "warning", "cop check: warning", f.Warnings)
		if f.Result == nil {
			problemAnnotations(&b, "error", "cop check: invalid file", f.Problems)
			continue
		}
		res := f.Result
		for j := range res.Outcomes {
			o := &res.Outcomes[j]
			switch o.Status {
			case gate.Fail:
				annotation(&b, "error", f.Path, o.Line, 0, "cop check: "+o.Name(), ruleMessage(o, res, plain))
			case gate.Skip:
				annotation(&b, "notice", f.Path, o.Line, 0, "cop check: "+o.Name()+" skipped", ruleMessage(o, res, plain))
			case gate.Warn:
				annotation(&b, "warning", f.Path, o.Line, 0, "cop check: "+o.Name()+" (warn only)", ruleMessage(o, res, plain))
			}
		}
		msg := fmt.Sprintf("%s: %d of %s passed", roundTitle(res.Input.Assessment, plain), res.Count(gate.Pass),
			Plural(len(res.Outcomes), "rule"))
		if n := res.Count(gate.Fail); n > 0 {
			msg += fmt.Sprintf(", %d failed", n)
		}
		if n := res.Count(gate.Warn); n > 0 {
			msg += fmt.Sprintf(", %d warned", n)
		}
		if t := res.Targets; t != nil {
			msg += "; targets: " + targetsLine(t)
		}
		annotation(&b, "notice", f.Path, 0, 0, "cop check: "+verdict(f), msg)
	}
	b.WriteString("cop check: " + r.Counts().String() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// CheckMarkdown writes the check as GitHub-flavoured Markdown, for the job
// summary ($GITHUB_STEP_SUMMARY) of a GitHub Actions run. User text is escaped.
func CheckMarkdown(w io.Writer, r *CheckReport) error {
	c := r.Counts()
	p := &printer{w: w}
	word := "passed"
	if !c.Passed() {
		word = "failed"
	}
	p.line("## cop check: %s", word)
	p.line("")
	p.line("Policy: %s.  ", r.policyLine(Markdown))
	if r.Baseline != nil {
		p.line("Baseline: %s (%s).  ", Markdown(r.Baseline.Assessment.Path), roundTitle(r.Baseline.Assessment, Markdown))
	}
	p.line("%s.", c)
	for i := range r.Files {
		f := &r.Files[i]
		p.line("")
		if f.Result == nil {
			p.line("### %s: invalid", Markdown(f.Path))
			p.line("")
			for _, pr := range f.Problems {
				p.line("- %s", Markdown(pr.Error()))
			}
			continue
		}
		res := f.Result
		p.line("### %s: %s", Markdown(f.Path), verdict(f))
		p.line("")
		p.line("%s.", roundTitle(res.Input.Assessment, Markdown))
		p.line("")
		if err := p.flush(); err != nil {
			return err
		}
		t := Table{Header: []string{"Result", "Rule", "Details"}}
		for j := range res.Outcomes {
			o := &res.Outcomes[j]
			status := string(o.Status)
			switch o.Status {
			case gate.Fail:
				status = "**fail**"
			case gate.Warn:
				status = "**warn**"
			}
			t.Rows = append(t.Rows, []string{status, Markdown(o.Name()), ruleMessage(o, res, Markdown)})
		}
		if len(t.Rows) > 0 {
			if err := t.WriteMarkdown(w); err != nil {
				return err
			}
		}
		if tg := res.Targets; tg != nil {
			p.line("")
			p.line("Targets: %s.", targetsLine(tg))
			p.line("")
			if err := p.flush(); err != nil {
				return err
			}
			tab := targetsTable(tg, res.Input.Baseline != nil, Markdown)
			if err := tab.WriteMarkdown(w); err != nil {
				return err
			}
		}
	}
	return p.flush()
}
