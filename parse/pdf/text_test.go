package pdf

import (
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

func TestJoinLines(t *testing.T) {
	tests := []struct {
		lines []string
		vocab []string
		want  string
	}{
		{[]string{"made of light-", "weight materials"}, []string{"lightweight"}, "made of lightweight materials"},
		{[]string{"made of light-", "weight materials"}, []string{"lightweight", "light-weight"}, "made of light-weight materials"},
		{[]string{"made of light-", "weight materials"}, nil, "made of light-weight materials"},
		{[]string{"re-", "entry vehicles"}, []string{"reentry", "re-entry"}, "re-entry vehicles"},
		{[]string{"(CAS 10544-72-", "7);"}, nil, "(CAS 10544-72-7);"},
		{[]string{"a range -", "measured"}, nil, "a range - measured"},
		{[]string{"  first  line ", "", "second\u00a0line"}, nil, "first line second line"},
		{[]string{"soft\u00ad", "hyphen"}, nil, "softhyphen"},
		{[]string{"50 × 10 ⁻⁶ m and N ⁻¹"}, nil, "50 × 10⁻⁶ m and N⁻¹"},
		{[]string{"ﬁbre"}, nil, "fibre"},
	}
	for _, tt := range tests {
		v := vocabulary{}
		for _, w := range tt.vocab {
			v[w] = 1
		}
		if got := joinLines(tt.lines, v); got != tt.want {
			t.Errorf("joinLines(%q, %v) = %q, want %q", tt.lines, tt.vocab, got, tt.want)
		}
	}
}

func TestParseTerm(t *testing.T) {
	tests := []struct {
		line              string
		term, scope, rest string
		ok                bool
	}{
		{`"Accuracy" (Items 2, 9 and 11)`, "Accuracy", "Items 2, 9 and 11", "", true},
		{`“Range” The greatest distance`, "Range", "", "The greatest distance", true},
		{`'Young's modulus'`, "Young's modulus", "", "", true},
		{`"Production equipment", and "software"`, "", "", "", false},
		{`"Software" specially designed`, "", "", "", false},
		{`Normally expressed`, "", "", "", false},
	}
	for _, tt := range tests {
		term, scope, rest, ok := parseTerm(tt.line)
		if term != tt.term || scope != tt.scope || rest != tt.rest || ok != tt.ok {
			t.Errorf("parseTerm(%q) = %q, %q, %q, %v, want %q, %q, %q, %v",
				tt.line, term, scope, rest, ok, tt.term, tt.scope, tt.rest, tt.ok)
		}
	}
}

// TestCompareAnnex checks the golden comparison itself: a changed text, a
// changed label and a missing entry are each reported with their path.
func TestCompareAnnex(t *testing.T) {
	mk := func() *model.Annex {
		return &model.Annex{Items: []model.Item{{Number: 1, Title: "X", Groups: []model.Group{{Letter: "A", Entries: []model.Entry{
			{ID: "1.A.1", Text: "Text “quoted” – dash 10⁶", Notes: []model.Note{{Kind: "Note", Label: "1", Text: "n"}}},
			{ID: "1.A.2", Text: "t"},
		}}}}}}
	}
	a, b := mk(), mk()
	b.Items[0].Groups[0].Entries[0].Text = `Text "quoted" - dash 10^6` // folds equal
	if d := compareAnnex(a, b); len(d) != 0 {
		t.Errorf("compareAnnex(typographic variants) = %q, want no difference", d)
	}
	b.Items[0].Groups[0].Entries[0].Notes[0].Label = "2"
	b.Items[0].Groups[0].Entries[0].Text = "Other"
	b.Items[0].Groups[0].Entries = b.Items[0].Groups[0].Entries[:1]
	d := strings.Join(compareAnnex(a, b), "\n")
	for _, want := range []string{"1.A.1.text", "1.A.1.notes[0].label", "entries"} {
		if !strings.Contains(d, want) {
			t.Errorf("compareAnnex differences %q do not name %s", d, want)
		}
	}
}
