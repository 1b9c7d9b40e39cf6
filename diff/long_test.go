package diff

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/annex-tools/annex/model"
)

// longText returns an entry text of about size bytes: clauses that each
// carry thresholds with units and comparators, as a hostile or merely very
// long entry would. The same seed gives the same text.
func longText(seed uint64, size int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	units := []string{"kg", "mm", "Hz", "kN", "percent", "m/s", "K", "litres per minute"}
	comps := []string{"more than", "less than", "at least", "up to", "exceeding", "not less than"}
	words := []string{"specially", "designed", "components", "for", "rocket", "motors", "having", "a", "thrust", "range", "Accuracy", "of", "the", "guidance", "system"}
	var b strings.Builder
	for b.Len() < size {
		for k := 0; k < 6; k++ {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s %d %s, ", comps[r.IntN(len(comps))], 1+r.IntN(1000), units[r.IntN(len(units))])
		if r.IntN(5) == 0 {
			fmt.Fprintf(&b, "between %d and %d %s; ", r.IntN(50), 50+r.IntN(50), units[r.IntN(len(units))])
		}
	}
	return b.String()
}

// edited returns text with n numbers changed at random places.
func edited(seed uint64, text string, n int) string {
	r := rand.New(rand.NewPCG(seed, 9))
	locs := numberRE.FindAllStringIndex(text, -1)
	var b strings.Builder
	prev := 0
	for _, loc := range locs {
		if r.IntN(len(locs)) >= n {
			continue
		}
		b.WriteString(text[prev:loc[0]])
		fmt.Fprintf(&b, "%d", 1001+r.IntN(1000))
		prev = loc[1]
	}
	b.WriteString(text[prev:])
	return b.String()
}

func oneEntry(text string) *model.Annex {
	return &model.Annex{Items: []model.Item{{Number: 1, Category: "I", Title: "T", Groups: []model.Group{{
		Letter: "A", Title: "G", Entries: []model.Entry{{ID: "1.A.1", Text: text}}}}}}}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestLongEntryWork diffs generated entries of up to 400 KB and bounds the
// bytes allocated per byte of text, and the work handed to diffmatchpatch per
// token: both were quadratic (two 0.5 MB entries took 179 s and 3.3 GB).
func TestLongEntryWork(t *testing.T) {
	const maxBytesPerByte = 1500 // about 200 for edited texts, 800 for unrelated ones
	for _, size := range []int{50_000, 200_000} {
		old := longText(1, size)
		for _, tt := range []struct {
			name     string
			new      string
			minEqual float64 // share of old that the word diff keeps equal
		}{
			{"edited", edited(2, old, 20), 0.9},
			{"unrelated", longText(3, size), 0},
		} {
			t.Run(fmt.Sprintf("%s %d", tt.name, size), func(t *testing.T) {
				var res Result
				a := allocated(func() { res = Compare(oneEntry(old), oneEntry(tt.new)) })
				if per := float64(a) / float64(size); per > maxBytesPerByte {
					t.Errorf("Compare allocated %d B, %.0f per byte of text, want at most %d", a, per, maxBytesPerByte)
				}
				if len(res.Changes) != 1 {
					t.Fatalf("Compare gave %d changes, want 1", len(res.Changes))
				}
				ops := res.Changes[0].TextDiff
				if DiffText1(ops) != old || DiffText2(ops) != tt.new {
					t.Errorf("the word diff does not join back to the texts")
				}
				equal := 0
				for _, o := range ops {
					if o.Op == OpEqual {
						equal += len(o.Text)
					}
				}
				if share := float64(equal) / float64(len(old)); share < tt.minEqual {
					t.Errorf("the word diff keeps %.2f of the text equal, want at least %.2f", share, tt.minEqual)
				}

				ta, tb := tokenize(old), tokenize(tt.new)
				enc := newTokenCoder()
				ra, _ := enc.encode(ta)
				rb, _ := enc.encode(tb)
				var rd runeDiffer
				rd.diff(ra, rb, anchorDepth)
				if limit := 2 * maxDiffTokens * (len(ra) + len(rb)); rd.work > limit {
					t.Errorf("diffmatchpatch work %d for %d tokens, want at most %d", rd.work, len(ra)+len(rb), limit)
				}
			})
		}
	}
}

// TestRuneDifferPieces checks the cut at anchors and by windows on small
// pieces: the diff joins back to both sides and keeps the anchors equal.
func TestRuneDifferPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for k := 0; k < 200; k++ {
		a := make([]rune, r.IntN(3*maxDiffTokens))
		for i := range a {
			a[i] = rune('a' + r.IntN(20+r.IntN(3000)))
		}
		b := append([]rune(nil), a...)
		for e := r.IntN(50); e > 0 && len(b) > 0; e-- {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], b[i+1:]...)
			case 1:
				b = append(b[:i], append([]rune{rune('a' + r.IntN(5000))}, b[i:]...)...)
			default:
				b[i] = rune('a' + r.IntN(5000))
			}
		}
		var rd runeDiffer
		ds := rd.diff(a, b, anchorDepth)
		var ga, gb strings.Builder
		for _, d := range ds {
			if d.Type != diffmatchpatch.DiffInsert {
				ga.WriteString(d.Text)
			}
			if d.Type != diffmatchpatch.DiffDelete {
				gb.WriteString(d.Text)
			}
		}
		if ga.String() != string(a) || gb.String() != string(b) {
			t.Fatalf("case %d: diff of %d and %d runes does not join back", k, len(a), len(b))
		}
		if limit := 2 * maxDiffTokens * (len(a) + len(b)); rd.work > limit {
			t.Fatalf("case %d: work %d, want at most %d", k, rd.work, limit)
		}
	}
}

// TestLowerWindows checks that lower-casing a window gives the same bytes as
// lower-casing the whole text, on texts whose runes change length when
// lower-cased (the Kelvin sign, dotted capital I) and on invalid UTF-8.
func TestLowerWindows(t *testing.T) {
	alphabet := []string{"a", "B", " ", "K", "İ", "Ⱥ", "é", "\xff", "\xe2\x82", "€", "MORE THAN", "𝐀"}
	r := rand.New(rand.NewPCG(5, 5))
	for k := 0; k < 5000; k++ {
		var b strings.Builder
		for n := r.IntN(120); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		full := strings.ToLower(s)
		for _, n := range []int{4, 7, 10, 60} {
			wantTail, wantHead := full, full
			if len(full) > n {
				wantTail, wantHead = full[len(full)-n:], full[:n]
			}
			if got := lowerTail(s, n); got != wantTail {
				t.Fatalf("lowerTail(%q, %d) = %q, want %q", s, n, got, wantTail)
			}
			if got := lowerHead(s, n); got != wantHead {
				t.Fatalf("lowerHead(%q, %d) = %q, want %q", s, n, got, wantHead)
			}
		}
	}
}

// pairByTable is pairMeasures as it was: a full table of the longest common
// subsequence, the reference for lists below maxPairCells.
func pairByTable(o, n []Measure) [][2]Measure {
	if len(o) == 0 || len(n) == 0 {
		return nil
	}
	L := make([][]int, len(o)+1)
	for i := range L {
		L[i] = make([]int, len(n)+1)
	}
	for i := len(o) - 1; i >= 0; i-- {
		for j := len(n) - 1; j >= 0; j-- {
			if o[i].Value == n[j].Value {
				L[i][j] = L[i+1][j+1] + 1
			} else {
				L[i][j] = max(L[i+1][j], L[i][j+1])
			}
		}
	}
	var out [][2]Measure
	var po, pn []Measure
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
		case L[i+1][j] >= L[i][j+1]:
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

func TestPairMeasures(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	list := func(n, values int) []Measure {
		out := make([]Measure, n)
		for i := range out {
			out[i] = Measure{Value: float64(r.IntN(values)), Start: i}
		}
		return out
	}
	t.Run("same as the full table", func(t *testing.T) {
		for k := 0; k < 2000; k++ {
			o, n := list(r.IntN(40), 1+r.IntN(8)), list(r.IntN(40), 1+r.IntN(8))
			if got, want := pairMeasures(o, n), pairByTable(o, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("pairMeasures(%v, %v) = %v, want %v", o, n, got, want)
			}
		}
	})
	t.Run("by position past the table", func(t *testing.T) {
		big := 1 + maxPairCells/100
		o := list(big, 1000)
		n := make([]Measure, 0, big+1)
		n = append(n, o[:10]...)
		n = append(n, Measure{Value: -1})
		n = append(n, o[10:]...)
		n[len(n)-1].Value = -2
		var got [][2]Measure
		a := allocated(func() { got = pairMeasures(o, n) })
		if len(got) != big {
			t.Fatalf("pairMeasures paired %d, want %d", len(got), big)
		}
		if got[10][1].Value != -1 || got[9][0] != got[9][1] {
			t.Errorf("pairMeasures did not keep the equal start and pair the rest by position: %v", got[8:12])
		}
		// The pairs take 256 B a measure with the slice's growth; a full
		// table would take 4·big² (1.7 MB).
		if limit := uint64(big) * 1000; a > limit {
			t.Errorf("pairMeasures allocated %d B for %d measures, want at most %d", a, big, limit)
		}
	})
}

// BenchmarkLongEntry diffs two generated entries of 40 KB: with 20 numbers
// changed (threshold pairing dominates) and unrelated (the word diff does).
func BenchmarkLongEntry(b *testing.B) {
	old := longText(1, 40_000)
	for _, tt := range []struct{ name, new string }{{"edited", edited(2, old, 20)}, {"unrelated", longText(3, 40_000)}} {
		b.Run(tt.name+"/Quantities", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Quantities(old, tt.new)
			}
		})
		b.Run(tt.name+"/WordDiff", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				WordDiff(old, tt.new)
			}
		})
	}
}
