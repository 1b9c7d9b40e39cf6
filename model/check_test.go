package model

import (
	"strings"
	"testing"
)

func TestConsistency(t *testing.T) {
	e := func(id string, kids ...Entry) Entry { return Entry{ID: id, Text: "x", Children: kids} }
	group := func(letter string, es ...Entry) Group { return Group{Letter: letter, Entries: es} }
	item := func(n int, gs ...Group) Item { return Item{Number: n, Category: "II", Groups: gs} }
	tests := []struct {
		name  string
		items []Item
		want  []string // "id kind", in order
	}{
		{"clean", []Item{item(1, group("A", e("1.A.1", e("1.A.1.a")), e("1.A.2")), group("B")), item(3)}, nil},
		{"gap is not refused", []Item{item(1, group("A", e("1.A.1"), e("1.A.3")))}, nil},
		{"item twice", []Item{item(1), item(2), item(1)}, []string{"1 duplicate-item"}},
		{"items out of order", []Item{item(2), item(1)}, []string{"1 item-order"}},
		{"group twice", []Item{item(1, group("A"), group("A"))}, []string{"1.A group-order"}},
		{"groups out of order", []Item{item(1, group("B"), group("A"))}, []string{"1.A group-order"}},
		{"entry twice", []Item{item(1, group("A", e("1.A.1"), e("1.A.1")))}, []string{"1.A.1 duplicate-id"}},
		{"entry misplaced", []Item{item(1, group("A", e("1.A.1", e("1.A.2.a"))))}, []string{"1.A.2.a misplaced-id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Consistency(&Annex{Items: tt.items}) {
				got = append(got, p.ID+" "+p.Kind)
				if !IsMisread(p) {
					t.Errorf("IsMisread(%v) = false for a problem Consistency lists", p)
				}
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("Consistency = %q, want %q", got, tt.want)
			}
			if err := Check(&Annex{Items: tt.items}, MTCR); (err != nil) != (tt.want != nil) {
				t.Errorf("Check = %v, want an error: %v", err, tt.want != nil)
			}
		})
	}
}

func TestIsMisread(t *testing.T) {
	for kind, want := range map[string]bool{
		ProblemGap: true, ProblemDuplicate: true, ProblemMisplaced: true,
		ProblemDanglingRef: false, ProblemUndefinedTerm: false,
	} {
		if got := IsMisread(Problem{Kind: kind}); got != want {
			t.Errorf("IsMisread(%s) = %v, want %v", kind, got, want)
		}
	}
}
