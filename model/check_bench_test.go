package model

import (
	"encoding/json"
	"os"
	"testing"
)

func loadSample(b *testing.B) *Annex {
	data, err := os.ReadFile("../testdata/sample-2024.truth.json")
	if err != nil {
		b.Fatal(err)
	}
	var a Annex
	if err := json.Unmarshal(data, &a); err != nil {
		b.Fatal(err)
	}
	return &a
}

// BenchmarkCheck is what every parse and JSON read now pays to refuse a
// model no printed annex gives; BenchmarkValidate, beside it, is what the
// JSON reader paid before for its two refusing checks.
func BenchmarkCheck(b *testing.B) {
	a := loadSample(b)
	for b.Loop() {
		Check(a, nil)
	}
}

// BenchmarkConsistency lists the same faults one by one, as the PDF parser
// does to name their pages.
func BenchmarkConsistency(b *testing.B) {
	a := loadSample(b)
	for b.Loop() {
		Consistency(a)
	}
}

func BenchmarkValidate(b *testing.B) {
	a := loadSample(b)
	for b.Loop() {
		Validate(a)
	}
}
