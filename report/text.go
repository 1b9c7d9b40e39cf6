package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
)

// ANSI escape sequences used when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// textWriter renders the terminal summary. Errors of the underlying writer
// are kept by the bufio.Writer and returned by Flush.
type textWriter struct {
	w     *bufio.Writer
	color bool
	sch   *model.Scheme // the numbering of the changes, for item names
}

// writeText writes the terminal summary of r: a line naming both
// revisions, the counts by kind, then one block per change.
func writeText(w io.Writer, r diff.Result, opt Options) error {
	t := &textWriter{w: bufio.NewWriter(w), color: opt.Color, sch: schemeOf(r.Changes)}
	n := countAll(r.Changes)
	t.printf("%s %s %s\n", t.paint(ansiBold, terminalSafe(revisionName(r.Old))), "→", t.paint(ansiBold, terminalSafe(revisionName(r.New))))
	if n.Total == 0 {
		t.printf("no changes\n")
		return t.flush()
	}
	t.printf("%s: %s; %d substantive, %d editorial\n", plural(n.Total, "change"), n.kindSummary(), n.Substantive(), n.Editorial)
	if moves := categoryMoves(r.Changes); len(moves) > 0 {
		t.printf("%s: %s\n", t.paint(ansiBold, "category changes"), terminalSafe(strings.Join(moves, ", ")))
	}
	for _, c := range r.Changes {
		t.printf("\n")
		t.change(c)
	}
	return t.flush()
}

func (t *textWriter) flush() error {
	if err := t.w.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

func (t *textWriter) printf(format string, args ...any) {
	fmt.Fprintf(t.w, format, args...)
}

// paint wraps s in an ANSI colour when colour is on.
func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// kindColor is the colour of a kind's name.
func kindColor(k diff.Kind) string {
	switch k {
	case diff.Added:
		return ansiGreen
	case diff.Removed:
		return ansiRed
	case diff.Modified:
		return ansiYellow
	}
	return ansiCyan
}

func (t *textWriter) change(c diff.Change) {
	head := t.paint(kindColor(c.Kind), fmt.Sprintf("%-10s", c.Kind)) + " " + t.paint(ansiBold, terminalSafe(label(c)))
	var tags []string
	if n := itemOf(c); n > 0 && c.Target != diff.TargetDefinition {
		tag := fmt.Sprintf("item %d", n)
		if t.sch != nil && t.sch != model.MTCR {
			tag = t.sch.ItemID(n) // "Category 9", "ML10"
		}
		if c.Category != "" {
			tag += ", category " + c.Category
		}
		tags = append(tags, tag)
	}
	if s := categoryMove(c); s != "" {
		tags = append(tags, s)
	}
	if fs := otherFields(c); len(fs) > 0 {
		tags = append(tags, strings.Join(fs, ", ")+" changed")
	}
	if c.Editorial {
		tags = append(tags, "editorial")
	}
	if len(tags) > 0 {
		head += "  " + t.paint(ansiDim, "("+terminalSafe(strings.Join(tags, "; "))+")")
	}
	t.printf("%s\n", head)

	switch {
	case len(c.TextDiff) > 0:
		t.printf("    %s\n", t.redline(c.TextDiff, "    "))
	case c.Kind == diff.Added && c.NewText != "":
		t.printf("    %s\n", t.paintLines(ansiGreen, indent(terminalSafe(c.NewText), "    ")))
	case c.Kind == diff.Removed && c.OldText != "":
		t.printf("    %s\n", t.paintLines(ansiRed, indent(terminalSafe(c.OldText), "    ")))
	}
	switch {
	case len(c.NotesDiff) > 0:
		t.printf("    notes:\n      %s\n", t.redline(c.NotesDiff, "      "))
	case c.Kind == diff.Added && len(c.NewNotes) > 0:
		t.printf("    notes:\n      %s\n", t.paintLines(ansiGreen, indent(terminalSafe(notesText(c.NewNotes)), "      ")))
	case c.Kind == diff.Removed && len(c.OldNotes) > 0:
		t.printf("    notes:\n      %s\n", t.paintLines(ansiRed, indent(terminalSafe(notesText(c.OldNotes)), "      ")))
	}
	for _, q := range c.Quantities {
		t.printf("    threshold: %s\n", terminalSafe(quantityLine(q)))
	}
	if len(c.Affects) > 0 {
		t.printf("    affects: %s\n", terminalSafe(strings.Join(c.Affects, ", ")))
	}
}

// redline renders a word diff marked [-…-]{+…+}, the marks coloured red and
// green when colour is on; line breaks
// (between notes) continue at the given indent, and every mark is closed on
// the line it opens.
func (t *textWriter) redline(ops []diff.Op, ind string) string {
	var b strings.Builder
	for _, op := range ops {
		for i, s := range strings.Split(terminalSafe(op.Text), "\n") {
			if i > 0 {
				b.WriteString("\n" + ind)
			}
			if s == "" {
				continue
			}
			// The marks stay with colour: many readers cannot tell red
			// from green, and a copied line keeps what changed.
			switch op.Op {
			case diff.OpDelete:
				b.WriteString(t.paint(ansiRed, "[-"+s+"-]"))
			case diff.OpInsert:
				b.WriteString(t.paint(ansiGreen, "{+"+s+"+}"))
			default:
				b.WriteString(s)
			}
		}
	}
	return b.String()
}

// indent continues every line break of s at ind.
func indent(s, ind string) string {
	return strings.ReplaceAll(s, "\n", "\n"+ind)
}

// terminalSafe shows control and bidirectional formatting characters other
// than the line feed as visible escapes (\x1b, \u202e), so that document
// text cannot drive the terminal: sanitize.Text.
func terminalSafe(s string) string { return sanitize.Text(s) }

// paintLines colours each line of s on its own, so that a colour never
// runs past a line break.
func (t *textWriter) paintLines(code, s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = t.paint(code, l)
	}
	return strings.Join(lines, "\n")
}

// writeTextChangelog writes the terminal summary of each diff of results
// (oldest first), newest first, a blank line between them.
func writeTextChangelog(w io.Writer, results []diff.Result, opt Options) error {
	for i := len(results) - 1; i >= 0; i-- {
		if i < len(results)-1 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return fmt.Errorf("write text report: %w", err)
			}
		}
		if err := writeText(w, results[i], opt); err != nil {
			return err
		}
	}
	return nil
}
