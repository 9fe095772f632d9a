// Package fold normalises text for search: lower case, no diacritics, and
// words separated by single spaces, so that "Zero-Copy" and "zero copy", or
// "Fernández" and "fernandez", compare equal.
//
// It is deliberately small (a few kilobytes of tables, no
// golang.org/x/text) because it is compiled into the wasm widget. The folding
// is a search aid, not a full Unicode normalisation: Latin letters with
// diacritics (Latin-1, Latin Extended-A/B and Latin Extended Additional, which
// covers Vietnamese), the common ligatures, Greek tonos and Cyrillic ё are
// folded; other scripts are only lower-cased.
//
// Runs in: both: the compiler folds search keywords, the browser folds queries.
package fold

import (
	"unicode"
	"unicode/utf8"
)

// Fold returns the folded form of s:
//   - letters are lower-cased and stripped of diacritics (é→e, ñ→n, ß→ss,
//     æ→ae, ø→o, ł→l, ...);
//   - combining marks, format characters (soft hyphen, zero-width joiners) are
//     dropped without splitting the word;
//   - every other run of characters that are neither letters nor digits
//     becomes a single space, and the result has no leading or trailing space.
//
// Fold is idempotent: Fold(Fold(s)) == Fold(s). When s is already folded it is
// returned as is, without allocating.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var buf [128]byte
	return string(AppendFold(buf[:0], s))
}

// isFolded reports whether s is plain ASCII that Fold would return unchanged.
func isFolded(s string) bool {
	prevSpace := true // forbids a leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			prevSpace = false
		case c == ' ' && !prevSpace:
			prevSpace = true
		default:
			return false
		}
	}
	return len(s) == 0 || !prevSpace
}

// AppendFold appends the folded form of s (see Fold) to dst and returns the
// extended slice. It does not allocate when dst has enough spare capacity;
// the folded form is rarely longer than s.
func AppendFold(dst []byte, s string) []byte {
	start := len(dst)
	gap := false // a separator was seen since the last word character
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				gap = true
				continue
			}
			if gap {
				if len(dst) > start {
					dst = append(dst, ' ')
				}
				gap = false
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r = unicode.ToLower(r)
		var b byte
		var m string
		switch {
		case 0xC0 <= r && r < 0x250:
			b = latin[r-0xC0]
		case 0x1E00 <= r && r < 0x1F00:
			b = latinAdditional[r-0x1E00]
		case 0xFB00 <= r && r <= 0xFB06: // ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
			b = '0'
		}
		if b == '0' {
			b = 0
			m = multi(r)
		}
		if b == 0 && m == "" {
			r = other(r)
			if c := class(r); c != keep {
				if c == sep {
					gap = true
				}
				continue
			}
		}
		if gap {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			gap = false
		}
		switch {
		case b != 0:
			dst = append(dst, b)
		case m != "":
			dst = append(dst, m...)
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// The classes of code points, for AppendFold.
const (
	sep  = 0 // separates words
	keep = 1 // a letter, a digit or a spacing mark (unicode.L, Nd, Mc)
	drop = 2 // another mark or a format character (unicode.Mn, Me, Cf): dropped
)

// ranges holds the runs of classes: the start of each run, shifted left by 2,
// or'ed with its class. It is decoded from the table in tables.go, which
// takes less of the wasm than the unicode package's tables and code for
// IsLetter, IsDigit and In (about 2 KiB less after brotli).
var ranges = decodeRanges()

//go:generate go run gen.go

func decodeRanges() []uint32 {
	t := make([]uint32, 0, numRanges)
	start := uint32(0)
	for i := 0; i < len(classes); {
		v, shift := uint32(0), 0
		for {
			c := classes[i]
			i++
			v |= uint32(c&0x7f) << shift
			shift += 7
			if c < 0x80 {
				break
			}
		}
		start += v >> 2
		t = append(t, start<<2|v&3)
	}
	return t
}

// class returns the class of r: that of the last run that starts at or before it.
func class(r rune) uint32 {
	lo, hi := 0, len(ranges) // ranges[lo-1] <= r < ranges[hi], in start order
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ranges[m]>>2 <= uint32(r) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return ranges[lo-1] & 3
}

// latin maps U+00C0..U+024F (already lower-cased) to a base ASCII letter;
// '0' means "not a single letter": see multi. Derived from the NFKD
// decomposition with marks removed, plus letters that do not decompose
// (ø, ł, đ, ħ, ı, ...).
const latin = "" +
	"aaaaaa0ceeeeiiiidnooooo0ouuuuy00aaaaaa0ceeeeiiiidnooooo0ouuuuy0y" + // U+00C0
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii00jjkkklllllll" + // U+0100
	"lllnnnnnnnnnoooooo00rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" + // U+0140
	"bb00000ccdddd0000ffg000ikkl00nn0oo00pp00000ttttuu00yyzz000000000" + // U+0180
	"0000000000000aaiioouuuuuuuuuu0aaaa00ggggkkoooo00j000gg00nnaa00oo" + // U+01C0
	"aaaaeeeeiiiioooorrrruuuusstt00hhnd00zzaaeeooooooooyylntj00acclts" + // U+0200
	"z00bu0eejjqqrryy" // U+0240

// latinAdditional maps U+1E00..U+1EFF like latin.
const latinAdditional = "" +
	"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm" + // U+1E00
	"mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv" + // U+1E40
	"wwwwwwwwwwxxxxyyzzzzzzhtwy0sss00aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" + // U+1E80
	"eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy000000" // U+1EC0

// multi folds letters that become more than one ASCII letter, and the Latin
// ligatures. It returns "" for anything else.
func multi(r rune) string {
	switch r {
	case 0x00C6, 0x00E6, 0x01E2, 0x01E3, 0x01FC, 0x01FD:
		return "ae"
	case 0x00DE, 0x00FE:
		return "th"
	case 0x00DF, 0x1E9E:
		return "ss"
	case 0x0132, 0x0133:
		return "ij"
	case 0x0152, 0x0153:
		return "oe"
	case 0x0195, 0x01F6:
		return "hv"
	case 0x01A2, 0x01A3:
		return "oi"
	case 0x01C4, 0x01C5, 0x01C6, 0x01F1, 0x01F2, 0x01F3:
		return "dz"
	case 0x01C7, 0x01C8, 0x01C9:
		return "lj"
	case 0x01CA, 0x01CB, 0x01CC:
		return "nj"
	case 0x0222, 0x0223:
		return "ou"
	case 0x0238:
		return "db"
	case 0x0239:
		return "qp"
	case 0xFB00:
		return "ff"
	case 0xFB01:
		return "fi"
	case 0xFB02:
		return "fl"
	case 0xFB03:
		return "ffi"
	case 0xFB04:
		return "ffl"
	case 0xFB05, 0xFB06:
		return "st"
	}
	return ""
}

// other folds the few non-Latin letters that carry accents people leave out
// when they type: Greek tonos and dialytika, final sigma, Cyrillic ё.
func other(r rune) rune {
	switch r {
	case 'ά':
		return 'α'
	case 'έ':
		return 'ε'
	case 'ή':
		return 'η'
	case 'ί', 'ϊ', 'ΐ':
		return 'ι'
	case 'ό':
		return 'ο'
	case 'ύ', 'ϋ', 'ΰ':
		return 'υ'
	case 'ώ':
		return 'ω'
	case 'ς':
		return 'σ'
	case 'ё':
		return 'е'
	}
	return r
}

// Slug makes a URL- and storage-safe key from a name or title: folded, ASCII
// letters and digits only, words joined by '-'. "José Núñez" becomes
// "jose-nunez". Letters with no ASCII form (Cyrillic, CJK, …) separate words,
// so the result may be "": callers need a fallback.
func Slug(s string) string {
	f := Fold(s)
	b := make([]byte, 0, len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		} else {
			dash = true
		}
	}
	return string(b)
}
