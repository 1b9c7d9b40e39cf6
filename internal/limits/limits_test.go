package limits

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	m, err := Parse("pages=10, inflated=2GiB,depth=1_000")
	if err != nil {
		t.Fatal(err)
	}
	if m[Pages] != 10 || m[InflatedBytes] != 2<<30 || m[JSONDepth] != 1000 {
		t.Errorf("Parse = %v", m)
	}
	for _, bad := range []string{"pages", "pages=-1", "pages=x", "bogus=3", "pages=0"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = nil error, want one", bad)
		}
	}
}

func TestCounter(t *testing.T) {
	defer Set(FormInvocations, 3)()
	c := NewCounter(FormInvocations)
	for i := 0; i < 3; i++ {
		if err := c.Add(1); err != nil {
			t.Fatalf("Add #%d = %v, want nil", i+1, err)
		}
	}
	err := c.Add(1)
	if !errors.Is(err, ErrExceeded) {
		t.Fatalf("Add past the limit = %v, want ErrExceeded", err)
	}
	if want := "more than 3 form XObjects drawn (raise with ANNEX_LIMITS=forms=N)"; err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if !strings.Contains(Exceeded(Pages).Error(), "PDF pages") {
		t.Errorf("Exceeded(Pages) = %q", Exceeded(Pages))
	}
}
