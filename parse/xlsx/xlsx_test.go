package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/annex-tools/annex/model"
)

var samples = []string{"sample-2023.xlsx", "sample-2024.xlsx"}

func parseFile(t testing.TB, path string, opt Options) ([]byte, *model.Annex, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(bytes.NewReader(data), opt)
	return data, a, err
}

// TestParseSamples checks that the office-suite samples (LibreOffice Calc
// exports, written by another program than the spreadsheet library) parse to
// their true models.
func TestParseSamples(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", name)
			_, got, err := parseFile(t, path, Options{})
			if err != nil {
				t.Fatalf("Parse(%s): %v", name, err)
			}
			want := loadTruth(t, path+".truth.json")
			reportDiffs(t, name, diffModels(got, want, true))
			if n, w := got.CountEntries(), want.CountEntries(); n != w {
				t.Errorf("Parse(%s) has %d entries, want %d", name, n, w)
			}
		})
	}
}

// TestParseDeterministic parses twice and compares.
func TestParseDeterministic(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "sample-2024.xlsx")
	_, a, err := parseFile(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := parseFile(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two parses of sample-2024.xlsx differ")
	}
}
