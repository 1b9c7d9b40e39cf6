package store

import "errors"

// Sentinel errors, wrapped by the errors of this package; test with errors.Is.
var (
	ErrNoStore     = errors.New("no annex store here")             // the directory holds no index.json
	ErrNotStore    = errors.New("directory is not an annex store") // Init refuses a non-empty directory without index.json
	ErrNotFound    = errors.New("no such revision")                // no revision has that label, or none is in force at that date
	ErrNoEntry     = errors.New("no such entry")                   // no revision in the range holds the entry
	ErrLabelExists = errors.New("label already used")              // a different file is stored under the label
	ErrBadLabel    = errors.New("invalid label")                   // labels become file names: letters, digits, ".", "_", "-"
	ErrNoDate      = errors.New("no document date")                // the model has no meta.date and no label was given
	ErrCorrupt     = errors.New("damaged store")                   // a store file is unreadable or changed since it was written
	ErrLocked      = errors.New("store is locked by another import")
	ErrNoDiff      = errors.New("no diff engine")             // Store.Compare is nil
	ErrLink        = errors.New("symbolic link in the store") // a part of the store is a link: refused, never followed
)
