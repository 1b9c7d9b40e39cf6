package model_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// The encoding as it was, one MarshalJSON method per level, kept as the
// reference: the plain encoding must give the same bytes. A field added to
// Annex, Item, Group or Entry must be added to these mirrors too.
type (
	nestedAnnex struct {
		Schema      string             `json:"schema"`
		Meta        model.Meta         `json:"meta"`
		Definitions []model.Definition `json:"definitions"`
		Items       []nestedItem       `json:"items"`
	}
	nestedItem struct {
		Number   int           `json:"number"`
		Category string        `json:"category"`
		Title    string        `json:"title"`
		Reserved bool          `json:"reserved"`
		Groups   []nestedGroup `json:"groups"`
	}
	nestedGroup struct {
		Letter  string        `json:"letter"`
		Title   string        `json:"title"`
		Entries []nestedEntry `json:"entries"`
		Notes   []model.Note  `json:"notes,omitempty"`
	}
	nestedEntry struct {
		ID       string        `json:"id"`
		Text     string        `json:"text"`
		Notes    []model.Note  `json:"notes"`
		Children []nestedEntry `json:"children"`
	}
)

func (a nestedAnnex) MarshalJSON() ([]byte, error) {
	type plain nestedAnnex
	p := plain(a)
	if p.Schema == "" {
		p.Schema = model.Schema
	}
	if p.Definitions == nil {
		p.Definitions = []model.Definition{}
	}
	if p.Items == nil {
		p.Items = []nestedItem{}
	}
	return json.Marshal(p)
}

func (it nestedItem) MarshalJSON() ([]byte, error) {
	type plain nestedItem
	p := plain(it)
	if p.Groups == nil {
		p.Groups = []nestedGroup{}
	}
	return json.Marshal(p)
}

func (g nestedGroup) MarshalJSON() ([]byte, error) {
	type plain nestedGroup
	p := plain(g)
	if p.Entries == nil {
		p.Entries = []nestedEntry{}
	}
	return json.Marshal(p)
}

func (e nestedEntry) MarshalJSON() ([]byte, error) {
	type plain nestedEntry
	p := plain(e)
	if p.Notes == nil {
		p.Notes = []model.Note{}
	}
	if p.Children == nil {
		p.Children = []nestedEntry{}
	}
	return json.Marshal(p)
}

func nested(a *model.Annex) nestedAnnex {
	var entries func([]model.Entry) []nestedEntry
	entries = func(in []model.Entry) []nestedEntry {
		if in == nil {
			return nil
		}
		out := make([]nestedEntry, len(in))
		for i, e := range in {
			out[i] = nestedEntry{ID: e.ID, Text: e.Text, Notes: e.Notes, Children: entries(e.Children)}
		}
		return out
	}
	n := nestedAnnex{Schema: a.Schema, Meta: a.Meta, Definitions: a.Definitions}
	if a.Items != nil {
		n.Items = make([]nestedItem, len(a.Items))
	}
	for i, it := range a.Items {
		ni := nestedItem{Number: it.Number, Category: it.Category, Title: it.Title, Reserved: it.Reserved}
		if it.Groups != nil {
			ni.Groups = make([]nestedGroup, len(it.Groups))
		}
		for j, g := range it.Groups {
			ni.Groups[j] = nestedGroup{Letter: g.Letter, Title: g.Title, Entries: entries(g.Entries), Notes: g.Notes}
		}
		n.Items[i] = ni
	}
	return n
}

// deepAnnex returns a model whose one entry has children nested depth deep,
// with nil lists everywhere the builder leaves them.
func deepAnnex(depth int) *model.Annex {
	e := model.Entry{ID: "1.A.1", Text: "leaf <b> & \u2028"}
	for k := 0; k < depth; k++ {
		e = model.Entry{ID: "1.A.1", Text: fmt.Sprintf("level %d", depth-k), Children: []model.Entry{e}}
	}
	return &model.Annex{Items: []model.Item{{Number: 1, Groups: []model.Group{{Letter: "A", Entries: []model.Entry{e}}}}}}
}

func encode(v any, indent bool) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if indent {
		enc.SetIndent("", "  ")
	}
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func samples(t testing.TB) map[string]*model.Annex {
	out := map[string]*model.Annex{
		"empty":     {},
		"nil lists": {Items: []model.Item{{Number: 1}, {Number: 2, Groups: []model.Group{{Letter: "A"}}}}},
		"deep 300":  deepAnnex(300),
		"generated": gen.Annex(1, 10, 1),
	}
	data, err := os.ReadFile("../testdata/sample-2024.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	out["sample-2024"] = &a
	return out
}

func TestMarshalJSONSameAsNested(t *testing.T) {
	for name, a := range samples(t) {
		for _, indent := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s indent %v", name, indent), func(t *testing.T) {
				before := encode(a, indent)
				got, want := before, encode(nested(a), indent)
				if !bytes.Equal(got, want) {
					t.Errorf("encoding differs from the nested one:\n got %.300s\nwant %.300s", got, want)
				}
				if bytes.Contains(got, []byte("null")) {
					t.Errorf("encoding holds null: %.300s", got)
				}
				if again := encode(a, indent); !bytes.Equal(again, before) {
					t.Errorf("encoding changed the model")
				}
			})
		}
	}
}

func TestEntryNormalized(t *testing.T) {
	e := deepAnnex(3).Items[0].Groups[0].Entries[0]
	got := string(encode(e.Normalized(), false))
	if strings.Contains(got, "null") || strings.Count(got, `"notes":[]`) != 4 || strings.Count(got, `"children":[]`) != 1 {
		t.Errorf("Entry.Normalized encodes as %s, want every list an array", got)
	}
	if e.Notes != nil {
		t.Errorf("Normalized modified the entry")
	}
}

// BenchmarkEncodeJSON encodes models as annex parse --format json does,
// through the plain encoding and the nested one it replaced.
func BenchmarkEncodeJSON(b *testing.B) {
	for _, tt := range []struct {
		name string
		a    *model.Annex
	}{{"generated-x10", gen.Annex(1, 10, 10)}, {"deep-3000", deepAnnex(3000)}} {
		n := nested(tt.a)
		for _, indent := range []bool{false, true} {
			suffix := ""
			if indent {
				suffix = "-indent"
			}
			b.Run(tt.name+"/plain"+suffix, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					encode(tt.a, indent)
				}
				b.ReportMetric(float64(len(encode(tt.a, indent))), "out-bytes")
			})
			type plain model.Annex
			p := plain(tt.a.Normalized())
			b.Run(tt.name+"/struct"+suffix, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					encode(p, indent)
				}
			})
			b.Run(tt.name+"/nested"+suffix, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					encode(n, indent)
				}
			})
		}
	}
}
