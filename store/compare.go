package store

import (
	"github.com/annex-tools/annex/diff"
)

// defaultCompare is the diff engine Open installs in Store.Compare.
var defaultCompare = diff.Compare
