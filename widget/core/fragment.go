package core

import (
	"strings"

	"github.com/agendaconf/agenda/widget/text/richtext"
)

// The URL fragment holds each widget's state as keys under its prefix (see
// Prefixes), e.g. #agenda.day=2026-10-08&agenda.q=zero, so that links and
// the back button work. Keys and values are form-encoded, as URLSearchParams
// does; the page's own keys, and other widgets', are left as they are. The
// code is plain loops: strings.Split and friends cost the wasm kilobytes.

// ReadFragment makes the state what the keys under prefix in hash ("#…",
// location.hash) say (see FromParams), and reports whether that changed
// anything.
func (c *Widget) ReadFragment(hash, prefix string, merge bool) bool {
	return c.Apply(c.FromParams(func(k string) (string, bool) {
		for rest := strings.TrimPrefix(hash, "#"); rest != ""; {
			var part string
			part, rest, _ = strings.Cut(rest, "&")
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
	var parts []string // as in hash
	for rest := strings.TrimPrefix(hash, "#"); rest != ""; {
		var part string
		if part, rest, _ = strings.Cut(rest, "&"); part != "" {
			parts = append(parts, part)
		}
	}
	c.Params(func(k, v string) {
		k = prefix + k
		pair := "" // none: an empty value means no key
		if v != "" {
			pair = formEncode(k) + "=" + formEncode(v)
		}
		kept := parts[:0]
		for _, part := range parts {
			if key, _, _ := strings.Cut(part, "="); formDecode(key) == k {
				part, pair = pair, "" // the first copy takes the new value; others go
			}
			if part != "" {
				kept = append(kept, part)
			}
		}
		parts = kept
		if pair != "" {
			parts = append(parts, pair)
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
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			b = append(b, '+')
		case strings.IndexByte("*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", c) < 0:
			b = append(b, '%', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// formDecode reads what formEncode wrote, and anything a person typed: a
// % not followed by two hex digits stays. Bytes that are not UTF-8 stay
// too: the browser reads them as U+FFFD, as URLSearchParams would.
func formDecode(s string) string {
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
	return string(b)
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
