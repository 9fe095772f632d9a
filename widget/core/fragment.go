package core

import (
	"strings"

	"github.com/agendaconf/agenda/widget/text/richtext"
)

// The URL fragment holds each widget's state as keys under its prefix (see
// Prefixes), e.g. #agenda.day=2026-10-08&agenda.q=zero, so that links and
// the back button work. Keys and values are form-encoded, as URLSearchParams
// does; the page's own keys, and other widgets', are left as they are.

// ReadFragment makes the state what the keys under prefix in hash ("#…",
// location.hash) say (see FromParams), and reports whether that changed
// anything.
func (c *Widget) ReadFragment(hash, prefix string, merge bool) bool {
	parts := strings.Split(strings.TrimPrefix(hash, "#"), "&")
	return c.Apply(c.FromParams(func(k string) (string, bool) {
		for _, part := range parts {
			key, value, _ := strings.Cut(part, "=")
			if part != "" && formDecode(key) == prefix+k {
				return formDecode(value), true
			}
		}
		return "", false
	}, merge))
}

// Fragment is hash with the state written under prefix (see Params): "#…",
// or "" when no key is left. A key keeps its place; a new one goes last.
func (c *Widget) Fragment(hash, prefix string) string {
	var parts, keys []string // as in hash, and decoded
	for _, part := range strings.Split(strings.TrimPrefix(hash, "#"), "&") {
		if part != "" {
			key, _, _ := strings.Cut(part, "=")
			parts, keys = append(parts, part), append(keys, formDecode(key))
		}
	}
	c.Params(func(k, v string) {
		k = prefix + k
		kept, at := 0, -1
		for i, part := range parts {
			switch {
			case keys[i] != k:
			case v != "" && at < 0:
				at, part = kept, formEncode(k)+"="+formEncode(v)
			default:
				continue // emptied, or a second copy
			}
			parts[kept], keys[kept] = part, keys[i]
			kept++
		}
		parts, keys = parts[:kept], keys[:kept]
		if v != "" && at < 0 {
			parts, keys = append(parts, formEncode(k)+"="+formEncode(v)), append(keys, k)
		}
	})
	if len(parts) == 0 {
		return ""
	}
	return "#" + strings.Join(parts, "&")
}

// Permalink is the page at href opened on one session, for the widget
// whose keys are under prefix. A page with no web address (file:,
// about:srcdoc, blob:) gets a link within itself: an href is only ever
// http, https, mailto or a fragment.
func Permalink(href, prefix, slug string) string {
	frag := "#" + formEncode(prefix+"session") + "=" + formEncode(slug)
	page, _, _ := strings.Cut(href, "#")
	if !richtext.SafeURL(page) {
		return frag
	}
	return page + frag
}

// formEncode is application/x-www-form-urlencoded, as URLSearchParams
// writes it: "Main Stage" is "Main+Stage".
func formEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// formDecode reads what formEncode wrote, and anything a person typed: a
// % not followed by two hex digits stays, bytes that are not UTF-8 become
// U+FFFD.
func formDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b = append(b, ' ')
		case s[i] == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0:
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
		default:
			b = append(b, s[i])
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
