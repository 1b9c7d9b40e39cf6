package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/model"
)

// maxWarnings bounds the misread warnings printed for one revision.
const maxWarnings = 10

// warnMisreads prints on standard error the problems of a revision that
// point to a misread of its file rather than to a defect of the document
// (model.IsMisread: numbering gaps, which a sub-entry read as text leaves),
// one line each, at most maxWarnings, then how many more. Dangling cross
// references and undefined terms are the document's own: validate reports
// them.
func warnMisreads(c *cli.Context, e *env, name string, a *model.Annex) {
	n := 0
	for _, p := range model.Validate(a) {
		if !model.IsMisread(p) {
			continue
		}
		if n < maxWarnings {
			fmt.Fprintf(e.stderr, "annex %s: %s: warning: %s (a misread, or a defect of the document; check the file)\n",
				c.Command.Name, name, safe(p.String()))
		}
		n++
	}
	if n > maxWarnings {
		fmt.Fprintf(e.stderr, "annex %s: %s: warning: %d more like these; annex validate %s lists them all\n",
			c.Command.Name, name, n-maxWarnings, name)
	}
}
