package xlsx

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

const altFile = "testdata/alt-2024.xlsx"

// writeAlt lays out a model the way another publisher might: a cover sheet
// first, two merged title rows, headers "Control No.", "Control text",
// "Remarks", "Cat." with the category last and on item rows only, items as
// "ITEM 3", numbers without trailing dots, long texts broken over lines
// within the cell, numbered notes on one line under a plural heading, and a
// definitions sheet with quoted terms and its own header wording and order.
func writeAlt(t testing.TB, a *model.Annex) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Cover"))
	must(f.SetCellStr("Cover", "B2", "Missile Technology Control Regime"))
	must(f.SetCellStr("Cover", "B4", "See the next sheet for the annex and the last for definitions."))

	const sh = "MTCR Annex"
	_, err := f.NewSheet(sh)
	must(err)
	set := func(sheet, cell, v string) {
		if v != "" {
			must(f.SetCellStr(sheet, cell, v))
		}
	}
	set(sh, "A1", a.Meta.Title)
	must(f.MergeCell(sh, "A1", "D1"))
	set(sh, "A2", a.Meta.DocID+" – "+printedDate(a.Meta.Date))
	must(f.MergeCell(sh, "A2", "D2"))
	for i, h := range []string{"Control No.", "Control text", "Remarks", "Cat."} {
		set(sh, string(rune('A'+i))+"4", h)
	}
	row := 5
	put := func(id, text, notes, cat string) {
		r := strconv.Itoa(row)
		set(sh, "A"+r, id)
		set(sh, "B"+r, text)
		set(sh, "C"+r, notes)
		set(sh, "D"+r, cat)
		row++
	}
	var entry func(e model.Entry)
	entry = func(e model.Entry) {
		put(e.ID, breakLine(e.Text), altNotes(e.Notes), "")
		for _, c := range e.Children {
			entry(c)
		}
	}
	for _, it := range a.Items {
		put("ITEM "+strconv.Itoa(it.Number), it.Title, "", "Category "+it.Category)
		for _, g := range it.Groups {
			put(model.GroupID(it.Number, g.Letter), g.Title, "", "")
			for _, e := range g.Entries {
				entry(e)
			}
		}
	}

	const defs = "Defs"
	_, err = f.NewSheet(defs)
	must(err)
	set(defs, "A1", "Definitions of terms in quotation marks")
	set(defs, "A2", "Defined term")
	set(defs, "B2", "Meaning")
	set(defs, "C2", "Applies to")
	for i, d := range a.Definitions {
		r := strconv.Itoa(i + 3)
		set(defs, "A"+r, "“"+d.Term+"”")
		set(defs, "B"+r, d.Text)
		if d.Scope != "" {
			set(defs, "C"+r, "("+d.Scope+")")
		}
	}
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(err)
	return buf.Bytes()
}

func printedDate(iso string) string {
	months := []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	p := strings.Split(iso, "-")
	if len(p) != 3 {
		return iso
	}
	m, _ := strconv.Atoi(p[1])
	d, _ := strconv.Atoi(p[2])
	return months[m-1] + " " + strconv.Itoa(d) + ", " + p[0]
}

// breakLine breaks a long text over two lines at a space, as a cell with
// manual line breaks holds it.
func breakLine(s string) string {
	if len(s) < 80 {
		return s
	}
	if i := strings.Index(s[60:], " "); i >= 0 {
		return s[:60+i] + "\n" + s[60+i+1:]
	}
	return s
}

// altNotes writes numbered notes as "Technical Notes: 1. … 2. …" on one
// line, other notes one per line.
func altNotes(notes []model.Note) string {
	var lines []string
	for i := 0; i < len(notes); {
		n := notes[i]
		if n.Label == "1" {
			parts := []string{n.Kind + "s:"}
			j := i
			for ; j < len(notes) && notes[j].Kind == n.Kind && notes[j].Label == strconv.Itoa(j-i+1); j++ {
				parts = append(parts, notes[j].Label+". "+notes[j].Text)
			}
			lines = append(lines, strings.Join(parts, " "))
			i = j
			continue
		}
		head := n.Kind + ":"
		if n.Kind == model.KindNB {
			head = "N.B."
		}
		lines = append(lines, head+" "+n.Text)
		i++
	}
	return strings.Join(lines, "\n")
}

// TestAltLayout parses the 2024 model written in another layout and wants
// the same model, exactly.
func TestAltLayout(t *testing.T) {
	want := loadTruth(t, filepath.Join("..", "..", "testdata", "sample-2024.xlsx.truth.json"))
	data := writeAlt(t, want)
	if *update {
		if err := os.WriteFile(altFile, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Parse(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatalf("Parse(alt layout): %v", err)
	}
	reportDiffs(t, "alt layout", diffModels(got, want, false))

	// The copy kept in testdata (a fuzz seed) parses the same.
	_, fromFile, err := parseFile(t, altFile, Options{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", altFile, err)
	}
	reportDiffs(t, altFile, diffModels(fromFile, want, false))
}
