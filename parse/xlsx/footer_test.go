package xlsx

import (
	"bytes"
	"errors"
	"testing"

	"github.com/annex-tools/annex/model"
)

// A footer below the table, in the number column or after a blank row, is
// not annex text; words in the number column inside the table still are an
// error naming the cell.
func TestFooter(t *testing.T) {
	table := [][]any{{"1.", "I", "ITEM"}, {"1.A.", "I", "GROUP"}, {"1.A.1.", "I", "First;"}, {"1.A.2.", "I", "Last."}}
	tests := []struct {
		name     string
		rows     [][]any
		lastText string
		err      string
	}{
		{"source line in the number column", append(table[:4:4], []any{}, []any{"Source: MTCR Secretariat, unofficial consolidation"}), "Last.", ""},
		{"text after a blank row", append(table[:4:4], []any{}, []any{"", "", "End of list."}), "Last.", ""},
		{"both", append(table[:4:4], []any{"Prepared by the licensing office"}, []any{}, []any{"", "", "Page 1 of 1"}), "Last.", ""},
		{"continuation row", append(table[:4:4], []any{"", "", "(continued)"}), "Last. (continued)", ""},
		{"text after a blank row, then more entries", append(table[:4:4], []any{}, []any{"", "", "and more."}, []any{"1.A.3.", "I", "Third."}), "Third.", ""},
		{"words in the number column inside the table", append(table[:4:4], []any{"See below", "I", "x"}, []any{"1.A.3.", "I", "Third."}), "", `Annex!A7: "See below" is not an entry number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(bytes.NewReader(book(t, annexRows(tt.rows...))), Options{})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !errors.Is(err, model.ErrBadID) {
					t.Fatalf("Parse error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			g := a.Items[0].Groups[0]
			last := g.Entries[len(g.Entries)-1]
			if last.Text != tt.lastText {
				t.Errorf("last entry %s text = %q, want %q", last.ID, last.Text, tt.lastText)
			}
			if tt.name == "text after a blank row, then more entries" && g.Entries[1].Text != "Last. and more." {
				t.Errorf("1.A.2 text = %q, want the continuation kept when entries follow", g.Entries[1].Text)
			}
		})
	}
}
