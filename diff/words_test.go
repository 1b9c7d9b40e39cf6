package diff

import (
	"reflect"
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Op
	}{
		{"empty", "", "", nil},
		{"equal", "rated at 90 kN", "rated at 90 kN", []Op{{"=", "rated at 90 kN"}}},
		{"number", "rated at more than 90 kN", "rated at more than 80 kN",
			[]Op{{"=", "rated at more than "}, {"-", "90"}, {"+", "80"}, {"=", " kN"}}},
		{"id segment", "see 2.A.10.", "see 2.A.11.",
			[]Op{{"=", "see 2.A."}, {"-", "10"}, {"+", "11"}, {"=", "."}}},
		{"insert words", "at least 300 km.", "at least 300 km, whatever their mission.",
			[]Op{{"=", "at least 300 km"}, {"+", ", whatever their mission"}, {"=", "."}}},
		{"rewording absorbs spaces", "held in a special storage area", "held in a dedicated new storage area",
			[]Op{{"=", "held in a "}, {"-", "special"}, {"+", "dedicated new"}, {"=", " storage area"}}},
		{"two words replaced", "one two three four", "one five six four",
			[]Op{{"=", "one "}, {"-", "two three"}, {"+", "five six"}, {"=", " four"}}},
		{"from empty", "", "new text", []Op{{"+", "new text"}}},
		{"to empty", "old text", "", []Op{{"-", "old text"}}},
		{"quotes", "'Guidance sets', usable", "\"Guidance sets\", usable",
			[]Op{{"-", "'"}, {"+", "\""}, {"=", "Guidance sets"}, {"-", "'"}, {"+", "\""}, {"=", ", usable"}}},
		{"private use runes in input", "a \ue000 b", "a \ue001 b",
			[]Op{{"=", "a "}, {"-", "\ue000"}, {"+", "\ue001"}, {"=", " b"}}},
		{"invalid utf8", "a \xff b", "a \xfe c",
			[]Op{{"=", "a \ufffd "}, {"-", "b"}, {"+", "c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("WordDiff(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
			}
			checkRoundTrip(t, tt.old, tt.new, got)
		})
	}
}

func TestTokenize(t *testing.T) {
	got := tokenize("1.1 × 10⁶ Ns;  “range”")
	want := []string{"1", ".", "1", " ", "×", " ", "10⁶", " ", "Ns", ";", "  ", "“", "range", "”"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize = %q, want %q", got, want)
	}
}

func checkRoundTrip(t *testing.T, old, new string, ops []Op) {
	t.Helper()
	old = strings.ToValidUTF8(old, "\uFFFD")
	new = strings.ToValidUTF8(new, "\uFFFD")
	if got := DiffText1(ops); got != old {
		t.Errorf("DiffText1(WordDiff(%q, %q)) = %q, want the old text", old, new, got)
	}
	if got := DiffText2(ops); got != new {
		t.Errorf("DiffText2(WordDiff(%q, %q)) = %q, want the new text", old, new, got)
	}
	for i, o := range ops {
		if o.Text == "" {
			t.Errorf("WordDiff(%q, %q): op %d is empty", old, new, i)
		}
		if i > 0 && ops[i-1].Op == o.Op {
			t.Errorf("WordDiff(%q, %q): ops %d and %d are both %q", old, new, i-1, i, o.Op)
		}
		if i > 0 && ops[i-1].Op == OpInsert && o.Op == OpDelete {
			t.Errorf("WordDiff(%q, %q): insertion before deletion at %d", old, new, i)
		}
	}
}

func FuzzWordDiff(f *testing.F) {
	f.Add("rated at more than 90 kN", "rated at more than 80 kN")
	f.Add("Butyl-NENA (CAS 82486-82-6); or", "Butyl-NENA (CAS 82486-82-6);")
	f.Add("", "x")
	f.Add("a \xff b", "\ue000\U000F0000")
	f.Add("Note 1: one\nNote 2: two", "Note 1: one\nTechnical Note: three")
	f.Fuzz(func(t *testing.T, old, new string) {
		ops := WordDiff(old, new)
		checkRoundTrip(t, old, new, ops)
		if again := WordDiff(old, new); !reflect.DeepEqual(again, ops) {
			t.Errorf("WordDiff(%q, %q) not deterministic: %q then %q", old, new, ops, again)
		}
	})
}
