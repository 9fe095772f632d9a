package frontmatter

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzScan runs the scanner behind CheckTOML and KeyPositions on any input,
// on the same bytes read as TOML tokens, and on TOML from a small grammar.
// Neither panics; KeyPositions places only keys the decoder reads, on lines
// the input has. (Until f548b56 a differential version compared it with the
// two scanners it replaced: about 2 million inputs agreed, once the old key
// scanner's two bugs, covered by TestKeyPositionsComments, were set aside.)
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"title = \"x\"\n[extra]\nspeakers = [\"a\"]\n",
		"a = [{b = 1}, {c = [1, 2]}]\n",
		"[[a.b]]\nc = '''x'''\n[[a.b]]\nd.e = 1\n[a.b.f]\ng = 2\n",
		"a = \"\"\"\nx\"\"\"\"\nb = 1\n",
		"a.b.c = 1979-05-27 07:32:00Z # c\n",
		"a = {b = {c = {d = 1}}}",
		"a = [\n 1, # c\n 2,\n]\nb = 2",
		"\"q.k\" = 1\n'l' = 2\n\"\\u00e9\" = 3\n[ x . \"y\" ]\nz = 4\n",
		"a = 1 2\nb.c.d.e.f.g",
		"a = = {{{{",
		"[a]\r\nb = [\r\n 1,\r\n]\r\n",
		"a = \"x\\\n\"\nb = 1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scanHolds(t, data)
		// Random bytes are seldom TOML; the same bytes read as tokens often are.
		scanHolds(t, fromTokens(data))
		scanHolds(t, fromGrammar(data))
	})
}

// tokens are pieces of TOML, ordinary and awkward.
var tokens = []string{
	"a", "b", "c", `"q.k"`, "'l'", `""`, `"\u00e9"`, `"\""`, ".", " ", "\t", "=", " = ",
	"1", "-2.5", "true", "1979-05-27 07:32:00", `"s"`, "'s'", `"[{#"`, "'''x\n'''", "\"\"\"\n\\\n\"\"\"\"",
	"[", "]", "[[", "]]", "{", "}", ",", "\n", "\r\n", "# c\n", "# '''\n", "# \"\\\n", `"`, "'", `\`, "#",
}

// fromTokens reads each byte of data as a token.
func fromTokens(data []byte) []byte {
	var b []byte
	for _, c := range data {
		b = append(b, tokens[int(c)%len(tokens)]...)
	}
	return b
}

// fromGrammar reads data as choices in a small TOML grammar: headers, dotted
// and quoted keys, strings of every kind, nested arrays and inline tables,
// comments. Its output is mostly TOML, so KeyPositions is compared often.
func fromGrammar(data []byte) []byte {
	g := gen{data: data}
	for len(g.data) > 0 {
		switch g.next(6) {
		case 0:
			g.pick("[", "[ ")
			g.key()
			g.pick("]", " ]")
		case 1:
			g.pick("[[")
			g.key()
			g.pick("]]")
		case 2:
			g.pick("# c", "# '''", "# \"\\", `# """`, "")
		default:
			g.key()
			g.pick(" = ", "=")
			g.value(0)
		}
		g.pick("\n", "\r\n", " # '''\n", "\n\n", "\t# \"\n")
	}
	return g.out
}

type gen struct{ data, out []byte }

// next takes a choice among n; 0, which always ends what it chooses, once
// data runs out.
func (g *gen) next(n int) int {
	if len(g.data) == 0 {
		return 0
	}
	c := g.data[0]
	g.data = g.data[1:]
	return int(c) % n
}

func (g *gen) pick(s ...string) { g.out = append(g.out, s[g.next(len(s))]...) }

func (g *gen) key() {
	for {
		g.pick("a", "b", "c", "d", "e", `"q.k"`, "'l'", `"\u00e9"`, `""`, "x-1", `"\t"`)
		if g.next(3) != 1 {
			return
		}
		g.pick(".", " . ")
	}
}

func (g *gen) value(depth int) {
	switch n := g.next(4); {
	case n == 1 && depth < 3:
		g.pick("[", "[\n", "[ # c\n")
		for i := g.next(4); i > 0; i-- {
			g.value(depth + 1)
			g.pick(", ", ",\n", ", # '''\n")
		}
		g.pick("]", "\n]")
	case n == 2 && depth < 3:
		g.pick("{", "{ ")
		for i := g.next(3); i > 0; i-- {
			g.key()
			g.pick(" = ")
			g.value(depth + 1)
			if i > 1 {
				g.pick(", ")
			}
		}
		g.pick("}", " }")
	default:
		g.pick("1", "-2.5", "true", "1979-05-27 07:32:00", `"s"`, "'s'", `"[{#\""`, "'''x\n'''", "\"\"\"\n\\\n y\"\"\"\"", `"\\"`, "''")
	}
}

func scanHolds(t *testing.T, data []byte) {
	small := Limits{What: "the TOML", Size: 1 << 20, Depth: 3, KeyParts: 3, Cost: 50}
	CheckTOML(data, small)
	if CheckTOML(data, PageLimits) != nil {
		return
	}
	got := KeyPositions(data, 3)
	md, err := toml.Decode(string(data), new(map[string]any))
	if err != nil {
		return
	}
	// Names compare split at every dot (a quoted part may hold dots) and
	// without empty parts ([""] is a table KeyPositions leaves out of its
	// names); with [[tables]], whose items KeyPositions numbers, only lines.
	name := func(k string) string {
		var out []string
		for _, p := range strings.Split(k, ".") {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, ".")
	}
	keys := map[string]bool{} // every key the decoder read, and its prefixes
	for _, k := range md.Keys() {
		for n := 1; n <= len(k); n++ {
			keys[name(strings.Join(k[:n], "."))] = true
		}
	}
	lines := 3 + bytes.Count(data, []byte("\n"))
	for k, at := range got {
		if !bytes.Contains(data, []byte("[[")) && !keys[name(k)] || at[0] < 3 || at[0] > lines || at[1] < 1 {
			t.Fatalf("KeyPositions(%q) places %q at %v; the decoder has %v", data, k, at, md.Keys())
		}
	}
}

// TestKeyPositionsComments covers what the old key scanner (before f548b56) got wrong: it
// took quotes in a comment for a string, and a backslash ending the input
// took it past the end.
func TestKeyPositionsComments(t *testing.T) {
	tests := []struct {
		in   string
		want map[string][2]int
	}{
		{"# no \"\"\" here\ntitle = 1\n", map[string][2]int{"title": {2, 1}}},
		{"[a] # '''\nb = 1\n", map[string][2]int{"a": {1, 1}, "a.b": {2, 1}}},
		{"# \"x\\\nb = 1\nc = 2\n", map[string][2]int{"b": {2, 1}, "c": {3, 1}}},
		{"a = 1\n\"x\\", map[string][2]int{"a": {1, 1}}},
	}
	for _, tt := range tests {
		if got := KeyPositions([]byte(tt.in), 1); !maps.Equal(got, tt.want) {
			t.Errorf("KeyPositions(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestKeyPositionsEscapes: a quoted key is named as the TOML decoder names
// it, which is not how Go unquotes: \e and \xHH (a code point) are TOML's;
// \a and octal are not (the page is refused then). FuzzScan found \e.
func TestKeyPositionsEscapes(t *testing.T) {
	for _, key := range []string{`"\e"`, `"\xe9"`, `"\x41b"`, `"\u00e9"`, `"\U0001F600"`, `"a\"b"`, `"a\\b"`, `"\tx"`, `"\a"`, `"\101"`} {
		src := key + " = 0\n"
		var m map[string]any
		if _, err := toml.Decode(src, &m); err != nil {
			continue // refused before its keys matter
		}
		want := slices.Collect(maps.Keys(m))
		if got := slices.Collect(maps.Keys(KeyPositions([]byte(src), 1))); !slices.Equal(got, want) {
			t.Errorf("%s: KeyPositions names %q, the decoder %q", src, got, want)
		}
	}
}
