package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/report"
)

func init() { commands = append(commands, changelogCommand) }

// changelogFormats are report.ChangelogFormats with the default, md, first.
var changelogFormats = []string{"md", "html", "text", "json", "xlsx", "csv"}

func changelogCommand() *cli.Command {
	return &cli.Command{
		Name:      "changelog",
		Usage:     "write the changes between every consecutive pair of stored revisions",
		ArgsUsage: " ",
		Description: "Renders the diff of every consecutive pair of stored revisions as one\n" +
			"changelog, newest first: in Markdown (the default), as one HTML page, as the\n" +
			"terminal summary of each diff (text), as one annex-changelog/1 JSON document\n" +
			"holding the annex-diff/1 documents (oldest first), or as one change register\n" +
			"(xlsx, csv) whose lines also name the revisions of their diff.",
		Flags: []cli.Flag{
			formatFlag(changelogFormats...), outputFlag, forceFlag, storeFlag,
			&cli.BoolFlag{Name: "no-color", Usage: "no colour in the text summary"},
		},
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 0, "no argument", changelogFormats...)
			if err != nil {
				return err
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			warnLeftovers(c, e, st)
			results, err := st.Changes()
			if err != nil {
				return storeErr(c, err)
			}
			if len(results) == 0 {
				return &exitError{code: 2, msg: fmt.Sprintf("annex changelog: %s holds fewer than two revisions; nothing to compare\nTry: annex import FILE", st.Dir())}
			}
			return output(c, e, func(w io.Writer) error {
				return report.Changelog(w, format, results, report.Options{Color: format == "text" && useColor(c, e)})
			})
		},
	}
}
