// Package htmltext decodes the character references that sanitised HTML
// contains, without the standard library's html package: its table of 2,000
// named entities costs the wasm about 25 KB after brotli, and the sanitiser
// only ever writes a handful of them.
package htmltext

import (
	"strings"
	"unicode/utf8"
)

// Unescape decodes &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric references;
// anything else is left as written.
func Unescape(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i >= 0 {
		b = append(b, s[:i]...)
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j > 1 && j <= 10 {
			if r, ok := Entity(s[1:j]); ok {
				b = utf8.AppendRune(b, r)
				s = s[j+1:]
				i = strings.IndexByte(s, '&')
				continue
			}
		}
		b = append(b, '&')
		s = s[1:]
		i = strings.IndexByte(s, '&')
	}
	return string(append(b, s...))
}

// Entity decodes the body of a character reference ("amp", "#233", "#xE9").
func Entity(name string) (rune, bool) {
	switch name {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	case "nbsp":
		return '\u00a0', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := uint64(10), name[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	if digits == "" {
		return 0, false
	}
	v := uint64(0)
	for i := 0; i < len(digits); i++ {
		c, d := digits[i], uint64(0)
		switch {
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = uint64(c|0x20-'a') + 10
		default:
			return 0, false
		}
		v = v*base + d
		if v > utf8.MaxRune {
			return 0, false
		}
	}
	if v == 0 || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}
