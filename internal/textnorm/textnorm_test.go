package textnorm

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/sanitize"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"  two\n lines\t here ", "two lines here"},
		{"speci\ufb01cation", "specification"},
		{"non\u00a0breaking", "non breaking"},
		{"hy\u00adphen", "hyphen"},
		{"e\u0301", "\u00e9"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"10⁶ Ns", "10⁶ Ns"},
		{"esc\x1b[31mred\x1b[0m", "esc[31mred[0m"},
		{"bell\a nul\x00 del\x7f", "bell nul del"},
		{"rlo\u202eabc\u202c lri\u2066x\u2069 lrm\u200e alm\u061c", "rloabc lrix lrm alm"},
		{"c1\u009bx nel\u0085y", "c1x nel y"},
		{"line\u2028sep\rcr", "line sep cr"},
		{"\x01\x02", ""},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ a, b string }{
		{"“payload”", `"payload"`},
		{"‘guidance set’", "'guidance set'"},
		{"1.1 × 10⁶ Ns", "1.1 × 10^6 Ns"},
		{"0.15 kg N⁻¹ h⁻¹", "0.15 kg N^-1 h^-1"},
		{"ANSI–ABMA", "ANSI-ABMA"},
	}
	for _, tt := range tests {
		if fa, fb := Fold(tt.a), Fold(tt.b); fa != fb {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q, want equal", tt.a, fa, tt.b, fb)
		}
	}
	if Fold("10⁶") == Fold("106") {
		t.Errorf("Fold(10⁶) = Fold(106) = %q, want different", Fold("106"))
	}
}

func TestSuperscript(t *testing.T) {
	if got, ok := Superscript("-1"); !ok || got != "⁻¹" {
		t.Errorf("Superscript(-1) = %q, %v, want ⁻¹, true", got, ok)
	}
	if _, ok := Superscript("x"); ok {
		t.Errorf("Superscript(x) ok = true, want false")
	}
}

// TestCleanLeavesNothingHidden checks on random text that Clean leaves no
// character that a writer would have to show as an escape, and that it is
// idempotent.
func TestCleanLeavesNothingHidden(t *testing.T) {
	alphabet := []rune("ab 1.\t\n\r\x00\x01\x1b\x7f\u0085\u009b\u00a0\u00ad\u061c\u200b\u200e\u2028\u202a\u202e\u2066\u2069\ufeffé\u0301ﬁ")
	r := rand.New(rand.NewPCG(1, 1))
	for k := 0; k < 5000; k++ {
		var b strings.Builder
		for n := r.IntN(30); n > 0; n-- {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		in := b.String()
		got := Clean(in)
		if i := strings.IndexFunc(got, sanitize.Hidden); i >= 0 {
			t.Fatalf("Clean(%q) = %q, holds %U", in, got, []rune(got[i:])[0])
		}
		if again := Clean(got); again != got {
			t.Fatalf("Clean(Clean(%q)) = %q, want %q", in, again, got)
		}
	}
	for c := rune(0); c < 0x2100; c++ {
		if Dropped(c) && !sanitize.Hidden(c) {
			t.Errorf("Clean drops %U but writers would not show it", c)
		}
	}
}

// TestCleanPlainASCII: the shortcut for text of printable ASCII and white
// space answers as the whole of Clean, on every one-byte string and on
// random strings of ASCII bytes, controls included.
func TestCleanPlainASCII(t *testing.T) {
	var inputs []string
	for c := 0; c < 0x100; c++ {
		inputs = append(inputs, string(rune(c)), "a"+string([]byte{byte(c)})+"b", " x "+string([]byte{byte(c)}))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(0x80))
		}
		inputs = append(inputs, string(b))
	}
	shortcut := 0
	for _, s := range inputs {
		if plainASCII(s) {
			shortcut++
		}
		if got, want := Clean(s), clean(s); got != want {
			t.Errorf("Clean(%q) = %q, want %q", s, got, want)
		}
	}
	if shortcut == 0 || shortcut == len(inputs) {
		t.Errorf("%d of %d inputs took the shortcut; want some and not all", shortcut, len(inputs))
	}
}
