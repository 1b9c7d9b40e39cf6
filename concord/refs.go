package concord

import (
	"regexp"
	"sort"
	"strings"

	"github.com/annex-tools/annex/model"
)

// refPatterns find cross references in running text: the reference
// expression of every numbering scheme (model.Schemes: MTCR ids "2.A.1.c.2.",
// "1.A.", EU control codes "9A004.h.", military list codes "ML10.a.", …),
// each allowed its trailing dot, which may also end the sentence. A new
// scheme in the table is a new pattern here.
var refPatterns = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, s := range model.Schemes {
		out = append(out, regexp.MustCompile(`(?:`+s.Ref.String()+`)\.?`))
	}
	return out
}()

// refSpans returns the byte spans of the cross references in s, in order,
// without overlaps.
func refSpans(s string) [][2]int {
	var out [][2]int
	for _, re := range refPatterns {
		for _, m := range re.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	kept := out[:1]
	for _, sp := range out[1:] {
		if sp[0] >= kept[len(kept)-1][1] {
			kept = append(kept, sp)
		}
	}
	return kept
}

// refID returns the id a reference names, without its trailing dot.
func refID(m string) string { return strings.TrimSuffix(m, ".") }

// conjunction returns the word that joins a reference to its neighbours in
// the annex text ("or", "and", "to"), or "or" when it stands alone.
func conjunction(s string, sp [2]int) string {
	before := strings.Fields(s[:sp[0]])
	after := strings.Fields(s[sp[1]:])
	for _, w := range []string{"or", "and", "to"} {
		if len(after) > 0 && strings.Trim(after[0], ",;") == w {
			return w
		}
		if len(before) > 0 && strings.Trim(before[len(before)-1], ",;") == w {
			return w
		}
	}
	return "or"
}

// joinCodes writes a list of codes as running text: "A", "A or B",
// "A, B or C".
func joinCodes(codes []string, conj string) string {
	switch len(codes) {
	case 0:
		return ""
	case 1:
		return codes[0]
	}
	return strings.Join(codes[:len(codes)-1], ", ") + " " + conj + " " + codes[len(codes)-1]
}
