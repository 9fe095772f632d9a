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
