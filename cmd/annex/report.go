package main

import (
	"fmt"
	"io"

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

// readInput reads a whole file, or standard input for "-", up to
// parse.MaxInputSize; errors name the file.
func readInput(e *env, name string) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := openFile(name)
		if err != nil {
			return nil, inputErr(err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, parse.MaxInputSize+1))
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", name, err))
	}
	if len(data) > parse.MaxInputSize {
		return nil, inputErr(fmt.Errorf("%s: %w", name, parse.ErrTooLarge))
	}
	return data, nil
}
