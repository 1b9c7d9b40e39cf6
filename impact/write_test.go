package impact

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/report"
)

func sampleReport(t *testing.T) Report {
	old, new, d := samples(t)
	return Assess(old, new, d, readTestRegister(t))
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1", "'+1"}, {"-1", "'-1"}, {"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"\rx", `\x0dx`},
		{"3.A.5.a", "3.A.5.a"}, {"", ""}, {"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := report.InertCSV(tt.in); got != tt.want {
			t.Errorf("report.InertCSV(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWriteCSV checks that every annotation is a line with the register's
// cells and that no cell starts a formula.
func TestWriteCSV(t *testing.T) {
	rep := sampleReport(t)
	var b bytes.Buffer
	if err := Write(&b, "csv", rep); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rep.Rows {
		n += len(r.Annotations)
	}
	if len(recs) != n+1 {
		t.Fatalf("CSV has %d lines, want %d", len(recs), n+1)
	}
	if got := strings.Join(recs[0], ","); got != "Row,Product,Supplier,MTCR entry,Licence,Status,New id,Category,Action,Change,Detail" {
		t.Errorf("CSV header = %q", got)
	}
	for _, rec := range recs {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("CSV cell starts a formula: %q", c)
			}
		}
	}
	last := recs[len(recs)-1]
	if last[1] != `'=HYPERLINK("http://x")` || last[5] != "unchanged" {
		t.Errorf("last CSV line = %q", last)
	}
}

// TestWriteXLSX reads the workbook back: the formula-looking register cell
// is text, not a formula, and the statuses are there.
func TestWriteXLSX(t *testing.T) {
	rep := sampleReport(t)
	var b bytes.Buffer
	if err := Write(&b, "xlsx", rep); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Impact")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][5] != "Status" || rows[1][3] != "3.A.5.a" || rows[1][5] != "modified" || rows[1][7] == "" {
		t.Errorf("workbook rows start %q, %q", rows[0], rows[1])
	}
	lastRow := len(rows)
	cell := "B" + itoa(lastRow)
	if v, _ := f.GetCellValue("Impact", cell); v != `=HYPERLINK("http://x")` {
		t.Errorf("%s = %q", cell, v)
	}
	if formula, _ := f.GetCellFormula("Impact", cell); formula != "" {
		t.Errorf("%s holds a formula %q, want text", cell, formula)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWriteJSON(t *testing.T) {
	rep := sampleReport(t)
	var b bytes.Buffer
	if err := Write(&b, "json", rep); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Schema string `json:"schema"`
		Old    struct {
			DocID string `json:"doc_id"`
		} `json:"old"`
		Rows []struct {
			Row         int      `json:"row"`
			Cells       []string `json:"cells"`
			Annotations []struct {
				ID       string              `json:"id"`
				Status   string              `json:"status"`
				NewID    string              `json:"new_id"`
				Action   string              `json:"action"`
				TextDiff []map[string]string `json:"text_diff"`
			} `json:"annotations"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != "annex-impact/1" || got.Old.DocID != "MTCR/TEM/2023/Annex" || len(got.Rows) != len(rep.Rows) {
		t.Errorf("JSON = schema %q, old %q, %d rows", got.Schema, got.Old.DocID, len(got.Rows))
	}
	r := got.Rows[2] // row 5: 4.C.2.b.6
	if r.Row != 5 || r.Annotations[0].NewID != "4.C.2.b.7" || r.Annotations[0].Status != "renumbered" || len(r.Cells) != 4 {
		t.Errorf("JSON row 5 = %+v", r)
	}
	if len(got.Rows[0].Annotations[0].TextDiff) == 0 {
		t.Error("JSON row 3 has no text_diff")
	}
}

func TestWriteTextAndMarkdown(t *testing.T) {
	rep := sampleReport(t)
	for _, format := range []string{"text", "md"} {
		var b bytes.Buffer
		if err := Write(&b, format, rep); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{"4.C.2.b.7", "9.A.8", "not-in-old", "Elastomer compound EC-7", "L-2023-014"} {
			if !strings.Contains(out, want) {
				t.Errorf("Write(%s) lacks %q", format, want)
			}
		}
		if format == "md" && strings.Count(out, "\n| ") < 17 {
			t.Errorf("Write(md) has too few table lines:\n%s", out)
		}
	}
	if err := Write(&bytes.Buffer{}, "yaml", rep); err == nil {
		t.Error("Write(yaml) = nil error")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	if got := mdCell("a|b\nc<d>"); got != `a\|b<br>c\<d\>` {
		t.Errorf("mdCell = %q", got)
	}
}

func TestWriteHarmonise(t *testing.T) {
	_, against, _ := samples(t)
	rep := Harmonise(national(t), against, HarmoniseOptions{})
	for _, format := range HarmoniseFormats {
		var b bytes.Buffer
		if err := WriteHarmonise(&b, format, rep); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if format == "xlsx" {
			out = workbookText(t, b.Bytes())
		}
		for _, want := range []string{"3.C.3.a", "4.C.2.b.7", "3.A.11"} {
			if !strings.Contains(out, want) {
				t.Errorf("WriteHarmonise(%s) lacks %q", format, want)
			}
		}
	}
}

// workbookText returns the cells of every sheet of a workbook, one row a line.
func workbookText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}
