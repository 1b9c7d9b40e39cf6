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
			"which stored earlier revision each differing national text is.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "against", Usage: "the annex `REVISION` to compare with (PDF, .xlsx or annex/1 JSON)"},
			idColumnFlag,
			&cli.StringFlag{Name: "text-column", Usage: "registers: the column of national texts, header `NAME` or letter (default: guessed)"},
			regSheetFlag,
			&cli.StringFlag{Name: "store", Usage: "a revision store `DIR`: match outdated texts to earlier revisions"},
			formatFlag(impact.HarmoniseFormats...), outputFlag, forceFlag, schemeFlag,
		},
		Action: func(c *cli.Context) error {
			e := envOf(c)
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

// readNational reads a national list as an annex model when it parses as
// one, else as a register with an id and a text column.
func readNational(c *cli.Context, e *env, file string) (*model.Annex, *impact.Register, error) {
	regOpt := impact.RegisterOptions{IDColumn: c.String("id-column"), TextColumn: c.String("text-column"), WantText: true, Sheet: c.String("register-sheet")}
	forceRegister := regOpt.IDColumn != "" || regOpt.TextColumn != "" || regOpt.Sheet != ""
	if forceRegister || file == "-" {
		reg, err := readRegister(c, e, file, regOpt)
		return nil, reg, err
	}
	var head [1024]byte
	n := 0
	if f, err := os.Open(file); err == nil {
		n, _ = io.ReadFull(f, head[:])
		f.Close()
	}
	sch, err := schemeOption(c)
	if err != nil {
		return nil, nil, err
	}
	switch parse.Detect(head[:n]) {
	case parse.FormatPDF, parse.FormatJSON:
		a, err := parse.File(file, parse.Options{Scheme: sch})
		if err != nil {
			return nil, nil, inputErr(err)
		}
		return a, nil, nil
	case parse.FormatXLSX:
		a, perr := parse.File(file, parse.Options{Scheme: sch})
		if perr == nil {
			return a, nil, nil
		}
		reg, rerr := readRegister(c, e, file, regOpt)
		if rerr != nil && bytes.HasPrefix(head[:n], []byte("PK")) {
			return nil, nil, inputErr(fmt.Errorf("%s: neither an annex (%s) nor a register (%s)", file,
				strings.TrimPrefix(perr.Error(), file+": "), strings.TrimPrefix(rerr.Error(), file+": ")))
		}
		return nil, reg, rerr
	}
	reg, err := readRegister(c, e, file, regOpt)
	return nil, reg, err
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
