// Package xlsx parses an annex kept as a spreadsheet.
package xlsx

import (
	"errors"
	"io"

	"github.com/annex-tools/annex/model"
)

// Options tune spreadsheet parsing.
type Options struct {
	Sheet   string            // the sheet to read; default: the first that holds entries
	Columns map[string]string // column letters by role ("id", "text", "notes", "category")
}

// Parse reads a workbook from r.
func Parse(r io.Reader, opt Options) (*model.Annex, error) {
	return nil, errors.New("spreadsheet input is not implemented yet")
}
