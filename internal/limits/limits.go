// Package limits holds the bounds that every reader of annex enforces on its
// input, so that a crafted or damaged file ends quickly, in bounded memory,
// with one line that names the limit, instead of running for ever or
// exhausting the machine.
//
// The defaults are far above any real control list (the EU dual-use list is
// 253 pages with entries of a few KB) and can be raised with the environment
// variable ANNEX_LIMITS, a comma-separated list of name=value pairs:
//
//	ANNEX_LIMITS=pages=20000,inflated=8GiB annex parse huge.pdf
//
// Every limit is one row of the table below: its name, what it bounds and its
// default. Readers ask Get for the values in force.
package limits

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Name identifies one limit.
type Name string

// The limits. Each has a row in table.
const (
	Pages             Name = "pages"         // PDF pages per document
	GlyphsPerPage     Name = "glyphs"        // glyphs drawn on one PDF page
	GlyphsPerDocument Name = "docglyphs"     // glyphs drawn in one PDF document, all pages together
	FormInvocations   Name = "forms"         // form XObjects drawn per document, all levels together
	InflatedBytes     Name = "inflated"      // bytes decompressed per PDF document, all streams together
	Objects           Name = "objects"       // PDF objects (xref entries) per document
	SharedStringBytes Name = "sharedstrings" // bytes of a workbook's shared-string table
	Cells             Name = "cells"         // cells read from one workbook
	RegisterRows      Name = "rows"          // rows of a product register
	RegisterBytes     Name = "registerbytes" // bytes of a product register file
	JSONDepth         Name = "depth"         // nesting depth of a JSON document
	EntryText         Name = "entrytext"     // bytes of one entry's text (or one note's)
	InputBytes        Name = "inputbytes"    // bytes of one input file (PDF, workbook or JSON)
)

type row struct {
	name Name
	def  int64
	what string
}

var table = []row{
	{Pages, 20_000, "PDF pages"},
	{GlyphsPerPage, 500_000, "glyphs on one page"},
	{GlyphsPerDocument, 20_000_000, "glyphs in one document"}, // a 4,500-page annex draws 15 million
	{FormInvocations, 100_000, "form XObjects drawn"},
	{InflatedBytes, 256 << 20, "bytes inflated"},
	{Objects, 5_000_000, "PDF objects"},
	{SharedStringBytes, 256 << 20, "bytes of shared strings"},
	{Cells, 20_000_000, "cells"},
	{RegisterRows, 50_000_000, "register rows"},
	{RegisterBytes, 16 << 30, "register bytes"},
	{JSONDepth, 200, "levels of JSON nesting"},
	{EntryText, 1 << 20, "bytes in one entry's text"},
	{InputBytes, 256 << 20, "bytes of input"},
}

// Env is the environment variable that raises or lowers limits.
const Env = "ANNEX_LIMITS"

var (
	once    sync.Once
	current map[Name]int64
	envErr  error
)

func load() {
	current = make(map[Name]int64, len(table))
	for _, r := range table {
		current[r.name] = r.def
	}
	if s := os.Getenv(Env); s != "" {
		m, err := Parse(s)
		if err != nil {
			envErr = fmt.Errorf("%s: %w", Env, err)
			return
		}
		for k, v := range m {
			current[k] = v
		}
	}
}

// Get returns the value in force for limit n: the default, or the value
// ANNEX_LIMITS gives.
func Get(n Name) int64 {
	once.Do(load)
	return current[n]
}

// Int is Get as an int, for limits used as counts.
func Int(n Name) int { return int(Get(n)) }

// Check reports a malformed ANNEX_LIMITS; commands call it once at start.
func Check() error {
	once.Do(load)
	return envErr
}

// Set changes a limit for the rest of the process (tests lower limits to
// exercise them on small inputs). It returns a function that restores the
// previous value.
func Set(n Name, v int64) (restore func()) {
	once.Do(load)
	old := current[n]
	current[n] = v
	return func() { current[n] = old }
}

// Parse reads "name=value,name=value". Values are whole numbers, optionally
// with a KiB, MiB or GiB suffix.
func Parse(s string) (map[Name]int64, error) {
	out := make(map[Name]int64)
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not name=value", part)
		}
		n := Name(strings.ToLower(strings.TrimSpace(k)))
		if !known(n) {
			return nil, fmt.Errorf("unknown limit %q (known: %s)", k, strings.Join(names(), ", "))
		}
		val, err := parseSize(strings.TrimSpace(v))
		if err != nil || val <= 0 {
			return nil, fmt.Errorf("limit %s: %q is not a positive whole number", n, v)
		}
		out[n] = val
	}
	return out, nil
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	s = strings.ReplaceAll(s, "_", "")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if n > (1<<62)/mult {
		return 0, errors.New("too large")
	}
	return n * mult, nil
}

func known(n Name) bool {
	for _, r := range table {
		if r.name == n {
			return true
		}
	}
	return false
}

func names() []string {
	var s []string
	for _, r := range table {
		s = append(s, string(r.name))
	}
	sort.Strings(s)
	return s
}

// ErrExceeded is wrapped by every Error, for callers that branch on it.
var ErrExceeded = errors.New("limit exceeded")

// Error says that an input went past a limit.
type Error struct {
	Limit Name  // which limit
	Value int64 // the value in force
}

func (e *Error) Error() string {
	what := string(e.Limit)
	for _, r := range table {
		if r.name == e.Limit {
			what = r.what
		}
	}
	return fmt.Sprintf("more than %d %s (raise with %s=%s=N)", e.Value, what, Env, e.Limit)
}

func (e *Error) Unwrap() error { return ErrExceeded }

// Exceeded returns the Error for limit n at its value in force.
func Exceeded(n Name) error { return &Error{Limit: n, Value: Get(n)} }

// Counter counts work against one limit: Add returns an Error once the total
// passes it. The zero Counter is not usable; make one with NewCounter.
type Counter struct {
	name  Name
	max   int64
	total int64
}

// NewCounter returns a counter for limit n at its value in force.
func NewCounter(n Name) *Counter { return &Counter{name: n, max: Get(n)} }

// Add adds k and reports an Error when the total passes the limit.
func (c *Counter) Add(k int64) error {
	c.total += k
	if c.total > c.max {
		return &Error{Limit: c.name, Value: c.max}
	}
	return nil
}

// Total is what has been added so far.
func (c *Counter) Total() int64 { return c.total }
