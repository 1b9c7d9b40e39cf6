package report

// ContentSecurityPolicy is the policy of every HTML report annex writes:
// nothing loads from anywhere, and the only style and script are the page's
// own inline ones, allowed by their hash. script is "" for a page without
// script, which then may run none.
func ContentSecurityPolicy(style, script string) string {
	scriptSrc := "'none'"
	if script != "" {
		scriptSrc = cspHash(script)
	}
	return "default-src 'none'; style-src " + cspHash(style) + "; script-src " + scriptSrc + "; img-src 'none'; base-uri 'none'; form-action 'none'"
}
