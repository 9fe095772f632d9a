package frontmatter

import (
	"errors"
	"math"
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
// Keys inside inline tables are left out. It reads the block with
// CheckTOML's scanner, unbounded: run it on input CheckTOML passed.
func KeyPositions(src []byte, first int) map[string][2]int {
	s := scanner{src: src, line: first, l: unbounded, keys: map[string][2]int{}, aot: map[string]int{}}
	s.run()
	return s.keys
}

// unbounded are limits no input reaches.
var unbounded = Limits{Size: math.MaxInt, Depth: math.MaxInt, KeyParts: math.MaxInt, Cost: math.MaxInt}
