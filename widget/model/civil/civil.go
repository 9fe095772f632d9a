// Package civil turns unix seconds into the UTC calendar date and clock, as
// time.Unix(sec, 0).UTC().Date() and .Clock() do, and into RFC 3339 text
// (AppendRFC3339UTC), for the wasm widget: those
// methods link the time package's zone lookup and its TZ-rule parser (about 5
// KiB of the wasm after brotli), though a UTC time never uses them.
//
// Runs in: both.
package civil

import "math/bits"

// The constants and the algorithm are those of the time package (Go 1.26,
// time.go; Neri and Schneider's Euclidean affine functions), so that UTC
// gives the same answer for every int64, including times that overflow.
const (
	secondsPerDay     = 86400
	absoluteYears     = 292277022400
	marchThruDecember = 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31

	absoluteToInternal int64 = -(absoluteYears*365.2425 + marchThruDecember) * secondsPerDay
	unixToInternal     int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * secondsPerDay
)

// UTC returns the UTC date and clock of sec seconds after the Unix epoch:
// month 1 to 12, day 1 to 31, hour 0 to 23, min and s 0 to 59.
func UTC(sec int64) (year, month, day, hour, min, s int) {
	// This wraps for extreme times exactly as the time package does.
	abs := uint64(sec + (unixToInternal - absoluteToInternal))

	s = int(abs % secondsPerDay)
	hour = s / 3600
	s -= hour * 3600
	min = s / 60
	s -= min * 60

	d := 4*(abs/secondsPerDay) + 3
	century := d / 146097
	hi, lo := bits.Mul32(2939745, uint32(d%146097)|3)
	cyear, ayday := hi, lo/2939745/4
	m := 2141*ayday + 197913
	month, day = int(m>>16), 1+int((m&0xFFFF)/2141)
	janFeb := 0
	if ayday >= marchThruDecember {
		janFeb = 1
	}
	year = int(century*100-absoluteYears) + int(cyear) + janFeb
	month -= janFeb * 12
	return
}
