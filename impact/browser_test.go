package impact

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/browsertest"
)

// TestBrowser opens the impact and harmonisation pages in headless Chromium:
// nothing logs to the console (a style refused by the page's policy would),
// and script in the register's or the document's text shows as text.
func TestBrowser(t *testing.T) {
	bin := browsertest.Chromium(t)
	rep := sampleReport(t)
	rep.Rows[0].Cells[0] = `"><img src=x onerror=alert(1)><script>document.title='pwned'</script>`
	_, against, _ := samples(t)
	nat := national(t)
	nat.Find("3.C.3.a").Text = `<script>document.title='pwned'</script>`
	harm := Harmonise(nat, against, HarmoniseOptions{})
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"impact", func(b *bytes.Buffer) error { return Write(b, "html", rep) }},
		{"harmonise", func(b *bytes.Buffer) error { return WriteHarmonise(b, "html", harm) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), tt.name+".html")
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			dom, console := browsertest.DumpDOM(t, bin, path)
			for _, line := range console {
				t.Errorf("page logged to the console: %s", line)
			}
			if m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(dom); m == nil || strings.Contains(m[1], "pwned") {
				t.Errorf("document title = %q, want the report title", m)
			}
			if strings.Contains(dom, "<img") || strings.Contains(dom, "<script") {
				t.Error("DOM has an <img> or <script> element: text was not escaped")
			}
			if !strings.Contains(dom, "&lt;script&gt;document.title='pwned'&lt;/script&gt;") {
				t.Error("DOM does not show the script as text")
			}
		})
	}
}

// TestBrowserCatchesStyleViolation makes sure the console check can fail: a
// page whose style does not match its policy's hash logs a violation.
func TestBrowserCatchesStyleViolation(t *testing.T) {
	bin := browsertest.Chromium(t)
	var b bytes.Buffer
	if err := Write(&b, "html", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	page := bytes.Replace(b.Bytes(), []byte("*{box-sizing:border-box}"), []byte("*{box-sizing:content-box}"), 1)
	path := filepath.Join(t.TempDir(), "tampered.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	_, console := browsertest.DumpDOM(t, bin, path)
	if len(console) == 0 {
		t.Error("a style that does not match the policy's hash logged nothing; the console check cannot fail")
	}
}
