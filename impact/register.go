package impact

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// MaxRegisterSize is the largest register read, in bytes.
const MaxRegisterSize = 256 << 20

// Sentinel errors of ReadRegister.
var (
	ErrEmpty       = errors.New("empty file")
	ErrUnsupported = errors.New("unsupported register (want an .xlsx workbook or a CSV file)")
	ErrNoIDColumn  = errors.New("no column of annex entry ids")
	ErrNoColumn    = errors.New("no such column")
	ErrTooLarge    = fmt.Errorf("file larger than %d MiB", MaxRegisterSize>>20)
)

// Register is a table that points into an annex: one row per national entry,
// product or licence, one column holding annex entry ids.
type Register struct {
	Name       string   // the file name as given
	Format     string   // "xlsx" or "csv"
	Sheet      string   // xlsx: the sheet read
	Header     []string // the header row's cells; column letters when the file has no header row
	HeaderRow  int      // the header row's number, from 1; 0 when there is none
	IDColumn   int      // the id column, an index into Header and Row.Cells
	TextColumn int      // the text column (RegisterOptions.WantText), else -1
	Rows       []Row    // the rows below the header in file order, blank rows left out
}

// Row is one row of a register.
type Row struct {
	Number int      // the row's number in the file, from 1, counting the header and any title rows
	Cells  []string // every cell as read, padded to the width of the header
	IDs    []string // the entry ids of the id cell, without trailing dots, each once, in order
	Bad    []string // the parts of the id cell that are not entry ids
}

// Text returns the row's text cell, or "" when the register has no text column.
func (r *Register) Text(row Row) string {
	if r.TextColumn < 0 || r.TextColumn >= len(row.Cells) {
		return ""
	}
	return row.Cells[r.TextColumn]
}

// IDHeader returns the name of the id column as shown in the header.
func (r *Register) IDHeader() string { return r.Header[r.IDColumn] }

// RegisterOptions tune ReadRegisterOptions.
type RegisterOptions struct {
	IDColumn   string         // the id column: header name or column letter; "" guesses
	TextColumn string         // the text column: header name or column letter; "" guesses when WantText
	WantText   bool           // find a text column too (an error when there is none)
	Sheet      string         // xlsx: the sheet to read; "" takes the first that has an id column
	Progress   func(rows int) // called every 1,000 rows while reading, if set
}

// ReadRegister reads a register from data, the content of the file called
// name (XLSX or CSV, told apart by content). idColumn names the id column by
// its header or its column letter; "" guesses it. Errors name the file.
func ReadRegister(name string, data []byte, idColumn string) (*Register, error) {
	return ReadRegisterOptions(name, data, RegisterOptions{IDColumn: idColumn})
}

// ReadRegisterOptions is ReadRegister with more choices.
func ReadRegisterOptions(name string, data []byte, opt RegisterOptions) (reg *Register, err error) {
	defer func() {
		if p := recover(); p != nil {
			reg, err = nil, fmt.Errorf("unreadable register (%v)", p)
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", name, err)
		}
	}()
	if len(data) > MaxRegisterSize {
		return nil, ErrTooLarge
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, ErrEmpty
	}
	var tabs []table
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		tabs, err = readXLSX(data, opt.Sheet, opt.Progress)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return nil, fmt.Errorf("%w: a password-protected workbook or a legacy .xls file; save it as an unprotected .xlsx or as CSV", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return nil, fmt.Errorf("%w: this is a PDF", ErrUnsupported)
	default:
		var t table
		t, err = readCSV(data, opt.Progress)
		tabs = []table{t}
	}
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, t := range tabs {
		reg, err := build(t, opt)
		if err == nil {
			reg.Name = name
			return reg, nil
		}
		if firstErr == nil || (errors.Is(firstErr, ErrEmpty) && !errors.Is(err, ErrEmpty)) {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = ErrEmpty
	}
	return nil, firstErr
}

// table is the raw cells of one sheet or CSV file.
type table struct {
	format string
	sheet  string
	rows   [][]string
	nums   []int // row numbers, from 1
}

// headerWords name an id column, best first; a header matches when its
// folded words contain the phrase.
var headerWords = []string{
	"annex id", "annex entry", "annex ref", "annex item", "annex number", "annex no",
	"mtcr entry", "mtcr id", "mtcr ref", "mtcr",
	"control entry", "control list entry", "control number", "control code", "control list",
	"classification", "entry", "annex", "id",
}

// textWords name a text column, best first.
var textWords = []string{"text", "wording", "description", "national text", "definition", "control text"}

// headerScanRows is how far down a header row is looked for.
const headerScanRows = 20

func build(t table, opt RegisterOptions) (*Register, error) {
	width := 0
	first := -1 // first non-blank row
	for i, r := range t.rows {
		if !blank(r) {
			if first < 0 {
				first = i
			}
			width = max(width, trimmedLen(r))
		}
	}
	if first < 0 {
		if t.sheet != "" {
			return nil, fmt.Errorf("sheet %q: %w", t.sheet, ErrEmpty)
		}
		return nil, ErrEmpty
	}
	head, idCol := -1, -1
	switch {
	case opt.IDColumn != "":
		head, idCol = namedColumn(t, opt.IDColumn, first)
		if idCol >= width {
			return nil, fmt.Errorf("%w %q: the last column with anything in it is %s", ErrNoColumn, opt.IDColumn, columnLetter(width-1))
		}
		if idCol < 0 {
			return nil, fmt.Errorf("%w %q (%s)", ErrNoColumn, opt.IDColumn, seen(t, first))
		}
	default:
		head, idCol = guessByHeader(t, first, width)
		if idCol < 0 {
			head, idCol = guessByContent(t, first, width)
		}
		if idCol < 0 {
			return nil, fmt.Errorf("%w (%s); Try: --id-column NAME", ErrNoIDColumn, seen(t, first))
		}
	}
	reg := &Register{Format: t.format, Sheet: t.sheet, IDColumn: idCol, TextColumn: -1}
	if head >= 0 {
		reg.HeaderRow = t.nums[head]
		reg.Header = pad(t.rows[head], width)
		for i, h := range reg.Header {
			if strings.TrimSpace(h) == "" {
				reg.Header[i] = columnLetter(i)
			}
		}
	} else {
		for i := 0; i < width; i++ {
			reg.Header = append(reg.Header, columnLetter(i))
		}
	}
	if opt.WantText {
		col := -1
		if opt.TextColumn != "" {
			col = namedColumnIn(reg.Header, opt.TextColumn)
			if col < 0 {
				return nil, fmt.Errorf("%w %q for the text (headers seen: %s)", ErrNoColumn, opt.TextColumn, quoteList(reg.Header))
			}
		} else {
			col = bestHeader(reg.Header, textWords, idCol)
			if col < 0 {
				return nil, fmt.Errorf("no column of entry texts (headers seen: %s); Try: --text-column NAME", quoteList(reg.Header))
			}
		}
		reg.TextColumn = col
	}
	start := head + 1
	if head < 0 {
		start = first
	}
	for i := start; i < len(t.rows); i++ {
		if blank(t.rows[i]) {
			continue
		}
		row := Row{Number: t.nums[i], Cells: pad(t.rows[i], width)}
		row.IDs, row.Bad = SplitIDs(row.Cells[idCol])
		reg.Rows = append(reg.Rows, row)
	}
	return reg, nil
}

// namedColumn finds the column called name (a header cell, or else a column
// letter) and its header row.
func namedColumn(t table, name string, first int) (head, col int) {
	for i := first; i < len(t.rows) && i < first+headerScanRows; i++ {
		if c := headerIndex(t.rows[i], name); c >= 0 {
			return i, c
		}
	}
	if c := letterIndex(name); c >= 0 {
		return headAbove(t, first, c), c
	}
	return -1, -1
}

// headerIndex finds name among the header cells, ignoring case, punctuation
// and surrounding space, or -1.
func headerIndex(header []string, name string) int {
	want := fold(name)
	if want == "" {
		return -1
	}
	for i, h := range header {
		if fold(h) == want {
			return i
		}
	}
	return -1
}

// namedColumnIn finds name among the header cells, or as a column letter.
func namedColumnIn(header []string, name string) int {
	if c := headerIndex(header, name); c >= 0 {
		return c
	}
	if c := letterIndex(name); c >= 0 && c < len(header) {
		return c
	}
	return -1
}

// headAbove returns the header row of column col: the last non-blank row
// above the first cell of col that holds an id (within the first rows), or -1
// when there is none.
func headAbove(t table, first, col int) int {
	head := -1
	for i := first; i < len(t.rows) && i < first+headerScanRows; i++ {
		if ids, _ := SplitIDs(cell(t.rows[i], col)); len(ids) > 0 {
			return head
		}
		if !blank(t.rows[i]) {
			head = i
		}
	}
	if head >= 0 {
		return first // no ids near the top: take the first row as the header
	}
	return head
}

// guessByHeader looks for a header cell that names an id column, in the
// first rows.
func guessByHeader(t table, first, width int) (head, col int) {
	for i := first; i < len(t.rows) && i < first+headerScanRows; i++ {
		r := t.rows[i]
		if width > 1 && nonBlank(r) < 2 {
			continue // a title row such as "National control list 2024"
		}
		if c := bestHeader(r, headerWords, -1); c >= 0 {
			// A header cell naming the column whose data holds no ids at
			// all (while another column's does) is a false friend: prefer
			// the content.
			cands := headerCandidates(r, headerWords)
			for _, c := range cands {
				if n, _ := idShare(t, i+1, c); n > 0 {
					return i, c
				}
			}
			if _, best := guessByContentBelow(t, i+1, width); best < 0 {
				return i, c
			}
			return -1, -1
		}
	}
	return -1, -1
}

// headerCandidates returns the columns of header whose cell matches one of
// words, best match first.
func headerCandidates(header []string, words []string) []int {
	var out []int
	used := make(map[int]bool)
	for _, w := range words {
		for i, h := range header {
			if !used[i] && matchesWord(fold(h), w) {
				used[i] = true
				out = append(out, i)
			}
		}
	}
	return out
}

// bestHeader returns the column of header whose cell best matches words,
// skipping column skip, or -1.
func bestHeader(header []string, words []string, skip int) int {
	for _, c := range headerCandidates(header, words) {
		if c != skip {
			return c
		}
	}
	return -1
}

// matchesWord reports whether the folded header h contains the phrase w as
// whole words.
func matchesWord(h, w string) bool {
	if h == "" {
		return false
	}
	return strings.Contains(" "+h+" ", " "+w+" ")
}

// guessByContent finds the column in which most cells hold entry ids, and the
// header row above its first id.
func guessByContent(t table, first, width int) (head, col int) {
	_, col = guessByContentBelow(t, first, width)
	if col < 0 {
		return -1, -1
	}
	return headAbove(t, first, col), col
}

func guessByContentBelow(t table, start, width int) (ratio float64, col int) {
	col = -1
	for c := 0; c < width; c++ {
		n, filled := idShare(t, start, c)
		if n == 0 || filled == 0 {
			continue
		}
		r := float64(n) / float64(filled)
		if r >= 0.5 && r > ratio {
			ratio, col = r, c
		}
	}
	return ratio, col
}

// idShare counts, among the first rows from start, the cells of column c that
// hold an entry id and those that hold anything.
func idShare(t table, start, c int) (ids, filled int) {
	for i := start; i < len(t.rows) && i < start+500; i++ {
		s := strings.TrimSpace(cell(t.rows[i], c))
		if s == "" {
			continue
		}
		filled++
		if got, _ := SplitIDs(s); len(got) > 0 {
			ids++
		}
	}
	return ids, filled
}

// seen describes the headers of the first non-blank row for an error message.
func seen(t table, first int) string {
	r := t.rows[first]
	var hs []string
	for _, h := range r {
		if h = strings.TrimSpace(h); h != "" {
			hs = append(hs, h)
		}
	}
	where := "headers seen"
	if t.sheet != "" {
		where = fmt.Sprintf("sheet %q, headers seen", t.sheet)
	}
	if len(hs) > 8 {
		hs = append(hs[:8], "…")
	}
	return fmt.Sprintf("%s: %s", where, quoteList(hs))
}

func quoteList(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		if s == "…" {
			b.WriteString(s)
			continue
		}
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		b.WriteString(strconv.Quote(s))
	}
	return b.String()
}

// separatorRE splits an id cell into its parts.
var separatorRE = regexp.MustCompile(`(?i)\s*(?:[,;/&\n|]|\band\b|\bor\b|\bet\b|\bund\b)\s*`)

// noiseRE matches words that often stand beside an id and mean nothing more.
var noiseRE = regexp.MustCompile(`(?i)\b(?:mtcr|annex|entry|entries|item|items|category|cat|see|ref|no)\b\.?|[\s():#]+`)

// SplitIDs splits an id cell into entry ids (canonical, without trailing
// dots, each once, in order) and the parts that are not ids. Parts are
// separated by commas, semicolons, slashes, line breaks, "and" or "or"; words
// such as "MTCR" or "entry" beside an id are ignored. Ids of every scheme are
// read ("3.A.5.a", "9A101.a.1", "ML10.a.1", "6-1.A.1"), and EU and military
// list codes also in the forms registers write them: "9A101 a 1",
// "9A101a1", "ml10 a".
func SplitIDs(cell string) (ids, bad []string) {
	s := textnorm.Clean(cell)
	seenID := make(map[string]bool)
	add := func(id string) {
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	for _, part := range separatorRE.Split(s, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if id, err := model.ParseID(part); err == nil {
			add(id.String())
			continue
		}
		if id, ok := looseID(part); ok {
			add(id.String())
			continue
		}
		var refs []string
		for _, sch := range model.Schemes {
			refs = append(refs, sch.References(part)...)
		}
		if len(refs) == 0 {
			bad = append(bad, part)
			continue
		}
		rest := part
		for _, r := range refs {
			add(r)
			rest = strings.Replace(rest, r, " ", 1)
		}
		rest = strings.Trim(noiseRE.ReplaceAllString(rest, ""), ".")
		if rest != "" {
			bad = append(bad, part) // "3.A.5.a-c": more than an id
		}
	}
	return ids, bad
}

// looseSchemes are the schemes whose codes registers write without their
// dots: EU codes and military list codes are unambiguous that way.
var looseSchemes = []*model.Scheme{model.EU, model.ML}

// looseIDRE is what a loosely written code may hold: letters, digits,
// spaces and dots, starting with a digit or "ML".
var looseIDRE = regexp.MustCompile(`^(?i:ml)?[0-9][0-9A-Za-z. ]*$`)

func looseID(part string) (model.ID, bool) {
	if !looseIDRE.MatchString(part) {
		return model.ID{}, false
	}
	for _, s := range looseSchemes {
		if id, ok := s.LooseID(part); ok {
			return id, true
		}
	}
	return model.ID{}, false
}

// fold folds a header for comparison: lower case, words only.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(textnorm.Clean(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// letterIndex returns the index of a column letter ("A" is 0, "AB" is 27), or
// -1 when s is not one.
func letterIndex(s string) int {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) > 3 {
		return -1
	}
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return -1
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}

// columnLetter returns the letter of column i ("A" for 0).
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func blank(r []string) bool { return trimmedLen(r) == 0 }

// nonBlank counts the cells of r that hold anything.
func nonBlank(r []string) int {
	n := 0
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// trimmedLen is the number of cells up to the last non-blank one.
func trimmedLen(r []string) int {
	n := len(r)
	for n > 0 && strings.TrimSpace(r[n-1]) == "" {
		n--
	}
	return n
}

func cell(r []string, c int) string {
	if c < len(r) {
		return r[c]
	}
	return ""
}

// pad returns the first width cells of r, padded with empty cells.
func pad(r []string, width int) []string {
	out := make([]string, width)
	copy(out, r)
	return out
}
