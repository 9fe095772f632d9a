package zola

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// civilDate is a calendar date with no zone.
type civilDate struct {
	Year  int
	Month time.Month
	Day   int
	// Weekday is the weekday the text named, or -1.
	Weekday time.Weekday
}

func (d civilDate) String() string {
	return d.Month.String() + " " + strconv.Itoa(d.Day) + ", " + strconv.Itoa(d.Year)
}

var months = map[string]time.Month{}
var weekdays = map[string]time.Weekday{}

func init() {
	for m := time.January; m <= time.December; m++ {
		n := strings.ToLower(m.String())
		months[n] = m
		months[n[:3]] = m
	}
	months["sept"] = time.September
	for d := time.Sunday; d <= time.Saturday; d++ {
		n := strings.ToLower(d.String())
		weekdays[n] = d
		weekdays[n[:3]] = d
	}
}

var isoDate = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)

// token is a word or number of a date, or a whole ISO date.
type token struct {
	text string
	iso  *civilDate
}

// dateTokens splits s into tokens, ISO dates ("2025-10-09") kept whole.
func dateTokens(s string) []token {
	var out []token
	last := 0
	for _, m := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		for _, t := range tokens(s[last:m[0]]) {
			out = append(out, token{text: t})
		}
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		out = append(out, token{text: s[m[0]:m[1]], iso: &civilDate{Year: y, Month: time.Month(mo), Day: d, Weekday: -1}})
		last = m[1]
	}
	for _, t := range tokens(s[last:]) {
		out = append(out, token{text: t})
	}
	return out
}

// parseDates reads the dates in a free-form date such as "Thursday, October 9, 2025",
// "Friday, October 10" (no year: year is used), "October 9, 2025, Paris",
// "Thursday, October 09, and Friday, October 10, 2025" (two dates) or with the
// weekday after the date, "October 11, 2024, Thursday". notes say what was
// ignored or assumed; problem is non-empty when no date could be read.
func parseDates(s string, year int) (dates []civilDate, notes []string, problem string) {
	var (
		weekday  time.Weekday = -1 // named, for the next date
		month    time.Month
		dayFirst int // a day number seen before its month ("9 October")
		ignored  []string
		noYear   int // dates from here on may still need a year
		// Whether weekdays follow their dates ("Oct. 11th, Thursday"): so when
		// the first one comes after a date.
		after, styled bool
	)
	add := func(d civilDate) {
		if d.Weekday < 0 {
			d.Weekday = weekday
		}
		dates = append(dates, d)
		weekday, month, dayFirst = -1, 0, 0
	}
	for _, tok := range dateTokens(s) {
		if tok.iso != nil {
			add(*tok.iso)
			continue
		}
		lower := strings.ToLower(tok.text)
		if wd, ok := weekdays[lower]; ok {
			if !styled {
				styled, after = true, len(dates) > 0 && month == 0 && dayFirst == 0
			}
			if after && len(dates) > 0 && dates[len(dates)-1].Weekday < 0 {
				dates[len(dates)-1].Weekday = wd
			} else {
				weekday = wd
			}
			continue
		}
		if m, ok := months[lower]; ok {
			month = m
			if dayFirst > 0 {
				add(civilDate{Month: month, Day: dayFirst, Weekday: -1})
			}
			continue
		}
		if n, err := strconv.Atoi(tok.text); err == nil {
			switch {
			case len(tok.text) == 4:
				for i := noYear; i < len(dates); i++ {
					if dates[i].Year == 0 {
						dates[i].Year = n
					}
				}
				noYear = len(dates)
			case month != 0 && n >= 1 && n <= 31:
				add(civilDate{Month: month, Day: n, Weekday: -1})
			case n >= 1 && n <= 31:
				dayFirst = n
			default:
				ignored = append(ignored, tok.text)
			}
			continue
		}
		switch lower {
		case "and", "&", "the", "of", "st", "nd", "rd", "th", "on", "at":
			continue
		}
		ignored = append(ignored, tok.text)
	}
	// A weekday left over names the last date, if that has none.
	if weekday >= 0 && len(dates) > 0 && dates[len(dates)-1].Weekday < 0 {
		dates[len(dates)-1].Weekday = weekday
	}
	if len(ignored) > 0 {
		notes = append(notes, "ignored "+strconv.Quote(strings.Join(ignored, " "))+" in the date")
	}
	if len(dates) == 0 {
		return nil, notes, "could not read a date in " + strconv.Quote(s)
	}
	for i := range dates {
		d := &dates[i]
		if d.Year == 0 {
			if year == 0 {
				return nil, notes, "the date " + strconv.Quote(strings.TrimSpace(s)) + " has no year and none is configured"
			}
			d.Year = year
		}
		t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
		if t.Day() != d.Day || t.Month() != d.Month {
			return nil, notes, d.Month.String() + " " + strconv.Itoa(d.Day) + " does not exist in " + strconv.Itoa(d.Year)
		}
		if d.Weekday >= 0 && t.Weekday() != d.Weekday {
			notes = append(notes, "the date says "+d.Weekday.String()+" but "+d.String()+" is a "+t.Weekday().String()+"; used "+t.Weekday().String()+", "+d.String())
		}
	}
	return dates, notes, ""
}

// splitDateTime cuts a date that gives the time too ("Oct. 9th, 2024,
// 10:00 - 16:00") before its first time of day, when the part before reads
// as a date and the rest as times; ok is false otherwise.
func splitDateTime(s string) (date, tm string, ok bool) {
	loc := timeRE.FindStringIndex(s)
	if loc == nil {
		return "", "", false
	}
	date = strings.TrimRight(s[:loc[0]], " \t,;:@-–—")
	for _, w := range []string{" at", " from", " on"} {
		if len(date) > len(w) && strings.EqualFold(date[len(date)-len(w):], w) {
			date = strings.TrimRight(date[:len(date)-len(w)], " \t,;:")
		}
	}
	tm = s[loc[0]:]
	if date == "" {
		return "", "", false
	}
	// Any leap year will do here: the real year comes later.
	if _, _, problem := parseDates(date, 2000); problem != "" {
		return "", "", false
	}
	if _, _, problem := parseSpans(tm); problem != "" {
		return "", "", false
	}
	return date, tm, true
}

// tokens splits s into runs of letters and runs of digits; everything else separates.
func tokens(s string) []string {
	var out []string
	start := -1
	kind := 0 // 1 letters, 2 digits
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	for i, r := range s {
		k := 0
		switch {
		case r >= '0' && r <= '9':
			k = 2
		case r == '&':
			flush(i)
			out = append(out, "&")
			kind = 0
			continue
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != '\u2013' && r != '\u2014' && r != '\u00a0':
			k = 1
		}
		if k != kind {
			flush(i)
			if k != 0 {
				start = i
			}
			kind = k
		}
	}
	flush(len(s))
	return out
}

// clock is minutes after midnight.
type clock int

func (c clock) String() string {
	h, m := int(c)/60, int(c)%60
	return strconv.Itoa(h/10) + strconv.Itoa(h%10) + ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
}

// span is a time range on one day. End is -1 when the text gave only a start.
type span struct{ Start, End clock }

var timeRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[:h.](\d{2})\s*(am|pm)?|\s*(am|pm))\b`)
var rangeSep = regexp.MustCompile(`^\s*(-|–|—|to|until|till|au|à)\s*$`)
var spanSep = regexp.MustCompile(`^\s*(&|and|,|;|/|\+|et)?\s*$`)

// parseSpans reads the time ranges in a free-form time such as "13:45-14:15",
// "14:30–15:00", "11:30 - 12:00", "20:00" (start only) or
// "11:00–12:00 & 14:00–15:00" (two ranges). notes say what was ignored.
func parseSpans(s string) (spans []span, notes []string, problem string) {
	locs := timeRE.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 {
		return nil, nil, "could not read a time in " + strconv.Quote(s)
	}
	var ignored []string
	keep := func(text string) {
		if t := strings.Trim(text, " \t,;:()"); t != "" {
			ignored = append(ignored, t)
		}
	}
	keep(s[:locs[0][0]])
	for i := 0; i < len(locs); i++ {
		start, ok := clockAt(s, locs[i])
		if !ok {
			return nil, notes, "no such time of day in " + strconv.Quote(s)
		}
		sp := span{Start: start, End: -1}
		next := len(s)
		if i+1 < len(locs) {
			next = locs[i+1][0]
		}
		between := s[locs[i][1]:next]
		if i+1 < len(locs) && rangeSep.MatchString(between) {
			end, ok := clockAt(s, locs[i+1])
			if !ok {
				return nil, notes, "no such time of day in " + strconv.Quote(s)
			}
			sp.End = end
			i++
			next = len(s)
			if i+1 < len(locs) {
				next = locs[i+1][0]
			}
			between = s[locs[i][1]:next]
		}
		spans = append(spans, sp)
		if !spanSep.MatchString(between) {
			keep(between)
		}
	}
	if len(ignored) > 0 {
		notes = append(notes, "ignored "+strconv.Quote(strings.Join(ignored, " "))+" in the time")
	}
	return spans, notes, ""
}

func clockAt(s string, loc []int) (clock, bool) {
	h, _ := strconv.Atoi(s[loc[2]:loc[3]])
	m := 0
	if loc[4] >= 0 {
		m, _ = strconv.Atoi(s[loc[4]:loc[5]])
	}
	ampm := ""
	if loc[6] >= 0 {
		ampm = strings.ToLower(s[loc[6]:loc[7]])
	} else if loc[8] >= 0 {
		ampm = strings.ToLower(s[loc[8]:loc[9]])
	}
	switch ampm {
	case "am":
		if h == 12 {
			h = 0
		}
	case "pm":
		if h < 12 {
			h += 12
		}
	}
	if h > 24 || m > 59 || (h == 24 && m != 0) || (ampm != "" && h > 24) {
		return 0, false
	}
	return clock(h*60 + m), true
}
