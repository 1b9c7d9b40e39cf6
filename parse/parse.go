package parse

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/pdf"
	"github.com/annex-tools/annex/parse/xlsx"
)

// Format names an input format.
type Format string

// The input formats.
const (
	FormatUnknown Format = ""
	FormatPDF     Format = "pdf"
	FormatXLSX    Format = "xlsx"
	FormatJSON    Format = "json"
)

// Sentinel errors.
var (
	ErrEmpty             = errors.New("empty file")
	ErrUnsupportedFormat = errors.New("unsupported format (want a PDF, an .xlsx workbook or annex/1 JSON)")
	// ErrInconsistent reports a file read into a model that no printed annex
	// gives (model.Check): repeated or unordered items, an entry number
	// used twice. The PDF reader names the page.
	ErrInconsistent = pdf.ErrInconsistent
)

// Options tune parsing. The zero value suits every published layout.
type Options struct {
	Sheet    string            // spreadsheets: the sheet to read; default: the first that holds entries
	Columns  map[string]string // spreadsheets: column letters by role ("id", "text", "notes", "category"), when headers cannot be guessed
	Progress func(done, total int)
	// Scheme forces the numbering scheme (model.EU, …); nil chooses it by
	// the document's content. Every model read, whatever its format, passes
	// model.Check under the scheme.
	Scheme *model.Scheme
}

// Detect tells the format of an input from its first bytes.
func Detect(head []byte) Format {
	h := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX // confirmed by Read, which looks for the workbook
	case bytes.HasPrefix(h, []byte("{")):
		return FormatJSON
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return FormatXLSX // OLE container: an encrypted workbook or a legacy .xls; the xlsx reader tells which
	}
	// Some producers put junk before the PDF header; readers accept it within
	// the first kilobyte.
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 && i < 1024 {
		return FormatPDF
	}
	return FormatUnknown
}

// File reads and parses the annex at path; "-" reads standard input.
func File(path string, opt Options) (*model.Annex, error) {
	data, err := ReadFile(path, os.Stdin)
	if err != nil {
		return nil, err
	}
	return Read(path, data, opt)
}

// ReadFile reads the input file at path, or stdin for "-", as ReadInput
// does. Errors name the file.
func ReadFile(path string, stdin io.Reader) ([]byte, error) {
	var (
		data []byte
		err  error
	)
	if path == "-" {
		data, err = ReadInput(stdin, 0)
	} else {
		var f *os.File
		f, err = os.Open(path)
		if err == nil {
			var size int64
			if st, serr := f.Stat(); serr == nil && st.Mode().IsRegular() {
				size = st.Size()
			}
			data, err = ReadInput(f, size)
			f.Close()
		}
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the name is added here, once
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// ReadInput reads an input (a revision, a saved diff, a concordance) from r
// to its end: at most the inputbytes limit, past which the error is that
// limit's. With the size of a regular file as the hint, it reads it into
// memory of that size (io.ReadAll's growing buffer ends up to twice the
// size, kept by the parse).
func ReadInput(r io.Reader, hint int64) ([]byte, error) {
	max := limits.Get(limits.InputBytes)
	var b bytes.Buffer
	if hint > 0 && hint <= max {
		b.Grow(int(hint) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > max {
		return nil, limits.Exceeded(limits.InputBytes)
	}
	return b.Bytes(), nil
}

// Read parses data, the content of the file called name. Errors name the file.
func Read(name string, data []byte, opt Options) (a *model.Annex, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("%s: %w", name, err)
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	format := Detect(data[:min(len(data), 1024)])
	switch format {
	case FormatPDF:
		a, err = pdf.Parse(bytes.NewReader(data), int64(len(data)), pdf.Options{Progress: opt.Progress, Scheme: opt.Scheme})
	case FormatXLSX:
		if bytes.HasPrefix(data, []byte("PK")) && !isWorkbook(data) {
			return nil, fmt.Errorf("zip archive without a workbook: %w", ErrUnsupportedFormat)
		}
		a, err = xlsx.Parse(bytes.NewReader(data), xlsx.Options{Sheet: opt.Sheet, Columns: opt.Columns, Scheme: opt.Scheme})
	case FormatJSON:
		a, err = decodeJSON(data, opt.Scheme)
	default:
		return nil, fmt.Errorf("%w; it starts with %s", ErrUnsupportedFormat, describeHead(data))
	}
	if err == nil && format != FormatJSON {
		// The readers check this themselves, naming the page or the cell;
		// this is the net under them: never return a model the JSON reader
		// refuses (which checks JSON as it decodes).
		if cerr := model.Check(a, opt.Scheme); cerr != nil {
			err = fmt.Errorf("%w: %w", ErrInconsistent, cerr)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := checkText(a); err != nil {
		return nil, err
	}
	if s := model.Of(a); a.Meta.Regime == "" && s != model.MTCR {
		a.Meta.Regime = s.Regime // a workbook of EU codes is the EU list
	}
	if format != FormatJSON || a.Meta.Source.Name == "" {
		sum := sha256.Sum256(data)
		a.Meta.Source.Name = baseName(name)
		a.Meta.Source.Format = string(format)
		a.Meta.Source.SHA256 = hex.EncodeToString(sum[:])
	}
	return a, nil
}

func isWorkbook(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" || f.Name == "xl/workbook.bin" {
			return true
		}
	}
	return false
}

func describeHead(data []byte) string {
	head := data[:min(len(data), 8)]
	printable := true
	for _, c := range head {
		if (c < 0x20 || c > 0x7e) && c != '\n' && c != '\r' && c != '\t' {
			printable = false
		}
	}
	if printable {
		return fmt.Sprintf("%q", head)
	}
	return fmt.Sprintf("bytes % x", head)
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}
