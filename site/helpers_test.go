package site

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/store"
)

// readModel decodes an annex/1 fixture of the repository's testdata.
func readModel(t testing.TB, name string) *model.Annex {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &a
}

// sampleStore is a store of the two sample revisions (2023 and 2024).
func sampleStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Init(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sample-2023.truth.json", "sample-2024.truth.json"} {
		if _, err := st.Import(readModel(t, name), store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// genRevisions returns n revisions of a generated annex of the given number
// of items, each made from the previous by a few realistic edits
// (insertions that renumber, deletions, moves, rewording, thresholds).
func genRevisions(seed uint64, n, items, edits int) []*model.Annex {
	a := gen.Annex(seed, items, 1)
	rng := rand.New(rand.NewPCG(seed, 99))
	day := time.Date(2020, 1, 15, 0, 0, 0, 0, time.UTC)
	var out []*model.Annex
	for i := 0; i < n; i++ {
		if i > 0 {
			a = gen.EditN(rng, a, edits).Annex
			day = day.AddDate(0, 2, 0)
		}
		a.Meta.Date = day.Format(time.DateOnly)
		a.Meta.DocID = fmt.Sprintf("GEN/%s/Annex", a.Meta.Date)
		a.Meta.Source = model.Source{Name: "gen-" + a.Meta.Date + ".json", Format: "json"}
		out = append(out, a)
	}
	return out
}

// genStore stores revs in a new store under dir.
func genStore(t testing.TB, dir string, revs []*model.Annex) *store.Store {
	t.Helper()
	st, err := store.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range revs {
		if _, err := st.Import(a, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}
