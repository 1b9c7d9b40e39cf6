package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"
)

// extFormats maps the extension of an -o file to the output format it
// implies when --format is not given. Other extensions imply nothing: the
// command's default format is written.
var extFormats = map[string]string{
	".txt":      "text",
	".text":     "text",
	".json":     "json",
	".md":       "md",
	".markdown": "md",
	".html":     "html",
	".htm":      "html",
	".xlsx":     "xlsx",
	".csv":      "csv",
}

// outputFormat returns the format c writes: --format when it is given, else
// the one the -o file's extension names, else def. An extension naming a
// format outside formats is a usage error, so that `-o model.html` never
// writes JSON into an .html file.
func outputFormat(c *cli.Context, def string, formats []string) (string, error) {
	if c.IsSet("format") {
		return c.String("format"), nil
	}
	out := c.String("output")
	f, ok := extFormats[strings.ToLower(filepath.Ext(out))]
	if !ok {
		return def, nil
	}
	if !slices.Contains(formats, f) {
		return "", usageErr("annex %s: -o %s: cannot write %s (formats: %s)\nTry: --format %s, or another -o",
			c.Command.Name, out, f, strings.Join(formats, ", "), formats[0])
	}
	return f, nil
}

// noWorkbookToTerminal refuses to write a workbook (format xlsx) to
// standard output when it is a terminal; checkFormat asks it for every
// command.
func noWorkbookToTerminal(c *cli.Context, e *env, format string) error {
	if format != "xlsx" || (c.String("output") != "" && c.String("output") != "-") {
		return nil
	}
	if f, ok := e.stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		return usageErr("annex %s: not writing a workbook to a terminal\nTry: -o FILE.xlsx", c.Command.Name)
	}
	return nil
}
