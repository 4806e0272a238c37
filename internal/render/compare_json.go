package render

import (
	"io"

	"github.com/cophealth/cop/internal/compare"
	"github.com/cophealth/cop/internal/model"
)

// CompareDoc is the JSON shape of a comparison (documented in the README):
// the rows (dimensions), then a column per round shown, each with its
// cells. Scores, coverages and changes are rounded to 2 decimals; absent
// ones are null.
type CompareDoc struct {
	Mode        compare.Mode        `json:"mode"`
	Framework   CompareFrameworkDoc `json:"framework"`
	Communities int                 `json:"communities"`
	RoundsRead  int                 `json:"roundsRead"`
	AllRounds   bool                `json:"allRounds"`
	Sort        string              `json:"sort"`
	Dimensions  []CompareRowDoc     `json:"dimensions"`
	Columns     []CompareColumnDoc  `json:"columns"`
	// NotComparable lists what could not be aligned across versions.
	NotComparable CompareUnalignedDoc `json:"notComparable"`
	Skipped       int                 `json:"skipped"`
	Problems      []ProblemDoc        `json:"problems"`
}

// CompareFrameworkDoc names the framework and the versions compared.
type CompareFrameworkDoc struct {
	ID       string   `json:"id"`
	Versions []string `json:"versions"`
}

// CompareRowDoc is one dimension row.
type CompareRowDoc struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	InAll          bool   `json:"inAllVersions"`
	SameIndicators bool   `json:"sameIndicators"`
}

// CompareColumnDoc is one round.
type CompareColumnDoc struct {
	Community   string            `json:"community"`
	Date        string            `json:"date"`
	File        string            `json:"file"`
	Framework   CompareVersionDoc `json:"framework"`
	Respondents int               `json:"respondents"`
	// Previous is the date of the previous round the changes are from, or null.
	Previous   *string          `json:"previous"`
	Overall    CompareCellDoc   `json:"overall"`
	Dimensions []CompareCellDoc `json:"dimensions"`
}

// CompareVersionDoc is the framework a round names and the version it was
// read with (they differ when that version was not available).
type CompareVersionDoc struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	ReadWith string `json:"readWith"`
}

// CompareCellDoc is one score. Status is rated, unrated, excluded, or
// not-comparable when the round's framework version has no such dimension.
// ChangeComparable is false when the previous round's version lacks it.
type CompareCellDoc struct {
	ID               string   `json:"id,omitempty"`
	Status           string   `json:"status"`
	Score            *float64 `json:"score"`
	Level            *string  `json:"level"`
	Coverage         *float64 `json:"coverage"`
	Change           *float64 `json:"change"`
	ChangeComparable bool     `json:"changeComparable"`
}

// CompareUnalignedDoc lists the dimensions, and the indicators of shared
// dimensions, that only some versions have.
type CompareUnalignedDoc struct {
	Count      int                 `json:"count"`
	Dimensions []CompareMissingDoc `json:"dimensions"`
	Indicators []CompareMissingDoc `json:"indicators"`
}

// CompareMissingDoc is an id and the versions that have it.
type CompareMissingDoc struct {
	ID string   `json:"id"`
	In []string `json:"in"`
}

// NewCompareDoc builds the JSON document of a comparison.
func NewCompareDoc(c *Compare) *CompareDoc {
	cmp := c.Comparison
	doc := &CompareDoc{
		Mode:        cmp.Mode,
		Framework:   CompareFrameworkDoc{ID: cmp.FrameworkID, Versions: cmp.Versions},
		Communities: cmp.Communities,
		RoundsRead:  cmp.RoundsRead,
		AllRounds:   cmp.AllRounds,
		Sort:        cmp.Sort,
		Dimensions:  []CompareRowDoc{},
		Columns:     []CompareColumnDoc{},
		NotComparable: CompareUnalignedDoc{Count: cmp.Unaligned.Count(),
			Dimensions: missingDocs(cmp.Unaligned.Dimensions), Indicators: missingDocs(cmp.Unaligned.Indicators)},
		Skipped:  c.Skipped,
		Problems: c.Problems,
	}
	if doc.Problems == nil {
		doc.Problems = []ProblemDoc{}
	}
	for _, r := range cmp.Rows {
		doc.Dimensions = append(doc.Dimensions, CompareRowDoc{ID: r.ID, Title: r.Title, InAll: r.InAll, SameIndicators: r.SameIndicators})
	}
	for _, col := range cmp.Columns {
		r := col.Round
		cd := CompareColumnDoc{
			Community:   col.Community,
			Date:        r.Date.Format(model.DateLayout),
			File:        r.File,
			Framework:   CompareVersionDoc{ID: r.Framework.ID, Version: r.Version, ReadWith: r.Framework.Version},
			Respondents: r.Respondents,
			Overall:     cellDoc("", col.Overall),
			Dimensions:  []CompareCellDoc{},
		}
		if col.Previous != nil {
			d := col.Previous.Date.Format(model.DateLayout)
			cd.Previous = &d
		}
		for i, row := range cmp.Rows {
			cd.Dimensions = append(cd.Dimensions, cellDoc(row.ID, col.Dimensions[i]))
		}
		doc.Columns = append(doc.Columns, cd)
	}
	return doc
}

func cellDoc(id string, c compare.Cell) CompareCellDoc {
	d := CompareCellDoc{ID: id, ChangeComparable: c.ChangeComparable}
	if !c.Comparable {
		d.Status = "not-comparable"
		return d
	}
	d.Status = string(c.Status)
	d.Score, d.Level, d.Coverage, d.Change = Rounded(c.Score.Score), levelID(c.Level), Rounded(c.Coverage), Rounded(c.Change)
	return d
}

func missingDocs(ms []compare.Missing) []CompareMissingDoc {
	out := []CompareMissingDoc{}
	for _, m := range ms {
		out = append(out, CompareMissingDoc{ID: m.ID, In: m.In})
	}
	return out
}

// CompareJSON writes the comparison as JSON.
func CompareJSON(w io.Writer, c *Compare) error { return JSON(w, NewCompareDoc(c)) }
