package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/export"
)

func init() { commands = append(commands, exportCommand) }

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write a revision as a spreadsheet (.xlsx), annex/1 JSON or a Markdown document",
		ArgsUsage: "FILE",
		Description: "Reads FILE (a PDF, .xlsx or annex/1 JSON; \"-\" reads standard input) and writes\n" +
			"its model as a workbook in the layout annex parse reads back (--format xlsx)\n" +
			"or as indented annex/1 JSON (--format json), or as a Markdown document (--format md).",
		Flags: withRevisionFlags(formatFlag("xlsx", "json", "md"), outputFlag, forceFlag),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 1, "one FILE", "xlsx", "json", "md")
			if err != nil {
				return err
			}
			a, err := load(c, e, c.Args().First())
			if err != nil {
				return err
			}
			return output(c, e, func(w io.Writer) error {
				switch format {
				case "json":
					return export.JSON(w, a)
				case "md":
					return export.Markdown(w, a)
				}
				if err := export.XLSX(w, a); err != nil {
					return &exitError{code: 2, msg: "annex export: " + c.Args().First() + ": " + oneLine(err.Error())}
				}
				return nil
			})
		},
	}
}
