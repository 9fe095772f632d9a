package frontmatter

// The pre-refactor TOML scanners, kept verbatim but for their names as the
// reference for FuzzScanAgrees: oldCheckTOML is CheckTOML's bounds scanner
// and oldKeyPositions the separate key scanner KeyPositions was, before one
// scanner (scan.go) served both. Do not fix them: they are what was.

import (
	"strconv"
	"strings"
)

func oldCheckTOML(src []byte, l Limits) error {
	if len(src) > l.Size {
		return &Error{Line: 1, Msg: l.What + " is " + oldSize(len(src)) + " long; Agenda reads at most " + oldSize(l.Size),
			Hint: "shorten it: long descriptions and bios belong in a few paragraphs"}
	}
	s := oldScanner{src: src, line: 1, l: l}
	return s.run()
}

func oldSize(n int) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

type oldFrame struct {
	kind byte // '[' array, '{' inline table
	base int  // the path length of the key whose value this is
}

type oldScanner struct {
	src   []byte
	i     int
	line  int
	l     Limits
	stack []oldFrame
	// lineStart is where the current line starts in src, for columns.
	lineStart int
	table     int // parts of the current [table] header
	// valueBase is the path length of the key just read, for the value after it.
	valueBase int
	keyStart  int // where the key just read starts, for messages
	cost      int
	err       *Error
}

// fail records the first problem, at byte at of the current line.
func (s *oldScanner) fail(at int, msg, hint string) bool {
	if s.err == nil {
		s.err = &Error{Line: s.line, Col: max(at-s.lineStart+1, 1), Msg: msg, Hint: hint}
	}
	return false
}

// newline counts the line ending at s.i.
func (s *oldScanner) newline() {
	s.line++
	s.lineStart = s.i + 1
}

func (s *oldScanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// spaces skips blanks, and newlines and comments too when nl is set.
func (s *oldScanner) spaces(nl bool) {
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
func (s *oldScanner) comment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// str skips a string of any of TOML's four kinds, s.i on its opening quote.
func (s *oldScanner) str() {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
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
		case c == '\\' && q == '"':
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

func oldBareKey(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '=', '.', '[', ']', '{', '}', ',', '#', '"', '\'', 0:
		return false
	}
	return true
}

// key reads a dotted key and returns its number of parts, 0 when there is no
// key here.
func (s *oldScanner) key() int {
	parts := 0
	s.spaces(false)
	s.keyStart = s.i
	for {
		s.spaces(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.str()
		case oldBareKey(c):
			for s.i < len(s.src) && oldBareKey(s.src[s.i]) {
				s.i++
			}
		default:
			return parts
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

// charge adds n to the cost of what stands at byte at.
func (s *oldScanner) charge(at, n int) bool {
	s.cost += n
	if s.cost > s.l.Cost {
		return s.fail(at, "too many keys and values, or keys nested too deep, to read safely: each key counts once per level of its path, and Agenda reads at most "+strconv.Itoa(s.l.Cost)+" in all",
			"remove data the programme does not use, or split it over several pages")
	}
	return true
}

func oldPathCost(n int) int { return n * (n + 1) / 2 }

// tooDeep fails at the bracket just read.
func (s *oldScanner) tooDeep() bool {
	return s.fail(s.i-1, "arrays and inline tables are nested more than "+strconv.Itoa(s.l.Depth)+" deep, more than Agenda reads safely",
		"flatten the data, or write it as [table] sections")
}

func (s *oldScanner) push(kind byte, base int) bool {
	if len(s.stack) >= s.l.Depth {
		return s.tooDeep()
	}
	s.stack = append(s.stack, oldFrame{kind, base})
	return true
}

// raw checks the rest of the input where the grammar above lost its way (the
// input is not TOML, and the decoder will say where): any bracket nests, a
// dotted word is a key, and '=' and ',' cost what a key and a value would.
func (s *oldScanner) raw() {
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
			s.charge(s.i, oldPathCost(s.table+depth+parts))
			s.i++
		case c == ',':
			s.charge(s.i, 1)
			s.i++
		case oldBareKey(c):
			parts = s.key()
		default:
			s.i++
		}
	}
}

// run reads the document as a sequence of headers and key/value pairs.
func (s *oldScanner) run() error {
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
func (s *oldScanner) header() bool {
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
	return s.charge(s.keyStart, oldPathCost(n))
}

// pair reads "key =" in a table whose path has base parts, and leaves the
// path length of the value's key in the oldFrame it may open.
func (s *oldScanner) pair(base int) bool {
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
	s.valueBase = base + n
	return s.charge(s.keyStart, oldPathCost(base+n))
}

// value reads one value, arrays and inline tables included, without
// recursion: the stack holds the open ones.
func (s *oldScanner) value() bool {
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
func oldJoin(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func oldKeyPositions(src []byte, first int) map[string][2]int {
	s := oldKeyScan{src: src, line: first, out: map[string][2]int{}, aot: map[string]int{}}
	s.run()
	return s.out
}

type oldKeyScan struct {
	src       []byte
	i         int
	line      int
	lineStart int
	out       map[string][2]int
	aot       map[string]int // an array of tables -> how many so far
	table     string
}

func (s *oldKeyScan) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *oldKeyScan) newline() {
	s.line++
	s.lineStart = s.i + 1
}

func (s *oldKeyScan) record(path string, line, col int) {
	if _, ok := s.out[path]; !ok {
		s.out[path] = [2]int{line, col}
	}
}

// resolve turns a header's parts into a path, each array of tables on the
// way indexed by its latest table.
func (s *oldKeyScan) resolve(parts []string) string {
	out := ""
	for _, p := range parts {
		out = oldJoin(out, p)
		if n, ok := s.aot[out]; ok {
			out += "." + strconv.Itoa(n-1)
		}
	}
	return out
}

func (s *oldKeyScan) run() {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case ' ', '\t', '\r':
			s.i++
			continue
		case '\n':
			s.newline()
			s.i++
			continue
		case '#':
			s.toEOL()
			continue
		}
		line, col := s.line, s.i-s.lineStart+1
		if s.peek() == '[' {
			s.i++
			aot := s.peek() == '['
			if aot {
				s.i++
			}
			parts := s.key()
			if len(parts) > 0 {
				if aot {
					p := oldJoin(s.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
					s.aot[p]++
					s.record(p, line, col)
					s.table = p + "." + strconv.Itoa(s.aot[p]-1)
				} else {
					s.table = s.resolve(parts)
				}
				s.record(s.table, line, col)
			}
			s.toEOL()
			continue
		}
		parts := s.key()
		s.blanks()
		if len(parts) == 0 || s.peek() != '=' {
			s.toEOL()
			continue
		}
		s.i++
		p := s.table
		for _, k := range parts {
			p = oldJoin(p, k)
			s.record(p, line, col)
		}
		s.value()
	}
}

func (s *oldKeyScan) blanks() {
	for s.peek() == ' ' || s.peek() == '\t' {
		s.i++
	}
}

func (s *oldKeyScan) toEOL() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		if c := s.src[s.i]; c == '"' || c == '\'' {
			s.str()
			continue
		}
		s.i++
	}
}

// key reads a dotted key, its parts unquoted.
func (s *oldKeyScan) key() []string {
	var parts []string
	for {
		s.blanks()
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			start := s.i
			s.str()
			raw := string(s.src[start:s.i])
			if c == '\'' {
				parts = append(parts, strings.Trim(raw, "'"))
			} else if u, err := strconv.Unquote(raw); err == nil {
				parts = append(parts, u)
			} else {
				parts = append(parts, strings.Trim(raw, `"`))
			}
		case oldBareKey(c):
			start := s.i
			for s.i < len(s.src) && oldBareKey(s.src[s.i]) {
				s.i++
			}
			parts = append(parts, string(s.src[start:s.i]))
		default:
			return parts
		}
		s.blanks()
		if s.peek() != '.' {
			return parts
		}
		s.i++
	}
}

// str skips a string of any kind, s.i on its opening quote, counting lines.
func (s *oldKeyScan) str() {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.i += 3
		for s.i < len(s.src) {
			switch c := s.src[s.i]; {
			case c == '\\' && q == '"':
				s.i++
				if s.peek() == '\n' {
					s.newline()
				}
			case c == '\n':
				s.newline()
			case c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q:
				s.i += 3
				for s.peek() == q { // up to two quotes may end the content
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			s.i++
		case c == q:
			s.i++
			return
		case c == '\n':
			return
		}
		s.i++
	}
}

// value skips a value, multi-line arrays and strings included, to the end
// of its line.
func (s *oldKeyScan) value() {
	depth := 0
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '"', '\'':
			s.str()
			continue
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case '#':
			s.toEOLComment()
			continue
		case '\n':
			if depth <= 0 {
				return
			}
			s.newline()
		}
		s.i++
	}
}

func (s *oldKeyScan) toEOLComment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}
