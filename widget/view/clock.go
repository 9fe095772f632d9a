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
	intl := js.Global().Get("Intl").Get("DateTimeFormat")
	o := js.Global().Get("Object").New()
	o.Set("hour", "numeric")
	o.Set("minute", "2-digit")
	if !local {
		o.Set("timeZone", venue)
	}
	c.time = newFormat(intl, lang, o)
	c.zone = venue
	if local {
		c.zone = c.time.Call("resolvedOptions").Get("timeZone").String()
	}
	d := js.Global().Get("Object").New()
	d.Set("weekday", "long")
	d.Set("day", "numeric")
	d.Set("month", "long")
	d.Set("timeZone", venue) // conference days are the venue's days
	c.day = newFormat(intl, lang, d)
	return c
}

// newFormat makes an Intl.DateTimeFormat, falling back to UTC when the
// browser does not know the zone (a bundle from elsewhere, an old browser).
func newFormat(intl js.Value, lang string, o js.Value) (f js.Value) {
	defer func() {
		if recover() != nil {
			o.Set("timeZone", "UTC")
			f = intl.New(lang, o)
		}
	}()
	return intl.New(lang, o)
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
