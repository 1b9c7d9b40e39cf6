package jsondepth

import (
	"errors"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
)

func TestCheck(t *testing.T) {
	defer limits.Set(limits.JSONDepth, 3)()
	tests := []struct {
		name, in string
		want     string // the error, or "" for none
	}{
		{"flat", `{"a": [1, 2, {"b": 3}]}`, ""},
		{"empty", ``, ""},
		{"brackets in strings", `{"a": "[[[[{{{{", "b": "\"[[[["}`, ""},
		{"escaped backslash ends the string", `{"a": "\\", "b": [[[1]]]}`, "line 1, column 20 (offset 19): more than 3 levels of JSON nesting (raise with ANNEX_LIMITS=depth=N)"},
		{"too deep", "{\n \"a\": [[[1]]]}", "line 2, column 9 (offset 10): more than 3 levels of JSON nesting (raise with ANNEX_LIMITS=depth=N)"},
		{"deep after closing", `[[[]],[[]],[[[]]]]`, "line 1, column 14 (offset 13): more than 3 levels of JSON nesting (raise with ANNEX_LIMITS=depth=N)"},
		{"unterminated string", `[[["`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.in))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("Check(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if err != nil && !errors.Is(err, limits.ErrExceeded) {
				t.Errorf("Check(%q) error does not wrap limits.ErrExceeded", tt.in)
			}
		})
	}
}

// TestCheckDefault runs the default limit on a model-shaped document nested
// far deeper, and on one just within it.
func TestCheckDefault(t *testing.T) {
	max := limits.Int(limits.JSONDepth)
	if err := Check([]byte(strings.Repeat("[", max) + strings.Repeat("]", max))); err != nil {
		t.Errorf("Check at depth %d: %v", max, err)
	}
	deep := strings.Repeat(`{"children":[`, 100_000)
	err := Check([]byte(deep))
	var de *Error
	if !errors.As(err, &de) || de.Offset != len(`{"children":[`)*(max/2) {
		t.Errorf("Check(100,000 levels) = %v, want an *Error at offset %d", err, len(`{"children":[`)*(max/2))
	}
}
