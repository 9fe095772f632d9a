package frontmatter

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestCheckTOML(t *testing.T) {
	small := Limits{What: "the TOML", Size: 1 << 20, Depth: 4, KeyParts: 4, Cost: 100}
	tests := []struct {
		name string
		in   string
		l    Limits
		line int    // 0: no error
		col  int    // the error's column, when not 0
		has  string // the error contains this
	}{
		{name: "plain", in: "title = \"x\"\n[extra]\ndate = \"Thursday\"\nspeakers = [\"a\", \"b\"]\n"},
		{name: "mentors", in: "[extra]\nmentors = [\n  { name = \"A\", bio = \"x\" },\n  { name = \"B\" },\n]\n[[extra.more]]\nname = \"C\"\n"},
		{name: "strings hide brackets", in: "a = \"[[[[[{{{{{a.b.c.d.e.f\"\nb = '[[[[['\nc = \"\"\"\n[[[[[\n\"\"\"\nd = '''{{{{{'''\n", l: small},
		{name: "comments hide brackets", in: "# [[[[[[[[\na = 1 # {{{{{{{{\n", l: small},
		{name: "quoted dots", in: "\"a.b.c.d.e.f\" = 1\n'a.b.c.d.e' = 2\n", l: small},
		{name: "date with a space", in: "d = 1979-05-27 07:32:00Z\ne = [1979-05-27 07:32:00, 2]\n"},
		{name: "empty containers", in: "a = []\nb = {}\nc = [[], [{}]]\n"},
		{name: "trailing commas", in: "a = [1, 2, ]\n", l: small},
		{name: "crlf", in: "a = 1\r\n[b]\r\nc = [\r\n 1,\r\n]\r\n"},
		{name: "escaped quote", in: "a = \"x\\\"[[[[[[\"\nb = \"\"\"x\\\"\"\"[[[[[[\"\"\"\n", l: small},
		{name: "quotes closing a multi-line string", in: "a = \"\"\"x\"\"\"\"\"\nb = [[[[1]]]]\n", l: small},

		{name: "too large", in: strings.Repeat("#", 2<<20), l: small, line: 1, has: "the TOML is 2.0 MiB long; Agenda reads at most 1.0 MiB"},
		{name: "deep inline tables", in: "\n" + "a = " + strings.Repeat("{b = ", 8000) + "1" + strings.Repeat("}", 8000), line: 2, col: 5 + 32*5, has: "are nested more than 32 deep"},
		{name: "deep arrays", in: "a = " + strings.Repeat("[", 33) + strings.Repeat("]", 33), line: 1, has: "are nested more than 32 deep"},
		{name: "deep, multi-line", in: "a = [\n[\n[\n[\n  [\n1]]]]]", l: small, line: 5, col: 3, has: "are nested more than 4 deep"},
		{name: "dotted key", in: "x = 1\n\n  " + strings.Repeat("a.", 7999) + "b = 1\n", line: 3, col: 3, has: "more than 32 dotted parts"},
		{name: "dotted key with spaces", in: "a . b . c . d . e = 1", l: small, line: 1, has: "more than 4 dotted parts"},
		{name: "table header", in: "[" + strings.Repeat("a.", 40) + "b]\n", line: 1, has: "more than 32 dotted parts"},
		{name: "array of tables header", in: "[[a.b.c.d.e]]\n", l: small, line: 1, has: "more than 4 dotted parts"},
		{name: "inline table key", in: "a = { b.c.d.e.f = 1 }", l: small, line: 1, has: "dotted parts"},
		{name: "many keys", in: strings.Repeat("a = 1\n", 101), l: small, line: 101, has: "too many keys"},
		{name: "long array", in: "a = [" + strings.Repeat("1,", 200) + "]", l: small, line: 1, col: 5 + 99*2 + 1, has: "too many keys"},
		{name: "keys under a deep path", in: "[a.b.c]\n" + strings.Repeat("d = 1\n", 10), l: small, line: 11, has: "too many keys"},
		{name: "not TOML, still bounded", in: "a = = " + strings.Repeat("{", 10), l: small, line: 1, col: 11, has: "are nested more than 4 deep"},
		{name: "not TOML, dotted", in: "a = 1 2\nb.c.d.e.f.g", l: small, line: 2, has: "dotted parts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.l
			if l == (Limits{}) {
				l = PageLimits
			}
			err := CheckTOML([]byte(tt.in), l)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("CheckTOML() = %v, want nil", err)
				}
				if _, err := toml.Decode(tt.in, new(map[string]any)); err != nil {
					t.Fatalf("the test input is not TOML: %v", err)
				}
				return
			}
			e, ok := IsError(err)
			if !ok {
				t.Fatalf("CheckTOML() = %v, want an *Error on line %d containing %q", err, tt.line, tt.has)
			}
			if e.Line != tt.line || tt.col != 0 && e.Col != tt.col || !strings.Contains(e.Msg, tt.has) || e.Hint == "" {
				t.Fatalf("CheckTOML() = %d:%d %q (hint %q), want %d:%d containing %q and a hint", e.Line, e.Col, e.Msg, e.Hint, tt.line, tt.col, tt.has)
			}
		})
	}
}

// FuzzCheckTOML checks that CheckTOML always finishes with nil or an *Error,
// and that what it lets through is bounded: valid TOML that passes small
// limits decodes to no more entries and no deeper than those limits allow.
func FuzzCheckTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"x\"\n[extra]\nspeakers = [\"a\"]\n",
		"a = [{b = 1}, {c = [1, 2]}]\n",
		"[[a.b]]\nc = '''x'''\n[[a.b]]\n",
		"a = \"\"\"\nx\"\"\"\"\n",
		"a.b.c = 1979-05-27 07:32:00Z # c\n",
		"a = {b = {c = {d = 1}}}",
		"a = [\n 1, # c\n 2,\n]",
	} {
		f.Add([]byte(s))
	}
	l := Limits{What: "the TOML", Size: 1 << 20, Depth: 3, KeyParts: 3, Cost: 50}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckTOML(data, l)
		if err != nil {
			if _, ok := IsError(err); !ok {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		var v map[string]any
		if _, derr := toml.Decode(string(data), &v); derr != nil {
			return
		}
		if n := entries(v); n > 2*l.Cost+2 {
			t.Fatalf("%q passed with %d entries", data, n)
		}
		// A header, then inline tables each under a key, then a key: all dotted.
		if d := depth(v); d > l.KeyParts+(l.Depth+1)*l.KeyParts {
			t.Fatalf("%q passed with depth %d", data, d)
		}
	})
}

// entries counts the table entries and array elements in v.
func entries(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			n += 1 + entries(x)
		}
	case []any:
		for _, x := range v {
			n += 1 + entries(x)
		}
	case []map[string]any:
		for _, x := range v {
			n += 1 + entries(x)
		}
	}
	return n
}

func depth(v any) int {
	m := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			m = max(m, 1+depth(x))
		}
	case []any:
		for _, x := range v {
			m = max(m, 1+depth(x))
		}
	case []map[string]any:
		for _, x := range v {
			m = max(m, 1+depth(x))
		}
	}
	return m
}
