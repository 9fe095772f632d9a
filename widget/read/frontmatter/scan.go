package frontmatter

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanner is the one TOML scanner behind CheckTOML and KeyPositions. It
// knows strings (all four kinds), comments, dotted and quoted keys, table
// headers, and arrays and inline tables nested without recursion; it counts
// what CheckTOML bounds and, when keys is set, records where each key
// stands. Where the input stops being TOML it falls back to raw.
type scanner struct {
	src   []byte
	i     int
	line  int
	l     Limits
	stack []frame
	// lineStart is where the current line starts in src, for columns.
	lineStart int
	table     int // parts of the current [table] header
	// valueBase is the path length of the key just read, for the value after it.
	valueBase int
	keyStart  int // where the key just read starts, for messages
	cost      int
	err       *Error

	// For KeyPositions only (keys not nil).
	keys    map[string][2]int // path -> line and column
	aot     map[string]int    // an array of tables -> how many so far
	path    string            // of the current table, arrays of tables indexed
	parts   []string          // of the key just read, unquoted
	keyLine int               // where the key just read starts
	keyCol  int
}

type frame struct {
	kind byte // '[' array, '{' inline table
	base int  // the path length of the key whose value this is
}

// fail records the first problem, at byte at of the current line.
func (s *scanner) fail(at int, msg, hint string) bool {
	if s.err == nil {
		s.err = &Error{Line: s.line, Col: max(at-s.lineStart+1, 1), Msg: msg, Hint: hint}
	}
	return false
}

// newline counts the line ending at s.i.
func (s *scanner) newline() {
	s.line++
	s.lineStart = s.i + 1
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// spaces skips blanks, and newlines and comments too when nl is set.
func (s *scanner) spaces(nl bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
		case c == '\r' && nl:
		case c == '\n' && nl:
			s.newline()
		case c == '#' && nl:
			s.comment()
			continue
		default:
			return
		}
		s.i++
	}
}

// comment skips to the end of the line, leaving the newline.
func (s *scanner) comment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// str skips a string of any of TOML's four kinds, s.i on its opening quote.
// A backslash escapes the next byte, when there is one: s.i never passes the
// end, as the key's text is sliced from src.
func (s *scanner) str() {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"' && s.i+1 < len(s.src):
				s.i++
				if s.peek() == '\n' {
					s.newline()
				}
			case c == '\n':
				s.newline()
			case c == q:
				n := 0
				for s.i < len(s.src) && s.src[s.i] == q {
					n++
					s.i++
				}
				if n >= 3 {
					return
				}
				continue
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"' && s.i+1 < len(s.src):
			s.i++
			if s.peek() == '\n' {
				return // not TOML; the decoder says so
			}
		case c == q:
			s.i++
			return
		case c == '\n':
			return
		}
		s.i++
	}
}

func bareKey(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '=', '.', '[', ']', '{', '}', ',', '#', '"', '\'', 0:
		return false
	}
	return true
}

// key reads a dotted key and returns its number of parts, 0 when there is no
// key here.
func (s *scanner) key() int {
	parts := 0
	s.spaces(false)
	s.keyStart = s.i
	s.keyLine, s.keyCol = s.line, s.i-s.lineStart+1
	s.parts = s.parts[:0]
	for {
		s.spaces(false)
		start := s.i
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.str()
		case bareKey(c):
			for s.i < len(s.src) && bareKey(s.src[s.i]) {
				s.i++
			}
		default:
			return parts
		}
		if s.keys != nil && len(s.stack) == 0 { // keys in inline tables are not placed
			s.parts = append(s.parts, keyName(s.src[start:s.i]))
		}
		parts++
		if parts > s.l.KeyParts {
			s.fail(s.keyStart, "a key or table name has more than "+strconv.Itoa(s.l.KeyParts)+" dotted parts, more than Agenda reads safely",
				"shorten it: extra.mentors.name, say, has 3 parts")
			return parts
		}
		s.spaces(false)
		if s.peek() != '.' {
			return parts
		}
		s.i++
	}
}

// raw checks the rest of the input where the grammar above lost its way (the
// input is not TOML, and the decoder will say where): any bracket nests, a
// dotted word is a key, and '=' and ',' cost what a key and a value would.
func (s *scanner) raw() {
	if s.keys != nil {
		// Not TOML: the decoder will refuse it, and no key position is used.
		s.i = len(s.src)
		return
	}
	depth, parts := len(s.stack), 0
	for s.err == nil && s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			s.str()
		case c == '#':
			s.comment()
		case c == '\n':
			s.newline()
			s.i++
		case c == '[' || c == '{':
			s.i++
			if depth++; depth > s.l.Depth {
				s.tooDeep()
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			s.i++
		case c == '=':
			s.charge(s.i, pathCost(s.table+depth+parts))
			s.i++
		case c == ',':
			s.charge(s.i, 1)
			s.i++
		case bareKey(c):
			parts = s.key()
		default:
			s.i++
		}
	}
}

// run reads the document as a sequence of headers and key/value pairs.
func (s *scanner) run() error {
	for s.err == nil {
		s.spaces(true)
		if s.i >= len(s.src) {
			break
		}
		if s.peek() == '[' {
			if !s.header() {
				break
			}
			continue
		}
		if !s.pair(s.table) || !s.value() {
			break
		}
		// After a top-level value: the rest of the line is blank or a comment.
		s.spaces(false)
		switch s.peek() {
		case '#', '\n', '\r', 0:
		default:
			s.raw()
		}
	}
	if s.err != nil {
		return s.err
	}
	return nil
}

// header reads [a.b] or [[a.b]].
func (s *scanner) header() bool {
	line, col := s.line, s.i-s.lineStart+1
	s.i++
	aot := s.peek() == '['
	if aot {
		s.i++
	}
	n := s.key()
	if s.err != nil {
		return false
	}
	s.spaces(false)
	if n == 0 || s.peek() != ']' {
		s.raw()
		return false
	}
	s.i++
	if aot {
		if s.peek() != ']' {
			s.raw()
			return false
		}
		s.i++
	}
	s.table = n
	if s.keys != nil {
		s.placeHeader(aot, line, col)
	}
	return s.charge(s.keyStart, pathCost(n))
}

// pair reads "key =" in a table whose path has base parts, and leaves the
// path length of the value's key in the frame it may open.
func (s *scanner) pair(base int) bool {
	n := s.key()
	if s.err != nil {
		return false
	}
	s.spaces(false)
	if n == 0 || s.peek() != '=' {
		s.raw()
		return false
	}
	s.i++
	if s.keys != nil && len(s.stack) == 0 {
		// Keys in inline tables stand where the table's key does.
		p := s.path
		for _, k := range s.parts {
			p = join(p, k)
			s.record(p, s.keyLine, s.keyCol)
		}
	}
	s.valueBase = base + n
	return s.charge(s.keyStart, pathCost(base+n))
}

// value reads one value, arrays and inline tables included, without
// recursion: the stack holds the open ones.
func (s *scanner) value() bool {
	base := s.valueBase
	start := len(s.stack)
	for s.err == nil {
		// Here a value is expected; in an array, each costs 1.
		if len(s.stack) > start && s.stack[len(s.stack)-1].kind == '[' {
			s.spaces(true)
			if !s.charge(s.i, 1) {
				return false
			}
		}
		s.spaces(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.str()
		case c == '[':
			s.i++
			if !s.push('[', base) {
				return false
			}
			s.spaces(true)
			if s.peek() == ']' {
				s.i++
				s.stack = s.stack[:len(s.stack)-1]
				break
			}
			continue
		case c == '{':
			s.i++
			if !s.push('{', base) {
				return false
			}
			s.spaces(true)
			if s.peek() == '}' {
				s.i++
				s.stack = s.stack[:len(s.stack)-1]
				break
			}
			if !s.pair(base) {
				return false
			}
			base = s.valueBase
			continue
		case c == 0 || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#' || c == '=':
			s.raw()
			return false
		default:
			// A number, boolean or date, which may hold spaces ("1979-05-27 07:32:00").
			for s.i < len(s.src) {
				if c := s.src[s.i]; c == ',' || c == ']' || c == '}' || c == '#' || c == '\n' || c == '\r' ||
					c == '[' || c == '{' || c == '=' || c == '"' || c == '\'' {
					break
				}
				s.i++
			}
		}
		// After a value: close what ends here, then go on to the next one.
		for {
			if len(s.stack) == start {
				return true
			}
			top := s.stack[len(s.stack)-1]
			s.spaces(true)
			switch s.peek() {
			case ',':
				s.i++
				if top.kind == '[' {
					s.spaces(true)
					if s.peek() == ']' { // a trailing comma
						continue
					}
					base = top.base
				} else {
					s.spaces(true)
					if s.peek() == '}' { // TOML 1.1 allows a trailing comma
						continue
					}
					if !s.pair(top.base) {
						return false
					}
					base = s.valueBase
				}
			case ']', '}':
				if (s.peek() == ']') != (top.kind == '[') {
					s.raw()
					return false
				}
				s.i++
				s.stack = s.stack[:len(s.stack)-1]
				continue
			default:
				s.raw()
				return false
			}
			break
		}
	}
	return false
}

// keyName is a key part as the decoder names it: a bare, 'literal' or
// "basic" part, its escapes read as TOML reads them.
func keyName(raw []byte) string {
	switch raw[0] {
	case '\'':
		return strings.Trim(string(raw), "'")
	case '"':
		inner := strings.TrimSuffix(string(raw[1:]), `"`)
		if u, ok := unescape(inner); ok {
			return u
		}
		return inner
	}
	return string(raw)
}

// unescape reads a basic string's escapes as TOML 1.1 does, which is not
// Go's way: \e is escape, \xHH a code point (not a byte), and \a, \v, \'
// and octal are errors. ok is false for an escape TOML refuses.
func unescape(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i++; i == len(s) {
			return "", false
		}
		if c := strings.IndexByte(`btnfre"\`, s[i]); c >= 0 {
			b.WriteByte("\b\t\n\f\r\x1b\"\\"[c])
			continue
		}
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[i]]
		if n == 0 || i+n >= len(s) {
			return "", false
		}
		r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
		if err != nil || !utf8.ValidRune(rune(r)) {
			return "", false
		}
		b.WriteRune(rune(r))
		i += n
	}
	return b.String(), true
}

// placeHeader makes the header just read the current table: [[a]] starts
// a new element of array of tables a, so keys under it go to a.0, a.1, …
func (s *scanner) placeHeader(aot bool, line, col int) {
	if aot {
		p := join(s.resolve(s.parts[:len(s.parts)-1]), s.parts[len(s.parts)-1])
		s.aot[p]++
		s.record(p, line, col)
		s.path = p + "." + strconv.Itoa(s.aot[p]-1)
	} else {
		s.path = s.resolve(s.parts)
	}
	s.record(s.path, line, col)
}

// resolve turns a header's parts into a path, each array of tables on the
// way indexed by its latest table.
func (s *scanner) resolve(parts []string) string {
	out := ""
	for _, p := range parts {
		out = join(out, p)
		if n, ok := s.aot[out]; ok {
			out += "." + strconv.Itoa(n-1)
		}
	}
	return out
}

// record keeps the first place a path is given.
func (s *scanner) record(path string, line, col int) {
	if _, ok := s.keys[path]; !ok {
		s.keys[path] = [2]int{line, col}
	}
}
