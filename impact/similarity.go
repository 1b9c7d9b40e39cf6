package impact

import (
	"strings"
	"unicode"

	"github.com/annex-tools/annex/internal/textnorm"
)

// wordBag counts the words of s, folded: typographic variants as one form,
// lower case, punctuation dropped.
func wordBag(s string) map[string]int {
	bag := make(map[string]int)
	for _, w := range strings.FieldsFunc(strings.ToLower(textnorm.Fold(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != ','
	}) {
		w = strings.Trim(w, ".,")
		if w != "" {
			bag[w]++
		}
	}
	return bag
}

// dice is the Dice coefficient of two word bags: twice the words they share
// over the words they hold, 1 for equal bags, 0 for disjoint ones.
func dice(a, b map[string]int) float64 {
	na, nb, shared := 0, 0, 0
	for w, n := range a {
		na += n
		shared += min(n, b[w])
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(shared) / float64(na+nb)
}

// Similarity returns the word similarity of two texts, from 0 (no word in
// common) to 1 (the same words, ignoring order, case, punctuation and
// typographic variants).
func Similarity(a, b string) float64 { return dice(wordBag(a), wordBag(b)) }
