package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/jsonpos"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// IndexSchema is the value of the "schema" field of index.json.
const IndexSchema = "annex-store/1"

// DefaultDir is the store directory used when none is given.
const DefaultDir = "annex-store"

// Names inside a store directory.
const (
	indexName = "index.json"
	revDir    = "revisions"
	lockName  = "lock"
	tmpPrefix = ".tmp-"
)

// gitignore is the .gitignore Init writes: the lock, the caches and
// temporary files need not be kept in git. oldGitignore is what earlier
// versions wrote; Import replaces it (and nothing else) with gitignore.
const (
	gitignore    = lockName + "\n" + diffDir + "/\n" + entriesDir + "/\n" + tmpPrefix + "*\n"
	oldGitignore = lockName + "\n" + diffDir + "/\n" + tmpPrefix + "*\n"
)

// Revision is the index record of one stored revision.
type Revision struct {
	Label      string       `json:"label"`       // unique name of the revision, by default its date
	DocID      string       `json:"doc_id"`      // meta.doc_id of the model
	Date       string       `json:"date"`        // meta.date of the model, YYYY-MM-DD
	Source     model.Source `json:"source"`      // the file imported: name, format and SHA-256 of its bytes
	ImportedAt string       `json:"imported_at"` // RFC 3339, UTC
	Entries    int          `json:"entries"`     // number of entries at every level
	File       string       `json:"file"`        // the model, relative to the store: revisions/<label>.json
	SHA256     string       `json:"sha256"`      // hex SHA-256 of that file, to detect damage and hand edits
}

// index is the content of index.json.
type index struct {
	Schema    string     `json:"schema"`
	Revisions []Revision `json:"revisions"`
}

// Store is an open store directory. Its methods may be called from several
// goroutines; imports from several processes are serialised by a file lock.
type Store struct {
	dir string

	// Compare computes the structural diff of two revisions; History and
	// Changes need it. Open sets it to the default diff engine.
	Compare func(old, new *model.Annex) diff.Result

	// DiffCache keeps the diffs of the pairs compared in the diffs/
	// directory of the store, for later runs (see cache.go). Open sets it.
	DiffCache bool

	// LockWait bounds how long Import waits for another import's lock
	// before failing with ErrLocked.
	LockWait time.Duration

	// Now returns the import time; tests may replace it.
	Now func() time.Time

	mu      sync.Mutex
	models  map[string]*memo[*model.Annex]   // by SHA-256 of the revision file
	diffs   map[[2]string]*memo[diff.Result] // by SHA-256 of the old and the new revision file
	entries map[string]*memo[*entryIndex]    // by SHA-256 of the revision file
}

// memo is a value computed once per Store, by the first goroutine to ask.
type memo[T any] struct {
	once sync.Once
	v    T
	err  error
}

// memoized returns m[k], computing it with f when it is missing. An error
// is not kept: the next call tries again.
func memoized[K comparable, T any](mu *sync.Mutex, m map[K]*memo[T], k K, f func() (T, error)) (T, error) {
	mu.Lock()
	e := m[k]
	if e == nil {
		e = &memo[T]{}
		m[k] = e
	}
	mu.Unlock()
	e.once.Do(func() { e.v, e.err = f() })
	if e.err != nil {
		mu.Lock()
		if m[k] == e {
			delete(m, k)
		}
		mu.Unlock()
	}
	return e.v, e.err
}

var labelRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidLabel reports whether label can name a revision: 1 to 64 letters,
// digits, ".", "_" or "-", starting with a letter or digit.
func ValidLabel(label string) bool {
	return labelRE.MatchString(label) && !strings.Contains(label, "..")
}

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// validDate reports whether s is a YYYY-MM-DD calendar date.
func validDate(s string) bool {
	if !dateRE.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func newStore(dir string) *Store {
	return &Store{
		dir:       dir,
		Compare:   defaultCompare,
		DiffCache: true,
		LockWait:  10 * time.Second,
		Now:       time.Now,
		models:    make(map[string]*memo[*model.Annex]),
		diffs:     make(map[[2]string]*memo[diff.Result]),
		entries:   make(map[string]*memo[*entryIndex]),
	}
}

// Open opens the existing store in dir. It fails with ErrNoStore when dir
// holds no index.json, and with ErrCorrupt when the index cannot be read.
func Open(dir string) (*Store, error) {
	s := newStore(dir)
	if _, err := s.readIndex(); err != nil {
		return nil, err
	}
	return s, nil
}

// Init opens the store in dir, creating it when it does not exist. It
// refuses (ErrNotStore) a directory that holds other files but no index.json,
// so that a mistaken --store never writes into someone's files.
func Init(dir string) (*Store, error) {
	s := newStore(dir)
	_, err := s.readIndex()
	if err == nil || !errors.Is(err, ErrNoStore) {
		return s, err
	}
	if ents, rerr := os.ReadDir(dir); rerr == nil {
		for _, e := range ents {
			switch n := e.Name(); {
			case n == revDir, n == lockName, n == diffDir, n == entriesDir, n == ".git", n == ".gitignore", strings.HasPrefix(n, tmpPrefix):
			default:
				return nil, fmt.Errorf("%s: %w (it holds %s but no %s)", dir, ErrNotStore, n, indexName)
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create store: %w", err)
	}
	d, err := s.openFS()
	if err != nil {
		return nil, err
	}
	defer d.close()
	if err := d.audit(); err != nil {
		return nil, err
	}
	if err := d.mkdir(revDir); err != nil {
		return nil, err
	}
	unlock, err := s.lock(d)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if _, err := d.lstat(indexName); errors.Is(err, fs.ErrNotExist) {
		if _, err := d.lstat(".gitignore"); errors.Is(err, fs.ErrNotExist) {
			// The store can be kept in git; the lock and caches need not.
			d.writeAtomic(".gitignore", []byte(gitignore))
		}
		if err := writeIndex(d, &index{Schema: IndexSchema}); err != nil {
			return nil, err
		}
	}
	if _, err := s.readIndex(); err != nil {
		return nil, err
	}
	return s, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// readIndex reads and checks index.json; revisions come back in order.
// It refuses a store that holds a symbolic link (see audit).
func (s *Store) readIndex() (*index, error) {
	d, err := s.openFS()
	if err != nil {
		return nil, err
	}
	defer d.close()
	return readIndexFS(d)
}

func readIndexFS(d *storeFS) (*index, error) {
	name := d.name(indexName)
	if _, err := d.lstat(indexName); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w (no %s)", d.dir, ErrNoStore, indexName)
	}
	if err := d.audit(); err != nil {
		return nil, err
	}
	data, err := d.readFile(indexName)
	if err != nil {
		return nil, err
	}
	var ix index
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&ix); err != nil {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrCorrupt, jsonErr(data, err))
	}
	if ix.Schema != IndexSchema {
		return nil, fmt.Errorf("%s: %w: schema is %q, want %q", name, ErrCorrupt, ix.Schema, IndexSchema)
	}
	seen := make(map[string]bool)
	for i, r := range ix.Revisions {
		bad := ""
		switch {
		case !ValidLabel(r.Label):
			bad = fmt.Sprintf("invalid label %q", r.Label)
		case seen[r.Label]:
			bad = fmt.Sprintf("label %q used twice", r.Label)
		case r.File != revFile(r.Label):
			bad = fmt.Sprintf("file %q, want %q", r.File, revFile(r.Label))
		case !validDate(r.Date):
			bad = fmt.Sprintf("date %q is not YYYY-MM-DD", r.Date)
		case !sha256RE.MatchString(r.SHA256):
			bad = "missing or malformed sha256"
		}
		if bad != "" {
			return nil, fmt.Errorf("%s: %w: revision %d: %s", name, ErrCorrupt, i+1, bad)
		}
		seen[r.Label] = true
	}
	sortRevisions(ix.Revisions)
	return &ix, nil
}

func sortRevisions(rs []Revision) {
	slices.SortStableFunc(rs, func(a, b Revision) int {
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
}

func revFile(label string) string { return revDir + "/" + label + ".json" }

func writeIndex(d *storeFS, ix *index) error {
	sortRevisions(ix.Revisions)
	if ix.Revisions == nil {
		ix.Revisions = []Revision{}
	}
	data, err := marshal(ix)
	if err != nil {
		return err
	}
	return d.writeAtomic(indexName, data)
}

// marshal writes v as stable, 2-space indented JSON with a final newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// List returns the stored revisions in date order (then label order).
func (s *Store) List() ([]Revision, error) {
	ix, err := s.readIndex()
	if err != nil {
		return nil, err
	}
	return ix.Revisions, nil
}

// Revision returns the record of the revision labelled label.
func (s *Store) Revision(label string) (Revision, error) {
	revs, err := s.List()
	if err != nil {
		return Revision{}, err
	}
	return find(revs, label, s.dir)
}

func find(revs []Revision, label, dir string) (Revision, error) {
	for _, r := range revs {
		if r.Label == label {
			return r, nil
		}
	}
	return Revision{}, fmt.Errorf("%s: %w labelled %q", dir, ErrNotFound, label)
}

// At returns the revision labelled dateOrLabel or, when no label matches and
// it is a date (YYYY-MM-DD), the revision in force at that date: the latest
// whose date is not after it.
func (s *Store) At(dateOrLabel string) (Revision, error) {
	revs, err := s.List()
	if err != nil {
		return Revision{}, err
	}
	return at(revs, dateOrLabel, s.dir)
}

func at(revs []Revision, dateOrLabel, dir string) (Revision, error) {
	if r, err := find(revs, dateOrLabel, dir); err == nil {
		return r, nil
	}
	if !validDate(dateOrLabel) {
		return Revision{}, fmt.Errorf("%s: %w labelled %q (and it is not a YYYY-MM-DD date)", dir, ErrNotFound, dateOrLabel)
	}
	var found *Revision
	for i := range revs {
		if revs[i].Date <= dateOrLabel {
			found = &revs[i]
		}
	}
	if found == nil {
		if len(revs) == 0 {
			return Revision{}, fmt.Errorf("%s: %w: the store is empty", dir, ErrNotFound)
		}
		earliest := revs[0].Label
		if revs[0].Date != "" && revs[0].Date != revs[0].Label {
			earliest += ", dated " + revs[0].Date
		}
		return Revision{}, fmt.Errorf("%s: %w in force at %s (the earliest revision is %s)", dir, ErrNotFound, dateOrLabel, earliest)
	}
	return *found, nil
}

// Load returns the model of the revision labelled label, or in force at
// the date label (see At). The caller owns the model.
func (s *Store) Load(label string) (*model.Annex, error) {
	r, err := s.At(label)
	if err != nil {
		return nil, err
	}
	return s.LoadRevision(r)
}

// LoadRevision returns the model of r, read afresh and checked against the
// index's SHA-256. The caller owns the model.
//
// The file is read by the same reader as an annex/1 JSON input (package
// parse), so every check that reader makes applies to stored revisions too.
func (s *Store) LoadRevision(r Revision) (*model.Annex, error) {
	a, _, err := s.LoadRevisionFile(r)
	return a, err
}

// LoadRevisionFile is LoadRevision that also returns the revision's file as
// stored, the bytes checked against the index.
func (s *Store) LoadRevisionFile(r Revision) (*model.Annex, []byte, error) {
	d, err := s.openFS()
	if err != nil {
		return nil, nil, err
	}
	defer d.close()
	name := d.name(r.File)
	data, err := d.readFile(r.File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: %w: file missing (named by %s)", name, ErrCorrupt, indexName)
		}
		return nil, nil, err
	}
	if got := sum(data); got != r.SHA256 {
		return nil, nil, fmt.Errorf("%s: %w: content changed since import (sha256 %.12s…, %s says %.12s…)\nTry: re-import the revision with --force", name, ErrCorrupt, got, indexName, r.SHA256)
	}
	a, err := decodeModel(name, data, r.SHA256)
	return a, data, err
}

// model returns the shared, cached model of r; callers must not modify it.
func (s *Store) model(r Revision) (*model.Annex, error) {
	return memoized(&s.mu, s.models, r.SHA256, func() (*model.Annex, error) { return s.LoadRevision(r) })
}

// decodeModel reads a revision file (data, whose SHA-256 is digest) with
// the JSON model reader of package parse.
func decodeModel(name string, data []byte, digest string) (*model.Annex, error) {
	if parse.Detect(data[:min(len(data), 1024)]) != parse.FormatJSON {
		return nil, fmt.Errorf("%s: %w: not an annex/1 JSON model", name, ErrCorrupt)
	}
	a, err := parse.Read(name, data, parse.Options{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrCorrupt, &readerError{strings.TrimPrefix(err.Error(), name+": "), err})
	}
	// The reader names a model without a source after the file read; a
	// stored model keeps the source it was imported with, even none. The
	// reader ran model.Check, the structural checks of every model read.
	if src := a.Meta.Source; src.SHA256 == digest && src.Format == string(parse.FormatJSON) {
		a.Meta.Source = model.Source{}
	}
	return a, nil
}

// jsonErr describes a JSON decoding error with its line and column.
func jsonErr(data []byte, err error) string {
	if line, col, ok := jsonpos.Of(data, err); ok {
		return fmt.Sprintf("invalid JSON at line %d, column %d: %v", line, col, err)
	}
	return "invalid JSON: " + err.Error()
}

// Leftovers returns the files of the store that no index record names:
// temporary files and revision files left by an interrupted import. They
// are harmless; the next import removes temporary files, and overwrites an
// unnamed revision file when it imports that label.
func (s *Store) Leftovers() ([]string, error) {
	d, err := s.openFS()
	if err != nil {
		return nil, err
	}
	defer d.close()
	ix, err := readIndexFS(d)
	if err != nil {
		return nil, err
	}
	named := make(map[string]bool)
	for _, r := range ix.Revisions {
		named[r.File] = true
	}
	var out []string
	for _, sub := range []string{".", revDir} {
		ents, err := d.readDir(sub)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			rel := pathJoin(sub, e.Name())
			switch {
			case strings.HasPrefix(e.Name(), tmpPrefix):
				out = append(out, rel)
			case sub == revDir && !named[rel]:
				out = append(out, rel)
			}
		}
	}
	return out, nil
}

func pathJoin(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// readerError is an error of the model reader without the file name it
// starts with, which the store's own message gives; it keeps the reader's
// error, and its sentinels, underneath.
type readerError struct {
	msg string
	err error
}

func (e *readerError) Error() string { return e.msg }
func (e *readerError) Unwrap() error { return e.err }

// duplicateID returns an entry number used twice in a, or "".
func duplicateID(a *model.Annex) string {
	seen := make(map[string]bool)
	dup := ""
	a.Walk(func(n model.Node) bool {
		if seen[n.Entry.ID] {
			dup = n.Entry.ID
			return false
		}
		seen[n.Entry.ID] = true
		return true
	})
	return dup
}
