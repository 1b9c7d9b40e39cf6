package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
)

func TestMDEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 2.A.1. text", "plain 2.A.1. text"},
		{"*bold* _it_ `code`", `\*bold\* \_it\_ \` + "`code\\`"},
		{xssScript, `\<script\>alert(1)\</script\>`},
		{"[x](javascript:y) ![i](z)", `\[x\](javascript:y) \!\[i\](z)`},
		{"a | b ~~c~~ &amp;", `a \| b \~\~c\~\~ \&amp;`},
		{`back\slash`, `back\\slash`},
		{"two\nlines", "two lines"},
		{"esc\x1b[2J", `esc\\x1b\[2J`},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMDBlockSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"===", `\===`},
		{"1. first", `1\. first`},
		{"12) twelfth", `12\) twelfth`},
		{"1.A.2 is an id", "1.A.2 is an id"},
		{"2.", `2\.`},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := mdBlockSafe(tt.in); got != tt.want {
			t.Errorf("mdBlockSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMDRedline(t *testing.T) {
	tests := []struct {
		ops  []diff.Op
		want []string
	}{
		{[]diff.Op{op("=", "more than "), op("-", "68"), op("+", "90"), op("=", " kN")}, []string{"more than ~~68~~**90** kN"}},
		{[]diff.Op{op("=", "a"), op("-", " b c "), op("=", "d")}, []string{"a ~~b c~~ d"}},
		{[]diff.Op{op("+", "Note: new.\n"), op("=", "N.B.: old.")}, []string{"**Note: new.**", "N.B.: old."}},
		{[]diff.Op{op("-", "*x*")}, []string{`~~\*x\*~~`}},
		{[]diff.Op{op("=", "- dash"), op("+", " more")}, []string{`\- dash **more**`}},
	}
	for _, tt := range tests {
		got := mdRedline(tt.ops)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("mdRedline(%v) = %q, want %q", tt.ops, got, tt.want)
		}
	}
}

// TestMarkdownInert checks that no document text reaches the Markdown as
// raw HTML or markup: the only raw HTML is the report's own anchors.
func TestMarkdownInert(t *testing.T) {
	out := string(render(t, "md", hostile(), Options{}))
	raw := regexp.MustCompile(`(^|[^\\])<[a-zA-Z/!?]`).FindAllString(out, -1)
	anchors := strings.Count(out, `<a id="`)
	if len(raw) != 2*anchors {
		t.Errorf("Markdown has %d raw HTML tags, want only the %d anchors (<a id=…></a>): %q", len(raw), anchors, raw)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "> ") {
			body := strings.TrimPrefix(line, "> ")
			if body != mdBlockSafe(body) {
				t.Errorf("quoted line %q could start a block", line)
			}
		}
	}
	for _, want := range []string{`~~\*usable\* in 1.A.~~**\<script\>alert(1)\</script\>**`, `\# 1. - not a heading`, `\=== nor a list`} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

// TestMarkdownChangelog checks the layout of the publishable changelog:
// threshold call-outs, renumbering as old → new, definitions with links.
func TestMarkdownChangelog(t *testing.T) {
	out := string(render(t, "md", realistic(), Options{Title: "MTCR Annex: what changed in 2024"}))
	for _, want := range []string{
		"# MTCR Annex: what changed in 2024\n",
		"| **Old** | MTCR/TEM/2023/Annex | 2023-06-15 |",
		"Threshold: 68 kN → 90 kN (control narrower)",
		"Threshold: 300 km → 250 km (control wider)",
		"- <a id=\"e-4.C.2.b.7\"></a>4.C.2.b.6 → 4.C.2.b.7",
		"Entries that use the term: [1.A.2](#e-1.A.2), 2.A.1.d, 19.A.1",
		"| [Item 4](#item-4) (Category II) | 1 | 0 | 1 | 3 | 1 | 5 |",
		"| **Total** | 3 | 1 | 9 | 6 | 5 | 19 |",
		"**Editorial changes**",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	// Substantive changes of an item come before its editorial list.
	item3 := out[strings.Index(out, "## Item 3"):strings.Index(out, "## Item 4")]
	if strings.Index(item3, "### 3.C.4 — removed") > strings.Index(item3, "**Editorial changes**") {
		t.Error("Item 3 lists editorial changes before substantive ones")
	}
}
