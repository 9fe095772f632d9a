package civil

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

func check(t *testing.T, sec int64) {
	t.Helper()
	tm := time.Unix(sec, 0).UTC()
	wy, wmo, wd := tm.Date()
	wh, wmi, ws := tm.Clock()
	y, mo, d, h, mi, s := UTC(sec)
	if y != wy || mo != int(wmo) || d != wd || h != wh || mi != wmi || s != ws {
		t.Fatalf("UTC(%d) = %d-%d-%d %d:%d:%d, time says %d-%d-%d %d:%d:%d", sec, y, mo, d, h, mi, s, wy, wmo, wd, wh, wmi, ws)
	}
}

func TestUTC(t *testing.T) {
	if y, mo, d, h, mi, s := UTC(1760010300); y != 2025 || mo != 10 || d != 9 || h != 11 || mi != 45 || s != 0 {
		t.Errorf("UTC(1760010300) = %d-%d-%d %d:%d:%d, want 2025-10-9 11:45:0", y, mo, d, h, mi, s)
	}
	for _, sec := range []int64{0, -1, 1, 86399, 86400, -86400, -86401, 951782400, 951868800, 4107542400, -62135596800, -62135596801,
		253402300799, 253402300800, math.MaxInt64, math.MinInt64, math.MaxInt64 - 86400, math.MinInt64 + 86400, math.MaxInt32, math.MinInt32} {
		check(t, sec)
	}
	// Every day of four centuries, at two times of day.
	for day := int64(-80000); day < 80000; day++ {
		check(t, day*86400)
		check(t, day*86400+86399)
	}
	r := rand.New(rand.NewSource(1))
	for range 200000 {
		check(t, int64(r.Uint64()))
		check(t, r.Int63n(1<<40)-1<<39)
	}
}

func FuzzUTC(f *testing.F) {
	f.Add(int64(0))
	f.Add(int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, sec int64) { check(t, sec) })
}
