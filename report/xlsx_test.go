package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
)

// openXLSX reads a rendered workbook back.
func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize.OpenReader(report) = %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// dumpXLSX writes what a workbook reads back as: sheets, panes, filters,
// every cell with its formula and rich text runs.
func dumpXLSX(t *testing.T, data []byte) []byte {
	t.Helper()
	f := openXLSX(t, data)
	var b strings.Builder
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined name %s (%s) = %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen: ysplit %d, top left %s\n", panes.YSplit, panes.TopLeftCell)
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(sh, name)
				if v == "" && formula == "" {
					continue
				}
				fmt.Fprintf(&b, "%s %q", name, v)
				if formula != "" {
					fmt.Fprintf(&b, " FORMULA %q", formula)
				}
				b.WriteByte('\n')
				runs, _ := f.GetCellRichText(sh, name)
				for _, run := range runs {
					if run.Font == nil {
						continue
					}
					fmt.Fprintf(&b, "  run %q color=%s strike=%v underline=%s bold=%v\n", run.Text, run.Font.Color, run.Font.Strike, run.Font.Underline, run.Font.Bold)
				}
			}
		}
	}
	return []byte(b.String())
}

func TestXLSXRegister(t *testing.T) {
	r := realistic()
	f := openXLSX(t, render(t, "xlsx", r, Options{}))
	if got, want := f.GetSheetList(), []string{"Changes", "Summary", "Revisions"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	rows, err := f.GetRows("Changes")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), len(r.Changes)+1; got != want {
		t.Errorf("Changes has %d rows, want %d", got, want)
	}
	if strings.Join(rows[0], "|") != strings.Join(registerHeader(), "|") {
		t.Errorf("header = %q, want %q", rows[0], registerHeader())
	}

	// Header style: bold on a fill.
	sid, err := f.GetCellStyle("Changes", "A1")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(sid)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || !st.Font.Bold || st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 || !sameColor(st.Fill.Color[0], xlHeaderFill) {
		t.Errorf("header style = font %+v fill %+v, want bold on solid %s", st.Font, st.Fill, xlHeaderFill)
	}
	// Body cells wrap.
	sid, _ = f.GetCellStyle("Changes", "I2")
	if st, _ := f.GetStyle(sid); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("body cell I2 does not wrap text")
	}

	panes, err := f.GetPanes("Changes")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}
	var filter bool
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == "Changes" && strings.Contains(dn.RefersTo, "$A$1:$Q$20") {
			filter = true
		}
	}
	if !filter {
		t.Errorf("no autofilter over Changes!A1:Q20; defined names %+v", f.GetDefinedName())
	}
	if w, _ := f.GetColWidth("Changes", "K"); w < 40 {
		t.Errorf("Redline column width = %v, want a wide column", w)
	}

	// The 3.A.2 row: 68 kN → 90 kN as rich text, struck red and green.
	row := findRow(t, rows, "3.A.2")
	redline, _ := excelize.CoordinatesToCellName(colRedline+1, row)
	runs, err := f.GetCellRichText("Changes", redline)
	if err != nil {
		t.Fatal(err)
	}
	var del, ins bool
	for _, run := range runs {
		if run.Font == nil {
			continue
		}
		if run.Text == "68" && run.Font.Strike && sameColor(run.Font.Color, xlDeleted) {
			del = true
		}
		if run.Text == "90" && !run.Font.Strike && sameColor(run.Font.Color, xlInserted) {
			ins = true
		}
	}
	if !del || !ins {
		for _, run := range runs {
			if run.Font != nil {
				t.Logf("run %q font %+v", run.Text, *run.Font)
			}
		}
		t.Errorf("redline %s runs = %+v, want 68 red struck through and 90 green", redline, runs)
	}
	for col, want := range map[int]string{colQuantities: "68 kN → 90 kN", colDirection: "narrower", colKind: "modified", colEditorial: "no", colItem: "3", colCategory: "II"} {
		if got := rows[row-1][col]; got != want {
			t.Errorf("3.A.2 %s = %q, want %q", registerHeader()[col], got, want)
		}
	}

	// Summary and revisions.
	sum, _ := f.GetRows("Summary")
	last := sum[len(sum)-1]
	if last[0] != "Total" || last[7] != fmt.Sprint(len(r.Changes)) {
		t.Errorf("Summary last row = %q, want Total … %d", last, len(r.Changes))
	}
	revs, _ := f.GetRows("Revisions")
	if len(revs) != 3 || revs[1][1] != r.Old.DocID || revs[2][5] != r.New.Source.SHA256 || revs[2][4] != "xlsx" {
		t.Errorf("Revisions = %q, want old and new revision metadata", revs)
	}
}

// sameColor compares RGB colours, with or without an alpha prefix.
func sameColor(got, want string) bool {
	if len(got) == 8 {
		got = got[2:]
	}
	return strings.EqualFold(got, want)
}

func findRow(t *testing.T, rows [][]string, newID string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > colNewID && r[colNewID] == newID {
			return i + 1
		}
	}
	t.Fatalf("no row with new id %s", newID)
	return 0
}

// TestXLSXFormulaSafety checks that text that looks like a formula stays
// inert text in the workbook.
func TestXLSXFormulaSafety(t *testing.T) {
	f := openXLSX(t, render(t, "xlsx", hostile(), Options{}))
	rows, _ := f.GetRows("Changes")
	for _, tt := range []struct{ id, want string }{{"2.A.2", xlFormula}, {"2.A.3", xlAt}} {
		row := findRow(t, rows, tt.id)
		name, _ := excelize.CoordinatesToCellName(colNewText+1, row)
		if v, _ := f.GetCellValue("Changes", name); v != tt.want {
			t.Errorf("cell %s = %q, want the text %q", name, v, tt.want)
		}
		if fm, _ := f.GetCellFormula("Changes", name); fm != "" {
			t.Errorf("cell %s has formula %q, want none", name, fm)
		}
		if typ, _ := f.GetCellType("Changes", name); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("cell %s type = %v, want a string", name, typ)
		}
	}
	for _, sh := range f.GetSheetList() {
		all, _ := f.GetRows(sh)
		for r, row := range all {
			for c := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sh, name); fm != "" {
					t.Errorf("%s!%s has formula %q", sh, name, fm)
				}
			}
		}
	}
	revs, _ := f.GetRows("Revisions")
	if revs[2][1] != hostile().New.DocID {
		t.Errorf("Revisions new doc id = %q, want %q as text", revs[2][1], hostile().New.DocID)
	}
}

// TestXLSXCellLimit checks that text over the cell limit is cut visibly.
func TestXLSXCellLimit(t *testing.T) {
	long := strings.Repeat("propellant ", 4000) // 44,000 characters
	r := diff.Result{Changes: []diff.Change{{
		Target: diff.TargetEntry, Kind: diff.Modified, OldID: "4.C.1", NewID: "4.C.1", Fields: []string{diff.FieldText},
		OldText: long, NewText: long + "x",
		TextDiff: []diff.Op{op("=", long), op("+", "x")},
	}}}
	f := openXLSX(t, render(t, "xlsx", r, Options{}))
	for _, col := range []int{colOldText, colNewText} {
		name, _ := excelize.CoordinatesToCellName(col+1, 2)
		v, _ := f.GetCellValue("Changes", name)
		if n := utf16Len(v); n > cellLimit {
			t.Errorf("%s holds %d UTF-16 units, over the limit %d", name, n, cellLimit)
		}
		if !strings.HasSuffix(v, truncMarker) || !strings.HasPrefix(v, "propellant propellant") {
			t.Errorf("%s = %q…%q, want the text cut with the marker", name, v[:30], v[max(0, len(v)-60):])
		}
	}
	name, _ := excelize.CoordinatesToCellName(colRedline+1, 2)
	runs, err := f.GetCellRichText("Changes", name)
	if err != nil || len(runs) == 0 {
		t.Fatalf("redline runs = %v, %v, want the cut diff", runs, err)
	}
	total := 0
	for _, run := range runs {
		total += utf16Len(run.Text)
	}
	if total > cellLimit || runs[len(runs)-1].Text != truncMarker {
		t.Errorf("redline holds %d units ending %q, want at most %d ending with the marker", total, runs[len(runs)-1].Text, cellLimit)
	}
}

func TestFitCell(t *testing.T) {
	tests := []struct {
		in      string
		cut     bool
		wantLen int
	}{
		{"short", false, 5},
		{strings.Repeat("a", cellLimit), false, cellLimit},
		{strings.Repeat("a", cellLimit+1), true, cellLimit},
		{strings.Repeat("😀", cellLimit), true, cellLimit - 1}, // a surrogate pair is never split
	}
	for _, tt := range tests {
		got := FitCell(tt.in)
		if n := utf16Len(got); n != tt.wantLen && !(tt.cut && n <= cellLimit && n >= cellLimit-1) {
			t.Errorf("FitCell(%d units) has %d units, want %d", utf16Len(tt.in), n, tt.wantLen)
		}
		if strings.HasSuffix(got, truncMarker) != tt.cut {
			t.Errorf("FitCell(%d units) cut = %v, want %v", utf16Len(tt.in), !tt.cut, tt.cut)
		}
	}
}
