package impact

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium returns the path of the headless browser, skipping the test when
// there is none unless ANNEX_REQUIRE_BROWSER=1 (as report's browser test).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("ANNEX_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium is not on PATH and ANNEX_REQUIRE_BROWSER=1")
	}
	t.Skip("chromium is not on PATH (set ANNEX_REQUIRE_BROWSER=1 to make this an error)")
	return ""
}

// TestBrowser opens the impact and harmonisation pages in headless Chromium:
// nothing logs to the console (a style refused by the page's policy would),
// and script in the register's or the document's text shows as text.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
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
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin,
				"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
				"--dump-dom", "file://"+path)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("chromium --dump-dom: %v\n%s", err, stderr.String())
			}
			for _, line := range strings.Split(stderr.String(), "\n") {
				if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
					t.Errorf("page logged to the console: %s", line)
				}
			}
			dom := stdout.String()
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
	bin := chromium(t)
	var b bytes.Buffer
	if err := Write(&b, "html", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	page := bytes.Replace(b.Bytes(), []byte("*{box-sizing:border-box}"), []byte("*{box-sizing:content-box}"), 1)
	path := filepath.Join(t.TempDir(), "tampered.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--dump-dom", "file://"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	if !strings.Contains(stderr.String(), ":CONSOLE") {
		t.Error("a style that does not match the policy's hash logged nothing; the console check cannot fail")
	}
}
