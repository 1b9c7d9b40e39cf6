package parse

import (
	"fmt"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/model"
)

// checkText refuses a model with an entry text, a note or a definition longer
// than the limits.EntryText limit: no real list comes near it (the largest
// EU entry is a few KB), and every later step (diff, reports) works on
// whole texts.
func checkText(a *model.Annex) error {
	max := limits.Int(limits.EntryText)
	var err error
	over := func(what string, s string) bool {
		if len(s) > max {
			err = fmt.Errorf("%s: %w", what, limits.Exceeded(limits.EntryText))
			return true
		}
		return false
	}
	for _, d := range a.Definitions {
		if over("definition "+fmt.Sprintf("%.40q", d.Term), d.Text) {
			return err
		}
	}
	sch := model.Of(a)
	for _, it := range a.Items {
		for _, g := range it.Groups {
			for _, note := range g.Notes {
				if over(sch.GroupID(it.Number, g.Letter)+" (note)", note.Text) {
					return err
				}
			}
		}
	}
	a.Walk(func(n model.Node) bool {
		if over(n.Entry.ID, n.Entry.Text) {
			return false
		}
		for _, note := range n.Entry.Notes {
			if over(n.Entry.ID+" (note)", note.Text) {
				return false
			}
		}
		return true
	})
	return err
}
