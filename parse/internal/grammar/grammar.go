// Package grammar holds the lexical rules of a printed annex that every input
// format shares: entry numbers, note headings, dates and document ids. It
// works on text only; layout belongs to the format parsers.
package grammar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/annex-tools/annex/model"
)

// Grammar is the lexical side of one numbering scheme: how its headings and
// entry numbers read at the start of a printed line. Everything it knows
// comes from the model.Scheme value.
type Grammar struct {
	Scheme *model.Scheme
}

// For returns the grammar of scheme s (MTCR when s is nil).
func For(s *model.Scheme) Grammar {
	if s == nil {
		s = model.MTCR
	}
	return Grammar{Scheme: s}
}

var mtcr = For(model.MTCR)

// EntryHead splits a line that starts with a full entry number ("2.A.1.b."
// with the trailing dot, "9A101") into the id without its dot and the rest
// of the line.
func (g Grammar) EntryHead(line string) (id, rest string, ok bool) {
	m := g.Scheme.EntryHead.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	pid, err := g.Scheme.ParseID(m[1])
	if err != nil {
		return "", "", false
	}
	return pid.String(), strings.TrimSpace(line[len(m[1]):]), true
}

// GroupHead splits a group heading ("2.A. EQUIPMENT, …", "9A SYSTEMS, …")
// into item number, group letter and title. The title may be empty when it
// is printed on its own line; a title that is not in capitals is running
// text that starts with a reference, not a heading.
func (g Grammar) GroupHead(line string) (item int, letter, title string, ok bool) {
	if g.Scheme.GroupHead == nil {
		return 0, "", "", false
	}
	m := g.Scheme.GroupHead.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return 0, "", "", false
	}
	n, _ := strconv.Atoi(m[1])
	title = strings.TrimSpace(m[3])
	if !g.IsTitle(title) {
		return 0, "", "", false // running text that starts with a reference
	}
	return n, m[2], title, true
}

// IsTitle reports whether s may be the title of a heading of the scheme:
// empty, in capitals, or in title case where the scheme sets titles so;
// anything where the scheme does not set its titles in capitals.
func (g Grammar) IsTitle(s string) bool {
	return s == "" || strings.ToUpper(s) == s || !g.Scheme.CapsTitles || g.Scheme.TitleCase && isTitleCase(s)
}

// minorWords stay in lower case in a title: "Systems, Equipment and Components".
var minorWords = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "of": true, "on": true, "or": true, "the": true, "to": true, "with": true}

// isTitleCase reports whether s starts with a capital and every other word
// that is not a minor word does too.
func isTitleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for i, w := range words {
		r := []rune(strings.TrimLeft(w, "\"'“‘("))
		if len(r) == 0 || !unicode.IsLetter(r[0]) {
			if i == 0 {
				return false
			}
			continue
		}
		if !unicode.IsUpper(r[0]) && (i == 0 || !minorWords[strings.ToLower(strings.TrimRight(w, ",;:."))]) {
			return false
		}
	}
	return true
}

// ItemHead splits an item heading ("ITEM 2 COMPLETE SUBSYSTEMS…",
// "CATEGORY 9: AEROSPACE AND PROPULSION", "ML10 …") into the number and the
// title (which may be empty when printed on its own line).
func (g Grammar) ItemHead(line string) (number int, title string, ok bool) {
	m := g.Scheme.ItemHead.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return 0, "", false
	}
	n, _ := strconv.Atoi(m[1])
	if !g.Scheme.ValidItem(n) {
		return 0, "", false
	}
	return n, strings.TrimSpace(m[2]), true
}

// CategoryHead returns the category a "CATEGORY II" heading names, as a
// Roman numeral; schemes without such headings never have one.
func (g Grammar) CategoryHead(line string) (string, bool) {
	if g.Scheme.CategoryHead == nil {
		return "", false
	}
	m := g.Scheme.CategoryHead.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", false
	}
	switch m[1] {
	case "1":
		return "I", true
	case "2":
		return "II", true
	case "3":
		return "III", true
	case "4":
		return "IV", true
	}
	return strings.ToUpper(m[1]), true
}

// FindDocID finds the scheme's document id ("MTCR/TEM/2024/Annex",
// "02021R0821-20251115") in text.
func (g Grammar) FindDocID(text string) (string, bool) {
	m := g.Scheme.DocID.FindString(text)
	return m, m != ""
}

// EntryHead is For(model.MTCR).EntryHead.
func EntryHead(line string) (id, rest string, ok bool) { return mtcr.EntryHead(line) }

// GroupHead is For(model.MTCR).GroupHead.
func GroupHead(line string) (item int, letter, title string, ok bool) { return mtcr.GroupHead(line) }

// markerRE matches a sub-entry marker at the start of a line: "a." or "12.";
// gluedMarkerRE a letter marker set against its text, a capitalised word
// ("b.Rotary"). A digit is never taken so: "1.A., having…" starts a wrapped
// line with a reference.
var (
	markerRE      = regexp.MustCompile(`^([a-z]{1,2}|[0-9]{1,4})\.(?:\s+|$)`)
	gluedMarkerRE = regexp.MustCompile(`^([a-z]{1,2})\.[A-Z][a-z]`)
)

// Marker splits a line that starts with a sub-entry marker ("b." or "3.")
// into the marker without its dot and the rest of the line.
func Marker(line string) (marker, rest string, ok bool) {
	// Every marker starts with a letter or digit and has its dot within
	// five bytes: most lines are told so without a regular expression.
	if line == "" || !('a' <= line[0] && line[0] <= 'z' || '0' <= line[0] && line[0] <= '9') ||
		strings.IndexByte(line[:min(len(line), 5)], '.') < 0 {
		return "", "", false
	}
	m := markerRE.FindStringSubmatch(line)
	if m == nil {
		m = gluedMarkerRE.FindStringSubmatch(line)
	}
	if m == nil {
		return "", "", false
	}
	return m[1], strings.TrimSpace(line[len(m[1])+1:]), true
}

// noteHeadRE matches a note heading: "Note:", "Notes:", "Technical Note:",
// "Technical Notes:", with an optional number ("Note 2:"); nbHeadRE matches
// "N.B.:", "N.B.", "N. B.:" followed by the text or the end of the line.
var (
	noteHeadRE = regexp.MustCompile(`^(Technical\s+Notes?|Notes?)\s*([0-9]{1,2})?\s*[:.]\s*`)
	nbHeadRE   = regexp.MustCompile(`^N\.\s?B\.\s?(?:([0-9]{1,2})\b\.?)?(?:\s*:\s*|\s+|$)`)
	// bareNoteRE matches a note heading without a colon, as lists such as
	// the military list print them: "Note ML1. does not…", "Note 2 ML2.a.",
	// "Technical Notes" alone on its line.
	bareNoteRE = regexp.MustCompile(`^(Technical\s+Notes?|Notes?)(?:\s+([0-9]{1,2}))?(?:\s+|$)`)
)

// NoteHead recognises a note heading at the start of a line. It returns the
// note kind (model.KindNote, model.KindTechnicalNote or model.KindNB), whether
// the heading is plural ("Notes:", a list of numbered notes follows), a label
// given in the heading itself ("Note 2:"), and the text after the heading.
func NoteHead(line string) (kind string, plural bool, label, rest string, ok bool) {
	if !noteStart(line) {
		return "", false, "", "", false
	}
	if m := nbHeadRE.FindStringSubmatch(line); m != nil {
		return model.KindNB, false, m[1], strings.TrimSpace(line[len(m[0]):]), true
	}
	m := noteHeadRE.FindStringSubmatch(line)
	if m == nil {
		return "", false, "", "", false
	}
	head := strings.Join(strings.Fields(m[1]), " ")
	kind = model.KindNote
	if strings.HasPrefix(head, "Technical") {
		kind = model.KindTechnicalNote
	}
	plural = strings.HasSuffix(head, "Notes")
	return kind, plural, m[2], strings.TrimSpace(line[len(m[0]):]), true
}

// NoteHead recognises a note heading at the start of a line as
// grammar.NoteHead does, and where the scheme prints them so, a heading
// without a colon followed by a capital, a quote, a digit or the end of the
// line.
func (g Grammar) NoteHead(line string) (kind string, plural bool, label, rest string, ok bool) {
	if kind, plural, label, rest, ok = NoteHead(line); ok || !g.Scheme.BareNotes || !noteStart(line) {
		return kind, plural, label, rest, ok
	}
	m := bareNoteRE.FindStringSubmatch(line)
	if m == nil {
		return "", false, "", "", false
	}
	rest = strings.TrimSpace(line[len(m[0]):])
	if r := []rune(rest + " ")[0]; rest != "" && !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“'‘", r) {
		return "", false, "", "", false
	}
	head := strings.Join(strings.Fields(m[1]), " ")
	kind = model.KindNote
	if strings.HasPrefix(head, "Technical") {
		kind = model.KindTechnicalNote
	}
	return kind, strings.HasSuffix(head, "Notes"), m[2], rest, true
}

// noteStart reports whether line may start a note heading: every form
// starts with "N" ("Note", "N.B.") or "T" ("Technical Note").
func noteStart(line string) bool { return line != "" && (line[0] == 'N' || line[0] == 'T') }

// numberedRE matches the number of a note under a "Notes:" heading: "1." or "2)".
var numberedRE = regexp.MustCompile(`^([0-9]{1,2})[.)]\s+`)

// NumberedNote splits "1. text" into "1" and "text".
func NumberedNote(line string) (label, rest string, ok bool) {
	if line == "" || line[0] < '0' || line[0] > '9' {
		return "", "", false
	}
	m := numberedRE.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	return m[1], strings.TrimSpace(line[len(m[0]):]), true
}

// SplitNotes splits a block of notes as one text ("Note: …", "Technical
// Notes: 1. … 2. …", "N.B.: …", one after the other) into notes. Lines are
// joined with spaces. It returns false when text does not start with a note
// heading.
func SplitNotes(text string) ([]model.Note, bool) { return splitNotes(text, headAnywhereRE) }

// SplitNotesAtLines is SplitNotes for text that puts every note on a line
// of its own: a heading inside a line ("… Technical Note: For the purposes
// of 9B005.a. Note, …", as the EU list prints within a note) stays text.
func SplitNotesAtLines(text string) ([]model.Note, bool) { return splitNotes(text, headAtLineRE) }

func splitNotes(text string, heads *regexp.Regexp) ([]model.Note, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, true
	}
	var notes []model.Note
	for text != "" {
		kind, plural, label, rest, ok := NoteHead(text)
		if !ok {
			return notes, false
		}
		body, next := untilNextHead(rest, heads)
		if plural {
			for _, part := range splitNumbered(body) {
				notes = append(notes, model.Note{Kind: kind, Label: part[0], Text: squash(part[1])})
			}
		} else {
			notes = append(notes, model.Note{Kind: kind, Label: label, Text: squash(body)})
		}
		text = next
	}
	return notes, true
}

// headAnywhereRE finds the next note heading at a line start or after a
// sentence end.
var headAnywhereRE = regexp.MustCompile(`(?:^|\n|[.;:]\s+)((?:Technical\s+Notes?|Notes?|N\.B\.)\s*[0-9]{0,2}\s*:)`)

// headAtLineRE finds the next note heading at a line start.
var headAtLineRE = regexp.MustCompile(`(?:^|\n)((?:Technical\s+Notes?|Notes?|N\.B\.)\s*[0-9]{0,2}\s*:)`)

func untilNextHead(s string, heads *regexp.Regexp) (body, next string) {
	for _, loc := range heads.FindAllStringSubmatchIndex(s, -1) {
		if loc[2] == 0 {
			continue
		}
		return s[:loc[2]], s[loc[2]:]
	}
	return s, ""
}

// listNumberRE finds "1. ", "2. " … at line starts or after sentence ends.
var listNumberRE = regexp.MustCompile(`(?:^|\n|[.;:]\s+)([0-9]{1,2})[.)]\s+`)

// splitNumbered splits "1. a. 2. b." into [["1","a."],["2","b."]], taking only
// numbers that count up from 1 so that "see 3.A.1." in a note is not a split.
// Text before "1." (an introduction under the heading) is kept as a note with
// an empty label rather than lost.
func splitNumbered(s string) [][2]string {
	var out [][2]string
	want := 1
	start, label := -1, ""
	for _, loc := range listNumberRE.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[loc[2]:loc[3]])
		if n != want {
			continue
		}
		if start >= 0 {
			out = append(out, [2]string{label, s[start:loc[2]]})
		} else if intro := strings.TrimSpace(s[:loc[2]]); intro != "" {
			out = append(out, [2]string{"", intro})
		}
		label, start = strconv.Itoa(n), loc[1]
		want++
	}
	if start < 0 {
		return [][2]string{{"", s}}
	}
	return append(out, [2]string{label, s[start:]})
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
	// National lists print their dates in their own language: Danish and
	// Norwegian, German, French, Dutch, Swedish.
	"januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "desember": 12,
	"märz": 3, "dezember": 12, "janvier": 1, "février": 2, "avril": 4, "juin": 6, "juillet": 7,
	"août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "januari": 1,
	"februari": 2, "maart": 3, "mei": 5, "augustus": 8, "maj": 5, "augusti": 8,
}

var (
	dayMonthYearRE = regexp.MustCompile(`(?i)\b([0-3]?[0-9])(?:st|nd|rd|th|er|\.)?\s+(\pL{3,9})\.?,?\s+((?:19|20)[0-9]{2})\b`)
	monthDayYearRE = regexp.MustCompile(`(?i)\b(\pL{3,9})\.?\s+([0-3]?[0-9])(?:st|nd|rd|th)?,?\s+((?:19|20)[0-9]{2})\b`)
	isoRE          = regexp.MustCompile(`\b((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])\b`)
)

// FindDate finds a date printed in text ("14 March 2024", "March 14, 2024",
// "2024-03-14") and returns it as YYYY-MM-DD.
func FindDate(text string) (string, bool) {
	try := func(y, mo, d string) (string, bool) {
		year, _ := strconv.Atoi(y)
		day, _ := strconv.Atoi(d)
		var month time.Month
		if n, err := strconv.Atoi(mo); err == nil {
			month = time.Month(n)
		} else {
			month = months[strings.ToLower(mo)]
		}
		if month < 1 || month > 12 || day < 1 {
			return "", false
		}
		t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day {
			return "", false
		}
		return t.Format("2006-01-02"), true
	}
	if m := isoRE.FindStringSubmatch(text); m != nil {
		if s, ok := try(m[1], m[2], m[3]); ok {
			return s, true
		}
	}
	for _, m := range dayMonthYearRE.FindAllStringSubmatch(text, -1) {
		if s, ok := try(m[3], m[2], m[1]); ok {
			return s, true
		}
	}
	for _, m := range monthDayYearRE.FindAllStringSubmatch(text, -1) {
		if s, ok := try(m[3], m[1], m[2]); ok {
			return s, true
		}
	}
	return "", false
}

// FindDocID finds an MTCR-style document id such as "MTCR/TEM/2024/Annex"
// in text.
func FindDocID(text string) (string, bool) { return mtcr.FindDocID(text) }

// Regime returns the regime a document id names ("MTCR" for
// "MTCR/TEM/2024/Annex").
func Regime(docID string) string {
	if i := strings.IndexByte(docID, '/'); i > 0 {
		return docID[:i]
	}
	return ""
}

// ItemHead is For(model.MTCR).ItemHead.
func ItemHead(line string) (number int, title string, ok bool) { return mtcr.ItemHead(line) }

// CategoryHead is For(model.MTCR).CategoryHead.
func CategoryHead(line string) (string, bool) { return mtcr.CategoryHead(line) }

// IsReservedTitle reports whether an item title marks a reserved item.
func IsReservedTitle(title string) bool {
	return strings.Contains(strings.ToUpper(title), "RESERVED")
}

// IsNone reports whether a line is the "None." of a group without entries.
func IsNone(line string) bool {
	s := strings.TrimSpace(line)
	return strings.EqualFold(s, "None.") || strings.EqualFold(s, "None")
}

// Describe returns a short description of a value for error messages:
// quoted and cut to 40 characters.
func Describe(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return fmt.Sprintf("%q…", string(r[:40]))
	}
	return fmt.Sprintf("%q", s)
}
