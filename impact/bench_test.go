package impact

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/model"
)

// benchRows is the size of the generated register of the benchmarks: a
// product register as compliance systems hold them.
const benchRows = 100_000

// genRegister writes a product register of n rows as CSV: product,
// supplier, an id cell (mostly one entry id of old, some two, some "n/a"),
// and a licence number.
func genRegister(old *model.Annex, n int) []byte {
	var ids []string
	old.Walk(func(nd model.Node) bool { ids = append(ids, nd.Entry.ID); return true })
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("Product;Supplier;MTCR entry;Licence\n")
	for i := 0; i < n; i++ {
		id := ids[rng.IntN(len(ids))]
		switch rng.IntN(20) {
		case 0:
			id += ", " + ids[rng.IntN(len(ids))]
		case 1:
			id = "n/a"
		}
		fmt.Fprintf(&b, "Product %d;Supplier %d;%s;L-%06d\n", i, i%97, id, i)
	}
	return b.Bytes()
}

var (
	benchOnce        sync.Once
	benchCSV, benchX []byte
)

func benchData(b *testing.B) (csvData, xlsxData []byte) {
	old, _, _ := samples(b)
	benchOnce.Do(func() {
		benchCSV = genRegister(old, benchRows)
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		r := csv.NewReader(bytes.NewReader(benchCSV))
		r.Comma = ';'
		for i := 1; ; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			row := make([]any, len(rec))
			for j, c := range rec {
				row[j] = c
			}
			cell, _ := excelize.CoordinatesToCellName(1, i)
			sw.SetRow(cell, row)
		}
		sw.Flush()
		var buf bytes.Buffer
		f.WriteTo(&buf)
		benchX = buf.Bytes()
	})
	return benchCSV, benchX
}

func opener(data []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

// BenchmarkImpactCSV is annex impact on a 100,000-row CSV register,
// streamed: read twice, annotated, written as JSON.
func BenchmarkImpactCSV(b *testing.B) {
	data, _ := benchData(b)
	old, new, d := samples(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		reg, err := OpenRegister("r.csv", opener(data), RegisterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := NewAssessor(old, new, d).Stream(reg)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteStream(io.Discard, "json", s); err != nil {
			b.Fatal(err)
		}
		reg.Close()
	}
}

// BenchmarkImpactXLSX is the same register as a workbook: decoded once,
// its rows spooled for the second pass.
func BenchmarkImpactXLSX(b *testing.B) {
	_, data := benchData(b)
	old, new, d := samples(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		reg, err := OpenRegister("r.xlsx", opener(data), RegisterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := NewAssessor(old, new, d).Stream(reg)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteStream(io.Discard, "json", s); err != nil {
			b.Fatal(err)
		}
		reg.Close()
	}
}

// BenchmarkRegisterCSV reads the same register once through OpenRegister
// and Each, beside BenchmarkBareCSV, encoding/csv alone.
func BenchmarkRegisterCSV(b *testing.B) {
	data, _ := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		reg, err := OpenRegister("r.csv", opener(data), RegisterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := reg.Each(func(Row) error { n++; return nil }); err != nil || n != benchRows {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkBareCSV(b *testing.B) {
	data, _ := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = ';'
		n := 0
		for {
			if _, err := r.Read(); err != nil {
				break
			}
			n++
		}
		if n != benchRows+1 {
			b.Fatal(n)
		}
	}
}

// BenchmarkRegisterXLSX reads the register as a workbook through
// OpenRegister and Each, beside BenchmarkBareXLSX: excelize's own streaming
// read (Rows) of the same file. The goal is within 1.5× of it.
func BenchmarkRegisterXLSX(b *testing.B) {
	_, data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		reg, err := OpenRegister("r.xlsx", opener(data), RegisterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := reg.Each(func(Row) error { n++; return nil }); err != nil || n != benchRows {
			b.Fatal(n, err)
		}
		reg.Close()
	}
}

func BenchmarkBareXLSX(b *testing.B) {
	_, data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != benchRows+1 {
			b.Fatal(n)
		}
	}
}
