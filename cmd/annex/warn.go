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
// one line each, at most maxWarnings, then how many more; and terms in
// quotes in a revision without any definition. Dangling cross references
// and single undefined terms are the document's own: validate reports them.
func warnMisreads(c *cli.Context, e *env, name string, a *model.Annex) {
	n, undefined := 0, 0
	for _, p := range model.Validate(a) {
		if p.Kind == model.ProblemUndefinedTerm {
			undefined++
		}
		if !model.IsMisread(p) {
			continue
		}
		if n < maxWarnings {
			fmt.Fprintf(e.stderr, "annex %s: %s: warning: %s (a misread, or a defect of the document; check the file)\n",
				c.Command.Name, name, safe(p.String()))
		}
		n++
	}
	if len(a.Definitions) == 0 && undefined > 0 {
		// Terms in quotes and no definition at all: the definitions were
		// most likely not read.
		fmt.Fprintf(e.stderr, "annex %s: %s: warning: no definitions read, yet entries use %d term(s) in quotes that none defines (a misread, or the document has no definitions)\n",
			c.Command.Name, name, undefined)
	}
	if n > maxWarnings {
		fmt.Fprintf(e.stderr, "annex %s: %s: warning: %d more like these; annex validate %s lists them all\n",
			c.Command.Name, name, n-maxWarnings, name)
	}
}
