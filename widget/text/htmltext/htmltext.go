// Package htmltext reads sanitised HTML as text: Text gives the plain text
// of a description or bio (for calendars, text-only exports and search), and
// Unescape and Entity decode the character references that sanitised HTML
// contains, without the standard library's html package: its table of 2,000
// named entities costs the wasm about 25 KB after brotli, and the sanitiser
// only ever writes a handful of them.
//
// Runs in: both.
package htmltext

import (
	"strings"
	"unicode/utf8"
)

// Unescape decodes &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric references;
// anything else is left as written.
func Unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return string(AppendUnescape(make([]byte, 0, len(s)), s))
}

// AppendUnescape appends Unescape(s) to dst and returns the extended slice.
func AppendUnescape(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		if j := strings.IndexByte(s, ';'); j > 1 && j <= 10 {
			if r, ok := Entity(s[1:j]); ok {
				dst = utf8.AppendRune(dst, r)
				s = s[j+1:]
				continue
			}
		}
		dst = append(dst, '&')
		s = s[1:]
	}
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
