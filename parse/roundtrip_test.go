package parse

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRoundTrip checks that parse never returns a model its own JSON reader
// refuses: whatever Read accepts (a PDF, a workbook or annex/1 JSON), written
// as JSON and read back, gives the same model. It is seeded with every
// sample and fixture of the repository (CI runs the seeds as a test; make
// fuzz mutates them).
func FuzzRoundTrip(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("..", "testdata", "*"),
		filepath.Join("pdf", "testdata", "*.pdf"),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			if st, err := os.Stat(file); err != nil || st.IsDir() || filepath.Ext(file) == ".md" || filepath.Base(file) == "sample-2023_2024.expected.json" {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(`{"schema":"annex/1","meta":{},"definitions":[],"items":[{"number":1,"category":"I","title":"T","reserved":false,"groups":[{"letter":"A","title":"E","entries":[{"id":"1.A.1","text":"x","notes":[],"children":[]}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read("in", data, Options{})
		if err != nil {
			return
		}
		first, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("marshal the model read: %v", err)
		}
		b, err := Read("in.json", first, Options{})
		if err != nil {
			t.Fatalf("Read gave a model its JSON reader refuses: %v", err)
		}
		second, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("the model read back from JSON differs:\n%s\n%s", first, second)
		}
	})
}
