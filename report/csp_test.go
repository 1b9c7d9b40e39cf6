package report

import (
	"html"
	"strings"
	"testing"
)

// TestContentSecurityPolicy checks that the policy other packages' pages
// use is the one of the diff page, and that a page without script gets none.
func TestContentSecurityPolicy(t *testing.T) {
	page := html.UnescapeString(string(render(t, "html", realistic(), Options{})))
	if want := ContentSecurityPolicy(htmlStyle, htmlScript); !strings.Contains(page, `content="`+want+`"`) {
		t.Errorf("the diff page's policy is not ContentSecurityPolicy(style, script) = %q", want)
	}
	if got := ContentSecurityPolicy("x", ""); !strings.Contains(got, "script-src 'none';") || !strings.HasPrefix(got, "default-src 'none'; style-src 'sha256-") {
		t.Errorf("ContentSecurityPolicy(style, \"\") = %q, want no script and the style by hash", got)
	}
}
