package xlsx

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// SplitNotes splits the text of a notes cell into notes. Every line that
// starts with a note heading ("Note:", "Technical Notes:", "N.B.:", "Note 2:")
// starts a note or a list of numbered notes; other lines continue the note
// above. A heading in the singular followed by a number that counts up
// ("Note: 1. …" then "Note: 2. …") gives that number as the label, as
// office-suite exports of numbered notes print them. Text before any heading
// becomes a note of kind "Note". Texts are cleaned with textnorm.Clean.
//
// SplitNotes is exported for the export package, which writes notes cells
// that must read back unchanged.
func SplitNotes(cell string) []model.Note {
	cell = strings.ReplaceAll(strings.ReplaceAll(cell, "\r\n", "\n"), "\r", "\n")
	var lines [][]string // each block's lines, joined once (joining as they come was quadratic)
	headed := []bool{}
	for _, line := range strings.Split(cell, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		line = nbColon(line)
		if _, _, _, _, ok := grammar.NoteHead(line); ok || len(lines) == 0 {
			lines = append(lines, []string{line})
			headed = append(headed, ok)
			continue
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], line)
	}
	var notes []model.Note
	for i, ls := range lines {
		b := strings.Join(ls, "\n")
		if !headed[i] {
			notes = append(notes, model.Note{Kind: model.KindNote, Text: textnorm.Clean(b)})
			continue
		}
		got, ok := grammar.SplitNotesAtLines(b)
		if !ok || len(got) == 0 {
			notes = append(notes, model.Note{Kind: model.KindNote, Text: textnorm.Clean(b)})
			continue
		}
		for _, n := range got {
			n.Text = textnorm.Clean(n.Text)
			if n.Label == "" {
				if label, rest, ok := grammar.NumberedNote(n.Text); ok && countsUp(notes, n.Kind, label) {
					n.Label, n.Text = label, rest
				}
			}
			notes = append(notes, n)
		}
	}
	return notes
}

// nbRE matches "N.B." printed without a colon at the start of a line.
var nbRE = regexp.MustCompile(`^N\.\s?B\.\s+`)

// nbColon writes "N.B. text" as "N.B.: text", which grammar.NoteHead takes
// for a heading (it wants the colon after "N.B.").
func nbColon(line string) string {
	if _, _, _, _, ok := grammar.NoteHead(line); ok {
		return line
	}
	if m := nbRE.FindString(line); m != "" {
		return "N.B.: " + line[len(m):]
	}
	return line
}

// countsUp reports whether label continues the numbering of the notes of the
// same kind just before: "1" starts a list, "2" follows "1".
func countsUp(before []model.Note, kind, label string) bool {
	n, err := strconv.Atoi(label)
	if err != nil {
		return false
	}
	if n == 1 {
		return true
	}
	if len(before) == 0 {
		return false
	}
	prev := before[len(before)-1]
	p, err := strconv.Atoi(prev.Label)
	return err == nil && prev.Kind == kind && p+1 == n
}
