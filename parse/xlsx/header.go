package xlsx

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// Column roles of the entries sheet and of the definitions sheet.
const (
	roleID       = "id"
	roleText     = "text"
	roleNotes    = "notes"
	roleCategory = "category"

	roleTerm       = "term"
	roleDefinition = "definition"
	roleScope      = "scope"
)

// entryRoles are the roles a user may set with Options.Columns.
var entryRoles = []string{roleID, roleText, roleNotes, roleCategory}

// synonyms maps a normalised header (lower case, punctuation dropped, single
// spaces) to a role.
var entrySynonyms = map[string]string{
	"entry": roleID, "entry no": roleID, "entry number": roleID, "entry id": roleID,
	"item": roleID, "item no": roleID, "item number": roleID,
	"control no": roleID, "control number": roleID, "control id": roleID,
	"control code": roleID, "control list code": roleID, "ml code": roleID,
	"number": roleID, "no": roleID, "nr": roleID, "id": roleID, "ref": roleID, "reference": roleID,

	"description": roleText, "text": roleText, "control text": roleText, "entry text": roleText,
	"item text": roleText, "wording": roleText,

	"notes": roleNotes, "note": roleNotes, "remarks": roleNotes, "remark": roleNotes,
	"notes and remarks": roleNotes,

	"category": roleCategory, "cat": roleCategory, "mtcr category": roleCategory,
}

var definitionSynonyms = map[string]string{
	"term": roleTerm, "defined term": roleTerm, "definition term": roleTerm,

	"definition": roleDefinition, "meaning": roleDefinition, "text": roleDefinition,
	"description": roleDefinition, "definition text": roleDefinition,

	"scope": roleScope, "applies to": roleScope, "items": roleScope, "used in": roleScope,
}

// headerScanRows is how many rows from the top are searched for a header.
const headerScanRows = 30

// normHeader lower-cases a header and reduces punctuation to single spaces:
// "Control No." becomes "control no".
func normHeader(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// matchHeader maps the cells of one row to roles by their names. It returns
// the column index (0-based) of each role found; the first column with a
// role wins.
func matchHeader(cells []string, synonyms map[string]string) map[string]int {
	cols := make(map[string]int)
	for i, c := range cells {
		role, ok := synonyms[normHeader(c)]
		if !ok {
			continue
		}
		if _, dup := cols[role]; !dup {
			cols[role] = i
		}
	}
	return cols
}

// parseColumns checks the user's column overrides and turns letters into
// 0-based indexes.
func parseColumns(m map[string]string) (map[string]int, error) {
	out := make(map[string]int, len(m))
	for role, letters := range m {
		r := strings.ToLower(strings.TrimSpace(role))
		known := false
		for _, k := range entryRoles {
			known = known || k == r
		}
		if !known {
			return nil, fmt.Errorf("unknown column role %q (want %s)", role, strings.Join(entryRoles, ", "))
		}
		n, err := excelize.ColumnNameToNumber(strings.ToUpper(strings.TrimSpace(letters)))
		if err != nil {
			return nil, fmt.Errorf("column for %s: %q is not a column letter", r, letters)
		}
		out[r] = n - 1
	}
	return out, nil
}

// headerLike collects short distinct cell values from the first rows, to
// show in the message of a missing header.
func headerLike(rows [][]string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, row := range rows {
		for _, c := range row {
			c = strings.Join(strings.Fields(c), " ")
			if c == "" || len([]rune(c)) > 30 || seen[c] {
				continue
			}
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

func describeList(vals []string, n int) string {
	if len(vals) == 0 {
		return "no short values"
	}
	q := make([]string, 0, n)
	for i, v := range vals {
		if i == n {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", v))
	}
	return strings.Join(q, ", ")
}

func sortedKeys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
