package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
)

func TestMarkdown(t *testing.T) {
	a := &model.Annex{
		Meta:        model.Meta{DocID: "MTCR/TEM/2024/Annex", Date: "2024-03-14", Title: "Equipment, Software and Technology Annex"},
		Definitions: []model.Definition{{Term: "Range", Scope: "Items 1 and 19", Text: "The greatest distance."}},
		Items: []model.Item{
			{Number: 1, Category: "I", Title: "COMPLETE DELIVERY SYSTEMS", Groups: []model.Group{
				{Letter: "A", Title: "EQUIPMENT", Entries: []model.Entry{{
					ID: "1.A.1", Text: "Rocket systems <script>alert(1)</script> of *500 kg*",
					Notes:    []model.Note{{Kind: model.KindTechnicalNote, Label: "1", Text: "# not a heading"}},
					Children: []model.Entry{{ID: "1.A.1.a", Text: "Stages;"}},
				}}},
				{Letter: "C", Title: "MATERIALS"},
				{Letter: "D", Title: "SOFTWARE", Notes: []model.Note{{Kind: model.KindNote, Label: "<img src=x onerror=alert(1)>", Text: "Group note."}}},
			}},
			{Number: 5, Category: "II", Title: "RESERVED FOR FUTURE USE", Reserved: true},
		},
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, a); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"# Equipment, Software and Technology Annex\n",
		"MTCR/TEM/2024/Annex · 2024-03-14\n",
		`- **"Range"** (Items 1 and 19): The greatest distance.`,
		"## Category I\n",
		"### Item 1: COMPLETE DELIVERY SYSTEMS\n",
		"#### 1.A. EQUIPMENT\n",
		`- **1.A.1.** Rocket systems \<script\>alert(1)\</script\> of \*500 kg\*`,
		"  - *Technical Note 1:* \\# not a heading\n",
		"  - **1.A.1.a.** Stages;\n",
		"#### 1.C. MATERIALS\n\nNone.\n",
		"## Category II\n\n### Item 5: RESERVED FOR FUTURE USE\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown output lacks %q; got:\n%s", want, got)
		}
	}
	if regexp.MustCompile(`(^|[^\\])<`).MatchString(got) {
		t.Errorf("Markdown output holds a raw <:\n%s", got)
	}
}

// TestExportShowsControls exports a model whose text holds control and bidi
// characters (as a saved model edited by hand may) to Markdown and XLSX: none
// reaches the output, each is shown as an escape.
func TestExportShowsControls(t *testing.T) {
	const ctl = "esc\x1b[2J bel\a rlo\u202eabc nul\x00"
	a := &model.Annex{
		Meta:        model.Meta{DocID: "DOC\u202e", Date: "2024-03-14", Title: "T\x1b"},
		Definitions: []model.Definition{{Term: "Range\a", Text: ctl}},
		Items: []model.Item{{Number: 1, Category: "I", Title: "ITEM\x1b", Groups: []model.Group{{Letter: "A", Title: "G",
			Entries: []model.Entry{{ID: "1.A.1", Text: ctl, Notes: []model.Note{{Kind: model.KindNote, Text: "plain"}}}}}}}},
	}
	// (Notes holding controls are refused by XLSX: they would not read back.)
	var md, xl bytes.Buffer
	if err := Markdown(&md, a); err != nil {
		t.Fatal(err)
	}
	if err := XLSX(&xl, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(xl.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cells []string
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			cells = append(cells, r...)
		}
	}
	for name, out := range map[string]string{"md": md.String(), "xlsx": strings.Join(cells, "\n")} {
		if i := strings.IndexFunc(out, func(r rune) bool { return sanitize.Hidden(r) && r != '\n' && r != '\t' }); i >= 0 {
			t.Errorf("%s output holds %U: %q", name, []rune(out[i:])[0], out[max(0, i-20):min(len(out), i+20)])
		}
		for _, want := range []string{"x1b", "x07", "u202e", "x00"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s output does not show %s", name, want)
			}
		}
	}
}
