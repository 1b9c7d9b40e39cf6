package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
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
			defer reportCPU(b)()
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
	defer reportCPU(b)()
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
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		opt := src(fmt.Sprint("bench", i))
		opt.Force = true
		if _, err := st.Import(revs[30], opt); err != nil {
			b.Fatal(err)
		}
	}
}

// store20 is a store of 20 full-size revisions, built once per benchmark
// binary run.
func store20(b *testing.B) string {
	b.Helper()
	dir := benchStore(b, series(b, 20))
	return dir
}

// BenchmarkStore20 is one run of each read command of the CLI on a store of
// 20 full-size revisions, each iteration on a new Store as a new process
// would: warm (the caches an import leaves on disk) beside cold (every
// cache removed, as in a fresh clone of a store kept in git). Besides the
// wall time (ns/op) it reports the CPU time of the process (cpu-ns/op),
// which a loaded machine does not inflate and which counts the work of
// every core.
func BenchmarkStore20(b *testing.B) {
	dir := store20(b)
	ops := []struct {
		name string
		run  func(st *Store) error
	}{
		{"log", func(st *Store) error { _, err := st.Log(); return err }},
		{"history", func(st *Store) error { _, err := st.History("2.A.1", "", ""); return err }},
		{"changelog", func(st *Store) error { _, err := st.Changes(); return err }},
		{"show", func(st *Store) error {
			revs, err := st.List()
			if err != nil {
				return err
			}
			a, err := st.LoadRevision(revs[len(revs)-1])
			if err == nil && a.Find("2.A.1") == nil {
				err = fmt.Errorf("no 2.A.1")
			}
			return err
		}},
	}
	for _, op := range ops {
		for _, warm := range []bool{true, false} {
			name := op.name + "/" + map[bool]string{true: "warm", false: "cold"}[warm]
			b.Run(name, func(b *testing.B) {
				if warm {
					st, _ := Open(dir)
					op.run(st)
				}
				var cpu time.Duration
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if !warm {
						b.StopTimer()
						dropCaches(b, dir)
						b.StartTimer()
					}
					c0 := cpuTime()
					st, err := Open(dir)
					if err != nil {
						b.Fatal(err)
					}
					if err := op.run(st); err != nil {
						b.Fatal(err)
					}
					cpu += cpuTime() - c0
				}
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// reportCPU starts counting the CPU time of b; the function it returns
// reports it per operation (cpu-ns/op).
func reportCPU(b *testing.B) func() {
	c0 := cpuTime()
	return func() { b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op") }
}

// cpuTime is the CPU time (user and system) of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// dropCaches removes every cache of the store in dir, as a fresh clone of
// it would lack them.
func dropCaches(b *testing.B, dir string) {
	b.Helper()
	for _, d := range []string{diffDir, entriesDir} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeRevisions reads the 20 revisions of a store whole, as a
// history that decodes every revision would (the alternative to the entry
// indexes, and what a cold run pays): through the model reader of package
// parse, as LoadRevision does ("reader"), and beside it with a bare
// json.Unmarshal and no checks ("unmarshal").
func BenchmarkDecodeRevisions(b *testing.B) {
	dir := store20(b)
	st, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	revs, _ := st.List()
	b.Run("reader", func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			for _, r := range revs {
				if _, err := st.LoadRevision(r); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		defer reportCPU(b)()
		for i := 0; i < b.N; i++ {
			for _, r := range revs {
				data, err := os.ReadFile(filepath.Join(dir, r.File))
				if err != nil {
					b.Fatal(err)
				}
				var a model.Annex
				if err := json.Unmarshal(data, &a); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
