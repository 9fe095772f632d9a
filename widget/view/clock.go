//go:build js && wasm

package view

import "syscall/js"

// clock is core.Clock on the browser's Intl, in the UI language, so the
// wasm needs no time zone database and DST is the browser's business.
type clock struct {
	time, day js.Value
	zone      string // the zone times are shown in, for the label
}

// newClock shows times in the venue's zone, or the viewer's when local.
func newClock(lang, venue string, local bool) *clock {
	c := &clock{}
	zones := []string{venue}
	if local {
		zones = []string{"", venue} // "": the viewer's own
	}
	c.time, c.zone = newFormat(lang, map[string]any{"hour": "numeric", "minute": "2-digit"}, zones...)
	if c.zone == "" {
		c.zone = c.time.Call("resolvedOptions").Get("timeZone").String()
	}
	c.day, _ = newFormat(lang, map[string]any{"weekday": "long", "day": "numeric", "month": "long"}, c.zone)
	return c
}

// newFormat makes an Intl.DateTimeFormat in the first of zones ("" is the
// viewer's) the browser knows, else in UTC (a bundle from elsewhere, an old
// browser), and in lang, else in English (a made-up lang): a RangeError must
// not cost the schedule. It returns the zone used.
func newFormat(lang string, o map[string]any, zones ...string) (f js.Value, zone string) {
	intl := js.Global().Get("Intl").Get("DateTimeFormat")
	for _, l := range [...]string{lang, "en"} {
		for _, zone = range append(zones, "UTC") {
			delete(o, "timeZone")
			if zone != "" {
				o["timeZone"] = zone
			}
			if catch(func() { f = intl.New(l, o) }) == nil {
				return f, zone
			}
		}
	}
	return f, zone
}

// Time formats a unix time as a time of day; Day as the date it falls on.
// Core remembers what they said.
func (c *clock) Time(unix int64) string { return c.time.Call("format", float64(unix)*1000).String() }
func (c *clock) Day(unix int64) string  { return c.day.Call("format", float64(unix)*1000).String() }

func (c *clock) Zone() string { return c.zone }

// Offset is the viewer's zone's: core asks it only when that zone is shown.
func (c *clock) Offset(unix int64) int {
	return -60 * js.Global().Get("Date").New(float64(unix)*1000).Call("getTimezoneOffset").Int()
}
