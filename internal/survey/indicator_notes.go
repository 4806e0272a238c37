package survey

import (
	"strings"

	"github.com/cophealth/cop/internal/model"
	"github.com/cophealth/cop/internal/render"
)

// A dimension's notes box holds its indicators' notes too (indicator-notes
// in the file), one a line, each starting with the indicator's title (or
// id) and a colon: "Development plan: a draft exists". A line of its own
// per indicator keeps the page to one box, so that the questions and their
// count stay as they are, and reads the same in accessible mode.

// composeNotes is what a dimension's notes box shows: the dimension's note,
// then a line per indicator note, titled.
func composeNotes(d *model.Dimension, r *model.Response) string {
	var lines []string
	if n := r.Notes[d.ID]; n != "" {
		lines = append(lines, n)
	}
	for _, ind := range d.Indicators {
		if n := strings.TrimSpace(r.IndicatorNotes[d.ID][ind.ID]); n != "" {
			lines = append(lines, render.OneLine(ind.Title)+": "+strings.Join(strings.Fields(n), " "))
		}
	}
	return strings.Join(lines, "\n")
}

// splitNotes reads a dimension's notes box back: each line that starts with
// one of the dimension's indicator titles or ids and a colon is that
// indicator's note (lines for the same indicator are joined), the rest is
// the dimension's note.
func splitNotes(d *model.Dimension, text string) (dimNote string, indNotes map[string]string) {
	var rest []string
	for _, line := range strings.Split(text, "\n") {
		if id, note, ok := indicatorLine(d, line); ok {
			if indNotes == nil {
				indNotes = map[string]string{}
			}
			if prev := indNotes[id]; prev != "" {
				note = prev + " " + note
			}
			indNotes[id] = note
			continue
		}
		rest = append(rest, line)
	}
	return strings.TrimSpace(strings.Join(rest, "\n")), indNotes
}

// indicatorLine reports whether a line is an indicator's note: "Title: text"
// or "id: text", the title matched without regard to case or spacing. A
// title may hold a colon itself ("Plan: written"), so every colon is tried,
// the last first: the longest title that matches wins.
func indicatorLine(d *model.Dimension, line string) (id, note string, ok bool) {
	for i := strings.LastIndex(line, ":"); i >= 0; i = strings.LastIndex(line[:i], ":") {
		text := strings.TrimSpace(line[i+1:])
		head := strings.ToLower(strings.Join(strings.Fields(line[:i]), " "))
		if text == "" || head == "" {
			continue
		}
		for _, ind := range d.Indicators {
			if head == strings.ToLower(render.OneLine(ind.Title)) || head == strings.ToLower(ind.ID) {
				return ind.ID, text, true
			}
		}
	}
	return "", "", false
}

// setNotes records what a dimension's notes box holds in the response,
// given what the box showed (shown, from composeNotes). Only the notes the
// user changed are written: a note left as it was keeps its stored text
// exactly, line breaks included, which the box's one line per indicator
// cannot show, and a dimension note's line that reads like an indicator's
// stays in the dimension's note.
func setNotes(r *model.Response, d *model.Dimension, shown, text string) {
	oldDim, oldInds := splitNotes(d, shown)
	newDim, newInds := splitNotes(d, text)
	if newDim != oldDim {
		setDimensionNote(r, d, newDim)
	}
	for _, ind := range d.Indicators {
		if newInds[ind.ID] != oldInds[ind.ID] {
			setIndicatorNote(r, d, ind.ID, newInds[ind.ID])
		}
	}
}

// setAccessibleNotes records the one line typed for a dimension's notes in
// accessible mode, where the box's other lines cannot be shown for editing
// and so must not be lost: an empty line keeps every note, "Title: text"
// replaces that indicator's note ("Title: -" clears it), a dash clears the
// dimension's note, and any other line replaces the dimension's note. The
// other notes stay as they are.
func setAccessibleNotes(r *model.Response, d *model.Dimension, typed string) {
	typed = strings.TrimSpace(typed)
	switch id, note, ok := indicatorLine(d, typed); {
	case typed == "":
	case ok:
		if note == "-" {
			note = ""
		}
		setIndicatorNote(r, d, id, note)
	case typed == "-":
		setDimensionNote(r, d, "")
	default:
		setDimensionNote(r, d, typed)
	}
}

// setDimensionNote sets or, when empty, removes a dimension's note.
func setDimensionNote(r *model.Response, d *model.Dimension, note string) {
	if note == "" {
		delete(r.Notes, d.ID)
		return
	}
	if r.Notes == nil {
		r.Notes = map[string]string{}
	}
	r.Notes[d.ID] = note
}

// setIndicatorNote sets or, when empty, removes an indicator's note.
func setIndicatorNote(r *model.Response, d *model.Dimension, id, note string) {
	if note == "" {
		delete(r.IndicatorNotes[d.ID], id)
		if len(r.IndicatorNotes[d.ID]) == 0 {
			delete(r.IndicatorNotes, d.ID)
		}
		return
	}
	if r.IndicatorNotes == nil {
		r.IndicatorNotes = map[string]map[string]string{}
	}
	if r.IndicatorNotes[d.ID] == nil {
		r.IndicatorNotes[d.ID] = map[string]string{}
	}
	r.IndicatorNotes[d.ID][id] = note
}
