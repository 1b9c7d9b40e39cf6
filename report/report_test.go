package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Hostile document text used by the escaping and formula tests.
const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `"><img src=x onerror=alert(1)>`
	xlFormula = `=HYPERLINK("http://evil")`
	xlAt      = `@SUM(A1)`
)

// op builds a word-diff run.
func op(kind, text string) diff.Op { return diff.Op{Op: kind, Text: text} }

// sides returns the old and new texts a word diff describes.
func sides(ops []diff.Op) (oldText, newText string) {
	var o, n strings.Builder
	for _, x := range ops {
		if x.Op != diff.OpInsert {
			o.WriteString(x.Text)
		}
		if x.Op != diff.OpDelete {
			n.WriteString(x.Text)
		}
	}
	return o.String(), n.String()
}

// withText fills OldText and NewText of c from its word diff, so that the
// fixtures cannot disagree with themselves.
func withText(c diff.Change) diff.Change {
	c.OldText, c.NewText = sides(c.TextDiff)
	return c
}

func rev(docID, date, name, format, sha string) diff.Revision {
	return diff.Revision{DocID: docID, Date: date, Source: model.Source{Name: name, Format: format, SHA256: sha}}
}

// realistic is a hand-made diff with every kind of change the comparator
// reports: thresholds, notes, renumbering chains, moves across items,
// editorial wording, definitions with the entries they affect, and item and
// group titles.
func realistic() diff.Result {
	changes := []diff.Change{
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "1.A.2", NewID: "1.A.2", Item: 1, Category: "I",
			Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{
				op("=", `Complete unmanned aerial vehicle systems capable of delivering `),
				op("-", `a "payload" of at least 500 kg`),
				op("+", `at least a 500 kg "payload"`),
				op("=", ` to a "range" of at least `),
				op("-", `300 km.`),
				op("+", `250 km, whatever their configuration.`),
			},
			Quantities: []diff.Quantity{{Old: "300 km", New: "250 km", Direction: diff.Wider}},
		}),
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.2", NewID: "3.A.2", Item: 3, Category: "II",
			Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{
				op("=", "Turbojet and turbofan engines rated at more than "),
				op("-", "68"),
				op("+", "90"),
				op("=", " kN of thrust."),
			},
			Quantities: []diff.Quantity{{Old: "68 kN", New: "90 kN", Direction: diff.Narrower}},
		}),
		{Target: diff.TargetItem, Kind: diff.Modified, Number: 6, Item: 6, Category: "II", Fields: []string{diff.FieldTitle},
			OldText: "PRODUCTION OF STRUCTURAL COMPOSITES", NewText: "PRODUCTION OF STRUCTURAL COMPOSITES AND STRUCTURAL MATERIALS",
			TextDiff: []diff.Op{op("=", "PRODUCTION OF STRUCTURAL COMPOSITES"), op("+", " AND STRUCTURAL MATERIALS")}},
		{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "6.C.2", NewID: "6.C.2", Item: 6, Category: "II",
			Fields:   []string{diff.FieldNotes},
			OldText:  "Fine grain graphites with a bulk density of at least 1.72 g/cm³.",
			NewText:  "Fine grain graphites with a bulk density of at least 1.72 g/cm³.",
			OldNotes: []model.Note{{Kind: model.KindNB, Text: "Pyrolytic graphites are covered by 6.A.1."}},
			NewNotes: []model.Note{{Kind: model.KindNote, Text: "6.C.2. does not control graphites for electrical discharge machining."}, {Kind: model.KindNB, Text: "Pyrolytic graphites are covered by 6.A.1."}},
			NotesDiff: []diff.Op{
				op("+", "Note: 6.C.2. does not control graphites for electrical discharge machining.\n"),
				op("=", "N.B.: Pyrolytic graphites are covered by 6.A.1."),
			}},
		{Target: diff.TargetGroup, Kind: diff.Modified, ID: "3.A", Item: 3, Category: "II", Fields: []string{diff.FieldTitle},
			OldText: "EQUIPMENT AND COMPONENTS", NewText: "EQUIPMENT, ASSEMBLIES AND COMPONENTS",
			TextDiff: []diff.Op{op("=", "EQUIPMENT"), op("-", " AND"), op("+", ", ASSEMBLIES AND"), op("=", " COMPONENTS")}},
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.7", NewID: "3.A.7", Item: 3, Category: "II",
			Fields: []string{diff.FieldText}, Editorial: true,
			TextDiff: []diff.Op{
				op("=", "Radial ball bearings having all tolerances specified in accordance with ISO 492 "),
				op("-", "Tolerance Class"), op("+", "tolerance class"),
				op("=", " 2 or better, and having all of the following:"),
			}}),
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "3.A.11", Item: 3, Category: "II", Fields: []string{},
			NewText:  "Liquid propellant tanks specially designed for the systems specified in 1.A.",
			NewNotes: []model.Note{{Kind: model.KindNote, Text: "3.A.11. does not control tanks for water."}}},
		{Target: diff.TargetEntry, Kind: diff.Removed, OldID: "3.C.4", Item: 3, Category: "II", Fields: []string{},
			OldText: "Elastomeric compounds having a shear modulus between 0.35 MPa and 1.4 MPa."},
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "3.C.5", NewID: "3.C.4", Item: 3, Category: "II",
			Fields: []string{diff.FieldNotes}, Editorial: true,
			OldText: "Bladder and diaphragm materials for propellant tanks.", NewText: "Bladder and diaphragm materials for propellant tanks.",
			OldNotes:  []model.Note{{Kind: model.KindNote, Text: "3.C.5. does not control materials for water tanks."}},
			NewNotes:  []model.Note{{Kind: model.KindNote, Text: "3.C.4. does not control materials for water tanks."}},
			NotesDiff: []diff.Op{op("=", "Note: "), op("-", "3.C.5."), op("+", "3.C.4."), op("=", " does not control materials for water tanks.")}},
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "4.C.2.b.6", Item: 4, Category: "II", Fields: []string{}, NewText: "Hydrazine nitrate;"},
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "4.C.2.b.6", NewID: "4.C.2.b.7", Item: 4, Category: "II", Fields: []string{}},
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "4.C.2.b.7", NewID: "4.C.2.b.8", Item: 4, Category: "II", Fields: []string{}},
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "4.C.2.b.8", NewID: "4.C.2.b.9", Item: 4, Category: "II", Fields: []string{}},
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "4.C.6.d.6.c", NewID: "4.C.6.d.6.c", Item: 4, Category: "II",
			Fields: []string{diff.FieldText}, Editorial: true,
			TextDiff: []diff.Op{op("=", "Butyl-NENA (CAS 82486-82-6);"), op("-", " or")}}),
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "10.A.2", NewID: "9.A.8", Item: 9, Category: "II", Fields: []string{}},
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "10.A.3", NewID: "10.A.2", Item: 10, Category: "II",
			Fields: []string{diff.FieldText}, Editorial: true,
			TextDiff: []diff.Op{
				op("=", "Flight control servo valves designed for the systems specified in 10.A.1. or "),
				op("-", "10.A.2."), op("+", "9.A.8."),
				op("=", ", and designed to operate in a vibration environment greater than 10 g rms."),
			}}),
		withText(diff.Change{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Range", Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{
				op("=", "The greatest distance that the specified rocket system or UAV system can travel, assuming an ICAO standard atmosphere with zero wind"),
				op("+", " and no external assistance"),
				op("=", "."),
			},
			Affects: []string{"1.A.2", "2.A.1.d", "19.A.1"}}),
		{Target: diff.TargetDefinition, Kind: diff.Added, Term: "Guidance set", Fields: []string{},
			NewText: "Equipment that combines the measurement and computation of the position and velocity of a vehicle.",
			Affects: []string{"2.A.1.d"}},
		withText(diff.Change{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Microprogramme", Fields: []string{diff.FieldText}, Editorial: true,
			TextDiff: []diff.Op{op("=", "A sequence of elementary instructions held in a "), op("-", "special"), op("+", "dedicated"), op("=", " storage area.")}}),
	}
	return diff.Result{
		Schema:  diff.Schema,
		Old:     rev("MTCR/TEM/2023/Annex", "2023-06-15", "annex-2023.pdf", "pdf", strings.Repeat("ab", 32)),
		New:     rev("MTCR/TEM/2024/Annex", "2024-03-14", "annex-2024.xlsx", "xlsx", strings.Repeat("cd", 32)),
		Summary: diff.Summarize(changes),
		Changes: changes,
	}
}

// hostile is a diff whose document text tries to break out of every format:
// HTML and script injection, Markdown markup, spreadsheet formulas and
// terminal escape sequences.
func hostile() diff.Result {
	changes := []diff.Change{
		withText(diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "2.A.1", NewID: "2.A.1", Item: 2, Category: "I",
			Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{
				op("=", "Subsystems "),
				op("-", "*usable* in 1.A."),
				op("+", xssScript),
				op("=", " as follows | "+xssImg+" _x_ [link](javascript:alert(1)) & &amp; \x1b[2J"),
			}}),
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "2.A.2", Item: 2, Category: "I", Fields: []string{}, NewText: xlFormula},
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "2.A.3", Item: 2, Category: "I", Fields: []string{}, NewText: xlAt},
		{Target: diff.TargetEntry, Kind: diff.Removed, OldID: "2.A.4", Item: 2, Category: "I", Fields: []string{}, OldText: "-1 dB or +3 dB\ttab"},
		{Target: diff.TargetEntry, Kind: diff.Added, NewID: "2.A.5", Item: 2, Category: "I", Fields: []string{}, NewText: "# 1. - not a heading\n=== nor a list"},
		withText(diff.Change{Target: diff.TargetDefinition, Kind: diff.Modified, Term: `<b>Term</b>"'`, Fields: []string{diff.FieldText},
			TextDiff: []diff.Op{op("=", "A "), op("-", "<i>"), op("+", "</p><script>document.title='pwned'</script>"), op("=", " term.")},
			Affects:  []string{"2.A.1"}}),
	}
	return diff.Result{
		Schema:  diff.Schema,
		Old:     rev(`<script>alert("old")</script>`, "2023-01-01", "a<b>.pdf", "pdf", ""),
		New:     rev("=cmd|' /C calc'!A0", "2024-01-01", "b.xlsx", "xlsx", ""),
		Summary: diff.Summarize(changes),
		Changes: changes,
	}
}

// empty is a diff with no change.
func empty() diff.Result {
	return diff.Result{
		Schema: diff.Schema,
		Old:    rev("MTCR/TEM/2024/Annex", "2024-03-14", "annex-2024.pdf", "pdf", ""),
		New:    rev("MTCR/TEM/2024/Annex", "2024-03-14", "annex-2024-letter.pdf", "pdf", ""),
	}
}

// fixtures are the named diffs every format is checked against.
func fixtures() []struct {
	name string
	r    diff.Result
} {
	return []struct {
		name string
		r    diff.Result
	}{{"realistic", realistic()}, {"hostile", hostile()}, {"empty", empty()}}
}

// render runs Write and fails the test on error.
func render(t *testing.T, format string, r diff.Result, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, opt); err != nil {
		t.Fatalf("Write(%s) = %v, want nil", format, err)
	}
	return b.Bytes()
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file; run go test ./report -update and review the diff\n%s", name, firstDiff(string(got), string(want)))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

func TestFixturesAreConsistent(t *testing.T) {
	for _, fx := range fixtures() {
		for _, c := range fx.r.Changes {
			if len(c.TextDiff) == 0 {
				continue
			}
			o, n := sides(c.TextDiff)
			if o != c.OldText || n != c.NewText {
				t.Errorf("%s %s: text diff gives %q → %q, change has %q → %q", fx.name, label(c), o, n, c.OldText, c.NewText)
			}
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	err := Write(&b, "pdf", realistic(), Options{})
	if err == nil {
		t.Fatal(`Write("pdf") = nil, want an error`)
	}
	for _, f := range Formats {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("Write(\"pdf\") error %q does not list format %q", err, f)
		}
	}
	if err := Changelog(&b, "pdf", []diff.Result{realistic()}, Options{}); err == nil || !strings.Contains(err.Error(), strings.Join(ChangelogFormats, ", ")) {
		t.Errorf(`Changelog("pdf") = %v, want an error listing %s`, err, strings.Join(ChangelogFormats, ", "))
	}
	if err := Changelog(&b, "md", nil, Options{}); err == nil {
		t.Error(`Changelog("md", nil) = nil, want an error`)
	}
}

// TestGolden renders every fixture in every format and compares with the
// golden files. XLSX is compared as a text dump of what reads back.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures() {
		for _, format := range Formats {
			t.Run(fx.name+"."+format, func(t *testing.T) {
				got := render(t, format, fx.r, Options{})
				ext := format
				switch format {
				case "text":
					ext = "txt"
				case "xlsx":
					got = dumpXLSX(t, got)
					ext = "xlsx.txt"
				}
				checkGolden(t, fx.name+"."+ext, got)
			})
		}
		t.Run(fx.name+".color.txt", func(t *testing.T) {
			checkGolden(t, fx.name+".color.txt", render(t, "text", fx.r, Options{Color: true}))
		})
	}
}

func TestChangelogGolden(t *testing.T) {
	older := hostile()
	older.Old, older.New = rev("MTCR/TEM/2022/Annex", "2022-05-01", "annex-2022.pdf", "pdf", ""), realistic().Old
	results := []diff.Result{older.Filter(func(c diff.Change) bool { return c.Kind == diff.Added }), realistic()}
	for _, format := range ChangelogFormats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Changelog(&b, format, results, Options{Title: "Annex changelog"}); err != nil {
				t.Fatalf("Changelog(%s) = %v", format, err)
			}
			ext, got := format, b.Bytes()
			switch format {
			case "text":
				ext = "txt"
			case "xlsx":
				ext, got = "xlsx.txt", dumpXLSX(t, got)
			}
			checkGolden(t, "changelog."+ext, got)
			switch format {
			case "json":
				checkChangelogJSON(t, b.Bytes(), results)
				return
			case "xlsx", "csv":
				return // a change register with the revisions of each line: TestChangelogFormats
			}
			// A single diff rendered as a changelog is the same page as Write gives.
			var one bytes.Buffer
			if err := Changelog(&one, format, results[1:], Options{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(one.Bytes(), render(t, format, results[1], Options{})) {
				t.Errorf("Changelog(%s, one diff) differs from Write(%s)", format, format)
			}
		})
	}
}

// TestChangelogFormats checks that a changelog comes in every format a
// diff does, and that its change registers (CSV, XLSX) hold every change of
// every diff, newest diff first, each with the revisions it is between.
func TestChangelogFormats(t *testing.T) {
	if !slices.Equal(slices.Sorted(slices.Values(ChangelogFormats)), slices.Sorted(slices.Values(Formats))) {
		t.Errorf("ChangelogFormats = %q, want the formats of Write, %q", ChangelogFormats, Formats)
	}
	older := hostile()
	older.Old, older.New = rev("MTCR/TEM/2022/Annex", "2022-05-01", "annex-2022.pdf", "pdf", ""), realistic().Old
	results := []diff.Result{older, realistic()}
	var b bytes.Buffer
	if err := Changelog(&b, "csv", results, Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := append(registerHeader(), "Old revision", "New revision")
	if !slices.Equal(recs[0], head) {
		t.Errorf("changelog CSV header = %q, want %q", recs[0], head)
	}
	if want := 1 + len(older.Changes) + len(realistic().Changes); len(recs) != want {
		t.Fatalf("changelog CSV has %d lines, want %d", len(recs), want)
	}
	newest, oldest := recs[1], recs[len(recs)-1]
	if newest[len(head)-1] != "MTCR/TEM/2024/Annex (2024-03-14)" || oldest[len(head)-2] != "MTCR/TEM/2022/Annex (2022-05-01)" {
		t.Errorf("changelog CSV: first line between %q, last between %q; want the newest diff first", newest[len(head)-2:], oldest[len(head)-2:])
	}
	// The columns do not depend on the number of diffs.
	b.Reset()
	if err := Changelog(&b, "csv", results[1:], Options{}); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(b.String(), "\r\n"); first != strings.Join(head, ",") {
		t.Errorf("changelog CSV of one diff: header %q, want %q", first, strings.Join(head, ","))
	}
}

// checkChangelogJSON checks that a JSON changelog holds every diff, oldest
// first, each one readable again as annex-diff/1.
func checkChangelogJSON(t *testing.T, data []byte, results []diff.Result) {
	t.Helper()
	var doc struct {
		Schema string            `json:"schema"`
		Diffs  []json.RawMessage `json:"diffs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != ChangelogSchema || len(doc.Diffs) != len(results) {
		t.Fatalf("JSON changelog: schema %q, %d diffs, want %q and %d", doc.Schema, len(doc.Diffs), ChangelogSchema, len(results))
	}
	for i, raw := range doc.Diffs {
		r, err := diff.Decode(raw)
		if err != nil {
			t.Fatalf("JSON changelog: diff %d: %v", i, err)
		}
		if r.New.DocID != results[i].New.DocID || len(r.Changes) != len(results[i].Changes) {
			t.Errorf("JSON changelog: diff %d is %s with %d changes, want %s with %d", i, r.New.DocID, len(r.Changes), results[i].New.DocID, len(results[i].Changes))
		}
	}
}
