package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
)

func TestJSONRoundTrip(t *testing.T) {
	for _, fx := range fixtures() {
		t.Run(fx.name, func(t *testing.T) {
			out := render(t, "json", fx.r, Options{})
			var got diff.Result
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("json.Unmarshal(report) = %v", err)
			}
			want := fx.r
			if want.Changes == nil {
				want.Changes = []diff.Change{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("JSON report does not read back as the diff it was made from:\n got %+v\nwant %+v", got, want)
			}
			if !bytes.Contains(out, []byte("\n  \"schema\": \"annex-diff/1\"")) {
				t.Errorf("JSON report is not indented or lacks the schema:\n%s", out[:min(200, len(out))])
			}
		})
	}
}

func TestTextMarks(t *testing.T) {
	r := realistic()
	tests := []struct {
		name  string
		color bool
		want  []string
		never []string
	}{
		{"plain", false,
			[]string{"MTCR/TEM/2023/Annex (2023-06-15)", "19 changes: 3 added, 1 removed, 9 modified, 6 renumbered; 14 substantive, 5 editorial",
				"[-68-]{+90+}", "threshold: 68 kN → 90 kN (control narrower)", "threshold: 300 km → 250 km (control wider)",
				"3.C.5 → 3.C.4", "editorial", "affects: 1.A.2, 2.A.1.d, 19.A.1", "item 6 title", "group 3.A title"},
			[]string{"\x1b"}},
		// Colour adds to the marks, never replaces them: many readers
		// cannot tell red from green.
		{"color", true,
			[]string{ansiRed + "[-68-]" + ansiReset, ansiGreen + "{+90+}" + ansiReset},
			[]string{ansiRed + "68" + ansiReset, ansiGreen + "90" + ansiReset}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(render(t, "text", r, Options{Color: tt.color}))
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("text report lacks %q", w)
				}
			}
			for _, w := range tt.never {
				if strings.Contains(out, w) {
					t.Errorf("text report contains %q", w)
				}
			}
		})
	}
}

// TestTextColorKeepsMarks checks that the coloured summary says everything
// the plain one says: without its colour codes it is the plain summary.
func TestTextColorKeepsMarks(t *testing.T) {
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for _, fx := range []struct {
		name string
		r    diff.Result
	}{{"realistic", realistic()}, {"hostile", hostile()}} {
		plain := string(render(t, "text", fx.r, Options{}))
		colored := string(render(t, "text", fx.r, Options{Color: true}))
		if got := ansi.ReplaceAllString(colored, ""); got != plain {
			t.Errorf("%s: coloured text report without colour codes differs from the plain one:\n%s\nwant:\n%s", fx.name, got, plain)
		}
	}
}

// TestTextTerminalSafe checks that an escape sequence in document text
// cannot reach the terminal, in colour or not.
func TestTextTerminalSafe(t *testing.T) {
	for _, color := range []bool{false, true} {
		out := string(render(t, "text", hostile(), Options{Color: color}))
		if strings.Contains(out, "\x1b[2J") {
			t.Errorf("text report (color %v) passes the escape sequence ESC[2J from the document through", color)
		}
		if !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("text report (color %v) does not show the escaped control character", color)
		}
	}
}

func TestTerminalSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"bell\a", `bell\x07`},
		{"line\nbreak", "line\nbreak"},
		{"csi\u009bx", `csi\x9bx`},
		{"rtl\u202eabc", `rtl\u202eabc`},
		{"tab\tnul\x00", `tab\x09nul\x00`},
		{"10⁶ Ns × µm", "10⁶ Ns × µm"},
	}
	for _, tt := range tests {
		if got := terminalSafe(tt.in); got != tt.want {
			t.Errorf("terminalSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSV(t *testing.T) {
	out := render(t, "csv", hostile(), Options{})
	if !bytes.Contains(out, []byte("\r\n")) {
		t.Error("CSV report does not end records with CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv.ReadAll(report) = %v", err)
	}
	if got, want := len(rows), len(hostile().Changes)+1; got != want {
		t.Fatalf("CSV report has %d rows, want %d (header and one per change)", got, want)
	}
	if !reflect.DeepEqual(rows[0], registerHeader()) {
		t.Errorf("CSV header = %q, want %q", rows[0], registerHeader())
	}
	tests := []struct {
		row, col int
		want     string
	}{
		{2, colNewText, "'" + xlFormula},
		{3, colNewText, "'" + xlAt},
		{4, colOldText, "'-1 dB or +3 dB\ttab"},
		{5, colNewText, "# 1. - not a heading\n=== nor a list"},
		{1, colNewID, "2.A.1"},
		{1, colKind, "modified"},
		{1, colRedline, "Subsystems [-*usable* in 1.A.-]{+" + xssScript + "+} as follows | " + xssImg + " _x_ [link](javascript:alert(1)) & &amp; \\x1b[2J"},
		{6, colAffects, "2.A.1"},
	}
	for _, tt := range tests {
		if got := rows[tt.row][tt.col]; got != tt.want {
			t.Errorf("CSV row %d %s = %q, want %q", tt.row, registerHeader()[tt.col], got, tt.want)
		}
	}
	for i, row := range rows {
		for j, f := range row {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Errorf("CSV row %d %s = %q starts a formula", i, registerHeader()[j], f)
			}
		}
	}
}

func TestInertCSV(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", `\x0dx`}, // the carriage return is shown, so nothing starts a formula
		{"a\x1b[2Jb\u202e\n\tc", "a\\x1b[2Jb\\u202e\n\tc"},
		{"2.A.1", "2.A.1"},
		{"a=b", "a=b"},
		{" =x", " =x"},
	}
	for _, tt := range tests {
		if got := InertCSV(tt.in); got != tt.want {
			t.Errorf("InertCSV(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompactOps(t *testing.T) {
	ops := []diff.Op{
		op("=", "one two three four five six seven "),
		op("-", "eight"), op("+", "ocho"),
		op("=", " nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "),
		op("+", "x"),
		op("=", " a b c d e f"),
	}
	got := WordDiffText(compactOps(ops, 2))
	want := "… six seven [-eight-]{+ocho+} nine ten … seventeen eighteen {+x+} a b …"
	if got != want {
		t.Errorf("compactOps = %q, want %q", got, want)
	}
	short := []diff.Op{op("=", "a b "), op("-", "c")}
	if got := compactOps(short, 2); !reflect.DeepEqual(got, short) {
		t.Errorf("compactOps(short) = %q, want it unchanged", got)
	}
}

func TestLabelsAndItems(t *testing.T) {
	tests := []struct {
		c     diff.Change
		label string
		item  int
	}{
		{diff.Change{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "10.A.2", NewID: "9.A.8"}, "10.A.2 → 9.A.8", 9},
		{diff.Change{Target: diff.TargetEntry, Kind: diff.Removed, OldID: "3.C.4"}, "3.C.4", 3},
		{diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.2", NewID: "3.A.2", Item: 3}, "3.A.2", 3},
		{diff.Change{Target: diff.TargetItem, Kind: diff.Modified, Number: 6}, "item 6 title", 6},
		{diff.Change{Target: diff.TargetGroup, Kind: diff.Modified, ID: "11.B"}, "group 11.B title", 11},
		{diff.Change{Target: diff.TargetDefinition, Kind: diff.Added, Term: "Range"}, "definition “Range”", 0},
	}
	for _, tt := range tests {
		if got := label(tt.c); got != tt.label {
			t.Errorf("label(%+v) = %q, want %q", tt.c, got, tt.label)
		}
		if got := itemOf(tt.c); got != tt.item {
			t.Errorf("itemOf(%+v) = %d, want %d", tt.c, got, tt.item)
		}
	}
}

// TestPageGrouping checks the page model shared by Markdown and HTML:
// items in annex order, substantive before renumberings before editorial,
// and definitions linked to the entries that use them.
func TestPageGrouping(t *testing.T) {
	p := buildPage([]diff.Result{realistic()}, Options{})
	s := p.Sections[0]
	var items []int
	for _, b := range s.Items {
		items = append(items, b.Number)
	}
	if want := []int{1, 3, 4, 6, 9, 10}; !reflect.DeepEqual(items, want) {
		t.Errorf("items = %v, want %v", items, want)
	}
	var item3 []string
	for _, v := range s.Items[1].Main {
		item3 = append(item3, v.Label)
	}
	if want := []string{"Group 3.A title", "3.A.2", "3.A.11", "3.C.4"}; !reflect.DeepEqual(item3, want) {
		t.Errorf("item 3 main changes = %q, want %q", item3, want)
	}
	if n := len(s.Items[1].Editorial); n != 2 {
		t.Errorf("item 3 editorial changes = %d, want 2", n)
	}
	if n := len(s.Items[2].Renumbered); n != 3 {
		t.Errorf("item 4 pure renumberings = %d, want 3", n)
	}
	rangeDef := s.Defs[0]
	want := []ref{{"1.A.2", "e-1.A.2"}, {"2.A.1.d", ""}, {"19.A.1", ""}}
	if !reflect.DeepEqual(rangeDef.Affects, want) {
		t.Errorf("Range affects = %+v, want %+v", rangeDef.Affects, want)
	}
	if uses := s.Items[0].Main[0].UsesDefs; len(uses) != 1 || uses[0].Anchor != rangeDef.Anchor {
		t.Errorf("1.A.2 uses definitions %+v, want a link to %s", uses, rangeDef.Anchor)
	}
}
