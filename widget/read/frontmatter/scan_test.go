package frontmatter

import (
	"bytes"
	"maps"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzScanAgrees checks the one scanner against the two it replaced
// (oldscan_test.go): CheckTOML gives the same answer, error line, column and
// text included, on any input and under tight and page limits; KeyPositions
// gives the same positions on all TOML that CheckTOML passes and the decoder
// reads, the only TOML its callers use them for. The old key scanner skipped
// strings inside comments too, so a comment with """ in it hid the keys
// after it; it is compared on the input with its comments blanked.
func FuzzScanAgrees(f *testing.F) {
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
	small := Limits{What: "the TOML", Size: 1 << 20, Depth: 3, KeyParts: 3, Cost: 50}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range []Limits{small, PageLimits} {
			if got, want := CheckTOML(data, l), oldCheckTOML(data, l); !reflect.DeepEqual(got, want) {
				t.Fatalf("CheckTOML(%q, depth %d) = %#v, was %#v", data, l.Depth, got, want)
			}
		}
		if CheckTOML(data, PageLimits) != nil {
			return
		}
		got := KeyPositions(data, 3)
		if _, err := toml.Decode(string(data), new(map[string]any)); err != nil {
			return
		}
		if want := oldKeyPositions(blankComments(data), 3); !maps.Equal(got, want) {
			t.Fatalf("KeyPositions(%q) = %v, was %v", data, got, want)
		}
	})
}

// blankComments turns the comments of TOML src into spaces, keeping every
// key where it was. It finds strings as the old bounds scanner did.
func blankComments(src []byte) []byte {
	out := bytes.Clone(src)
	s := oldScanner{src: out}
	for s.i < len(out) {
		switch out[s.i] {
		case '"', '\'':
			s.str()
		case '#':
			for ; s.i < len(out) && out[s.i] != '\n'; s.i++ {
				out[s.i] = ' '
			}
		default:
			s.i++
		}
	}
	return out
}
