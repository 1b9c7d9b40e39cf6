package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFunctions(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"Text", Text, "plain 10⁶ Ns × µm", "plain 10⁶ Ns × µm"},
		{"Text", Text, "a\x1b[31mb\a\x00", `a\x1b[31mb\x07\x00`},
		{"Text", Text, "line\nbreak\r\ttab", "line\nbreak\\x0d\\x09tab"},
		{"Text", Text, "rtl\u202eabc\u2066x\u200e\u061c", `rtl\u202eabc\u2066x\u200e\u061c`},
		{"Text", Text, "c1\u009b\u0085 sep\u2028", `c1\x9b\x85 sep\u2028`},
		{"Text", Text, "bad\xffbyte", "bad\xffbyte"},
		{"Line", Line, "two\nlines\x1b", `two\x0alines\x1b`},
		{"Cell", Cell, "a\tb\nc\rd\x1be", "a\tb\nc\\x0dd\\x1be"},
		{"CSV", CSV, "=1+1", "'=1+1"},
		{"CSV", CSV, "@SUM(A1)", "'@SUM(A1)"},
		{"CSV", CSV, "\tx", "'\tx"},
		{"CSV", CSV, "\rx", `\x0dx`},
		{"CSV", CSV, "-1 dB\x1b", `'-1 dB\x1b`},
		{"CSV", CSV, "a=b", "a=b"},
		{"Markdown", Markdown, "![b](http://x) [l](javascript:x) <img> *a* _b_ `c` |d| ~e~ &f \\g", `\!\[b\](http://x) \[l\](javascript:x) \<img\> \*a\* \_b\_ \` + "`c\\`" + ` \|d\| \~e\~ \&f \\g`},
		{"Markdown", Markdown, "esc\x1b[2J\nnext", `esc\\x1b\[2J next`},
		{"MarkdownBlock", MarkdownBlock, "# not a heading", `\# not a heading`},
		{"MarkdownBlock", MarkdownBlock, "1. not a list", `1\. not a list`},
		{"MarkdownBlock", MarkdownBlock, "- item", `\- item`},
		{"MarkdownCell", MarkdownCell, "a|b\nc<d>\r\ne\rf", `a\|b<br>c\<d\><br>e<br>f`},
		{"MarkdownCell", MarkdownCell, "", " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.in); got != tt.want {
				t.Errorf("%s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
			}
		})
	}
}

// TestNothingHiddenPasses checks every function on every rune that Hidden
// names: only the runes a function keeps on purpose come out as they are.
func TestNothingHiddenPasses(t *testing.T) {
	funcs := []struct {
		name string
		f    func(string) string
		keep string
	}{
		{"Text", Text, "\n"}, {"Line", Line, ""}, {"Cell", Cell, "\t\n"}, {"CSV", CSV, "\t\n"},
		{"Markdown", Markdown, ""}, {"MarkdownBlock", MarkdownBlock, ""}, {"MarkdownCell", MarkdownCell, ""},
	}
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !Hidden(r) {
			continue
		}
		n++
		in := "a" + string(r) + "b"
		for _, fn := range funcs {
			out := fn.f(in)
			if strings.ContainsRune(out, r) && !strings.ContainsRune(fn.keep, r) {
				t.Errorf("%s(%q) = %q passes %U", fn.name, in, out, r)
			}
		}
	}
	if n != 32+1+32+2+12 {
		t.Errorf("Hidden names %d runes, want 79: C0, DEL, C1, two separators and twelve bidi controls", n)
	}
}
