package core

import "github.com/agendaconf/agenda/widget/query"

// Options are what a host page says: the element's attributes or the object
// passed to Agenda.mount. Empty means "not given".
type Options struct {
	Facet    [query.NumFacets]string // by query.Facet: a date, a room's name, a speaker's slug...
	Q        string                  // search text
	View     string                  // list, grid or mine
	TimeZone string                  // venue or local
	Lang     string
	Theme    string // light, dark or auto
	Src      string // a bundle's address, instead of the one built in
	// Now is the instant "now and next" and the grid's now line are about,
	// in RFC 3339 ("2026-10-09T10:30:00+02:00"): a preview of the
	// conference before it happens. Empty: the real time.
	Now string
}

// OptionKeys lists every option by its JS name: the facets' names (from
// query.Facets), then the rest. The loader's observed attributes are these,
// in kebab case.
func OptionKeys() []string {
	keys := make([]string, 0, query.NumFacets+7)
	for _, f := range query.Facets {
		keys = append(keys, f.Name)
	}
	return append(keys, "q", "view", "timeZone", "lang", "theme", "src", "now")
}

// Field returns the option called key, nil if there is none.
func (o *Options) Field(key string) *string {
	if f, ok := query.FacetByName(key); ok {
		return &o.Facet[f]
	}
	switch key {
	case "q":
		return &o.Q
	case "view":
		return &o.View
	case "timeZone":
		return &o.TimeZone
	case "lang":
		return &o.Lang
	case "theme":
		return &o.Theme
	case "src":
		return &o.Src
	case "now":
		return &o.Now
	}
	return nil
}

// ThemeName is the theme to show: light, dark or auto (anything else).
func (o *Options) ThemeName() string {
	if o.Theme == "light" || o.Theme == "dark" {
		return o.Theme
	}
	return "auto"
}

// ParseInstant reads an RFC 3339 date-time ("2026-10-09T10:30:00+02:00",
// "2026-10-09T08:30Z", seconds and fraction optional) as Unix seconds. It
// is small on purpose: time.Parse would bring the layout engine into the
// wasm. What it reads comes from a host page or a URL: anything else is
// not an instant.
func ParseInstant(s string) (int64, bool) {
	num := func(i, n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	d, ok3 := num(8, 2)
	h, ok4 := num(11, 2)
	mi, ok5 := num(14, 2)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || s[4] != '-' || s[7] != '-' || s[10] != 'T' && s[10] != 't' && s[10] != ' ' || s[13] != ':' ||
		mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 {
		return 0, false
	}
	i, sec := 16, 0
	if i < len(s) && s[i] == ':' {
		v, ok := num(17, 2)
		if !ok || v > 59 {
			return 0, false
		}
		sec, i = v, 19
		if i < len(s) && s[i] == '.' {
			for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			}
		}
	}
	off := 0
	switch {
	case i == len(s)-1 && (s[i] == 'Z' || s[i] == 'z'):
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := num(i+1, 2)
		om, ok2 := num(i+4, 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return 0, false
		}
		off = oh*3600 + om*60
		if s[i] == '-' {
			off = -off
		}
	default:
		return 0, false
	}
	return daysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+sec-off), true
}

// UnixOf is the Unix time of a wall clock reading taken as UTC: with
// Clock.Offset, a zone's reading minus the instant gives the offset.
func UnixOf(year, month, day, hour, min, sec int) int64 {
	return daysFromCivil(year, month, day)*86400 + int64(hour*3600+min*60+sec)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (proleptic
// Gregorian), after Howard Hinnant's days_from_civil.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// SetFrom sets each option get gives (ok; "" clears it) and returns the
// keys it gave, so that a change touches only those.
func (o *Options) SetFrom(get func(key string) (value string, ok bool)) map[string]bool {
	given := map[string]bool{}
	for _, k := range OptionKeys() {
		if v, ok := get(k); ok {
			*o.Field(k), given[k] = v, true
		}
	}
	return given
}

// ZoneOption is the time zone option that shows the viewer's zone (local)
// or the venue's, for storage.
func ZoneOption(local bool) string {
	if local {
		return "local"
	}
	return "venue"
}
