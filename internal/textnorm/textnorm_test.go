package textnorm

import "testing"

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
