package gen

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/annex-tools/annex/model"
)

func TestAnnexValid(t *testing.T) {
	for _, tc := range []struct {
		seed         uint64
		items, scale int
	}{{1, 10, 1}, {2, 6, 3}, {3, 20, 10}} {
		a := Annex(tc.seed, tc.items, tc.scale)
		for _, p := range model.Validate(a) {
			switch p.Kind {
			case model.ProblemDuplicate, model.ProblemGap, model.ProblemMisplaced, model.ProblemDanglingRef:
				t.Errorf("Annex(%d, %d, %d): %s", tc.seed, tc.items, tc.scale, p)
			}
		}
		if n := a.CountEntries(); n < 10*tc.items*tc.scale/2 {
			t.Errorf("Annex(%d, %d, %d) has %d entries, want at least %d", tc.seed, tc.items, tc.scale, n, 10*tc.items*tc.scale/2)
		}
		b := Annex(tc.seed, tc.items, tc.scale)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Annex(%d, %d, %d) differs between two calls", tc.seed, tc.items, tc.scale)
		}
	}
	if reflect.DeepEqual(Annex(1, 4, 1), Annex(2, 4, 1)) {
		t.Errorf("Annex(1, …) = Annex(2, …), want different annexes for different seeds")
	}
}

func TestAnnexSize(t *testing.T) {
	n1 := Annex(7, 10, 1).CountEntries()
	n10 := Annex(7, 10, 10).CountEntries()
	if n10 < 5*n1 || n10 > 20*n1 {
		t.Errorf("entries at scale 1, 10 = %d, %d, want about ten times more", n1, n10)
	}
	t.Logf("entries: scale 1: %d, scale 10: %d", n1, n10)
}

func TestEdit(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		a := Annex(seed, 8, 2)
		before, _ := json.Marshal(a)
		rng := rand.New(rand.NewPCG(seed, 99))
		ed := EditN(rng, a, 6)
		after, _ := json.Marshal(a)
		if string(before) != string(after) {
			t.Fatalf("seed %d: EditN modified its input", seed)
		}
		if len(ed.Log) == 0 {
			t.Errorf("seed %d: no edit applied", seed)
		}
		if len(ed.Changes) == 0 {
			t.Errorf("seed %d: edits %q but no expected change", seed, ed.Log)
		}
		for _, p := range model.Validate(ed.Annex) {
			switch p.Kind {
			case model.ProblemDuplicate, model.ProblemGap, model.ProblemMisplaced:
				t.Errorf("seed %d: edited annex: %s (edits %q)", seed, p, ed.Log)
			}
		}
		seen := make(map[string]bool)
		for _, c := range ed.Changes {
			k := string(c.Kind) + c.OldID + "/" + c.NewID + c.Term
			if seen[k] {
				t.Errorf("seed %d: change %s listed twice", seed, k)
			}
			seen[k] = true
		}
	}
}

func TestEditSamples(t *testing.T) {
	// Edit works on any annex, not only generated ones.
	b, err := jsonFile("../../testdata/sample-2024.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	ed := EditN(rand.New(rand.NewPCG(1, 2)), b, 8)
	if len(ed.Changes) == 0 {
		t.Errorf("EditN(sample-2024) made no change: %q", ed.Log)
	}
}
