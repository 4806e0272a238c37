package render

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/cophealth/cop/internal/model"
)

// CompareCSV writes the comparison as CSV (RFC 4180, by encoding/csv) for a
// spreadsheet: a row per round, in the order of the table's columns, with
// the overall score, its change, level and coverage, then each dimension's
// score and change. A null score is an empty cell; a dimension the round's
// framework version does not have is "n/c", never 0. Free-text cells
// (community, file) are made inert against formula injection.
func CompareCSV(w io.Writer, c *Compare) error {
	cmp := c.Comparison
	cw := csv.NewWriter(w)
	header := []string{"community", "date", "file", "framework", "framework_version", "respondents",
		"overall", "overall_change", "level", "coverage"}
	for _, r := range cmp.Rows {
		header = append(header, r.ID, r.ID+"_change")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, col := range cmp.Columns {
		r := col.Round
		level := ""
		if r.Overall.Level != nil {
			level = r.Overall.Level.ID
		}
		row := []string{CSVCell(col.Community), r.Date.Format(model.DateLayout), CSVCell(r.File),
			r.Framework.ID, r.Framework.Version, strconv.Itoa(r.Respondents),
			scoreValue(col.Overall), changeValue(col, col.Overall), level, numberValue(r.Overall.Coverage)}
		for i := range cmp.Rows {
			row = append(row, scoreValue(col.Dimensions[i]), changeValue(col, col.Dimensions[i]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
