package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/report"
	"github.com/annex-tools/annex/store"
)

// Options tune a site.
type Options struct {
	// BaseURL is the absolute URL the site will be published at, such as
	// "https://example.org/annex/". When set, links between pages and in the
	// feeds are absolute; the style sheet, the script and its data stay
	// relative, so that a copy opened from disk loads nothing from elsewhere.
	BaseURL string
	// Force lets Build write into a non-empty directory that holds no
	// manifest. Files already there are overwritten when the site has a file
	// of the same name, and otherwise left alone.
	Force bool
	// Title is the site's title; "" for one made from the latest revision.
	Title string
}

// Build writes the site of the revisions in st into dir (see the package
// documentation) and says what it did.
func Build(st *store.Store, dir string, opt Options) (Stats, error) {
	if inside(dir, st.Dir()) || inside(st.Dir(), dir) {
		return Stats{}, fmt.Errorf("%s: the site and the store %s cannot share a directory", dir, st.Dir())
	}
	files, err := Render(st, opt)
	if err != nil {
		return Stats{}, err
	}
	return writeSite(dir, files, opt.Force)
}

// Render returns the files of the site of the revisions in st, by slash
// path relative to the site's directory, without writing anything.
func Render(st *store.Store, opt Options) (map[string][]byte, error) {
	b, err := newBuilder(st, opt)
	if err != nil {
		return nil, err
	}
	if err := b.render(); err != nil {
		return nil, err
	}
	return b.files, nil
}

// builder holds what the pages are made from.
type builder struct {
	opt     Options
	base    string // BaseURL with a final slash, or ""
	tagAuth string
	title   string
	revs    []store.Revision
	models  []*model.Annex
	raw     [][]byte      // every revision as annex/1 JSON
	pairs   []diff.Result // pairs[i]: revs[i] to revs[i+1]
	lin     *lineages
	ids     []string          // every id, in natural order
	idFile  map[string]string // id to its page, "entry/….html"
	mu      sync.Mutex
	files   map[string][]byte
}

// put records the file at path; pages are rendered in parallel.
func (b *builder) put(path string, data []byte) {
	b.mu.Lock()
	b.files[path] = data
	b.mu.Unlock()
}

// parallel runs fn(0) … fn(n-1) on as many goroutines as there are CPUs
// and returns the first error.
func parallel(n int, fn func(i int) error) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
		err  error
	)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := err != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				if e := fn(i); e != nil {
					mu.Lock()
					if err == nil {
						err = e
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return err
}

func newBuilder(st *store.Store, opt Options) (*builder, error) {
	b := &builder{opt: opt, files: make(map[string][]byte), tagAuth: "annex.invalid"}
	if opt.BaseURL != "" {
		u, err := url.Parse(opt.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("base URL %q: want an absolute http or https URL such as https://example.org/annex/", opt.BaseURL)
		}
		b.base = u.String()
		if !strings.HasSuffix(b.base, "/") {
			b.base += "/"
		}
		b.tagAuth = u.Hostname()
	}
	revs, err := st.List()
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 {
		return nil, fmt.Errorf("%s: the store holds no revision", st.Dir())
	}
	b.revs = revs
	b.models = make([]*model.Annex, len(revs))
	b.raw = make([][]byte, len(revs))
	err = parallel(len(revs), func(i int) error {
		a, data, err := st.LoadRevisionFile(revs[i])
		if err != nil {
			return err
		}
		b.models[i], b.raw[i] = a, data
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.pairs, err = st.Changes()
	if err != nil {
		return nil, err
	}
	if len(b.pairs) != len(revs)-1 {
		return nil, fmt.Errorf("%s: %d diffs for %d revisions", st.Dir(), len(b.pairs), len(revs))
	}
	b.lin = newLineages(revs, b.models, b.pairs)
	b.ids = b.lin.allIDs()
	b.idFile = entryFiles(b.ids)
	last := b.models[len(b.models)-1].Meta
	b.title = opt.Title
	if b.title == "" {
		b.title = strings.TrimSpace(last.Regime + " " + last.Title)
		if b.title == "" {
			b.title = "Annex revisions"
		}
	}
	return b, nil
}

func sortIDs(ids []string) { slices.SortStableFunc(ids, model.CompareIDs) }

// entryFiles names the page of every id: the id itself where it is made of
// letters, digits, "." and "-", with any other byte written as _XX; ids that
// differ only in letter case (which some file systems cannot tell apart)
// get a suffix in order.
func entryFiles(ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	folded := make(map[string]int)
	for _, id := range ids {
		var s strings.Builder
		for i := 0; i < len(id); i++ {
			c := id[i]
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.' && i > 0:
				s.WriteByte(c)
			default:
				fmt.Fprintf(&s, "_%02X", c)
			}
		}
		name := s.String()
		k := strings.ToLower(name)
		folded[k]++
		if n := folded[k]; n > 1 {
			name += "_-" + strconv.Itoa(n)
		}
		out[id] = "entry/" + name + ".html"
	}
	return out
}

// anchor is the fragment of an entry on a revision page.
func anchor(id string) string {
	var s strings.Builder
	s.WriteString("e-")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			s.WriteRune(r)
		default:
			s.WriteByte('-')
		}
	}
	return s.String()
}

// Site paths.
func revPage(label string) string { return "rev/" + label + ".html" }
func revJSON(label string) string { return "rev/" + label + ".json" }
func revData(label string) string { return "data/rev/" + label + ".js" }
func pairName(i int, revs []store.Revision) string {
	return revs[i].Label + ".." + revs[i+1].Label
}
func pairPage(name string) string { return "changes/" + name + ".html" }
func pairJSON(name string) string { return "changes/" + name + ".json" }
func itemFeed(n int) string       { return "feeds/item-" + strconv.Itoa(n) + ".atom" }

// link returns the URL of the site path to as written on the page at from:
// absolute under BaseURL, else relative.
func (b *builder) link(from, to string) string {
	if b.base != "" {
		return b.base + to
	}
	return local(from, to)
}

// local is the relative URL of to from the page at from.
func local(from, to string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + to
}

func (b *builder) render() error {
	steps := []func() error{b.renderAssets, b.renderIndex, b.renderRevisions, b.renderPairs, b.renderEntries, b.renderCompare, b.renderSearch, b.renderFeeds}
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// jsonIndent encodes v as the store and the CLI do: 2-space indented, no
// HTML escaping, a final newline.
func jsonIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// revName names a revision for people: its document id and date.
func revName(r store.Revision) string {
	switch {
	case r.DocID != "" && r.Date != "":
		return r.DocID + " (" + r.Date + ")"
	case r.DocID != "":
		return r.DocID
	}
	return r.Label
}

// renderPairs writes the HTML report and the annex-diff/1 document of
// every consecutive pair.
func (b *builder) renderPairs() error {
	for i, res := range b.pairs {
		name := pairName(i, b.revs)
		from := pairPage(name)
		old, new := b.revs[i], b.revs[i+1]
		opt := report.Options{
			Title: "Changes from " + old.Label + " to " + new.Label,
			Links: []report.Link{
				{Text: "All revisions", URL: b.link(from, "index.html")},
				{Text: "Text of " + old.Label, URL: b.link(from, revPage(old.Label))},
				{Text: "Text of " + new.Label, URL: b.link(from, revPage(new.Label))},
				{Text: "Compare any two", URL: b.link(from, "compare.html")},
				{Text: "annex-diff/1 JSON", URL: b.link(from, pairJSON(name))},
			},
			EntryURL: func(id string) string {
				if f, ok := b.idFile[id]; ok {
					return b.link(from, f)
				}
				return b.link(from, "search.html")
			},
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, "html", res, opt); err != nil {
			return err
		}
		b.put(from, buf.Bytes())
		var js bytes.Buffer
		if err := report.Write(&js, "json", res, report.Options{}); err != nil {
			return err
		}
		b.put(pairJSON(name), js.Bytes())
	}
	return nil
}

// inside reports whether path is dir or lies under it.
func inside(path, dir string) bool {
	p, err1 := filepath.Abs(path)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
