package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/site"
)

func init() { commands = append(commands, siteCommand) }

func siteCommand() *cli.Command {
	return &cli.Command{
		Name:      "site",
		Usage:     "write a static web site of the stored revisions, with feeds",
		ArgsUsage: " ",
		Description: "Writes into the directory -o a static site of every stored revision: an index\n" +
			"of revisions, each revision's full text, the changes between consecutive\n" +
			"revisions, a permanent page per entry number with its whole history, the\n" +
			"comparison of any two revisions and a search (both in the browser, from the\n" +
			"site's own files), Atom feeds, and the annex/1 and annex-diff/1 files. It\n" +
			"needs no server and loads nothing from elsewhere. The same store gives the\n" +
			"same files byte for byte. The directory keeps a manifest (" + site.ManifestName + "):\n" +
			"a rebuild removes only files it lists, and a non-empty directory without one\n" +
			"is refused unless --force.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the site into `DIR`", Required: false},
			&cli.StringFlag{Name: "base-url", Usage: "the `URL` the site is published at; makes links and feed links absolute"},
			&cli.StringFlag{Name: "title", Usage: "the site's `TITLE` (default: the regime and title of the latest revision)"},
			&cli.BoolFlag{Name: "force", Usage: "write into a non-empty directory that holds no manifest"},
			storeFlag,
		},
		Action: func(c *cli.Context) error {
			e := envOf(c)
			if err := wantArgs(c, 0, "no argument"); err != nil {
				return err
			}
			dir := c.String("output")
			if dir == "" {
				return usageErr("annex site: needs -o DIR, the directory to write the site into\nTry: annex site -o public")
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			warnLeftovers(c, e, st)
			stats, err := site.Build(st, dir, site.Options{BaseURL: c.String("base-url"), Force: c.Bool("force"), Title: c.String("title")})
			switch {
			case errors.Is(err, site.ErrNotSite):
				return &exitError{code: 2, msg: fmt.Sprintf("annex site: %s\nTry: an empty or new directory, or --force to write into it anyway", oneLine(err.Error()))}
			case err != nil:
				return storeErr(c, err)
			}
			fmt.Fprintf(e.stdout, "%s: %d files (%d written, %d unchanged, %d removed)\n", dir, stats.Files, stats.Written, stats.Unchanged, stats.Removed)
			return nil
		},
	}
}
