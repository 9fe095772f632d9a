package ics

import (
	"strings"

	"github.com/agendaconf/agenda/widget/htmltext"
)

// PlainText turns sanitised HTML (as the readers produce for descriptions and
// bios) into plain text for calendar descriptions and other text-only formats:
// paragraphs and headings are separated by a blank line, <br> and list items
// start a new line (items with "- "), a link whose text is not its address is
// followed by the address in parentheses, entities are decoded and runs of
// white space collapse as a browser would show them.
//
// It is a small scanner, not an HTML parser, so that the wasm need not carry
// one; it expects the well-formed output of the sanitiser.
func PlainText(s string) string {
	var p plain
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
	b     strings.Builder
	pre   int      // depth of <pre>
	skip  int      // depth of <script>/<style>
	brk   int      // pending line breaks: 1 = new line, 2 = blank line
	space bool     // pending space
	hrefs []string // open <a> hrefs
	texts []int    // b.Len() at each <a>
}

func (p *plain) text(s string) {
	if p.skip > 0 || s == "" {
		return
	}
	s = htmltext.Unescape(s)
	if p.pre > 0 {
		p.flush()
		p.b.WriteString(s)
		return
	}
	for _, r := range s {
		if isSpace(r) {
			p.space = true
			continue
		}
		p.flush()
		p.b.WriteRune(r)
	}
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// flush writes the pending line breaks or space before new text.
func (p *plain) flush() {
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
	if i := strings.IndexAny(t, " \t\r\n/"); i >= 0 {
		name = t[:i]
	}
	name = strings.ToLower(name)
	switch name {
	case "script", "style":
		if closing {
			if p.skip > 0 {
				p.skip--
			}
		} else if !strings.HasSuffix(t, "/") {
			p.skip++
		}
	case "br":
		// Each <br> adds a line break, up to a blank line.
		p.brk = min(p.brk+1, 2)
		p.space = false
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "hr", "section", "article", "figure", "dl":
		p.breakLines(2)
	case "pre":
		p.breakLines(2)
		if closing {
			if p.pre > 0 {
				p.pre--
			}
		} else {
			p.pre++
		}
	case "li":
		if !closing {
			p.breakLines(1)
			p.flush()
			p.b.WriteString("- ")
		} else {
			p.breakLines(1)
		}
	case "tr", "dt", "dd":
		p.breakLines(1)
	case "td", "th":
		if !closing {
			p.space = p.b.Len() > 0
		}
	case "a":
		if !closing {
			p.hrefs = append(p.hrefs, attr(t, "href"))
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

func (p *plain) finish() string {
	return strings.TrimRight(p.b.String(), " \n")
}

// attr returns the value of the named attribute in a tag's source.
func attr(t, name string) string {
	lower := strings.ToLower(t)
	for from := 0; ; {
		i := strings.Index(lower[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i > 0 && !isSpace(rune(lower[i-1])) {
			continue
		}
		rest := strings.TrimLeft(t[from:], " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
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
			end := strings.IndexAny(rest, " \t\r\n")
			if end < 0 {
				end = len(rest)
			}
			v = rest[:end]
		}
		return htmltext.Unescape(v)
	}
}
