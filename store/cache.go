package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// The diff cache keeps the diff of each pair of revisions compared, so that
// `annex history` and `annex log` need not diff every pair again in every
// run (a diff of two full-size revisions takes tens of milliseconds).
//
//	diffs/<engine>/<old sha256, 16 hex>_<new sha256, 16 hex>.json
//
// <engine> is a digest of the running executable (and of the cache format),
// so a diff computed by one build of the diff engine is never served to
// another: upgrading or rebuilding annex starts a new cache, and the next
// import removes the old ones. Revision files are named by their content
// digest, so a revision replaced with Force never meets a stale diff. Cache
// files are written atomically; a failure to write one (a read-only store)
// only costs the time to recompute it.

// diffCacheFormat changes when the layout of a cache file does.
const diffCacheFormat = "annex-store-diffs/1"

const diffDir = "diffs"

var (
	engineOnce sync.Once
	engineID   string // "" when the executable cannot be read: no disk cache
)

// engine returns the cache directory name for the running executable.
func engine() string {
	engineOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		io.WriteString(h, diffCacheFormat+"\x00"+diff.Schema+"\x00")
		if _, err := io.Copy(h, f); err != nil {
			return
		}
		engineID = hex.EncodeToString(h.Sum(nil))[:16]
	})
	return engineID
}

func (s *Store) cachePath(old, new Revision) string {
	e := engine()
	if !s.DiffCache || e == "" || !isDefault(s.Compare) {
		return ""
	}
	return filepath.Join(s.dir, diffDir, e, old.SHA256[:16]+"_"+new.SHA256[:16]+".json")
}

// readCachedDiff returns the cached diff of old and new, if any. A cache
// file that cannot be read or does not describe the pair is ignored.
func (s *Store) readCachedDiff(old, new Revision) (diff.Result, bool) {
	name := s.cachePath(old, new)
	if name == "" {
		return diff.Result{}, false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return diff.Result{}, false
	}
	var res diff.Result
	if err := json.Unmarshal(data, &res); err != nil || res.Schema != diff.Schema ||
		res.Old.Date != old.Date || res.New.Date != new.Date || res.Old.DocID != old.DocID || res.New.DocID != new.DocID {
		return diff.Result{}, false
	}
	return res, true
}

// writeCachedDiff stores res for the pair; errors are ignored.
func (s *Store) writeCachedDiff(old, new Revision, res diff.Result) {
	name := s.cachePath(old, new)
	if name == "" {
		return
	}
	data, err := json.Marshal(res)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	writeAtomic(name, data)
}

// pruneDiffCache removes the caches of other executables and the cached
// diffs of revisions no longer in the store. Call it holding the lock.
func (s *Store) pruneDiffCache(revs []Revision) {
	root := s.path(diffDir)
	ents, err := os.ReadDir(root)
	if err != nil {
		return
	}
	e := engine()
	live := make(map[string]bool)
	for _, r := range revs {
		live[r.SHA256[:16]] = true
	}
	for _, d := range ents {
		if d.Name() != e || !d.IsDir() {
			os.RemoveAll(filepath.Join(root, d.Name()))
			continue
		}
		files, _ := os.ReadDir(filepath.Join(root, d.Name()))
		for _, f := range files {
			a, b, ok := strings.Cut(strings.TrimSuffix(f.Name(), ".json"), "_")
			if !ok || !live[a] || !live[b] {
				os.Remove(filepath.Join(root, d.Name(), f.Name()))
			}
		}
	}
}

// isDefault reports whether f is the default diff engine: the disk cache
// holds only its diffs.
func isDefault(f func(old, new *model.Annex) diff.Result) bool {
	return f != nil && defaultCompare != nil && reflect.ValueOf(f).Pointer() == reflect.ValueOf(defaultCompare).Pointer()
}
