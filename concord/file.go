package concord

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
)

// Columns are the columns of a concordance as a table (CSV or XLSX). Reading
// finds them by name; reasons are extra, and a row added by hand needs only
// national, annex and status.
var Columns = []string{"national", "annex", "confidence", "status", "national_text", "annex_text", "reasons"}

// Formats lists the formats a concordance is written in.
var Formats = []string{"json", "csv", "xlsx", "md", "html", "text"}

// Write writes c in format, one of Formats.
func Write(w io.Writer, format string, c *Concordance) error {
	c.normalise()
	if format == "json" {
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	t := c.Table()
	if format == "text" { // a summary for the terminal: the texts are in every other format
		for k := range t.Rows {
			t.Rows[k] = []string{t.Rows[k][0], t.Rows[k][1], t.Rows[k][2], t.Rows[k][3], t.Rows[k][6]}
		}
		t.Columns = []string{"national", "annex", "confidence", "status", "reasons"}
	}
	return WriteTable(w, format, t)
}

// Table is c as a table, one row per link, then one row per national entry
// with no link (annex empty, status "national-only") and one per annex entry
// with none (national empty, status "annex-unlinked").
func (c *Concordance) Table() Table {
	t := Table{Title: "Concordance", Columns: Columns}
	for _, l := range c.Links {
		t.Rows = append(t.Rows, []string{l.National, l.Annex, strconv.FormatFloat(l.Confidence, 'f', 2, 64), l.Status,
			l.NationalText, l.AnnexText, strings.Join(l.Reasons, "; ")})
	}
	for _, n := range c.NationalOnly {
		t.Rows = append(t.Rows, []string{n, "", "", "national-only", "", "", ""})
	}
	for _, a := range c.AnnexUnlinked {
		t.Rows = append(t.Rows, []string{"", a, "", "annex-unlinked", "", "", ""})
	}
	return t
}

// ErrNotConcordance is wrapped by Read's errors for a file that is none of
// the concordance's forms.
var ErrNotConcordance = errors.New("not a concordance")

// Read reads a concordance written by Write in JSON, CSV or XLSX, after
// people may have edited the status column or added rows; the form is told
// by content. Links come back with the status the file gives them.
func Read(data []byte) (*Concordance, error) {
	trim := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trim, []byte("{")):
		var c Concordance
		if err := json.Unmarshal(trim, &c); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotConcordance, err)
		}
		if c.Schema != Schema {
			return nil, fmt.Errorf("%w: schema is %q, want %q", ErrNotConcordance, c.Schema, Schema)
		}
		for k, l := range c.Links {
			if err := checkLink(l); err != nil {
				return nil, fmt.Errorf("link %d: %w", k+1, err)
			}
		}
		c.normalise()
		return &c, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data)
	default:
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotConcordance, err)
		}
		return fromRows(rows, "row ")
	}
}

// readXLSX reads the first sheet of a concordance workbook, guarded as
// every workbook annex reads is: forbidden characters and shared-string
// limits checked first (xlsxguard), unzip limits, the cells counted.
func readXLSX(data []byte) (c *Concordance, err error) {
	defer func() {
		if p := recover(); p != nil {
			c, err = nil, fmt.Errorf("%w: unreadable workbook (the spreadsheet library failed: %v)", ErrNotConcordance, p)
		}
	}()
	prep, err := xlsxguard.Prepare(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(prep.Data), excelize.Options{
		UnzipSizeLimit:    limits.Get(limits.InputBytes),
		UnzipXMLSizeLimit: 16 << 20, // larger parts go to temporary files
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotConcordance, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: no sheet", ErrNotConcordance)
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer it.Close()
	cells := limits.NewCounter(limits.Cells)
	var rows [][]string
	for it.Next() {
		row, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if err := cells.Add(int64(len(row))); err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	return fromRows(rows, sheets[0]+"!")
}

func checkLink(l Link) error {
	switch {
	case l.National == "" || l.Annex == "":
		return errors.New("a link needs both national and annex")
	case l.Status != Proposed && l.Status != Confirmed && l.Status != Rejected:
		return fmt.Errorf("status %q is not one of proposed, confirmed, rejected", l.Status)
	}
	return nil
}

// fromRows reads a table whose first row names the columns.
func fromRows(rows [][]string, where string) (*Concordance, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrNotConcordance)
	}
	col := make(map[string]int)
	for k, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = k
	}
	for _, need := range []string{"national", "annex", "status"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%w: no %q column in the header", ErrNotConcordance, need)
		}
	}
	get := func(r []string, name string) string {
		k, ok := col[name]
		if !ok || k >= len(r) {
			return ""
		}
		v := strings.TrimSpace(r[k])
		if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) {
			v = v[1:] // the formula guard Write adds, and only that
		}
		return v
	}
	c := &Concordance{Schema: Schema}
	for i, r := range rows[1:] {
		l := Link{National: get(r, "national"), Annex: get(r, "annex"), Status: strings.ToLower(get(r, "status")),
			NationalText: get(r, "national_text"), AnnexText: get(r, "annex_text")}
		switch {
		case l.National == "" && l.Annex == "":
			continue // a blank row
		case l.Status == "national-only":
			c.NationalOnly = append(c.NationalOnly, l.National)
			continue
		case l.Status == "annex-unlinked":
			c.AnnexUnlinked = append(c.AnnexUnlinked, l.Annex)
			continue
		}
		if s := get(r, "confidence"); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f < 0 || f > 1 {
				return nil, fmt.Errorf("%s%d: confidence %q is not a number from 0 to 1", where, i+2, s)
			}
			l.Confidence = f
		} else {
			l.Confidence = 1 // added by hand
		}
		if s := get(r, "reasons"); s != "" {
			l.Reasons = strings.Split(s, "; ")
		} else if l.Status == Confirmed {
			l.Reasons = []string{"added by a reviewer"}
		}
		if err := checkLink(l); err != nil {
			return nil, fmt.Errorf("%s%d: %w", where, i+2, err)
		}
		c.Links = append(c.Links, l)
	}
	c.normalise()
	return c, nil
}
