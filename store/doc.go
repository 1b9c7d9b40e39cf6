// Package store keeps the revisions of an annex in a directory, so that the
// life of one entry can be followed from revision to revision.
//
// A store is a plain directory that can itself be kept under version control:
//
//	annex-store/
//	  index.json              schema "annex-store/1": one record per revision
//	  revisions/<label>.json  the revision's canonical annex/1 model, 2-space indented
//	  lock                    taken with flock(2) while an import writes
//	  .gitignore              lock, diffs/, entries/ and .tmp-*: what git need not keep
//	  diffs/v<N>/<old>_<new>.json  cache: the diff of two revisions (see cache.go)
//	  entries/<sha>.txt       cache: the entry index of a revision (see entries.go)
//	  concordances/<name>.json  reviewed concordances kept beside the revisions (see concordance.go)
//
// Each revision has a label, by default its document date ("2024-03-14").
// Revisions are ordered by date, then label. The revision in force at a date
// is the latest whose date is not after it (At).
//
// Every file is written to a temporary name in the same directory, synced and
// renamed into place, and the directory is synced, so a crash leaves either
// the old or the new file, never half of one. An import takes an exclusive
// lock on the lock file; a second import waits a bounded time and then fails
// with ErrLocked. A revision file is written before the index entry that
// names it: a crash between the two leaves a file that the index does not
// name, which readers ignore and Leftovers reports. The index records the
// SHA-256 of every revision file, so a damaged or hand-edited file is
// refused with ErrCorrupt and an error naming it, and nothing is rewritten.
// One window remains: an import with Force that is killed after replacing a
// revision file but before rewriting the index leaves that one revision
// reported as changed since import (ErrCorrupt); running the same import
// again repairs it. The other revisions are unaffected. A revision file is
// read with the model reader of package parse, the one that reads an annex/1
// JSON input, so the same checks apply to both.
//
// A store kept in git may hold what anyone committed. The store reaches its
// files only through the store directory opened as an os.Root, so no name
// and no symbolic link leads out of it, and it refuses (ErrLink, naming the
// link) a store in which index.json, lock, .gitignore, revisions, diffs,
// entries or concordances, or anything inside those directories, is a symbolic link: it
// never reads, writes or removes through one. It removes only regular files
// whose names it makes (temporary files, and cache files of revisions no
// longer stored or of other engine versions), never recursively. The store
// directory itself may be reached through a link the caller names.
//
// History follows one entry through consecutive revisions with the
// structural diff of package diff: renumbered and moved entries keep their
// lineage, so 4.C.2.b.6 in one revision is followed to 4.C.2.b.7 in the next.
// Diffs of consecutive pairs are computed once per Store value and kept on
// disk in diffs/, keyed by diff.EngineVersion and the SHA-256 of both
// revision files. The entry indexes in entries/ let History read only the
// ids of each revision and the text of the entry it follows. Import writes
// the new revision's entry index and its diffs with the revisions before and
// after it; a store without these caches (a fresh clone, or one written by
// an earlier version) rebuilds them when first needed, computing the diffs
// of all pairs on every CPU. A cache file that does not parse or does not
// match its key is ignored and rebuilt.
package store
