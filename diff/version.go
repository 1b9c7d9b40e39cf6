package diff

// EngineVersion identifies what Compare returns. Bump it with ANY change
// that can alter the Result of the same two models: matching, kinds, fields,
// text and notes diffs, editorial and threshold rules, the order of changes,
// or the JSON shape of a Result; and with any change to what the annex/1
// JSON reader (package parse) returns for the same file, since stores
// compute their caches from the models it reads. Stores cache diffs keyed
// by EngineVersion and the SHA-256 of both revisions (package store), so a
// change that does not bump it serves the old output from every existing
// cache.
const EngineVersion = 3
