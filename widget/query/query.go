// Package query filters and searches the sessions of an opened bundle for the widget, without allocating per keystroke.
//
// Runs in: both: the browser, and natively in tests.
package query

import (
	"bytes"
	"math/bits"
	"strconv"
	"unsafe"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/text/fold"
	"github.com/agendaconf/agenda/widget/text/htmltext"
)

// NextWindow is how far ahead, in seconds, a "now and next" filter looks for
// sessions about to start.
const NextWindow = 90 * 60

// Set is a bitset over session indices: bit i is session i.
type Set []uint64

// NewSet returns an empty Set that can hold sessions 0 to n-1.
func NewSet(n int) Set {
	if n < 0 {
		n = 0
	}
	return make(Set, (n+63)/64)
}

// Has reports whether session i is in s; it is false for any i that s cannot
// hold.
func (s Set) Has(i int) bool {
	return i >= 0 && i>>6 < len(s) && s[i>>6]&(1<<(uint(i)&63)) != 0
}

// Add puts session i in s; it panics if s cannot hold i.
func (s Set) Add(i int) { s[i>>6] |= 1 << (uint(i) & 63) }

// Remove takes session i out of s; it panics if s cannot hold i.
func (s Set) Remove(i int) { s[i>>6] &^= 1 << (uint(i) & 63) }

// Clear empties s.
func (s Set) Clear() { clear(s) }

// Count returns the number of sessions in s.
func (s Set) Count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// Filter says which sessions to show. Every condition must hold.
type Filter struct {
	// Is holds, per facet, the value a session must have (an index of the
	// facet's values, see Facets); a negative value means any. A value the
	// bundle does not have matches nothing.
	Is [NumFacets]int
	// Text is what the attendee typed: every word of it (after fold.Fold)
	// must occur in the session's title, speaker names, room, track, tags or
	// description. Text without letters or digits matches everything.
	Text string
	// Only, when non-nil, restricts the result to these sessions (the
	// attendee's favourites, for "My schedule").
	Only Set
	// Now, when not 0, is a UTC unix time, and restricts the result to "now
	// and next": sessions running at Now (Start <= Now < End) and sessions
	// starting within NextWindow seconds (Now <= Start <= Now+NextWindow).
	// A session without an end is taken to end when it starts; unscheduled
	// sessions never match.
	Now int64
}

// Any returns the filter that matches every session.
func Any() Filter {
	var f Filter
	for i := range f.Is {
		f.Is[i] = -1
	}
	return f
}

// Faceted reports whether any facet is chosen.
func (f *Filter) Faceted() bool {
	for _, v := range f.Is {
		if v >= 0 {
			return true
		}
	}
	return false
}

// session is what filtering needs of a session record, unpacked once.
type session struct {
	start, end int64
	scheduled  bool
}

// column holds one facet's values for every session: session i has
// vals[first[i]:first[i+1]].
type column struct {
	first []int32
	vals  []int32
	n     int  // how many values the facet has
	own   bool // set by SetDays: the bundle's lists do not apply
}

func (c *column) of(i int) []int32 { return c.vals[c.first[i]:c.first[i+1]] }

// Index answers queries over one bundle. It keeps scratch buffers between
// calls so that, once warm, Match and Counts do not allocate; it is therefore
// not safe for concurrent use (the wasm widget has one goroutine anyway).
type Index struct {
	b    *bundle.Bundle
	sess []session
	cols [NumFacets]column

	// The search text, built on the first query with text: for session i,
	// text[off[i]:off[i+1]] is its folded keywords (bundle.Session.Search)
	// and its folded description (tags stripped, entities decoded),
	// separated by a space. Query words never contain a space, so a word
	// occurs there exactly when it occurs in one of the two.
	text []byte
	off  []uint32
	// pairs is, per session, which pairs of adjacent bytes its text has:
	// bits pairs[i*pairWords:(i+1)*pairWords], see pairBit. A word with a
	// pair the text lacks is not in it: most texts are then passed over
	// without reading them, where most of a keystroke's time went.
	pairs []uint64

	// The current query, and what is known about it: tknown holds the
	// sessions whose text was checked against words, tmatch those of them
	// that passed. Both carry over while the attendee types on.
	qtext          string   // the Text that words were made from
	hasQuery       bool     // qtext has been folded into words
	qbuf, prevBuf  []byte   // folded qtext, and the one before
	words, prevWds [][]byte // their words
	tknown, tmatch Set

	hits   []int32 // matching sessions of the current call
	scrap  []byte  // HTML-to-text scratch while building text
	warmed int     // warmQueries run by Warm
}

// New returns an Index over b. It reads every session record once; the
// search text is only built when the first text query arrives (or
// Prepare).
func New(b *bundle.Bundle) *Index {
	n := b.NumSessions()
	x := &Index{b: b, sess: make([]session, n), hits: make([]int32, 0, n), tknown: NewSet(n), tmatch: NewSet(n)}
	for i := range n {
		s := b.Session(i)
		x.sess[i] = session{start: s.Start(), end: max(s.End(), s.Start()), scheduled: s.Scheduled()} // no end: it ends as it starts
	}
	for f := range NumFacets {
		c := &x.cols[f]
		c.n = Facets[f].Num(b)
		c.first = make([]int32, n+1)
		for i := range n {
			c.vals = Facets[f].Of(b.Session(i), c.vals)
			c.first[i+1] = int32(len(c.vals))
		}
	}
	return x
}

// SetDays replaces the day of every session: day[i] is session i's day (-1:
// none) among n days. The widget calls it to show days as the viewer's time
// zone dates them; Filter.Is[Day] and Counts then speak of these days.
func (x *Index) SetDays(day []int32, n int) {
	c := &x.cols[Day]
	c.vals, c.n, c.own = c.vals[:0], n, true
	for i := range x.sess {
		if i < len(day) && day[i] >= 0 {
			c.vals = append(c.vals, day[i])
		}
		c.first[i+1] = int32(len(c.vals))
	}
}

// ResetDays gives sessions their bundle days again, after SetDays.
func (x *Index) ResetDays() {
	c := &x.cols[Day]
	if !c.own {
		return
	}
	c.vals, c.n, c.own = c.vals[:0], Facets[Day].Num(x.b), false
	for i := range x.sess {
		c.vals = Facets[Day].Of(x.b.Session(i), c.vals)
		c.first[i+1] = int32(len(c.vals))
	}
}

// NumValues is how many values facet f has: the length of Counts' result.
func (x *Index) NumValues(f Facet) int { return x.cols[f].n }

// Values returns session i's values of facet f; the slice is the index's own.
func (x *Index) Values(f Facet, i int) []int32 { return x.cols[f].of(i) }

// Match puts in out the sessions that f matches and returns how many there
// are. out is cleared first; it must hold every session (NewSet with the
// bundle's NumSessions), or be nil to only count.
func (x *Index) Match(f Filter, out Set) int {
	if out != nil {
		if len(out)*64 < len(x.sess) {
			panic("query: Match: out holds " + strconv.Itoa(len(out)*64) + " sessions, the bundle has " + strconv.Itoa(len(x.sess)))
		}
		out.Clear()
	}
	hits := x.collect(&f)
	if out != nil {
		for _, i := range hits {
			out.Add(int(i))
		}
	}
	return len(hits)
}

// Counts returns, for each value v of facet dim, how many sessions would
// match f with that facet set to v (the others as in f): the numbers shown
// next to each choice. The result has NumValues(dim) entries; counts is
// reused when it is large enough. An unknown facet gives an empty result.
func (x *Index) Counts(f Filter, dim Facet, counts []int) []int {
	n := 0
	if dim >= 0 && dim < NumFacets {
		n, f.Is[dim] = x.cols[dim].n, -1
	}
	if cap(counts) < n {
		counts = make([]int, n)
	}
	counts = counts[:n]
	clear(counts)
	if n == 0 {
		return counts
	}
	for _, i := range x.collect(&f) {
		for _, v := range x.cols[dim].of(int(i)) {
			if int(v) < n {
				counts[v]++
			}
		}
	}
	return counts
}

// collect returns the sessions f matches, in programme order, in x.hits.
func (x *Index) collect(f *Filter) []int32 {
	x.prepare(f.Text)
	hits := x.hits[:0]
	// Walk the shortest precomputed index list that applies, if any.
	var list bundle.List
	useList := false
	for d, v := range f.Is {
		if v >= 0 && !x.cols[d].own && v < x.cols[d].n {
			if l := Facets[d].Sessions(x.b, v); !useList || l.Len() < list.Len() {
				list, useList = l, true
			}
		}
	}
	switch {
	case useList:
		for k := range list.Len() {
			if i := list.At(k); x.ok(f, i) {
				hits = append(hits, int32(i))
			}
		}
	case f.Only != nil:
		m := min(len(f.Only), (len(x.sess)+63)/64)
		for w, word := range f.Only[:m] {
			for word != 0 {
				i := w<<6 | bits.TrailingZeros64(word)
				word &= word - 1
				if i < len(x.sess) && x.ok(f, i) {
					hits = append(hits, int32(i))
				}
			}
		}
	default:
		for i := range x.sess {
			if x.ok(f, i) {
				hits = append(hits, int32(i))
			}
		}
	}
	x.hits = hits
	return hits
}

// ok reports whether session i passes every condition of f.
func (x *Index) ok(f *Filter, i int) bool {
	for d, v := range f.Is {
		if v >= 0 && !has(x.cols[d].of(i), v) {
			return false
		}
	}
	if f.Only != nil && !f.Only.Has(i) {
		return false
	}
	if f.Now != 0 {
		s := &x.sess[i]
		if !s.scheduled {
			return false
		}
		running := s.start <= f.Now && f.Now < s.end
		// Unsigned, the difference cannot overflow.
		soon := f.Now <= s.start && uint64(s.start)-uint64(f.Now) <= NextWindow
		if !running && !soon {
			return false
		}
	}
	return len(x.words) == 0 || x.textMatch(i)
}

func has(vals []int32, v int) bool {
	for _, w := range vals {
		if int(w) == v {
			return true
		}
	}
	return false
}

// textMatch reports whether every query word occurs in session i's text.
func (x *Index) textMatch(i int) bool {
	if x.tknown.Has(i) {
		return x.tmatch.Has(i)
	}
	x.tknown.Add(i)
	t := x.text[x.off[i]:x.off[i+1]]
	pairs := x.pairs[i*pairWords : (i+1)*pairWords]
	for _, w := range x.words {
		for k := 1; k < len(w); k++ {
			if b := pairBit(w[k-1], w[k]); pairs[b/64]&(1<<(b%64)) == 0 {
				return false
			}
		}
		if !bytes.Contains(t, w) {
			return false
		}
	}
	x.tmatch.Add(i)
	return true
}

// prepare folds q into x.words, reusing the previous result when q has not
// changed, and builds the search text the first time q has a word. When the
// new words refine the old ones (typing on), sessions known not to match stay
// known.
func (x *Index) prepare(q string) {
	if x.hasQuery && q == x.qtext {
		return
	}
	x.qtext, x.hasQuery = q, true
	x.qbuf, x.prevBuf = x.prevBuf, x.qbuf
	x.words, x.prevWds = x.prevWds, x.words
	x.qbuf = fold.AppendFold(x.qbuf[:0], q)
	x.words = x.words[:0]
	for rest := x.qbuf; len(rest) > 0; {
		j := bytes.IndexByte(rest, ' ')
		if j < 0 {
			j = len(rest)
		}
		if j > 0 {
			x.words = append(x.words, rest[:j:j])
		}
		rest = rest[min(j+1, len(rest)):]
	}
	if len(x.words) == 0 {
		return
	}
	if len(x.off) <= len(x.sess) {
		x.buildText()
	}
	if refines(x.words, x.prevWds) {
		// A session that lacked an old word lacks a new one too.
		for k := range x.tknown {
			x.tknown[k] &^= x.tmatch[k]
		}
	} else {
		x.tknown.Clear()
	}
	x.tmatch.Clear()
}

// refines reports whether every word of old occurs in a word of new, so that
// text with all the new words has all the old ones. No old words (no text
// filter) refines nothing: nothing is known then.
func refines(new, old [][]byte) bool {
	if len(old) == 0 {
		return false
	}
next:
	for _, o := range old {
		for _, w := range new {
			if bytes.Contains(w, o) {
				continue next
			}
		}
		return false
	}
	return true
}

// buildText folds every session's keywords and description into x.text,
// those Warm has not folded yet.
func (x *Index) buildText() {
	for !x.fold(len(x.sess)) {
	}
}

// Warm prepares the first keystroke, a step per call, and reports whether
// it is done: it folds the search text of up to n more sessions, then runs
// the matcher once per warmQueries entry. The widget calls it in idle
// moments after mounting, so that the first keystroke neither folds a
// thousand descriptions (tens of milliseconds at FOSDEM's size) nor waits
// for the browser to compile the matcher, which V8 does for each wasm
// function when it is first called. At FOSDEM, "r" took 0.9 to 4.2 ms to
// match and patch without the matcher's run, 0.4 to 0.7 after it.
func (x *Index) Warm(n int) bool {
	if !x.fold(n) {
		return false
	}
	if x.warmed < len(warmQueries) {
		f := Any()
		f.Text = warmQueries[x.warmed]
		x.Match(f, nil)
		x.warmed++
	}
	return x.warmed == len(warmQueries)
}

// pairWords is the size of a session's set of byte pairs, in uint64s:
// 32×32 bits.
const pairWords = 32 * 32 / 64

// pairBit numbers the pair of bytes a, b of folded text. Letters have a
// code each, so pairs of letters are told apart exactly; digits share one,
// other ASCII bytes another, and bytes of other scripts four: pairs that
// share a number only let more texts through to be read.
func pairBit(a, b byte) uint {
	return pairCode[a]<<5 | pairCode[b]
}

var pairCode = func() (c [256]uint) {
	for i := range c {
		switch {
		case 'a' <= i && i <= 'z':
			c[i] = uint(i-'a') + 1
		case '0' <= i && i <= '9':
			c[i] = 27
		case i >= 0x80:
			c[i] = 28 + uint(i)&3
		}
	}
	return c
}()

// warmQueries are words that stop early in most texts and words found in
// none, which read every text to its end.
var warmQueries = [...]string{"e", "zq", "er", "a", "qz", "on"}

// fold folds the search text of up to n more sessions and reports whether
// every session's is ready.
func (x *Index) fold(n int) bool {
	if x.off == nil {
		size := len(x.sess)
		for i := range x.sess {
			s := x.b.Session(i)
			size += len(s.Search()) + len(s.Description())
		}
		x.text, x.off = make([]byte, 0, size), make([]uint32, 1, len(x.sess)+1)
		x.pairs = make([]uint64, len(x.sess)*pairWords)
	}
	for k := 0; k < n && len(x.off) <= len(x.sess); k++ {
		s := x.b.Session(len(x.off) - 1)
		text := append(x.text, s.Search()...)
		mark := len(text)
		text = append(text, ' ')
		text = fold.AppendFold(text, x.htmlText(s.Description()))
		if len(text) == mark+1 {
			text = text[:mark]
		}
		pairs := x.pairs[(len(x.off)-1)*pairWords:][:pairWords]
		for k := len(x.text) + 1; k < len(text); k++ {
			b := pairBit(text[k-1], text[k])
			pairs[b/64] |= 1 << (b % 64)
		}
		x.text, x.off = text, append(x.off, uint32(len(text)))
	}
	if len(x.off) <= len(x.sess) {
		return false
	}
	x.scrap = nil
	return true
}

// htmlText returns the text of a sanitised HTML fragment, as every
// text-only output reads it (htmltext.Text). The result aliases x.scrap and
// is only valid until the next call.
func (x *Index) htmlText(h string) string {
	x.scrap = htmltext.AppendText(x.scrap[:0], h)
	return unsafe.String(unsafe.SliceData(x.scrap), len(x.scrap))
}
