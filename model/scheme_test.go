package model

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestSchemeParseID(t *testing.T) {
	tests := []struct {
		scheme *Scheme
		in     string
		want   string   // "" when it must not parse
		segs   []string // item, group, levels
	}{
		{MTCR, "3.A.5.a", "3.A.5.a", []string{"3", "A", "5", "a"}},
		{MTCR, "3.A", "3.A", []string{"3", "A"}},
		{MTCR, "0.A.1", "", nil},
		{MTCR, "100.A.1", "", nil},
		{MTCR, "9A101", "", nil},
		{EU, "9A101.a.1", "9A101.a.1", []string{"9", "A", "101", "a", "1"}},
		{EU, "9A101.a.1.", "9A101.a.1", []string{"9", "A", "101", "a", "1"}},
		{EU, "0A001", "0A001", []string{"0", "A", "001"}},
		{EU, "9E", "9E", []string{"9", "E"}},
		{EU, "9F001", "", nil},
		{EU, "9A01", "", nil},
		{EU, "9A101.1", "", nil},   // letters below a code
		{EU, "9A101.a.b", "", nil}, // then digits
		{EU, "10A001", "", nil},
		{EU, "3.A.5", "", nil},
		{ML, "ML10.a.1", "ML10.a.1", []string{"10", "", "a", "1"}},
		{ML, "ML8.dd", "ML8.dd", []string{"8", "", "dd"}},
		{ML, "ML10", "ML10", []string{"10", ""}},
		{ML, "ML10.1", "", nil},
		{ML, "ML0.a", "", nil},
		{ML, "10.a", "", nil},
		{Prefixed, "6-1.A.1", "6-1.A.1", []string{"1", "A", "1"}},
		{Prefixed, "1.A.1", "", nil},
		{Prefixed, "06-1.A.1", "", nil},
	}
	for _, tt := range tests {
		id, err := tt.scheme.ParseID(tt.in)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrBadID) {
				t.Errorf("%s.ParseID(%q) = %v, %v; want an ErrBadID", tt.scheme.Name, tt.in, id, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s.ParseID(%q): %v", tt.scheme.Name, tt.in, err)
			continue
		}
		if id.String() != tt.want || !reflect.DeepEqual(id.Segs, tt.segs) {
			t.Errorf("%s.ParseID(%q) = %q %q, want %q %q", tt.scheme.Name, tt.in, id, id.Segs, tt.want, tt.segs)
		}
		// The universal ParseID reads every scheme's ids the same way.
		if u, err := ParseID(tt.in); err != nil || u.String() != tt.want || u.Scheme != tt.scheme && !(tt.scheme == MTCR && u.Scheme == MTCR) {
			t.Errorf("ParseID(%q) = %v (%v), want %q in %s", tt.in, u, err, tt.want, tt.scheme.Name)
		}
	}
}

func TestSchemeParents(t *testing.T) {
	tests := []struct{ id, parent, group string }{
		{"9A101.a.1", "9A101.a", "9A"},
		{"9A101", "9A", "9A"},
		{"ML10.a.1", "ML10.a", "ML10"},
		{"ML10.a", "ML10", "ML10"},
		{"6-1.A.1.b", "6-1.A.1", "1.A"},
		{"3.A.5.a", "3.A.5", "3.A"},
	}
	for _, tt := range tests {
		id, err := ParseID(tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if got := id.Parent().String(); got != tt.parent {
			t.Errorf("Parent(%s) = %s, want %s", tt.id, got, tt.parent)
		}
		s := id.Scheme
		if s == nil {
			s = MTCR
		}
		if got := s.GroupID(id.Item(), id.Group()); got != tt.group && !(s == Prefixed && got == tt.group) {
			t.Errorf("GroupID of %s = %s, want %s", tt.id, got, tt.group)
		}
	}
}

func TestSchemeOrder(t *testing.T) {
	want := []string{"9A001", "9A002.a", "9A002.b", "9A012", "9A101", "9A101.a.2", "9A101.a.10", "9B001", "9E102"}
	got := append([]string(nil), want...)
	sort.Slice(got, func(i, j int) bool { return CompareIDs(got[j], got[i]) < 0 }) // reversed
	sort.Slice(got, func(i, j int) bool { return CompareIDs(got[i], got[j]) < 0 })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
	ml := []string{"ML2", "ML8.z", "ML8.aa", "ML8.dd", "ML10.a.1", "ML22"}
	got = append([]string(nil), ml...)
	sort.Slice(got, func(i, j int) bool { return CompareIDs(got[j], got[i]) < 0 })
	sort.Slice(got, func(i, j int) bool { return CompareIDs(got[i], got[j]) < 0 })
	if !reflect.DeepEqual(got, ml) {
		t.Errorf("sorted = %v, want %v", got, ml)
	}
}

func TestSchemeMarkersAndRefs(t *testing.T) {
	if got := EU.Marker(1, 7); got != "007" {
		t.Errorf("EU.Marker(1, 7) = %q", got)
	}
	if got := EU.Marker(2, 3); got != "c" {
		t.Errorf("EU.Marker(2, 3) = %q", got)
	}
	if got := ML.Marker(1, 30); got != "dd" {
		t.Errorf("ML.Marker(1, 30) = %q", got)
	}
	if EU.Consecutive(1) || !EU.Consecutive(2) {
		t.Error("EU codes must not be judged for gaps, sub-paragraphs must")
	}
	refs := EU.References(`specified in 9A012 or 9A112.a., and 3A001.b.1.a.4.; not 2.A.1.`)
	if want := []string{"9A012", "9A112.a", "3A001.b.1.a.4"}; !reflect.DeepEqual(refs, want) {
		t.Errorf("EU refs = %q, want %q", refs, want)
	}
	refs = ML.References(`see ML4. and entry 1A006 on the EU Dual-Use List, ML1.a., ML1.b.`)
	if want := []string{"ML4", "ML1.a", "ML1.b"}; !reflect.DeepEqual(refs, want) {
		t.Errorf("ML refs = %q, want %q", refs, want)
	}
}

func TestLooseID(t *testing.T) {
	tests := []struct {
		s        *Scheme
		in, want string
	}{
		{EU, "9A101.a.1", "9A101.a.1"},
		{EU, "9A101 a 1", "9A101.a.1"},
		{EU, "9A101a1", "9A101.a.1"},
		{EU, "9a101.A.1", "9A101.a.1"},
		{ML, "ML10 a 1", "ML10.a.1"},
		{ML, "ml10a1", "ML10.a.1"},
		{MTCR, "3 A 5 a", "3.A.5.a"},
		{EU, "9A101-x!", ""},
		{EU, "hello", ""},
	}
	for _, tt := range tests {
		id, ok := tt.s.LooseID(tt.in)
		if got := map[bool]string{true: id.String()}[ok]; got != tt.want {
			t.Errorf("%s.LooseID(%q) = %q, want %q", tt.s.Name, tt.in, got, tt.want)
		}
	}
}

func TestValidateEU(t *testing.T) {
	a := &Annex{Meta: Meta{Regime: "EU"}, Items: []Item{{Number: 9, Groups: []Group{{Letter: "A", Entries: []Entry{
		{ID: "9A001", Text: "Engines, see 9A101 and 9E003.a.", Children: []Entry{{ID: "9A001.a"}, {ID: "9A001.c"}}},
		{ID: "9A101", Text: "Turbojet, not 9A012 of another category 1A006."},
	}}}}}}
	var got []string
	for _, p := range Validate(a) {
		got = append(got, p.ID+" "+p.Kind)
	}
	// 9A001 to 9A101 is not a gap; 9A001.a to .c is; 9E003.a and 9A012
	// are in the annex's own category and do not exist; 1A006 is in a
	// category the document does not hold.
	want := []string{"9A001.c numbering-gap", "9A001 dangling-reference", "9A101 dangling-reference"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Validate = %q, want %q", got, want)
	}
}

func TestCheck(t *testing.T) {
	base := func() *Annex {
		return &Annex{Schema: Schema, Meta: Meta{Regime: "MTCR", Date: "2024-03-14"}, Items: []Item{{Number: 1, Groups: []Group{{Letter: "A", Entries: []Entry{
			{ID: "1.A.1", Children: []Entry{{ID: "1.A.1.a"}}},
		}}}}}}
	}
	tests := []struct {
		name   string
		edit   func(a *Annex)
		scheme *Scheme
		want   string // "" for no error
	}{
		{"ok", func(*Annex) {}, nil, ""},
		{"item 0 in MTCR", func(a *Annex) { a.Items[0].Number = 0 }, nil, "item 0 is not an item of the MTCR annex"},
		{"huge item", func(a *Annex) { a.Items[0].Number = -2147483649 }, nil, "item -2147483649 is not"},
		{"letter", func(a *Annex) { a.Items[0].Groups[0].Letter = "AAAAAAAA/../../x" }, nil, `group letter "AAAAAAAA/../../x" is not one of ABCDE`},
		{"date", func(a *Annex) { a.Meta.Date = "9999-99-99" }, nil, `meta.date "9999-99-99" is not a date`},
		{"date format", func(a *Annex) { a.Meta.Date = "14 March 2024" }, nil, "is not a date"},
		{"duplicate", func(a *Annex) {
			g := &a.Items[0].Groups[0]
			g.Entries = append(g.Entries, Entry{ID: "1.A.1"})
		}, nil, "1.A.1: entry number used more than once"},
		{"duplicate item", func(a *Annex) { a.Items = append(a.Items, a.Items[0]) }, nil, "item 1 appears more than once"},
		{"misplaced", func(a *Annex) { a.Items[0].Groups[0].Entries[0].Children[0].ID = "1.A.2.a" }, nil, "1.A.2.a: printed under 1.A.1"},
		{"wrong group", func(a *Annex) { a.Items[0].Groups[0].Entries[0].ID = "1.B.1" }, nil, "1.B.1: printed under 1.A"},
		{"not an id", func(a *Annex) { a.Items[0].Groups[0].Entries[0].ID = "../x" }, nil, `"../x": not an entry number of the MTCR annex`},
		{"trailing dot", func(a *Annex) { a.Items[0].Groups[0].Entries[0].ID = "1.A.1." }, nil, "not written as 1.A.1"},
		{"EU id under MTCR", func(a *Annex) { a.Items[0].Groups[0].Entries[0].ID = "1A001" }, nil, "not an entry number of the MTCR annex"},
		{"forced EU", func(*Annex) {}, EU, "not an entry number of the EU dual-use list"},
	}
	for _, tt := range tests {
		a := base()
		tt.edit(a)
		err := Check(a, tt.scheme)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrStructure)):
			t.Errorf("%s: Check = %v, want %q", tt.name, err, tt.want)
		}
	}
	// Item 0 is a real category of the EU list.
	eu := &Annex{Meta: Meta{Regime: "EU"}, Items: []Item{{Number: 0, Groups: []Group{{Letter: "A", Entries: []Entry{{ID: "0A001", Children: []Entry{{ID: "0A001.a"}}}}}}}}}
	if err := Check(eu, nil); err != nil {
		t.Errorf("EU item 0: %v", err)
	}
	// The military list has one group per item, with an empty letter.
	ml := &Annex{Items: []Item{{Number: 8, Groups: []Group{{Letter: "", Entries: []Entry{{ID: "ML8.a"}, {ID: "ML8.dd"}}}}}}}
	if err := Check(ml, nil); err != nil || Of(ml) != ML {
		t.Errorf("ML: %v, scheme %s", err, Of(ml).Name)
	}
	ml.Items[0].Groups[0].Letter = "A"
	if err := Check(ml, ML); err == nil {
		t.Error("ML with a group letter passed")
	}
	// A national list that prints the MTCR numbering behind its own number
	// is prefixed, though its cover names the MTCR; an EU regime still
	// refuses MTCR ids.
	pre := &Annex{Meta: Meta{Regime: "MTCR"}, Items: []Item{{Number: 1, Groups: []Group{{Letter: "A", Entries: []Entry{{ID: "6-1.A.1"}}}}}}}
	if err := Check(pre, nil); err != nil || Of(pre) != Prefixed {
		t.Errorf("prefixed under the MTCR regime: %v, scheme %s", err, Of(pre).Name)
	}
	mix := &Annex{Meta: Meta{Regime: "EU"}, Items: []Item{{Number: 1, Groups: []Group{{Letter: "A", Entries: []Entry{{ID: "1.A.1"}}}}}}}
	if err := Check(mix, nil); err == nil {
		t.Error("MTCR ids under the EU regime passed")
	}
}

func TestItemZeroWritten(t *testing.T) {
	data, err := json.Marshal(Item{Number: 0})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"number":0`) {
		t.Errorf("item 0 encodes as %s, want its number written", data)
	}
}
