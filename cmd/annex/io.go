package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// Flags shared by several commands.
var (
	outputFlag   = &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"}
	forceFlag    = &cli.BoolFlag{Name: "force", Usage: "overwrite the -o file if it exists"}
	sheetFlag    = &cli.StringFlag{Name: "sheet", Usage: "spreadsheets: read the sheet `NAME`"}
	colsFlag     = &cli.StringFlag{Name: "columns", Usage: "spreadsheets: column letters by role, e.g. `id=B,text=D,notes=E`"}
	exitCodeFlag = &cli.BoolFlag{Name: "exit-code", Usage: "exit with status 1 when anything was found"}
	schemeFlag   = &cli.StringFlag{Name: "scheme", Value: "auto", Usage: "numbering scheme of the list: " + strings.Join(model.SchemeNames(), ", ") + " (auto: chosen by the document's content)"}
)

// schemeOption returns the --scheme of c: nil for auto, or a usage error
// naming the choices.
func schemeOption(c *cli.Context) (*model.Scheme, error) {
	s, ok := model.SchemeByName(strings.ToLower(strings.TrimSpace(c.String("scheme"))))
	if !ok {
		return nil, usageErr("annex %s: unknown scheme %q (want %s)", c.Command.Name, c.String("scheme"), strings.Join(model.SchemeNames(), ", "))
	}
	return s, nil
}

// formatFlag is a --format flag accepting one of formats, defaulting to the first.
func formatFlag(formats ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: formats[0],
		Usage: "output format: " + strings.Join(formats, ", "),
	}
}

// checkFormat returns the --format value or a usage error naming the choices.
func checkFormat(c *cli.Context, formats ...string) (string, error) {
	f := c.String("format")
	if !slices.Contains(formats, f) {
		return "", usageErr("annex %s: unknown format %q (want %s)", c.Command.Name, f, strings.Join(formats, ", "))
	}
	return f, nil
}

// begin checks that c has n arguments (described by names for the error) and
// returns its --format, which must be one of formats.
func begin(c *cli.Context, n int, names string, formats ...string) (string, error) {
	if err := wantArgs(c, n, names); err != nil {
		return "", err
	}
	return checkFormat(c, formats...)
}

// wantArgs checks the number of arguments.
func wantArgs(c *cli.Context, n int, names string) error {
	if c.NArg() != n {
		return usageErr("annex %s: needs %s, got %d argument(s)\nTry: annex %s %s", c.Command.Name, names, c.NArg(), c.Command.Name, c.Command.ArgsUsage)
	}
	return nil
}

// parseOptions reads the spreadsheet flags of c.
func parseOptions(c *cli.Context, e *env, file string) (parse.Options, error) {
	opt := parse.Options{Sheet: c.String("sheet")}
	sch, err := schemeOption(c)
	if err != nil {
		return opt, err
	}
	opt.Scheme = sch
	if spec := c.String("columns"); spec != "" {
		opt.Columns = make(map[string]string)
		for _, kv := range strings.Split(spec, ",") {
			k, v, ok := strings.Cut(kv, "=")
			k, v = strings.TrimSpace(strings.ToLower(k)), strings.TrimSpace(strings.ToUpper(v))
			if !ok || k == "" || v == "" {
				return opt, usageErr("annex %s: --columns wants role=LETTER pairs such as id=B,text=D,notes=E, got %q", c.Command.Name, kv)
			}
			opt.Columns[k] = v
		}
	}
	if f, ok := e.stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		name := filepath.Base(file)
		opt.Progress = func(done, total int) {
			fmt.Fprintf(e.stderr, "\r%s: page %d/%d", name, done, total)
			if done == total {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
		}
	}
	return opt, nil
}

// load parses one input file ("-" for standard input).
func load(c *cli.Context, e *env, file string) (*model.Annex, error) {
	opt, err := parseOptions(c, e, file)
	if err != nil {
		return nil, err
	}
	var a *model.Annex
	if file == "-" {
		data, rerr := io.ReadAll(io.LimitReader(e.stdin, parse.MaxInputSize+1))
		if rerr != nil {
			return nil, inputErr(fmt.Errorf("-: %w", rerr))
		}
		a, err = parse.Read("-", data, opt)
	} else {
		a, err = parse.File(file, opt)
	}
	if err != nil {
		return nil, inputErr(err)
	}
	return a, nil
}

// output writes what write produces to standard output, or to the -o file.
// A file is written to a temporary name beside it and renamed when complete,
// so an interrupted run leaves nothing half-written; an existing file is kept
// unless --force is given.
func output(c *cli.Context, e *env, write func(io.Writer) error) error {
	path := c.String("output")
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	if !c.Bool("force") {
		if _, err := os.Stat(path); err == nil {
			return usageErr("annex %s: %s exists; not overwriting it\nTry: --force to replace it, or another -o", c.Command.Name, path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return &exitError{code: 2, msg: fmt.Sprintf("annex %s: %v", c.Command.Name, err)}
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return &exitError{code: 2, msg: fmt.Sprintf("annex %s: write %s: %v", c.Command.Name, path, err)}
	}
	return nil
}

// openFile opens name for reading; the error names the file once
// ("x.json: no such file or directory").
func openFile(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}
