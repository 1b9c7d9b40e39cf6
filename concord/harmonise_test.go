package concord

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/impact"
	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// truthConcordance is the generated list's true link table, as a reviewer
// would leave it: every link confirmed.
func truthConcordance(nat gen.National, annex *model.Annex) *Concordance {
	c := &Concordance{Schema: Schema, National: DocOf(nat.List), Annex: DocOf(annex)}
	for _, l := range nat.Links {
		c.Links = append(c.Links, Link{National: l[0], Annex: l[1], Confidence: 1, Status: Confirmed})
	}
	c.normalise()
	return c
}

func TestHarmoniseFindsPlanted(t *testing.T) {
	old := readModel(t, "../testdata/sample-2023.truth.json")
	annex := readModel(t, "../testdata/sample-2024.truth.json")
	nat := gen.NationalList(annex, gen.NationalOptions{Older: old})
	if len(nat.Lagging) != 1 || len(nat.OwnWording) != 1 || len(nat.Missing) == 0 || len(nat.NationalOnly) == 0 || nat.Merged == "" || nat.Split[1] == "" {
		t.Fatalf("generator planted lagging %v, own %v, missing %v, national-only %v, merged %q, split %v",
			nat.Lagging, nat.OwnWording, nat.Missing, nat.NationalOnly, nat.Merged, nat.Split)
	}
	rep := Harmonise(nat.List, annex, truthConcordance(nat, annex), []Earlier{{Label: "2023", Annex: old}})
	got := make(map[string][]string) // kind → ids
	for _, f := range rep.Findings {
		id := f.NationalID
		if f.Kind == impact.FindingMissing {
			id = f.AnnexID
		}
		got[f.Kind] = append(got[f.Kind], id)
		if f.Kind == impact.FindingSubstantive || f.Kind == impact.FindingEditorial {
			t.Logf("%s %s ~ %s: %s | matches %v", f.Kind, f.NationalID, f.AnnexID, diffOps(f.TextDiff), f.Matches)
		}
	}
	want := map[string][]string{
		impact.FindingSubstantive:  append(append([]string{}, nat.Lagging...), nat.OwnWording...),
		impact.FindingMissing:      nat.Missing,
		impact.FindingNationalOnly: nat.NationalOnly,
	}
	for kind, ids := range want {
		g := append([]string{}, got[kind]...)
		w := append([]string{}, ids...)
		sort.Strings(g)
		sort.Strings(w)
		if !slices.Equal(g, w) {
			t.Errorf("%s = %v, want %v", kind, g, w)
		}
	}
	if len(got[impact.FindingEditorial]) != 0 || len(got[impact.FindingNotInAnnex]) != 0 {
		t.Errorf("editorial %v, not in annex %v: want none", got[impact.FindingEditorial], got[impact.FindingNotInAnnex])
	}
	for _, f := range rep.Findings {
		if slices.Contains(nat.Lagging, f.NationalID) && !slices.Equal(f.Matches, []string{"2023"}) {
			t.Errorf("lagging %s matches %v, want [2023]", f.NationalID, f.Matches)
		}
	}
	if rep.Summary[impact.FindingSame] == 0 {
		t.Errorf("no pair found the same: %v", rep.Summary)
	}
}

func diffOps(ops []diff.Op) string {
	s := ""
	for _, o := range ops {
		switch o.Op {
		case diff.OpDelete:
			s += "[-" + o.Text + "-]"
		case diff.OpInsert:
			s += "{+" + o.Text + "+}"
		default:
			s += o.Text
		}
	}
	return s
}

// TestAmendSamples drafts the amendment of a national list derived from the
// 2023 sample for the changes of 2024, and checks it against the truth made
// from the expected change list and the generator's own translation: the
// national entries that must change and no other, and the proposed wordings.
func TestAmendSamples(t *testing.T) {
	old := readModel(t, "../testdata/sample-2023.truth.json")
	new := readModel(t, "../testdata/sample-2024.truth.json")
	nat := gen.NationalList(old, gen.NationalOptions{})
	dr := Amend(nat.List, old, new, truthConcordance(nat, old))

	// The truth: new ids → old ids from the expected changes.
	b, err := os.ReadFile("../testdata/sample-2023_2024.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Changes []diff.Change `json:"changes"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	rename := make(map[string]string)
	new.Walk(func(n model.Node) bool { rename[n.Entry.ID] = n.Entry.ID; return true })
	removed := make(map[string]bool)
	var added []string
	for _, c := range exp.Changes {
		if c.Target != diff.TargetEntry {
			continue
		}
		switch c.Kind {
		case diff.Added:
			delete(rename, c.NewID)
			added = append(added, c.NewID)
		case diff.Removed:
			removed[c.OldID] = true
		case diff.Renumbered:
			rename[c.NewID] = c.OldID
		}
	}
	codes := make(map[string][]string) // new id → national codes
	for nid, oid := range rename {
		codes[nid] = nat.Codes[oid]
	}
	type row struct{ code, action string }
	want := make(map[row]string) // → proposed text, "-" where none is checked
	oldIdx := old.Index()
	notesOf := func(ns []model.Note, a *model.Annex, codes map[string][]string) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Kind+n.Label+gen.Translate(n.Text, a, codes))
		}
		return out
	}
	new.Walk(func(n model.Node) bool {
		oid, ok := rename[n.Entry.ID]
		if !ok {
			return true
		}
		o := oldIdx[oid].Entry
		oldT, newT := gen.Translate(o.Text, old, nat.Codes), gen.Translate(n.Entry.Text, new, codes)
		sameNotes := slices.Equal(notesOf(o.Notes, old, nat.Codes), notesOf(n.Entry.Notes, new, codes))
		for _, code := range codes[n.Entry.ID] {
			if oldT == newT && sameNotes {
				continue
			}
			if code == nat.Merged {
				want[row{code, ActionAmend}] = "-"
				continue
			}
			want[row{code, ActionAmend}] = newT
		}
		return true
	})
	for oid := range removed {
		for _, code := range nat.Codes[oid] {
			want[row{code, ActionDelete}] = "-"
		}
	}
	for _, id := range added {
		want[row{"?" + id, ActionAdd}] = "-"
	}
	got := make(map[row]string)
	for _, a := range dr.Amendments {
		k := row{a.National, a.Action}
		if a.Action == ActionAdd {
			k.code = "?" + a.AnnexNew[0]
		}
		got[k] = a.ProposedText
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("missing amendment %v (want %q)", k, w)
		case w != "-" && g != w:
			t.Errorf("%v proposed\n  %q\nwant\n  %q", k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("amendment %v not wanted", k)
		}
	}
	t.Logf("%d amendments, %d relinks", len(dr.Amendments), len(dr.Relink))
	if len(dr.Relink) == 0 {
		t.Errorf("no relink: the renumbered entries keep their national codes")
	}
}
