package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

// A revision read back from a store passes the same structural checks as
// any model read: a forged file whose digest was updated in the index too
// (both live in a repository anyone may commit to) is refused.
func TestRevisionStructure(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{"schema":"annex/1","meta":{"regime":"MTCR"},"items":[{"number":0,"groups":[]}]}`, "item 0 is not an item of the MTCR annex"},
		{`{"schema":"annex/1","meta":{"regime":"MTCR"},"items":[{"number":-2147483649,"groups":[]}]}`, "item -2147483649 is not"},
		{`{"schema":"annex/1","items":[{"number":1,"groups":[{"letter":"AAAAAAAA/../../x","entries":[]}]}]}`, `group letter "AAAAAAAA/../../x"`},
		{`{"schema":"annex/1","meta":{"date":"9999-99-99"},"items":[]}`, `meta.date "9999-99-99" is not a date`},
		{`{"schema":"annex/1","items":[{"number":1,"groups":[{"letter":"A","entries":[{"id":"1.A.1"},{"id":"1.A.1"}]}]}]}`, "1.A.1: entry number used more than once"},
	}
	for _, tt := range tests {
		_, err := decodeModel("r.json", []byte(tt.json), "")
		if !errors.Is(err, ErrCorrupt) || !errors.Is(err, model.ErrStructure) || !strings.HasPrefix(err.Error(), "r.json: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("decodeModel(%s) = %v, want ErrCorrupt with %q", tt.json, err, tt.want)
		}
	}
	if _, err := decodeModel("eu.json", []byte(`{"schema":"annex/1","meta":{"regime":"EU"},"items":[{"number":0,"groups":[{"letter":"A","entries":[{"id":"0A001"}]}]}]}`), ""); err != nil {
		t.Errorf("EU category 0: %v", err)
	}
}
