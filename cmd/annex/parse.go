package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/export"
	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
)

func init() { commands = append(commands, parseCommand) }

func parseCommand() *cli.Command {
	return &cli.Command{
		Name:      "parse",
		Usage:     "read a revision (PDF, .xlsx or annex/1 JSON) into the canonical model",
		ArgsUsage: "FILE",
		Description: "Writes the annex/1 model of FILE (\"-\" reads standard input) as JSON, or as an\n" +
			"indented outline with --format text.",
		Flags: withRevisionFlags(formatFlag("json", "text"), outputFlag, forceFlag),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 1, "one FILE", "json", "text")
			if err != nil {
				return err
			}
			a, err := load(c, e, c.Args().First())
			if err != nil {
				return err
			}
			warnMisreads(c, e, c.Args().First(), a)
			return output(c, e, func(w io.Writer) error {
				if format == "text" {
					return writeOutline(w, a)
				}
				return export.JSON(w, a)
			})
		},
	}
}

// writeJSON writes v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeOutline writes a model as an indented outline for people. Every
// piece of document text is one line, with control and bidi characters shown
// as escapes (sanitize.Line): a saved model may hold them.
func writeOutline(w io.Writer, a *model.Annex) error {
	b := bufio.NewWriter(w) // line by line: the outline of a long list is long
	l := sanitize.Line
	fmt.Fprintf(b, "%s  %s  %s\n", l(a.Meta.DocID), l(a.Meta.Date), l(a.Meta.Title))
	fmt.Fprintf(b, "%d definitions, %d items, %d entries\n", len(a.Definitions), len(a.Items), a.CountEntries())
	sch := a.Scheme()
	for _, it := range a.Items {
		if it.Category != "" {
			fmt.Fprintf(b, "\n%s  %s  (Category %s)\n", l(strings.ToUpper(sch.ItemID(it.Number))), l(it.Title), l(it.Category))
		} else {
			fmt.Fprintf(b, "\n%s  %s\n", l(strings.ToUpper(sch.ItemID(it.Number))), l(it.Title))
		}
		for _, g := range it.Groups {
			if g.Letter != "" || g.Title != "" {
				fmt.Fprintf(b, "  %s  %s\n", l(sch.GroupID(it.Number, g.Letter)), l(g.Title))
			}
			for _, n := range g.Notes {
				fmt.Fprintf(b, "      %s\n", l(noteLine(n)))
			}
			if len(g.Entries) == 0 {
				b.WriteString("      None.\n")
			}
			for _, en := range g.Entries {
				outlineEntry(b, en, 2)
			}
		}
	}
	return b.Flush()
}

// noteLine writes a note as "Technical Note 2: text".
func noteLine(n model.Note) string {
	label := n.Kind
	if n.Label != "" {
		label += " " + n.Label
	}
	return label + ": " + n.Text
}

func outlineEntry(b io.Writer, e model.Entry, depth int) {
	ind := strings.Repeat("  ", depth)
	fmt.Fprintf(b, "%s%s  %s\n", ind, sanitize.Line(e.ID), sanitize.Line(e.Text))
	for _, n := range e.Notes {
		fmt.Fprintf(b, "%s    %s\n", ind, sanitize.Line(noteLine(n)))
	}
	for _, c := range e.Children {
		outlineEntry(b, c, depth+1)
	}
}
