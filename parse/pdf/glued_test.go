package pdf

import (
	"testing"
)

// TestParseGluedEntryNumber: an entry number set so close to its text that
// no space is read between them ("1.A.2.Drones") starts its entry; it was
// read as text of the entry before, without a word. The entry's children
// are still placed by their markers.
func TestParseGluedEntryNumber(t *testing.T) {
	page := func(lines ...[]cell) string { return layoutPage(lines...) }
	cover := page(at(150, "XYZ/TEM/2025/Annex"), at(150, "EQUIPMENT AND TECHNOLOGY ANNEX"), at(150, "2 May 2025"))
	n := "1.A.2."
	a, err := parsePages(t, []string{cover, page(
		at(200, "CATEGORY I"),
		at(200, "ITEM 1 COMPLETE SYSTEMS"),
		[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
		[]cell{{72, "1.A.1."}, {110, "Rocket systems."}},
		[]cell{{72, n}, {72 + textWidth(n), "Drones of any kind, as follows:"}},
		[]cell{{110, "a."}, {130, "Fixed wing;"}},
		[]cell{{110, "b."}, {130, "Rotary wing."}},
		[]cell{{72 + textWidth(n), "Note: Kites are not drones."}},
		[]cell{{72, "1.A.3."}, {110, "Others, see 1.A.2.a and"}},
		at(110, "1.A.2.b."))})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, text string }{
		{"1.A.1", "Rocket systems."},
		{"1.A.2", "Drones of any kind, as follows:"},
		{"1.A.2.a", "Fixed wing;"},
		{"1.A.2.b", "Rotary wing."},
		{"1.A.3", "Others, see 1.A.2.a and 1.A.2.b."},
	}
	var got []struct{ id, text string }
	for _, e := range a.Items[0].Groups[0].Entries {
		got = append(got, struct{ id, text string }{e.ID, e.Text})
		for _, k := range e.Children {
			got = append(got, struct{ id, text string }{k.ID, k.Text})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("entries = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
		}
	}
	if ns := a.Items[0].Groups[0].Entries[1].Notes; len(ns) != 1 || ns[0].Text != "Kites are not drones." {
		t.Errorf("notes of 1.A.2 = %q, want the note printed at its text", ns)
	}
}

// TestParseGluedMarker: a sub-entry marker set against its text ("b.Rotary
// wing.") opens the sub-entry, as a glued entry number does.
func TestParseGluedMarker(t *testing.T) {
	page := func(lines ...[]cell) string { return layoutPage(lines...) }
	cover := page(at(150, "XYZ/TEM/2025/Annex"), at(150, "EQUIPMENT AND TECHNOLOGY ANNEX"), at(150, "2 May 2025"))
	a, err := parsePages(t, []string{cover, page(
		at(200, "CATEGORY I"),
		at(200, "ITEM 1 COMPLETE SYSTEMS"),
		[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
		[]cell{{72, "1.A.1."}, {110, "Drones of any kind, as follows:"}},
		[]cell{{110, "a."}, {110 + textWidth("a."), "Fixed wing;"}},
		[]cell{{110, "b."}, {110 + textWidth("b."), "Rotary wing."}},
		[]cell{{72, "1.A.2."}, {110, "Others."}})})
	if err != nil {
		t.Fatal(err)
	}
	es := a.Items[0].Groups[0].Entries
	if len(es) != 2 || es[0].Text != "Drones of any kind, as follows:" || len(es[0].Children) != 2 ||
		es[0].Children[0].ID != "1.A.1.a" || es[0].Children[0].Text != "Fixed wing;" ||
		es[0].Children[1].ID != "1.A.1.b" || es[0].Children[1].Text != "Rotary wing." {
		t.Errorf("entries = %+v; want 1.A.1 with a. Fixed wing; and b. Rotary wing., then 1.A.2", es)
	}
}

// TestRestXGlued: where the text after a number starts inside the line's
// first word, its left edge is estimated within that word, not taken from
// the next word.
func TestRestXGlued(t *testing.T) {
	l := line{x0: 72, x1: 200, text: "1.A.2.Drones of any kind", words: []wordAt{{x0: 135, off: 13}}}
	if x := restX(l, 6); x <= 72 || x >= 135 {
		t.Errorf("restX(glued) = %.1f, want between the line's left edge 72 and the next word's 135", x)
	}
	l = line{x0: 72, x1: 200, text: "1.A.2. Drones of any kind", words: []wordAt{{x0: 110, off: 7}}}
	if x := restX(l, 7); x != 110 {
		t.Errorf("restX = %.1f, want the word's edge 110", x)
	}
}
