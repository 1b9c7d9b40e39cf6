package diff

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Bound says on which side of a threshold the controlled goods lie.
type Bound int

// The bounds a comparator gives a quantity.
const (
	Unbounded Bound = 0  // no clear comparator
	Lower     Bound = 1  // controls values at or above the threshold ("at least", "more than", "or more")
	Upper     Bound = -1 // controls values at or below the threshold ("less than", "up to", "or less")
)

// Measure is a number with a unit found in a text.
type Measure struct {
	Text  string  // as printed, e.g. "1.1 × 10⁶ Ns"
	Value float64 // the number, with any power of ten applied
	Unit  string  // the unit as compared: folded, spelling variants unified ("liter per minute")
	Bound Bound   // what the comparator before or after it says
	Start int     // byte offset of Text in the text
}

// numberRE finds a number, with thousands separators, decimals and an
// optional power of ten written "× 10⁶", "x 10^6" or "×10⁻³".
var numberRE = regexp.MustCompile(`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?` + powerOfTen)

// numberCommaRE finds a number written the EU way: decimal comma, spaces
// (plain, no-break or thin) between thousands: "0,15", "8 890", "1,14 × 10-3".
var numberCommaRE = regexp.MustCompile(`(?:\d{1,3}(?:[ \x{a0}\x{2009}\x{202f}]\d{3})+|\d+)(?:,\d+)?` + powerOfTen)

const powerOfTen = `(?:\s?[×x]\s?10(?:\^[-−+]?\d+|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?`

// numbers is how a list writes numbers: the scheme's decimal comma and
// thousands spaces, or the MTCR's decimal point and thousands commas.
type numbers struct {
	re    *regexp.Regexp
	comma bool
}

func numbersOf(s *model.Scheme) numbers {
	if s != nil && s.DecimalComma {
		return numbers{re: numberCommaRE, comma: true}
	}
	return numbers{re: numberRE}
}

// unitWords are units spelled as words, and symbols that take no prefix.
var unitWords = map[string]bool{
	"percent": true, "%": true, "rpm": true, "rms": true, "°C": true, "°F": true, "°": true,
	"degree": true, "degrees": true, "dB": true, "dBm": true, "dBi": true,
	"litre": true, "litres": true, "liter": true, "liters": true,
	"metre": true, "metres": true, "meter": true, "meters": true,
	"kilometre": true, "kilometres": true, "kilometer": true, "kilometers": true,
	"millimetre": true, "millimetres": true, "millimeter": true, "millimeters": true,
	"second": true, "seconds": true, "minute": true, "minutes": true, "min": true,
	"hour": true, "hours": true, "h": true, "day": true, "days": true,
	"kilogram": true, "kilograms": true, "gram": true, "grams": true, "tonne": true, "tonnes": true,
	"newton": true, "newtons": true, "bit": true, "bits": true, "byte": true, "bytes": true,
	"arc": true, "mrad": true, "µrad": true, "rad": true, "sr": true, "lbf": true, "lb": true,
	"ft": true, "in": false, "psi": true, "Mach": false, "g": true, "G": false, "mil": false,
	"ppm": true, "eV": true, "keV": true, "MeV": true, "Gy": true, "mol": true, "cd": true,
	"Ns": true, "kNs": true, "MNs": true, "Nm": true, "deg": true,
}

// unitBases take an SI prefix.
var unitBases = []string{"m", "g", "s", "N", "Pa", "Hz", "W", "J", "V", "K", "bar", "l", "L", "A", "Ω", "Wh", "Gy", "rad", "Ns", "t"}

var unitPrefixes = []string{"", "k", "M", "G", "T", "m", "µ", "μ", "n", "p", "c", "d", "h"}

var unitSymbols = func() map[string]bool {
	m := make(map[string]bool)
	for _, b := range unitBases {
		for _, p := range unitPrefixes {
			m[p+b] = true
		}
	}
	// Letters that are more often words or articles than units on their own.
	delete(m, "A")
	delete(m, "t")
	delete(m, "dA")
	delete(m, "hA")
	delete(m, "cd")
	delete(m, "ms") // kept below: milliseconds, not "m s"
	m["ms"] = true
	for w, ok := range unitWords {
		if ok {
			m[w] = true
		}
	}
	return m
}()

// unitAtom reads one unit symbol with an optional exponent at the start of s
// and returns its length, or 0.
func unitAtom(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || r == '°' || r == '%' || r == 'µ' || r == 'Ω' {
			i += n
			continue
		}
		break
	}
	if i == 0 {
		return 0
	}
	if !unitSymbols[s[:i]] {
		return 0
	}
	// exponent: superscripts or ^-1
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", r) {
			j += n
			continue
		}
		break
	}
	if j == i && strings.HasPrefix(s[i:], "^") {
		k := i + 1
		if k < len(s) && (s[k] == '-' || s[k] == '+') {
			k++
		}
		d := k
		for d < len(s) && s[d] >= '0' && s[d] <= '9' {
			d++
		}
		if d > k {
			j = d
		}
	}
	// the symbol must end a word
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return 0
		}
	}
	return j
}

// unitAt reads a unit phrase ("kg N⁻¹ h⁻¹", "litres per minute", "g/cm³",
// "g rms") after a number and returns its length including the space before
// it, or 0.
func unitAt(s string) int {
	i := 0
	if strings.HasPrefix(s, " ") {
		i = 1
	}
	if strings.HasPrefix(s[i:], "per cent") && unitAtomEnds(s[i+len("per cent"):]) {
		return i + len("per cent")
	}
	n := unitAtom(s[i:])
	if n == 0 {
		return 0
	}
	end := i + n
	for atoms := 1; atoms < 4; atoms++ {
		rest := s[end:]
		var sep int
		loose := false
		switch {
		case strings.HasPrefix(rest, " per "):
			sep = len(" per ")
		case strings.HasPrefix(rest, "/"):
			sep = 1
		case strings.HasPrefix(rest, " "):
			sep, loose = 1, true
		case strings.HasPrefix(rest, "·"), strings.HasPrefix(rest, "⋅"):
			sep = len("·")
		default:
			return end
		}
		m := unitAtom(rest[sep:])
		if m == 0 || loose && isLooseWord(rest[sep:sep+m]) {
			return end
		}
		end += sep + m
	}
	return end
}

func unitAtomEnds(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// isLooseWord reports unit symbols that, after a first unit, are more likely
// the next word of the sentence than a second unit.
func isLooseWord(s string) bool {
	switch s {
	case "in", "h", "m", "s", "g", "l", "L", "K", "N", "W", "J", "V", "arc", "min", "day", "days", "second", "seconds", "minute", "minutes", "hour", "hours":
		// "10 kg in", "300 m s…": a word; "kg N⁻¹ h⁻¹" has exponents.
		return !strings.ContainsAny(s, "⁻⁺^")
	}
	return false
}

// Measures returns the numbers with units in text, in order. A number
// without a unit is taken when it opens a range whose other end has one
// ("between 12 and 50 mm").
func Measures(text string) []Measure { return measures(text, numbers{re: numberRE}) }

// MeasuresIn is Measures for a text of a list numbered in scheme s, read
// with its way of writing numbers ("0,15 kg", "8 890 N" in the EU lists).
func MeasuresIn(text string, s *model.Scheme) []Measure { return measures(text, numbersOf(s)) }

func measures(text string, nf numbers) []Measure {
	var out []Measure
	locs := nf.re.FindAllStringIndex(text, -1)
	for k, loc := range locs {
		start, end := loc[0], loc[1]
		if start > 0 {
			// part of an id, a CAS number or a word ("2.A.1", "6415-12-9", "ISO 492"…)
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '/' || r == ',' && start > 1 && text[start-2] != ' ' {
				continue
			}
		}
		if end < len(text) && (text[end] == '.' || text[end] == '-') && end+1 < len(text) && text[end+1] >= '0' && text[end+1] <= '9' {
			continue // 6415-12-9, 2.A.1.b
		}
		u := unitAt(text[end:])
		m := Measure{Start: start}
		if u == 0 {
			// "between 12 and 50 mm": borrow the unit of the other end.
			if k+1 < len(locs) {
				gap := text[end:locs[k+1][0]]
				if gap == " and " || gap == " to " || gap == "-" || gap == "–" || gap == " - " {
					if u2 := unitAt(text[locs[k+1][1]:]); u2 > 0 {
						m.Text = text[start:end]
						m.Unit = unitKey(text[locs[k+1][1] : locs[k+1][1]+u2])
						m.Value = nf.parse(text[start:end])
						m.Bound = boundBefore(text[:start])
						out = append(out, m)
					}
				}
			}
			continue
		}
		m.Text = text[start : end+u]
		m.Unit = unitKey(text[end : end+u])
		m.Value = nf.parse(text[start:end])
		m.Bound = boundBefore(text[:start])
		if m.Bound == Unbounded {
			m.Bound = boundAfter(text[end+u:])
		}
		out = append(out, m)
	}
	// The upper end of a range: "between 12 mm and 50 mm".
	for i := 1; i < len(out); i++ {
		prev := out[i-1]
		gap := text[prev.Start+len(prev.Text) : out[i].Start]
		if before := lowerTail(strings.TrimRightFunc(text[:prev.Start], unicode.IsSpace), len("between")); strings.HasSuffix(before, "between") || strings.HasSuffix(before, "from") {
			switch strings.TrimSpace(gap) {
			case "and", "to", "-", "–":
				out[i-1].Bound = Lower
				out[i].Bound = Upper
			}
		}
	}
	return out
}

// parse returns the value of a number as the format's expression finds it.
func (nf numbers) parse(s string) float64 {
	if nf.comma {
		s = strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\u00a0', '\u2009', '\u202f':
				return -1
			case ',':
				return '.'
			}
			return r
		}, s)
	}
	return parseNumber(s)
}

// parseNumber returns the value of a number as numberRE finds it.
func parseNumber(s string) float64 {
	s = textnorm.Fold(s)
	exp := 0
	if i := strings.IndexAny(s, "×x"); i >= 0 {
		p := strings.TrimSpace(s[i:])
		p = strings.TrimLeft(p, "×x ")
		p = strings.TrimPrefix(p, "10")
		p = strings.TrimPrefix(p, "^")
		exp, _ = strconv.Atoi(strings.Replace(p, "−", "-", 1))
		s = strings.TrimSpace(s[:i])
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return math.NaN()
	}
	return v * math.Pow(10, float64(exp))
}

// unitKey is the form in which units are compared.
func unitKey(u string) string {
	u = textnorm.Fold(strings.TrimSpace(u))
	words := strings.Fields(u)
	for i, w := range words {
		if len(w) <= 3 || strings.ToLower(w) != w {
			continue // a symbol: case matters (mm, Mm)
		}
		w = canonSpelling(w)
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s") // liters → liter
		}
		words[i] = w
	}
	u = strings.Join(words, " ")
	if u == "per cent" || u == "%" {
		return "percent"
	}
	return u
}

// Comparators, longest first so that "not less than" wins over "less than".
var comparators = func() []struct {
	phrase string
	bound  Bound
} {
	list := []struct {
		phrase string
		bound  Bound
	}{
		{"equal to or greater than", Lower}, {"greater than or equal to", Lower}, {"equal to or more than", Lower},
		{"greater than", Lower}, {"more than", Lower}, {"exceeding", Lower}, {"in excess of", Lower},
		{"at least", Lower}, {"not less than", Lower}, {"no less than", Lower}, {"above", Lower},
		{"higher than", Lower}, {"larger than", Lower}, {"≥", Lower}, {">", Lower}, {"minimum of", Lower},
		{"equal to or less than", Upper}, {"less than or equal to", Upper}, {"less than", Upper},
		{"fewer than", Upper}, {"lower than", Upper}, {"smaller than", Upper}, {"not exceeding", Upper},
		{"not greater than", Upper}, {"not more than", Upper}, {"no more than", Upper}, {"up to", Upper},
		{"below", Upper}, {"≤", Upper}, {"<", Upper}, {"maximum of", Upper}, {"not in excess of", Upper},
	}
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].phrase) > len(list[j].phrase) })
	return list
}()

// boundBefore reads the comparator that ends the text before a number.
func boundBefore(before string) Bound {
	b := lowerTail(strings.TrimRight(before, " "), 60)
	for _, c := range comparators {
		if strings.HasSuffix(b, c.phrase) {
			// the phrase must start a word
			rest := b[:len(b)-len(c.phrase)]
			if r, _ := utf8.DecodeLastRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				return c.bound
			}
		}
	}
	return Unbounded
}

// The comparators are read in a window of the text next to a number, never
// the rest of the text, so that finding the measures of a text is linear in
// its length. A rune is at most utf8.UTFMax bytes and lower-cases to at least
// one byte, so lower-casing n·UTFMax bytes of s gives at least n bytes of
// strings.ToLower(s), and strings.ToLower works rune by rune.

// lowerTail returns the last n bytes (or fewer when s is shorter) of
// strings.ToLower(s), lower-casing only the end of s.
func lowerTail(s string, n int) string {
	if w := n * utf8.UTFMax; len(s) > w {
		cut := len(s) - w
		for cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut++
		}
		s = s[cut:]
	}
	l := strings.ToLower(s)
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return l
}

// lowerHead returns the first n bytes (or fewer) of strings.ToLower(s),
// lower-casing only the start of s.
func lowerHead(s string, n int) string {
	if w := n * utf8.UTFMax; len(s) > w {
		cut := w
		for cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut++
		}
		s = s[:cut]
	}
	l := strings.ToLower(s)
	if len(l) > n {
		l = l[:n]
	}
	return l
}

// boundAfter reads "or less", "or more" after a quantity.
func boundAfter(after string) Bound {
	a := lowerHead(strings.TrimLeft(after, " "), len("or smaller"))
	for _, p := range []string{"or less", "or lower", "or smaller", "or below", "or fewer"} {
		if strings.HasPrefix(a, p) {
			return Upper
		}
	}
	for _, p := range []string{"or more", "or greater", "or higher", "or above", "or larger"} {
		if strings.HasPrefix(a, p) {
			return Lower
		}
	}
	return Unbounded
}

// Quantities pairs the measures of old and new by unit and position and
// returns those whose value changed, in the order of the new text. Where the
// comparator is clear on both sides and the same, Direction says whether the
// change widens or narrows the control.
func Quantities(old, new string) []Quantity { return QuantitiesIn(old, new, model.MTCR) }

// QuantitiesIn is Quantities for texts of a list numbered in scheme s.
func QuantitiesIn(old, new string, s *model.Scheme) []Quantity {
	mo, mn := MeasuresIn(old, s), MeasuresIn(new, s)
	if len(mo) == 0 || len(mn) == 0 {
		return nil
	}
	byUnitOld := make(map[string][]Measure)
	byUnitNew := make(map[string][]Measure)
	var units []string
	for _, m := range mn {
		if _, ok := byUnitNew[m.Unit]; !ok {
			units = append(units, m.Unit)
		}
		byUnitNew[m.Unit] = append(byUnitNew[m.Unit], m)
	}
	for _, m := range mo {
		byUnitOld[m.Unit] = append(byUnitOld[m.Unit], m)
	}
	type pair struct {
		o, n Measure
	}
	var changed []pair
	for _, u := range units {
		for _, p := range pairMeasures(byUnitOld[u], byUnitNew[u]) {
			if p[0].Value != p[1].Value && !(math.IsNaN(p[0].Value) && math.IsNaN(p[1].Value)) {
				changed = append(changed, pair{p[0], p[1]})
			}
		}
	}
	sort.SliceStable(changed, func(i, j int) bool { return changed[i].n.Start < changed[j].n.Start })
	var out []Quantity
	for _, p := range changed {
		out = append(out, Quantity{Old: p.o.Text, New: p.n.Text, Direction: direction(p.o, p.n)})
	}
	return out
}

// maxPairCells bounds the table of the longest common subsequence that
// pairMeasures builds for one unit (cells of 4 bytes). No real entry comes
// near it: an entry of a few KB holds a few dozen measures of one unit.
const maxPairCells = 1 << 16

// pairMeasures pairs two lists of measures of one unit: equal values in order
// (a longest common subsequence), then what is left between them position by
// position. The equal values that open both lists are paired first; when
// what remains would need a table of more than maxPairCells cells, the equal
// values that close both lists are paired and the rest position by position,
// so that the work stays linear in the number of measures.
func pairMeasures(o, n []Measure) [][2]Measure {
	if len(o) == 0 || len(n) == 0 {
		return nil
	}
	var out [][2]Measure
	for len(o) > 0 && len(n) > 0 && o[0].Value == n[0].Value {
		out = append(out, [2]Measure{o[0], n[0]})
		o, n = o[1:], n[1:]
	}
	if len(o) == 0 || len(n) == 0 {
		return out
	}
	if len(o) > maxPairCells/len(n) {
		var tail [][2]Measure
		for len(o) > 0 && len(n) > 0 && o[len(o)-1].Value == n[len(n)-1].Value {
			tail = append(tail, [2]Measure{o[len(o)-1], n[len(n)-1]})
			o, n = o[:len(o)-1], n[:len(n)-1]
		}
		for k := 0; k < len(o) && k < len(n); k++ {
			out = append(out, [2]Measure{o[k], n[k]})
		}
		for k := len(tail) - 1; k >= 0; k-- {
			out = append(out, tail[k])
		}
		return out
	}
	// LCS on values: L(i, j) is the length for o[i:] and n[j:].
	w := len(n) + 1
	L := make([]int32, (len(o)+1)*w)
	for i := len(o) - 1; i >= 0; i-- {
		for j := len(n) - 1; j >= 0; j-- {
			if o[i].Value == n[j].Value {
				L[i*w+j] = L[(i+1)*w+j+1] + 1
			} else {
				L[i*w+j] = max(L[(i+1)*w+j], L[i*w+j+1])
			}
		}
	}
	var po, pn []Measure // pending unmatched between anchors
	flush := func() {
		for k := 0; k < len(po) && k < len(pn); k++ {
			out = append(out, [2]Measure{po[k], pn[k]})
		}
		po, pn = po[:0], pn[:0]
	}
	i, j := 0, 0
	for i < len(o) && j < len(n) {
		switch {
		case o[i].Value == n[j].Value:
			flush()
			out = append(out, [2]Measure{o[i], n[j]})
			i++
			j++
		case L[(i+1)*w+j] >= L[i*w+j+1]:
			po = append(po, o[i])
			i++
		default:
			pn = append(pn, n[j])
			j++
		}
	}
	po = append(po, o[i:]...)
	pn = append(pn, n[j:]...)
	flush()
	return out
}

// direction says how a changed threshold moves the control boundary.
func direction(o, n Measure) string {
	b := n.Bound
	if o.Bound != n.Bound || b == Unbounded {
		return ""
	}
	lower := n.Value < o.Value
	if b == Lower == lower {
		return Wider
	}
	return Narrower
}
