package export

import (
	"bytes"
	"strings"
	"testing"

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
	if strings.Contains(got, "<script>") {
		t.Errorf("Markdown output holds a raw <script>:\n%s", got)
	}
}
