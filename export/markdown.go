package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/report"
)

// Markdown writes a model as a Markdown document for reading and publishing:
// title and document id, the definitions, then each item with its groups and
// entries as nested lists, notes in italics under their entry. All document
// text is escaped, so nothing in it can become markup or raw HTML.
func Markdown(w io.Writer, a *model.Annex) error {
	bw := bufio.NewWriter(w)
	esc := report.EscapeMarkdown
	title := a.Meta.Title
	if title == "" {
		title = "Annex"
	}
	fmt.Fprintf(bw, "# %s\n\n", esc(title))
	var meta []string
	for _, s := range []string{a.Meta.DocID, a.Meta.Date} {
		if s != "" {
			meta = append(meta, esc(s))
		}
	}
	if len(meta) > 0 {
		fmt.Fprintf(bw, "%s\n\n", strings.Join(meta, " · "))
	}
	if len(a.Definitions) > 0 {
		bw.WriteString("## Definitions\n\n")
		for _, d := range a.Definitions {
			fmt.Fprintf(bw, "- **\"%s\"**", esc(d.Term))
			if d.Scope != "" {
				fmt.Fprintf(bw, " (%s)", esc(d.Scope))
			}
			fmt.Fprintf(bw, ": %s\n", esc(d.Text))
		}
		bw.WriteString("\n")
	}
	category := ""
	for _, it := range a.Items {
		if it.Category != "" && it.Category != category {
			category = it.Category
			fmt.Fprintf(bw, "## Category %s\n\n", esc(category))
		}
		sch := a.Scheme()
		fmt.Fprintf(bw, "### %s: %s\n\n", sch.ItemID(it.Number), esc(it.Title))
		if it.Reserved {
			continue
		}
		for _, g := range it.Groups {
			if g.Letter != "" || g.Title != "" {
				fmt.Fprintf(bw, "#### %s. %s\n\n", sch.GroupID(it.Number, g.Letter), esc(g.Title))
			}
			for _, n := range g.Notes {
				fmt.Fprintf(bw, "*%s:* %s\n\n", noteHead(n), report.EscapeMarkdown(n.Text))
			}
			if len(g.Entries) == 0 {
				bw.WriteString("None.\n\n")
				continue
			}
			for _, e := range g.Entries {
				writeMarkdownEntry(bw, e, 0)
			}
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

func writeMarkdownEntry(bw *bufio.Writer, e model.Entry, depth int) {
	ind := strings.Repeat("  ", depth)
	fmt.Fprintf(bw, "%s- **%s.** %s\n", ind, e.ID, report.EscapeMarkdown(e.Text))
	for _, n := range e.Notes {
		fmt.Fprintf(bw, "%s  - *%s:* %s\n", ind, noteHead(n), report.EscapeMarkdown(n.Text))
	}
	for _, c := range e.Children {
		writeMarkdownEntry(bw, c, depth+1)
	}
}

// noteHead is a note's heading, "Technical Note 2", escaped: a saved model's
// kind and label are text like any other.
func noteHead(n model.Note) string {
	head := n.Kind
	if n.Label != "" {
		head += " " + n.Label
	}
	return report.EscapeMarkdown(head)
}
