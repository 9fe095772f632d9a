package grid

import (
	"cmp"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// base is a half hour in Unix time; at returns base plus hours and minutes.
const base = 1_699_999_200

func at(h, m int) int64 { return base + int64(h)*3600 + int64(m)*60 }

func TestPlace(t *testing.T) {
	type want struct {
		col, lane, lanes, track, span int
	}
	for _, tc := range []struct {
		name  string
		items []Item
		cols  []Column
		want  []want
	}{{
		name: "three overlapping in one room: three thirds",
		items: []Item{
			{at(10, 0), at(11, 0), 0},
			{at(10, 15), at(11, 0), 0},
			{at(10, 30), at(11, 30), 0},
		},
		cols: []Column{{Room: 0, Lanes: 3, Track: 0, Tracks: 3}},
		want: []want{{0, 0, 3, 0, 1}, {0, 1, 3, 1, 1}, {0, 2, 3, 2, 1}},
	}, {
		name: "given out of order, same places",
		items: []Item{
			{at(10, 30), at(11, 30), 0},
			{at(10, 15), at(11, 0), 0},
			{at(10, 0), at(11, 0), 0},
		},
		cols: []Column{{Room: 0, Lanes: 3, Track: 0, Tracks: 3}},
		want: []want{{0, 2, 3, 2, 1}, {0, 1, 3, 1, 1}, {0, 0, 3, 0, 1}},
	}, {
		name: "chain: A overlaps B, B overlaps C, A not C: two lanes",
		items: []Item{
			{at(10, 0), at(10, 30), 0},
			{at(10, 20), at(10, 50), 0},
			{at(10, 40), at(11, 10), 0},
		},
		cols: []Column{{Room: 0, Lanes: 2, Track: 0, Tracks: 2}},
		want: []want{{0, 0, 2, 0, 1}, {0, 1, 2, 1, 1}, {0, 0, 2, 0, 1}},
	}, {
		name: "a lone item later in the room gets the full width",
		items: []Item{
			{at(10, 0), at(11, 0), 0},
			{at(10, 15), at(11, 0), 0},
			{at(10, 30), at(11, 30), 0},
			{at(14, 0), at(15, 0), 0},
		},
		cols: []Column{{Room: 0, Lanes: 3, Track: 0, Tracks: 3}},
		want: []want{{0, 0, 3, 0, 1}, {0, 1, 3, 1, 1}, {0, 2, 3, 2, 1}, {0, 0, 1, 0, 3}},
	}, {
		name: "items without a room get their own column, last, never a room's",
		items: []Item{
			{at(10, 0), at(18, 0), -1},
			{at(10, 0), at(11, 0), 3},
			{at(10, 0), at(11, 0), 1},
			{at(12, 0), at(13, 0), -7},
		},
		cols: []Column{
			{Room: 1, Lanes: 1, Track: 0, Tracks: 1},
			{Room: 3, Lanes: 1, Track: 1, Tracks: 1},
			{Room: -1, Lanes: 2, Track: 2, Tracks: 2},
		},
		want: []want{{2, 0, 2, 2, 1}, {1, 0, 1, 1, 1}, {0, 0, 1, 0, 1}, {2, 1, 2, 3, 1}},
	}, {
		name: "back to back: one lane",
		items: []Item{
			{at(10, 0), at(10, 30), 0},
			{at(10, 30), at(11, 0), 0},
		},
		cols: []Column{{Room: 0, Lanes: 1, Track: 0, Tracks: 1}},
		want: []want{{0, 0, 1, 0, 1}, {0, 0, 1, 0, 1}},
	}, {
		name: "sharing a row is overlapping: they would cover each other",
		items: []Item{
			{at(10, 0), at(10, 2), 0},
			{at(10, 3), at(10, 10), 0},
		},
		cols: []Column{{Room: 0, Lanes: 2, Track: 0, Tracks: 2}},
		// The longer first.
		want: []want{{0, 1, 2, 1, 1}, {0, 0, 2, 0, 1}},
	}, {
		name: "zero and negative lengths take a lane",
		items: []Item{
			{at(10, 0), at(10, 0), 0},
			{at(10, 0), at(9, 0), 0},
			{at(10, 0), at(10, 30), 0},
		},
		cols: []Column{{Room: 0, Lanes: 3, Track: 0, Tracks: 3}},
		// The longest first; then the shorter in start and end order.
		want: []want{{0, 2, 3, 2, 1}, {0, 1, 3, 1, 1}, {0, 0, 3, 0, 1}},
	}, {
		name: "clusters of two and three lanes: six sub-tracks",
		items: []Item{
			{at(10, 0), at(11, 0), 0},
			{at(10, 0), at(11, 0), 0},
			{at(12, 0), at(13, 0), 0},
			{at(12, 0), at(13, 0), 0},
			{at(12, 0), at(13, 0), 0},
		},
		cols: []Column{{Room: 0, Lanes: 3, Track: 0, Tracks: 6}},
		want: []want{{0, 0, 2, 0, 3}, {0, 1, 2, 3, 3}, {0, 0, 3, 0, 2}, {0, 1, 3, 2, 2}, {0, 2, 3, 4, 2}},
	}, {
		name: "clusters of three and five lanes: twelve sub-tracks, fives uneven by one",
		items: []Item{
			{at(10, 0), at(11, 0), 2},
			{at(10, 0), at(11, 0), 2},
			{at(10, 0), at(11, 0), 2},
			{at(12, 0), at(13, 0), 2},
			{at(12, 0), at(13, 0), 2},
			{at(12, 0), at(13, 0), 2},
			{at(12, 0), at(13, 0), 2},
			{at(12, 0), at(13, 0), 2},
			{at(10, 0), at(11, 0), 3},
		},
		cols: []Column{{Room: 2, Lanes: 5, Track: 0, Tracks: 12}, {Room: 3, Lanes: 1, Track: 12, Tracks: 1}},
		want: []want{
			{0, 0, 3, 0, 4}, {0, 1, 3, 4, 4}, {0, 2, 3, 8, 4},
			{0, 0, 5, 0, 2}, {0, 1, 5, 2, 2}, {0, 2, 5, 4, 3}, {0, 3, 5, 7, 2}, {0, 4, 5, 9, 3},
			{1, 0, 1, 12, 1},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			l := Place(tc.items, 300)
			if !slices.Equal(l.Columns, tc.cols) {
				t.Errorf("columns %+v, want %+v", l.Columns, tc.cols)
			}
			if len(l.Spots) != len(tc.want) {
				t.Fatalf("%d spots, want %d", len(l.Spots), len(tc.want))
			}
			for i, w := range tc.want {
				p := l.Spots[i]
				got := want{p.Column, p.Lane, p.Lanes, p.Track, p.Span}
				if got != w {
					t.Errorf("item %d: got %+v, want %+v", i, got, w)
				}
			}
			check(t, tc.items, l)
		})
	}
}

func TestRows(t *testing.T) {
	for _, tc := range []struct {
		name          string
		items         []Item
		step          int64
		t0            int64
		rows          int
		from, to      int // of the first item
		line0, lineTo int // its CSS grid-row lines
	}{
		{"floored and ceiled to the half hour", []Item{{at(10, 10), at(10, 20), 0}}, 300, at(10, 0), 6, 2, 4, 4, 6},
		{"a zero-length item takes one row", []Item{{at(10, 10), at(10, 10), 0}}, 300, at(10, 0), 6, 2, 3, 4, 5},
		{"a negative length too", []Item{{at(10, 10), at(10, 0), 0}}, 300, at(10, 0), 6, 2, 3, 4, 5},
		{"a partial row counts", []Item{{at(10, 7), at(10, 31), 0}}, 300, at(10, 0), 12, 1, 7, 3, 9},
		{"ending on the half hour", []Item{{at(10, 0), at(11, 0), 0}}, 300, at(10, 0), 12, 0, 12, 2, 14},
		{"starting on the half hour, short", []Item{{at(10, 30), at(10, 31), 0}}, 300, at(10, 30), 6, 0, 1, 2, 3},
		{"a step that does not divide half an hour", []Item{{at(10, 0), at(10, 30), 0}}, 7 * 60, at(10, 0), 5, 0, 5, 2, 7},
		{"no step: DefaultStep", []Item{{at(10, 5), at(10, 10), 0}}, 0, at(10, 0), 6, 1, 2, 3, 4},
		{"before 1970", []Item{{-100, 100, 0}}, 300, -1800, 12, 5, 7, 7, 9},
		{"the day's span", []Item{{at(9, 0), at(9, 30), 0}, {at(17, 45), at(18, 10), 1}}, 300, at(9, 0), 114, 0, 6, 2, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := Place(tc.items, tc.step)
			if l.T0 != tc.t0 || l.Rows != tc.rows {
				t.Errorf("T0 %d rows %d, want %d and %d", l.T0, l.Rows, tc.t0, tc.rows)
			}
			p := l.Spots[0]
			if p.RowFrom != tc.from || p.RowTo != tc.to {
				t.Errorf("rows [%d,%d), want [%d,%d)", p.RowFrom, p.RowTo, tc.from, tc.to)
			}
			if a, b := p.GridRow(); a != tc.line0 || b != tc.lineTo {
				t.Errorf("grid-row %d/%d, want %d/%d", a, b, tc.line0, tc.lineTo)
			}
			if r := l.Row(tc.items[0].Start); r != p.RowFrom {
				t.Errorf("Row(start) %d, want %d", r, p.RowFrom)
			}
			check(t, tc.items, l)
		})
	}
}

func TestEmpty(t *testing.T) {
	l := Place(nil, 300)
	if l.Rows != 0 || len(l.Columns) != 0 || len(l.Spots) != 0 || l.Tracks() != 0 || l.Step != 300 {
		t.Errorf("%+v", l)
	}
	if got := string(l.AppendTracks(nil, DefaultSizes)); got != "5.5rem" {
		t.Errorf("tracks %q", got)
	}
}

func TestCSS(t *testing.T) {
	items := []Item{
		{at(10, 0), at(11, 0), 0},
		{at(10, 15), at(11, 0), 0},
		{at(10, 30), at(11, 30), 0},
		{at(10, 0), at(11, 0), 1},
		{at(10, 0), at(11, 0), 2},
		{at(10, 0), at(11, 0), 3},
		{at(10, 0), at(11, 0), 4},
		{at(12, 0), at(13, 0), -1},
		{at(12, 30), at(13, 0), -1},
	}
	l := Place(items, 300)
	if got, want := string(l.AppendTracks(nil, DefaultSizes)),
		"5.5rem repeat(3,minmax(7rem,2fr)) repeat(4,minmax(11rem,6fr)) repeat(2,minmax(7rem,3fr))"; got != want {
		t.Errorf("tracks\n%s, want\n%s", got, want)
	}
	if got, want := string(l.AppendTracks(nil, Sizes{Axis: 400, Room: 1000, Lane: 333})),
		"4rem repeat(3,minmax(3.34rem,2fr)) repeat(4,minmax(10rem,6fr)) repeat(2,minmax(5rem,3fr))"; got != want {
		t.Errorf("tracks\n%s, want\n%s", got, want)
	}
	if l.Tracks() != 9 {
		t.Errorf("%d tracks", l.Tracks())
	}
	type line struct{ start, span int }
	cols := []line{{2, 3}, {5, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 2}}
	for c, w := range cols {
		if a, b := l.Columns[c].GridColumn(); (line{a, b}) != w {
			t.Errorf("column %d: %d/span %d, want %+v", c, a, b, w)
		}
	}
	spots := []line{{2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 1}, {10, 1}}
	for i, w := range spots {
		if a, b := l.Spots[i].GridColumn(); (line{a, b}) != w {
			t.Errorf("item %d: %d/span %d, want %+v", i, a, b, w)
		}
	}
}

func TestAppendRem(t *testing.T) {
	for v, want := range map[int]string{0: "0rem", 5: "0.05rem", 50: "0.5rem", 550: "5.5rem", 1100: "11rem", 367: "3.67rem", -150: "-1.5rem"} {
		if got := string(appendRem(nil, v)); got != want {
			t.Errorf("%d: %q, want %q", v, got, want)
		}
	}
}

// check verifies the invariants of l for items.
func check(t *testing.T, items []Item, l Layout) {
	t.Helper()
	if len(l.Spots) != len(items) {
		t.Fatalf("%d spots for %d items", len(l.Spots), len(items))
	}
	if len(items) == 0 {
		return
	}
	if l.Step <= 0 || floorDiv(l.T0, 1800)*1800 != l.T0 {
		t.Fatalf("step %d, T0 %d not on a half hour", l.Step, l.T0)
	}
	track := 0
	for c, col := range l.Columns {
		if col.Room < -1 || c > 0 && (l.Columns[c-1].Room >= col.Room && col.Room >= 0 || l.Columns[c-1].Room == -1) {
			t.Fatalf("columns not in room order, no-room last: %+v", l.Columns)
		}
		if col.Track != track || col.Lanes < 1 || col.Tracks < col.Lanes || col.Tracks > max(MaxTracks, col.Lanes) {
			t.Fatalf("column %d: %+v", c, col)
		}
		track += col.Tracks
	}
	used := make([]bool, len(l.Columns))
	for i, it := range items {
		p := l.Spots[i]
		if p.Column < 0 || p.Column >= len(l.Columns) {
			t.Fatalf("item %d %+v: column %d of %d", i, it, p.Column, len(l.Columns))
		}
		used[p.Column] = true
		col := l.Columns[p.Column]
		if want := max(it.Room, -1); col.Room != want {
			t.Fatalf("item %d %+v in the column of room %d", i, it, col.Room)
		}
		if p.RowFrom < 0 || p.RowTo <= p.RowFrom || p.RowTo > l.Rows {
			t.Fatalf("item %d %+v: rows [%d,%d) of %d", i, it, p.RowFrom, p.RowTo, l.Rows)
		}
		if l.T0+int64(p.RowFrom)*l.Step > it.Start || l.T0+int64(p.RowFrom+1)*l.Step <= it.Start ||
			l.T0+int64(p.RowTo)*l.Step < it.End || p.RowTo > p.RowFrom+1 && l.T0+int64(p.RowTo-1)*l.Step >= it.End {
			t.Fatalf("item %d %+v: rows [%d,%d) from %d by %d do not just cover it", i, it, p.RowFrom, p.RowTo, l.T0, l.Step)
		}
		if p.Lane < 0 || p.Lane >= p.Lanes || p.Lanes > col.Lanes {
			t.Fatalf("item %d: lane %d of %d, column %+v", i, p.Lane, p.Lanes, col)
		}
		if p.Span < 1 || p.Track < col.Track || p.Track+p.Span > col.Track+col.Tracks {
			t.Fatalf("item %d: tracks %d+%d out of column %+v", i, p.Track, p.Span, col)
		}
		if lo, hi := col.Tracks/p.Lanes, (col.Tracks+p.Lanes-1)/p.Lanes; p.Span < lo || p.Span > hi {
			t.Fatalf("item %d: span %d, %d lanes in %d tracks", i, p.Span, p.Lanes, col.Tracks)
		}
	}
	for c := range used {
		if !used[c] {
			t.Fatalf("column %d %+v is empty", c, l.Columns[c])
		}
	}
	// Pairs: overlapping items in one column are in one cluster, side by
	// side; items overlapping in time overlap in rows.
	cluster := make([]int, len(items)) // union-find
	for i := range cluster {
		cluster[i] = i
	}
	find := func(i int) int {
		for cluster[i] != i {
			cluster[i] = cluster[cluster[i]]
			i = cluster[i]
		}
		return i
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			p, q := l.Spots[i], l.Spots[j]
			rows := p.RowFrom < q.RowTo && q.RowFrom < p.RowTo
			a, b := items[i], items[j]
			if a.Start < a.End && b.Start < b.End && a.Start < b.End && b.Start < a.End && !rows {
				t.Fatalf("items %d %+v and %d %+v overlap, their rows do not", i, a, j, b)
			}
			if p.Column != q.Column || !rows {
				continue
			}
			if p.Lane == q.Lane || p.Lanes != q.Lanes || p.Track < q.Track+q.Span && q.Track < p.Track+p.Span {
				t.Fatalf("items %d %+v and %d %+v overlap at %+v and %+v", i, a, j, b, p, q)
			}
			cluster[find(i)] = find(j)
		}
	}
	// A cluster has as many lanes as the most items it has in one row, and
	// all its items say so.
	most := map[int]int{}
	for i := range items {
		n, p := 0, l.Spots[i]
		for j := range items {
			if q := l.Spots[j]; find(j) == find(i) && q.RowFrom <= p.RowFrom && p.RowFrom < q.RowTo {
				n++
			}
		}
		most[find(i)] = max(most[find(i)], n)
	}
	for i := range items {
		if p := l.Spots[i]; p.Lanes != most[find(i)] {
			t.Fatalf("item %d %+v: %d lanes, its cluster has up to %d items in a row", i, items[i], p.Lanes, most[find(i)])
		}
	}
}

// items decodes fuzz input: per item, a start in 5-minute steps, a length
// (zero and negative ones included) and a room (-2 and -1: none).
func items(data []byte, t0 int64) []Item {
	var out []Item
	for ; len(data) >= 4 && len(out) < 200; data = data[4:] {
		start := t0 + int64(binary.LittleEndian.Uint16(data))%288*300 + int64(data[0]%7)*60
		length := int64(int8(data[2])) * 150
		out = append(out, Item{start, start + length, int(data[3]%9) - 2})
	}
	return out
}

func FuzzPlace(f *testing.F) {
	f.Add([]byte{0, 0, 20, 0, 3, 0, 20, 0, 6, 0, 20, 0}, int64(base), uint16(300), uint64(1))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 255, 1, 12, 0, 8, 1, 1, 0, 12, 255}, int64(-7), uint16(0), uint64(2))
	f.Add([]byte{10, 0, 40, 2, 12, 0, 40, 2, 14, 0, 40, 2, 16, 0, 40, 2, 18, 0, 40, 2, 60, 0, 20, 2, 60, 0, 20, 2, 61, 0, 1, 5}, int64(base), uint16(420), uint64(3))
	f.Fuzz(func(t *testing.T, data []byte, t0 int64, step uint16, seed uint64) {
		t0 %= 1 << 40
		in := items(data, t0)
		l := Place(in, int64(step%3600))
		check(t, in, l)
		// Shuffled, the same layout: the same columns and rows, and the
		// same spot for every item (equal items may trade theirs).
		perm := rand.New(rand.NewPCG(seed, 0)).Perm(len(in))
		sh := make([]Item, len(in))
		for i, j := range perm {
			sh[j] = in[i]
		}
		m := Place(sh, int64(step%3600))
		if !slices.Equal(l.Columns, m.Columns) || l.T0 != m.T0 || l.Rows != m.Rows || l.Step != m.Step {
			t.Fatalf("shuffled: %+v, was %+v", m, l)
		}
		type pair struct {
			Item
			Spot
		}
		a, b := make([]pair, len(in)), make([]pair, len(in))
		for i, j := range perm {
			a[i] = pair{in[i], l.Spots[i]}
			b[i] = pair{sh[j], m.Spots[j]}
			if in[i] != sh[j] {
				t.Fatal("bad shuffle")
			}
		}
		less := func(x, y pair) int {
			return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(x.Room, y.Room),
				cmp.Compare(x.Lane, y.Lane), cmp.Compare(x.Track, y.Track))
		}
		slices.SortFunc(a, less)
		slices.SortFunc(b, less)
		if !slices.Equal(a, b) {
			t.Fatalf("shuffled: %+v, was %+v", b, a)
		}
		// And the track list is well formed.
		if s := l.AppendTracks(nil, DefaultSizes); len(s) < 6 || string(s[:6]) != "5.5rem" {
			t.Fatalf("tracks %q", s)
		}
	})
}

// fosdem is a FOSDEM-sized day: 40 rooms from 9:00 to 19:00, 500 sessions of
// 5 to 50 minutes, some overlapping, some without a room, in no order.
func fosdem() []Item {
	r := rand.New(rand.NewPCG(9, 2026))
	out := make([]Item, 0, 500)
	for len(out) < 500 {
		room := r.IntN(41) - 1
		start := at(9, 0) + int64(r.IntN(120))*300
		out = append(out, Item{start, start + int64(1+r.IntN(10))*300, room})
	}
	return out
}

func TestFOSDEM(t *testing.T) {
	in := fosdem()
	l := Place(in, 300)
	check(t, in, l)
	lanes := 0
	for _, c := range l.Columns {
		lanes = max(lanes, c.Lanes)
	}
	t.Logf("%d columns, %d sub-tracks, %d rows, up to %d lanes; %d bytes of tracks", len(l.Columns), l.Tracks(), l.Rows, lanes, len(l.AppendTracks(nil, DefaultSizes)))
}

func BenchmarkPlace(b *testing.B) {
	in := fosdem()
	b.ReportAllocs()
	for b.Loop() {
		Place(in, 300)
	}
}

func BenchmarkAppendTracks(b *testing.B) {
	l := Place(fosdem(), 300)
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf = l.AppendTracks(buf[:0], DefaultSizes)
	}
}

// TestUnpacked covers the sort without a packed key: many rows, or large
// room indexes.
func TestUnpacked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items []Item
		step  int64
	}{
		{"rows beyond 2^24", []Item{{0, 1 << 25, 0}, {10, 20, 0}, {5, 30, 0}, {1 << 24, 1<<24 + 1, 0}, {0, 1, -1}}, 1},
		{"rooms beyond 2^16", []Item{{at(10, 0), at(11, 0), 70000}, {at(10, 0), at(11, 0), 1}, {at(10, 30), at(11, 0), 70000}, {at(10, 0), at(10, 5), -1}}, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := Place(tc.items, tc.step)
			check(t, tc.items, l)
			if c := l.Columns[0]; c.Room != 0 && c.Room != 1 || l.Columns[len(l.Columns)-1].Room != -1 {
				t.Errorf("columns %+v", l.Columns)
			}
			if p := l.Spots[1]; p.Lanes != 3 && tc.step == 1 {
				t.Errorf("%+v", p)
			}
		})
	}
}
