package xlsx

import (
	"errors"
	"fmt"
)

// MaxUnzipSize is the most a workbook may expand to when unzipped, in bytes.
// Published annexes expand to a few megabytes; anything far larger is a
// damaged file or a zip bomb.
const MaxUnzipSize = 256 << 20

// maxXMLInMemory is the largest sheet part kept in memory; larger parts are
// spilled to temporary files by the spreadsheet library.
const maxXMLInMemory = 32 << 20

// Sentinel errors, for callers that branch on the kind of failure.
var (
	ErrEncrypted    = errors.New("password-protected workbook; save an unprotected copy")
	ErrLegacyFormat = errors.New("legacy .xls workbook (Excel 97-2003); save it as .xlsx")
	ErrBinaryFormat = errors.New("binary .xlsb workbook; save it as .xlsx")
	ErrTooLarge     = fmt.Errorf("workbook expands beyond %d MiB", MaxUnzipSize>>20)
	ErrNoHeader     = errors.New("no header row found")
	ErrNoSheet      = errors.New("no such sheet")
)

// Error is a problem at a place in a workbook.
type Error struct {
	Sheet string // the sheet's name
	Cell  string // "A17"; "" when the problem concerns the whole sheet
	Err   error  // what is wrong
}

func (e *Error) Error() string {
	if e.Cell == "" {
		return e.Sheet + ": " + e.Err.Error()
	}
	return e.Sheet + "!" + e.Cell + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
