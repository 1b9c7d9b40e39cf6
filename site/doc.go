// Package site writes a static web site of the revisions in a store: what
// `annex site` publishes.
//
// The site needs no server and loads nothing from elsewhere: its one style
// sheet and one script are files of the site, every page carries a
// Content-Security-Policy that allows only the site's own files, and the data
// the script works on (the search index, each revision's entries for the
// comparison of any two revisions) is shipped as script files, because a
// browser will not fetch files from a site opened from disk. Every page but
// the search and the comparison works with scripts blocked.
//
// Layout of the output directory (every link is relative unless
// Options.BaseURL is set):
//
//	index.html                    revisions, newest first, with counts of changes
//	rev/LABEL.html                the full text of a revision, an anchor on every entry
//	rev/LABEL.json                the revision as annex/1
//	changes/OLD..NEW.html         the HTML report of a consecutive pair
//	changes/OLD..NEW.json         the pair as annex-diff/1
//	entry/ID.html                 the permanent page of an entry id: its whole history
//	compare.html, search.html     any two revisions compared; search over ids and text
//	feed.atom, feeds/item-N.atom  Atom feeds of the revisions, and of each item's changes
//	assets/, data/                the style sheet, the script and its data
//	annex-site.json               the manifest: every file the build wrote
//
// The output is reproducible: the same store gives byte-identical files, with
// no date but the documents' own. A rebuild rewrites only files whose
// content changed and removes only files the previous manifest lists; it
// never follows a symbolic link inside the directory, and it refuses a
// non-empty directory without a manifest unless Options.Force is set.
//
// An entry's history is the data of `annex history` (store.Lineage), computed
// for every entry in one pass over the stored diffs.
package site
