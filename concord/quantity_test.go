package concord

import (
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/impact"
)

// TestCompareQuantities: numbers compared as quantities across the ways the
// lists write them (decimal commas, thousands spaces, SI prefixes against
// powers of ten), thresholds stated from the national side.
func TestCompareQuantities(t *testing.T) {
	eu := Style{DecimalComma: true, Thousands: " "}
	for _, tc := range []struct {
		name, annex, national string
		kind                  string
		quantities            []diff.Quantity
	}{
		{"prefix against power of ten",
			"Rocket motors having a total impulse capacity equal to or greater than 1,1 × 10⁶ Ns.",
			"Rocket motors having a total impulse capacity equal to or greater than 1,1 MNs.",
			impact.FindingEditorial, nil},
		{"kN against N",
			"Engines with a maximum thrust value greater than 8 890 N.",
			"Engines with a maximum thrust value greater than 8,89 kN.",
			impact.FindingEditorial, nil},
		{"national threshold lower: controls more",
			"Rocket motors having a total impulse capacity equal to or greater than 1,1 × 10⁶ Ns.",
			"Rocket motors having a total impulse capacity equal to or greater than 0,9 MNs.",
			impact.FindingSubstantive, []diff.Quantity{{Old: "1,1 × 10⁶ Ns", New: "0,9 MNs", Direction: diff.Wider}}},
		{"national threshold higher: controls less",
			"Engines with a maximum thrust value greater than 400 N.",
			"Engines with a maximum thrust value greater than 0,5 kN.",
			impact.FindingSubstantive, []diff.Quantity{{Old: "400 N", New: "0,5 kN", Direction: diff.Narrower}}},
		{"several units: in the order printed",
			"Motors of 5 kg, 11 N, 21 N and 8 kg.",
			"Motors of 5 kg, 10 N, 20 N and 7 kg.",
			impact.FindingSubstantive, []diff.Quantity{
				{Old: "11 N", New: "10 N", Direction: ""},
				{Old: "21 N", New: "20 N", Direction: ""},
				{Old: "8 kg", New: "7 kg", Direction: ""},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := compare("9A101", "3.A.1", tc.national, tc.annex, false, eu)
			if f.Kind != tc.kind {
				t.Errorf("kind = %s, want %s (%s)", f.Kind, tc.kind, f.Detail)
			}
			if len(f.Quantities) != len(tc.quantities) {
				t.Fatalf("quantities = %+v, want %+v", f.Quantities, tc.quantities)
			}
			for k := range f.Quantities {
				if f.Quantities[k] != tc.quantities[k] {
					t.Errorf("quantity %d = %+v, want %+v", k, f.Quantities[k], tc.quantities[k])
				}
			}
		})
	}
}
