package diff_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

func readAnnex(b *testing.B, path string) *model.Annex {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		b.Fatal(err)
	}
	return &a
}

func BenchmarkCompareSamples(b *testing.B) {
	old := readAnnex(b, "../testdata/sample-2023.truth.json")
	new := readAnnex(b, "../testdata/sample-2024.truth.json")
	n := old.CountEntries() + new.CountEntries()
	b.ResetTimer()
	for b.Loop() {
		diff.Compare(old, new)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
}

// benchCompare compares a generated annex of the given scale with a copy
// carrying edits random edits.
func benchCompare(b *testing.B, scale, edits int) {
	a := gen.Annex(1, 10, scale)
	ed := gen.EditN(rand.New(rand.NewPCG(1, 2)), a, edits)
	n := a.CountEntries() + ed.Annex.CountEntries()
	if m := mismatch(diff.Compare(a, ed.Annex).Changes, ed.Changes); len(m) > 0 {
		b.Fatalf("scale %d, %d edits: %d mismatches:\n%s", scale, len(ed.Log), len(m), strings.Join(m, "\n"))
	}
	b.ResetTimer()
	var res diff.Result
	for b.Loop() {
		res = diff.Compare(a, ed.Annex)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
	b.ReportMetric(float64(a.CountEntries()), "entries")
	b.ReportMetric(float64(len(res.Changes)), "changes")
}

// BenchmarkCompareLarge runs at the sample's size (scale 1), 10 times and
// 100 times it (about 26,000 entries), with edits in proportion, so that
// ns/entry shows how the cost grows with the size of the annex.
func BenchmarkCompareLarge(b *testing.B) {
	for _, c := range []struct{ scale, edits int }{{1, 3}, {10, 30}, {100, 300}} {
		b.Run(fmt.Sprintf("scale=%d", c.scale), func(b *testing.B) { benchCompare(b, c.scale, c.edits) })
	}
}

// outline renders a model one entry per line, "id text", as a reader diffing
// two text extractions would see it.
func outline(a *model.Annex) string {
	var b strings.Builder
	for _, n := range a.Nodes() {
		b.WriteString(n.Entry.ID + " " + n.Entry.Text + "\n")
		for _, note := range n.Entry.Notes {
			b.WriteString(note.Kind + ": " + note.Text + "\n")
		}
	}
	return b.String()
}

// BenchmarkLineDiff is the obvious alternative, run beside Compare: a line
// diff (go-diff, line mode, no timeout) of the two revisions rendered one
// entry per line. It is cheaper but says far less: every renumbered entry
// shows as a deleted and an inserted line, moves are not recognised, and
// nothing is classified as editorial or substantive.
func BenchmarkLineDiff(b *testing.B) {
	run := func(b *testing.B, old, new *model.Annex) {
		o, n := outline(old), outline(new)
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0
		b.ResetTimer()
		for b.Loop() {
			c1, c2, lines := dmp.DiffLinesToRunes(o, n)
			dmp.DiffCharsToLines(dmp.DiffMainRunes(c1, c2, false), lines)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(old.CountEntries()+new.CountEntries()), "ns/entry")
	}
	b.Run("samples", func(b *testing.B) {
		run(b, readAnnex(b, "../testdata/sample-2023.truth.json"), readAnnex(b, "../testdata/sample-2024.truth.json"))
	})
	for _, c := range []struct{ scale, edits int }{{1, 3}, {10, 30}, {100, 300}} {
		b.Run(fmt.Sprintf("scale=%d", c.scale), func(b *testing.B) {
			a := gen.Annex(1, 10, c.scale)
			ed := gen.EditN(rand.New(rand.NewPCG(1, 2)), a, c.edits)
			run(b, a, ed.Annex)
		})
	}
}
