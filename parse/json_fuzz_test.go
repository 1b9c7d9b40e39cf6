package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
)

// FuzzReadJSON feeds mutated annex/1 JSON to Read: it must not panic, must
// give the same result twice and an error of one line, and a model it
// accepts must read back equal from its own JSON.
func FuzzReadJSON(f *testing.F) {
	for _, name := range []string{"sample-2023.truth.json", "sample-2024-letter.truth.json"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	small := `{"schema":"annex/1","meta":{"regime":"MTCR","doc_id":"X","date":"2024-01-01","title":"T","source":{"name":"x.pdf","format":"pdf"}},` +
		`"definitions":[{"term":"A","scope":"","text":"a < b"}],"items":[{"number":1,"category":"I","title":"T","reserved":false,` +
		`"groups":[{"letter":"A","title":"G","entries":[{"id":"1.A.1","text":"t\u001b[31m\u202e","notes":null,"children":[{"id":"1.A.1.a","text":"u","notes":[{"kind":"Note","label":"","text":"n"}],"children":[]}]}]}]}]}`
	f.Add([]byte(small))
	f.Add([]byte(`{"schema":"annex/1","items":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`))
	f.Add([]byte(`{"schema":"annex/1","items":[{"number":"1"}]}`))
	f.Add([]byte(`{"schema":"annex/1","meta":{"title":"\ud800"}}`))
	// Other numbering schemes, and what the structural checks refuse.
	f.Add([]byte(`{"schema":"annex/1","meta":{"regime":"EU"},"items":[{"number":0,"groups":[{"letter":"A","notes":[{"kind":"Note","text":"x"}],"entries":[{"id":"0A001","children":[{"id":"0A001.a"}]}]}]}]}`))
	f.Add([]byte(`{"schema":"annex/1","items":[{"number":8,"groups":[{"letter":"","entries":[{"id":"ML8.dd"}]}]}]}`))
	f.Add([]byte(`{"schema":"annex/1","meta":{"date":"9999-99-99"},"items":[{"number":-2147483649}]}`))
	defer limits.Set(limits.JSONDepth, 40)()
	f.Fuzz(func(t *testing.T, data []byte) {
		if Detect(data[:min(len(data), 1024)]) != FormatJSON {
			return // a PDF or workbook the mutation made: their own targets
		}
		a1, err1 := Read("x.json", data, Options{})
		a2, err2 := Read("x.json", data, Options{})
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("Read twice: errors %v and %v", err1, err2)
		}
		if err1 != nil {
			if strings.ContainsAny(err1.Error(), "\n\r") {
				t.Fatalf("Read: error of more than one line: %q", err1)
			}
			return
		}
		if !reflect.DeepEqual(a1, a2) {
			t.Fatal("Read twice: different models")
		}
		out, err := json.Marshal(a1)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Read("x.json", out, Options{})
		if err != nil {
			t.Fatalf("Read of its own JSON: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(a1.Normalized(), back.Normalized()) {
			t.Fatalf("the model does not read back equal from its JSON:\n%s", out)
		}
	})
}
