package pdf

import (
	"bytes"
	"errors"
	"testing"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/pdf/internal/bigpdf"
)

// TestParseEULayout reads an EU-style list laid out unlike testdata/eu: the
// control code at the start of its paragraph (not in a hanging column), the
// category heading, in title case, repeated as a running header on every
// page, a group heading in title case, a page
// number at the bottom, "Not used;" entries, a note under a group heading
// and numbers written with decimal commas.
func TestParseEULayout(t *testing.T) {
	header := at(200, "Category 3 - Electronics")
	footer := func(n string) []cell { return at(280, "Page "+n) }
	pages := []string{
		layoutPage(
			at(150, "Annex I: List of dual-use items"),
			at(150, "Document 02021R0821-20240908"),
			at(150, "In force from 8 September 2024"),
			footer("1")),
		layoutPage(header,
			at(72, "3A SYSTEMS, EQUIPMENT AND COMPONENTS"),
			at(72, "Note: The control status of equipment and components described in 3A001 is"),
			at(72, "determined by the equipment in which they are incorporated."),
			at(72, "3A001 Electronic items as follows:"),
			[]cell{{90, "a."}, {108, "General purpose integrated circuits, as follows:"}},
			[]cell{{108, "1."}, {126, "Integrated circuits rated for total dose of 5 x 10"}},
			at(126, "Gy (silicon) or higher;"),
			[]cell{{108, "2."}, {126, "Not used;"}},
			[]cell{{90, "b."}, {108, "Microwave items with a mean power exceeding 0,5 W."}},
			at(108, "N.B. SEE ALSO 3A101."),
			at(72, "3A101 Electronic equipment, devices and components, other than those specified in"),
			at(72, "3A001, as follows:"),
			[]cell{{90, "a."}, {108, "Analogue-to-digital converters, usable in \"missiles\";"}},
			footer("2")),
		layoutPage(header,
			[]cell{{90, "b."}, {108, "Accelerators capable of delivering 8 890 N or more."}},
			at(72, "3B Test, Inspection and Production Equipment"),
			at(72, "3B001 Not used."),
			footer("3")),
	}
	data := minimalPDF(pages, "")
	got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	e := func(id, text string, notes []model.Note, kids ...model.Entry) model.Entry {
		return model.Entry{ID: id, Text: text, Notes: notes, Children: kids}
	}
	want := &model.Annex{
		Meta: model.Meta{Regime: "EU", DocID: "02021R0821-20240908", Date: "2024-09-08", Title: "Annex I: List of dual-use items"},
		Items: []model.Item{{Number: 3, Title: "Electronics", Groups: []model.Group{
			{Letter: "A", Title: "SYSTEMS, EQUIPMENT AND COMPONENTS", Entries: []model.Entry{
				e("3A001", "Electronic items as follows:", nil,
					e("3A001.a", "General purpose integrated circuits, as follows:", nil,
						e("3A001.a.1", "Integrated circuits rated for total dose of 5 x 10 Gy (silicon) or higher;", nil),
						e("3A001.a.2", "Not used;", nil)),
					e("3A001.b", "Microwave items with a mean power exceeding 0,5 W.", []model.Note{{Kind: model.KindNB, Text: "SEE ALSO 3A101."}})),
				e("3A101", "Electronic equipment, devices and components, other than those specified in 3A001, as follows:", nil,
					e("3A101.a", "Analogue-to-digital converters, usable in \"missiles\";", nil),
					e("3A101.b", "Accelerators capable of delivering 8 890 N or more.", nil)),
			}},
			{Letter: "B", Title: "Test, Inspection and Production Equipment", Entries: []model.Entry{e("3B001", "Not used.", nil)}},
		}}},
	}
	for _, d := range compareAnnex(got, want) {
		t.Error(d)
	}
	if g := got.Items; len(g) == 1 && len(g[0].Groups) > 0 {
		if n := g[0].Groups[0].Notes; len(n) != 1 || n[0].Text != "The control status of equipment and components described in 3A001 is determined by the equipment in which they are incorporated." {
			t.Errorf("group 3A notes = %+v", n)
		}
	}
	if err := model.Check(got, nil); err != nil || got.Scheme() != model.EU {
		t.Errorf("Check: %v, scheme %s", err, got.Scheme().Name)
	}
}

// TestParseEUCategoryZero reads category 0, a real item of the EU list,
// followed by category 1.
func TestParseEUCategoryZero(t *testing.T) {
	data := minimalPDF([]string{layoutPage(
		at(150, "Document 02021R0821-20240908"),
		at(72, "CATEGORY 0 - NUCLEAR MATERIALS, FACILITIES AND EQUIPMENT"),
		at(72, "0A SYSTEMS, EQUIPMENT AND COMPONENTS"),
		at(72, "0A001 \"Nuclear reactors\" and specially designed or prepared equipment;"),
		[]cell{{90, "a."}, {108, "\"Nuclear reactors\";"}},
		at(72, "CATEGORY 1 - SPECIAL MATERIALS AND RELATED EQUIPMENT"),
		at(72, "1A SYSTEMS, EQUIPMENT AND COMPONENTS"),
		at(72, "1A001 Components made from fluorinated compounds, as follows:"),
		[]cell{{90, "a."}, {108, "Seals, gaskets, sealants or fuel bladders;"}},
	)}, "")
	got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var ids []string
	got.Walk(func(n model.Node) bool { ids = append(ids, n.Entry.ID); return true })
	if len(got.Items) != 2 || got.Items[0].Number != 0 || got.Items[1].Number != 1 || len(ids) != 4 || ids[0] != "0A001" || ids[3] != "1A001.a" {
		t.Errorf("items %d, ids %v; want categories 0 and 1 with 0A001, 0A001.a, 1A001, 1A001.a", len(got.Items), ids)
	}
}

// TestParsePrefixedList reads a list that prints the MTCR numbering behind
// a national list number ("6-1.A.1."), as Canada's does: a generated annex
// with every entry id so prefixed, printed by bigpdf. The scheme is found
// by content and the model read is the one printed; forcing the scheme
// reads the same, and forcing MTCR finds no entry.
func TestParsePrefixedList(t *testing.T) {
	want := bigpdf.Annex(5, 20)
	var prefix func(es []model.Entry)
	prefix = func(es []model.Entry) {
		for i := range es {
			es[i].ID = "6-" + es[i].ID
			prefix(es[i].Children)
		}
	}
	for i := range want.Items {
		for j := range want.Items[i].Groups {
			prefix(want.Items[i].Groups[j].Entries)
		}
	}
	data, _, err := bigpdf.Bytes(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*model.Scheme{nil, model.Prefixed} {
		got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{Scheme: s})
		if err != nil {
			t.Fatalf("scheme %v: Parse: %v", s, err)
		}
		if m := model.Of(got); m != model.Prefixed {
			t.Errorf("scheme %v: the model reads as %s, want prefixed", s, m.Name)
		}
		if got.CountEntries() != want.CountEntries() || got.CountEntries() < 100 {
			t.Errorf("scheme %v: %d entries, want %d", s, got.CountEntries(), want.CountEntries())
		}
		for i, d := range compareAnnex(got, want) {
			if i == 10 {
				t.Error("… and more differences")
				break
			}
			t.Errorf("scheme %v: %s", s, d)
		}
	}
	if _, err := Parse(bytes.NewReader(data), int64(len(data)), Options{Scheme: model.MTCR}); !errors.Is(err, ErrNotAnnex) {
		t.Errorf("scheme mtcr: Parse error = %v, want ErrNotAnnex (no entry numbered so)", err)
	}
}
