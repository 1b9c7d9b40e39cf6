package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// The entry index of a revision lists the ids of its entries and, after
// them, each entry's own text and notes, so that History can follow an
// entry through every revision reading only the ids of each and the text
// of the entry it follows:
//
//	entries/<sha256 of the revision file, 16 hex>.txt
//
//	annex-store-entries/1 <diff.EngineVersion> <sha256 of the revision file> <N> <B>
//	<entry id> <offset> <length>                       N lines (B bytes), in document order
//	<JSON {"text": …, "notes": […], "category": …} of an entry>   N lines
//
// Each id line gives the byte offset and length of the entry's JSON from
// the start of the JSON lines. The index is built from the revision as the
// model reader returns it. Import writes it; a store without it (written by
// an earlier version, or a fresh clone: entries/ is in .gitignore) rebuilds
// it when it is first needed. A file whose first line does not name the
// format, the engine version and the revision's full digest, or whose id
// lines are not N lines of B bytes, is ignored and rebuilt; an entry whose
// id line or JSON does not parse is read from the revision itself.

const (
	entriesDir    = "entries"
	entriesExt    = ".txt"
	entriesFormat = "annex-store-entries/1"
	maxIDLines    = 64 << 20 // a section of id lines longer than this is not read
)

var entriesFileRE = regexp.MustCompile(`^[0-9a-f]{16}\.txt$`)

// entryIndex is the entry index of one revision: its id lines, and where to
// find the JSON of each entry's text and notes. Ids are looked up in the
// lines as they are (a few per revision are), not parsed into a map.
type entryIndex struct {
	ids  []byte // "\n" and the id lines
	rel  string // the index file, relative to the store; "" when built in memory
	base int64  // offset of the JSON lines in the file
	size int64  // length of the JSON lines
	mem  []byte // the JSON lines, when built in memory
}

// line returns the offset and length of the JSON of the entry id, and
// whether the revision holds the entry. A line that does not parse gives a
// negative offset.
func (ix *entryIndex) line(id string) (off, n int64, ok bool) {
	i := bytes.Index(ix.ids, []byte("\n"+id+" "))
	if i < 0 || id == "" {
		return 0, 0, false
	}
	rest := ix.ids[i+2+len(id):]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	a, b, _ := bytes.Cut(rest, []byte(" "))
	off, err1 := strconv.ParseInt(string(a), 10, 64)
	n, err2 := strconv.ParseInt(string(b), 10, 64)
	if err1 != nil || err2 != nil || off < 0 || n < 0 || off > ix.size || n > ix.size-off { // no overflow
		return -1, 0, true
	}
	return off, n, true
}

// has reports whether the revision holds the entry id.
func (ix *entryIndex) has(id string) bool {
	_, _, ok := ix.line(id)
	return ok
}

// entryContent is an entry's own text and notes, and its item's category.
type entryContent struct {
	Text     string       `json:"text"`
	Notes    []model.Note `json:"notes"`
	Category string       `json:"category,omitempty"`
}

func entriesPath(r Revision) string { return entriesDir + "/" + r.SHA256[:16] + entriesExt }

func entriesHeader(digest string) string {
	return entriesFormat + " " + strconv.Itoa(diff.EngineVersion) + " " + digest + " "
}

// buildEntryIndex indexes a, the revision whose digest is digest, and
// returns the index and its file (nil when an id cannot be written in it).
func buildEntryIndex(a *model.Annex, digest string) (*entryIndex, []byte) {
	seen := make(map[string]bool)
	var ids, body bytes.Buffer
	ok := true
	a.Walk(func(n model.Node) bool {
		id := n.Entry.ID
		if seen[id] {
			return true
		}
		seen[id] = true
		data, err := json.Marshal(entryContent{n.Entry.Text, n.Entry.Notes, n.Item.Category})
		if err != nil || id == "" || strings.ContainsAny(id, " \r\n") {
			ok = false
		}
		fmt.Fprintf(&ids, "%s %d %d\n", id, body.Len(), len(data))
		body.Write(data)
		body.WriteByte('\n')
		return true
	})
	ix := &entryIndex{ids: append([]byte("\n"), ids.Bytes()...), size: int64(body.Len()), mem: body.Bytes()}
	if !ok {
		return ix, nil
	}
	file := fmt.Appendf(nil, "%s%d %d\n", entriesHeader(digest), len(seen), ids.Len())
	file = append(file, ids.Bytes()...)
	return ix, append(file, body.Bytes()...)
}

// readEntryIndex reads the id lines of the index file of r.
func (s *Store) readEntryIndex(r Revision) (*entryIndex, bool) {
	d, err := s.openFS()
	if err != nil {
		return nil, false
	}
	defer d.close()
	rel := entriesPath(r)
	f, size, err := d.open(rel)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var head [256]byte
	k, _ := f.ReadAt(head[:], 0)
	line, _, ok := bytes.Cut(head[:k], []byte("\n"))
	prefix := entriesHeader(r.SHA256)
	if !ok || !bytes.HasPrefix(line, []byte(prefix)) {
		return nil, false
	}
	a, b, _ := strings.Cut(string(line[len(prefix):]), " ")
	n, err1 := strconv.ParseInt(a, 10, 64)
	nb, err2 := strconv.ParseInt(b, 10, 64)
	start := int64(len(line) + 1)
	if err1 != nil || err2 != nil || n < 0 || nb < n || nb > maxIDLines || start+nb > size {
		return nil, false
	}
	ids := make([]byte, 1+nb)
	ids[0] = '\n'
	if _, err := f.ReadAt(ids[1:], start); err != nil {
		return nil, false
	}
	if int64(bytes.Count(ids, []byte("\n"))) != n+1 || (nb > 0 && ids[nb] != '\n') {
		return nil, false
	}
	ix := &entryIndex{ids: ids, rel: rel, base: start + nb, size: size - start - nb}
	if n > 0 { // the last entry's JSON ends the file: a truncated file is rebuilt
		last := ids[bytes.LastIndexByte(ids[:nb], '\n')+1 : nb]
		id, _, _ := bytes.Cut(last, []byte(" "))
		if off, k, _ := ix.line(string(id)); off < 0 || off+k+1 != ix.size {
			return nil, false
		}
	}
	return ix, true
}

// content returns the JSON of the text and notes of the entry id, or nil
// when the revision does not hold it, or when its line or JSON cannot be
// read (ok is then false).
func (ix *entryIndex) content(s *Store, id string) (data []byte, ok bool) {
	off, n, has := ix.line(id)
	if !has {
		return nil, true
	}
	if off < 0 {
		return nil, false
	}
	if ix.rel == "" {
		return ix.mem[off : off+n], true
	}
	d, err := s.openFS()
	if err != nil {
		return nil, false
	}
	defer d.close()
	f, _, err := d.open(ix.rel)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, ix.base+off); err != nil && !(errors.Is(err, io.EOF) && n == 0) {
		return nil, false
	}
	return buf, true
}

// entryIndex returns the entry index of r: read from its file, or built
// from the revision and written for the next run.
func (s *Store) entryIndex(r Revision) (*entryIndex, error) {
	return memoized(&s.mu, s.entries, r.SHA256, func() (*entryIndex, error) {
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
				if d.mkdir(entriesDir) == nil {
					d.writeCache(entriesPath(r), data) // errors (a read-only store) are ignored
				}
				d.close()
			}
		}
		return ix, nil
	})
}
