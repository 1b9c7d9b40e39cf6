package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"
)

// TestMain registers the real main as the "annex" command of the scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"annex": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script. Each script
// sees the repository's fixtures as $TESTDATA and the damaged PDFs of
// parse/pdf as $BADPDF.
func TestScripts(t *testing.T) {
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	badPDF, err := filepath.Abs("../../parse/pdf/testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("TESTDATA", td)
			e.Setenv("BADPDF", badPDF)
			e.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"mkxlsx": mkxlsx},
	})
}

// mkxlsx is the script command `mkxlsx OUT.xlsx SHEET=FILE.csv...`: it writes
// a workbook with one sheet per argument, in order, each holding the cells of
// a CSV file of the script as text.
func mkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkxlsx OUT.xlsx SHEET=FILE.csv...")
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, arg := range args[1:] {
		name, file, ok := strings.Cut(arg, "=")
		if !ok {
			ts.Fatalf("mkxlsx: want SHEET=FILE.csv, got %q", arg)
		}
		if i == 0 {
			ts.Check(f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			ts.Check(err)
		}
		rd := csv.NewReader(strings.NewReader(ts.ReadFile(file)))
		rd.FieldsPerRecord = -1
		rows, err := rd.ReadAll()
		ts.Check(err)
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				ts.Check(f.SetCellStr(name, cell, v))
			}
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}

func TestReorder(t *testing.T) {
	app := newApp(&env{stdin: os.Stdin, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	app.Commands = append(app.Commands, &cli.Command{Name: "x", Flags: []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}},
		&cli.BoolFlag{Name: "force"},
	}})
	tests := []struct{ in, want []string }{
		{[]string{"annex", "x", "a", "--format", "json"}, []string{"annex", "x", "--format", "json", "--", "a"}},
		{[]string{"annex", "x", "a", "-f=json", "b", "--force"}, []string{"annex", "x", "-f=json", "--force", "--", "a", "b"}},
		{[]string{"annex", "x", "-", "--force"}, []string{"annex", "x", "--force", "--", "-"}},
		{[]string{"annex", "x", "--", "-odd-name"}, []string{"annex", "x", "--", "-odd-name"}},
		{[]string{"annex", "--version"}, []string{"annex", "--version"}},
		{[]string{"annex", "nosuch", "a", "-f", "x"}, []string{"annex", "nosuch", "a", "-f", "x"}},
	}
	for _, tt := range tests {
		if got, err := reorder(app, tt.in); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("reorder(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
	// A flag that takes a value must get one.
	for _, in := range [][]string{
		{"annex", "x", "a", "--format"},
		{"annex", "x", "a", "--format", "--"},
		{"annex", "x", "-f", "--force", "a"},
		{"annex", "x", "-f", "-f=json"},
	} {
		if got, err := reorder(app, in); err == nil {
			t.Errorf("reorder(%q) = %q, want an error", in, got)
		}
	}
}
