// Package jsonpos locates encoding/json errors in their input, so that an
// error about a saved model or a store file can say "line 3, column 7".
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Of returns the line and column (both from 1) at which err, returned by
// encoding/json for data, occurred, and false when err carries no offset.
func Of(data []byte, err error) (line, col int, ok bool) {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return 0, 0, false
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col, true
}
