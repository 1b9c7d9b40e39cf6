package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// controls is document text as a saved model edited by hand brings it.
const controls = "esc\x1b[2J bel\a nul\x00 rlo\u202eabc lri\u2066 cr\rx c1\u009b"

func controlled() diff.Result {
	changes := []diff.Change{
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "1.A.1", NewID: "1.A.1", Item: 1, Category: "I",
			ItemTitle: "ITEM\x1b", Fields: []string{diff.FieldText},
			TextDiff:   []diff.Op{op("=", "a "), op("-", controls), op("+", "new\u202e"), op("=", " end")},
			Quantities: []diff.Quantity{{Old: "1 kg\x1b", New: "2 kg\u202e"}}}),
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "1.A.2", Item: 1, Category: "I", Fields: []string{}, NewText: controls},
		withText(diff.Change{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Term\u202e", Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{op("=", "A "), op("-", "b"), op("+", controls)}}),
	}
	return diff.Result{Schema: diff.Schema,
		Old:     rev("OLD\x1b]0;t\a", "2023-01-01", "a\x1b.pdf", "pdf", ""),
		New:     rev("NEW\u202e", "2024-01-01", "b.pdf", "pdf", ""),
		Summary: diff.Summarize(changes), Changes: changes}
}

// TestWritersShowControls renders a diff whose text holds control and bidi
// characters in every format but JSON (which escapes them its own way) and
// checks that none reaches the output and that each is shown as an escape.
func TestWritersShowControls(t *testing.T) {
	for _, format := range Formats {
		if format == "json" {
			continue
		}
		for _, color := range []bool{false, true} {
			if color && format != "text" {
				continue
			}
			t.Run(format, func(t *testing.T) {
				out := render(t, format, controlled(), Options{Color: color})
				var cells []string
				switch format {
				case "csv":
					recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range recs {
						cells = append(cells, r...)
					}
				case "xlsx":
					f, err := excelize.OpenReader(bytes.NewReader(out))
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					for _, sh := range f.GetSheetList() {
						rows, _ := f.GetRows(sh)
						for _, r := range rows {
							cells = append(cells, r...)
						}
					}
				default:
					// Drop the report's own colours: what is left must be clean.
					s := string(out)
					for _, code := range []string{ansiReset, ansiBold, ansiRed, ansiGreen, ansiYellow, ansiCyan, ansiDim} {
						s = strings.ReplaceAll(s, code, "")
					}
					cells = strings.Split(s, "\n")
				}
				all := strings.Join(cells, "\n")
				for _, c := range cells {
					for _, r := range c {
						if sanitize.Hidden(r) && r != '\t' && r != '\n' {
							t.Fatalf("%s output holds %U: %q", format, r, c)
						}
					}
				}
				esc := `x1b[2J`
				if format == "md" {
					esc = `x1b\[2J`
				}
				for _, want := range []string{esc, `x07`, `x00`, `u202e`, `u2066`, `x0d`, `x9b`} {
					if format == "html" && want == `x00` {
						continue // html/template writes NUL as U+FFFD
					}
					if !strings.Contains(all, want) {
						t.Errorf("%s output does not show %s", format, want)
					}
				}
			})
		}
	}
}
