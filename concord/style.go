package concord

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/model"
)

// Style is how a list writes numbers, read from its own text.
type Style struct {
	DecimalComma bool   // "0,15 kg" rather than "0.15 kg"
	Thousands    string // the thousands separator: ",", " " or "" (none seen)
}

// AnnexStyle is how the MTCR annex writes numbers: "8,890 N", "0.15 kg".
var AnnexStyle = Style{Thousands: ","}

var (
	// A decimal comma beyond doubt: one, two or four and more digits after
	// it ("0,15", "1,1 MNs"); three digits ("8,890") could be thousands.
	decimalCommaRE = regexp.MustCompile(`\d,(?:\d{1,2}|\d{4,})\b`)
	decimalPointRE = regexp.MustCompile(`\d\.\d`)
	thousandsSpRE  = regexp.MustCompile(`\b\d{1,3}(?: \d{3})+\b`)
	thousandsCoRE  = regexp.MustCompile(`\b\d{1,3}(?:,\d{3})+\b`)
)

// DetectStyle reads the number style of a list from the texts of its
// entries and notes: whichever of decimal comma and decimal point occurs
// more, and the thousands separator that goes with it. A list that shows
// neither is taken to write numbers as the annex does.
func DetectStyle(a *model.Annex) Style {
	var comma, point, sp, co int
	a.Walk(func(n model.Node) bool {
		texts := []string{n.Entry.Text}
		for _, nt := range n.Entry.Notes {
			texts = append(texts, nt.Text)
		}
		for _, t := range texts {
			t = stripRefs(t)
			comma += len(decimalCommaRE.FindAllStringIndex(t, -1))
			point += len(decimalPointRE.FindAllStringIndex(t, -1))
			sp += len(thousandsSpRE.FindAllStringIndex(t, -1))
			co += len(thousandsCoRE.FindAllStringIndex(t, -1))
		}
		return true
	})
	st := Style{DecimalComma: comma > point}
	switch {
	case st.DecimalComma:
		st.Thousands = " " // printed so, or the usual pair with a decimal comma
	case co > 0:
		st.Thousands = ","
	case sp > 0:
		st.Thousands = " "
	default:
		st.Thousands = ","
	}
	return st
}

// stripRefs blanks the cross references of a text so that their dots and
// digits are not read as numbers.
func stripRefs(s string) string {
	for _, sp := range refSpans(s) {
		s = s[:sp[0]] + strings.Repeat("x", sp[1]-sp[0]) + s[sp[1]:]
	}
	return s
}

// number is a number found in a text: its span and value parts.
type number struct {
	start, end int
	intPart    string // digits only
	frac       string // digits after the decimal mark, "" if none
}

// numbers finds the numbers of s as written in style st, skipping digits that
// belong to words, ids and cross references.
func numbers(s string, st Style) []number {
	var out []number
	blank := stripRefs(s)
	dec := byte('.')
	if st.DecimalComma {
		dec = ','
	}
	for i := 0; i < len(blank); {
		c := blank[i]
		if c < '0' || c > '9' {
			i++
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(blank[:i])
			if unicode.IsLetter(r) || r == '.' || r == ',' || r == '-' || r == '/' {
				for i < len(blank) && blank[i] >= '0' && blank[i] <= '9' {
					i++
				}
				continue
			}
		}
		start := i
		var ip strings.Builder
		j := i
		for j < len(blank) && blank[j] >= '0' && blank[j] <= '9' {
			j++
		}
		ip.WriteString(blank[i:j])
		// thousands groups
		if st.Thousands != "" && j-start <= 3 {
			sep := st.Thousands[0]
			for j+4 <= len(blank) && blank[j] == sep && allDigits(blank[j+1:j+4]) && (j+4 == len(blank) || blank[j+4] < '0' || blank[j+4] > '9') {
				ip.WriteString(blank[j+1 : j+4])
				j += 4
			}
		}
		n := number{start: start, intPart: ip.String()}
		if j+1 < len(blank) && blank[j] == dec && blank[j+1] >= '0' && blank[j+1] <= '9' {
			k := j + 1
			for k < len(blank) && blank[k] >= '0' && blank[k] <= '9' {
				k++
			}
			// "2.A" or "1.1.2" are not decimals.
			if !(k < len(blank) && (blank[k] == '.' || blank[k] == ',') && k+1 < len(blank) && blank[k+1] >= '0' && blank[k+1] <= '9') {
				n.frac = blank[j+1 : k]
				j = k
			}
		}
		if j < len(blank) && unicode.IsLetter(rune(blank[j])) && j-start == 1 && blank[j] >= 'A' && blank[j] <= 'E' {
			// "9A101": a control code, not a number
			for j < len(blank) && (blank[j] >= '0' && blank[j] <= '9' || blank[j] >= 'A' && blank[j] <= 'Z') {
				j++
			}
			i = j
			continue
		}
		n.end = j
		out = append(out, n)
		i = j
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// format writes a number in style st.
func (st Style) format(n number) string {
	ip := n.intPart
	if st.Thousands != "" && len(ip) > 3 {
		var b strings.Builder
		lead := len(ip) % 3
		if lead > 0 {
			b.WriteString(ip[:lead])
		}
		for k := lead; k < len(ip); k += 3 {
			if b.Len() > 0 {
				b.WriteString(st.Thousands)
			}
			b.WriteString(ip[k : k+3])
		}
		ip = b.String()
	}
	if n.frac == "" {
		return ip
	}
	if st.DecimalComma {
		return ip + "," + n.frac
	}
	return ip + "." + n.frac
}

// Convert rewrites the numbers of s from style from to style to. Numbers
// written without a thousands separator keep their digits as they are.
func Convert(s string, from, to Style) string {
	if from == to {
		return s
	}
	ns := numbers(s, from)
	if len(ns) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, n := range ns {
		b.WriteString(s[last:n.start])
		printed := s[n.start:n.end]
		if strings.ContainsAny(printed, ", ") || n.frac != "" {
			b.WriteString(to.format(n))
		} else {
			b.WriteString(printed)
		}
		last = n.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// values returns the numbers of s, as written in style st, as canonical
// strings ("8890", "0.15"), for comparison across styles.
func values(s string, st Style) []string {
	var out []string
	for _, n := range numbers(s, st) {
		v := n.intPart
		if n.frac != "" {
			v += "." + n.frac
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			v = strconv.FormatFloat(f, 'g', -1, 64)
		}
		out = append(out, v)
	}
	return out
}
