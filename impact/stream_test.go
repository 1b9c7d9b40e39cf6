package impact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
)

// rowGen produces a CSV register of n rows on the fly, so that a test can
// stream a register larger than anything it holds.
type rowGen struct {
	n, i int
	buf  bytes.Buffer
}

func (g *rowGen) Read(p []byte) (int, error) {
	for g.buf.Len() < len(p) && g.i <= g.n {
		if g.i == 0 {
			g.buf.WriteString("Product;Supplier;MTCR entry;Licence\n")
		} else {
			ids := []string{"3.A.5.a", "4.C.2.b.6", "10.A.2", "3.C.4", "3.A.7", "n/a"}
			fmt.Fprintf(&g.buf, "Product %d;Supplier %d;%s;L-%07d\n", g.i, g.i%97, ids[g.i%len(ids)], g.i)
		}
		g.i++
	}
	if g.buf.Len() == 0 {
		return 0, io.EOF
	}
	return g.buf.Read(p)
}

// A register is streamed: the heap in use while 150,000 rows (7 MB) are
// annotated and written stays far below what holding them takes.
func TestStreamBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 150,000 rows")
	}
	const n = 150_000
	open := func() (io.ReadCloser, error) { return io.NopCloser(&rowGen{n: n}), nil }
	reg, err := OpenRegister("big.csv", open, RegisterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	old, new, d := samples(t)
	s, err := NewAssessor(old, new, d).Stream(reg)
	if err != nil {
		t.Fatal(err)
	}
	if s.Head.RowCount != n || s.Head.RowsByStatus[StatusNoID] != n/6 {
		t.Fatalf("summary: %d rows, %d no-id; want %d and %d", s.Head.RowCount, s.Head.RowsByStatus[StatusNoID], n, n/6)
	}
	var peak uint64
	rows := 0
	inner := s.Each
	s.Each = func(fn func(RowReport) error) error {
		return inner(func(rr RowReport) error {
			rows++
			if rows%50_000 == 0 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
			return fn(rr)
		})
	}
	var out countWriter
	if err := WriteStream(&out, "json", s); err != nil {
		t.Fatal(err)
	}
	if rows != n || out.n < 40<<20 {
		t.Fatalf("wrote %d rows, %d bytes", rows, out.n)
	}
	if peak > 32<<20 {
		t.Errorf("heap in use reached %d MiB while streaming %d MiB of JSON, want under 32 MiB", peak>>20, out.n>>20)
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// The streamed report is the report Assess builds.
func TestStreamSameAsAssess(t *testing.T) {
	old, new, d := samples(t)
	reg := readTestRegister(t)
	for _, format := range Formats {
		var a, b bytes.Buffer
		if err := Write(&a, format, Assess(old, new, d, reg)); err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(mustOpen(t, "testdata/register.csv"))
		sreg, err := OpenRegister("register.csv", opener(data), RegisterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewAssessor(old, new, d).Stream(sreg)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteStream(&b, format, s); err != nil {
			t.Fatal(err)
		}
		if format != "xlsx" && a.String() != b.String() {
			t.Errorf("%s: streamed report differs:\n%s\n---\n%s", format, a.String(), b.String())
		}
		if format == "json" {
			// The row-by-row JSON is what encoding/json writes for the whole report.
			var ref bytes.Buffer
			rep := Assess(old, new, d, reg)
			rep.Rows = append(rep.Rows, RowReport{Row: 99, Cells: []string{"<a>", "\u2028&"}, Annotations: []Annotation{{ID: "x", Status: StatusNoID}}}, RowReport{Row: 100})
			rep.RowCount += 2
			rep.RowsByStatus[StatusNoID] += 2
			rep.Summary[StatusNoID]++
			if err := WriteJSON(&ref, rep); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := Write(&got, "json", rep); err != nil {
				t.Fatal(err)
			}
			if ref.String() != got.String() {
				t.Errorf("json: row-by-row output differs from encoding/json:\n%s\n---\n%s", ref.String(), got.String())
			}
		}
	}
}

// Id cells that name nothing give one no-id annotation; a remark beside an
// id is left out and said so.
func TestRegisterIDCells(t *testing.T) {
	data := "Product,Annex ID\nA,n/a\nB,N/A\nC,-\nD,none\nE,not controlled\nF,\nG,3.A.7 (cat II)\nH,3.A.7\n"
	reg, err := ReadRegister("r.csv", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	old, new, d := samples(t)
	rep := Assess(old, new, d, reg)
	if rep.RowCount != 8 || rep.Summary[StatusNoID] != 6 || rep.Summary[StatusUnreadable] != 0 || rep.RowsByStatus[StatusNoID] != 6 {
		t.Fatalf("summary %v, rows %v (%d)", rep.Summary, rep.RowsByStatus, rep.RowCount)
	}
	for _, rr := range rep.Rows[:6] {
		if len(rr.Annotations) != 1 || rr.Annotations[0].Status != StatusNoID {
			t.Errorf("row %d: %+v, want one no-id annotation", rr.Row, rr.Annotations)
		}
	}
	g := rep.Rows[6].Annotations
	if len(g) != 1 || g[0].ID != "3.A.7" || !strings.Contains(g[0].Detail, "left out beside the id: (cat II)") {
		t.Errorf("row G: %+v", g)
	}
	if h := rep.Rows[7].Annotations; strings.Contains(h[0].Detail, "left out") {
		t.Errorf("row H shares the note of row G: %+v", h)
	}
	var b bytes.Buffer
	if err := Write(&b, "csv", rep); err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(b.String(), "\n")
	if strings.Count(strings.ToLower(head), "annex id") != 1 {
		t.Errorf("CSV header %q: want one id column", head)
	}
}

// Hostile registers end with one line naming the file and the limit.
func TestRegisterLimits(t *testing.T) {
	var le *limits.Error
	bomb := xlsxguard.SharedStringBomb(2<<20, 2000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadRegister("bomb.xlsx", bomb, "")
	runtime.ReadMemStats(&after)
	if !errors.As(err, &le) || le.Limit != limits.EntryText || !strings.HasPrefix(err.Error(), "bomb.xlsx: ") {
		t.Fatalf("shared-string bomb: %v, want bomb.xlsx: … entrytext limit", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("allocated %d MiB to refuse the bomb, want under 64 MiB", got>>20)
	}

	reg := "Product,MTCR entry\n" + strings.Repeat("P,3.A.7\n", 100)
	for _, tc := range []struct {
		limit limits.Name
		value int64
		data  string
	}{
		{limits.RegisterRows, 50, reg},
		{limits.RegisterBytes, 500, reg},
		{limits.EntryText, 100, "Product,MTCR entry\n" + strings.Repeat("x", 200) + ",3.A.7\n"},
	} {
		t.Run(string(tc.limit), func(t *testing.T) {
			defer limits.Set(tc.limit, tc.value)()
			_, err := ReadRegister("r.csv", []byte(tc.data), "")
			if !errors.As(err, &le) || le.Limit != tc.limit || !strings.HasPrefix(err.Error(), "r.csv: ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ReadRegister = %v, want one line naming r.csv and the %s limit", err, tc.limit)
			}
		})
	}
	t.Run("cells", func(t *testing.T) {
		defer limits.Set(limits.Cells, 50)()
		data := xlsxOf(t, "S", csvRows(t, "testdata/register.csv"), false)
		_, err := ReadRegister("r.xlsx", data, "")
		if !errors.As(err, &le) || le.Limit != limits.Cells {
			t.Fatalf("ReadRegister = %v, want the cells limit", err)
		}
	})
}

// A character XML forbids in the middle of a workbook register no longer
// ends it there.
func TestRegisterForbiddenCharacter(t *testing.T) {
	rows := csvRows(t, "testdata/register.csv")
	data := xlsxOf(t, "S", rows, false)
	bad, err := xlsxguard.Patch(data, "xl/sharedStrings.xml", "<t>Rollwerk</t>", "<t>Roll&#1;werk</t>")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadRegister("r.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadRegister("r.xlsx", bad, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != len(want.Rows) || len(got.Rows) < 10 {
		t.Fatalf("read %d rows, want %d", len(got.Rows), len(want.Rows))
	}
}

func mustOpen(t *testing.T, path string) io.Reader {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(data)
}

// A workbook register is decoded once: its rows are spooled to a temporary
// file for the second pass, which gives the same report, and Close removes
// the file.
func TestStreamWorkbookSpool(t *testing.T) {
	old, new, d := samples(t)
	data := xlsxOf(t, "Products", csvRows(t, "testdata/register.csv"), true)
	want, err := ReadRegister("register.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := Write(&a, "json", Assess(old, new, d, want)); err != nil {
		t.Fatal(err)
	}
	reg, err := OpenRegister("register.xlsx", opener(data), RegisterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewAssessor(old, new, d).Stream(reg)
	if err != nil {
		t.Fatal(err)
	}
	sp, ok := reg.src.(*spool)
	if !ok {
		t.Fatalf("source after the first pass is %T, want the spool", reg.src)
	}
	path := sp.f.Name()
	if err := WriteStream(&b, "json", s); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("spooled report differs:\n%s\n---\n%s", a.String(), b.String())
	}
	if err := reg.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("spool %s left behind: %v", path, err)
	}
}
