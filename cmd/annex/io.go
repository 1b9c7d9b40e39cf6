package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// Flags shared by several commands.
var (
	outputFlag   = &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"}
	forceFlag    = &cli.BoolFlag{Name: "force", Usage: "replace what is at the -o path (a link is replaced itself, never written through)"}
	sheetFlag    = &cli.StringFlag{Name: "sheet", Usage: "workbook revisions: read the sheet `NAME`"}
	colsFlag     = &cli.StringFlag{Name: "columns", Usage: "workbook revisions: column letters by role, e.g. `id=B,text=D,notes=E`"}
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
		Usage:       "output `FORMAT`: " + strings.Join(formats, ", "),
		DefaultText: "the one the -o file's extension names, else " + formats[0],
	}
}

// checkFormat returns the --format value (or the format the -o file's
// extension names) or a usage error naming the choices.
func checkFormat(c *cli.Context, formats ...string) (string, error) {
	f, err := outputFormat(c, c.String("format"), formats)
	if err != nil {
		return "", err
	}
	if !slices.Contains(formats, f) {
		return "", usageErr("annex %s: unknown format %q (want %s)", c.Command.Name, f, strings.Join(formats, ", "))
	}
	if err := noWorkbookToTerminal(c, envOf(c), f); err != nil {
		return "", err
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
			fmt.Fprintf(e.stderr, "\r%s: page %d/%d", sanitize.Line(name), done, total)
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
	data, err := parse.ReadFile(file, e.stdin)
	if err == nil {
		a, err = parse.Read(file, data, opt)
	}
	if err != nil {
		return nil, inputErr(err)
	}
	return a, nil
}

// output writes what write produces to standard output, or to the -o file.
// A file is written to a temporary name beside it and renamed when complete,
// so an interrupted run leaves nothing half-written. Anything already at the
// path, a symbolic link included (even one that points nowhere), is kept
// unless --force is given; --force replaces the link itself and never writes
// through it, so its target is left as it was. A file replaced keeps its
// mode; a new file gets 0666 less the umask, as any Unix tool's. A directory
// (or a name ending in a slash) is refused. A device or a pipe (-o
// /dev/null) is written to directly.
func output(c *cli.Context, e *env, write func(io.Writer) error) error {
	path := c.String("output")
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	name := c.Command.Name
	fail := func(format string, args ...any) error {
		return &exitError{code: 2, msg: fmt.Sprintf("annex %s: "+format, append([]any{name}, args...)...)}
	}
	isDir := func() error { return fail("-o %s: is a directory; give a file name", path) }
	exists := func() error {
		return usageErr("annex %s: %s exists; not overwriting it\nTry: --force to replace it, or another -o", name, path)
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return isDir()
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return isDir()
	case err == nil && fi.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		return writeDevice(path, write, fail)
	case err == nil && !c.Bool("force"):
		return exists()
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fail("-o %s: %v", path, pathErr(err))
	}
	existed := err == nil // and --force was given
	keepMode := fs.FileMode(0)
	if existed && fi.Mode().IsRegular() {
		keepMode = fi.Mode().Perm()
	}
	tmp, err := createTemp(path)
	if err != nil {
		return fail("write %s: %v", path, pathErr(err))
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	err = write(tmp)
	if err == nil && keepMode != 0 {
		err = tmp.Chmod(keepMode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && !existed {
		// A hard link is made only where nothing is: a file that appeared
		// at path since it was looked at is not replaced.
		lerr := os.Link(tmp.Name(), path)
		switch {
		case lerr == nil:
			return nil
		case errors.Is(lerr, fs.ErrExist):
			return exists()
		}
		// A file system without hard links: rename, as --force does.
	}
	if err == nil {
		// rename replaces the name itself: a link there is replaced, its
		// target is not written.
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return fail("write %s: %v", path, pathErr(err))
	}
	return nil
}

// createTemp creates a new file beside path, with mode 0666 less the umask
// (os.CreateTemp would make it 0600).
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		var rnd [6]byte
		rand.Read(rnd[:])
		name := filepath.Join(dir, "."+base+".tmp"+hex.EncodeToString(rnd[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name beside %s", path)
}

// writeDevice writes to an existing device or named pipe in place.
func writeDevice(path string, write func(io.Writer) error, fail func(string, ...any) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fail("write %s: %v", path, pathErr(err))
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return fail("write %s: %v", path, pathErr(err))
	}
	return nil
}

// pathErr drops the operation and path of an *fs.PathError, so that a
// message names the file once.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
