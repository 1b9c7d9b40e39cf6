package pdf

import (
	"fmt"
	"testing"
)

// TestParseFourDigitEntryNumbers reads a group whose entries run past 999
// (1.A.998 to 1.A.1001): every one is an entry of its own, never text merged
// into 1.A.999, and the model reads back as it was printed.
func TestParseFourDigitEntryNumbers(t *testing.T) {
	p := &pager{}
	p.add(at(150, "XYZ/TEM/2025/Annex")...)
	p.add(at(150, "EQUIPMENT AND TECHNOLOGY ANNEX")...)
	p.add(at(150, "2 May 2025")...)
	p.flush()
	p.add(at(200, "CATEGORY I")...)
	p.add(at(200, "ITEM 1 COMPLETE DELIVERY SYSTEMS")...)
	p.add(cell{72, "1.A."}, cell{130, "EQUIPMENT"})
	for k := 1; k <= 1001; k++ {
		p.add(cell{72, fmt.Sprintf("1.A.%d.", k)}, cell{130, fmt.Sprintf("Rockets of kind %d.", k)})
	}
	p.flush()
	got, err := parsePages(t, p.pages)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	es := got.Items[0].Groups[0].Entries
	if len(es) != 1001 {
		t.Fatalf("Parse: %d entries, want 1001", len(es))
	}
	for _, k := range []int{998, 999, 1000, 1001} {
		e := es[k-1]
		if want := fmt.Sprintf("1.A.%d", k); e.ID != want || e.Text != fmt.Sprintf("Rockets of kind %d.", k) {
			t.Errorf("entry %d = %s %q, want %s %q", k, e.ID, e.Text, want, fmt.Sprintf("Rockets of kind %d.", k))
		}
	}
}
