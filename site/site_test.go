package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/store"
)

// TestLineagesMatchHistory checks the one-pass lineages of every id against
// store.History, which `annex history` prints, on the samples (an id that
// numbered two entries) and on generated revisions with renumbering and
// moves.
func TestLineagesMatchHistory(t *testing.T) {
	stores := map[string]*store.Store{
		"samples":   sampleStore(t),
		"generated": genStore(t, filepath.Join(t.TempDir(), "gen"), genRevisions(3, 8, 6, 5)),
	}
	for name, st := range stores {
		t.Run(name, func(t *testing.T) {
			b, err := newBuilder(st, Options{})
			if err != nil {
				t.Fatal(err)
			}
			multi := 0
			for _, id := range b.ids {
				want, err := st.History(id, "", "")
				if err != nil {
					t.Fatalf("History(%s): %v", id, err)
				}
				var got []store.Lineage
				for _, l := range b.lin.history(id) {
					got = append(got, *l)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: lineages differ from store.History\ngot  %+v\nwant %+v", id, got, want)
				}
				if len(got) > 1 {
					multi++
				}
			}
			if len(b.ids) < 200 {
				t.Errorf("only %d ids", len(b.ids))
			}
			t.Logf("%d ids, %d of them numbered more than one entry", len(b.ids), multi)
		})
	}
}

// TestSamplePages checks what the pages of the sample store say.
func TestSamplePages(t *testing.T) {
	files, err := Render(sampleStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pair := "changes/2023-06-15..2024-03-14"
	tests := []struct {
		path string
		want []string
	}{
		{"index.html", []string{`<a href="rev/2024-03-14.html">2024-03-14</a>`, "MTCR/TEM/2024/Annex", `3 added`, `17 renumbered`, `<a href="` + pair + `.html">changes</a>`, `first revision`, `<main id="main"`, `<nav aria-label="Site">`}},
		{"rev/2024-03-14.html", []string{`id="e-4.C.2.b.7"`, `href="../entry/4.C.2.b.7.html"`, `renumbered from 4.C.2.b.6`, `href="../` + pair + `.html#e-4.C.2.b.7"`, `href="../` + pair + `.html">See the changes`, `rel="prev"`, `href="../rev/2024-03-14.json"`}},
		{"rev/2023-06-15.html", []string{`id="e-4.C.2.b.6"`, `the changes from this one`}},
		{"entry/4.C.2.b.6.html", []string{"4.C.2.b.6 has numbered 2 different entries", `href="../entry/4.C.2.b.7.html"`, `href="../rev/2023-06-15.html#e-4.C.2.b.6"`, `href="../` + pair + `.html#e-4.C.2.b.7"`, "renumbered from 4.C.2.b.6", "N,N-diallylhydrazine", "Hydrazine hydrate"}},
		{"entry/1.A.2.html", []string{"<del>", "<ins>", `modified`}},
		{pair + ".html", []string{`href="../rev/2023-06-15.html">Text of 2023-06-15`, `href="../rev/2024-03-14.html">Text of 2024-03-14`, `href="../entry/4.C.2.b.7.html"`, `id="e-4.C.2.b.7"`}},
		{"compare.html", []string{`<option value="2023-06-15" selected>`, `<option value="2024-03-14" selected>`, `<noscript>`, `href="` + pair + `.html"`, `<script src="data/index.js"></script>`}},
		{"feed.atom", []string{"tag:annex.invalid,2024-03-14:MTCR/TEM/2024/Annex", "3 added, 1 removed, 10 modified, 17 renumbered"}},
	}
	for _, tt := range tests {
		page := string(files[tt.path])
		if page == "" {
			t.Errorf("%s: missing", tt.path)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
	}
	for _, p := range []string{"rev/2023-06-15.json", "rev/2024-03-14.json", pair + ".json", "assets/site.css", "assets/site.js", "data/search.js", "data/rev/2024-03-14.js", "feeds/item-4.atom"} {
		if len(files[p]) == 0 {
			t.Errorf("%s: missing", p)
		}
	}
	var a model.Annex
	if err := json.Unmarshal(files["rev/2024-03-14.json"], &a); err != nil || a.Schema != model.Schema || a.CountEntries() != 258 {
		t.Errorf("rev/2024-03-14.json: schema %q, %d entries, %v", a.Schema, a.CountEntries(), err)
	}
	var d struct {
		Schema  string
		Summary struct{ Renumbered int }
	}
	if err := json.Unmarshal(files[pair+".json"], &d); err != nil || d.Schema != "annex-diff/1" || d.Summary.Renumbered != 17 {
		t.Errorf("%s.json: %+v, %v", pair, d, err)
	}
	// Every page is found by what links to it, and every local link lands.
	checkLinks(t, files)
}

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// checkLinks follows every relative link of every HTML page.
func checkLinks(t *testing.T, files map[string][]byte) {
	t.Helper()
	linked := map[string]bool{"index.html": true}
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(data), -1) {
			u := m[1]
			if strings.HasPrefix(u, "#") || u == "" {
				continue
			}
			if strings.Contains(u, "://") {
				t.Errorf("%s links out of the site: %s", path, u)
				continue
			}
			target, frag, _ := strings.Cut(u, "#")
			full := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(path), target)))
			data, ok := files[full]
			if !ok {
				t.Errorf("%s: broken link %s", path, u)
				continue
			}
			linked[full] = true
			if frag != "" && strings.HasSuffix(full, ".html") && !bytes.Contains(data, []byte(`id="`+frag+`"`)) {
				t.Errorf("%s: link %s: no such anchor", path, u)
			}
		}
	}
	for path := range files {
		if strings.HasSuffix(path, ".html") && !linked[path] {
			t.Errorf("%s: no page links to it", path)
		}
	}
}

// TestReproducible: the same store gives the same bytes, whether the
// diffs come from the store's cache or are computed afresh, and a rebuild
// into the same directory writes nothing.
func TestReproducible(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	genStore(t, dir, genRevisions(5, 5, 5, 4))
	render := func(cache bool) map[string][]byte {
		st, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		st.DiffCache = cache
		files, err := Render(st, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := render(false), render(true)
	c := render(true)
	for name, other := range map[string]map[string][]byte{"cached": b, "again": c} {
		if len(a) != len(other) {
			t.Errorf("%s: %d files, want %d", name, len(other), len(a))
		}
		for p, data := range a {
			if !bytes.Equal(data, other[p]) {
				t.Errorf("%s: %s differs", name, p)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	st, _ := store.Open(dir)
	s1, err := Build(st, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Build(st, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s1.Written != len(a) || s2.Written != 0 || s2.Unchanged != len(a) || s2.Removed != 0 {
		t.Errorf("first build %+v, second %+v; want all written, then none", s1, s2)
	}
	// No clock time in any file: the only dates are the documents'.
	dates := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)
	allowed := map[string]bool{}
	revs, _ := st.List()
	for _, r := range revs {
		allowed[r.Date] = true
	}
	today := time.Now().UTC().Format(time.DateOnly)
	for p, data := range a {
		for _, d := range dates.FindAll(data, -1) {
			if !allowed[string(d)] || string(d) == today && !allowed[today] {
				t.Errorf("%s holds the date %s, which is no revision's", p, d)
				break
			}
		}
	}
}

// TestManifest checks what a rebuild may remove and where it may write.
func TestManifest(t *testing.T) {
	st := sampleStore(t)
	t.Run("rebuild removes only listed files", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "site")
		if _, err := Build(st, out, Options{}); err != nil {
			t.Fatal(err)
		}
		mine := filepath.Join(out, "entry", "notes-of-mine.txt")
		os.WriteFile(mine, []byte("keep"), 0o644)
		// A file the previous build wrote but the next one will not.
		stale := filepath.Join(out, "feeds", "item-99.atom")
		os.WriteFile(stale, []byte("old"), 0o644)
		m, _, err := readManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		m.Files = append(m.Files, manifestFile{Path: "feeds/item-99.atom", SHA256: digest([]byte("old"))})
		if err := writeManifest(out, m); err != nil {
			t.Fatal(err)
		}
		s, err := Build(st, out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Removed != 1 || s.Written != 0 {
			t.Errorf("stats %+v, want 1 removed", s)
		}
		if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
			t.Error("the stale file listed in the manifest is still there")
		}
		if data, err := os.ReadFile(mine); err != nil || string(data) != "keep" {
			t.Error("a file not in the manifest was removed or changed")
		}
	})
	t.Run("refuses a non-empty directory without manifest", func(t *testing.T) {
		out := t.TempDir()
		os.WriteFile(filepath.Join(out, "index.html"), []byte("someone's page"), 0o644)
		if _, err := Build(st, out, Options{}); !errors.Is(err, ErrNotSite) {
			t.Fatalf("err = %v, want ErrNotSite", err)
		}
		if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "someone's page" {
			t.Error("refused, but wrote anyway")
		}
		if _, err := Build(st, out, Options{Force: true}); err != nil {
			t.Fatalf("--force: %v", err)
		}
	})
	t.Run("never writes through a symbolic link", func(t *testing.T) {
		out, outside := t.TempDir(), t.TempDir()
		if _, err := Build(st, out, Options{}); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(filepath.Join(out, "entry"))
		if err := os.Symlink(outside, filepath.Join(out, "entry")); err != nil {
			t.Skip(err)
		}
		if _, err := Build(st, out, Options{}); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("err = %v, want ErrUnsafePath", err)
		}
		if ents, _ := os.ReadDir(outside); len(ents) != 0 {
			t.Errorf("wrote %d files through the link", len(ents))
		}
	})
	t.Run("never removes through a symbolic link", func(t *testing.T) {
		out, outside := t.TempDir(), t.TempDir()
		victim := filepath.Join(outside, "victim.html")
		os.WriteFile(victim, []byte("x"), 0o644)
		if err := os.Symlink(outside, filepath.Join(out, "gone")); err != nil {
			t.Skip(err)
		}
		m := manifest{Schema: ManifestSchema, Files: []manifestFile{{Path: "gone/victim.html"}}}
		if err := writeManifest(out, m); err != nil {
			t.Fatal(err)
		}
		if _, err := Build(st, out, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(victim); err != nil {
			t.Error("a file outside the site was removed through a link")
		}
	})
	t.Run("refuses a manifest that leaves the directory", func(t *testing.T) {
		out := t.TempDir()
		for _, p := range []string{"../x.html", "/etc/passwd", "a/../../x", "a//b"} {
			m := manifest{Schema: ManifestSchema, Files: []manifestFile{{Path: p}}}
			writeManifest(out, m)
			if _, err := Build(st, out, Options{}); !errors.Is(err, ErrUnsafePath) {
				t.Errorf("manifest lists %q: err = %v, want ErrUnsafePath", p, err)
			}
		}
	})
}

// TestFeeds parses the feeds as Atom (RFC 4287) and checks the elements it
// requires: feed and entry ids (tag: URIs here, all distinct), titles,
// updated times in RFC 3339, an author, and a link for each entry.
func TestFeeds(t *testing.T) {
	for _, base := range []string{"", "https://example.org/annex"} {
		files, err := Render(sampleStore(t), Options{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		var feeds []string
		for p := range files {
			if strings.HasSuffix(p, ".atom") {
				feeds = append(feeds, p)
			}
		}
		slices.Sort(feeds)
		if len(feeds) < 2 || feeds[0] != "feed.atom" {
			t.Fatalf("feeds: %v", feeds)
		}
		ids := map[string]string{}
		for _, p := range feeds {
			checkAtom(t, p, files[p], base, ids)
		}
	}
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

var tagRE = regexp.MustCompile(`^tag:[a-z0-9.-]+,\d{4}(-\d\d(-\d\d)?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$`)

func checkAtom(t *testing.T, path string, data []byte, base string, ids map[string]string) {
	t.Helper()
	var f atomDoc
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: not Atom: %v", path, err)
	}
	unique := func(id, where string) {
		if !tagRE.MatchString(id) {
			t.Errorf("%s: id %q is not a tag: URI", where, id)
		}
		if prev, dup := ids[id]; dup && prev != where {
			t.Errorf("%s: id %q also used by %s", where, id, prev)
		}
		ids[id] = where
	}
	timeOK := func(s, where string) {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			t.Errorf("%s: updated %q: %v", where, s, err)
		}
	}
	unique(f.ID, path)
	timeOK(f.Updated, path)
	if f.Title == "" || len(f.Authors) == 0 || f.Authors[0].Name == "" {
		t.Errorf("%s: title %q, authors %v", path, f.Title, f.Authors)
	}
	self := false
	for _, l := range f.Links {
		if l.Rel == "self" {
			self = true
			if base != "" && l.Href != "https://example.org/annex/"+path {
				t.Errorf("%s: self link %q", path, l.Href)
			}
		}
	}
	if !self {
		t.Errorf("%s: no self link", path)
	}
	if path == "feed.atom" && len(f.Entries) != 2 {
		t.Errorf("%s: %d entries, want one per revision", path, len(f.Entries))
	}
	for i, e := range f.Entries {
		where := path + " entry " + e.Title
		unique(e.ID, where)
		timeOK(e.Updated, where)
		if e.Title == "" || len(e.Links) == 0 || e.Links[0].Rel != "alternate" || e.Summary == "" {
			t.Errorf("%s: entry %d: title %q, links %v, summary %q", path, i, e.Title, e.Links, e.Summary)
		}
		for _, l := range e.Links {
			if base != "" && !strings.HasPrefix(l.Href, "https://example.org/annex/") {
				t.Errorf("%s: link %q is not absolute under the base URL", where, l.Href)
			}
		}
	}
}

// TestBaseURL: links become absolute, assets stay local.
func TestBaseURL(t *testing.T) {
	files, err := Render(sampleStore(t), Options{BaseURL: "https://example.org/annex"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["rev/2024-03-14.html"])
	for _, w := range []string{`href="https://example.org/annex/entry/4.C.2.b.7.html"`, `href="https://example.org/annex/index.html"`, `href="../assets/site.css"`} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if _, err := Render(sampleStore(t), Options{BaseURL: "example.org"}); err == nil {
		t.Error("a base URL without scheme was accepted")
	}
}

// TestHostileText: document text never becomes markup or script.
func TestHostileText(t *testing.T) {
	a := readModel(t, "sample-2024.truth.json")
	evil := `</script><script>alert(1)</script><img src=x onerror=alert(2)>`
	a.Items[0].Groups[0].Entries[0].Text = evil
	a.Meta.DocID = `X"><script>alert(3)</script>`
	st, err := store.Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(a, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	files, err := Render(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if bytes.Contains(data, []byte("<script>alert")) || bytes.Contains(data, []byte("<img src=x")) {
			t.Errorf("%s holds the hostile text unescaped", p)
		}
	}
	if !bytes.Contains(files["rev/2024-03-14.html"], []byte("&lt;script&gt;alert(1)")) {
		t.Error("the hostile text is not shown escaped on the revision page")
	}
}

func TestEntryFiles(t *testing.T) {
	ids := []string{"2.A.1.b.3", "9A101.a.1", "ML10.a", "ml10.a", "a/b", "_x", ".hidden", "a b"}
	got := entryFiles(ids)
	want := map[string]string{
		"2.A.1.b.3": "entry/2.A.1.b.3.html",
		"9A101.a.1": "entry/9A101.a.1.html",
		"ML10.a":    "entry/ML10.a.html",
		"ml10.a":    "entry/ml10.a_-2.html",
		"a/b":       "entry/a_2Fb.html",
		"_x":        "entry/_5Fx.html",
		".hidden":   "entry/_2Ehidden.html",
		"a b":       "entry/a_20b.html",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entryFiles = %v\nwant %v", got, want)
	}
	for _, f := range got {
		if !validRel(f) {
			t.Errorf("%s is not a safe path", f)
		}
	}
}

// TestImportRewritesLittle: after one more import, a rebuild rewrites only
// the pages that import touched.
func TestImportRewritesLittle(t *testing.T) {
	revs := genRevisions(8, 5, 6, 3)
	dir := filepath.Join(t.TempDir(), "store")
	st := genStore(t, dir, revs[:4])
	out := filepath.Join(t.TempDir(), "site")
	if _, err := Build(st, out, Options{}); err != nil {
		t.Fatal(err)
	}
	before, _, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]string{}
	for _, f := range before.Files {
		old[f.Path] = f.SHA256
	}
	if _, err := st.Import(revs[4], store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	stats, err := Build(st, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := newBuilder(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	prev, last := b.revs[3].Label, b.revs[4].Label
	pair := "changes/" + prev + ".." + last
	allowed := map[string]bool{
		"index.html": true, "compare.html": true, "feed.atom": true, "data/index.js": true, "data/search.js": true,
		"rev/" + prev + ".html": true, pair + ".html": true, pair + ".json": true,
		"rev/" + last + ".html": true, "rev/" + last + ".json": true, "data/rev/" + last + ".js": true,
	}
	for _, c := range b.pairs[3].Changes {
		if n := changeItem(c); n > 0 {
			allowed[itemFeed(n)] = true
		}
	}
	for _, id := range b.ids {
		for _, l := range b.lin.history(id) {
			if s := l.Steps[len(l.Steps)-1]; s.Label == last && s.Event != store.Unchanged {
				for _, x := range l.IDs() {
					allowed[b.idFile[x]] = true
				}
			}
		}
	}
	m, _, _ := readManifest(out)
	var rewritten []string
	for _, f := range m.Files {
		if old[f.Path] != f.SHA256 {
			rewritten = append(rewritten, f.Path)
			if !allowed[f.Path] {
				t.Errorf("%s changed, but the import did not touch it", f.Path)
			}
		}
	}
	if len(rewritten) != stats.Written || stats.Written > stats.Files/4 {
		t.Errorf("rewrote %d of %d files (%d by the manifest)", stats.Written, stats.Files, len(rewritten))
	}
	t.Logf("the import of one revision (%d changes) rewrote %d of %d files", len(b.pairs[3].Changes), stats.Written, stats.Files)
}

// TestOtherIDSchemes: lists numbered with control codes (the EU dual-use
// list, the military list) get sites whose links all land.
func TestOtherIDSchemes(t *testing.T) {
	e := func(id, date string, kids ...model.Entry) model.Entry {
		return model.Entry{ID: id, Text: "Text of the control numbered " + id + " in " + date, Children: kids}
	}
	eu := func(date string, second bool) *model.Annex {
		a := &model.Annex{Meta: model.Meta{Regime: "EU", DocID: "EU/2021/821/Annex-I/" + date, Date: date, Title: "Dual-use items"}}
		one := []model.Entry{e("1A001", date, e("1A001.a", date))}
		if second {
			one = append(one, e("1A002", date))
		}
		a.Items = []model.Item{
			{Number: 1, Title: "SPECIAL MATERIALS", Groups: []model.Group{{Letter: "A", Title: "SYSTEMS", Entries: one}}},
			{Number: 9, Title: "AEROSPACE", Groups: []model.Group{{Letter: "A", Title: "SYSTEMS",
				Entries: []model.Entry{e("9A101", date, e("9A101.a", date, e("9A101.a.1", date)))}}}},
		}
		return a
	}
	ml := func(date string) *model.Annex {
		a := &model.Annex{Meta: model.Meta{Regime: "EU-ML", DocID: "ML/" + date, Date: date, Title: "Military list"}}
		a.Items = []model.Item{{Number: 10, Title: "Aircraft", Groups: []model.Group{{Letter: "",
			Entries: []model.Entry{e("ML10.a", date), e("ML10.b", date)}}}}}
		return a
	}
	for _, tc := range []struct {
		name  string
		revs  []*model.Annex
		pages []string
	}{
		{"eu", []*model.Annex{eu("2023-01-01", false), eu("2024-01-01", true)},
			[]string{"entry/9A101.a.1.html", "entry/1A001.a.html", "entry/1A002.html"}},
		{"ml", []*model.Annex{ml("2023-01-01"), ml("2024-01-01")},
			[]string{"entry/ML10.a.html", "entry/ML10.b.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := store.Init(filepath.Join(t.TempDir(), "s"))
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tc.revs {
				if _, err := st.Import(a, store.ImportOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			files, err := Render(st, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tc.pages {
				if files[p] == nil {
					t.Errorf("%s: missing", p)
				}
			}
			if tc.name == "eu" && !bytes.Contains(files["rev/2024-01-01.html"], []byte(`id="e-9A101.a.1"`)) {
				t.Error("no anchor for 9A101.a.1")
			}
			checkLinks(t, files)
		})
	}
}

// TestInterruptedBuild: a build that stops half-way leaves a manifest that
// lists the files of both builds, so the next build recognises the
// directory and cleans up after both.
func TestInterruptedBuild(t *testing.T) {
	st := sampleStore(t)
	out := t.TempDir()
	if _, err := Build(st, out, Options{}); err != nil {
		t.Fatal(err)
	}
	files, err := Render(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The next build has a new file it cannot write: a file of the user's
	// is in the way of its directory.
	files["zz-new/page.html"] = []byte("new")
	files["aa-new.html"] = []byte("written before the failure")
	os.WriteFile(filepath.Join(out, "zz-new"), []byte("the user's"), 0o644)
	if _, err := writeSite(out, files, false); err == nil {
		t.Fatal("the build did not fail")
	}
	m, ok, err := readManifest(out)
	if err != nil || !ok {
		t.Fatalf("no manifest after the failure: %v", err)
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	if !listed["aa-new.html"] || !listed["index.html"] {
		t.Error("the manifest of the interrupted build does not list the files of both builds")
	}
	// The next, normal build removes what the failed one wrote and keeps
	// the user's file.
	os.Remove(filepath.Join(out, "zz-new"))
	os.WriteFile(filepath.Join(out, "zz-new"), []byte("the user's"), 0o644)
	s, err := Build(st, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "aa-new.html")); !errors.Is(err, os.ErrNotExist) || s.Removed < 1 {
		t.Errorf("the file of the interrupted build is still there (stats %+v)", s)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "zz-new")); string(data) != "the user's" {
		t.Error("the user's file was touched")
	}
}
