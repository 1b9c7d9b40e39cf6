package report

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestHTMLEscaping checks that markup in document text reaches the page
// only as text.
func TestHTMLEscaping(t *testing.T) {
	out := string(render(t, "html", hostile(), Options{}))
	for _, bad := range []string{xssScript, xssImg, "<img", "<i>", "<b>Term", "document.title='pwned'"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML report contains %q unescaped", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		"<del>*usable* in 1.A.</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks the escaped text %q", want)
		}
	}
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("HTML report has %d <script> tags, want 1 (its own)", n)
	}
}

// TestHTMLSelfContained checks the Content-Security-Policy: it allows the
// page's one style and one script by hash, and nothing is loaded from
// elsewhere.
func TestHTMLSelfContained(t *testing.T) {
	for _, fx := range fixtures() {
		out := string(render(t, "html", fx.r, Options{}))
		csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(out)
		if csp == nil {
			t.Fatalf("%s: no Content-Security-Policy meta tag", fx.name)
		}
		policy := html.UnescapeString(csp[1])
		style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(out, -1)
		script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(out, -1)
		if len(style) != 1 || len(script) != 1 {
			t.Fatalf("%s: %d style and %d script elements, want one each", fx.name, len(style), len(script))
		}
		for _, want := range []string{
			"default-src 'none'",
			"style-src " + cspHash(style[0][1]) + ";",
			"script-src " + cspHash(script[0][1]) + ";",
		} {
			if !strings.Contains(policy, want) {
				t.Errorf("%s: policy %q lacks %q", fx.name, policy, want)
			}
		}
		if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "http") {
			t.Errorf("%s: policy %q allows inline code or remote loads", fx.name, policy)
		}
		// Look at the tags only: escaped document text is not markup.
		tags := strings.Join(regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(out, -1), "\n")
		for _, ext := range []string{` src=`, `href="http`, `href="//`, `href="javascript`} {
			if strings.Contains(tags, ext) {
				t.Errorf("%s: page refers to an outside resource (%q)", fx.name, ext)
			}
		}
		if strings.Contains(style[0][1], "@import") || strings.Contains(style[0][1], "url(") {
			t.Errorf("%s: style sheet loads a resource", fx.name)
		}
		if strings.Contains(tags, ` style="`) || regexp.MustCompile(` on[a-z]+=`).MatchString(tags) {
			t.Errorf("%s: page has inline style or event handler attributes, which its CSP blocks", fx.name)
		}
	}
}

// TestHTMLFilters checks that every change carries the classes the filters
// hide it by, and that there is a checkbox for each.
func TestHTMLFilters(t *testing.T) {
	out := string(render(t, "html", realistic(), Options{}))
	for _, id := range []string{"f-added", "f-removed", "f-modified", "f-renumbered", "f-sub", "f-ed"} {
		if !strings.Contains(out, `id="`+id+`"`) || !strings.Contains(htmlStyle, "#"+id+":not(:checked)") {
			t.Errorf("filter %s lacks its checkbox or its CSS rule", id)
		}
	}
	changes := regexp.MustCompile(`class="chg k-(added|removed|modified|renumbered) (sub|ed)"`).FindAllString(out, -1)
	if got, want := len(changes), len(realistic().Changes); got != want {
		t.Errorf("page has %d filterable changes, want %d", got, want)
	}
	if !strings.Contains(out, `<a href="#e-1.A.2">1.A.2</a>`) || !strings.Contains(out, `<span class="id">2.A.1.d</span>`) {
		t.Error("definition Range does not link 1.A.2 (changed) and list 2.A.1.d (unchanged) as text")
	}
}
