package main

import (
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex"
	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/parse"
)

func init() { commands = append(commands, demoCommand) }

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "compare the two sample revisions built into annex (2023 and 2024)",
		Description: "Runs `annex diff sample-2023.pdf sample-2024.pdf` on copies of the sample PDFs\n" +
			"embedded in the binary, so a fresh build shows a real job. Takes the output flags\n" +
			"of diff.",
		Flags: diffOutputFlags(),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 0, "no arguments", diffFormats...)
			if err != nil {
				return err
			}
			filter, err := diffFilter(c)
			if err != nil {
				return err
			}
			old, err := parse.Read("sample-2023.pdf", annex.Sample2023, parse.Options{})
			if err != nil {
				return inputErr(err)
			}
			new, err := parse.Read("sample-2024.pdf", annex.Sample2024, parse.Options{})
			if err != nil {
				return inputErr(err)
			}
			return finishDiff(c, e, format, filter(diff.Compare(old, new)))
		},
	}
}
