package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

// cell is one piece of text placed on a synthetic page: x in points,
// "\n" in text starts a new line below. A text that starts with "^" is set
// raised and smaller, right after the previous cell.
type cell struct {
	x    float64
	text string
}

// layoutPage renders lines of cells in Helvetica 10 pt, 13 pt apart, from
// y=780 down; a line is a list of cells on one baseline.
func layoutPage(lines ...[]cell) string {
	var b strings.Builder
	y := 780.0
	for _, cs := range lines {
		for _, c := range cs {
			if raised, ok := strings.CutPrefix(c.text, "^"); ok {
				fmt.Fprintf(&b, "BT /F1 6 Tf 3.5 Ts 1 0 0 1 %.1f %.1f Tm (%s) Tj 0 Ts ET\n", c.x, y, raised)
				continue
			}
			fmt.Fprintf(&b, "BT /F1 10 Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj ET\n", c.x, y, c.text)
		}
		y -= 13
	}
	return b.String()
}

func at(x float64, text string) []cell { return []cell{{x, text}} }

// textWidth is the width of s in points at size 10 as the parser sees
// Helvetica without /Widths.
func textWidth(s string) float64 {
	w := 0.0
	for _, c := range []byte(s) {
		w += approxWidth(int(c)) * 10
	}
	return w
}

// TestParseOtherLayout reads an annex laid out unlike the samples: a
// standard font without widths, page numbers as "Page n of m" at the
// bottom and the document id with a date at the top, a contents list
// without leaders, definitions with their text on the term's line, markers
// indented from their parent's marker rather than at its text, numbered
// notes indented under their heading, an exponent raised with Ts, and a
// word hyphenated at a line break.
func TestParseOtherLayout(t *testing.T) {
	first := "Rocket systems with a total impulse of 1.1 x 10"
	exp := 110 + textWidth(first) + 0.2
	header := at(300, "XYZ/REG/2025/Annex 2 January 2025")
	footer := func(n int) []cell { return at(280, fmt.Sprintf("Page %d of 3", n)) }
	pages := []string{
		layoutPage(header,
			at(150, "EXPORT CONTROL REGIME"),
			at(150, "EQUIPMENT AND TECHNOLOGY ANNEX"),
			at(150, "2 January 2025"),
			at(72, "CONTENTS"),
			[]cell{{72, "Definitions"}, {500, "2"}},
			[]cell{{72, "ITEM 1 COMPLETE SYSTEMS"}, {500, "2"}},
			[]cell{{72, "ITEM 2 RESERVED FOR FUTURE USE"}, {500, "3"}},
			footer(1)),
		layoutPage(header,
			at(200, "DEFINITIONS"),
			at(72, "\"Lightweight\" (Items 1 and 2) Of low mass."),
			at(72, "\"Range\" The greatest distance a system can travel in stable"),
			at(90, "flight, for light-"),
			at(90, "weight systems included."),
			at(200, "CATEGORY I"),
			at(200, "ITEM 1 COMPLETE SYSTEMS"),
			[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "1.A.1."}, {110, first}, {exp, "^6"}, {exp + 6, "Ns or more, as"}},
			at(110, "follows:"),
			[]cell{{90, "a."}, {125, "Re-entry vehicles; and"}},
			[]cell{{90, "b."}, {125, "Engines as follows:"}},
			[]cell{{108, "1."}, {140, "Solid motors; or"}},
			[]cell{{108, "2."}, {140, "Liquid engines."}},
			at(125, "Technical Note:"),
			at(125, "Engines include their nozzles."),
			at(110, "Notes:"),
			[]cell{{120, "1."}, {135, "First note on 1.A.1."}},
			[]cell{{120, "2."}, {135, "Second note, which wraps"}},
			at(135, "onto a second line."),
			footer(2)),
		layoutPage(header,
			[]cell{{72, "1.B."}, {110, "TEST EQUIPMENT"}},
			at(110, "None."),
			at(200, "ITEM 2"),
			at(200, "RESERVED FOR FUTURE USE"),
			footer(3)),
	}
	data := minimalPDF(pages, "")
	got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	entry := func(id, text string, notes []model.Note, kids ...model.Entry) model.Entry {
		return model.Entry{ID: id, Text: text, Notes: notes, Children: kids}
	}
	want := &model.Annex{
		Meta: model.Meta{Regime: "XYZ", DocID: "XYZ/REG/2025/Annex", Date: "2025-01-02", Title: "Equipment and Technology Annex"},
		Definitions: []model.Definition{
			{Term: "Lightweight", Scope: "Items 1 and 2", Text: "Of low mass."},
			{Term: "Range", Text: "The greatest distance a system can travel in stable flight, for lightweight systems included."},
		},
		Items: []model.Item{
			{Number: 1, Category: "I", Title: "COMPLETE SYSTEMS", Groups: []model.Group{
				{Letter: "A", Title: "EQUIPMENT", Entries: []model.Entry{
					entry("1.A.1", "Rocket systems with a total impulse of 1.1 x 10⁶ Ns or more, as follows:", []model.Note{
						{Kind: model.KindNote, Label: "1", Text: "First note on 1.A.1."},
						{Kind: model.KindNote, Label: "2", Text: "Second note, which wraps onto a second line."},
					},
						entry("1.A.1.a", "Re-entry vehicles; and", nil),
						entry("1.A.1.b", "Engines as follows:", []model.Note{
							{Kind: model.KindTechnicalNote, Text: "Engines include their nozzles."},
						},
							entry("1.A.1.b.1", "Solid motors; or", nil),
							entry("1.A.1.b.2", "Liquid engines.", nil))),
				}},
				{Letter: "B", Title: "TEST EQUIPMENT"},
			}},
			{Number: 2, Category: "I", Title: "RESERVED FOR FUTURE USE", Reserved: true},
		},
	}
	for _, d := range compareAnnex(got, want) {
		t.Error(d)
	}
}
