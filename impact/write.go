package impact

import (
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
)

// Formats lists the formats Write renders an impact report in.
var Formats = []string{"text", "md", "csv", "xlsx", "json", "html"}

// HarmoniseFormats lists the formats WriteHarmonise renders in.
var HarmoniseFormats = []string{"text", "md", "csv", "xlsx", "json", "html"}

// Write renders an impact report in format, one of Formats.
func Write(w io.Writer, format string, r Report) (err error) {
	return WriteStream(w, format, r.Stream())
}

// Stream is an impact report whose rows are produced as they are written,
// so that a register of any size is written in bounded memory.
type Stream struct {
	Head Report                               // the report without its rows; its summaries count them all
	Each func(fn func(RowReport) error) error // calls fn with every row, in register order

	sharedIDs bool // the annotations of an id are the same in every row (but for Detail)
}

// Stream returns r as a Stream over its rows.
func (r Report) Stream() Stream {
	rows := r.Rows
	head := r
	head.Rows = nil
	if head.RowCount == 0 && len(rows) > 0 {
		for _, rr := range rows {
			head.count(rr)
		}
	}
	return Stream{Head: head, Each: func(fn func(RowReport) error) error {
		for _, rr := range rows {
			if err := fn(rr); err != nil {
				return err
			}
		}
		return nil
	}}
}

// WriteStream renders a streamed impact report in format, one of Formats,
// writing each row as it comes.
func WriteStream(w io.Writer, format string, s Stream) (err error) {
	defer recoverTo(&err, format)
	switch format {
	case "text":
		return writeText(w, s)
	case "md":
		return writeMarkdown(w, s)
	case "csv":
		return writeCSV(w, s)
	case "xlsx":
		return writeXLSX(w, s)
	case "json":
		return writeJSONStream(w, s)
	case "html":
		return writeHTML(w, s.Head, s.Each)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Stream annotates reg as a Stream: a first pass over the register counts
// the summaries and finds its widest row, and Each reads it again,
// annotating every row as it comes. Only the annotations of the distinct
// ids are held.
func (x *Assessor) Stream(reg *Register) (Stream, error) {
	head := x.Head(reg)
	width := len(reg.Header)
	// A workbook's rows are kept in a temporary file as they are read, so
	// that the workbook is decoded once.
	var sp *spool
	if reg.src != nil && reg.src.format() == "xlsx" {
		var err error
		if sp, err = newSpool(reg.src); err != nil {
			return Stream{}, err
		}
	}
	err := reg.Each(func(row Row) error {
		head.count(x.Row(row))
		width = max(width, len(row.Cells))
		if sp != nil {
			return sp.add(row.Number, row.Cells)
		}
		return nil
	})
	if err == nil && sp != nil {
		err = sp.done()
	}
	if err != nil {
		if sp != nil {
			sp.close()
		}
		return Stream{}, err
	}
	if sp != nil {
		reg.src.close()
		reg.src = sp
	}
	reg.Widen(width)
	head.Register.Header = reg.Header
	return Stream{Head: head, sharedIDs: true, Each: func(fn func(RowReport) error) error {
		return reg.Each(func(row Row) error {
			if len(row.Cells) < width {
				row.Cells = pad(row.Cells, width)
			}
			return fn(x.Row(row))
		})
	}}, nil
}

// summaryLines say how many rows a report has, by the most urgent status of
// each, and how many annotations, by status: a row may name several ids.
func summaryLines(r Report) (rows, annotations string) {
	n := 0
	for _, c := range r.Summary {
		n += c
	}
	return fmt.Sprintf("%d rows, id column %q: %s", r.RowCount, r.Register.IDColumn, summaryLine(r.RowsByStatus)),
		fmt.Sprintf("%d annotations: %s", n, summaryLine(r.Summary))
}

// tableID is what the id column of a tabular report shows for an
// annotation: the id it is about, or the id cell itself when the row names
// no entry.
func tableID(cells []string, idCol int, a Annotation) string {
	if a.Status == StatusNoID && idCol >= 0 && idCol < len(cells) {
		return cells[idCol]
	}
	return a.ID
}

// WriteHarmonise renders a harmonisation report in format, one of
// HarmoniseFormats.
func WriteHarmonise(w io.Writer, format string, r HarmoniseReport) (err error) {
	defer recoverTo(&err, format)
	switch format {
	case "text":
		return WriteHarmoniseText(w, r)
	case "md":
		return WriteHarmoniseMarkdown(w, r)
	case "csv":
		return WriteHarmoniseCSV(w, r)
	case "xlsx":
		return WriteHarmoniseXLSX(w, r)
	case "json":
		return WriteJSON(w, r)
	case "html":
		return WriteHarmoniseHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(HarmoniseFormats, ", "))
}

func recoverTo(err *error, format string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("write %s: %v", format, p)
	}
}

// inlineDiff renders a word diff on one line: [-deleted-]{+inserted+}, with
// long unchanged runs shortened to their ends.
func inlineDiff(ops []diff.Op) string {
	var b strings.Builder
	for i, o := range ops {
		switch o.Op {
		case diff.OpDelete:
			b.WriteString("[-" + o.Text + "-]")
		case diff.OpInsert:
			b.WriteString("{+" + o.Text + "+}")
		default:
			b.WriteString(elide(o.Text, i > 0, i < len(ops)-1))
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " / ")
}

// changeSummary renders what changed about an annotation on one line: its
// word diffs and thresholds.
func changeSummary(a Annotation) string {
	var parts []string
	if len(a.TextDiff) > 0 {
		parts = append(parts, "text: "+inlineDiff(a.TextDiff))
	}
	if len(a.NotesDiff) > 0 {
		parts = append(parts, "notes: "+inlineDiff(a.NotesDiff))
	}
	if q := quantities(a.Quantities); q != "" {
		parts = append(parts, "thresholds: "+q)
	}
	return strings.Join(parts, " | ")
}

// categoryCell is an annotation's category: "II", or "II → I" when it
// changed.
func categoryCell(a Annotation) string {
	if a.OldCategory != "" && a.NewCategory != "" {
		return a.OldCategory + " → " + a.NewCategory
	}
	return a.Category
}

// newIDOrDash returns the new id, or "—" when there is none.
func newIDOrDash(a Annotation) string {
	if a.NewID == "" {
		return "—"
	}
	return a.NewID
}

func revisionName(r diff.Revision) string {
	s := r.DocID
	if s == "" {
		s = r.Source.Name
	}
	if r.Date != "" {
		s += " (" + r.Date + ")"
	}
	return s
}

// summaryLine counts annotations by status, most urgent first.
func summaryLine(sum map[Status]int) string {
	var parts []string
	for _, s := range Statuses {
		if n := sum[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		return "nothing to check"
	}
	return strings.Join(parts, ", ")
}

// harmoniseSummaryLine counts findings by kind.
func harmoniseSummaryLine(sum map[string]int) string {
	var parts []string
	for _, k := range []string{FindingDiffers, FindingSubstantive, FindingEditorial, FindingRenumbered, FindingMissing,
		FindingNotInAnnex, FindingNationalOnly, FindingNoText, "not-compared", FindingSame} {
		if n := sum[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	if len(parts) == 0 {
		return "nothing found"
	}
	return strings.Join(parts, ", ")
}

// findingName names what a finding is about.
func findingName(f Finding) string {
	if f.Target == diff.TargetDefinition {
		return fmt.Sprintf("definition %q", f.Term)
	}
	switch {
	case f.ID != "" && f.NationalID != "":
		return f.NationalID + " → " + f.ID
	case f.ID != "":
		return f.ID
	}
	return f.NationalID
}

func classification(f Finding) string {
	switch {
	case len(f.Fields) == 0:
		return ""
	case f.Editorial:
		return "editorial"
	}
	return "substantive"
}

// elide shortens an unchanged run of more than 80 characters, keeping about
// 35 characters beside each change (keepHead: a change comes before it;
// keepTail: one comes after it).
func elide(s string, keepHead, keepTail bool) string {
	const keep = 35
	r := []rune(s)
	if len(r) <= 80 {
		return s
	}
	head, tail := "", ""
	if keepHead {
		head = string(r[:keep])
		if i := strings.LastIndexByte(head, ' '); i > 0 {
			head = head[:i+1]
		}
	}
	if keepTail {
		tail = string(r[len(r)-keep:])
		if i := strings.IndexByte(tail, ' '); i >= 0 {
			tail = tail[i:]
		}
	}
	return head + "…" + tail
}
