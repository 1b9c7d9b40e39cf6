package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/annex-tools/annex/model"
)

// series returns n revisions of a full-size annex (the 2024 sample doubled
// to 20 items), each made from the previous by revise.
func series(b *testing.B, n int) []*model.Annex {
	a := fullSize(readModel(b, "sample-2024.truth.json"))
	out := []*model.Annex{a}
	day := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)
	for i := 1; i < n; i++ {
		day = day.AddDate(0, 2, 0)
		next, _, _ := revise(out[i-1], uint64(i), day.Format(time.DateOnly))
		out = append(out, next)
	}
	return out
}

func benchStore(b *testing.B, revs []*model.Annex) string {
	dir := filepath.Join(b.TempDir(), "s")
	st, err := Init(dir)
	if err != nil {
		b.Fatal(err)
	}
	for i, a := range revs {
		if _, err := st.Import(a, src(fmt.Sprint(i))); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkHistory follows one entry across 30 full-size revisions with a
// new Store each time, as one run of `annex history` does: 29 diffs, read
// from the disk cache (cached) or computed (nocache).
func BenchmarkHistory(b *testing.B) {
	revs := series(b, 30)
	dir := benchStore(b, revs)
	b.Logf("%d revisions of %d entries", len(revs), revs[0].CountEntries())
	for _, cached := range []bool{true, false} {
		name := map[bool]string{true: "cached", false: "nocache"}[cached]
		b.Run(name, func(b *testing.B) {
			if cached { // the first run after the imports fills the cache
				st, _ := Open(dir)
				if _, err := st.History("2.A.1", "", ""); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				st, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				st.DiffCache = cached
				ls, err := st.History("2.A.1", "", "")
				if err != nil || len(ls[0].Steps) != 30 {
					b.Fatalf("History = %d lineages, %v", len(ls), err)
				}
			}
		})
	}
}

// BenchmarkHistoryWarm is History on a Store whose diffs are cached.
func BenchmarkHistoryWarm(b *testing.B) {
	dir := benchStore(b, series(b, 30))
	st, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.History("2.A.1", "", ""); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.History("3.A.1", "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompare is one diff of two consecutive full-size revisions.
func BenchmarkCompare(b *testing.B) {
	revs := series(b, 2)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		defaultCompare(revs[0], revs[1])
	}
}

// BenchmarkImport stores one full-size revision into a store that already
// holds 30.
func BenchmarkImport(b *testing.B) {
	revs := series(b, 31)
	dir := benchStore(b, revs[:30])
	st, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt := src(fmt.Sprint("bench", i))
		opt.Force = true
		if _, err := st.Import(revs[30], opt); err != nil {
			b.Fatal(err)
		}
	}
}
