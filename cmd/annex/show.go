package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, showCommand) }

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print one entry as it stood in a stored revision",
		ArgsUsage: "ID",
		Description: "Prints the entry numbered ID with its notes and sub-entries as it stood in the\n" +
			"revision labelled --at, or in force at the date --at (the latest revision dated\n" +
			"on or before it); by default the latest revision.",
		Flags: []cli.Flag{
			formatFlag("text", "json"), outputFlag, forceFlag, storeFlag,
			&cli.StringFlag{Name: "at", Usage: "the revision `LABEL`, or a DATE (YYYY-MM-DD)"},
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
			var rev store.Revision
			if at := c.String("at"); at != "" {
				rev, err = st.At(at)
			} else {
				var revs []store.Revision
				revs, err = st.List()
				if err == nil && len(revs) == 0 {
					return &exitError{code: 2, msg: fmt.Sprintf("annex show: %s: the store is empty\nTry: annex import FILE", st.Dir())}
				}
				if err == nil {
					rev = revs[len(revs)-1]
				}
			}
			if err != nil {
				return storeErr(c, err)
			}
			a, err := st.LoadRevision(rev)
			if err != nil {
				return storeErr(c, err)
			}
			en := a.Find(id.String())
			if en == nil {
				return &exitError{code: 2, msg: fmt.Sprintf("annex show: %s: no such entry in revision %s (%s, %s)\nTry: annex history %s", id, rev.Label, rev.DocID, rev.Date, id)}
			}
			return output(c, e, func(w io.Writer) error {
				if format == "json" {
					return writeJSON(w, struct {
						Schema   string         `json:"schema"`
						Revision store.Revision `json:"revision"`
						Entry    model.Entry    `json:"entry"`
					}{"annex-show/1", rev, en.Normalized()})
				}
				var b strings.Builder
				fmt.Fprintf(&b, "%s  %s  (revision %s)\n", safe(rev.DocID), rev.Date, safe(rev.Label))
				outlineEntry(&b, sanitized(*en), 0)
				_, err := io.WriteString(w, b.String())
				return err
			})
		},
	}
}

// sanitized returns a copy of e with control characters replaced.
func sanitized(e model.Entry) model.Entry {
	out := model.Entry{ID: e.ID, Text: safe(e.Text)}
	for _, n := range e.Notes {
		out.Notes = append(out.Notes, model.Note{Kind: n.Kind, Label: safe(n.Label), Text: safe(n.Text)})
	}
	for _, c := range e.Children {
		out.Children = append(out.Children, sanitized(c))
	}
	return out
}
