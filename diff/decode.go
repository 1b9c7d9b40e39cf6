package diff

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/annex-tools/annex/internal/jsonpos"
)

// ErrNotDiff is returned by Decode for JSON that is not an annex-diff/1 document.
var ErrNotDiff = errors.New("not an annex-diff/1 document")

// Decode reads a saved annex-diff/1 document, such as `annex diff --format
// json` writes, so that it can be rendered again without parsing the
// revisions. Unknown fields are allowed; a missing or different schema is
// not. The summary is recounted from the changes.
func Decode(data []byte) (Result, error) {
	var r Result
	if err := json.Unmarshal(data, &r); err != nil {
		if line, col, ok := jsonpos.Of(data, err); ok {
			return Result{}, fmt.Errorf("invalid JSON: line %d, column %d: %v", line, col, err)
		}
		return Result{}, fmt.Errorf("invalid JSON: %v", err)
	}
	switch r.Schema {
	case Schema:
	case "":
		return Result{}, fmt.Errorf("%w: no \"schema\" field", ErrNotDiff)
	default:
		return Result{}, fmt.Errorf("%w: schema is %q", ErrNotDiff, r.Schema)
	}
	for i, c := range r.Changes {
		switch c.Kind {
		case Added, Removed, Modified, Renumbered:
		default:
			return Result{}, fmt.Errorf("%w: change %d has kind %q", ErrNotDiff, i+1, c.Kind)
		}
	}
	r.Summary = Summarize(r.Changes)
	return r, nil
}
