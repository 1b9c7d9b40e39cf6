package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/impact"
	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/sanitize"
)

func init() { commands = append(commands, impactCommand) }

var (
	registerFlag = &cli.StringFlag{Name: "register", Usage: "the register to annotate: an .xlsx workbook or a CSV `FILE`"}
	idColumnFlag = &cli.StringFlag{Name: "id-column", Usage: "the register's column of annex ids: header `NAME` or column letter (default: guessed)"}
	regSheetFlag = &cli.StringFlag{Name: "register-sheet", Usage: "workbook registers: read the sheet `NAME` (default: the first with an id column)"}
)

func impactCommand() *cli.Command {
	return &cli.Command{
		Name:      "impact",
		Usage:     "annotate a register (products, licences, a national list) with what a new revision changes for it",
		ArgsUsage: "OLD NEW --register FILE",
		Description: "Reads a register whose rows name annex entries of OLD in one column, compares OLD\n" +
			"with NEW and writes the register back, every row annotated once per id: modified\n" +
			"(review), editorial (update the wording), renumbered or moved (the id to write),\n" +
			"removed (with the most similar new text), context (a lead-in, note, sub-entry or\n" +
			"definition it relies on changed), unchanged, or not-in-old (a data problem).\n" +
			"The id column is guessed from its header or content; --id-column names it.",
		Flags: withRevisionFlags(registerFlag, idColumnFlag, regSheetFlag, formatFlag(impact.Formats...), outputFlag, forceFlag, storeFlag,
			&cli.StringFlag{Name: "concordance", Usage: "the register holds national codes: map them to annex ids of OLD through this reviewed concordance `FILE` (see annex concord)"}),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 2, "OLD and NEW", impact.Formats...)
			if err != nil {
				return err
			}
			regFile := c.String("register")
			if regFile == "" {
				return usageErr("annex impact: needs --register FILE\nTry: annex impact OLD NEW --register FILE")
			}
			reg, done, err := openRegister(c, e, regFile, impact.RegisterOptions{IDColumn: c.String("id-column"), Sheet: c.String("register-sheet")})
			if err != nil {
				return err
			}
			defer done()
			if f := c.String("concordance"); f != "" {
				conc, err := readConcordance(c, f)
				if err != nil {
					return err
				}
				ix := conc.NewIndex()
				reg.Through = func(code string) []string { return ix.ToAnnex[code] }
			}
			old, err := loadRevision(c, e, c.Args().Get(0))
			if err != nil {
				return err
			}
			nw, err := loadRevision(c, e, c.Args().Get(1))
			if err != nil {
				return err
			}
			// The register is streamed twice: once to count the summary,
			// once to write the rows; only the distinct ids are held.
			stream, err := impact.NewAssessor(old, nw, diff.Compare(old, nw)).Stream(reg)
			if err != nil {
				return inputErr(err)
			}
			var readErr error
			each := stream.Each
			stream.Each = func(fn func(impact.RowReport) error) error {
				err := each(fn)
				if err != nil && readErr == nil {
					readErr = err
				}
				return err
			}
			err = output(c, e, func(w io.Writer) error { return impact.WriteStream(w, format, stream) })
			if readErr != nil {
				return inputErr(readErr)
			}
			return err
		},
	}
}

// openRegister opens a register file ("-" for standard input, copied to a
// temporary file so that it can be read twice) to stream its rows, showing
// progress on a terminal for long ones. done ends the progress line and
// releases the register.
func openRegister(c *cli.Context, e *env, file string, opt impact.RegisterOptions) (reg *impact.Register, done func(), err error) {
	var cleanup []func()
	done = func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	defer func() {
		if err != nil {
			done()
		}
	}()
	path := file
	if st, serr := os.Stat(file); file == "-" || serr == nil && !st.Mode().IsRegular() {
		// Standard input or a pipe ("<(…)") can be read once only.
		path, err = copyToTemp(e, file, &cleanup)
		if err != nil {
			return nil, done, inputErr(fmt.Errorf("%s: %w", file, err))
		}
	}
	open := func() (io.ReadCloser, error) {
		f, err := openFile(path)
		if err != nil {
			return nil, errors.Unwrap(err) // the register's name is added by impact
		}
		return f, nil
	}
	opt.Progress, cleanup = progress(e, file, cleanup)
	reg, err = impact.OpenRegister(file, open, opt)
	if err != nil {
		return nil, done, inputErr(err)
	}
	cleanup = append(cleanup, func() { reg.Close() })
	return reg, done, nil
}

// copyToTemp copies standard input ("-") or the file (a pipe) to a
// temporary file, at most the registerbytes limit, and returns its path;
// cleanup gains its removal.
func copyToTemp(e *env, file string, cleanup *[]func()) (string, error) {
	var src io.Reader = e.stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		src = f
	}
	tmp, err := os.CreateTemp("", "annex-register-")
	if err != nil {
		return "", err
	}
	*cleanup = append(*cleanup, func() { os.Remove(tmp.Name()) })
	max := limits.Get(limits.RegisterBytes)
	n, err := io.Copy(tmp, io.LimitReader(src, max+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > max {
		err = limits.Exceeded(limits.RegisterBytes)
	}
	return tmp.Name(), err
}

// progress returns a function that shows the rows read on a terminal, and
// adds to cleanup the clearing of its line.
func progress(e *env, file string, cleanup []func()) (func(int), []func()) {
	f, ok := e.stderr.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return nil, cleanup
	}
	name := sanitize.Line(filepath.Base(file))
	shown := false
	cleanup = append(cleanup, func() {
		if shown {
			fmt.Fprint(e.stderr, "\r\033[K")
		}
	})
	return func(n int) {
		if n >= 2000 && n%10000 == 0 || n == 2000 {
			shown = true
			fmt.Fprintf(e.stderr, "\r%s: %d rows", name, n)
		}
	}, cleanup
}

// readRegister reads a register file ("-" for standard input), showing
// progress on a terminal for long ones.
func readRegister(c *cli.Context, e *env, file string, opt impact.RegisterOptions) (*impact.Register, error) {
	var (
		data []byte
		err  error
	)
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(e.stdin, impact.MaxRegisterSize+1))
	} else {
		var f *os.File
		if f, err = os.Open(file); err == nil {
			data, err = io.ReadAll(io.LimitReader(f, impact.MaxRegisterSize+1))
			f.Close()
		}
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, inputErr(fmt.Errorf("%s: %w", file, err))
	}
	var cleanup []func()
	opt.Progress, cleanup = progress(e, file, cleanup)
	defer func() {
		for _, f := range cleanup {
			f()
		}
	}()
	reg, err := impact.ReadRegisterOptions(file, data, opt)
	if err != nil {
		return nil, inputErr(err)
	}
	return reg, nil
}
