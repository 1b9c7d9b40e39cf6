package impact

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
)

const hostileHTMLCell = `<script>alert(1)</script>&"'`

// TestWriteHTML checks the impact and harmonisation pages: document and
// register text escaped, one table row per record of the CSV format, word
// diffs marked, and a policy that allows the page's own style only.
func TestWriteHTML(t *testing.T) {
	rep := sampleReport(t)
	rep.Rows[0].Cells[0] = hostileHTMLCell
	_, against, _ := samples(t)
	nat := national(t)
	nat.Find("3.C.3.a").Text = "A density of 1.4 g/cm³ " + hostileHTMLCell
	harm := Harmonise(nat, against, HarmoniseOptions{})

	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		rows  int
		want  []string
	}{
		{"impact", func(b *bytes.Buffer) error { return Write(b, "html", rep) }, len(impactTable(rep)) - 1,
			[]string{"<del>24</del><ins>20</ins>", `<tr class="s-modified">`, "4.C.2.b.7", "<th>MTCR entry</th>",
				// The lede counts the register's rows, as the text format does.
				html.EscapeString(func() string { rows, _ := summaryLines(rep.Stream().Head); return rows }())}},
		{"harmonise", func(b *bytes.Buffer) error { return WriteHarmonise(b, "html", harm) }, len(harmoniseTable(harm)) - 1,
			[]string{`<tr class="s-differs">`, "4.C.2.b.7", "3.A.11", "<th>Difference</th>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.Contains(out, "<script>alert") || strings.Contains(out, "<script") {
				t.Error("HTML passes a <script> from the document through")
			}
			if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;&#39;") {
				t.Error("HTML does not show the hostile text escaped")
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("HTML lacks %q", w)
				}
			}
			body := out[strings.Index(out, "<tbody>"):]
			if got := strings.Count(body, "\n<tr"); got != tt.rows {
				t.Errorf("HTML has %d table rows, want %d (one per record)", got, tt.rows)
			}
			csp := html.UnescapeString(out)
			m := regexp.MustCompile(`content="default-src 'none'; style-src 'sha256-([^']+)'; script-src 'none';`).FindStringSubmatch(csp)
			style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(out)
			if m == nil || style == nil {
				t.Fatalf("HTML lacks the policy or the style:\n%.600s", out)
			}
			sum := sha256.Sum256([]byte(style[1]))
			if m[1] != base64.StdEncoding.EncodeToString(sum[:]) {
				t.Error("the policy's style hash is not that of the page's style")
			}
		})
	}
}

// TestChangeOps checks that the marked form of an annotation's change, as
// the HTML writer renders it, says what the text formats say.
func TestChangeOps(t *testing.T) {
	rep := sampleReport(t)
	n := 0
	for _, row := range rep.Rows {
		for _, a := range row.Annotations {
			var b strings.Builder
			for _, o := range changeOps(a) {
				switch o.Op {
				case diff.OpDelete:
					b.WriteString("[-" + o.Text + "-]")
				case diff.OpInsert:
					b.WriteString("{+" + o.Text + "+}")
				default:
					b.WriteString(o.Text)
				}
			}
			if got, want := b.String(), changeSummary(a); got != want {
				t.Errorf("changeOps(%s) marks %q, want %q", a.ID, got, want)
			}
			if len(a.TextDiff) > 0 {
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no annotation with a text diff in the sample")
	}
}

// TestWriteHarmoniseXLSX reads the workbook back: one line per finding, the
// columns of the CSV format, and a formula-looking national text kept as
// text.
func TestWriteHarmoniseXLSX(t *testing.T) {
	_, against, _ := samples(t)
	nat := national(t)
	nat.Find("3.C.3.a").Text = `=HYPERLINK("http://x")`
	rep := Harmonise(nat, against, HarmoniseOptions{})
	var b bytes.Buffer
	if err := WriteHarmonise(&b, "xlsx", rep); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Harmonisation")
	if err != nil {
		t.Fatal(err)
	}
	want := harmoniseTable(rep)
	if len(rows) != len(want) || strings.Join(rows[0], ",") != strings.Join(want[0], ",") {
		t.Fatalf("workbook: %d rows, header %q; want %d, %q", len(rows), rows[0], len(want), want[0])
	}
	found := false
	for i, row := range rows {
		for j, v := range row {
			if v != `=HYPERLINK("http://x")` {
				continue
			}
			found = true
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if formula, _ := f.GetCellFormula("Harmonisation", cell); formula != "" {
				t.Errorf("%s holds a formula %q, want text", cell, formula)
			}
		}
	}
	if !found {
		t.Error("workbook lacks the formula-looking national text")
	}
}
