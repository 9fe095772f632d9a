package diag

import (
	"strconv"
	"strings"
)

// Words every reader's messages share.

// Plural is "1 session" or "3 sessions".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// IsAre is the verb that goes with n things.
func IsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Excerpt is the start of a file's content for a message that says what it
// holds instead: its first line, at most 20 bytes and never half a
// character, "…" when cut.
func Excerpt(data []byte) string {
	s := strings.TrimSpace(string(data))
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}
