package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/report"
	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, historyCommand) }

func historyCommand() *cli.Command {
	return &cli.Command{
		Name:      "history",
		Usage:     "follow one entry across the stored revisions",
		ArgsUsage: "ID",
		Description: "Shows the life of the entry numbered ID (with or without the trailing dot)\n" +
			"across the stored revisions, following it through renumbering and moves\n" +
			"(4.C.2.b.6 in one revision may be 4.C.2.b.7 in the next), with what changed\n" +
			"at each step: a word diff [-old-]{+new+}, notes and thresholds. When ID named\n" +
			"different entries at different times, each one's life is shown.",
		Flags: []cli.Flag{
			formatFlag("text", "json"), outputFlag, forceFlag, storeFlag,
			&cli.StringFlag{Name: "from", Usage: "start at revision `LABEL` (or the one in force at a date)"},
			&cli.StringFlag{Name: "to", Usage: "stop at revision `LABEL` (or the one in force at a date)"},
		},
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 1, "one ID", "text", "json")
			if err != nil {
				return err
			}
			id, err := entryArg(c)
			if err != nil {
				return err
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			lines, err := st.History(id.String(), c.String("from"), c.String("to"))
			if err != nil {
				return storeErr(c, err)
			}
			return output(c, e, func(w io.Writer) error {
				if format == "json" {
					return writeJSON(w, struct {
						Schema   string          `json:"schema"`
						ID       string          `json:"id"`
						Lineages []store.Lineage `json:"lineages"`
					}{"annex-history/1", id.String(), lines})
				}
				return writeHistory(w, id.String(), lines)
			})
		},
	}
}

func writeHistory(w io.Writer, id string, lines []store.Lineage) error {
	var b strings.Builder
	if len(lines) > 1 {
		fmt.Fprintf(&b, "%s has numbered %d different entries.\n\n", id, len(lines))
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n", strings.Join(l.IDs(), " → "))
		steps := l.Steps
		for j := 0; j < len(steps); j++ {
			s := steps[j]
			if j > 0 && s.Category != steps[j-1].Category && s.Category != "" && steps[j-1].Category != "" {
				// The item's category changed while the entry did not:
				// say so at this step, never fold it into "unchanged".
				writeStep(&b, s, steps[j-1].Category)
				continue
			}
			if s.Event == store.Unchanged {
				k := j
				for k+1 < len(steps) && steps[k+1].Event == store.Unchanged {
					k++
				}
				if k > j {
					fmt.Fprintf(&b, "  %s  %-12s unchanged in %d revisions, to %s\n", safe(s.Label), s.ID, k-j+1, safe(steps[k].Label))
					j = k
					continue
				}
			}
			writeStep(&b, s, "")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeStep writes one step; oldCategory, when set, is the category of the
// entry's item in the previous revision, which differs from this one's.
func writeStep(b *strings.Builder, s store.Step, oldCategory string) {
	c := s.Change
	head := string(s.Event)
	var fields []string
	if c != nil {
		for _, f := range c.Fields {
			if f == diff.FieldCategory {
				oldCategory = c.OldCategory
				continue
			}
			fields = append(fields, f)
		}
	}
	switch s.Event {
	case store.Present, store.Added:
		head += ": " + safe(s.Text)
	case store.Renumbered:
		head += " from " + c.OldID
		if len(fields) > 0 {
			head += "; " + strings.Join(fields, " and ") + " changed"
		}
	case store.Modified:
		head += ": " + strings.Join(fields, " and ")
	}
	if oldCategory != "" && s.Category != "" && oldCategory != s.Category {
		head += "; category " + oldCategory + " → " + s.Category
	}
	if c != nil && c.Editorial && s.Event != store.Added && s.Event != store.Removed {
		head += " (editorial)"
	}
	id := s.ID
	if id == "" {
		id = "-"
	}
	fmt.Fprintf(b, "  %s  %-12s %s\n", safe(s.Label), id, head)
	if c == nil || s.Event == store.Added || s.Event == store.Removed {
		return
	}
	if len(c.TextDiff) > 0 {
		fmt.Fprintf(b, "      text:  %s\n", safe(report.WordDiffText(c.TextDiff)))
	}
	if len(c.NotesDiff) > 0 {
		// One note a line: split before safe, which would turn the line
		// breaks into replacement characters.
		for _, line := range strings.Split(report.WordDiffText(c.NotesDiff), "\n") {
			fmt.Fprintf(b, "      notes: %s\n", safe(line))
		}
	} else if hasField(c, diff.FieldNotes) {
		fmt.Fprintf(b, "      notes: %d before, %d after\n", len(c.OldNotes), len(c.NewNotes))
	}
	for _, q := range c.Quantities {
		dir := ""
		if q.Direction != "" {
			dir = " (control " + q.Direction + ")"
		}
		fmt.Fprintf(b, "      threshold: %s → %s%s\n", safe(q.Old), safe(q.New), dir)
	}
}

func hasField(c *diff.Change, f string) bool {
	for _, x := range c.Fields {
		if x == f {
			return true
		}
	}
	return false
}
