package xlsx

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
	"github.com/annex-tools/annex/model"
)

// hostileAnnex is two items of five entries each; the text of 1.A.3 is
// "Third." and is where a test puts what no writer would.
func hostileAnnex(t *testing.T) []byte {
	rows := [][]any{{"1.", "I", "ITEM ONE"}, {"1.A.", "I", "GROUP"}}
	for _, e := range []string{"First.", "Second.", "Third.", "Fourth.", "Fifth."} {
		rows = append(rows, []any{"1.A." + string(rune('0'+len(rows)-1)) + ".", "I", e})
	}
	rows = append(rows, []any{"2.", "II", "ITEM TWO"}, []any{"2.A.", "II", "GROUP"})
	for i := 1; i <= 5; i++ {
		rows = append(rows, []any{"2.A." + string(rune('0'+i)) + ".", "II", "Entry of item two."})
	}
	return book(t, annexRows(rows...))
}

// A character XML forbids in the middle of a sheet used to end the sheet
// there without a word (1 item and 2 entries read, exit 0); it is removed
// and the whole sheet is read.
func TestForbiddenCharacterMidSheet(t *testing.T) {
	base := hostileAnnex(t)
	a, err := Parse(bytes.NewReader(base), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := countEntries(a.Items); len(a.Items) != 2 || n != 10 {
		t.Fatalf("clean workbook: %d items, %d entries; want 2 and 10", len(a.Items), n)
	}
	for _, tc := range []struct{ name, repl string }{
		{"raw U+0001", "Thi\x01rd."},
		{"reference &#1;", "Thi&#1;rd."},
		{"ESC reference &#x1b;", "Thi&#x1b;rd."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := xlsxguard.Patch(base, "xl/sharedStrings.xml", "<t>Third.</t>", "<t>"+tc.repl+"</t>")
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(bytes.NewReader(data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if n := countEntries(a.Items); len(a.Items) != 2 || n != 10 {
				t.Fatalf("%d items, %d entries; want 2 and 10", len(a.Items), n)
			}
			if got := a.Items[0].Groups[0].Entries[2].Text; got != "Third." {
				t.Errorf("1.A.3 text = %q, want %q", got, "Third.")
			}
		})
	}
	// The same in an inline string of the sheet itself.
	data := xlsxguard.Minimal(`<row r="1"><c r="A1" t="inlineStr"><is><t>Entry</t></is></c><c r="B1" t="inlineStr"><is><t>Text</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>1.A.1.</t></is></c><c r="B2" t="inlineStr"><is><t>One&#1;.</t></is></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t>1.A.2.</t></is></c><c r="B3" t="inlineStr"><is><t>Two.</t></is></c></row>`, "")
	a, err = Parse(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := countEntries(a.Items); n != 2 {
		t.Fatalf("inline strings: %d entries, want 2", n)
	}
}

func countEntries(items any) int {
	n := 0
	switch v := items.(type) {
	case []model.Item:
		for _, it := range v {
			for _, g := range it.Groups {
				n += len(g.Entries)
			}
		}
	}
	return n
}

// One large shared string used by 2,000 cells used to expand to gigabytes;
// the string is refused before any row is read, with the limit named.
func TestSharedStringBomb(t *testing.T) {
	data := xlsxguard.SharedStringBomb(2<<20, 2000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse(bytes.NewReader(data), Options{})
	runtime.ReadMemStats(&after)
	var le *limits.Error
	if !errors.As(err, &le) || le.Limit != limits.EntryText {
		t.Fatalf("Parse(bomb) = %v, want the entrytext limit", err)
	}
	if !strings.Contains(err.Error(), "ANNEX_LIMITS=entrytext=N") {
		t.Errorf("message %q does not say how to raise the limit", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("allocated %d MiB to refuse a 2 MiB × 2,000 bomb, want under 64 MiB", got>>20)
	}
}

// The cells limit holds for a workbook with more cells than it.
func TestCellsLimit(t *testing.T) {
	defer limits.Set(limits.Cells, 20)()
	_, err := Parse(bytes.NewReader(hostileAnnex(t)), Options{})
	var le *limits.Error
	if !errors.As(err, &le) || le.Limit != limits.Cells {
		t.Fatalf("Parse = %v, want the cells limit", err)
	}
}
