package civil

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

func checkRFC3339(t *testing.T, sec int64) {
	t.Helper()
	want := time.Unix(sec, 0).UTC().Format(time.RFC3339)
	if got := string(AppendRFC3339UTC(nil, sec)); got != want {
		t.Fatalf("AppendRFC3339UTC(%d) = %q, time says %q", sec, got, want)
	}
	if got := string(AppendRFC3339UTC([]byte("at "), sec)); got != "at "+want {
		t.Fatalf("AppendRFC3339UTC(\"at \", %d) = %q", sec, got)
	}
}

func TestAppendRFC3339UTC(t *testing.T) {
	if got := string(AppendRFC3339UTC(nil, 1760010300)); got != "2025-10-09T11:45:00Z" {
		t.Errorf("AppendRFC3339UTC(1760010300) = %q", got)
	}
	for _, sec := range []int64{0, -1, 1, 59, 60, 3599, 3600, 86399, 86400, -86400, -86401, 951782400, 951868800, 4107542400,
		-62135596800, -62135596801, -62167219200, -62167219201, -62198755201, 253402300799, 253402300800, 3e11, -3e11,
		math.MaxInt64, math.MinInt64, math.MaxInt64 - 86400, math.MinInt64 + 86400, math.MaxInt32, math.MinInt32} {
		checkRFC3339(t, sec)
	}
	// Every day of four centuries around the epoch, at two times of day.
	for day := int64(-80000); day < 80000; day++ {
		checkRFC3339(t, day*86400+day%86400)
		checkRFC3339(t, day*86400+86399)
	}
	r := rand.New(rand.NewSource(1))
	for range 100000 {
		checkRFC3339(t, int64(r.Uint64()))
		checkRFC3339(t, r.Int63n(1<<40)-1<<39)
	}
}

func TestAppendRFC3339UTCAllocs(t *testing.T) {
	buf := make([]byte, 0, 32)
	if n := testing.AllocsPerRun(100, func() { buf = AppendRFC3339UTC(buf[:0], 1760010300) }); n != 0 {
		t.Errorf("AppendRFC3339UTC allocates %v times", n)
	}
}

func FuzzAppendRFC3339UTC(f *testing.F) {
	f.Add(int64(1760010300))
	f.Add(int64(-62135596801))
	f.Add(int64(math.MinInt64))
	f.Fuzz(checkRFC3339)
}
