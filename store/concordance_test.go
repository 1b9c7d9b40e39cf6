package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestConcordanceKept(t *testing.T) {
	s, err := Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadConcordance("nat"); !errors.Is(err, ErrNoConcordance) {
		t.Fatalf("LoadConcordance before any = %v, want ErrNoConcordance", err)
	}
	if err := s.SaveConcordance("../x", []byte("{}")); !errors.Is(err, ErrBadLabel) {
		t.Errorf("SaveConcordance(../x) = %v, want ErrBadLabel", err)
	}
	want := []byte(`{"schema":"annex-concordance/1","links":[]}`)
	if err := s.SaveConcordance("nat-2024", want); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadConcordance("nat-2024")
	if err != nil || string(got) != string(want) {
		t.Fatalf("LoadConcordance = %q, %v; want %q", got, err, want)
	}
	// A concordance file that is a link is refused, and its target kept.
	outside := filepath.Join(t.TempDir(), "keep.json")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(s.Dir(), "concordances", "evil.json")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadConcordance("evil"); !errors.Is(err, ErrLink) {
		t.Errorf("LoadConcordance through a link = %v, want ErrLink", err)
	}
	if err := s.SaveConcordance("nat-2024", want); !errors.Is(err, ErrLink) {
		t.Errorf("SaveConcordance in a store holding a link = %v, want ErrLink", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("the link's target changed: %q", b)
	}
}
