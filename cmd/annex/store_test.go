package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// A hidden command for the scripts: loadRevision on each argument, printing
// what it loaded. `annex diff` uses loadRevision the same way.
func init() {
	commands = append(commands, func() *cli.Command {
		return &cli.Command{
			Name: "x-load-revision", Hidden: true,
			Flags: []cli.Flag{storeFlag},
			Action: func(c *cli.Context) error {
				e := envOf(c)
				for _, arg := range c.Args().Slice() {
					a, err := loadRevision(c, e, arg)
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "%s: %s %s %d entries\n", arg, a.Meta.DocID, a.Meta.Date, a.CountEntries())
				}
				return nil
			},
		}
	})
}
