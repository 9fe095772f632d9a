package frab

// safeSlug reports whether a slug given by the source can be used as is: it
// must be non-empty and made of ASCII letters, digits, '-', '_' and '.'.
func safeSlug(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
