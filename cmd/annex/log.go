package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, logCommand) }

func logCommand() *cli.Command {
	return &cli.Command{
		Name:      "log",
		Usage:     "list the stored revisions with the changes since the previous one",
		ArgsUsage: " ",
		Description: "One line per revision in date order: label, document id, date, entry count and\n" +
			"the counts of changes since the previous revision.",
		Flags: []cli.Flag{formatFlag("text", "json"), outputFlag, forceFlag, storeFlag},
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 0, "no argument", "text", "json")
			if err != nil {
				return err
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			warnLeftovers(c, e, st)
			log, err := st.Log()
			if err != nil {
				return storeErr(c, err)
			}
			return output(c, e, func(w io.Writer) error {
				if format == "json" {
					if log == nil {
						log = []store.LogEntry{}
					}
					return writeJSON(w, struct {
						Schema    string           `json:"schema"`
						Store     string           `json:"store"`
						Revisions []store.LogEntry `json:"revisions"`
					}{"annex-log/1", st.Dir(), log})
				}
				return writeLog(w, log)
			})
		},
	}
}

func writeLog(w io.Writer, log []store.LogEntry) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LABEL\tDOCUMENT\tDATE\tENTRIES\tCHANGES")
	for _, l := range log {
		changes := "(first)"
		if s := l.Changes; s != nil {
			changes = fmt.Sprintf("added %d, removed %d, modified %d, renumbered %d", s.Added, s.Removed, s.Modified, s.Renumbered)
			if s.Editorial > 0 {
				changes += fmt.Sprintf(" (%d editorial)", s.Editorial)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", safe(l.Label), safe(l.DocID), l.Date, l.Entries, changes)
	}
	return tw.Flush()
}
