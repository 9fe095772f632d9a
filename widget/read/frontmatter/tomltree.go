package frontmatter

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// DecodeTOML bounds (CheckTOML) and decodes TOML front matter src, which
// starts on line first of the file, into a table. BurntSushi/toml keeps
// positions to itself, so a small scan finds the line and column of every
// key (of `key =` lines and [table] headers, arrays of tables counted); a
// value stands where its key does, and a key the scan did not place (inside
// an inline table) where its nearest placed parent does. Errors are *Error,
// Line in the file.
func DecodeTOML(src []byte, first int, l Limits) (*Value, error) {
	if err := CheckTOML(src, l); err != nil {
		e, _ := IsError(err)
		return nil, &Error{Line: first - 1 + e.Line, Col: e.Col, Msg: e.Msg, Hint: e.Hint}
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Line: first - 1 + pe.Position.Line, Col: max(pe.Position.Col, 1), Msg: "invalid TOML: " + pe.Message,
				Hint: "fix the front matter; strings need double quotes, lists square brackets"}
		}
		return nil, &Error{Line: first, Col: 1, Msg: "invalid TOML: " + strings.TrimPrefix(err.Error(), "toml: "), Hint: ""}
	}
	pos := KeyPositions(src, first)
	return tomlValue(m, "", [2]int{first, 1}, pos), nil
}

func tomlValue(x any, path string, at [2]int, pos map[string][2]int) *Value {
	v := &Value{Line: at[0], Col: at[1]}
	switch x := x.(type) {
	case string:
		v.Kind, v.Str = String, x
	case int64:
		v.Kind, v.Int = Int, x
	case float64:
		v.Kind, v.Float = Float, x
	case bool:
		v.Kind, v.Bool = Bool, x
	case time.Time:
		v.Kind, v.Time = Time, x
		switch x.Location().String() {
		case "datetime-local":
			v.TimeKind = LocalDateTime
		case "date-local":
			v.TimeKind = LocalDate
		case "time-local":
			v.TimeKind = LocalTime
		}
		if v.TimeKind != Zoned {
			y, mo, d := x.Date()
			v.Time = time.Date(y, mo, d, x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC)
		}
	case []any:
		v.Kind = List
		for i, e := range x {
			v.List = append(v.List, tomlValue(e, path+"."+strconv.Itoa(i), at, pos))
		}
	case []map[string]any:
		v.Kind = List
		for i, e := range x {
			p := join(path, strconv.Itoa(i))
			v.List = append(v.List, tomlValue(e, p, place(pos, p, at), pos))
		}
	case map[string]any:
		v.Kind = Table
		for k, e := range x {
			p := join(path, k)
			kat := place(pos, p, at)
			v.Table = append(v.Table, Field{Key: k, Line: kat[0], Col: kat[1], Value: tomlValue(e, p, kat, pos)})
		}
		sortFields(v.Table)
	}
	return v
}

func place(pos map[string][2]int, path string, parent [2]int) [2]int {
	if p, ok := pos[path]; ok {
		return p
	}
	return parent
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// KeyPositions finds the line and column of every key and table header of a
// TOML block whose first line is line first of the file, keyed by dotted
// path with the index of each array of tables: "sessions.1.fields.start".
// It knows strings (all four kinds), comments and brackets, so nothing in a
// multi-line string or array is taken for a key. Run it on input CheckTOML
// passed.
func KeyPositions(src []byte, first int) map[string][2]int {
	s := keyScan{src: src, line: first, out: map[string][2]int{}, aot: map[string]int{}}
	s.run()
	return s.out
}

type keyScan struct {
	src       []byte
	i         int
	line      int
	lineStart int
	out       map[string][2]int
	aot       map[string]int // an array of tables -> how many so far
	table     string
}

func (s *keyScan) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *keyScan) newline() {
	s.line++
	s.lineStart = s.i + 1
}

func (s *keyScan) record(path string, line, col int) {
	if _, ok := s.out[path]; !ok {
		s.out[path] = [2]int{line, col}
	}
}

// resolve turns a header's parts into a path, each array of tables on the
// way indexed by its latest table.
func (s *keyScan) resolve(parts []string) string {
	out := ""
	for _, p := range parts {
		out = join(out, p)
		if n, ok := s.aot[out]; ok {
			out += "." + strconv.Itoa(n-1)
		}
	}
	return out
}

func (s *keyScan) run() {
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
					p := join(s.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
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
			p = join(p, k)
			s.record(p, line, col)
		}
		s.value()
	}
}

func (s *keyScan) blanks() {
	for s.peek() == ' ' || s.peek() == '\t' {
		s.i++
	}
}

func (s *keyScan) toEOL() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		if c := s.src[s.i]; c == '"' || c == '\'' {
			s.str()
			continue
		}
		s.i++
	}
}

// key reads a dotted key, its parts unquoted.
func (s *keyScan) key() []string {
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
		case bareKey(c):
			start := s.i
			for s.i < len(s.src) && bareKey(s.src[s.i]) {
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
func (s *keyScan) str() {
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
func (s *keyScan) value() {
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

func (s *keyScan) toEOLComment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}
