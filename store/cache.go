package store

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// The diff cache keeps the diff of each pair of revisions compared, so that
// `annex history`, `annex log` and `annex changelog` need not diff every
// pair again in every run (a diff of two full-size revisions takes tens of
// milliseconds):
//
//	diffs/v<diff.EngineVersion>/<old sha256, 16 hex>_<new sha256, 16 hex>.json
//
// A cache file is a JSON object {"format": "annex-store-diffs/2", "engine":
// diff.EngineVersion, "old": <sha256 of the old revision file>, "new": <sha256
// of the new one>, "result": <the annex-diff/1 Result>}. Its key is the
// engine version and both revisions' full digests: a file that does not
// decode, or whose key (or the dates and document ids of its result) does
// not match the pair asked for, is ignored, recomputed and rewritten.
// diff.EngineVersion is bumped with every change to the diff engine's
// output, so a diff computed by another version is never served; the next
// import removes the other versions' files. Revision files are named by
// their content digest, so a revision replaced with Force never meets a
// stale diff. Cache files are written to a temporary name and renamed, not
// synced: one that a crash leaves empty or partial does not decode and is
// rebuilt. A failure to write one (a read-only store) only costs the time to
// recompute it.

// diffCacheFormat changes when the layout of a cache file does.
const diffCacheFormat = "annex-store-diffs/2"

const diffDir = "diffs"

// engineDir is the directory of the running diff engine's cache files.
var engineDir = "v" + strconv.Itoa(diff.EngineVersion)

// Names of cache files and directories the store makes, and removes.
var (
	diffFileRE  = regexp.MustCompile(`^[0-9a-f]{16}_[0-9a-f]{16}\.json$`)
	engineDirRE = regexp.MustCompile(`^(v[0-9]+|[0-9a-f]{16})$`) // v<EngineVersion>; earlier versions used a digest of the executable
)

// cachedDiff is the content of a cache file.
type cachedDiff struct {
	Format string      `json:"format"`
	Engine int         `json:"engine"`
	Old    string      `json:"old"`
	New    string      `json:"new"`
	Result diff.Result `json:"result"`
}

func (s *Store) cachePath(old, new Revision) string {
	if !s.DiffCache || !isDefault(s.Compare) || len(old.SHA256) < 16 || len(new.SHA256) < 16 {
		return ""
	}
	return diffDir + "/" + engineDir + "/" + old.SHA256[:16] + "_" + new.SHA256[:16] + ".json"
}

// readCachedDiff returns the cached diff of old and new, if any. A cache
// file that cannot be read, is a link, or does not describe the pair is
// ignored.
func (s *Store) readCachedDiff(old, new Revision) (diff.Result, bool) {
	rel := s.cachePath(old, new)
	if rel == "" {
		return diff.Result{}, false
	}
	d, err := s.openFS()
	if err != nil {
		return diff.Result{}, false
	}
	defer d.close()
	data, err := d.readFile(rel)
	if err != nil {
		return diff.Result{}, false
	}
	var c cachedDiff
	if err := json.Unmarshal(data, &c); err != nil || c.Format != diffCacheFormat || c.Engine != diff.EngineVersion ||
		c.Old != old.SHA256 || c.New != new.SHA256 {
		return diff.Result{}, false
	}
	res := c.Result
	if res.Schema != diff.Schema || res.Old.Date != old.Date || res.New.Date != new.Date ||
		res.Old.DocID != old.DocID || res.New.DocID != new.DocID {
		return diff.Result{}, false
	}
	return res, true
}

// writeCachedDiff stores res for the pair; errors are ignored.
func (s *Store) writeCachedDiff(old, new Revision, res diff.Result) {
	rel := s.cachePath(old, new)
	if rel == "" {
		return
	}
	data, err := json.Marshal(cachedDiff{Format: diffCacheFormat, Engine: diff.EngineVersion, Old: old.SHA256, New: new.SHA256, Result: res})
	if err != nil {
		return
	}
	d, err := s.openFS()
	if err != nil {
		return
	}
	defer d.close()
	if err := d.mkdir(diffDir + "/" + engineDir); err != nil {
		return
	}
	d.writeCache(rel, data)
}

// pruneCaches removes the cached diffs of other engine versions and of
// revisions no longer in the store, and the entry indexes of revisions no
// longer in the store. It removes only regular files with the names the
// caches use, and then their directories if empty. Call it holding the
// lock.
func pruneCaches(d *storeFS, revs []Revision) {
	live := make(map[string]bool)
	for _, r := range revs {
		live[r.SHA256[:16]] = true
	}
	dirs, _ := d.readDir(diffDir)
	for _, e := range dirs {
		if !e.IsDir() || !engineDirRE.MatchString(e.Name()) {
			continue
		}
		sub := diffDir + "/" + e.Name()
		files, _ := d.readDir(sub)
		for _, f := range files {
			n := f.Name()
			a, b, _ := strings.Cut(strings.TrimSuffix(n, ".json"), "_")
			switch {
			case strings.HasPrefix(n, tmpPrefix):
			case !diffFileRE.MatchString(n):
				continue // not a name the cache makes
			case e.Name() == engineDir && live[a] && live[b]:
				continue
			}
			d.removeOwn(sub + "/" + n)
		}
		if e.Name() != engineDir {
			d.removeEmptyDir(sub)
		}
	}
	files, _ := d.readDir(entriesDir)
	for _, f := range files {
		n := f.Name()
		if entriesFileRE.MatchString(n) && !live[strings.TrimSuffix(n, entriesExt)] { // temporary files: cleanTemps
			d.removeOwn(entriesDir + "/" + n)
		}
	}
}

// isDefault reports whether f is the default diff engine: the disk cache
// holds only its diffs.
func isDefault(f func(old, new *model.Annex) diff.Result) bool {
	return f != nil && defaultCompare != nil && reflect.ValueOf(f).Pointer() == reflect.ValueOf(defaultCompare).Pointer()
}
