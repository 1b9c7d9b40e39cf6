package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/impact"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, harmoniseCommand) }

func harmoniseCommand() *cli.Command {
	return &cli.Command{
		Name:      "harmonise",
		Aliases:   []string{"harmonize"},
		Usage:     "compare a national list with a revision of the annex",
		ArgsUsage: "NATIONAL --against REVISION",
		Description: "NATIONAL is a national list: a PDF, workbook or annex/1 JSON that parses as an annex\n" +
			"(compared entry by entry, following renumbering), or a register (CSV or workbook)\n" +
			"with a column of annex ids and a column of texts. Reports national texts that\n" +
			"differ from the annex text (editorial or substantive), annex entries with no\n" +
			"national counterpart and national ids the annex does not have. With --store, says\n" +
			"which stored earlier revision each differing national text is. Standard error says\n" +
			"whether NATIONAL was compared as an annex or as a register, and why; --mode chooses.\n\n" +
			"With --concordance (see annex concord), NATIONAL may be numbered its own way: each\n" +
			"linked pair is compared with the annex text in the national list's terms\n" +
			"(--against), or the annex's changes from --from to --to become the national list's\n" +
			"amendment draft (--table: the table of changes a national list publishes).",
		Flags: withRevisionFlags(
			&cli.StringFlag{Name: "against", Usage: "the annex `REVISION` to compare with (PDF, .xlsx or annex/1 JSON)"},
			&cli.StringFlag{Name: "mode", Usage: "how to read NATIONAL, `MODE` annex (parsed as an annex) or register (an id and a text column); default: annex for a PDF, annex/1 JSON or a workbook that parses as one, else register"},
			idColumnFlag,
			&cli.StringFlag{Name: "text-column", Usage: "registers: the column of national texts, header `NAME` or letter (default: guessed)"},
			regSheetFlag,
			&cli.StringFlag{Name: "store", Usage: "a revision store `DIR`: match outdated texts to earlier revisions"},
			formatFlag(impact.HarmoniseFormats...), outputFlag, forceFlag,
			concordanceFlag,
			&cli.StringFlag{Name: "from", Usage: "with --concordance: the annex `REVISION` the national list implements, for an amendment draft"},
			&cli.StringFlag{Name: "to", Usage: "with --concordance: the new annex `REVISION` to amend the national list for"},
			&cli.BoolFlag{Name: "table", Usage: "amendment drafts: write the table of changes national lists publish (entry, regime, comment)"},
		),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			if c.String("concordance") != "" {
				return harmoniseConcordance(c, e)
			}
			format, err := begin(c, 1, "one NATIONAL list", impact.HarmoniseFormats...)
			if err != nil {
				return err
			}
			if c.String("against") == "" {
				return usageErr("annex harmonise: needs --against REVISION\nTry: annex harmonise NATIONAL --against REVISION")
			}
			against, err := loadRevision(c, e, c.String("against"))
			if err != nil {
				return err
			}
			var opt impact.HarmoniseOptions
			if dir := c.String("store"); dir != "" {
				if opt.Earlier, err = earlierRevisions(dir, against); err != nil {
					return err
				}
			}
			file := c.Args().First()
			national, reg, err := readNational(c, e, file)
			if err != nil {
				return err
			}
			var rep impact.HarmoniseReport
			if national != nil {
				rep = impact.Harmonise(national, against, opt)
			} else {
				rep = impact.HarmoniseRegister(reg, against, opt)
			}
			return output(c, e, func(w io.Writer) error { return impact.WriteHarmonise(w, format, rep) })
		},
	}
}

// The modes of harmonise: how the national list is read.
const (
	modeAnnex    = "annex"    // parsed as an annex and compared entry by entry
	modeRegister = "register" // read as a register with an id and a text column
)

// readNational reads a national list as an annex model or as a register
// with an id and a text column, as --mode says or, without it, as the input
// allows: a PDF or annex/1 JSON is an annex, a CSV file a register, and a
// workbook an annex when it parses as one, else a register. The mode used
// and why are printed on standard error: a workbook that fails to parse as
// an annex and is then compared as a register must not go unnoticed.
func readNational(c *cli.Context, e *env, file string) (*model.Annex, *impact.Register, error) {
	regOpt := impact.RegisterOptions{IDColumn: c.String("id-column"), TextColumn: c.String("text-column"), WantText: true, Sheet: c.String("register-sheet")}
	var regFlag string // a flag that only a register takes
	for _, f := range []string{"id-column", "text-column", "register-sheet"} {
		if c.String(f) != "" {
			regFlag = f
			break
		}
	}
	mode := c.String("mode")
	switch mode {
	case "", modeAnnex, modeRegister:
	default:
		return nil, nil, usageErr("annex harmonise: --mode: unknown mode %q (want %s, %s)", mode, modeAnnex, modeRegister)
	}
	if mode == modeAnnex && regFlag != "" {
		return nil, nil, usageErr("annex harmonise: --%s reads a register; it cannot be used with --mode annex", regFlag)
	}
	asAnnex := func(why string) (*model.Annex, *impact.Register, error) {
		a, err := load(c, e, file)
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(e.stderr, "annex harmonise: %s: compared as an annex (%s, %d entries) because %s\n", file, safe(a.Meta.DocID), a.CountEntries(), why)
		return a, nil, nil
	}
	asRegister := func(why, try string) (*model.Annex, *impact.Register, error) {
		reg, err := readRegister(c, e, file, regOpt)
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(e.stderr, "annex harmonise: %s: compared as a register (%s) because %s\n%s", file, registerColumns(reg), why, try)
		return nil, reg, nil
	}
	switch {
	case mode != "":
		if mode == modeAnnex {
			return asAnnex("of --mode annex")
		}
		return asRegister("of --mode register", "")
	case regFlag != "":
		return asRegister("--"+regFlag+" is given", "")
	case file == "-":
		return asRegister("standard input is read as a register unless --mode annex", "")
	}
	var head [1024]byte
	n := 0
	if f, err := os.Open(file); err == nil {
		n, _ = io.ReadFull(f, head[:])
		f.Close()
	}
	switch parse.Detect(head[:n]) {
	case parse.FormatPDF:
		return asAnnex("it is a PDF")
	case parse.FormatJSON:
		return asAnnex("it is annex/1 JSON")
	case parse.FormatXLSX:
		opt, err := parseOptions(c, e, file)
		if err != nil {
			return nil, nil, err
		}
		a, perr := parse.File(file, opt)
		if perr == nil {
			fmt.Fprintf(e.stderr, "annex harmonise: %s: compared as an annex (%s, %d entries) because the workbook parses as one\n", file, safe(a.Meta.DocID), a.CountEntries())
			return a, nil, nil
		}
		why := "it does not parse as an annex: " + oneLine(strings.TrimPrefix(perr.Error(), file+": "))
		reg, rerr := readRegister(c, e, file, regOpt)
		if rerr != nil && bytes.HasPrefix(head[:n], []byte("PK")) {
			return nil, nil, inputErr(fmt.Errorf("%s: neither an annex (%s) nor a register (%s)", file,
				strings.TrimPrefix(perr.Error(), file+": "), strings.TrimPrefix(rerr.Error(), file+": ")))
		}
		if rerr != nil {
			return nil, nil, rerr
		}
		fmt.Fprintf(e.stderr, "annex harmonise: %s: compared as a register (%s) because %s\nTry: --mode annex (with --sheet and --columns) to read it as an annex, or --mode register\n", file, registerColumns(reg), why)
		return nil, reg, nil
	}
	return asRegister("it is not a PDF, workbook or annex/1 JSON", "")
}

// registerColumns names the id and text columns of a register.
func registerColumns(reg *impact.Register) string {
	col := func(i int) string {
		if i >= 0 && i < len(reg.Header) {
			return fmt.Sprintf("%q", safe(reg.Header[i]))
		}
		return "none"
	}
	return "id column " + col(reg.IDColumn) + ", text column " + col(reg.TextColumn)
}

// earlierRevisions loads the stored revisions dated before against, oldest first.
func earlierRevisions(dir string, against *model.Annex) ([]impact.Earlier, error) {
	s, err := store.Open(dir)
	if err != nil {
		return nil, inputErr(err)
	}
	revs, err := s.List()
	if err != nil {
		return nil, inputErr(err)
	}
	var out []impact.Earlier
	for _, r := range revs {
		if against.Meta.Date != "" && r.Date != "" && r.Date >= against.Meta.Date {
			continue
		}
		a, err := s.Load(r.Label)
		if err != nil {
			return nil, inputErr(err)
		}
		out = append(out, impact.Earlier{Label: r.Label, Annex: a})
	}
	return out, nil
}
