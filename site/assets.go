package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// The data scripts assign JSON to properties of one global object; JSON is
// valid script (encoding/json escapes U+2028 and U+2029), and document text
// inside a JSON string can never end the script or start markup.
// dataScript returns the script that assigns v to ANNEX[keys[0]][keys[1]]….
func dataScript(v any, keys ...string) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("var ANNEX = window.ANNEX || (window.ANNEX = {revs: {}});\nANNEX")
	for _, key := range keys {
		k, _ := json.Marshal(key)
		fmt.Fprintf(&b, "[%s]", k)
	}
	b.WriteString(" = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes(), nil
}

func (b *builder) renderAssets() error {
	b.put("assets/site.css", []byte(strings.TrimLeft(siteCSS, "\n")))
	b.put("assets/site.js", []byte(strings.TrimLeft(siteJS, "\n")))

	// Every revision's entries, each with the number of its lineage, so that
	// the script can compare any two revisions through renumbering.
	lineOf := make(map[pos]int)
	type revInfo struct {
		Label string `json:"label"`
		DocID string `json:"doc_id"`
		Date  string `json:"date"`
		Data  string `json:"data"`
		Page  string `json:"page"`
		Pair  string `json:"pair,omitempty"` // the pair page from the previous revision
	}
	var infos []revInfo
	forms := formCache{}
	for i, r := range b.revs {
		var rows [][6]any
		for _, id := range b.lin.ids[i] {
			s := b.lin.startOf(pos{i, id})
			n, ok := lineOf[s]
			if !ok {
				n = len(lineOf)
				lineOf[s] = n
			}
			e := b.lin.idx[i][id]
			rows = append(rows, [6]any{id, n, e.Text, notesText(e.Notes), forms.text(e.Text), forms.notes(e.Notes)})
		}
		data, err := dataScript(rows, "revs", r.Label)
		if err != nil {
			return err
		}
		b.put(revData(r.Label), data)
		info := revInfo{Label: r.Label, DocID: r.DocID, Date: r.Date, Data: revData(r.Label), Page: revPage(r.Label)}
		if i > 0 {
			info.Pair = pairPage(pairName(i-1, b.revs))
		}
		infos = append(infos, info)
	}
	type entryInfo struct {
		Files map[string]string `json:"files"`
		Revs  []revInfo         `json:"revisions"`
	}
	idx, err := dataScript(entryInfo{Files: b.idFile, Revs: infos}, "index")
	if err != nil {
		return err
	}
	b.put("data/index.js", idx)

	// The search index: every id with its page and the latest text and
	// notes it numbered.
	last := make(map[string]*model.Entry)
	for i := range b.revs {
		for id, e := range b.lin.idx[i] {
			last[id] = e
		}
	}
	rows := make([][3]string, 0, len(b.ids))
	for _, id := range b.ids {
		e := last[id]
		text := e.Text
		if n := notesText(e.Notes); n != "" {
			text += "\n" + n
		}
		rows = append(rows, [3]string{id, b.idFile[id], text})
	}
	search, err := dataScript(rows, "search")
	if err != nil {
		return err
	}
	b.put("data/search.js", search)
	return nil
}

// formCache gives what the compare page's script reads of a text to tell
// a change that is only editorial (diff.EditorialForm), each text's worked
// out once: most texts are the same in every revision.
type formCache map[string]string

// text returns a hash of the text's form and its closing conjunction,
// "hash|conj".
func (c formCache) text(s string) string {
	if f, ok := c[s]; ok {
		return f
	}
	form, conj := diff.EditorialForm(s)
	f := formHash(form) + "|" + conj
	c[s] = f
	return f
}

// notes returns the form of each note, its kind and label in the hash,
// joined by ";".
func (c formCache) notes(notes []model.Note) string {
	parts := make([]string, len(notes))
	for i, n := range notes {
		f := c.text(n.Text)
		hash, conj, _ := strings.Cut(f, "|")
		parts[i] = formHash(n.Kind+"\x00"+n.Label+"\x00"+hash) + "|" + conj
	}
	return strings.Join(parts, ";")
}

// formHash is a short hash of s: 9 bytes of its SHA-256, in URL-safe base64
// (no "|" or ";").
func formHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}
