package main

import (
	"io"
	"os"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/report"
)

func init() { commands = append(commands, diffCommand) }

var diffFormats = []string{"text", "json", "md", "html", "xlsx", "csv"}

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two revisions entry by entry",
		ArgsUsage: "OLD NEW",
		Description: "OLD and NEW are PDFs, .xlsx workbooks, annex/1 JSON files or labels of stored\n" +
			"revisions, in any mix. Prints a summary for people by default; --format json gives\n" +
			"the annex-diff/1 document, md a changelog, html a redline, xlsx a change register,\n" +
			"csv one row per change. With --exit-code the status is 1 when anything changed.",
		Flags: append(diffOutputFlags(), sheetFlag, colsFlag, schemeFlag, storeFlag),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 2, "OLD and NEW", diffFormats...)
			if err != nil {
				return err
			}
			filter, err := diffFilter(c)
			if err != nil {
				return err
			}
			old, err := loadRevision(c, e, c.Args().Get(0))
			if err != nil {
				return err
			}
			new, err := loadRevision(c, e, c.Args().Get(1))
			if err != nil {
				return err
			}
			res := filter(diff.Compare(old, new))
			return finishDiff(c, e, format, res)
		},
	}
}

// diffOutputFlags are the flags of diff that choose and shape its output.
func diffOutputFlags() []cli.Flag {
	return []cli.Flag{
		formatFlag(diffFormats...), outputFlag, forceFlag, exitCodeFlag,
		&cli.StringFlag{Name: "only", Usage: "keep only these kinds: `KINDS` among added,removed,modified,renumbered"},
		&cli.BoolFlag{Name: "ignore-editorial", Usage: "leave out editorial changes"},
		&cli.BoolFlag{Name: "no-color", Usage: "no colour in the text summary"},
	}
}

// diffFilter reads --only and --ignore-editorial.
func diffFilter(c *cli.Context) (func(diff.Result) diff.Result, error) {
	var kinds []diff.Kind
	if only := c.String("only"); only != "" {
		for _, k := range strings.Split(only, ",") {
			k = strings.TrimSpace(k)
			switch diff.Kind(k) {
			case diff.Added, diff.Removed, diff.Modified, diff.Renumbered:
				kinds = append(kinds, diff.Kind(k))
			default:
				return nil, usageErr("annex %s: --only: unknown kind %q (want added, removed, modified, renumbered)", c.Command.Name, k)
			}
		}
	}
	ignoreEditorial := c.Bool("ignore-editorial")
	return func(r diff.Result) diff.Result {
		if len(kinds) > 0 {
			r = r.Only(kinds...)
		}
		if ignoreEditorial {
			r = r.Substantive()
		}
		return r
	}, nil
}

// finishDiff renders res and sets the exit status.
func finishDiff(c *cli.Context, e *env, format string, res diff.Result) error {
	opt := report.Options{Color: format == "text" && useColor(c, e)}
	err := output(c, e, func(w io.Writer) error { return report.Write(w, format, res, opt) })
	if err != nil {
		return err
	}
	if c.Bool("exit-code") && len(res.Changes) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// useColor says whether the text summary may be coloured: not with --no-color
// or NO_COLOR, not into a file, and only on a terminal.
func useColor(c *cli.Context, e *env) bool {
	if c.Bool("no-color") || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" || c.String("output") != "" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	return ok && isatty.IsTerminal(f.Fd()) && !color.NoColor
}
