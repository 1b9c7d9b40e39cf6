package xlsx

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/textnorm"
)

// The roles of the columns of a sheet whose header words are unknown (another
// wording, another language) are found from what the columns hold: the
// entry numbers follow the numbering grammar, the entry text is the long
// prose, the notes start with note headings, the category is I or II.

// noteHeadRE matches the heading a note starts with, in the languages of the
// national lists.
var noteHeadRE = regexp.MustCompile(`(?i)^\s*(?:technical\s+|technische\s+|teknisk\s+)?(?:notes?|nb|n\.b\.|anmerkung(?:en)?|hinweise?|remarques?|note technique|notas?|merknad(?:er)?|merk|huom|opmerking(?:en)?|uwaga)\b`)

// colStats is what one column holds below the header.
type colStats struct {
	filled   int // cells with anything in them
	entries  int // cells holding an entry number ("1.A.1")
	numbered int // cells classify understands (items, groups, entries, categories)
	cats     int // cells holding a category (I, II, "Cat. II")
	notes    int // cells starting with a note heading
	chars    int // characters in all
}

func (s colStats) avg() float64 {
	if s.filled == 0 {
		return 0
	}
	return float64(s.chars) / float64(s.filled)
}

// AmbiguousError says that the roles of a sheet's columns cannot be told
// from their content, and why.
type AmbiguousError struct {
	Why  string // what was ambiguous
	Hint string // a --columns value to try
}

func (e *AmbiguousError) Error() string {
	s := "cannot tell the columns from their content: " + e.Why
	if e.Hint != "" {
		s += "; use --columns " + e.Hint
	}
	return s
}

// inferColumns finds the header row (0-based; -1 when there is none) and the
// column of each role of a sheet from the content of its first rows. It
// returns ok false when no column holds entry numbers (not an entries
// sheet), and an *AmbiguousError when the content allows more than one
// reading.
func (p *parser) inferColumns(rows [][]string) (header int, roles map[string]int, ok bool, err error) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	// The entry number column: the one with the most entry numbers, counted
	// from its first numbered cell.
	first := make([]int, width)
	stats := make([]colStats, width)
	for c := 0; c < width; c++ {
		first[c] = -1
		for i, r := range rows {
			v := textnorm.Clean(cellAt(r, c))
			if v == "" {
				continue
			}
			k, isNum := p.classify(v)
			if isNum && first[c] < 0 {
				first[c] = i
			}
			if first[c] < 0 {
				continue
			}
			stats[c].filled++
			if isNum {
				stats[c].numbered++
				if len(k.id.Segs) >= 3 {
					stats[c].entries++
				}
			}
		}
	}
	cands := []int{}
	for c, s := range stats {
		if s.entries >= 2 && float64(s.numbered) >= 0.6*float64(s.filled) {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return -1, nil, false, nil
	}
	sort.SliceStable(cands, func(i, j int) bool { return stats[cands[i]].entries > stats[cands[j]].entries })
	id := cands[0]
	if len(cands) > 1 && 5*stats[cands[1]].entries >= 4*stats[id].entries {
		return -1, nil, false, &AmbiguousError{
			Why: fmt.Sprintf("columns %s and %s both hold entry numbers (%d and %d of them)",
				colName(id), colName(cands[1]), stats[id].entries, stats[cands[1]].entries),
			Hint: fmt.Sprintf("id=%s (or id=%s),text=…", colName(min(id, cands[1])), colName(max(id, cands[1]))),
		}
	}
	start := first[id]
	header = -1
	if start > 0 && nonEmpty(rows[start-1]) >= 2 {
		header = start - 1
	}

	// The other columns, from the first numbered row down.
	stats = make([]colStats, width)
	for _, r := range rows[start:] {
		for c := 0; c < width; c++ {
			if c == id {
				continue
			}
			v := textnorm.Clean(cellAt(r, c))
			if v == "" {
				continue
			}
			s := &stats[c]
			s.filled++
			s.chars += utf8.RuneCountInString(v)
			if cat := normCategory(v); cat == "I" || cat == "II" || cat == "III" || cat == "IV" {
				s.cats++
			}
			if noteHeadRE.MatchString(v) {
				s.notes++
			}
		}
	}
	roles = map[string]int{roleID: id}
	for c, s := range stats {
		if c != id && s.filled > 0 && 5*s.cats >= 4*s.filled {
			if _, dup := roles[roleCategory]; !dup {
				roles[roleCategory] = c
			}
		}
	}
	// Prose columns: not the number, not the category, a few words a cell.
	var prose []int
	for c, s := range stats {
		if c == id || c == roles[roleCategory] && hasRole(roles, roleCategory) || s.filled == 0 || s.avg() < 8 {
			continue
		}
		prose = append(prose, c)
	}
	if len(prose) == 0 {
		return -1, nil, false, &AmbiguousError{
			Why:  fmt.Sprintf("column %s holds entry numbers, but no column beside it holds their text", colName(id)),
			Hint: fmt.Sprintf("id=%s,text=…", colName(id)),
		}
	}
	// Notes: the prose column whose cells start with note headings.
	notes := -1
	for _, c := range prose {
		s := stats[c]
		if 2*s.notes >= s.filled && (notes < 0 || s.notes > stats[notes].notes) {
			notes = c
		}
	}
	var texts []int
	for _, c := range prose {
		if c != notes {
			texts = append(texts, c)
		}
	}
	if len(texts) == 0 {
		texts, notes = []int{notes}, -1
	}
	// Text: the column of long prose in most rows.
	sort.SliceStable(texts, func(i, j int) bool { return stats[texts[i]].chars > stats[texts[j]].chars })
	text := texts[0]
	if len(texts) > 1 {
		other := texts[1]
		if 4*stats[other].chars >= 3*stats[text].chars {
			return -1, nil, false, &AmbiguousError{
				Why: fmt.Sprintf("columns %s and %s both hold long text (about %.0f and %.0f characters a cell) and neither starts with note headings",
					colName(text), colName(other), stats[text].avg(), stats[other].avg()),
				Hint: fmt.Sprintf("id=%s,text=%s,notes=%s", colName(id), colName(text), colName(other)),
			}
		}
		if notes < 0 {
			notes = other // shorter, sparser prose beside the text
		}
	}
	roles[roleText] = text
	if notes >= 0 {
		roles[roleNotes] = notes
	}
	return header, roles, true, nil
}

func hasRole(roles map[string]int, r string) bool {
	_, ok := roles[r]
	return ok
}

func cellAt(r []string, c int) string {
	if c < len(r) {
		return r[c]
	}
	return ""
}

func nonEmpty(r []string) int {
	n := 0
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// colName returns the letter of a 0-based column.
func colName(c int) string {
	s := cellName(c, 1)
	return strings.TrimSuffix(s, "1")
}
