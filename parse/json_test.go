package parse

import (
	"errors"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

// Crafted saved models: each is refused by the structural checks every read
// runs, with one line naming the file and the problem.
func TestReadJSONStructure(t *testing.T) {
	model1 := func(regime, date string, number int64, letter, ids string) string {
		return `{"schema":"annex/1","meta":{"regime":"` + regime + `","date":"` + date + `"},"definitions":[],"items":[{"number":` +
			strings.TrimSpace(itoa64(number)) + `,"groups":[{"letter":"` + letter + `","entries":[` + ids + `]}]}]}`
	}
	entry := func(id string, kids ...string) string {
		return `{"id":"` + id + `","text":"x","children":[` + strings.Join(kids, ",") + `]}`
	}
	tests := []struct {
		name, data string
		scheme     *model.Scheme
		msg        string // "" when it reads
	}{
		{"ok.json", model1("MTCR", "2024-03-14", 1, "A", entry("1.A.1", entry("1.A.1.a"))), nil, ""},
		{"eu.json", model1("EU", "2025-11-15", 0, "A", entry("0A001", entry("0A001.a"))), nil, ""},
		{"item0.json", model1("MTCR", "", 0, "A", entry("0.A.1")), nil, "item 0 is not an item of the MTCR annex (1 to 99)"},
		{"neg.json", model1("MTCR", "", -2147483649, "A", ""), nil, "item -2147483649 is not an item of the MTCR annex"},
		{"letter.json", model1("MTCR", "", 1, "AAAAAAAA/../../x", ""), nil, `item 1: group letter "AAAAAAAA/../../x" is not one of ABCDE`},
		{"date.json", model1("MTCR", "9999-99-99", 1, "A", ""), nil, `meta.date "9999-99-99" is not a date`},
		{"dup.json", model1("MTCR", "", 1, "A", entry("1.A.1")+","+entry("1.A.1")), nil, "1.A.1: entry number used more than once"},
		{"misplaced.json", model1("MTCR", "", 1, "A", entry("1.A.1", entry("1.A.2.a"))), nil, "1.A.2.a: printed under 1.A.1 but numbered as if under 1.A.2"},
		{"badid.json", model1("EU", "", 9, "A", entry("9A1")), nil, `"9A1": not an entry number of the EU dual-use list`},
		{"forced.json", model1("MTCR", "", 1, "A", entry("1.A.1")), model.EU, `"1.A.1": not an entry number of the EU dual-use list`},
	}
	for _, tt := range tests {
		a, err := Read(tt.name, []byte(tt.data), Options{Scheme: tt.scheme})
		if tt.msg == "" {
			if err != nil {
				t.Errorf("Read(%s): %v", tt.name, err)
			} else if a.Items[0].Number != 0 && tt.name == "eu.json" {
				t.Errorf("Read(eu.json) item %d, want 0", a.Items[0].Number)
			}
			continue
		}
		if err == nil {
			t.Errorf("Read(%s) passed, want %q", tt.name, tt.msg)
			continue
		}
		if !errors.Is(err, ErrNotAnnexJSON) || !errors.Is(err, model.ErrStructure) {
			t.Errorf("Read(%s) error %v does not wrap ErrNotAnnexJSON and model.ErrStructure", tt.name, err)
		}
		if want := tt.name + ": not an annex/1 model: " + tt.msg; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Read(%s) error = %q, want prefix %q", tt.name, err, want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Read(%s) error has several lines: %q", tt.name, err)
		}
	}
}

func itoa64(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}
