// Package pdf parses a published annex revision from a PDF.
package pdf

import (
	"errors"
	"io"

	"github.com/annex-tools/annex/model"
)

// Options tune PDF parsing.
type Options struct {
	Progress func(done, total int) // called after each page when set
}

// Parse reads the PDF of size bytes from r.
func Parse(r io.ReaderAt, size int64, opt Options) (*model.Annex, error) {
	return nil, errors.New("PDF input is not implemented yet")
}
