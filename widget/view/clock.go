//go:build js && wasm

package view

import "syscall/js"

// clock formats instants with the browser's Intl in the UI language, so the
// wasm needs no time zone database and DST is the browser's business. Results
// are cached: a programme repeats the same start times many times over.
type clock struct {
	venue string // IANA zone of the venue
	local bool   // show the viewer's own zone instead
	time  js.Value
	day   js.Value
	times map[int64]string
	days  map[int64]string
	zone  string // the zone times are shown in, for the label
	lang  string
}

func newClock(lang, venue string, local bool) *clock {
	c := &clock{venue: venue, local: local, lang: lang, times: map[int64]string{}, days: map[int64]string{}}
	o := js.Global().Get("Object").New()
	o.Set("hour", "numeric")
	o.Set("minute", "2-digit")
	first := venue
	if local {
		first = "" // the viewer's own
	}
	c.time, c.zone = newFormat(lang, o, first, venue)
	if c.zone == "" {
		c.zone = c.time.Call("resolvedOptions").Get("timeZone").String()
	}
	d := js.Global().Get("Object").New()
	d.Set("weekday", "long")
	d.Set("day", "numeric")
	d.Set("month", "long")
	c.day, _ = newFormat(lang, d, venue) // conference days are the venue's days
	return c
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

// Time formats a unix time as a time of day.
func (c *clock) Time(unix int64) string {
	if s, ok := c.times[unix]; ok {
		return s
	}
	s := c.time.Call("format", float64(unix)*1000).String()
	c.times[unix] = s
	return s
}

// Day formats a unix time as a venue-local date ("Thursday 9 October").
func (c *clock) Day(unix int64) string {
	if s, ok := c.days[unix]; ok {
		return s
	}
	s := c.day.Call("format", float64(unix)*1000).String()
	c.days[unix] = s
	return s
}
