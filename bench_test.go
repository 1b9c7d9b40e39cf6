package annex_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// BenchmarkDiffJSON is `annex diff OLD.json NEW.json` without the process:
// two saved models ten times the sample (about 3,500 entries each) read
// with the model reader (one decode, the structural checks) and compared.
// Beside it, bare-decode: the same with json.Unmarshal alone, the floor of
// reading; the goal is under 0.15 s a diff.
func BenchmarkDiffJSON(b *testing.B) {
	a := gen.Annex(1, 10, 10)
	ed := gen.EditN(rand.New(rand.NewPCG(1, 2)), a, 30)
	oldJSON, err := json.Marshal(a)
	if err != nil {
		b.Fatal(err)
	}
	newJSON, err := json.Marshal(ed.Annex)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("reader", func(b *testing.B) {
		for b.Loop() {
			o, err := parse.Read("old.json", oldJSON, parse.Options{})
			if err != nil {
				b.Fatal(err)
			}
			n, err := parse.Read("new.json", newJSON, parse.Options{})
			if err != nil {
				b.Fatal(err)
			}
			diff.Compare(o, n)
		}
	})
	b.Run("bare-decode", func(b *testing.B) {
		for b.Loop() {
			var o, n model.Annex
			if err := json.Unmarshal(oldJSON, &o); err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(newJSON, &n); err != nil {
				b.Fatal(err)
			}
			diff.Compare(&o, &n)
		}
	})
}
