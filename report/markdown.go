package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// mdWriter renders a page as Markdown (CommonMark with GitHub tables and
// strikethrough). Errors of the underlying writer are kept by the
// bufio.Writer and returned by Flush.
type mdWriter struct {
	w *bufio.Writer
	h string // heading prefix of a section: "##" for one diff, "###" in a changelog
}

// writeMarkdown writes a changelog of results (oldest first) as Markdown.
func writeMarkdown(w io.Writer, results []diff.Result, opt Options) error {
	p := buildPage(results, opt)
	m := &mdWriter{w: bufio.NewWriter(w), h: "##"}
	m.printf("# %s\n", mdEscape(p.Title))
	if p.Multi {
		m.h = "###"
		m.printf("\n%s across %s.\n", plural(totalChanges(p), "change"), plural(len(p.Sections), "revision"))
	}
	for _, s := range p.Sections {
		m.section(p, s)
	}
	if err := m.w.Flush(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

func totalChanges(p *page) int {
	n := 0
	for _, s := range p.Sections {
		n += s.Counts.Total
	}
	return n
}

func (m *mdWriter) printf(format string, args ...any) {
	fmt.Fprintf(m.w, format, args...)
}

func (m *mdWriter) section(p *page, s *section) {
	if p.Multi {
		m.printf("\n<a id=\"%s\"></a>\n\n## %s → %s\n", s.Anchor, mdEscape(revisionName(s.Old)), mdEscape(revisionName(s.New)))
	}
	m.printf("\n| | Document | Date | Source |\n|---|---|---|---|\n")
	for _, side := range []struct {
		name string
		r    diff.Revision
	}{{"Old", s.Old}, {"New", s.New}} {
		m.printf("| **%s** | %s | %s | %s |\n", side.name, mdEscape(side.r.DocID), mdEscape(side.r.Date), mdEscape(sourceName(side.r)))
	}
	if s.Empty {
		m.printf("\nNo changes.\n")
		return
	}
	m.summary(s)
	for _, b := range s.Items {
		m.item(b)
	}
	if len(s.Defs) > 0 {
		m.printf("\n%s Definitions\n", m.h)
		for _, d := range s.Defs {
			m.change(d, m.h+"#")
		}
	}
}

func sourceName(r diff.Revision) string {
	if r.Source.Name == "" {
		return ""
	}
	if r.Source.Format != "" {
		return r.Source.Name + " (" + r.Source.Format + ")"
	}
	return r.Source.Name
}

func (m *mdWriter) summary(s *section) {
	n := s.Counts
	m.printf("\n%s Summary\n\n", m.h)
	m.printf("%s: %s; %d substantive, %d editorial.\n\n", plural(n.Total, "change"), n.kindSummary(), n.Substantive(), n.Editorial)
	if len(s.Moves) > 0 {
		m.printf("**Category changes:** %s.\n\n", mdEscape(strings.Join(s.Moves, ", ")))
	}
	m.printf("| | Added | Removed | Modified | Renumbered | Editorial | Total |\n|---|--:|--:|--:|--:|--:|--:|\n")
	row := func(name string, c counts) {
		m.printf("| %s | %d | %d | %d | %d | %d | %d |\n", name, c.Added, c.Removed, c.Modified, c.Renumbered, c.Editorial, c.Total)
	}
	for _, b := range s.Items {
		name := fmt.Sprintf("[%s](#%s)", b.Name(), b.Anchor)
		if b.Category != "" {
			name += " (Category " + mdEscape(b.Category) + ")"
		}
		row(name, b.Counts)
	}
	if len(s.Defs) > 0 {
		row("Definitions", s.DefNums)
	}
	row("**Total**", n)
}

func (m *mdWriter) item(b *itemBlock) {
	title := mdEscape(b.FullName())
	if b.Category != "" {
		title += " (Category " + mdEscape(b.Category) + ")"
	}
	m.printf("\n<a id=\"%s\"></a>\n\n%s %s\n", b.Anchor, m.h, title)
	for _, v := range b.Main {
		m.change(v, m.h+"#")
	}
	if len(b.Renumbered) > 0 {
		m.printf("\n**Renumbered without other change:**\n\n")
		for _, v := range b.Renumbered {
			m.printf("- <a id=\"%s\"></a>%s → %s%s\n", v.Anchor, mdEscape(v.OldID), mdEscape(v.NewID), m.usesDefs(v))
		}
	}
	if len(b.Editorial) > 0 {
		m.printf("\n**Editorial changes** (wording only, the control boundary does not move):\n\n")
		for _, v := range b.Editorial {
			m.printf("- <a id=\"%s\"></a>%s (%s", v.Anchor, mdEscape(v.Label), v.Kind)
			if len(v.Fields) > 0 {
				m.printf(": %s", strings.Join(v.Fields, ", "))
			}
			m.printf(")")
			var parts []string
			if len(v.TextDiff) > 0 {
				parts = append(parts, strings.Join(mdRedline(compactOps(v.TextDiff, 4)), " / "))
			}
			if len(v.NotesDiff) > 0 {
				parts = append(parts, "notes: "+strings.Join(mdRedline(compactOps(v.NotesDiff, 4)), " / "))
			}
			if len(parts) > 0 {
				m.printf(": %s", strings.Join(parts, "; "))
			}
			m.printf("%s\n", m.usesDefs(v))
		}
	}
}

// change writes one change in full under a heading of the given level.
// Every block starts with a blank line.
func (m *mdWriter) change(v *changeView, h string) {
	m.printf("\n<a id=\"%s\"></a>\n\n%s %s — %s", v.Anchor, h, mdEscape(v.Label), v.Kind)
	if v.Editorial {
		m.printf(" (editorial)")
	}
	m.printf("\n")
	if s := v.CategoryMove(); s != "" {
		m.printf("\n**%s.**\n", s)
	}
	if fs := v.OtherFields(); len(fs) > 0 {
		m.printf("\nChanged: %s.\n", strings.Join(fs, ", "))
	}
	switch {
	case len(v.TextDiff) > 0:
		m.quote(mdRedline(v.TextDiff))
	case v.Kind == diff.Added && v.NewText != "":
		m.quote(mdLines(v.NewText))
	case v.Kind == diff.Removed && v.OldText != "":
		m.quote([]string{"~~" + mdEscape(strings.TrimSpace(v.OldText)) + "~~"})
	}
	switch {
	case len(v.NotesDiff) > 0:
		m.printf("\nNotes:\n")
		m.quote(mdRedline(v.NotesDiff))
	case v.Kind == diff.Added && len(v.NewNotes) > 0:
		m.printf("\nNotes:\n")
		m.quote(mdLines(notesText(v.NewNotes)))
	case v.Kind == diff.Removed && len(v.OldNotes) > 0:
		m.printf("\nNotes (removed):\n")
		m.quote(mdLines(notesText(v.OldNotes)))
	}
	for _, q := range v.Quantities {
		m.printf("\nThreshold: %s\n", mdEscape(quantityLine(q)))
	}
	if len(v.Affects) > 0 {
		var links []string
		for _, r := range v.Affects {
			links = append(links, mdRef(r))
		}
		m.printf("\nEntries that use the term: %s\n", strings.Join(links, ", "))
	} else if v.Target == diff.TargetDefinition {
		m.printf("\nNo entry uses the term in quotes.\n")
	}
	if len(v.UsesDefs) > 0 {
		m.printf("\nUses changed definition %s\n", m.defLinks(v))
	}
}

// usesDefs says which changed definitions an entry uses, or "".
func (m *mdWriter) usesDefs(v *changeView) string {
	if len(v.UsesDefs) == 0 {
		return ""
	}
	return " — uses changed definition " + m.defLinks(v)
}

func (m *mdWriter) defLinks(v *changeView) string {
	var links []string
	for _, r := range v.UsesDefs {
		links = append(links, mdRef(ref{Text: "“" + r.Text + "”", Anchor: r.Anchor}))
	}
	return strings.Join(links, ", ")
}

func mdRef(r ref) string {
	if r.Anchor == "" {
		return mdEscape(r.Text)
	}
	return "[" + mdEscape(r.Text) + "](#" + r.Anchor + ")"
}

// quote writes lines as a block quote, one paragraph each, after a blank
// line.
func (m *mdWriter) quote(lines []string) {
	m.printf("\n")
	for i, l := range lines {
		if i > 0 {
			m.printf(">\n")
		}
		m.printf("> %s\n", l)
	}
}

func mdLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, mdEscapeBlock(l))
	}
	return out
}

// mdRedline renders a word diff as Markdown lines (one per line of the
// text): deletions ~~struck~~, insertions **bold**, every marker closed on
// the line it opens.
func mdRedline(ops []diff.Op) []string {
	lines := []string{""}
	for _, op := range ops {
		for i, part := range strings.Split(op.Text, "\n") {
			if i > 0 {
				lines = append(lines, "")
			}
			lines[len(lines)-1] += mdMark(op.Op, part)
		}
	}
	for i := range lines {
		lines[i] = mdBlockSafe(lines[i])
	}
	return lines
}

// mdMark wraps the words of s in the marker of op, with surrounding space
// left outside the marker so that emphasis is recognised.
func mdMark(op, s string) string {
	if op == diff.OpEqual || s == "" {
		return mdEscape(s)
	}
	trimmed := strings.TrimSpace(s)
	if trimmed == "" {
		trimmed = "(space)"
	}
	start := strings.Index(s, strings.TrimLeftFunc(s, unicode.IsSpace))
	lead := s[:start]
	trail := s[len(strings.TrimRightFunc(s, unicode.IsSpace)):]
	if strings.TrimSpace(s) == "" {
		lead, trail = "", ""
	}
	mark := "**"
	if op == diff.OpDelete {
		mark = "~~"
	}
	return lead + mark + mdEscape(trimmed) + mark + trail
}

// mdEscape escapes s for inline Markdown on one line: sanitize.Markdown.
func mdEscape(s string) string { return sanitize.Markdown(s) }

// mdEscapeBlock escapes s for use as a whole line of a block:
// sanitize.MarkdownBlock.
func mdEscapeBlock(s string) string { return sanitize.MarkdownBlock(s) }

// mdBlockSafe defuses a line already escaped that would start a block:
// sanitize.DefuseBlock.
func mdBlockSafe(s string) string { return sanitize.DefuseBlock(s) }
