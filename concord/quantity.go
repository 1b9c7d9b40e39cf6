package concord

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// siPrefixes are the prefixes a national list may write where the annex
// writes a power of ten ("1,1 MNs" for "1.1 × 10⁶ Ns"), longest first.
var siPrefixes = []struct {
	p string
	f float64
}{{"G", 1e9}, {"M", 1e6}, {"k", 1e3}, {"c", 1e-2}, {"m", 1e-3}, {"µ", 1e-6}, {"μ", 1e-6}, {"n", 1e-9}}

// prefixable are the unit symbols compared across prefixes. "g" is left
// out: "100 g" is an acceleration as often as a mass.
var prefixable = map[string]bool{"N": true, "Ns": true, "Pa": true, "m": true, "W": true, "J": true, "Hz": true, "V": true, "A": true, "Wh": true, "s": true}

// baseOf splits a unit into the unit it is a multiple of and the factor:
// "kN" is 1000 "N", "MNs" 10⁶ "Ns"; any other unit is itself.
func baseOf(unit string) (string, float64) {
	if prefixable[unit] {
		return unit, 1
	}
	for _, sp := range siPrefixes {
		if rest, ok := strings.CutPrefix(unit, sp.p); ok && prefixable[rest] {
			return rest, sp.f
		}
	}
	return unit, 1
}

// quantity is a measure in its base unit.
type quantity struct {
	m     diff.Measure
	value float64
	unit  string
}

func quantities(text string, s *model.Scheme) []quantity {
	var out []quantity
	for _, m := range diff.MeasuresIn(text, s) {
		u, f := baseOf(m.Unit)
		out = append(out, quantity{m: m, value: m.Value * f, unit: u})
	}
	return out
}

// sameValue compares two values in one base unit, allowing for the rounding
// of a printed decimal.
func sameValue(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// compareQuantities pairs the measures of the annex text and the national
// text (both written in scheme s's way of writing numbers) by unit, after
// SI prefixes ("MNs" and "10⁶ Ns", "kN" and "N") and in order, and returns
// those whose values differ: Old is the annex's, New the national list's,
// so that a Direction of "wider" says the national list controls more.
func compareQuantities(annex, national string, s *model.Scheme) []diff.Quantity {
	qa, qn := quantities(annex, s), quantities(national, s)
	byA, byN := make(map[string][]quantity), make(map[string][]quantity)
	var units []string
	for _, q := range qn {
		if _, ok := byN[q.unit]; !ok {
			units = append(units, q.unit)
		}
		byN[q.unit] = append(byN[q.unit], q)
	}
	for _, q := range qa {
		byA[q.unit] = append(byA[q.unit], q)
	}
	type change struct {
		q  diff.Quantity
		at int // where the national value is printed
	}
	var changed []change
	for _, u := range units {
		a, n := byA[u], byN[u]
		for k := 0; k < len(a) && k < len(n); k++ {
			if sameValue(a[k].value, n[k].value) {
				continue
			}
			changed = append(changed, change{diff.Quantity{Old: a[k].m.Text, New: n[k].m.Text, Direction: direction(a[k], n[k])}, n[k].m.Start})
		}
	}
	// In the order printed, the units having been taken one by one.
	sort.SliceStable(changed, func(i, j int) bool { return changed[i].at < changed[j].at })
	var out []diff.Quantity
	for _, c := range changed {
		out = append(out, c.q)
	}
	return out
}

// direction says whether the national value controls more (wider) or less
// (narrower) than the annex's, where the comparator is the same and clear.
func direction(a, n quantity) string {
	if a.m.Bound != n.m.Bound || n.m.Bound == diff.Unbounded {
		return ""
	}
	if (n.value < a.value) == (n.m.Bound == diff.Lower) {
		return diff.Wider
	}
	return diff.Narrower
}

// canonicalNumbers rewrites every measure of text as its value in its base
// unit, so that two texts that differ only in how they write a quantity
// ("1,1 MNs", "1.1 × 10⁶ Ns") read the same.
func canonicalNumbers(text string, s *model.Scheme) string {
	qs := quantities(text, s)
	if len(qs) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, q := range qs {
		if q.m.Start < last || q.m.Start+len(q.m.Text) > len(text) {
			continue
		}
		b.WriteString(text[last:q.m.Start])
		b.WriteString(strconv.FormatFloat(q.value, 'g', 12, 64) + " " + q.unit)
		last = q.m.Start + len(q.m.Text)
	}
	b.WriteString(text[last:])
	return b.String()
}
