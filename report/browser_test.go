package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/browsertest"
)

func chromium(t *testing.T) string { return browsertest.Chromium(t) }

func dumpDOM(t *testing.T, bin, path string) (string, []string) {
	return browsertest.DumpDOM(t, bin, path)
}

// TestBrowser opens HTML reports in a real browser: the page's own script
// runs under its Content-Security-Policy, nothing logs to the console, and
// script written in the document's text shows as text and never runs.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	// One changelog page holds every structure the template has (renumbering
	// tables, editorial blocks, definitions) and the hostile text.
	var page bytes.Buffer
	if err := Changelog(&page, "html", []diff.Result{hostile(), realistic()}, Options{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		html []byte
		want []string // in the DOM after scripts ran
	}{
		{"changelog", page.Bytes(), []string{
			"Threshold:",
			"&lt;script&gt;alert(1)&lt;/script&gt;",
			"\"&gt;&lt;img src=x onerror=alert(1)&gt;",
			"&lt;/p&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".html")
			if err := os.WriteFile(path, tt.html, 0o644); err != nil {
				t.Fatal(err)
			}
			dom, console := dumpDOM(t, bin, path)
			if len(console) > 0 {
				t.Errorf("page logged to the console:\n%s", strings.Join(console, "\n"))
			}
			if !strings.Contains(dom, `data-script="ran"`) {
				t.Error("the report's own script did not run (blocked by its Content-Security-Policy?)")
			}
			if m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(dom); m == nil || strings.Contains(m[1], "pwned") {
				t.Errorf("document title = %q, want the report title (script in the entry text ran)", m)
			}
			if strings.Contains(dom, "<img") {
				t.Error("DOM has an <img> element: markup in the entry text was not escaped")
			}
			if n := strings.Count(dom, "<script"); n != 1 {
				t.Errorf("DOM has %d <script> elements, want only the report's own", n)
			}
			for _, w := range tt.want {
				if !strings.Contains(dom, w) {
					t.Errorf("DOM lacks %q", w)
				}
			}
		})
	}
}

// TestBrowserCatchesViolations makes sure the console check above can fail:
// a page whose script does not match its CSP hash logs a violation.
func TestBrowserCatchesViolations(t *testing.T) {
	bin := chromium(t)
	page := render(t, "html", realistic(), Options{})
	page = bytes.Replace(page, []byte(`"use strict";`), []byte(`"use strict"; /* edited */`), 1)
	path := filepath.Join(t.TempDir(), "tampered.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	dom, console := dumpDOM(t, bin, path)
	if len(console) == 0 {
		t.Error("a script that does not match the CSP hash logged nothing; the console check cannot fail")
	}
	if strings.Contains(dom, `data-script="ran"`) {
		t.Error("a script that does not match the CSP hash ran")
	}
}
