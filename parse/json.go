package parse

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/annex-tools/annex/internal/jsondepth"
	"github.com/annex-tools/annex/internal/jsonpos"
	"github.com/annex-tools/annex/model"
)

// ErrNotAnnexJSON is returned for JSON that is not an annex/1 model.
var ErrNotAnnexJSON = errors.New("not an annex/1 model")

// decodeJSON reads a saved annex/1 model in one decode. Unknown fields are
// allowed (later minor versions may add some); a missing or different
// schema is not, nor JSON nested past the depth limit (checked before
// decoding), nor a model that fails the structural checks of
// model.Check under scheme s (the model's own when s is nil). The full
// model.Validate is not run: it is on demand.
func decodeJSON(data []byte, s *model.Scheme) (*model.Annex, error) {
	if err := jsondepth.Check(data); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		// Only on failure: say whether it was meant to be a model at all.
		var probe struct {
			Schema *string `json:"schema"`
		}
		if json.Unmarshal(data, &probe) == nil {
			if e := schemaErr(probe.Schema); e != nil {
				return nil, e
			}
			return nil, fmt.Errorf("invalid annex/1 JSON: %s", jsonErr(data, err))
		}
		return nil, fmt.Errorf("invalid JSON: %s", jsonErr(data, err))
	}
	if a.Schema == "" {
		// Tell a missing field from an empty one only on this rare path.
		var probe struct {
			Schema *string `json:"schema"`
		}
		_ = json.Unmarshal(data, &probe)
		return nil, schemaErr(probe.Schema)
	}
	if e := schemaErr(&a.Schema); e != nil {
		return nil, e
	}
	// Group notes are omitted when there are none: an empty list read is
	// none, so that the model writes back as it reads.
	for i := range a.Items {
		for j := range a.Items[i].Groups {
			if g := &a.Items[i].Groups[j]; len(g.Notes) == 0 {
				g.Notes = nil
			}
		}
	}
	if err := model.Check(&a, s); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotAnnexJSON, err)
	}
	return &a, nil
}

func schemaErr(schema *string) error {
	switch {
	case schema == nil:
		return fmt.Errorf("%w: no \"schema\" field", ErrNotAnnexJSON)
	case *schema != model.Schema:
		return fmt.Errorf("%w: schema is %q", ErrNotAnnexJSON, *schema)
	}
	return nil
}

// jsonErr adds the line and column to a JSON syntax or type error.
func jsonErr(data []byte, err error) string {
	if line, col, ok := jsonpos.Of(data, err); ok {
		return fmt.Sprintf("line %d, column %d: %v", line, col, err)
	}
	return err.Error()
}
