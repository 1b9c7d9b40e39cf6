package store

import (
	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// defaultCompare is the diff engine Open installs in Store.Compare.
// TODO(store): set to diff.Compare once package diff provides it; until then
// History, Changes and Log fail with ErrNoDiff.
var defaultCompare func(old, new *model.Annex) diff.Result
