package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/parse"
)

func init() { commands = append(commands, reportCommand) }

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "render a saved diff (annex diff --format json) in another format",
		ArgsUsage: "DIFF.json",
		Description: "Reads an annex-diff/1 document (\"-\" reads standard input) and writes it as\n" +
			"--format text, json, md, html, xlsx or csv, without parsing the revisions again.\n" +
			"Takes the filters and output flags of diff.",
		Flags: diffOutputFlags(),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 1, "one DIFF.json", diffFormats...)
			if err != nil {
				return err
			}
			filter, err := diffFilter(c)
			if err != nil {
				return err
			}
			name := c.Args().First()
			data, err := readInput(e, name)
			if err != nil {
				return err
			}
			res, err := diff.Decode(data)
			if err != nil {
				return inputErr(fmt.Errorf("%s: %w", name, err))
			}
			return finishDiff(c, e, format, filter(res))
		},
	}
}

// readInput reads a whole file, or standard input for "-", up to the
// inputbytes limit; errors name the file.
func readInput(e *env, name string) ([]byte, error) {
	data, err := parse.ReadFile(name, e.stdin)
	if err != nil {
		return nil, inputErr(err)
	}
	return data, nil
}
