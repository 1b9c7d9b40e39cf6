package xlsx

import (
	"strings"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// readDefinitions reads the first sheet other than the entries sheet whose
// header names a term and a definition. A row without a term continues the
// definition above. Without a scope column, a parenthesised scope after the
// term ("Accuracy (Items 2, 9 and 11)") is split off.
func (p *parser) readDefinitions(sheets []string) ([]model.Definition, error) {
	for _, s := range sheets {
		if s == p.sheet {
			continue
		}
		head, err := p.head(s)
		if err != nil {
			return nil, err
		}
		hr, roles := findHeader(head, definitionSynonyms, roleTerm, roleDefinition)
		if hr < 0 {
			continue
		}
		var defs []model.Definition
		at := func(cells []string, role string) string {
			if c, ok := roles[role]; ok && c < len(cells) {
				return cells[c]
			}
			return ""
		}
		err = p.sheetRows(s, func(row int, cells []string) (bool, error) {
			if row-1 <= hr {
				return true, nil
			}
			term := unquote(textnorm.Clean(at(cells, roleTerm)))
			text := textnorm.Clean(at(cells, roleDefinition))
			scope := textnorm.Clean(at(cells, roleScope))
			if term == "" {
				if text != "" && len(defs) > 0 {
					d := &defs[len(defs)-1]
					d.Text = textnorm.Clean(d.Text + " " + text)
				}
				return true, nil
			}
			if _, has := roles[roleScope]; !has {
				term, scope = splitScope(term)
			}
			scope = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(scope, "("), ")"))
			defs = append(defs, model.Definition{Term: term, Scope: scope, Text: text})
			return true, nil
		})
		return defs, err
	}
	return nil, nil
}

// unquote drops quotes around a term and a colon after it.
func unquote(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	return strings.Trim(s, "\"'“”‘’")
}

// splitScope splits `Accuracy (Items 2, 9 and 11)` into the term and scope.
func splitScope(term string) (string, string) {
	if !strings.HasSuffix(term, ")") {
		return term, ""
	}
	i := strings.LastIndex(term, "(")
	if i <= 0 {
		return term, ""
	}
	return unquote(strings.TrimSpace(term[:i])), strings.TrimSpace(term[i+1 : len(term)-1])
}
