package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/annex-tools/annex/internal/jsondepth"
	"github.com/annex-tools/annex/internal/jsonpos"
	"github.com/annex-tools/annex/model"
)

// ErrNotAnnexJSON is returned for JSON that is not an annex/1 model.
var ErrNotAnnexJSON = errors.New("not an annex/1 model")

// decodeJSON reads a saved annex/1 model. Unknown fields are allowed (later
// minor versions may add some); a missing or different schema is not.
func decodeJSON(data []byte) (*model.Annex, error) {
	if err := jsondepth.Check(data); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	var probe struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("invalid JSON: %s", jsonErr(data, err))
	}
	switch {
	case probe.Schema == nil:
		return nil, fmt.Errorf("%w: no \"schema\" field", ErrNotAnnexJSON)
	case *probe.Schema != model.Schema:
		return nil, fmt.Errorf("%w: schema is %q", ErrNotAnnexJSON, *probe.Schema)
	}
	var a model.Annex
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("invalid annex/1 JSON: %s", jsonErr(data, err))
	}
	if ps := model.Check(&a); len(ps) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrNotAnnexJSON, ps[0])
	}
	return &a, nil
}

// jsonErr adds the line and column to a JSON syntax or type error.
func jsonErr(data []byte, err error) string {
	if line, col, ok := jsonpos.Of(data, err); ok {
		return fmt.Sprintf("line %d, column %d: %v", line, col, err)
	}
	return err.Error()
}
