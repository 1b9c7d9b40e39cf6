package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the name of the manifest in the output directory.
const ManifestName = "annex-site.json"

// ManifestSchema is the value of the manifest's "schema" field.
const ManifestSchema = "annex-site/1"

// ErrNotSite is returned for an output directory that holds files but no
// manifest: it is not a site this package wrote, and Options.Force is not set.
var ErrNotSite = errors.New("not empty and not a site written by annex (no " + ManifestName + ")")

// ErrUnsafePath is returned when a path of the site would lead through a
// symbolic link or out of the output directory.
var ErrUnsafePath = errors.New("unsafe path")

// manifest lists the files of a site with their digests, in path order.
type manifest struct {
	Schema string         `json:"schema"`
	Files  []manifestFile `json:"files"`
}

type manifestFile struct {
	Path   string `json:"path"` // slash-separated, relative to the output directory
	SHA256 string `json:"sha256"`
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// validRel reports whether p is a clean relative slash path inside the
// directory: no "..", no absolute path, no empty or dot segment.
func validRel(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// readManifest reads the manifest of dir. It returns ok=false when there is
// none.
func readManifest(dir string) (m manifest, ok bool, err error) {
	name := filepath.Join(dir, ManifestName)
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return manifest{}, false, nil
	}
	if err != nil {
		return manifest{}, false, err
	}
	if !fi.Mode().IsRegular() {
		return manifest{}, false, fmt.Errorf("%s: %w: not a regular file", name, ErrUnsafePath)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return manifest{}, false, err
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Schema != ManifestSchema {
		return manifest{}, false, fmt.Errorf("%s: not an %s manifest; remove it or choose another -o", name, ManifestSchema)
	}
	for _, f := range m.Files {
		if !validRel(f.Path) || f.Path == ManifestName {
			return manifest{}, false, fmt.Errorf("%s: %w %q", name, ErrUnsafePath, f.Path)
		}
	}
	return m, true, nil
}

// checkParents makes sure that every directory between dir and dir/rel is a
// real directory (or missing), never a symbolic link. It creates the
// missing ones when create is set.
func checkParents(dir, rel string, create bool) error {
	segs := strings.Split(rel, "/")
	cur := dir
	for _, seg := range segs[:len(segs)-1] {
		cur = filepath.Join(cur, seg)
		fi, err := os.Lstat(cur)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if !create {
				return err
			}
			if err := os.Mkdir(cur, 0o755); err != nil {
				return err
			}
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: %w: a symbolic link", cur, ErrUnsafePath)
		case !fi.IsDir():
			return fmt.Errorf("%s: %w: not a directory", cur, ErrUnsafePath)
		}
	}
	return nil
}

// Stats says what a build did to the output directory.
type Stats struct {
	Files     int // files in the site
	Written   int // files written because they were new or their content changed
	Unchanged int // files already there with the same content
	Removed   int // files of the previous build that this one no longer has
}

// writeSite writes files (slash paths to content) into dir with the
// manifest, as the package documentation describes.
func writeSite(dir string, files map[string][]byte, force bool) (Stats, error) {
	var st Stats
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return st, fmt.Errorf("%s: not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	old, ok, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	if !ok && !force {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return st, err
		}
		if len(ents) > 0 {
			return st, fmt.Errorf("%s: %w", dir, ErrNotSite)
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		if !validRel(p) {
			return st, fmt.Errorf("%s: %w", p, ErrUnsafePath)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	next := manifest{Schema: ManifestSchema, Files: make([]manifestFile, len(paths))}
	for i, p := range paths {
		next.Files[i] = manifestFile{Path: p, SHA256: digest(files[p])}
	}
	// While the build runs, the manifest lists the files of both builds, so
	// that an interrupted build leaves a directory the next one recognises
	// and can clean.
	union := manifest{Schema: ManifestSchema, Files: slices.Clone(next.Files)}
	for _, f := range old.Files {
		if _, ok := files[f.Path]; !ok {
			union.Files = append(union.Files, f)
		}
	}
	slices.SortFunc(union.Files, func(a, b manifestFile) int { return strings.Compare(a.Path, b.Path) })
	if err := writeManifest(dir, union); err != nil {
		return st, err
	}
	for _, p := range paths {
		data := files[p]
		same, err := writeFile(dir, p, data)
		if err != nil {
			return st, err
		}
		if same {
			st.Unchanged++
		} else {
			st.Written++
		}
	}
	st.Files = len(paths)
	for _, f := range old.Files {
		if _, keep := files[f.Path]; keep {
			continue
		}
		removed, err := removeFile(dir, f.Path)
		if err != nil {
			return st, err
		}
		if removed {
			st.Removed++
		}
	}
	// Directories are left in place, even when empty: only files the
	// manifest lists are ever removed.
	return st, writeManifest(dir, next)
}

func writeManifest(dir string, m manifest) error {
	data, err := jsonIndent(m)
	if err != nil {
		return err
	}
	_, err = writeFile(dir, ManifestName, data)
	return err
}

// writeFile writes data to dir/rel through a temporary file and a rename,
// unless the file already holds exactly data (same reports true). It never
// writes through a symbolic link: a link at rel itself is replaced by the
// rename, and one on the way there is refused.
func writeFile(dir, rel string, data []byte) (same bool, err error) {
	if err := checkParents(dir, rel, true); err != nil {
		return false, err
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if fi, err := os.Lstat(name); err == nil {
		if fi.IsDir() {
			return false, fmt.Errorf("%s: %w: a directory is in the way", name, ErrUnsafePath)
		}
		if fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
			if cur, err := os.ReadFile(name); err == nil && bytes.Equal(cur, data) {
				return true, nil
			}
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	return false, os.Rename(tmp.Name(), name)
}

// removeFile removes dir/rel if it is a regular file reached without a
// symbolic link; anything else is left alone (removed is false).
func removeFile(dir, rel string) (removed bool, err error) {
	if err := checkParents(dir, rel, false); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrUnsafePath) {
			return false, nil
		}
		return false, err
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false, nil
	}
	if err := os.Remove(name); err != nil {
		return false, err
	}
	return true, nil
}
