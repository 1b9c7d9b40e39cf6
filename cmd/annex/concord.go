package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/concord"
	"github.com/annex-tools/annex/impact"
	"github.com/annex-tools/annex/parse"
	"github.com/annex-tools/annex/store"
)

func init() { commands = append(commands, concordCommand) }

var concordanceFlag = &cli.StringFlag{Name: "concordance", Usage: "a reviewed concordance `FILE` (annex-concordance/1 JSON, CSV or XLSX), or the name of one kept in the store (concord --save)"}

func concordCommand() *cli.Command {
	return &cli.Command{
		Name:      "concord",
		Usage:     "propose the links between a national list and the annex it implements",
		ArgsUsage: "NATIONAL ANNEX",
		Description: "Links every national entry and sub-paragraph to the annex entries it implements\n" +
			"(one to one, one to many, many to one), each with a confidence and its reasons;\n" +
			"lists the national entries with no annex counterpart and the annex entries with\n" +
			"no national one. Write it as CSV or XLSX to review it: set the status column to\n" +
			"confirmed or rejected, add rows by hand (national, annex, status), and give the\n" +
			"file back with --concordance: confirmed links are kept, rejected ones never\n" +
			"proposed again, and only the rest is proposed anew. --save NAME keeps it in the\n" +
			"store beside the revisions; --concordance NAME then reads it from there.",
		Flags: withRevisionFlags(concordanceFlag, formatFlag(concord.Formats...), outputFlag, forceFlag, storeFlag,
			&cli.StringFlag{Name: "save", Usage: "keep the concordance in the store under `NAME`, beside the revisions, for --concordance NAME"}),
		Action: func(c *cli.Context) error {
			e := envOf(c)
			format, err := begin(c, 2, "NATIONAL and ANNEX", concord.Formats...)
			if err != nil {
				return err
			}
			national, err := loadRevision(c, e, c.Args().Get(0))
			if err != nil {
				return err
			}
			annex, err := loadRevision(c, e, c.Args().Get(1))
			if err != nil {
				return err
			}
			var opt concord.Options
			if f := c.String("concordance"); f != "" {
				if opt.Prior, err = readConcordance(c, f); err != nil {
					return err
				}
			}
			res := concord.Propose(national, annex, opt)
			if name := c.String("save"); name != "" {
				var b bytes.Buffer
				if err := concord.Write(&b, "json", res); err != nil {
					return inputErr(err)
				}
				st, err := store.Open(storeDir(c))
				if err != nil {
					return storeErr(c, err)
				}
				if err := st.SaveConcordance(name, b.Bytes()); err != nil {
					return storeErr(c, err)
				}
				fmt.Fprintf(e.stderr, "annex concord: kept as %s in %s (%d links)\n", name, storeDir(c), len(res.Links))
			}
			return output(c, e, func(w io.Writer) error { return concord.Write(w, format, res) })
		},
	}
}

// readConcordance reads a reviewed concordance file, or, when no file has
// that name, the concordance kept under it in the store.
func readConcordance(c *cli.Context, name string) (*concord.Concordance, error) {
	if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) && store.ValidLabel(name) {
		if st, serr := store.Open(storeDir(c)); serr == nil {
			data, lerr := st.LoadConcordance(name)
			switch {
			case lerr == nil:
				kept, err := concord.Read(data)
				if err != nil {
					return nil, inputErr(fmt.Errorf("%s: %w", name, err))
				}
				return kept, nil
			case !errors.Is(lerr, store.ErrNoConcordance):
				return nil, storeErr(c, lerr)
			}
		}
	}
	data, err := parse.ReadFile(name, c.App.Reader)
	if err != nil {
		return nil, inputErr(err)
	}
	conc, err := concord.Read(data)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", name, err))
	}
	return conc, nil
}

// harmoniseConcordance is annex harmonise with --concordance: the national
// list against one revision (--against), or the amendment draft for the
// changes between two (--from, --to).
func harmoniseConcordance(c *cli.Context, e *env) error {
	if err := wantArgs(c, 1, "one NATIONAL list"); err != nil {
		return err
	}
	conc, err := readConcordance(c, c.String("concordance"))
	if err != nil {
		return err
	}
	national, err := loadRevision(c, e, c.Args().First())
	if err != nil {
		return err
	}
	from, to := c.String("from"), c.String("to")
	switch {
	case from != "" || to != "":
		if from == "" || to == "" || c.String("against") != "" {
			return usageErr("annex harmonise: an amendment draft needs both --from and --to, and no --against\nTry: annex harmonise NATIONAL --from OLD --to NEW --concordance FILE")
		}
		format, err := checkFormat(c, concord.DraftFormats...)
		if err != nil {
			return err
		}
		old, err := loadRevision(c, e, from)
		if err != nil {
			return err
		}
		new, err := loadRevision(c, e, to)
		if err != nil {
			return err
		}
		d := concord.Amend(national, old, new, conc)
		return output(c, e, func(w io.Writer) error { return concord.WriteDraft(w, format, d, c.Bool("table")) })
	case c.String("against") == "":
		return usageErr("annex harmonise: needs --against REVISION, or --from OLD --to NEW for an amendment draft\nTry: annex harmonise NATIONAL --against REVISION --concordance FILE")
	}
	format, err := checkFormat(c, impact.HarmoniseFormats...)
	if err != nil {
		return err
	}
	against, err := loadRevision(c, e, c.String("against"))
	if err != nil {
		return err
	}
	var earlier []impact.Earlier
	if dir := c.String("store"); dir != "" {
		if earlier, err = earlierRevisions(dir, against); err != nil {
			return err
		}
	}
	rep := concord.Harmonise(national, against, conc, earlier)
	return output(c, e, func(w io.Writer) error { return impact.WriteHarmonise(w, format, rep) })
}
