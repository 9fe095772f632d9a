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

// parseDates reads the dates in a free-form date such as "Thursday, October 9, 2025",
// "Friday, October 10" (no year: year is used), "October 9, 2025, Paris" or
// "Thursday, October 09, and Friday, October 10, 2025" (two dates). notes say
// what was ignored or assumed; problem is non-empty when no date could be read.
func parseDates(s string, year int) (dates []civilDate, notes []string, problem string) {
	for _, m := range isoDate.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		dates = append(dates, civilDate{Year: y, Month: time.Month(mo), Day: d, Weekday: -1})
	}
	s = isoDate.ReplaceAllString(s, " ")

	var (
		weekday  time.Weekday = -1
		month    time.Month
		dayFirst int // a day number seen before its month ("9 October")
		ignored  []string
		noYear   = len(dates) // dates from here on still need a year
	)
	add := func(day int) {
		dates = append(dates, civilDate{Month: month, Day: day, Weekday: weekday})
		weekday, month, dayFirst = -1, 0, 0
	}
	for _, tok := range tokens(s) {
		lower := strings.ToLower(tok)
		if wd, ok := weekdays[lower]; ok {
			weekday = wd
			continue
		}
		if m, ok := months[lower]; ok {
			month = m
			if dayFirst > 0 {
				add(dayFirst)
			}
			continue
		}
		if n, err := strconv.Atoi(tok); err == nil {
			switch {
			case len(tok) == 4:
				for i := noYear; i < len(dates); i++ {
					dates[i].Year = n
				}
				noYear = len(dates)
			case month != 0 && n >= 1 && n <= 31:
				add(n)
			case n >= 1 && n <= 31:
				dayFirst = n
			default:
				ignored = append(ignored, tok)
			}
			continue
		}
		switch lower {
		case "and", "&", "the", "of", "st", "nd", "rd", "th", "on":
			continue
		}
		ignored = append(ignored, tok)
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
