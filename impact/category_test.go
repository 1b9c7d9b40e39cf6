package impact

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/parse"
)

// TestAssessCategory annotates a register against the sample 2024 revision
// and testdata/category-2025.json (gen.CategoryEdit: 10.A.2 of Category II
// moved to 2.A.2 of Category I, item 9 changed from Category II to I): the
// moved entry and an entry of item 9, unchanged in itself, both carry the
// categories before and after, and their actions say so; every format
// shows a category.
func TestAssessCategory(t *testing.T) {
	old, err := parse.File("../testdata/sample-2024.truth.json", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	new, err := parse.File("../testdata/category-2025.json", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ReadRegister("products.csv", []byte("Product,MTCR entry\nServo valve,10.A.2\nGyro,9.A.1\nBearing,3.A.7\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	rep := Assess(old, new, diff.Compare(old, new), reg)
	want := []struct {
		id, newID, action  string
		status             Status
		category, old, new string
	}{
		{"10.A.2", "2.A.2", "write 2.A.2 (moved from 10.A to 2.A); review: category II → I", StatusMoved, "I", "II", "I"},
		{"9.A.1", "9.A.1", "review: category II → I", StatusModified, "I", "II", "I"},
		{"3.A.7", "3.A.7", "none", StatusUnchanged, "II", "", ""},
	}
	for i, w := range want {
		a := rep.Rows[i].Annotations[0]
		if a.ID != w.id || a.NewID != w.newID || a.Action != w.action || a.Status != w.status ||
			a.Category != w.category || a.OldCategory != w.old || a.NewCategory != w.new {
			t.Errorf("annotation of %s = %+v, want %+v", w.id, a, w)
		}
	}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, format, rep); err != nil {
			t.Fatalf("Write(%s) = %v", format, err)
		}
		out := b.String()
		if format == "xlsx" {
			continue // TestWriteXLSX reads the same table back
		}
		for _, s := range []string{"II → I", "category II → I"} {
			if format == "json" {
				s = `"old_category": "II"`
			}
			if !strings.Contains(out, s) {
				t.Errorf("%s report does not say %q", format, s)
			}
		}
	}
	table := impactTable(rep)
	col := slices.Index(table[0], "Category")
	if col < 0 || table[1][col] != "II → I" || table[3][col] != "II" {
		t.Errorf("impact table: no category column, or rows %q, %q (header %q)", table[1][max(col, 0)], table[3][max(col, 0)], table[0])
	}
}
