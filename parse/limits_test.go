package parse

import (
	"errors"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/model"
)

func TestCheckText(t *testing.T) {
	defer limits.Set(limits.EntryText, 8)()
	long := strings.Repeat("x", 9)
	entry := func(text, note string) *model.Annex {
		return &model.Annex{Items: []model.Item{{Number: 1, Groups: []model.Group{{Letter: "A", Entries: []model.Entry{{ID: "1.A.1", Text: "ok",
			Children: []model.Entry{{ID: "1.A.1.a", Text: text, Notes: []model.Note{{Kind: model.KindNote, Text: note}}}}}}}}}}}
	}
	tests := []struct {
		name string
		a    *model.Annex
		want string
	}{
		{"within", entry("12345678", "12345678"), ""},
		{"entry", entry(long, ""), "1.A.1.a: more than 8 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)"},
		{"note", entry("", long), "1.A.1.a (note): more than 8 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)"},
		{"definition", &model.Annex{Definitions: []model.Definition{{Term: "Range", Text: long}}}, `definition "Range": more than 8 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)`},
		{"group note", &model.Annex{Items: []model.Item{{Number: 9, Groups: []model.Group{{Letter: "B", Notes: []model.Note{{Kind: model.KindNote, Text: long}}}}}}},
			"9.B (note): more than 8 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkText(tt.a)
			got := ""
			if err != nil {
				got = err.Error()
				if !errors.Is(err, limits.ErrExceeded) {
					t.Errorf("checkText error %v does not wrap limits.ErrExceeded", err)
				}
			}
			if got != tt.want {
				t.Errorf("checkText = %q, want %q", got, tt.want)
			}
		})
	}
}
