package pdf

import "errors"

// Sentinel errors. Parse wraps them with detail (a page number, the
// library's reason); test for them with errors.Is.
var (
	// ErrCorrupt reports a file that cannot be read as a PDF: truncated,
	// damaged cross-reference table, unreadable page tree.
	ErrCorrupt = errors.New("corrupt PDF")
	// ErrEncrypted reports a PDF that cannot be decrypted without a password
	// or with an unsupported security handler.
	ErrEncrypted = errors.New("encrypted PDF")
	// ErrNoTextLayer reports a PDF whose pages carry no extractable text,
	// typically a scan.
	ErrNoTextLayer = errors.New("no text layer (scanned?)")
	// ErrNotAnnex reports a readable PDF in which no annex item was found.
	ErrNotAnnex = errors.New("no annex items found")
	// ErrInconsistent reports an annex read into a model that no printed
	// annex gives (items repeated or out of order, an entry number used
	// twice, a definitions heading without definitions): the file holds
	// more than one annex, or its layout was misread.
	ErrInconsistent = errors.New("inconsistent annex")
)
