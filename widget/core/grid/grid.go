// Package grid places a day's sessions on a grid of rooms over time, overlapping ones side by side in lanes; it runs in the browser and natively.
//
// Place does the arithmetic only; the caller writes the HTML and the
// stylesheet. The layout is meant for a CSS grid whose first column track is
// the time axis and whose first row is the room headers; every room column is
// split into Column.Tracks sub-tracks, so that a session is placed with
// integer grid lines only ("grid-column:5/span 2"), in a stylesheet, never in
// style attributes. A cluster of k overlapping sessions splits its column's
// sub-tracks into k lanes of (nearly) equal width; AppendTracks writes the
// grid-template-columns value that sizes the sub-tracks so that every room
// column gets the same share of the free width, whatever its sub-track count.
//
// Runs in: both.
package grid

import (
	"cmp"
	"strconv"
)

// DefaultStep is the row height in seconds used when Place is given a step
// that is not positive.
const DefaultStep = 5 * 60

// MaxTracks caps the sub-tracks of a column: a column takes the least common
// multiple of its clusters' lane counts when that is at most MaxTracks (every
// lane is then exactly as wide as its cluster's other lanes), else MaxTracks,
// or its largest lane count when that is larger still (lanes then differ by at
// most one sub-track).
const MaxTracks = 12

// FirstColumnLine and FirstRowLine are the CSS grid lines where the sessions'
// area begins: after one time-axis column track and after one header row.
const (
	FirstColumnLine = 2
	FirstRowLine    = 2
)

// Item is one session of the day: its instants (Unix seconds) and its room's
// index (any negative number: no room). An item with End <= Start takes one
// row.
type Item struct {
	Start, End int64
	Room       int
}

// Layout places a day's items.
type Layout struct {
	// Columns, left to right: the rooms that have items, in ascending room
	// index, then one column for the items without a room if there are any.
	Columns []Column
	// T0 is the earliest start floored to 30 minutes (in Unix time, so to the
	// half hour in every zone whose offset is a multiple of 30 minutes); Step
	// is the rows' height in seconds; Rows is the number of rows, reaching
	// the latest end (or start plus Step) ceiled to 30 minutes.
	T0, Step int64
	Rows     int
	// Spots has one entry per item, in the items' order.
	Spots []Spot
}

// Column is one column of the grid.
type Column struct {
	Room   int // the room's index; -1 for the column of items without a room
	Lanes  int // the largest number of lanes of any of its clusters
	Track  int // its first sub-track, 0-based, counted after the time axis
	Tracks int // its number of sub-tracks
}

// Spot is where one item goes. Rows are 0-based, half-open [RowFrom, RowTo)
// and counted from T0; sub-tracks are 0-based and counted after the time
// axis. GridRow and GridColumn give the CSS grid lines.
type Spot struct {
	Column         int // index in Layout.Columns
	RowFrom, RowTo int // RowTo > RowFrom
	Lane, Lanes    int // its lane, and the lanes of its overlap cluster (Lane < Lanes)
	Track, Span    int // its first sub-track and how many it spans (>= 1)
}

// GridRow returns the CSS grid-row start and end lines: "grid-row:start/end".
func (p Spot) GridRow() (start, end int) {
	return FirstRowLine + p.RowFrom, FirstRowLine + p.RowTo
}

// GridColumn returns the CSS grid-column start line and span:
// "grid-column:start/span n".
func (p Spot) GridColumn() (start, span int) {
	return FirstColumnLine + p.Track, p.Span
}

// GridColumn returns the column's CSS grid-column start line and span, for
// its header: "grid-column:start/span n".
func (c Column) GridColumn() (start, span int) {
	return FirstColumnLine + c.Track, c.Tracks
}

// Tracks is the number of sub-tracks after the time axis.
func (l *Layout) Tracks() int {
	if len(l.Columns) == 0 {
		return 0
	}
	c := l.Columns[len(l.Columns)-1]
	return c.Track + c.Tracks
}

// Row returns the 0-based row in which instant t falls (negative before T0);
// FirstRowLine+Row(t) is its CSS grid line.
func (l *Layout) Row(t int64) int {
	return int(floorDiv(t-l.T0, l.Step))
}

// Place places items on a grid of rows of step seconds (DefaultStep if step
// is not positive). Two items overlap when they share a row (not merely an
// instant: two items in one row would cover each other). In each column,
// items are grouped into clusters of transitively overlapping items; a
// cluster has as many lanes as the most items it has in one row, and an item
// takes the first lane free at its first row, the longer of two items that
// begin in one row first. The result depends only on the items, not on their
// order (equal items may trade places).
func Place(items []Item, step int64) Layout {
	if step <= 0 {
		step = DefaultStep
	}
	l := Layout{Step: step}
	if len(items) == 0 {
		return l
	}
	t0, t1 := items[0].Start, items[0].Start
	for _, it := range items {
		t0 = min(t0, it.Start)
		t1 = max(t1, it.End, it.Start+step)
	}
	const half = 1800
	l.T0 = floorDiv(t0, half) * half
	t1 = ceilDiv(t1, half) * half
	l.Rows = int(ceilDiv(t1-l.T0, step))

	// Sort by column, first row, last row (longer first), then by the
	// item's fields, so that only equal items are ordered by their index.
	// For real days, the first three are packed in one key.
	room := func(i int32) int {
		if r := items[i].Room; r >= 0 {
			return r
		}
		return int(^uint(0) >> 1) // the no-room column comes last
	}
	packed := l.Rows < 1<<24
	for _, it := range items {
		packed = packed && it.Room < 1<<16-1
	}
	l.Spots = make([]Spot, len(items))
	order := make([]entry, len(items))
	for i, it := range items {
		from := floorDiv(it.Start-l.T0, step)
		to := ceilDiv(it.End-l.T0, step)
		if to <= from {
			to = from + 1
		}
		l.Spots[i] = Spot{RowFrom: int(from), RowTo: int(to)}
		order[i].i = int32(i)
		if packed {
			order[i].key = uint64(min(room(int32(i)), 1<<16-1))<<48 | uint64(from)<<24 | uint64(1<<24-to)
		}
	}
	mergeSort(order, func(x, y entry) int {
		if x.key != y.key {
			return cmp.Compare(x.key, y.key)
		}
		a, b := x.i, y.i
		pa, pb := &l.Spots[a], &l.Spots[b]
		ia, ib := &items[a], &items[b]
		switch {
		case room(a) != room(b):
			return cmp.Compare(room(a), room(b))
		case pa.RowFrom != pb.RowFrom:
			return cmp.Compare(pa.RowFrom, pb.RowFrom)
		case pa.RowTo != pb.RowTo:
			return cmp.Compare(pb.RowTo, pa.RowTo) // longer first
		case ia.Start != ib.Start:
			return cmp.Compare(ia.Start, ib.Start)
		case ia.End != ib.End:
			return cmp.Compare(ia.End, ib.End)
		case ia.Room != ib.Room: // -1 and -2 are both no room
			return cmp.Compare(ia.Room, ib.Room)
		}
		return cmp.Compare(a, b)
	})

	cols := 1
	for k := 1; k < len(order); k++ {
		if room(order[k].i) != room(order[k-1].i) {
			cols++
		}
	}
	l.Columns = make([]Column, 0, cols)
	free := make([]int, 0, 8) // per lane of the open cluster, the row where it is free again
	track := 0
	for k := 0; k < len(order); {
		// One column: order[k:e].
		r := room(order[k].i)
		e := k + 1
		for e < len(order) && room(order[e].i) == r {
			e++
		}
		c := Column{Room: items[order[k].i].Room, Track: track}
		if c.Room < 0 {
			c.Room = -1
		}
		col := len(l.Columns)
		lcm := 1
		for cs := k; cs < e; {
			// One cluster: order[cs:ce].
			free = free[:0]
			end := 0
			ce := cs
			for ; ce < e; ce++ {
				p := &l.Spots[order[ce].i]
				if ce > cs && p.RowFrom >= end {
					break
				}
				end = max(end, p.RowTo)
				lane := 0
				for lane < len(free) && free[lane] > p.RowFrom {
					lane++
				}
				if lane == len(free) {
					free = append(free, 0)
				}
				free[lane] = p.RowTo
				p.Column, p.Lane = col, lane
			}
			n := len(free)
			for _, o := range order[cs:ce] {
				l.Spots[o.i].Lanes = n
			}
			c.Lanes = max(c.Lanes, n)
			if lcm <= MaxTracks {
				lcm = lcm / gcd(lcm, n) * n
			}
			cs = ce
		}
		c.Tracks = lcm
		if lcm > MaxTracks {
			c.Tracks = max(MaxTracks, c.Lanes)
		}
		for _, o := range order[k:e] {
			p := &l.Spots[o.i]
			from := p.Lane * c.Tracks / p.Lanes
			to := (p.Lane + 1) * c.Tracks / p.Lanes
			p.Track, p.Span = c.Track+from, to-from
		}
		l.Columns = append(l.Columns, c)
		track += c.Tracks
		k = e
	}
	return l
}

// entry is an item's index and its sort key.
type entry struct {
	key uint64
	i   int32
}

// Sizes are the widths AppendTracks gives, in hundredths of a rem.
type Sizes struct {
	Axis int // the time axis
	Room int // the least width of a room column
	Lane int // the least width of a lane: a column with n lanes is at least n*Lane wide
}

// DefaultSizes keeps a lone session as wide as before lanes (11rem) and gives
// each of several side-by-side sessions 7rem, enough for a few words of its
// title.
var DefaultSizes = Sizes{Axis: 550, Room: 1100, Lane: 700}

// AppendTracks appends the grid-template-columns value to dst: the time
// axis, then every column's sub-tracks, e.g.
// "5.5rem repeat(3,minmax(7rem,1fr)) repeat(4,minmax(11rem,3fr))" for a room
// with three lanes followed by four rooms without overlaps. A column is at
// least max(Room, Lanes*Lane) wide, and the free width is shared equally
// between columns: each sub-track of a column of n sub-tracks gets F/n fr,
// with F the least common multiple of all columns' sub-track counts.
func (l *Layout) AppendTracks(dst []byte, s Sizes) []byte {
	dst = appendRem(dst, s.Axis)
	f := 1
	for _, c := range l.Columns {
		if f *= c.Tracks / gcd(f, c.Tracks); f > 27720 { // lcm(1..12)
			f = 27720 // only with more than MaxTracks lanes: rounded
		}
	}
	for i := 0; i < len(l.Columns); {
		c := l.Columns[i]
		least := ceilDiv(int64(max(s.Room, c.Lanes*s.Lane)), int64(c.Tracks))
		flex := max((f+c.Tracks/2)/c.Tracks, 1)
		n := c.Tracks
		for i++; i < len(l.Columns); i++ {
			d := l.Columns[i]
			if d.Tracks != c.Tracks || ceilDiv(int64(max(s.Room, d.Lanes*s.Lane)), int64(d.Tracks)) != least {
				break
			}
			n += d.Tracks
		}
		dst = append(dst, " repeat("...)
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, ",minmax("...)
		dst = appendRem(dst, int(least))
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, int64(flex), 10)
		dst = append(dst, "fr))"...)
	}
	return dst
}

// appendRem appends v hundredths of a rem: "5.5rem", "11rem", "3.67rem".
func appendRem(dst []byte, v int) []byte {
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	dst = strconv.AppendInt(dst, int64(v/100), 10)
	if f := v % 100; f != 0 {
		dst = append(dst, '.', byte('0'+f/10))
		if f%10 != 0 {
			dst = append(dst, byte('0'+f%10))
		}
	}
	return append(dst, "rem"...)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// floorDiv and ceilDiv round the quotient down and up, also below zero.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) == (b < 0) {
		q++
	}
	return q
}

// mergeSort sorts a stably by cmp. It is here rather than slices.SortFunc,
// whose generic pattern-defeating quicksort costs the wasm more than this.
func mergeSort(a []entry, cmp func(x, y entry) int) {
	src, dst := a, make([]entry, len(a))
	for width := 1; width < len(a); width *= 2 {
		for lo := 0; lo < len(a); lo += 2 * width {
			mid, hi := min(lo+width, len(a)), min(lo+2*width, len(a))
			i, j, k := lo, mid, lo
			for ; i < mid && j < hi; k++ {
				if cmp(src[j], src[i]) < 0 {
					dst[k], j = src[j], j+1
				} else {
					dst[k], i = src[i], i+1
				}
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	copy(a, src) // a no-op when the last pass wrote into a
}
