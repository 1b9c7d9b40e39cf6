package pdf

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"testing"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// TestHeadsAgreeWithGrammar checks that the first-character test in front
// of each heading expression never changes an answer of the grammar: on
// every line of the sample PDFs (all three schemes' lists) and on crafted
// lines, for every scheme, heads answers as grammar.Grammar does.
func TestHeadsAgreeWithGrammar(t *testing.T) {
	lines := []string{
		"", " ", "ITEM 1", "item 2 PROPULSION", "İTEM 3", "\u00a0ITEM 4", " ITEM 5", "Item 19", "ıtem 1",
		"ML1", "ML22. Technology", "ml1", "\tML3", "Category 9", "CATEGORY II", "Category I", "category 4",
		"1.A.1.", "1.A.1. Complete rocket", "19.A.3.a.", "9A001", "9A001.a.", "9a001", "2.A.", "2.B. EQUIPMENT",
		"9A SYSTEMS", "a. text", "1. text", "\x80ITEM 1", "\uFFFDML1", "0A001",
	}
	for _, name := range []string{"sample-2023.pdf", "sample-2024.pdf", "sample-2024-letter.pdf", "eu-military-list-2020-no.pdf", "eu/eu9-2026.pdf"} {
		data := readSample(t, name)
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range doc.Pages {
			for _, l := range p.lines {
				lines = append(lines, l.text, l.text[min(len(l.text), 1):])
			}
		}
	}
	matched := 0
	for _, s := range model.Schemes {
		h, g := headsOf(s), grammar.For(s)
		if h.item.any || h.entry.any {
			t.Errorf("%s: no first-character test for item or entry headings", s.Name)
		}
		for _, l := range lines {
			check := func(what string, got, want []any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s(%q) = %v, grammar says %v", s.Name, what, l, got, want)
				}
				if want[len(want)-1] == true {
					matched++
				}
			}
			n, title, ok := h.ItemHead(l)
			n2, title2, ok2 := g.ItemHead(l)
			check("ItemHead", []any{n, title, ok}, []any{n2, title2, ok2})
			i, letter, title, ok := h.GroupHead(l)
			i2, letter2, title2, ok2 := g.GroupHead(l)
			check("GroupHead", []any{i, letter, title, ok}, []any{i2, letter2, title2, ok2})
			id, rest, ok := h.EntryHead(l)
			id2, rest2, ok2 := g.EntryHead(l)
			check("EntryHead", []any{id, rest, ok}, []any{id2, rest2, ok2})
			c, ok := h.CategoryHead(l)
			c2, ok2 := g.CategoryHead(l)
			check("CategoryHead", []any{c, ok}, []any{c2, ok2})
		}
	}
	if matched < 500 {
		t.Errorf("only %d headings matched in %d lines: the test reads too little", matched, len(lines))
	}
}

// TestFirstRunesOf checks the test a few expressions get.
func TestFirstRunesOf(t *testing.T) {
	tests := []struct {
		re  string
		any bool
		yes []string
		no  []string
	}{
		{`^(?i:item)\s+([0-9])`, false, []string{"ITEM 1", "item", "Item"}, []string{"", "1", " item", "x"}},
		{`^([0-9])([A-E])`, false, []string{"9A"}, []string{"A9", "", " 9A"}},
		{`^a|b`, true, nil, nil},   // b is not anchored
		{`(?m)^a`, true, nil, nil}, // after any newline
		{`^x?`, true, nil, nil},    // matches the empty text
		{`\bx`, true, nil, nil},
		{`^.`, false, []string{"x", "é"}, []string{""}},
	}
	for _, tt := range tests {
		f := firstRunesOf(regexpMust(t, tt.re))
		if f.any != tt.any {
			t.Errorf("%s: any = %v, want %v", tt.re, f.any, tt.any)
		}
		for _, s := range tt.yes {
			if !f.may(s) {
				t.Errorf("%s: may(%q) = false, want true", tt.re, s)
			}
		}
		for _, s := range tt.no {
			if f.may(s) {
				t.Errorf("%s: may(%q) = true, want false", tt.re, s)
			}
		}
	}
	if !firstRunesOf(nil).any {
		t.Error("nil expression: any = false, want true")
	}
}

func regexpMust(t *testing.T, s string) *regexp.Regexp {
	t.Helper()
	re, err := regexp.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return re
}

// TestSieveKeepsAnswers checks that what Parse leaves out as it reads the
// pages (the words of lines the builder never measures, the scheme's
// heading count) changes nothing: Parse answers as the builder does on the
// document with every word kept and the headings counted afterwards, for
// each scheme chosen by content or forced.
func TestSieveKeepsAnswers(t *testing.T) {
	inputs := answerInputs(t)
	schemes := append([]*model.Scheme{nil}, model.Schemes...)
	for name, data := range inputs {
		for _, s := range schemes {
			got, gotErr := Parse(bytes.NewReader(data), int64(len(data)), Options{Scheme: s})
			doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want, wantErr := build(doc, s)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s, scheme %v: Parse = %v, %v; build with every word = %v, %v", name, s, summary(got), gotErr, summary(want), wantErr)
			}
		}
	}
}

func summary(a *model.Annex) string {
	if a == nil {
		return "nil"
	}
	return fmt.Sprintf("%d items, %d entries", len(a.Items), a.CountEntries())
}
