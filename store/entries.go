package store

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// The entry index of a revision lists its entries with their own text and
// notes, so that History can follow an entry through every revision
// without reading each revision whole: it decodes only the lines of the
// entry it follows, and only where they differ from the previous step's.
//
//	entries/<sha256 of the revision file, 16 hex>.txt
//
//	annex-store-entries/2 <diff.EngineVersion> <sha256 of the revision file>
//	<entry id> <JSON {"text": …, "notes": […]} of the entry, on one line>
//	…
//
// one line per entry, in document order, each ending in a newline, built
// from the revision as the model reader returns it. Import writes it; a
// store without it (written by an earlier version, or a fresh clone:
// entries/ is in .gitignore) rebuilds it from the revision when it is first
// needed. A file that does not parse, or whose first line does not name the
// engine version and the revision's full digest, is ignored and rebuilt.

const (
	entriesDir    = "entries"
	entriesExt    = ".txt"
	entriesFormat = "annex-store-entries/2"
)

var entriesFileRE = regexp.MustCompile(`^[0-9a-f]{16}\.txt$`)

// entryIndex maps the id of every entry of a revision to the JSON of its
// own text and notes (an entryContent).
type entryIndex map[string][]byte

// entryContent is an entry's own text and notes.
type entryContent struct {
	Text  string       `json:"text"`
	Notes []model.Note `json:"notes"`
}

func entriesPath(r Revision) string { return entriesDir + "/" + r.SHA256[:16] + entriesExt }

func entriesHeader(digest string) string {
	return entriesFormat + " " + strconv.Itoa(diff.EngineVersion) + " " + digest
}

// buildEntryIndex indexes a and returns the index file for the revision
// whose digest is digest, or nil when an id cannot be written in it.
func buildEntryIndex(a *model.Annex, digest string) (entryIndex, []byte) {
	ix := make(entryIndex)
	var b bytes.Buffer
	b.WriteString(entriesHeader(digest) + "\n")
	ok := true
	a.Walk(func(n model.Node) bool {
		id := n.Entry.ID
		if _, dup := ix[id]; dup {
			return true
		}
		data, err := json.Marshal(entryContent{n.Entry.Text, n.Entry.Notes})
		if err != nil || id == "" || strings.ContainsAny(id, " \r\n") {
			ok = false
		}
		ix[id] = data
		b.WriteString(id + " ")
		b.Write(data)
		b.WriteByte('\n')
		return true
	})
	if !ok {
		return ix, nil
	}
	return ix, b.Bytes()
}

// parseEntryIndex reads an index file of the revision whose digest is
// digest. The contents are slices of data, decoded when needed.
func parseEntryIndex(data []byte, digest string) (entryIndex, bool) {
	head, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(head) != entriesHeader(digest) {
		return nil, false
	}
	ix := make(entryIndex, bytes.Count(rest, []byte("\n")))
	for len(rest) > 0 {
		line, r, ok := bytes.Cut(rest, []byte("\n"))
		if !ok {
			return nil, false
		}
		rest = r
		id, content, ok := bytes.Cut(line, []byte(" "))
		if !ok || len(id) == 0 || len(content) == 0 || content[0] != '{' {
			return nil, false
		}
		ix[string(id)] = content
	}
	return ix, true
}

// entryIndex returns the entry index of r: read from its file, or built
// from the revision and written for the next run.
func (s *Store) entryIndex(r Revision) (entryIndex, error) {
	return memoized(&s.mu, s.entries, r.SHA256, func() (entryIndex, error) {
		if ix, ok := s.readEntryIndex(r); ok {
			return ix, nil
		}
		a, err := s.model(r)
		if err != nil {
			return nil, err
		}
		ix, data := buildEntryIndex(a, r.SHA256)
		if data != nil {
			if d, err := s.openFS(); err == nil {
				writeEntryIndex(d, r, data)
				d.close()
			}
		}
		return ix, nil
	})
}

func (s *Store) readEntryIndex(r Revision) (entryIndex, bool) {
	d, err := s.openFS()
	if err != nil {
		return nil, false
	}
	defer d.close()
	data, err := d.readFile(entriesPath(r))
	if err != nil {
		return nil, false
	}
	return parseEntryIndex(data, r.SHA256)
}

// writeEntryIndex writes an index file; errors (a read-only store) are
// ignored.
func writeEntryIndex(d *storeFS, r Revision, data []byte) {
	if d.mkdir(entriesDir) == nil {
		d.writeAtomic(entriesPath(r), data)
	}
}
