package xlsx

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sheetData is the content of one sheet: rows of cell values, from A1.
type sheetData struct {
	name string
	rows [][]any
}

// book writes a workbook with the given sheets, in memory, and returns its
// bytes. Strings are stored as text; a value of type formula becomes a
// formula cell without a cached value.
func book(t testing.TB, sheets ...sheetData) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case formula:
					err = f.SetCellFormula(s.name, cell, string(v))
				case string:
					if v != "" {
						err = f.SetCellStr(s.name, cell, v)
					}
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type formula string

// oleFile builds a minimal OLE compound file (version 3, 512-byte sectors)
// holding the named streams of 4096 bytes each: enough to look like a
// legacy .xls ("Workbook") or an encrypted package ("EncryptionInfo",
// "EncryptedPackage") to a reader of the directory.
func oleFile(streams ...string) []byte {
	const (
		sect     = 512
		endChain = 0xFFFFFFFE
		free     = 0xFFFFFFFF
		noStream = 0xFFFFFFFF
	)
	perStream := 4096 / sect
	nSect := 2 + perStream*len(streams) // FAT, directory, data
	le := binary.LittleEndian
	out := make([]byte, sect*(1+nSect))
	h := out[:sect]
	copy(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)      // FAT sectors
	le.PutUint32(h[48:], 1)      // first directory sector
	le.PutUint32(h[56:], 0x1000) // mini stream cutoff
	le.PutUint32(h[60:], endChain)
	le.PutUint32(h[68:], endChain)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], free)
	}
	le.PutUint32(h[76:], 0) // the FAT is sector 0
	fat := out[sect : 2*sect]
	for i := 0; i < sect/4; i++ {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // FAT sector
	le.PutUint32(fat[4:], endChain)   // directory
	for s := range streams {
		first := 2 + s*perStream
		for k := 0; k < perStream; k++ {
			next := uint32(first + k + 1)
			if k == perStream-1 {
				next = endChain
			}
			le.PutUint32(fat[4*(first+k):], next)
		}
	}
	dir := out[2*sect : 3*sect]
	entry := func(i int, name string, typ byte, child, right uint32, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	for i := 0; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	entry(0, "Root Entry", 5, 1, noStream, endChain, 0)
	for s, name := range streams {
		right := uint32(noStream)
		if s+2 <= len(streams) {
			right = uint32(s + 2)
		}
		entry(s+1, name, 2, noStream, right, uint32(2+s*perStream), 4096)
	}
	return out
}
