package impact

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/internal/limits"
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
	Rows       []Row    // the rows below the header in file order, blank rows left out; nil for a register from OpenRegister until Load

	// Through, when set, maps each id read from an id cell to the ids the
	// report is about: the annex ids that a national code implements,
	// through a concordance (annex impact --concordance). An id it maps to
	// nothing is kept as it is.
	Through func(id string) []string

	src      source         // the table the rows are streamed from (OpenRegister), else nil
	dataFrom int            // the number of the first row below the header
	progress func(rows int) // RegisterOptions.Progress
}

// Row is one row of a register.
type Row struct {
	Number int      // the row's number in the file, from 1, counting the header and any title rows
	Cells  []string // every cell as read, padded to the width of the header
	IDs    []string // the entry ids of the id cell, without trailing dots, each once, in order
	Bad    []string // the parts of the id cell that are not entry ids
	Rest   []string // words beside an id that were left out ("(cat I)" of "1.A.1 (cat I)")
	IDCell string   // the id cell as read
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

// ReadRegisterOptions is ReadRegister with more choices. It holds every row
// in Rows; OpenRegister streams them instead.
func ReadRegisterOptions(name string, data []byte, opt RegisterOptions) (reg *Register, err error) {
	if len(data) > MaxRegisterSize {
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	reg, err = openRegister(name, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }, opt)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	if err := reg.Load(); err != nil {
		return nil, err
	}
	return reg, nil
}

// OpenRegister reads the header of the register in the file called name,
// whose content open returns (afresh on every call: the rows are read again
// for every pass over them). The rows are not held: Each streams them, in
// memory that does not grow with the register. A CSV register is read from
// open as it goes; a workbook is held in memory in its compressed form, its
// sheets spilled to temporary files when large. Close releases it. Errors
// name the file.
func OpenRegister(name string, open func() (io.ReadCloser, error), opt RegisterOptions) (*Register, error) {
	return openRegister(name, open, opt)
}

func openRegister(name string, open func() (io.ReadCloser, error), opt RegisterOptions) (reg *Register, err error) {
	defer func() {
		if p := recover(); p != nil {
			reg, err = nil, fmt.Errorf("unreadable register (%v)", p)
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", name, err)
		}
	}()
	rc, err := open()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(64 << 10)
	empty := len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))) == 0 && len(head) < 64<<10
	var srcs []source
	switch {
	case empty:
		rc.Close()
		return nil, ErrEmpty
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		data, err := io.ReadAll(io.LimitReader(br, min(limits.Get(limits.InputBytes), limits.Get(limits.RegisterBytes))+1))
		rc.Close()
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > min(limits.Get(limits.InputBytes), limits.Get(limits.RegisterBytes)) {
			return nil, limits.Exceeded(limits.RegisterBytes)
		}
		srcs, err = openXLSX(data, opt.Sheet)
		if err != nil {
			return nil, err
		}
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		rc.Close()
		return nil, fmt.Errorf("%w: a password-protected workbook or a legacy .xls file; save it as an unprotected .xlsx or as CSV", ErrUnsupported)
	case bytes.HasPrefix(head, []byte("%PDF-")):
		rc.Close()
		return nil, fmt.Errorf("%w: this is a PDF", ErrUnsupported)
	default:
		rc.Close()
		srcs = []source{&csvSource{open: open}}
	}
	var firstErr error
	for i, src := range srcs {
		t, err := sample(src)
		if err == nil {
			reg, err = build(t, opt)
		}
		if err == nil {
			reg.Name, reg.src, reg.progress = name, src, opt.Progress
			for _, other := range srcs[i+1:] {
				other.close()
			}
			return reg, nil
		}
		src.close()
		if firstErr == nil || (errors.Is(firstErr, ErrEmpty) && !errors.Is(err, ErrEmpty)) {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = ErrEmpty
	}
	return nil, firstErr
}

// sampleRows is how many rows from the top the header and the id column
// are looked for in.
const sampleRows = headerScanRows + 500

// sample reads the first rows of a table.
func sample(src source) (table, error) {
	t := table{format: src.format(), sheet: src.sheet()}
	err := src.rows(func(n int, cells []string) error {
		t.rows = append(t.rows, cells)
		t.nums = append(t.nums, n)
		if len(t.rows) >= sampleRows {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return t, err
	}
	return t, nil
}

var errStop = errors.New("stop")

// Each calls fn with every row below the header, in file order, blank rows
// left out: from Rows when they are held, else streamed from the file. A
// row's Cells are padded to the width of the header; a row with more cells
// keeps them all. An error of fn ends the pass and is returned.
func (r *Register) Each(fn func(Row) error) error {
	if r.src == nil {
		for _, row := range r.Rows {
			row.IDs = r.through(row.IDs)
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}
	width := len(r.Header)
	rows := limits.NewCounter(limits.RegisterRows)
	n := 0
	err := r.src.rows(func(num int, cells []string) error {
		if num < r.dataFrom || blank(cells) {
			return nil
		}
		if err := rows.Add(1); err != nil {
			return err
		}
		row := Row{Number: num, Cells: pad(cells, max(width, trimmedLen(cells)))}
		cell := splitIDCell(row.Cells[r.IDColumn])
		row.IDs, row.Bad, row.Rest, row.IDCell = r.through(cell.ids), cell.bad, cell.rest, row.Cells[r.IDColumn]
		n++
		if r.progress != nil && n%1000 == 0 {
			r.progress(n)
		}
		return fn(row)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", r.Name, err)
	}
	return nil
}

// through maps ids with Through, each result once, in order.
func (r *Register) through(ids []string) []string {
	if r.Through == nil || len(ids) == 0 {
		return ids
	}
	var out []string
	seen := make(map[string]bool)
	for _, id := range ids {
		to := r.Through(id)
		if len(to) == 0 {
			to = []string{id}
		}
		for _, t := range to {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Load reads every row of a streamed register into Rows, and widens Header
// (with column letters) to the widest row.
func (r *Register) Load() error {
	if r.src == nil {
		return nil
	}
	var rows []Row
	if err := r.Each(func(row Row) error { rows = append(rows, row); return nil }); err != nil {
		return err
	}
	width := len(r.Header)
	for _, row := range rows {
		width = max(width, len(row.Cells))
	}
	r.Widen(width)
	for i := range rows {
		if len(rows[i].Cells) < width {
			rows[i].Cells = pad(rows[i].Cells, width)
		}
	}
	r.Rows = rows
	r.src.close()
	r.src = nil
	return nil
}

// Widen adds column letters to Header up to width columns.
func (r *Register) Widen(width int) {
	for i := len(r.Header); i < width; i++ {
		r.Header = append(r.Header, columnLetter(i))
	}
}

// Close releases what OpenRegister holds (a workbook and its temporary
// files). The rows cannot be read afterwards, unless loaded.
func (r *Register) Close() error {
	if r.src == nil {
		return nil
	}
	err := r.src.close()
	r.src = nil
	return err
}

// source is a table rows are read from, from the top, once per call.
type source interface {
	format() string
	sheet() string
	// rows calls fn with the number (from 1) and the cells of every row.
	rows(fn func(num int, cells []string) error) error
	close() error
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
	reg.dataFrom = t.nums[len(t.nums)-1] + 1
	if start < len(t.nums) {
		reg.dataFrom = t.nums[start]
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
// such as "MTCR" or "entry" beside an id are ignored, and so is a remark in
// brackets ("1.A.1 (cat I)"). A cell that says it names nothing ("n/a",
// "-", "none", "not controlled") gives neither ids nor bad parts. Ids of
// every scheme are read ("3.A.5.a", "9A101.a.1", "ML10.a.1", "6-1.A.1"), and
// EU and military list codes also in the forms registers write them:
// "9A101 a 1", "9A101a1", "ml10 a".
func SplitIDs(cell string) (ids, bad []string) {
	c := splitIDCell(cell)
	return c.ids, c.bad
}

// idCell is an id cell read.
type idCell struct {
	ids  []string // entry ids
	bad  []string // parts that are not ids
	rest []string // remarks beside an id, left out
}

// noneRE matches an id cell that says the row names no entry.
var noneRE = regexp.MustCompile(`(?i)^(?:n\s*/\s*a|n\.\s*a\.?|na|n/c|nc|-+|–|—|/|\?|none|nil|no|not (?:controlled|listed|applicable|classified)|uncontrolled|not on (?:the )?(?:list|annex)|ear99)$`)

// remarkRE matches a remark in brackets beside an id.
var remarkRE = regexp.MustCompile(`\s*[(\[][^)\]]*[)\]]`)

func splitIDCell(cell string) (c idCell) {
	// The common cell is one plain id: no need for the expressions.
	if id, err := model.ParseID(strings.TrimSpace(cell)); err == nil && isPlain(cell) {
		return idCell{ids: []string{id.String()}}
	}
	s := textnorm.Clean(cell)
	if noneRE.MatchString(strings.TrimRight(s, ".")) || noneRE.MatchString(s) {
		return c
	}
	seenID := make(map[string]bool)
	add := func(id string) {
		if !seenID[id] {
			seenID[id] = true
			c.ids = append(c.ids, id)
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
			c.bad = append(c.bad, part)
			continue
		}
		rest := part
		for _, r := range refs {
			add(r)
			rest = strings.Replace(rest, r, " ", 1)
		}
		var remarks []string
		rest = remarkRE.ReplaceAllStringFunc(rest, func(m string) string {
			remarks = append(remarks, strings.TrimSpace(m))
			return " "
		})
		rest = strings.Trim(noiseRE.ReplaceAllString(rest, ""), ".")
		if rest != "" {
			c.bad = append(c.bad, part) // "3.A.5.a-c": more than an id
			continue
		}
		c.rest = append(c.rest, remarks...)
	}
	return c
}

// isPlain reports whether s holds only ASCII letters, digits, dots and
// spaces: text that textnorm.Clean would not change but for its spaces.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == ' ') {
			return false
		}
	}
	return true
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
