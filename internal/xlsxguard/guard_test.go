package xlsxguard

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/limits"
)

// readAll reads every row of Sheet1 after Prepare.
func readAll(t *testing.T, data []byte) ([][]string, int) {
	t.Helper()
	res, err := Prepare(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		c, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out, res.Removed
}

func TestPrepareRemovesForbiddenCharacters(t *testing.T) {
	var rows strings.Builder
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>v%d</t></is></c><c r="B%d" t="s"><v>%d</v></c></row>`, i, i, i, i, i-1)
	}
	var si strings.Builder
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&si, "<si><t>w%d</t></si>", i)
	}
	base := Minimal(rows.String(), si.String())
	for _, tc := range []struct {
		name, part, old, new string
		want                 string // the cell that held the character, as read
	}{
		{"raw U+0001 in a sheet", "xl/worksheets/sheet1.xml", "<t>v3</t>", "<t>v\x013</t>", "v3"},
		{"&#1; in a sheet", "xl/worksheets/sheet1.xml", "<t>v3</t>", "<t>v&#1;3</t>", "v3"},
		{"&#x1B; in a sheet", "xl/worksheets/sheet1.xml", "<t>v3</t>", "<t>v&#x1B;3</t>", "v3"},
		{"U+FFFF in a sheet", "xl/worksheets/sheet1.xml", "<t>v3</t>", "<t>v\uffff3</t>", "v3"},
		{"raw U+0001 in shared strings", "xl/sharedStrings.xml", "<t>w3</t>", "<t>w\x013</t>", "w3"},
		{"&#0; in shared strings", "xl/sharedStrings.xml", "<t>w3</t>", "<t>w&#0;3</t>", "w3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Patch(base, tc.part, tc.old, tc.new)
			if err != nil {
				t.Fatal(err)
			}
			got, removed := readAll(t, data)
			if len(got) != 10 {
				t.Fatalf("read %d rows, want 10: %q", len(got), got)
			}
			if removed != 1 {
				t.Errorf("removed %d characters, want 1", removed)
			}
			if !strings.Contains(fmt.Sprint(got[2]), tc.want) {
				t.Errorf("row 3 = %q, want a cell %q", got[2], tc.want)
			}
		})
	}
	t.Run("clean workbook kept as it is", func(t *testing.T) {
		res, err := Prepare(base)
		if err != nil || res.Removed != 0 || !bytes.Equal(res.Data, base) {
			t.Fatalf("Prepare(clean) = %d removed, same=%v, %v", res.Removed, bytes.Equal(res.Data, base), err)
		}
	})
	t.Run("entities and allowed references kept", func(t *testing.T) {
		data, err := Patch(base, "xl/worksheets/sheet1.xml", "<t>v3</t>", "<t>a&amp;b&#65;&#x42;&lt;</t>")
		if err != nil {
			t.Fatal(err)
		}
		got, removed := readAll(t, data)
		if removed != 0 || got[2][0] != "a&bAB<" {
			t.Fatalf("row 3 = %q, removed %d", got[2], removed)
		}
	})
}

func TestPrepareSharedStringLimits(t *testing.T) {
	data := SharedStringBomb(2<<20, 2000) // 2 MiB × 2,000 cells: 4 GB read naively
	if len(data) > 64<<10 {
		t.Fatalf("generator made %d bytes", len(data))
	}
	_, err := Prepare(data)
	var le *limits.Error
	if !errors.As(err, &le) || le.Limit != limits.EntryText {
		t.Fatalf("Prepare(bomb) = %v, want the entrytext limit", err)
	}
	defer limits.Set(limits.SharedStringBytes, 1<<20)()
	_, err = Prepare(data)
	if !errors.As(err, &le) || le.Limit != limits.SharedStringBytes {
		t.Fatalf("Prepare(bomb) = %v, want the sharedstrings limit", err)
	}
}
