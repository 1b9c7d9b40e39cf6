package diff

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Editorial changes are those that do not move the control boundary
// (CONTRACTS.md §2): white space, list punctuation at the end of an entry
// (";", "; or", "; and", ".", ","), letter case, spelling variants, the
// typographic form of quotes and dashes, and cross references rewritten to
// follow an entry renumbered in the same diff. Two texts differ editorially
// when their editorial keys are equal: the key folds the typography
// (textnorm.Fold), rewrites the old side's cross references through the
// renumbering, drops the closing list punctuation, lower-cases every word,
// maps every word to one spelling, and drops white space. Quotes are kept,
// single and double apart, so that marking a defined term ('program' or
// program to "program") stays substantive, and so is every number and unit.

// spellings maps British (and other) spellings that the rules below do not
// cover to one form. Words are lower case.
var spellings = map[string]string{
	"programme": "program", "programmes": "programs",
	"microprogramme": "microprogram", "microprogrammes": "microprograms",
	"aluminium": "aluminum", "sulphur": "sulfur", "sulphide": "sulfide", "sulphate": "sulfate",
	"grey": "gray", "defence": "defense", "licence": "license", "licences": "licenses",
	"offence": "offense", "catalogue": "catalog", "catalogues": "catalogs", "analogue": "analog",
	"analogues": "analogs", "dialogue": "dialog", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
	"manoeuvrable": "maneuverable", "manoeuvrability": "maneuverability", "manoeuvring": "maneuvering",
	"tyre": "tire", "tyres": "tires", "judgement": "judgment", "ageing": "aging", "acknowledgement": "acknowledgment",
	"modelling": "modeling", "modelled": "modeled", "labelled": "labeled", "labelling": "labeling",
	"travelled": "traveled", "travelling": "traveling", "signalled": "signaled", "signalling": "signaling",
	"cancelled": "canceled", "cancelling": "canceling", "fuelled": "fueled", "fuelling": "fueling",
	"channelled": "channeled", "channelling": "channeling", "levelled": "leveled", "levelling": "leveling",
	"tunnelling": "tunneling", "dialled": "dialed", "totalled": "totaled", "marshalling": "marshaling",
	"jewellery": "jewelry", "enrolment": "enrollment", "fulfil": "fulfill", "fulfils": "fulfills",
	"instalment": "installment", "skilful": "skillful", "wilful": "willful",
	"oestrogen": "estrogen", "haemoglobin": "hemoglobin", "caesium": "cesium",
	"vapour": "vapor", "vapours": "vapors", "mould": "mold", "moulds": "molds", "moulded": "molded", "moulding": "molding",
	"plough": "plow", "draught": "draft", "gauge": "gage", "gauges": "gages", "kerb": "curb",
	"aeroplane": "airplane", "aeroplanes": "airplanes", "artefact": "artifact", "artefacts": "artifacts",
	"practise": "practice", "practised": "practiced",
}

// spellingSuffixes are rules over word endings: British → American. A rule
// applies only when the stem before the ending has at least minStem letters,
// so that short words ("prise", "four", "hour") are never touched.
var spellingSuffixes = []struct {
	from, to string
	minStem  int
}{
	// -ise → -ize (organise, organisation, oxidiser, stabilised …)
	{"isation", "ization", 3}, {"isations", "izations", 3},
	{"ise", "ize", 3}, {"ised", "ized", 3}, {"ises", "izes", 3}, {"ising", "izing", 3},
	{"iser", "izer", 3}, {"isers", "izers", 3}, {"isable", "izable", 3},
	// -yse → -yze (analyse, catalyse, electrolyse)
	{"yse", "yze", 3}, {"ysed", "yzed", 3}, {"yser", "yzer", 3}, {"ysers", "yzers", 3}, {"ysing", "yzing", 3},
	// -our → -or (colour, behaviour, vapour, armour, harbour, labour, humour)
	{"our", "or", 2}, {"ours", "ors", 2}, {"oured", "ored", 2}, {"ouring", "oring", 2},
	{"ourable", "orable", 2}, {"ourless", "orless", 2}, {"ourful", "orful", 2},
	// -tre/-bre → -ter/-ber (centre, metre, kilometre, litre, fibre, calibre, theatre, spectre)
	{"metre", "meter", 0}, {"metres", "meters", 0}, {"litre", "liter", 0}, {"litres", "liters", 0},
	{"centre", "center", 0}, {"centres", "centers", 0}, {"centred", "centered", 0}, {"centring", "centering", 0},
	{"fibre", "fiber", 0}, {"fibres", "fibers", 0}, {"calibre", "caliber", 0}, {"calibres", "calibers", 0},
	{"theatre", "theater", 0}, {"spectre", "specter", 0}, {"sabre", "saber", 0}, {"lustre", "luster", 0},
	{"meagre", "meager", 0}, {"sombre", "somber", 0},
	// -ogue → -og
	{"ogue", "og", 4}, {"ogues", "ogs", 4},
}

// canonSpelling maps a word to the spelling that both sides are compared in.
// The word is lower-cased first.
func canonSpelling(w string) string {
	w = strings.ToLower(w)
	if s, ok := spellings[w]; ok {
		return s
	}
	best := ""
	for _, r := range spellingSuffixes {
		if len(r.from) > len(best) && strings.HasSuffix(w, r.from) && len(w)-len(r.from) >= r.minStem {
			best = r.from
		}
	}
	if best == "" {
		return w
	}
	for _, r := range spellingSuffixes {
		if r.from == best {
			stem := w[:len(w)-len(r.from)]
			if s, ok := spellings[stem+r.from]; ok {
				return s
			}
			return stem + r.to
		}
	}
	return w
}

// SpellingVariants reports whether two words are spellings of the same word
// by the table and rules of this package (program/programme, -ise/-ize,
// -our/-or, centre/center, metre/meter, litre/liter, modelling/modeling …),
// ignoring letter case.
func SpellingVariants(a, b string) bool { return canonSpelling(a) == canonSpelling(b) }

// replaceRefs calls fn for every cross reference such as "2.A.1.c.2." or
// "1.A." in s (the pattern of package model's References, scanned by hand
// because the regular expression dominated the cost of Compare) and
// replaces it by what fn returns.
func replaceRefs(s string, fn func(string) string) string {
	if mayHaveCodeRef(s) {
		s = codeRefRE.ReplaceAllStringFunc(s, fn)
	}
	if !mayHaveRef(s) {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '1' || s[i] > '9' || i > 0 && isIDByte(s[i-1]) {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j+2 >= len(s) || s[j] != '.' || s[j+1] < 'A' || s[j+1] > 'E' || s[j+2] != '.' {
			continue
		}
		end := j + 3
		for {
			k := end
			for k < len(s) && k-end < 3 && (s[k] >= '0' && s[k] <= '9' || s[k] >= 'a' && s[k] <= 'z') {
				k++
			}
			if k == end {
				break
			}
			if k < len(s) && s[k] == '.' {
				end = k + 1
				continue
			}
			if k == len(s) || !isIDByte(s[k]) {
				end = k
			}
			break
		}
		b.WriteString(s[last:i])
		b.WriteString(fn(s[i:end]))
		last = end
		i = end - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// codeRefRE finds cross references written as EU control codes or military
// list codes, trailing dot included: "9A012", "9A112.a.", "ML10.a.1.". Their
// shapes differ from the MTCR ids the hand scanner below finds, so every
// scheme's references are found without knowing the document's scheme.
var codeRefRE = regexp.MustCompile(`\b(?:[0-9][A-E][0-9]{3}|ML[1-9][0-9]?)(?:\.[0-9a-z]{1,4})*\b\.?`)

// mayHaveCodeRef reports whether s may hold an EU or military list code: a
// digit, a letter A to E and a digit, or "ML" and a digit.
func mayHaveCodeRef(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' && s[i+1] >= 'A' && s[i+1] <= 'E' && s[i+2] >= '0' && s[i+2] <= '9' ||
			c == 'M' && s[i+1] == 'L' && s[i+2] >= '1' && s[i+2] <= '9' {
			return true
		}
	}
	return false
}

// isIDByte reports the bytes that make a word boundary fail (\w).
func isIDByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// rewriteRefs replaces every cross reference in s to an entry that renum maps
// to a new id by that id, keeping a trailing dot.
func rewriteRefs(s string, renum map[string]string) string {
	if len(renum) == 0 {
		return s
	}
	return replaceRefs(s, func(m string) string {
		dot := strings.HasSuffix(m, ".")
		id, err := model.ParseID(m)
		if err != nil {
			return m
		}
		if n, ok := renum[id.String()]; ok {
			if dot {
				return n + "."
			}
			return n
		}
		return m
	})
}

// listEnd splits the list punctuation that closes an entry (";", "; or",
// "; and", ",", ".", up to two marks so that "1.A." and "1.A.;" close alike)
// off s, and returns the rest and the closing conjunction in lower case
// ("or", "and", "and/or" or "").
func listEnd(s string) (string, string) {
	t := strings.TrimRight(s, " ")
	conj := ""
	for _, c := range []string{"and/or", "and", "or"} {
		if len(t) >= len(c) && strings.EqualFold(t[len(t)-len(c):], c) {
			before := t[:len(t)-len(c)]
			if before == "" || !isIDByte(before[len(before)-1]) {
				conj = c
				t = strings.TrimRight(before, " ")
				break
			}
		}
	}
	for k := 0; k < 2 && t != ""; k++ {
		switch t[len(t)-1] {
		case ';', ',', '.':
			t = strings.TrimRight(t[:len(t)-1], " ")
		default:
			k = 2
		}
	}
	return t, conj
}

// editorialKey returns the form in which two texts are equal when they
// differ only editorially, and the conjunction that closes the text. Tokens
// are joined without separators, so that white space never counts ("90kN"
// and "90 kN" agree).
func editorialKey(s string) (string, string) {
	s, conj := listEnd(s)
	var b strings.Builder
	for _, t := range tokenize(s) {
		r := []rune(t)[0]
		switch {
		case unicode.IsSpace(r):
			continue
		case isWordRune(r):
			b.WriteString(canonSpelling(t))
		default:
			b.WriteString(t)
		}
	}
	return b.String(), conj
}

// EditorialText reports whether two texts differ only editorially, by the
// rules Compare applies to an entry's own text (white space, list
// punctuation, letter case, spelling variants, typography).
func EditorialText(old, new string) bool { return editorialText(old, new, nil) }

// EditorialForm returns what EditorialText compares of a text: the form in
// which two texts that differ only editorially are equal, and the
// conjunction that closes the text ("or", "and" or ""). EditorialText(a, b)
// is true exactly when the forms of a and b are equal and their
// conjunctions are equal or one of them is "".
func EditorialForm(s string) (form, conj string) { return editorialKey(textnorm.Fold(s)) }

// editorialText reports whether old and new texts differ only editorially,
// the old one read through the renumbering renum (old id → new id).
// A closing ";" may become "; or" or "; and" (and back), but "; or" does
// not become "; and".
func editorialText(old, new string, renum map[string]string) bool {
	ko, co := editorialKey(rewriteRefs(textnorm.Fold(old), renum))
	kn, cn := editorialKey(textnorm.Fold(new))
	return ko == kn && (co == cn || co == "" || cn == "")
}

// editorialNotes reports whether two note lists differ only editorially: the
// same number of notes, of the same kinds and labels, whose texts differ
// only editorially.
func editorialNotes(old, new []model.Note, renum map[string]string) bool {
	if len(old) != len(new) {
		return false
	}
	for i := range old {
		if old[i].Kind != new[i].Kind || old[i].Label != new[i].Label {
			return false
		}
		if !editorialText(old[i].Text, new[i].Text, renum) {
			return false
		}
	}
	return true
}
