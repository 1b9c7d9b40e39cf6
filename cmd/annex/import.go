package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, importCommand) }

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "parse revisions and keep them in the revision store",
		ArgsUsage: "FILE...",
		Description: "Parses each FILE (PDF, .xlsx or annex/1 JSON; \"-\" reads standard input) and\n" +
			"stores its model in the store (--store, ANNEX_STORE, default ./annex-store),\n" +
			"labelled by its document date or by --label. The same file twice is a no-op;\n" +
			"another file under a label in use is refused unless --force replaces it.",
		Flags: withRevisionFlags(
			&cli.StringFlag{Name: "label", Usage: "store the revision as `LABEL` (one FILE only)"},
			&cli.BoolFlag{Name: "force", Usage: "replace a different file stored under the same label"},
			storeFlag,
		),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			files := c.Args().Slice()
			if len(files) == 0 {
				return usageErr("annex import: needs at least one FILE\nTry: annex import FILE... [--label L]")
			}
			if c.String("label") != "" && len(files) > 1 {
				return usageErr("annex import: --label names one revision, got %d files\nTry: import them one at a time", len(files))
			}
			st, err := store.Init(storeDir(c))
			if err != nil {
				return storeErr(c, err)
			}
			progress := false
			if f, ok := e.stderr.(*os.File); ok && len(files) > 1 && isatty.IsTerminal(f.Fd()) {
				progress = true
			}
			failed := 0
			for i, file := range files {
				if progress {
					fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s\n", i+1, len(files), sanitize.Line(file))
				}
				err := importFile(c, e, st, file)
				if err == nil {
					continue
				}
				if len(files) == 1 {
					return err
				}
				failed++
				fmt.Fprintln(e.stderr, sanitize.Text(err.Error()))
			}
			if failed > 0 {
				return &exitError{code: 2, msg: fmt.Sprintf("annex import: %d of %d file(s) not imported", failed, len(files))}
			}
			return nil
		},
	}
}

// importFile parses file and stores it, printing one line on stdout.
func importFile(c *cli.Context, e *env, st *store.Store, file string) error {
	opt, err := parseOptions(c, e, file)
	if err != nil {
		return err
	}
	data, err := parse.ReadFile(file, e.stdin)
	if err != nil {
		return inputErr(err)
	}
	a, err := parse.Read(file, data, opt)
	if err != nil {
		return inputErr(err)
	}
	h := sha256.Sum256(data)
	src := model.Source{
		Name:   filepath.Base(file),
		Format: string(parse.Detect(data[:min(len(data), 1024)])),
		SHA256: hex.EncodeToString(h[:]),
	}
	res, err := st.Import(a, store.ImportOptions{Label: c.String("label"), Force: c.Bool("force"), Source: src})
	if err != nil {
		e := storeErr(c, err).(*exitError)
		e.msg = fmt.Sprintf("annex import: %s: %s", file, e.msg[len("annex import: "):])
		return e
	}
	r := res.Revision
	switch {
	case res.Skipped:
		_, err = fmt.Fprintf(e.stdout, "%s: already imported (same file)\n", r.Label)
	case res.Replaced:
		_, err = fmt.Fprintf(e.stdout, "replaced %s (%s, %d entries)\n", r.Label, r.DocID, r.Entries)
	default:
		_, err = fmt.Fprintf(e.stdout, "imported %s (%s, %d entries)\n", r.Label, r.DocID, r.Entries)
	}
	return err
}
