package render

import (
	"fmt"
	"io"

	"github.com/cophealth/cop/internal/model"
)

// FrameworkText writes a framework as an indented tree for a terminal,
// within lineWidth columns (0 means DefaultWidth).
func FrameworkText(w io.Writer, fw *model.Framework, guidance bool, lineWidth int) error {
	if lineWidth <= 0 {
		lineWidth = DefaultWidth
	}
	p := &printer{w: w, width: lineWidth}
	p.line("%s (%s %s)", OneLine(fw.Title), fw.ID, fw.Version)
	p.line("%s", Wrap(fw.Description, lineWidth, ""))
	p.line("")
	p.line("Scale:")
	for _, s := range fw.Scale {
		p.line("%s", Wrap(fmt.Sprintf("%s %s: %s", model.FormatNumber(s.Value), s.Label, s.Description), lineWidth, "  "))
	}
	p.line("  %s: don't know; %s: not applicable", model.Unknown, model.NotApplicable)
	p.line("")
	p.line("Levels:")
	for _, l := range fw.Levels {
		p.line("%s", Wrap(fmt.Sprintf("from %s%s  %s (%s): %s", model.FormatNumber(l.Min), minEachText(l), l.Label, l.ID, l.Description), lineWidth, "  "))
	}
	for i, d := range fw.Dimensions {
		p.line("")
		title := fmt.Sprintf("%d. %s (%s)", i+1, OneLine(d.Title), d.ID)
		if d.Weight != 1 {
			title += fmt.Sprintf(", weight %s", model.FormatNumber(d.Weight))
		}
		p.line("%s", title)
		p.line("%s", Wrap(d.Description, lineWidth, "   "))
		for _, ind := range d.Indicators {
			head := fmt.Sprintf("   - %s: %s", ind.ID, OneLine(ind.Title))
			if ind.Weight != 1 {
				head += fmt.Sprintf(" (weight %s)", model.FormatNumber(ind.Weight))
			}
			p.line("%s", head)
			p.line("%s", Wrap(ind.Statement, lineWidth, "     "))
			if guidance {
				p.line("%s", Wrap("Try: "+ind.Guidance, lineWidth, "     "))
				for _, l := range fw.Levels {
					if g, ok := ind.GuidanceByLevel[l.ID]; ok {
						p.line("%s", Wrap("Try when "+l.ID+": "+g, lineWidth, "     "))
					}
				}
			}
		}
	}
	return p.flush()
}

// FrameworkMarkdown writes a framework as a Markdown document.
func FrameworkMarkdown(w io.Writer, fw *model.Framework, guidance bool) error {
	p := &printer{w: w}
	p.line("# %s", Markdown(fw.Title))
	p.line("")
	p.line("`%s` version %s. %s", fw.ID, Markdown(fw.Version), Markdown(OneLine(fw.Description)))
	p.line("")
	p.line("## Scale")
	p.line("")
	t := Table{Header: []string{"Value", "Answer", "Meaning"}, Align: []Align{Right, Left, Left}}
	for _, s := range fw.Scale {
		t.Rows = append(t.Rows, []string{model.FormatNumber(s.Value), Markdown(s.Label), Markdown(OneLine(s.Description))})
	}
	t.Rows = append(t.Rows, []string{model.Unknown, "Don't know", "Left out of the score; the indicator counts against coverage."})
	t.Rows = append(t.Rows, []string{model.NotApplicable, "Not applicable", "Left out of the score and of coverage."})
	if err := p.flush(); err != nil {
		return err
	}
	if err := t.WriteMarkdown(w); err != nil {
		return err
	}
	p.line("")
	p.line("## Levels")
	p.line("")
	lt := Table{Header: []string{"From", "Level", "Meaning"}, Align: []Align{Right, Left, Left}}
	for _, l := range fw.Levels {
		lt.Rows = append(lt.Rows, []string{model.FormatNumber(l.Min) + minEachText(l), Markdown(l.Label) + " (`" + l.ID + "`)", Markdown(OneLine(l.Description))})
	}
	if err := p.flush(); err != nil {
		return err
	}
	if err := lt.WriteMarkdown(w); err != nil {
		return err
	}
	for _, d := range fw.Dimensions {
		p.line("")
		p.line("## %s (`%s`)", Markdown(d.Title), d.ID)
		p.line("")
		p.line("%s", Markdown(OneLine(d.Description)))
		p.line("")
		for _, ind := range d.Indicators {
			p.line("- **%s** (`%s`): %s", Markdown(ind.Title), ind.ID, Markdown(OneLine(ind.Statement)))
			if guidance {
				p.line("  Try: %s", Markdown(OneLine(ind.Guidance)))
				for _, l := range fw.Levels {
					if g, ok := ind.GuidanceByLevel[l.ID]; ok {
						p.line("  Try when %s: %s", l.ID, Markdown(OneLine(g)))
					}
				}
			}
		}
	}
	return p.flush()
}

// FrameworkDocFull is the JSON shape of a framework, field for field as in YAML.
type FrameworkDocFull struct {
	Kind        string         `json:"kind"`
	ID          string         `json:"id"`
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Scale       []scaleDoc     `json:"scale"`
	Levels      []levelDoc     `json:"levels"`
	Dimensions  []dimensionDoc `json:"dimensions"`
}

type scaleDoc struct {
	Value       float64 `json:"value"`
	Label       string  `json:"label"`
	Description string  `json:"description"`
}

type levelDoc struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Min         float64  `json:"min"`
	MinEach     *float64 `json:"min-each,omitempty"`
	Description string   `json:"description"`
}

type dimensionDoc struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Weight      float64        `json:"weight"`
	Indicators  []indicatorDoc `json:"indicators"`
}

type indicatorDoc struct {
	ID              string            `json:"id"`
	Title           string            `json:"title"`
	Statement       string            `json:"statement"`
	Guidance        string            `json:"guidance"`
	GuidanceByLevel map[string]string `json:"guidance-by-level,omitempty"`
	Weight          float64           `json:"weight"`
}

// NewFrameworkDoc converts a framework into its JSON shape.
func NewFrameworkDoc(fw *model.Framework) *FrameworkDocFull {
	doc := &FrameworkDocFull{Kind: model.FrameworkKind, ID: fw.ID, Version: fw.Version, Title: fw.Title, Description: fw.Description}
	for _, s := range fw.Scale {
		doc.Scale = append(doc.Scale, scaleDoc{s.Value, s.Label, s.Description})
	}
	for _, l := range fw.Levels {
		doc.Levels = append(doc.Levels, levelDoc{l.ID, l.Label, l.Min, l.MinEach, l.Description})
	}
	for _, d := range fw.Dimensions {
		dd := dimensionDoc{ID: d.ID, Title: d.Title, Description: d.Description, Weight: d.Weight}
		for _, ind := range d.Indicators {
			dd.Indicators = append(dd.Indicators, indicatorDoc{ind.ID, ind.Title, ind.Statement, ind.Guidance, ind.GuidanceByLevel, ind.Weight})
		}
		doc.Dimensions = append(doc.Dimensions, dd)
	}
	return doc
}

// minEachText says what a level asks of each dimension: ", each 1.5".
func minEachText(l model.Level) string {
	if l.MinEach == nil {
		return ""
	}
	return ", each " + model.FormatNumber(*l.MinEach)
}
