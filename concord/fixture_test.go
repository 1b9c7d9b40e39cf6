package concord

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/annex-tools/annex/internal/gen"
)

var update = flag.Bool("update", false, "rewrite the generated national list in testdata/national")

// TestNationalFixture keeps testdata/national in step with the generator:
// the national list derived from the 2023 sample (national-2023.json), its
// true concordance as a reviewer would leave it (truth-2023.csv), and the
// list derived from 2024 with one text lagging at 2023 (national-2024.json,
// truth-2024.csv). go test ./concord -run TestNationalFixture -update
// rewrites them.
func TestNationalFixture(t *testing.T) {
	dir := filepath.Join("..", "testdata", "national")
	for _, tc := range []struct{ year, annex, older string }{
		{"2023", "../testdata/sample-2023.truth.json", ""},
		{"2024", "../testdata/sample-2024.truth.json", "../testdata/sample-2023.truth.json"},
	} {
		annex := readModel(t, tc.annex)
		var opt gen.NationalOptions
		if tc.older != "" {
			opt.Older = readModel(t, tc.older)
		}
		nat := gen.NationalList(annex, opt)
		nat.List.Meta.Source.Name = "national-" + tc.year + ".json"
		list, err := json.MarshalIndent(nat.List, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var truth bytes.Buffer
		if err := Write(&truth, "csv", truthConcordance(nat, annex)); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{
			"national-" + tc.year + ".json": append(list, '\n'),
			"truth-" + tc.year + ".csv":     truth.Bytes(),
		}
		for name, want := range files {
			path := filepath.Join(dir, name)
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./concord -run TestNationalFixture -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is not what the generator makes now (run go test ./concord -run TestNationalFixture -update)", path)
			}
		}
	}
}
