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
	defer recoverTo(&err, format)
	switch format {
	case "text":
		return WriteText(w, r)
	case "md":
		return WriteMarkdown(w, r)
	case "csv":
		return WriteCSV(w, r)
	case "xlsx":
		return WriteXLSX(w, r)
	case "json":
		return WriteJSON(w, r)
	case "html":
		return WriteHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
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
