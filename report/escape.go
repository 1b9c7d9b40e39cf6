package report

// EscapeMarkdown escapes document text for one line of Markdown: characters
// that would start markup or raw HTML are backslash-escaped, control
// characters are shown as escapes, line breaks become spaces, and a line that
// would start a block of its own (heading, list, break) is defused.
func EscapeMarkdown(s string) string { return mdEscapeBlock(s) }
