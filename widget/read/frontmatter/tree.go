package frontmatter

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Kind is the type of a Value.
type Kind uint8

const (
	Null   Kind = iota // YAML's null, ~ or nothing after a key
	String             // Str
	Int                // Int
	Float              // Float
	Bool               // Bool
	Time               // Time, TimeKind
	List               // List
	Table              // Table
)

// TimeKind says how much of an instant a Time value gives.
type TimeKind uint8

const (
	// Zoned: a date and time with an offset or Z, an exact instant.
	Zoned TimeKind = iota
	// LocalDateTime: a date and time with no offset (Time holds the wall
	// clock, in UTC); the reader places it in the venue's zone.
	LocalDateTime
	// LocalDate: a date alone (Time is its midnight, in UTC).
	LocalDate
	// LocalTime: a time of day alone (TOML only; Time on January 1 of year 0, in UTC).
	LocalTime
)

// Value is one decoded value of the front matter, with where it stands in
// the file: YAML gives every value its own line and column; TOML's decoder
// keeps none, so a TOML value stands where its key does (and the elements
// of an inline array where the array's key does).
type Value struct {
	Kind      Kind
	Line, Col int // 1-based, in the file

	Str      string // String; for other YAML scalars, the text as written
	Int      int64
	Float    float64
	Bool     bool
	Time     time.Time
	TimeKind TimeKind
	List     []*Value
	Table    []Field // in the order of the file
}

// Field is one key of a table and its value. YAML values reached through an
// alias (*name) are shared with the anchor's: a tree is read, never changed.
type Field struct {
	Key       string
	Line, Col int // of the key
	Value     *Value
}

// Get returns the field key of table v.
func (v *Value) Get(key string) (Field, bool) {
	if v == nil || v.Kind != Table {
		return Field{}, false
	}
	for _, f := range v.Table {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Lookup returns the field that path names in table v: a key ("starts_at"),
// or a dotted path into nested tables ("event.room"). A key that itself
// holds dots is found too.
func (v *Value) Lookup(path string) (Field, bool) {
	if f, ok := v.Get(path); ok {
		return f, true
	}
	for i := 0; i < len(path); i++ {
		if path[i] != '.' {
			continue
		}
		if f, ok := v.Get(path[:i]); ok && f.Value.Kind == Table {
			if g, ok := f.Value.Lookup(path[i+1:]); ok {
				return g, true
			}
		}
	}
	return Field{}, false
}

// Describe names v's type for a message, with the value when it is short:
// `a string ("10:00")`, `a number (45)`, `a list`.
func (v *Value) Describe() string {
	switch v.Kind {
	case String:
		return "a string (" + strconv.Quote(short(v.Str)) + ")"
	case Int:
		return "a number (" + strconv.FormatInt(v.Int, 10) + ")"
	case Float:
		return "a number (" + strconv.FormatFloat(v.Float, 'g', -1, 64) + ")"
	case Bool:
		return "a boolean (" + strconv.FormatBool(v.Bool) + ")"
	case Time:
		return "a date (" + v.Text() + ")"
	case List:
		return "a list"
	case Table:
		return "a table"
	}
	return "empty (null)"
}

// Text is a scalar as a string would hold it: a YAML scalar as written, a
// TOML date in RFC 3339; "" for lists, tables and null.
func (v *Value) Text() string {
	switch v.Kind {
	case String:
		return v.Str
	case Int:
		return strconv.FormatInt(v.Int, 10)
	case Float:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case Bool:
		return strconv.FormatBool(v.Bool)
	case Time:
		if v.Str != "" {
			return v.Str
		}
		switch v.TimeKind {
		case LocalDate:
			return v.Time.Format("2006-01-02")
		case LocalDateTime:
			return v.Time.Format("2006-01-02T15:04:05")
		case LocalTime:
			return v.Time.Format("15:04:05")
		}
		return v.Time.Format(time.RFC3339)
	}
	return ""
}

// Plain returns v as BurntSushi/toml hands values to an Unmarshaler:
// string, int64, float64, bool, time.Time, []any, map[string]any; nil for null.
func (v *Value) Plain() any {
	switch v.Kind {
	case String:
		return v.Str
	case Int:
		return v.Int
	case Float:
		return v.Float
	case Bool:
		return v.Bool
	case Time:
		return v.Time
	case List:
		out := make([]any, len(v.List))
		for i, x := range v.List {
			out[i] = x.Plain()
		}
		return out
	case Table:
		out := make(map[string]any, len(v.Table))
		for _, f := range v.Table {
			out[f.Key] = f.Value.Plain()
		}
		return out
	}
	return nil
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// Decode bounds and decodes the front matter of p into a table. Errors are
// *Error, their Line counted in the file.
func Decode(p Page, l Limits) (*Value, error) {
	if p.Format == YAML {
		return DecodeYAML(p.Front, p.FrontLine, l)
	}
	return DecodeTOML(p.Front, p.FrontLine, l)
}

var instantRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9})\d*)?)?(?:[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?))?)?$`)

// ParseTime reads an ISO 8601 / RFC 3339 date or date-time as YAML and
// front matter write them: "2024-07-12T11:20:00+02:00", "2023-10-16
// 09:00:00-04:00", "2024-07-12 11:20" (no offset: LocalDateTime),
// "2024-07-12" (LocalDate), "2001-12-14 21:59:43.10 -5". Local kinds come back
// in UTC holding the wall clock.
func ParseTime(s string) (time.Time, TimeKind, bool) {
	m := instantRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, 0, false
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	y, mo, d := num(m[1]), num(m[2]), num(m[3])
	if m[4] == "" {
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
			return time.Time{}, 0, false
		}
		return t, LocalDate, true
	}
	h, mi, sec := num(m[4]), num(m[5]), num(m[6])
	ns := 0
	if m[7] != "" {
		ns = num((m[7] + "000000000")[:9])
	}
	if h > 23 || mi > 59 || sec > 60 {
		return time.Time{}, 0, false
	}
	loc, kind := time.UTC, LocalDateTime
	if z := m[8]; z != "" {
		kind = Zoned
		if z != "Z" && z != "z" {
			sign := 1
			if z[0] == '-' {
				sign = -1
			}
			z = strings.ReplaceAll(z[1:], ":", "")
			var oh, om int
			switch len(z) {
			case 1, 2:
				oh = num(z)
			case 3:
				oh, om = num(z[:1]), num(z[1:])
			default:
				oh, om = num(z[:2]), num(z[2:])
			}
			if oh > 23 || om > 59 {
				return time.Time{}, 0, false
			}
			loc = time.FixedZone("", sign*(oh*3600+om*60))
		}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ns, loc)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, 0, false
	}
	return t, kind, true
}

// sortFields orders a table's fields by where they stand, then by key.
func sortFields(fs []Field) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Key < b.Key
	})
}
