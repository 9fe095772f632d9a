//go:build js && wasm

package view

import "syscall/js"

// clock is core.Clock on the browser's Intl, in the UI language, so the
// wasm needs no time zone database and DST is the browser's business (core
// remembers what it says).
type clock struct {
	time, day js.Value
	zone      string // the zone times are shown in, for the label
}

// newClock shows times in the venue's zone, or the viewer's when local: the
// first the browser knows, else UTC (a bundle from elsewhere, an old browser),
// in lang, else English (a made-up lang): a RangeError must not cost the schedule.
func newClock(lang, venue string, local bool) (c *clock) {
	zones := []string{venue, "UTC"}
	if local {
		zones = []string{"", venue, "UTC"} // "": the viewer's own
	}
	intl := js.Global().Get("Intl").Get("DateTimeFormat")
	for _, l := range [...]string{lang, "en"} {
		for _, zone := range zones {
			o := map[string]any{"hour": "numeric", "minute": "2-digit"}
			if zone != "" {
				o["timeZone"] = zone
			}
			if catch(func() { c = &clock{time: intl.New(l, o)} }) == nil {
				got := c.time.Call("resolvedOptions")
				c.zone = got.Get("timeZone").String()
				c.day = intl.New(got.Get("locale"), map[string]any{"weekday": "long", "day": "numeric", "month": "long", "timeZone": c.zone})
				return c
			}
		}
	}
	return c // not reached: English in UTC is always there
}

func (c *clock) Time(unix int64) string { return c.time.Call("format", float64(unix)*1000).String() }
func (c *clock) Day(unix int64) string  { return c.day.Call("format", float64(unix)*1000).String() }
func (c *clock) Zone() string           { return c.zone }

// Offset is the viewer's zone's: core asks it only when that zone is shown.
func (c *clock) Offset(unix int64) int {
	return -60 * js.Global().Get("Date").New(float64(unix)*1000).Call("getTimezoneOffset").Int()
}
