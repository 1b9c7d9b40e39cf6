package pdf

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/pdf/internal/bigpdf"
)

// TestGuessesKeepAnswers: Parse, which guesses the running headers and the
// scheme from the pages read so far and reads the document again when a
// guess was wrong, answers as build does knowing the whole document, for
// every distance it reads ahead of the builder and every number of bytes it
// holds uncounted (words): on the samples, a generated annex, contents
// lists of every style and the files the parser must refuse. With one page
// read ahead, or nothing held, guesses go wrong and the second pass is
// taken.
func TestGuessesKeepAnswers(t *testing.T) {
	inputs := answerInputs(t)
	for _, style := range []contentsStyle{contentsNone, contentsLeadersNumbers, contentsLeadersNoNumber, contentsPlain, contentsPlainNoHeading, contentsDetailed, contentsSamePage} {
		pages, _ := frontMatterAnnex(20, style)
		inputs[fmt.Sprintf("contents style %d", style)] = minimalPDF(pages, "")
	}
	for _, tc := range inconsistentCases() {
		inputs[tc.name] = minimalPDF(tc.pages, "")
	}
	want := map[string]string{}
	for name, data := range inputs {
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a, err := build(doc, nil)
		want[name] = answer(a, err)
	}
	defer func(n, h int) { readAhead, holdLimit = n, h }(readAhead, holdLimit)
	for _, tc := range []struct{ ahead, hold int }{{1, 1 << 20}, {2, 0}, {3, 200}, {5, 1 << 20}, {64, 0}, {64, 1 << 20}} {
		readAhead, holdLimit = tc.ahead, tc.hold
		before := parses.Load()
		for name, data := range inputs {
			a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
			if got := answer(a, err); got != want[name] {
				t.Errorf("read ahead %d, hold %d: %s: Parse = %.300s; build knowing the document = %.300s", tc.ahead, tc.hold, name, got, want[name])
			}
		}
		again := parses.Load() - before - int64(len(inputs))
		t.Logf("read ahead %d pages, hold %d bytes: %d passes over %d documents beyond the first", tc.ahead, tc.hold, again, len(inputs))
		if (tc.ahead == 1 || tc.hold == 0) && again <= 1 {
			t.Errorf("read ahead %d pages, hold %d bytes: %d passes beyond the first; the guesses are not checked", tc.ahead, tc.hold, again)
		}
	}
}

// answerInputs returns the samples of every producer and a generated
// annex of 40 pages, by name.
func answerInputs(t *testing.T) map[string][]byte {
	inputs := map[string][]byte{}
	for _, name := range []string{"sample-2023.pdf", "sample-2024.pdf", "sample-2024-letter.pdf", "eu-military-list-2020-no.pdf", "eu/eu9-2026.pdf"} {
		inputs[name] = readSample(t, name)
	}
	big, _, err := bigpdf.Bytes(bigpdf.Annex(3, 40))
	if err != nil {
		t.Fatal(err)
	}
	inputs["bigpdf"] = big
	return inputs
}

// answer is what Parse answers, for comparisons: the error, or the model.
func answer(a *model.Annex, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	return fmt.Sprintf("%#v", *a)
}

// TestBuildIsParse: a document of at most readAhead pages is never guessed
// about: Parse reads it once and answers as build.
func TestBuildIsParse(t *testing.T) {
	data := readSample(t, "sample-2024.pdf")
	before := parses.Load()
	got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := parses.Load() - before; n != 1 {
		t.Errorf("Parse read the sample %d times, want once", n)
	}
	doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := build(doc, nil)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("build = %v, %v; want Parse's model", summary(want), err)
	}
}

// FuzzGuessesKeepAnswers lays lines of text out on pages of 12 lines ("\f"
// starts a new one) and parses them reading one page ahead and holding no
// line uncounted, so that every guess is checked: Parse must answer as
// build does over the whole document. Seeds are the generated annexes of
// the contents-list tests.
func FuzzGuessesKeepAnswers(f *testing.F) {
	addAnnexSeeds(f, contentsNone, contentsLeadersNoNumber, contentsPlain, contentsDetailed)
	f.Fuzz(func(t *testing.T, text string) {
		data, ok := textPDF(text, 12)
		if !ok {
			return
		}
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
		if err != nil {
			return
		}
		a, err := build(doc, nil)
		want := answer(a, err)
		defer func(n, h int) { readAhead, holdLimit = n, h }(readAhead, holdLimit)
		readAhead, holdLimit = 1, 0
		a, err = Parse(bytes.NewReader(data), int64(len(data)), Options{})
		if got := answer(a, err); got != want {
			t.Fatalf("Parse = %.300s\nbuild knowing the document = %.300s", got, want)
		}
	})
}
