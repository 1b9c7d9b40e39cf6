package diff

import "testing"

func TestSpellingVariants(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"programme", "program", true},
		{"Programmes", "programs", true},
		{"Microprogramme", "microprogram", true},
		{"organise", "organize", true},
		{"organisation", "organization", true},
		{"oxidiser", "oxidizer", true},
		{"stabilised", "stabilized", true},
		{"analyse", "analyze", true},
		{"colour", "color", true},
		{"behaviour", "behavior", true},
		{"vapour", "vapor", true},
		{"centre", "center", true},
		{"centred", "centered", true},
		{"metre", "meter", true},
		{"kilometres", "kilometers", true},
		{"litres", "liters", true},
		{"fibre", "fiber", true},
		{"modelling", "modeling", true},
		{"catalogue", "catalog", true},
		{"aluminium", "aluminum", true},
		{"sulphur", "sulfur", true},
		{"defence", "defense", true},
		// Different words that a careless rule would merge.
		{"four", "for", false},
		{"hour", "hor", false},
		{"your", "yor", false},
		{"prise", "prize", false},
		{"tonne", "ton", false},
		{"filled", "filed", false},
		{"rolling", "roling", false},
		{"special", "dedicated", false},
		{"meter", "metre", true},
	}
	for _, tt := range tests {
		if got := SpellingVariants(tt.a, tt.b); got != tt.want {
			t.Errorf("SpellingVariants(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestEditorialText(t *testing.T) {
	renum := map[string]string{"3.C.5": "3.C.4", "10.A.2": "9.A.8", "2.A.1.c": "2.A.1.d",
		"9A012.b.4": "9A012.c", "9A010.a.2": "9A010.a.3", "ML10.b": "ML10.c"}
	tests := []struct {
		name     string
		old, new string
		want     bool
	}{
		{"white space", "rated at  90 kN", "rated at 90 kN", true},
		{"white space inside a quantity", "rated at 90kN", "rated at 90 kN", true},
		{"list punctuation or", "Butyl-NENA (CAS 82486-82-6); or", "Butyl-NENA (CAS 82486-82-6);", true},
		{"list punctuation and", "Butyl-NENA;", "Butyl-NENA; and", true},
		{"full stop to semicolon", "usable in the systems specified in 1.A.", "usable in the systems specified in 1.A.;", true},
		{"or to and is not punctuation", "Butyl-NENA; or", "Butyl-NENA; and", false},
		{"letter case", "ISO 492 Tolerance Class 2", "ISO 492 tolerance class 2", true},
		{"spelling", "the oxidiser in the programme centre", "the oxidizer in the program center", true},
		{"curly quotes", "a “range” of 300 km – at least", "a \"range\" of 300 km - at least", true},
		{"superscripts", "1.1 × 10⁶ Ns", "1.1 × 10^6 Ns", true},
		{"reference follows renumbering", "3.C.5. does not control", "3.C.4. does not control", true},
		{"reference follows move", "specified in 10.A.1. or 10.A.2., and", "specified in 10.A.1. or 9.A.8., and", true},
		{"reference to a sub-entry", "see 2.A.1.c", "see 2.A.1.d", true},
		{"reference not renumbered", "3.C.3. does not control", "3.C.4. does not control", false},
		{"EU code follows renumbering", "specified in 9A012.b.4. or 9A112.a.", "specified in 9A012.c. or 9A112.a.", true},
		{"EU code not renumbered", "specified in 9A012 or 9A112.a.", "specified in 9A012 or 9A113.a.", false},
		{"military list code follows renumbering", "see ML10.b. and entry 1A006", "see ML10.c. and entry 1A006", true},
		{"decimal comma", "exceeding 0,61 m", "exceeding 0,5 m", false},
		{"number", "more than 90 kN", "more than 80 kN", false},
		{"unit", "more than 90 kN", "more than 90 N", false},
		{"word", "held in a special storage area", "held in a dedicated storage area", false},
		{"quotes mark a defined term", "software for the program", "software for the \"program\"", false},
		{"single to double quotes", "'Guidance sets', usable", "\"Guidance sets\", usable", false},
		{"words added", "at least 300 km.", "at least 300 km, whatever their configuration.", false},
		{"punctuation inside the text", "systems, usable", "systems usable", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := editorialText(tt.old, tt.new, renum); got != tt.want {
				t.Errorf("editorialText(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestReplaceRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"specified in 2.A.1.c.2. or 1.A. and 19.A.1", "specified in <2.A.1.c.2.> or <1.A.> and <19.A.1>"},
		{"3.C.5. does not control", "<3.C.5.> does not control"},
		{"see 9.D.1.c.", "see <9.D.1.c.>"},
		{"x2.A.1 and 123.A.1 and 2.F.1 and 2.A", "x2.A.1 and 123.A.1 and 2.F.1 and 2.A"},
		{"2.A.1abcd", "<2.A.>1abcd"},
		{"CAS 6415-12-9; ISO 492", "CAS 6415-12-9; ISO 492"},
		{"specified in 9A012 or 9A112.a., 3A001.b.1.a.4.", "specified in <9A012> or <9A112.a.>, <3A001.b.1.a.4.>"},
		{"see ML4. and ML10.a.1; HTML5 and 19A001", "see <ML4.> and <ML10.a.1>; HTML5 and 19A001"},
		{"", ""},
	}
	for _, tt := range tests {
		got := replaceRefs(tt.in, func(m string) string { return "<" + m + ">" })
		if got != tt.want {
			t.Errorf("replaceRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestListEnd(t *testing.T) {
	tests := []struct{ in, rest, conj string }{
		{"Butyl-NENA (CAS 82486-82-6); or", "Butyl-NENA (CAS 82486-82-6)", "or"},
		{"a; and", "a", "and"},
		{"a; AND", "a", "and"},
		{"a; and/or", "a", "and/or"},
		{"specified in 1.A.;", "specified in 1.A", ""},
		{"specified in 1.A.", "specified in 1.A", ""},
		{"as follows:", "as follows:", ""},
		{"hydrazine or", "hydrazine", "or"},
		{"the colour", "the colour", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		rest, conj := listEnd(tt.in)
		if rest != tt.rest || conj != tt.conj {
			t.Errorf("listEnd(%q) = %q, %q, want %q, %q", tt.in, rest, conj, tt.rest, tt.conj)
		}
	}
}

// TestEditorialForm: EditorialText is the comparison of the two texts'
// forms, as EditorialForm says, on the pairs of TestEditorialText without
// renumbering and on every pair among variants of list endings, case,
// spacing, spelling and quantities.
func TestEditorialForm(t *testing.T) {
	texts := []string{
		"rated at  90 kN", "rated at 90 kN", "rated at 90kN", "Rated at 90 kN; or", "rated at 90 kN; and",
		"rated at 90 kN;", "rated at 80 kN", "Butyl-NENA (CAS 82486-82-6); or", "Butyl-NENA (CAS 82486-82-6);",
		"Butyl-NENA; and", "the oxidiser in the programme centre", "the oxidizer in the program center",
		"a “range” of 300 km – at least", "a \"range\" of 300 km - at least", "1.1 × 10⁶ Ns", "1.1 × 10^6 Ns",
		"software for the program", "software for the \"program\"", "usable in the systems specified in 1.A.",
		"usable in the systems specified in 1.A.;", "", "exceeding 0,61 m", "exceeding 0,5 m",
	}
	compatible := func(a, b string) bool {
		fa, ca := EditorialForm(a)
		fb, cb := EditorialForm(b)
		return fa == fb && (ca == cb || ca == "" || cb == "")
	}
	agree, editorial := 0, 0
	for _, a := range texts {
		for _, b := range texts {
			want := EditorialText(a, b)
			if got := compatible(a, b); got != want {
				t.Errorf("forms of %q and %q compatible = %v, EditorialText = %v", a, b, got, want)
			}
			agree++
			if want && a != b {
				editorial++
			}
		}
	}
	if editorial < 10 {
		t.Errorf("only %d of %d pairs differ editorially; the test checks too little", editorial, agree)
	}
}
