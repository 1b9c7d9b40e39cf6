package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// registerHeader names the columns of the change register, shared by the
// CSV and XLSX formats.
func registerHeader() []string {
	return []string{
		"Item", "Category", "Target", "Old id", "New id", "Kind", "Editorial", "Fields",
		"Old text", "New text", "Redline", "Old notes", "New notes",
		"Changed quantities", "Wider/narrower", "Affected entries", "Category change",
	}
}

// Column positions in registerHeader.
const (
	colItem = iota
	colCategory
	colTarget
	colOldID
	colNewID
	colKind
	colEditorial
	colFields
	colOldText
	colNewText
	colRedline
	colOldNotes
	colNewNotes
	colQuantities
	colDirection
	colAffects
	colCategoryChange // "II → I" for an entry or item that changed category
	numCols
)

// registerRow returns the cells of one change as text. The redline column
// holds the word diff marked [-deleted-]{+inserted+}, with the notes diff
// after a blank line.
func registerRow(c diff.Change) []string {
	row := make([]string, numCols)
	if n := itemOf(c); n > 0 {
		row[colItem] = fmt.Sprint(n)
	}
	row[colCategory] = c.Category
	row[colTarget] = string(c.Target)
	row[colOldID], row[colNewID] = idsOf(c)
	row[colKind] = string(c.Kind)
	row[colEditorial] = "no"
	if c.Editorial {
		row[colEditorial] = "yes"
	}
	row[colFields] = strings.Join(c.Fields, ", ")
	row[colOldText] = c.OldText
	row[colNewText] = c.NewText
	row[colRedline] = redlineCell(c)
	row[colOldNotes] = notesText(c.OldNotes)
	row[colNewNotes] = notesText(c.NewNotes)
	var qs []string
	for _, q := range c.Quantities {
		qs = append(qs, q.Old+" → "+q.New)
	}
	row[colQuantities] = strings.Join(qs, "; ")
	row[colDirection] = directions(c.Quantities)
	row[colAffects] = strings.Join(c.Affects, ", ")
	if categoryMove(c) != "" {
		row[colCategoryChange] = c.OldCategory + " → " + c.NewCategory
	}
	return row
}

func redlineCell(c diff.Change) string {
	var parts []string
	if len(c.TextDiff) > 0 {
		parts = append(parts, WordDiffText(c.TextDiff))
	}
	if len(c.NotesDiff) > 0 {
		parts = append(parts, "Notes: "+WordDiffText(c.NotesDiff))
	}
	return strings.Join(parts, "\n\n")
}

// writeCSV writes the change register as RFC 4180 CSV with a header row.
func writeCSV(w io.Writer, r diff.Result) error {
	return writeCSVPages(w, []diff.Result{r}, false)
}

// revisionColumns are the columns a change register of several diffs adds
// after registerHeader: the revisions each change is between.
var revisionColumns = []string{"Old revision", "New revision"}

// writeCSVPages writes the change register of one or more diffs, in the
// order given; withRevisions (a changelog), each line ends with the
// revisions of its diff (revisionColumns).
func writeCSVPages(w io.Writer, rs []diff.Result, withRevisions bool) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := registerHeader()
	if withRevisions {
		head = append(head, revisionColumns...)
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	for _, r := range rs {
		if err := writeCSVRows(cw, r, withRevisions); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	return nil
}

// writeCSVRows writes the lines of the changes of r, with its revisions
// when withRevisions is set.
func writeCSVRows(cw *csv.Writer, r diff.Result, withRevisions bool) error {
	for _, c := range r.Changes {
		row := registerRow(c)
		if withRevisions {
			row = append(row, revisionName(r.Old), revisionName(r.New))
		}
		for i := range row {
			row[i] = InertCSV(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv report: %w", err)
		}
	}
	return nil
}

// InertCSV makes s safe as a CSV field: control and bidirectional formatting
// characters other than tab and line feed shown as escapes, and an
// apostrophe before a field that a spreadsheet program would run as a
// formula (one starting with =, +, -, @, a tab or a carriage return). It is
// sanitize.CSV.
func InertCSV(s string) string { return sanitize.CSV(s) }
