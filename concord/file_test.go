package concord

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
)

// TestRoundTrip writes a proposed concordance in each readable form and
// reads it back: the same links, statuses and lists.
func TestRoundTrip(t *testing.T) {
	annex := readModel(t, "../testdata/sample-2023.truth.json")
	nat := gen.NationalList(annex, gen.NationalOptions{})
	c := Propose(nat.List, annex, Options{})
	for _, format := range []string{"json", "csv", "xlsx"} {
		var b bytes.Buffer
		if err := Write(&b, format, c); err != nil {
			t.Fatalf("Write(%s) = %v", format, err)
		}
		back, err := Read(b.Bytes())
		if err != nil {
			t.Fatalf("Read(Write(%s)) = %v", format, err)
		}
		if len(back.Links) != len(c.Links) || len(back.NationalOnly) != len(c.NationalOnly) || len(back.AnnexUnlinked) != len(c.AnnexUnlinked) {
			t.Fatalf("%s: %d links, %d national-only, %d unlinked; want %d, %d, %d", format, len(back.Links), len(back.NationalOnly),
				len(back.AnnexUnlinked), len(c.Links), len(c.NationalOnly), len(c.AnnexUnlinked))
		}
		for k, l := range back.Links {
			w := c.Links[k]
			if l.National != w.National || l.Annex != w.Annex || l.Status != w.Status || l.Confidence != w.Confidence || l.NationalText != w.NationalText {
				t.Errorf("%s: link %d = %+v, want %+v", format, k, l, w)
				break
			}
		}
	}
}

// TestReviewed gives a reviewed concordance back to Propose: confirmed links
// are kept, rejected ones never proposed again, and rows added by hand
// (national, annex, status only) are read.
func TestReviewed(t *testing.T) {
	annex := readModel(t, "../testdata/sample-2023.truth.json")
	nat := gen.NationalList(annex, gen.NationalOptions{})
	reviewed := "national,annex,status\n" +
		"9A101,1.A.1,rejected\n" + // a true link, refused by the reviewer
		"1C111,4.C.1,confirmed\n" + // a national-only entry, linked by hand
		"9A102,1.A.2,confirmed\n"
	prior, err := Read([]byte(reviewed))
	if err != nil {
		t.Fatal(err)
	}
	c := Propose(nat.List, annex, Options{Prior: prior})
	got := make(map[[2]string]string)
	for _, l := range c.Links {
		got[[2]string{l.National, l.Annex}] = l.Status
	}
	for k, want := range map[[2]string]string{{"9A101", "1.A.1"}: Rejected, {"1C111", "4.C.1"}: Confirmed, {"9A102", "1.A.2"}: Confirmed, {"9B101", "1.B.1"}: Proposed} {
		if got[k] != want {
			t.Errorf("link %v: status %q, want %q", k, got[k], want)
		}
	}
	for _, l := range c.Active() {
		if l.National == "9A101" && l.Annex == "1.A.1" {
			t.Errorf("rejected link proposed again")
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"national,annex\n9A101,1.A.1\n", `no "status" column`},
		{"national,annex,status\n9A101,1.A.1,maybe\n", `row 2: status "maybe" is not one of proposed, confirmed, rejected`},
		{"national,annex,status,confidence\n9A101,1.A.1,proposed,2\n", `row 2: confidence "2" is not a number from 0 to 1`},
		{`{"schema": "annex-diff/1"}`, `schema is "annex-diff/1"`},
		{"national,annex,status\n,1.A.1,confirmed\n", "row 2: a link needs both national and annex"},
	} {
		_, err := Read([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%q) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
}

// TestTablesInert checks that document text cannot become a formula or
// markup in the table formats.
func TestTablesInert(t *testing.T) {
	c := &Concordance{Links: []Link{{National: "=HYPERLINK(\"x\")", Annex: "1.A.1", Status: Proposed,
		NationalText: "<script>alert(1)</script> ![b](http://x) \x1b[31m", AnnexText: "+cmd"}}}
	for format, bad := range map[string][]string{
		"csv":  {"\n=HYPERLINK", ",+cmd", "\x1b"},
		"md":   {"<script>", "![b](http", "\x1b"},
		"html": {"<script>", "\x1b"},
		"text": {"\x1b"},
	} {
		var b bytes.Buffer
		if err := Write(&b, format, c); err != nil {
			t.Fatal(err)
		}
		for _, s := range bad {
			if strings.Contains(b.String(), s) {
				t.Errorf("%s output holds %q:\n%s", format, s, b.String())
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"../testdata/national/truth-2023.csv"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"schema":"annex-concordance/1","links":[{"national":"9A101","annex":"3.A.1","status":"confirmed"}]}`))
	f.Add([]byte("national,annex,status\n9A101,3.A.1,confirmed\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Read(data)
		if err != nil {
			return
		}
		for _, l := range c.Links {
			if checkLink(l) != nil {
				t.Fatalf("Read accepted a bad link %+v", l)
			}
		}
		var b bytes.Buffer
		if err := Write(&b, "json", c); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(b.Bytes()); err != nil {
			t.Fatalf("Read(Write(Read(x))) = %v", err)
		}
	})
}

// TestReadHostileWorkbook: a small concordance workbook whose one large
// shared string fills every row is refused with the limit's error, in
// memory bounded by the limit, not by what the file expands to.
func TestReadHostileWorkbook(t *testing.T) {
	bomb := xlsxguard.SharedStringBomb(2<<20, 2000) // 4 GB read naively
	var err error
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	_, err = Read(bomb)
	runtime.ReadMemStats(&m1)
	if !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("Read(shared-string bomb) = %v, want a limit's error", err)
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 64<<20 {
		t.Errorf("Read allocated %d MB", alloc>>20)
	}
}
