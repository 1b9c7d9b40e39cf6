package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/store"
)

// defaultStoreDir is the store used when neither --store nor ANNEX_STORE
// names one.
const defaultStoreDir = "./" + store.DefaultDir

// storeFlag is the --store flag of the commands that use the revision store.
var storeFlag = &cli.StringFlag{
	Name: "store", EnvVars: []string{"ANNEX_STORE"}, Value: defaultStoreDir,
	Usage: "the revision store `DIR`",
}

// storeDir returns the store directory of c: --store, else ANNEX_STORE, else
// ./annex-store (also for commands without the flag).
func storeDir(c *cli.Context) string {
	if d := c.String("store"); d != "" {
		return d
	}
	if d := os.Getenv("ANNEX_STORE"); d != "" {
		return d
	}
	return defaultStoreDir
}

// entryArg parses the entry number given as c's first argument.
func entryArg(c *cli.Context) (model.ID, error) {
	id, err := model.ParseID(c.Args().First())
	if err != nil {
		return model.ID{}, usageErr("annex %s: %s\nTry: an entry number such as 4.C.2.b.6, 9A101.a.1 or ML10.a.1", c.Command.Name, oneLine(err.Error()))
	}
	return id, nil
}

// openStore opens the store of c for reading.
func openStore(c *cli.Context) (*store.Store, error) {
	st, err := store.Open(storeDir(c))
	if err != nil {
		return nil, storeErr(c, err)
	}
	return st, nil
}

// storeErr turns an error of package store into an exit status 2 with a
// one-line message and, where there is one, the fix.
func storeErr(c *cli.Context, err error) error {
	msg := fmt.Sprintf("annex %s: %s", c.Command.Name, oneLine(err.Error()))
	switch {
	case errors.Is(err, store.ErrNoStore):
		msg += "\nTry: annex import FILE, or --store DIR"
	case errors.Is(err, store.ErrLabelExists):
		msg += "\nTry: --label NAME to keep both, or --force to replace it"
	case errors.Is(err, store.ErrNoDate):
		msg += "\nTry: --label NAME"
	case errors.Is(err, store.ErrCorrupt):
		if i := strings.Index(err.Error(), "\nTry:"); i >= 0 {
			msg += err.Error()[i:]
		}
	}
	return &exitError{code: 2, msg: msg}
}

// loadRevision loads arg as a file when it is "-" or an existing file, and
// otherwise as a revision of the store: by label, or the revision in force
// at a date (YYYY-MM-DD). It lets `annex diff 2023-06-15 2024-03-14` compare
// stored revisions.
func loadRevision(c *cli.Context, e *env, arg string) (*model.Annex, error) {
	if arg == "-" {
		return load(c, e, arg)
	}
	if _, err := os.Stat(arg); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return load(c, e, arg)
	}
	dir := storeDir(c)
	st, err := store.Open(dir)
	switch {
	case errors.Is(err, store.ErrNoStore):
		return nil, &exitError{code: 2, msg: fmt.Sprintf("%s: no such file, and no revision store at %s", arg, dir)}
	case err != nil:
		return nil, storeErr(c, err)
	}
	a, err := st.Load(arg)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, &exitError{code: 2, msg: fmt.Sprintf("%s: no such file, and no revision labelled %s in %s", arg, arg, dir)}
	case err != nil:
		return nil, storeErr(c, err)
	}
	// A forced --scheme holds for stored revisions too.
	if sch, err := schemeOption(c); err != nil {
		return nil, err
	} else if sch != nil {
		if err := model.Check(a, sch); err != nil {
			return nil, inputErr(fmt.Errorf("%s: %w", arg, err))
		}
	}
	return a, nil
}

// warnLeftovers notes on standard error the files an interrupted import
// left in the store.
func warnLeftovers(c *cli.Context, e *env, st *store.Store) {
	left, err := st.Leftovers()
	if err != nil || len(left) == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "annex %s: %s: ignoring %d file(s) left by an interrupted import: %s\n",
		c.Command.Name, st.Dir(), len(left), strings.Join(left, ", "))
}

// safe shows control and bidi characters as visible escapes so that
// document text cannot send escape sequences to a terminal or reorder a line
// (sanitize.Line).
func safe(s string) string { return sanitize.Line(s) }
