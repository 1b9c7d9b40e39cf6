package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/model"
)

func init() { commands = append(commands, validateCommand) }

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check a revision for numbering gaps, dangling cross references and undefined terms",
		ArgsUsage: "FILE",
		Description: "Prints one line per problem, \"ID: what is wrong\". With --exit-code the exit\n" +
			"status is 1 when there is any problem. Cross references into items the document\n" +
			"does not contain at all are not reported: excerpts refer to items printed elsewhere.",
		Flags: []cli.Flag{formatFlag("text", "json"), outputFlag, forceFlag, sheetFlag, colsFlag, schemeFlag, exitCodeFlag},
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 1, "one FILE", "text", "json")
			if err != nil {
				return err
			}
			a, err := load(c, e, c.Args().First())
			if err != nil {
				return err
			}
			problems := model.SortProblems(model.Validate(a))
			err = output(c, e, func(w io.Writer) error {
				if format == "json" {
					if problems == nil {
						problems = []model.Problem{}
					}
					return writeJSON(w, struct {
						Schema   string          `json:"schema"`
						File     string          `json:"file"`
						Problems []model.Problem `json:"problems"`
					}{"annex-validate/1", a.Meta.Source.Name, problems})
				}
				for _, p := range problems {
					if _, err := fmt.Fprintf(w, "%s: %s\n", p.ID, p.Msg); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if len(problems) > 0 {
				fmt.Fprintf(e.stderr, "%s: %d problem(s)\n", c.Args().First(), len(problems))
				if c.Bool("exit-code") {
					return &exitError{code: 1}
				}
			}
			return nil
		},
	}
}
