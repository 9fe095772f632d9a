// Package richtext checks, in the widget, the HTML that a bundle carries in
// descriptions and bios. A page may point the widget at any bundle, so that
// HTML is untrusted: whoever wrote it, only the markup that
// widget/read/sanitize writes may reach the page as markup.
//
// The check is a small validating tokenizer for exactly the sanitiser's
// output: its allowlisted elements in the one form it writes each, links
// only as <a href="…" rel="noopener"> to http, https or mailto, its entity
// forms, and balanced elements. Markup that passes is used unchanged (the
// normal case: no copy). Anything else is repaired: tags not in that form
// dropped with their text kept, such links unlinked, stray characters
// escaped, open elements closed; the repair passes the check in turn.
//
// It is pure Go, so it tests and fuzzes natively, and imports only strings,
// which the wasm links anyway.
//
// Runs in: the browser.
package richtext

import "strings"

// allow is the sanitiser's allowlist (sanitize.policy) less the void br and
// hr, each name between spaces. An element is known by the offset of its
// name in allow, which fits a byte.
const allow = " p strong b em i u s code pre blockquote ul ol li h3 h4 h5 h6 sub sup a "

const anchor = len(allow) - 2 // the offset of "a"

// entities are the character references the sanitiser writes: those of
// golang.org/x/net/html's escaping.
const entities = "&amp;&lt;&gt;&#34;&#39;&#13;"

// HTML returns s if it is markup the sanitiser writes, else a repaired copy.
func HTML(s string) string {
	if _, ok := scan(s, false); ok {
		return s
	}
	out, _ := scan(s, true)
	return string(out)
}

// scan checks s and, with fix, writes the repaired copy; without fix it
// stops at the first problem. It reads each byte a bounded number of times:
// a hostile bundle must not be able to stall the page.
func scan(s string, fix bool) ([]byte, bool) {
	var out, open []byte // open: the elements open, innermost last
	ok, inLink := true, false
	gt := -1 // the offset of the first '>' at or after i, len(s) if none
	for i := 0; i <= len(s); {
		n, put, keep := 1, "", true
		switch {
		case i == len(s): // close what is open, then stop
			if len(open) == 0 {
				return out, ok
			}
			el := int(open[len(open)-1])
			open = open[:len(open)-1]
			n, put, keep = 0, "</"+allow[el:el+strings.IndexByte(allow[el:], ' ')]+">", false
		case s[i] == '<':
			if gt < i {
				gt = strings.IndexByte(s[i:], '>')
				if gt < 0 {
					gt = len(s)
				} else {
					gt += i
				}
			}
			el, end := -1, false
			if gt < len(s) {
				el, end = tag(s[i+1 : gt])
			}
			top := -1
			if len(open) > 0 {
				top = int(open[len(open)-1])
			}
			switch {
			case el == 0: // br, hr
			case el > 0 && end && el == top:
				open = open[:len(open)-1]
				inLink = inLink && el != anchor
			case el > 0 && !end && (el != anchor || !inLink): // links do not nest
				open = append(open, byte(el))
				inLink = inLink || el == anchor
			case gt == len(s) || !tagStart(s[i+1]):
				put, keep = "&lt;", false
			default: // not ours: drop it, keep the text around it
				keep = false
			}
			if el >= 0 || !keep && put == "" {
				n = gt + 1 - i
			}
		case s[i] == '&':
			if n = entity(s[i:]); n == 0 {
				n, put, keep = 1, "&amp;", false
			}
		// The sanitiser escapes these in text too: harmless as text, but
		// any other form means someone else wrote the string.
		case s[i] == '>':
			put, keep = "&gt;", false
		case s[i] == '"':
			put, keep = "&#34;", false
		case s[i] == '\'':
			put, keep = "&#39;", false
		}
		if !keep {
			if !fix {
				return nil, false
			}
			ok = false
		} else {
			put = s[i : i+n]
		}
		if fix {
			out = append(out, put...)
		}
		i += n
	}
	return out, ok
}

// tag reads the inside of a tag, between '<' and the first '>', in the form
// the sanitiser writes it: "name", "/name", "br", "br/", "hr", "hr/" or
// `a href="…" rel="noopener"`. It returns the element (0 for br and hr, -1
// if not such a tag) and whether it is an end tag.
func tag(t string) (el int, end bool) {
	const pre, post = `a href="`, `" rel="noopener"`
	switch {
	case t == "br" || t == "br/" || t == "hr" || t == "hr/":
		return 0, false
	case len(t) > len(pre)+len(post) && t[:len(pre)] == pre && t[len(t)-len(post):] == post:
		if !href(t[len(pre) : len(t)-len(post)]) {
			return -1, false
		}
		t = "a"
	case t != "" && t[0] == '/':
		t, end = t[1:], true
	}
	if k := strings.Index(allow, " "+t+" "); k >= 0 && t != "" && strings.IndexByte(t, ' ') < 0 {
		return k + 1, end
	}
	return -1, false
}

// href reports whether v, an href as written between quotes, is a safe URL
// in the sanitiser's forms: no quotes, angle brackets or controls, '&' only
// in its entities.
func href(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c < ' ', c == 0x7f, c == '"', c == '\'', c == '<', c == '>':
			return false
		case c == '&':
			n := entity(v[i:])
			if n == 0 {
				return false
			}
			i += n - 1
		}
	}
	return SafeURL(v)
}

// entity returns the length of the character reference at the start of s,
// 0 unless it is one of entities.
func entity(s string) int {
	if k := strings.IndexByte(s[:min(len(s), 6)], ';'); k > 0 && strings.Contains(entities, s[:k+1]) {
		return k + 1
	}
	return 0
}

// tagStart reports whether '<' then c starts what a browser reads as a tag,
// end tag, comment or declaration (else the '<' is text).
func tagStart(c byte) bool {
	l := c | 0x20
	return 'a' <= l && l <= 'z' || c == '/' || c == '!' || c == '?'
}

// SafeURL reports whether u may become an href: its scheme, read from the
// first byte (so no leading space or control that a browser would skip), is
// http, https or mailto, in any case.
func SafeURL(u string) bool {
	var b [8]byte // " scheme "
	b[0] = ' '
	k := 1
	for ; k < len(b) && k <= len(u); k++ {
		c := u[k-1] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		b[k] = c
	}
	if k > len(u) || k == len(b) || u[k-1] != ':' {
		return false
	}
	b[k] = ' '
	return strings.Contains(" http https mailto ", string(b[:k+1]))
}
