package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// TestLinks builds, for each part of a store, a git-style repository whose
// store has that part replaced by a symbolic link to a directory (or file)
// outside the store, and runs every operation of the store on it: each
// must refuse with ErrLink naming the part, and no file outside the store
// may change. (A committed `annex-store/diffs -> ..` once made Import
// remove the repository's .git.)
func TestLinks(t *testing.T) {
	smp := loadSamples(t)
	tests := []struct {
		part string // the part replaced by a link, relative to the store
		dir  bool   // the link points to a directory (else to a file)
		up   bool   // the link is relative and points to the repository itself (`..`)
	}{
		{part: "diffs", dir: true, up: true},
		{part: "diffs", dir: true},
		{part: "diffs/v" + strconv.Itoa(diff.EngineVersion), dir: true},
		{part: "diffs/v" + strconv.Itoa(diff.EngineVersion) + "/CACHE"},
		{part: "entries", dir: true, up: true},
		{part: "entries/ENTRIES"},
		{part: "revisions", dir: true},
		{part: "revisions/2023-06-15.json"},
		{part: "concordances", dir: true, up: true},
		{part: "concordances/national.json"},
		{part: "index.json"},
		{part: "lock"},
		{part: ".gitignore"},
		{part: ".tmp-index.json-1"},
	}
	// One store with its caches, copied into each repository.
	template := filepath.Join(t.TempDir(), "annex-store")
	st, err := Init(template)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []*model.Annex{smp.a23, smp.a24} {
		if _, err := st.Import(a, src(string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveConcordance("national", []byte(`{"schema":"annex-concordance/1"}`)); err != nil {
		t.Fatal(err)
	}
	revs, _ := st.List()
	for _, tt := range tests {
		name := tt.part
		if tt.up {
			name += " -> .."
		}
		t.Run(name, func(t *testing.T) {
			repo := t.TempDir()
			dir := filepath.Join(repo, "annex-store")
			if err := os.CopyFS(dir, os.DirFS(template)); err != nil {
				t.Fatal(err)
			}
			part := tt.part
			part = strings.Replace(part, "CACHE", revs[0].SHA256[:16]+"_"+revs[1].SHA256[:16]+".json", 1)
			part = strings.Replace(part, "ENTRIES", revs[0].SHA256[:16]+entriesExt, 1)
			rel := filepath.FromSlash(part)

			// The repository's own files, which must survive.
			victim := filepath.Join(repo, "victim")
			mustWrite(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
			mustWrite(t, filepath.Join(repo, "notes.txt"), "notes\n")
			mustWrite(t, filepath.Join(victim, "keep.json"), "{\"keep\": true}\n")
			var target string
			switch {
			case tt.up:
				target = strings.Repeat("../", strings.Count(part, "/")+1)
			case tt.dir:
				target = victim
			default:
				target = filepath.Join(victim, "keep.json")
			}
			full := filepath.Join(dir, rel)
			if _, err := Open(dir); err != nil {
				t.Fatalf("Open before the link = %v", err)
			}
			if _, err := os.Lstat(full); err != nil && !strings.HasPrefix(part, tmpPrefix) {
				t.Fatalf("the store has no %s to replace: %v", part, err)
			}
			if err := os.RemoveAll(full); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
			before := tree(t, repo)

			ops := []struct {
				name string
				run  func() error
			}{
				{"Open", func() error { _, err := Open(dir); return err }},
				{"Init", func() error { _, err := Init(dir); return err }},
				{"Import", func() error { _, err := newStore(dir).Import(smp.a25, src("c")); return err }},
				{"Import again", func() error { _, err := newStore(dir).Import(smp.a23, src("a")); return err }},
				{"List", func() error { _, err := newStore(dir).List(); return err }},
				{"Log", func() error { _, err := newStore(dir).Log(); return err }},
				{"History", func() error { _, err := newStore(dir).History("1.A.1", "", ""); return err }},
				{"Changes", func() error { _, err := newStore(dir).Changes(); return err }},
				{"Diff", func() error { _, err := newStore(dir).Diff("2023-06-15", "2024-03-14"); return err }},
				{"Load", func() error { _, err := newStore(dir).Load("2023-06-15"); return err }},
				{"LoadRevision", func() error { _, err := newStore(dir).LoadRevision(revs[0]); return err }},
				{"Leftovers", func() error { _, err := newStore(dir).Leftovers(); return err }},
			}
			for _, op := range ops {
				err := op.run()
				if !errors.Is(err, ErrLink) && !(op.name == "LoadRevision" && !strings.HasPrefix(part, "revisions")) {
					t.Errorf("%s = %v, want ErrLink", op.name, err)
				}
				if err != nil && !strings.Contains(err.Error(), rel) {
					t.Errorf("%s: %v: does not name %s", op.name, err, rel)
				}
				if after := tree(t, repo); !slices.Equal(after, before) {
					t.Fatalf("%s changed the files outside the store:\nbefore %q\nafter  %q", op.name, before, after)
				}
			}
		})
	}
}

func mustWrite(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree lists every name under root except the store's own directory
// annex-store, with the content of regular files and the target of links.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "annex-store" {
			return filepath.SkipDir
		}
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+" -> "+target)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, rel+": "+string(data))
		default:
			out = append(out, rel+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
