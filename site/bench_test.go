package site

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/annex-tools/annex/report"
	"github.com/annex-tools/annex/store"
)

// BenchmarkSite builds the site of a 30-revision store of a generated
// full-size annex (20 items), beside `annex changelog` of the same store
// (every consecutive diff rendered as one HTML page), each with a new Store
// as one run of the command has:
//
//	rebuild          Build into the directory of a previous build, diffs from the store's cache
//	render           the same without writing: all pages in memory
//	nocache          Build with every diff computed afresh
//	changelog        what `annex changelog --format html` does, diffs from the cache
//	changelog-nocache  the same with every diff computed afresh
//
// Each also reports cpu-ms/op, the CPU time used per build (all goroutines),
// which a loaded machine does not inflate as it does wall time.
func BenchmarkSite(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "store")
	revs := genRevisions(11, 30, 20, 6)
	genStore(b, dir, revs)
	b.Logf("30 revisions of %d entries", revs[29].CountEntries())
	out := filepath.Join(b.TempDir(), "site")
	open := func(cache bool) *store.Store {
		st, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		st.DiffCache = cache
		return st
	}
	stats, err := Build(open(true), out, Options{}) // fills the diff cache
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d files", stats.Files)
	run := func(name string, fn func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			c0, ok := cpuTime()
			fn(b)
			if c1, _ := cpuTime(); ok {
				b.ReportMetric(float64(c1-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			}
		})
	}
	run("rebuild", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Build(open(true), out, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("render", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Render(open(true), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("nocache", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Build(open(false), out, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, cache := range []bool{true, false} {
		name := map[bool]string{true: "changelog", false: "changelog-nocache"}[cache]
		run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := open(cache).Changes()
				if err != nil {
					b.Fatal(err)
				}
				if err := report.Changelog(io.Discard, "html", res, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
