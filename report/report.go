package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
)

// Formats lists the output formats Write accepts, in the order they are
// documented.
var Formats = []string{"text", "json", "md", "html", "xlsx", "csv"}

// ChangelogFormats lists the output formats Changelog accepts.
var ChangelogFormats = []string{"text", "json", "md", "html", "xlsx", "csv"}

// Options tune a report. The zero value is a plain report with a default
// title.
type Options struct {
	Color bool   // text: colour the marked deletions red and insertions green (the caller decides: NO_COLOR, terminal)
	Title string // md, html, xlsx: the document title; "" for one made from the revisions

	// Links, html only: links to related pages, shown in a navigation bar
	// above the title (a published site's index and revision pages).
	Links []Link
	// EntryURL, html only: when set, each entry change links its ids to the
	// URL it returns (a published site's page of the entry's history).
	EntryURL func(id string) string
}

// Link is a link to another page: its text and its URL.
type Link struct {
	Text string
	URL  string
}

// Write renders r in the given format to w. An unknown format is an error
// that lists the valid ones.
func Write(w io.Writer, format string, r diff.Result, opt Options) (err error) {
	defer recoverTo(&err, format)
	switch format {
	case "text":
		return writeText(w, r, opt)
	case "json":
		return writeJSON(w, r)
	case "md":
		return writeMarkdown(w, []diff.Result{r}, opt)
	case "html":
		return writeHTML(w, []diff.Result{r}, opt)
	case "xlsx":
		return writeXLSX(w, r, opt)
	case "csv":
		return writeCSV(w, r)
	}
	return fmt.Errorf("unknown report format %q (valid: %s)", format, strings.Join(Formats, ", "))
}

// Changelog renders several consecutive diffs (oldest first, each one's New
// the next one's Old) as one changelog, newest revision first, in one of
// ChangelogFormats. "text" is the terminal summary of each diff in turn;
// "json" is one annex-changelog/1 document holding the annex-diff/1
// documents in date order, oldest first; "xlsx" and "csv" are one change
// register whose lines also name the two revisions of their diff (even when
// there is one diff, so that the columns do not depend on the store).
func Changelog(w io.Writer, format string, results []diff.Result, opt Options) (err error) {
	defer recoverTo(&err, format)
	if len(results) == 0 {
		return fmt.Errorf("changelog: no diffs to render")
	}
	switch format {
	case "text":
		return writeTextChangelog(w, results, opt)
	case "json":
		return writeJSONChangelog(w, results)
	case "md":
		return writeMarkdown(w, results, opt)
	case "html":
		return writeHTML(w, results, opt)
	case "xlsx":
		return writeXLSXPages(w, newestFirst(results), opt, true)
	case "csv":
		return writeCSVPages(w, newestFirst(results), true)
	}
	return fmt.Errorf("unknown changelog format %q (valid: %s)", format, strings.Join(ChangelogFormats, ", "))
}

// recoverTo turns a panic from a dependency into an error.
func recoverTo(err *error, format string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("render %s report: internal error: %v", format, p)
	}
}

// newestFirst returns results (oldest first) in the order of a changelog.
func newestFirst(results []diff.Result) []diff.Result {
	out := make([]diff.Result, len(results))
	for i, r := range results {
		out[len(results)-1-i] = r
	}
	return out
}
