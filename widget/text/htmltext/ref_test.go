package htmltext

// The old ics.PlainText, kept verbatim (names prefixed with ref) as the
// reference that FuzzText holds Text to.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func refPlainText(s string) string {
	var p refPlain
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

type refPlain struct {
	b     strings.Builder
	pre   int      // depth of <pre>
	skip  int      // depth of <script>/<style>
	brk   int      // pending line breaks: 1 = new line, 2 = blank line
	space bool     // pending space
	hrefs []string // open <a> hrefs
	texts []int    // b.Len() at each <a>
}

func (p *refPlain) text(s string) {
	if p.skip > 0 || s == "" {
		return
	}
	s = Unescape(s)
	if p.pre > 0 {
		p.flush()
		p.b.WriteString(s)
		return
	}
	for _, r := range s {
		if refIsSpace(r) {
			p.space = true
			continue
		}
		p.flush()
		p.b.WriteRune(r)
	}
}

func refIsSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// flush writes the pending line breaks or space before new text.
func (p *refPlain) flush() {
	if p.b.Len() > 0 {
		switch {
		case p.brk > 0:
			p.b.WriteString("\n\n"[:p.brk])
		case p.space && !strings.HasSuffix(p.b.String(), " "):
			p.b.WriteByte(' ')
		}
	}
	p.brk, p.space = 0, false
}

// breakLines asks for at least n line breaks before the next text.
func (p *refPlain) breakLines(n int) {
	if n > p.brk {
		p.brk = n
	}
	p.space = false
}

func (p *refPlain) tag(t string) {
	closing := strings.HasPrefix(t, "/")
	t = strings.TrimPrefix(t, "/")
	name := t
	if i := refIndexByteIn(t, " \t\r\n/"); i >= 0 {
		name = t[:i]
	}
	switch refTagKind(refLower(name)) {
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
		if !closing {
			p.breakLines(1)
			p.flush()
			p.b.WriteString("- ")
		} else {
			p.breakLines(1)
		}
	case 'L':
		p.breakLines(1)
	case 'c':
		if !closing {
			p.space = p.b.Len() > 0
		}
	case 'a':
		if !closing {
			p.hrefs = append(p.hrefs, refAttr(t, "href"))
			p.texts = append(p.texts, p.b.Len())
		} else if n := len(p.hrefs); n > 0 {
			href, at := p.hrefs[n-1], p.texts[n-1]
			p.hrefs, p.texts = p.hrefs[:n-1], p.texts[:n-1]
			if href != "" && !strings.HasPrefix(href, "#") {
				shown := p.b.String()[min(at, p.b.Len()):]
				if strings.TrimSpace(shown) != href && strings.TrimPrefix(href, "mailto:") != strings.TrimSpace(shown) {
					if shown == "" {
						p.flush()
						p.b.WriteString(href)
					} else {
						p.b.WriteString(" (" + href + ")")
					}
				}
			}
		}
	}
}

// refTagKinds lists the tags that refPlainText acts on, each with its kind: s
// skips its content, b breaks a line, P a paragraph, r is preformatted, l a
// list item, L a line, c a cell, a a link. A table takes less of the wasm
// than a switch on strings.
const refTagKinds = " script:s style:s br:b p:P div:P h1:P h2:P h3:P h4:P h5:P h6:P blockquote:P ul:P ol:P table:P hr:P" +
	" section:P article:P figure:P dl:P pre:r li:l tr:L dt:L dd:L td:c th:c a:a "

// tagKind returns the kind of the lower-case tag name in refTagKinds, or 0.
func refTagKind(name string) byte {
	// A name never holds a space (the caller cuts it there), so it matches
	// one whole entry or none.
	if i := strings.Index(refTagKinds, " "+name+":"); i >= 0 {
		return refTagKinds[i+len(name)+2]
	}
	return 0
}

func (p *refPlain) finish() string {
	s := p.b.String()
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}

// lower is strings.ToLower, which would bring strings.Map into the wasm for
// this package alone: ASCII without upper case comes back as is, anything
// else is rebuilt rune by rune with unicode.ToLower, each invalid byte
// becoming U+FFFD as in strings.Map.
func refLower(s string) string {
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

// refIndexByteIn is strings.IndexAny for a set of ASCII bytes, without its
// Unicode code: the index of the first byte of s in set, or -1.
func refIndexByteIn(s, set string) int {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) >= 0 {
			return i
		}
	}
	return -1
}

// refTrimBlank is strings.TrimLeft(s, " \t\r\n") without its cutset code.
func refTrimBlank(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') {
		s = s[1:]
	}
	return s
}

// attr returns the value of the named attribute in a tag's source.
func refAttr(t, name string) string {
	low := refLower(t)
	for from := 0; ; {
		i := strings.Index(low[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i > 0 && !refIsSpace(rune(low[i-1])) {
			continue
		}
		rest := refTrimBlank(t[from:])
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = refTrimBlank(rest[1:])
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
			end := refIndexByteIn(rest, " \t\r\n")
			if end < 0 {
				end = len(rest)
			}
			v = rest[:end]
		}
		return Unescape(v)
	}
}
