// Package sanitize is the one sanitiser of annex's writers: every text
// output, report, export, spreadsheet and error message passes document text
// (and register cells, file names, store labels) through it before writing.
//
// Parsers already remove control characters and bidirectional formatting
// characters from the text they read (textnorm.Clean), so a parsed model
// holds none; what still brings them is a saved model edited by hand, a
// register's cells, a file name, an error from a library. Such characters
// could drive a terminal (ESC sequences, BEL), hide or reorder text (U+202E
// and the other bidi controls), cut a line or a file short (NUL, CR). They
// are never dropped silently, since a reader must see that they were there:
// each is shown as a visible escape, \x1b for those below U+0100 and \u202e
// for the others. The functions differ only in what a format may keep as is
// (a line feed in plain text, a tab in a cell) and in the markup it needs
// escaped (Markdown) or defused (a spreadsheet formula).
package sanitize

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Hidden reports whether r must never be written as is: the C0 controls (tab,
// line feed and carriage return included; each function says which of these
// it keeps), DEL, the C1 controls, the line and paragraph separators, and the
// bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A to
// U+202E, U+2066 to U+2069).
func Hidden(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r < 0x61c:
		return false
	}
	switch r {
	case 0x61c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

// Escape returns the visible form of r: \x1b below U+0100, \u202e above.
func Escape(r rune) string {
	if r < 0x100 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Show returns s with every Hidden rune shown as its Escape, except the runes
// of keep, which are kept as they are. Invalid UTF-8 is kept as it is; the
// writers of JSON, XML and HTML replace it.
func Show(s, keep string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return Hidden(r) && !strings.ContainsRune(keep, r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if Hidden(r) && !strings.ContainsRune(keep, r) {
			b.WriteString(Escape(r))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Text is for terminals and plain-text files: every Hidden rune is shown but
// the line feed.
func Text(s string) string { return Show(s, "\n") }

// Line is for one line, such as an error message or a label: every Hidden
// rune is shown, the line feed too.
func Line(s string) string { return Show(s, "") }

// Cell is for a spreadsheet cell (XLSX): every Hidden rune is shown but the
// tab and the line feed, which a cell may hold.
func Cell(s string) string { return Show(s, "\t\n") }

// CSV is for a CSV field: Cell, and an apostrophe before a field that a
// spreadsheet program would run as a formula (one starting with =, +, -, @, a
// tab or a carriage return).
func CSV(s string) string {
	s = Cell(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Markdown is for inline Markdown on one line: Hidden runes are shown, line
// breaks become spaces, and the characters that could start markup or raw
// HTML (\ ` * _ [ ] < > | ~ & !) are backslash-escaped, so that a cell such
// as ![b](http://…) stays text. The backslash of a shown escape is escaped
// too, so that it reads \x1b once rendered.
func Markdown(s string) string {
	var b strings.Builder
	for _, r := range Show(s, "\n") {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!':
			b.WriteByte('\\')
		case '\n':
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MarkdownBlock is Markdown for a whole line of a block: a line that would
// start a block of its own (heading, list item, thematic break, setext
// underline, ordered list marker, indented code) is defused.
func MarkdownBlock(s string) string { return DefuseBlock(Markdown(s)) }

// DefuseBlock escapes what would make a line already escaped with Markdown
// start a block of its own: a heading, list item, thematic break, setext
// underline or ordered list marker, and leading spaces that would make code.
func DefuseBlock(s string) string {
	t := strings.TrimLeft(s, " \t")
	if t == "" {
		return s
	}
	switch t[0] {
	case '#', '-', '+', '=':
		return "\\" + t
	}
	i := 0
	for i < len(t) && i < 10 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') && (i+1 == len(t) || t[i+1] == ' ') {
		return t[:i] + "\\" + t[i:]
	}
	return t
}

// MarkdownCell is for a cell of a Markdown table: each line is Markdown (the
// pipe is among the escaped characters) and line breaks become <br>. An
// empty cell is one space.
func MarkdownCell(s string) string {
	if s == "" {
		return " "
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	for i, l := range lines {
		lines[i] = Markdown(l)
	}
	return strings.Join(lines, "<br>")
}
