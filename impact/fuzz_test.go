package impact

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

// FuzzRegisterCSV feeds text to the streaming CSV register reader: it must
// not panic, must fail in one line, and must give the rows ReadRegister
// gives, each with its cells and ids well formed.
func FuzzRegisterCSV(f *testing.F) {
	if data, err := os.ReadFile("testdata/register.csv"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"Product,Annex ID\nA,n/a\nB,3.A.7 (cat II)\nC,\"3.A.5.a,\n4.C.2.b.6\"\nD,-\n",
		"Produit;Entrée\nValve \xe9;3.A.7\n",
		"\xff\xfeP\x00,\x00M\x00\n\x00x\x00,\x003\x00.\x00A\x00.\x007\x00\n\x00",
		"\xef\xbb\xbfA\tMTCR\n1\t10.A.2\n\n\n2\t9.A.8; 3.A\n",
		"Title only\n\nProduct,Control entry,Notes\nValve,3.A.5.a,x,extra,cells\n",
		"\"unterminated,3.A.1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte("PK")) || bytes.HasPrefix(data, []byte("\xd0\xcf")) {
			return // workbooks: FuzzReadRegister
		}
		whole, err1 := ReadRegister("f.csv", data, "")
		reg, err2 := OpenRegister("f.csv", opener(data), RegisterOptions{})
		var streamed []Row
		if err2 == nil {
			err2 = reg.Each(func(r Row) error { streamed = append(streamed, r); return nil })
		}
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("ReadRegister: %v; OpenRegister and Each: %v", err1, err2)
		}
		for _, err := range []error{err1, err2} {
			if err != nil && (strings.ContainsAny(err.Error(), "\n\r") || !strings.HasPrefix(err.Error(), "f.csv: ")) {
				t.Fatalf("error not one line naming the file: %q", err)
			}
		}
		if err1 != nil {
			return
		}
		if len(streamed) != len(whole.Rows) {
			t.Fatalf("streamed %d rows, ReadRegister %d", len(streamed), len(whole.Rows))
		}
		for i, r := range whole.Rows {
			if len(r.Cells) != len(whole.Header) || whole.IDColumn >= len(r.Cells) {
				t.Fatalf("row %d: %d cells, header %d", r.Number, len(r.Cells), len(whole.Header))
			}
			if !reflect.DeepEqual(r.IDs, streamed[i].IDs) || r.Number != streamed[i].Number {
				t.Fatalf("row %d differs when streamed", r.Number)
			}
			for _, id := range r.IDs {
				if _, err := model.ParseID(id); err != nil {
					t.Fatalf("row %d: id %q does not parse: %v", r.Number, id, err)
				}
			}
		}
	})
}
