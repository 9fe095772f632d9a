package frontmatter

import (
	"strconv"
)

// Limits bound a TOML document before it is decoded. BurntSushi/toml (up to
// v1.6.0 at least) spends time and memory quadratic in the nesting of inline
// tables and in the number of parts of a dotted key: a 32 KB front matter took
// 30 s and 2.8 GB. CheckTOML refuses such input in one linear pass.
type Limits struct {
	What     string // what is checked, for messages: "the front matter"
	Size     int    // bytes
	Depth    int    // arrays and inline tables nested in one another
	KeyParts int    // parts of one dotted key or table header ("a.b.c" has 3)
	// Cost bounds the decoder's work in all: every key costs L(L+1)/2, where
	// L is the length of its full path (table, enclosing inline tables and its
	// own parts), and every array element 1. Measured with v1.6.0, a unit costs
	// the decoder at most about 400 bytes.
	Cost int
}

// PageLimits suit a page's front matter: far above any real page (the
// largest of EuroRust's, its _index.md, is 4.6 KB and costs 700) and below
// what hurts (the worst that passes decodes in well under a second and 100 MB).
var PageLimits = Limits{What: "the front matter", Size: 4 << 20, Depth: 32, KeyParts: 32, Cost: 50_000}

// ConfigLimits suit agenda.toml, which holds a few short keys.
var ConfigLimits = Limits{What: "the file", Size: 1 << 20, Depth: 32, KeyParts: 32, Cost: 50_000}

// CheckTOML returns an *Error, its Line counted from the first line of src,
// when src goes beyond l; nil otherwise. It knows just enough TOML to tell
// keys, strings, comments, arrays and inline tables apart; what it does not
// understand it leaves to the decoder, still counting brackets and dotted
// words so that nothing unbounded gets past it.
func CheckTOML(src []byte, l Limits) error {
	if len(src) > l.Size {
		return &Error{Line: 1, Msg: l.What + " is " + size(len(src)) + " long; Agenda reads at most " + size(l.Size),
			Hint: "shorten it: long descriptions and bios belong in a few paragraphs"}
	}
	s := scanner{src: src, line: 1, l: l}
	return s.run()
}

func size(n int) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

type frame struct {
	kind byte // '[' array, '{' inline table
	base int  // the path length of the key whose value this is
}

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
func (s *scanner) str() {
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
	for {
		s.spaces(false)
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
func (s *scanner) charge(at, n int) bool {
	s.cost += n
	if s.cost > s.l.Cost {
		return s.fail(at, "too many keys and values, or keys nested too deep, to read safely: each key counts once per level of its path, and Agenda reads at most "+strconv.Itoa(s.l.Cost)+" in all",
			"remove data the programme does not use, or split it over several pages")
	}
	return true
}

func pathCost(n int) int { return n * (n + 1) / 2 }

// tooDeep fails at the bracket just read.
func (s *scanner) tooDeep() bool {
	return s.fail(s.i-1, "arrays and inline tables are nested more than "+strconv.Itoa(s.l.Depth)+" deep, more than Agenda reads safely",
		"flatten the data, or write it as [table] sections")
}

func (s *scanner) push(kind byte, base int) bool {
	if len(s.stack) >= s.l.Depth {
		return s.tooDeep()
	}
	s.stack = append(s.stack, frame{kind, base})
	return true
}

// raw checks the rest of the input where the grammar above lost its way (the
// input is not TOML, and the decoder will say where): any bracket nests, a
// dotted word is a key, and '=' and ',' cost what a key and a value would.
func (s *scanner) raw() {
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
