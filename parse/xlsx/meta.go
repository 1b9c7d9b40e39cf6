package xlsx

import (
	"strings"
	"unicode"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// readMeta takes the document id, date and title from the title rows above
// the header. The title is the first title cell that still holds words once
// the document id and the date are taken out.
func (p *parser) readMeta(rows [][]string, meta *model.Meta) {
	var cells []string
	for _, row := range rows {
		for _, c := range row {
			if c = textnorm.Clean(c); c != "" {
				cells = append(cells, c)
			}
		}
	}
	all := strings.Join(cells, " ")
	meta.DocID, _ = grammar.FindDocID(all)
	meta.Date, _ = grammar.FindDate(all)
	meta.Regime = grammar.Regime(meta.DocID)
	for _, c := range cells {
		if t := titleOf(c, meta.DocID); t != "" {
			meta.Title = t
			break
		}
	}
}

// titleOf returns what is left of a title cell without the document id and
// without a date (alone or in parentheses), or "" when nothing is left.
func titleOf(c, docID string) string {
	if docID != "" {
		if i := strings.Index(c, docID); i >= 0 {
			c = c[:i] + " " + c[i+len(docID):]
		}
	}
	// Drop parenthesised dates: "(14 March 2024)".
	for {
		open := strings.LastIndex(c, "(")
		if open < 0 {
			break
		}
		closing := strings.Index(c[open:], ")")
		if closing < 0 {
			break
		}
		inner := c[open+1 : open+closing]
		if _, ok := grammar.FindDate(inner); !ok {
			break
		}
		c = c[:open] + " " + c[open+closing+1:]
	}
	c = strings.TrimFunc(textnorm.Squash(c), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—|/", r)
	})
	if c == "" || isDateOnly(c) {
		return ""
	}
	return c
}

// isDateOnly reports whether s is a date and nothing else ("14 March 2024",
// "Date: 2024-03-14").
func isDateOnly(s string) bool {
	if _, ok := grammar.FindDate(s); !ok {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r)
	}) {
		switch w {
		case "date", "dated", "of", "st", "nd", "rd", "th":
			continue
		}
		if !isMonth(w) {
			return false
		}
	}
	return true
}

func isMonth(w string) bool {
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		if w == m || (len(w) >= 3 && strings.HasPrefix(m, w)) {
			return true
		}
	}
	return false
}
