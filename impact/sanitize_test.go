package impact

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// hostileCell is a register cell or national text as a crafted register
// brings it: a terminal escape, a bell, a NUL, bidi overrides, a carriage
// return, a C1 control, and Markdown that would load an image and a link.
const hostileCell = "esc\x1b[2J bel\a nul\x00 rlo\u202eabc lri\u2066 cr\rx c1\u009b ![b](http://x/i.png) [l](javascript:alert(1)) <img src=x>"

func hostileImpact() Report {
	ops := []diff.Op{{Op: diff.OpEqual, Text: "a "}, {Op: diff.OpDelete, Text: "\x1b[31mold"}, {Op: diff.OpInsert, Text: "new\u202e"}}
	return Report{Schema: Schema,
		Old:      diff.Revision{DocID: "OLD\x1b]0;title\a", Date: "2023-01-01"},
		New:      diff.Revision{DocID: "NEW\u202e", Date: "2024-01-01"},
		Register: RegisterInfo{Name: "reg\x1b.csv", Header: []string{"Product", "Entry"}, IDColumn: "Entry"},
		Summary:  map[Status]int{StatusModified: 1},
		Rows: []RowReport{{Row: 2, Cells: []string{hostileCell, "1.A.1"}, Annotations: []Annotation{{
			ID: "1.A.1", Status: StatusModified, Action: "review", TextDiff: ops, Detail: "detail " + hostileCell}}}},
	}
}

func hostileHarmonise() HarmoniseReport {
	return HarmoniseReport{Schema: HarmoniseSchema,
		National: NationalInfo{Name: "nat\x1b.csv", Kind: "register"},
		Against:  diff.Revision{DocID: "MTCR\u202e", Date: "2024-01-01"},
		Summary:  map[string]int{FindingNotInAnnex: 1, FindingDiffers: 1},
		Findings: []Finding{
			{Kind: FindingNotInAnnex, Target: diff.TargetEntry, NationalID: "9.A.9", National: hostileCell, Detail: hostileCell},
			{Kind: FindingDiffers, Target: diff.TargetEntry, ID: "1.A.1", Fields: []string{"text"}, National: hostileCell, Annex: "annex",
				TextDiff: []diff.Op{{Op: diff.OpDelete, Text: hostileCell}, {Op: diff.OpInsert, Text: "annex"}}},
		},
	}
}

// cellsOf returns what a reader of out sees, one string per cell or line.
func cellsOf(t *testing.T, format string, out []byte) []string {
	t.Helper()
	switch format {
	case "csv":
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("read csv: %v", err)
		}
		var cells []string
		for _, r := range recs {
			cells = append(cells, r...)
		}
		return cells
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("read xlsx: %v", err)
		}
		defer f.Close()
		var cells []string
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				cells = append(cells, r...)
			}
		}
		return cells
	}
	return strings.Split(string(out), "\n")
}

// TestWritersShowControls renders the hostile reports in every format but
// JSON (which escapes them its own way) and checks that no control or bidi
// character reaches the output, that each is shown as an escape, and that
// Markdown holds no live image or link.
func TestWritersShowControls(t *testing.T) {
	type render func(format string) ([]byte, error)
	for _, tt := range []struct {
		name    string
		formats []string
		write   render
	}{
		{"impact", Formats, func(f string) ([]byte, error) {
			var b bytes.Buffer
			err := Write(&b, f, hostileImpact())
			return b.Bytes(), err
		}},
		{"harmonise", HarmoniseFormats, func(f string) ([]byte, error) {
			var b bytes.Buffer
			err := WriteHarmonise(&b, f, hostileHarmonise())
			return b.Bytes(), err
		}},
	} {
		for _, format := range tt.formats {
			if format == "json" {
				continue
			}
			t.Run(tt.name+" "+format, func(t *testing.T) {
				out, err := tt.write(format)
				if err != nil {
					t.Fatal(err)
				}
				cells := cellsOf(t, format, out)
				all := strings.Join(cells, "\n")
				for _, c := range cells {
					for _, r := range c {
						if sanitize.Hidden(r) && r != '\t' && r != '\n' {
							t.Fatalf("%s output holds %U: %q", format, r, c)
						}
					}
				}
				wants := []string{`x1b[2J`, `x07`, `x00`, `u202e`, `x0d`, `x9b`}
				if format == "md" {
					// [ is escaped, and a carriage return is a line break in a table cell.
					wants = []string{`x1b\[2J`, `x07`, `x00`, `u202e`, `cr<br>x`, `x9b`}
				}
				for _, want := range wants {
					if !strings.Contains(all, want) {
						t.Errorf("%s output does not show %s", format, want)
					}
				}
				if tt.name == "impact" && !strings.Contains(all, `u2066`) {
					t.Errorf("%s output does not show u2066", format)
				}
				if format == "md" {
					for _, live := range []string{"![b](", "[l](", "<img"} {
						if strings.Contains(strings.ReplaceAll(all, "\\"+live[:1], ""), live) {
							t.Errorf("md output holds live markup %q:\n%s", live, all)
						}
					}
				}
			})
		}
	}
}
