// Package browsertest finds and starts the headless Chromium that the
// browser tests of report, impact, site and parse/pdf use, with the flags
// this machine's closed network needs, in one place.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Flags start Chromium headless, as root, without reaching for the network
// (background networking, component updates, sync and QUIC all off).
var Flags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"}

// Chromium returns the path of the headless browser. Without one the test is
// skipped, unless ANNEX_REQUIRE_BROWSER=1 (as CI sets it), which makes it fail.
func Chromium(t testing.TB) string {
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

// DumpDOM loads the HTML file at path in headless Chromium and returns the
// DOM after scripts ran, and the page's console messages (CSP violations,
// uncaught errors, console.* calls).
func DumpDOM(t testing.TB, bin, path string) (dom string, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append(append([]string{}, Flags...), "--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--dump-dom", "file://"+path)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium --dump-dom: %v\n%s", err, stderr.String())
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			console = append(console, line)
		}
	}
	return stdout.String(), console
}
