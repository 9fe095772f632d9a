package htmltext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text turns sanitised HTML (as the readers produce for descriptions and
// bios) into plain text, for calendar descriptions, other text-only formats
// and search: paragraphs and headings are separated by a blank line, <br>
// and list items start a new line (items with "- "), a link whose text is
// not its address is followed by the address in parentheses, character
// references are decoded (see Unescape), the content of <script> and <style>
// is dropped and runs of white space collapse as a browser would show them.
// Inline tags (<em>, <strong>, <code>, …) vanish without a space, as on the
// page; a '<' that no '>' follows is text.
//
// It is a small scanner, not an HTML parser, so that the wasm need not carry
// one; it expects the well-formed output of the sanitiser.
func Text(html string) string {
	if strings.IndexByte(html, '<') < 0 && strings.IndexByte(html, '&') < 0 && !hasSpaceToFold(html) && utf8.ValidString(html) {
		return html
	}
	return string(AppendText(nil, html))
}

// hasSpaceToFold reports whether Text would change s, a string without '<'
// or '&', through white space: leading or trailing space, a run of two, or
// a space other than ' '.
func hasSpaceToFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return true
		}
	}
	return false
}

// AppendText appends Text(html) to dst and returns the extended slice. It
// allocates only when dst is too small, and for links.
func AppendText(dst []byte, html string) []byte {
	p := plain{b: dst, base: len(dst)}
	s := html
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			p.text(s)
			break
		}
		p.text(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			p.text(s) // a stray '<' is text
			break
		}
		p.tag(s[1:end])
		s = s[end+1:]
	}
	return p.finish()
}

type plain struct {
	b     []byte
	base  int    // len(b) on entry: what came before is not ours
	pre   int    // depth of <pre>
	skip  int    // depth of <script>/<style>
	brk   int    // pending line breaks: 1 = new line, 2 = blank line
	space bool   // pending space
	stack []link // open <a> elements
}

// link is an open <a>: its href and where its text began.
type link struct {
	href string
	at   int
}

func (p *plain) text(s string) {
	if p.skip > 0 || s == "" {
		return
	}
	if p.pre > 0 {
		p.flush()
		p.b = AppendUnescape(p.b, s)
		return
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:]) // invalid UTF-8 becomes U+FFFD
		} else if r == '&' {
			if j := strings.IndexByte(s[i:], ';'); j > 1 && j <= 10 {
				if e, ok := Entity(s[i+1 : i+j]); ok {
					r, n = e, j+1
				}
			}
		}
		i += n
		if r < utf8.RuneSelf && isSpace(byte(r)) {
			p.space = true
			continue
		}
		p.flush()
		p.b = utf8.AppendRune(p.b, r)
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// flush writes the pending line breaks or space before new text.
func (p *plain) flush() {
	if len(p.b) > p.base {
		switch {
		case p.brk > 0:
			p.b = append(p.b, "\n\n"[:p.brk]...)
		case p.space && p.b[len(p.b)-1] != ' ':
			p.b = append(p.b, ' ')
		}
	}
	p.brk, p.space = 0, false
}

// breakLines asks for at least n line breaks before the next text.
func (p *plain) breakLines(n int) {
	if n > p.brk {
		p.brk = n
	}
	p.space = false
}

func (p *plain) tag(t string) {
	closing := strings.HasPrefix(t, "/")
	t = strings.TrimPrefix(t, "/")
	name := t
	if i := indexByteIn(t, " \t\r\n/"); i >= 0 {
		name = t[:i]
	}
	switch tagKind(lower(name)) {
	case 's':
		if closing {
			if p.skip > 0 {
				p.skip--
			}
		} else if !strings.HasSuffix(t, "/") {
			p.skip++
		}
	case 'b':
		// Each <br> adds a line break, up to a blank line.
		p.brk = min(p.brk+1, 2)
		p.space = false
	case 'P':
		p.breakLines(2)
	case 'r':
		p.breakLines(2)
		if closing {
			if p.pre > 0 {
				p.pre--
			}
		} else {
			p.pre++
		}
	case 'l':
		p.breakLines(1)
		if !closing {
			p.flush()
			p.b = append(p.b, "- "...)
		}
	case 'L':
		p.breakLines(1)
	case 'c':
		if !closing {
			p.space = len(p.b) > p.base
		}
	case 'a':
		if !closing {
			p.stack = append(p.stack, link{attr(t, "href"), len(p.b)})
		} else if n := len(p.stack); n > 0 {
			l := p.stack[n-1]
			p.stack = p.stack[:n-1]
			if l.href != "" && !strings.HasPrefix(l.href, "#") {
				shown := p.b[min(max(l.at, p.base), len(p.b)):]
				trimmed := bytes.TrimSpace(shown)
				if string(trimmed) != l.href && strings.TrimPrefix(l.href, "mailto:") != string(trimmed) {
					if len(shown) == 0 {
						p.flush()
						p.b = append(p.b, l.href...)
					} else {
						p.b = append(p.b, " ("...)
						p.b = append(p.b, l.href...)
						p.b = append(p.b, ')')
					}
				}
			}
		}
	}
}

// tagKinds lists the tags that Text acts on, each with its kind: s skips its
// content, b breaks a line, P a paragraph, r is preformatted, l a list item,
// L a line, c a cell, a a link. A table takes less of the wasm than a switch
// on strings.
const tagKinds = " script:s style:s br:b p:P div:P h1:P h2:P h3:P h4:P h5:P h6:P blockquote:P ul:P ol:P table:P hr:P" +
	" section:P article:P figure:P dl:P pre:r li:l tr:L dt:L dd:L td:c th:c a:a "

// tagKind returns the kind of the lower-case tag name in tagKinds, or 0.
func tagKind(name string) byte {
	// A name never holds a space (the caller cuts it there), so it matches
	// one whole entry or none.
	if i := strings.Index(tagKinds, " "+name+":"); i >= 0 {
		return tagKinds[i+len(name)+2]
	}
	return 0
}

func (p *plain) finish() []byte {
	for len(p.b) > p.base && (p.b[len(p.b)-1] == ' ' || p.b[len(p.b)-1] == '\n') {
		p.b = p.b[:len(p.b)-1]
	}
	return p.b
}

// lower is strings.ToLower, which would bring strings.Map into the wasm for
// this package alone: ASCII without upper case comes back as is, anything
// else is rebuilt rune by rune with unicode.ToLower, each invalid byte
// becoming U+FFFD as in strings.Map.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			b := append(make([]byte, 0, len(s)+utf8.UTFMax), s[:i]...)
			for _, r := range s[i:] {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
			return string(b)
		}
	}
	return s
}

// indexByteIn is strings.IndexAny for a set of ASCII bytes, without its
// Unicode code: the index of the first byte of s in set, or -1.
func indexByteIn(s, set string) int {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) >= 0 {
			return i
		}
	}
	return -1
}

// trimBlank is strings.TrimLeft(s, " \t\r\n") without its cutset code.
func trimBlank(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') {
		s = s[1:]
	}
	return s
}

// attr returns the value of the named attribute in a tag's source.
func attr(t, name string) string {
	low := lower(t)
	for from := 0; ; {
		i := strings.Index(low[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i > 0 && !isSpace(low[i-1]) {
			continue
		}
		rest := trimBlank(t[from:])
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = trimBlank(rest[1:])
		if rest == "" {
			return ""
		}
		var v string
		if q := rest[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(rest[1:], q)
			if end < 0 {
				v = rest[1:]
			} else {
				v = rest[1 : 1+end]
			}
		} else {
			end := indexByteIn(rest, " \t\r\n")
			if end < 0 {
				end = len(rest)
			}
			v = rest[:end]
		}
		return Unescape(v)
	}
}
