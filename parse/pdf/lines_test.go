package pdf

import (
	"math"
	"testing"
)

// TestFminFmax checks fmin and fmax against the builtins: the same answer
// for every pair, NaN and infinities included, but for the sign of a zero.
func TestFminFmax(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(-1), -3.5, -1, 0, 1, 2.25, 1e300, math.Inf(1)}
	same := func(a, b float64) bool { return a == b || a != a && b != b }
	for _, a := range vals {
		for _, b := range vals {
			if got, want := fmax(a, b), max(a, b); !same(got, want) {
				t.Errorf("fmax(%v, %v) = %v, want %v", a, b, got, want)
			}
			if got, want := fmin(a, b), min(a, b); !same(got, want) {
				t.Errorf("fmin(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
