package site

import (
	"math"
	"regexp"
	"strconv"
	"testing"
)

// TestContrast checks the WCAG 2 contrast ratio of every text colour of the
// style sheet on the backgrounds it is used on: at least 4.5:1.
func TestContrast(t *testing.T) {
	vars := map[string]string{"white": "#ffffff"}
	for _, m := range regexp.MustCompile(`--([a-z-]+):(#[0-9a-f]{6})`).FindAllStringSubmatch(siteCSS, -1) {
		vars[m[1]] = m[2]
	}
	pairs := [][2]string{
		{"ink", "white"}, {"ink", "bg"}, {"muted", "white"}, {"muted", "bg"}, {"accent", "white"}, {"accent", "bg"}, {"white", "accent"},
		{"add", "add-bg"}, {"del", "del-bg"}, {"mod", "mod-bg"}, {"ren", "ren-bg"}, {"ed", "ed-bg"}, {"ink", "mod-bg"},
		{"add", "white"}, {"del", "white"}, {"mod", "white"}, {"ren", "white"},
	}
	// The formula, on known values: #777 on white is just below 4.5:1.
	if r := contrast("#777777", "#ffffff"); r < 4.4 || r >= 4.5 {
		t.Fatalf("contrast(#777, #fff) = %.3f, want 4.48", r)
	}
	for _, p := range pairs {
		fg, bg := vars[p[0]], vars[p[1]]
		if fg == "" || bg == "" {
			t.Errorf("%s on %s: colour not in the style sheet", p[0], p[1])
			continue
		}
		if r := contrast(fg, bg); r < 4.5 {
			t.Errorf("%s (%s) on %s (%s): contrast %.2f:1, want at least 4.5:1", p[0], fg, p[1], bg, r)
		}
	}
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(v) / 255
		if x <= 0.03928 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
