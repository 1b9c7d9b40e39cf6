// Package jsondepth bounds the nesting of a JSON document before it is
// decoded, so that a crafted file of brackets ends with one line that says
// where, instead of costing time and stack in the decoder and in every walk
// of the model afterwards.
//
// Check scans the bytes once, skipping strings, and counts open arrays and
// objects; it does not otherwise validate the JSON (the decoder does).
package jsondepth

import (
	"bytes"
	"fmt"

	"github.com/annex-tools/annex/internal/limits"
)

// Error says where a document went past the depth limit. It wraps the
// limits.Error of limits.JSONDepth, so errors.Is(err, limits.ErrExceeded)
// holds.
type Error struct {
	Offset       int           // byte offset of the bracket that went too deep, from 0
	Line, Column int           // the same, as line and column from 1
	Limit        *limits.Error // the limit passed
}

func (e *Error) Error() string {
	return fmt.Sprintf("line %d, column %d (offset %d): %v", e.Line, e.Column, e.Offset, e.Limit)
}

func (e *Error) Unwrap() error { return e.Limit }

// Check returns an *Error when data nests arrays and objects deeper than the
// limits.JSONDepth limit in force, and nil otherwise.
func Check(data []byte) error {
	max := limits.Get(limits.JSONDepth)
	depth := int64(0)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			// Skip the string: up to the next quote not escaped.
			for i++; i < len(data); i++ {
				if data[i] == '\\' {
					i++
				} else if data[i] == '"' {
					break
				}
			}
		case '[', '{':
			depth++
			if depth > max {
				line := 1 + bytes.Count(data[:i], []byte("\n"))
				col := i - bytes.LastIndexByte(data[:i], '\n')
				return &Error{Offset: i, Line: line, Column: col, Limit: &limits.Error{Limit: limits.JSONDepth, Value: max}}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}
