//go:build js && wasm

package view

import "syscall/js"

// clock is core.Clock on the browser's Intl, in the UI language, so the
// wasm needs no time zone database and DST is the browser's business. Results
// are cached: a programme repeats the same start times many times over.
type clock struct {
	time, day js.Value
	zone      string // the zone times are shown in, for the label
	cache     map[int64]string
}

// newClock shows times in the venue's zone, or the viewer's when local.
func newClock(lang, venue string, local bool) *clock {
	c := &clock{cache: map[int64]string{}}
	zones := []string{venue}
	if local {
		zones = []string{"", venue} // "": the viewer's own
	}
	c.time, c.zone = newFormat(lang, options("hour", "numeric", "minute", "2-digit"), zones...)
	if c.zone == "" {
		c.zone = c.time.Call("resolvedOptions").Get("timeZone").String()
	}
	c.day, _ = newFormat(lang, options("weekday", "long", "day", "numeric", "month", "long"), c.zone)
	return c
}

func options(kv ...string) js.Value {
	o := js.Global().Get("Object").New()
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i], kv[i+1])
	}
	return o
}

// newFormat makes an Intl.DateTimeFormat in the first of zones ("" is the
// viewer's) the browser knows, else in UTC (a bundle from elsewhere, an old
// browser), and in lang, else in English (a made-up lang): a RangeError must
// not cost the schedule. It returns the zone used.
func newFormat(lang string, o js.Value, zones ...string) (f js.Value, zone string) {
	intl := js.Global().Get("Intl").Get("DateTimeFormat")
	for _, l := range [...]string{lang, "en"} {
		for _, zone = range append(zones, "UTC") {
			if zone == "" {
				o.Delete("timeZone")
			} else {
				o.Set("timeZone", zone)
			}
			if catch(func() { f = intl.New(l, o) }) == nil {
				return f, zone
			}
		}
	}
	return f, zone
}

// Time formats a unix time as a time of day; Day as the date it falls on.
// The cache keys days by the negated time (sessions start after 1970).
func (c *clock) Time(unix int64) string { return c.format(c.time, unix, unix) }
func (c *clock) Day(unix int64) string  { return c.format(c.day, unix, -unix-1) }

func (c *clock) format(f js.Value, unix, key int64) string {
	if s, ok := c.cache[key]; ok {
		return s
	}
	s := f.Call("format", float64(unix)*1000).String()
	c.cache[key] = s
	return s
}

func (c *clock) Zone() string { return c.zone }

// Offset is the viewer's zone's: core asks it only when that zone is shown.
func (c *clock) Offset(unix int64) int {
	return -60 * js.Global().Get("Date").New(float64(unix)*1000).Call("getTimezoneOffset").Int()
}
