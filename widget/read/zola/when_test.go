package zola

import (
	"strings"
	"testing"
	"time"
)

func TestParseDates(t *testing.T) {
	tests := []struct {
		in      string
		year    int
		want    []string // "2025-10-09"
		note    string   // a note must contain this
		problem string
	}{
		{in: "Thursday, October 9, 2025", want: []string{"2025-10-09"}},
		{in: "Friday, October 10", year: 2025, want: []string{"2025-10-10"}},
		{in: "Wednesday, October 8, ", year: 2025, want: []string{"2025-10-08"}},
		{in: "Wednesday, October 08, 2025", want: []string{"2025-10-08"}},
		{in: "October 9", year: 2026, want: []string{"2026-10-09"}},
		{in: "October 9, 2025, Paris", want: []string{"2025-10-09"}, note: `ignored "Paris"`},
		{in: "Thursday, October 09, and Friday, October 10, 2025", want: []string{"2025-10-09", "2025-10-10"}},
		{in: "Wednesday, October 9", year: 2025, want: []string{"2025-10-09"}, note: "says Wednesday but October 9, 2025 is a Thursday"},
		{in: "9 October 2025", want: []string{"2025-10-09"}},
		{in: "2025-10-09", want: []string{"2025-10-09"}},
		{in: "Sat 11 Oct 2025", want: []string{"2025-10-11"}},
		{in: "Oct. 9th, 2024", want: []string{"2024-10-09"}},
		{in: "October 11, 2024, Thursday", want: []string{"2024-10-11"}, note: "the date says Thursday but October 11, 2024 is a Friday"},
		{in: "Oct. 11th, Thursday", year: 2024, want: []string{"2024-10-11"}, note: "says Thursday but October 11, 2024 is a Friday"},
		{in: "October 10, 2024, Thursday", want: []string{"2024-10-10"}},
		{in: "9 October 2025, Thursday", want: []string{"2025-10-09"}},
		{in: "October 9, Thursday, and October 10, Thursday", year: 2025, want: []string{"2025-10-09", "2025-10-10"}, note: "says Thursday but October 10, 2025 is a Friday"},
		{in: "2025-10-09 (Thursday)", want: []string{"2025-10-09"}},
		{in: "Thursday 2025-10-10", want: []string{"2025-10-10"}, note: "says Thursday but October 10, 2025 is a Friday"},
		{in: "Thursday 2025-10-09 and Friday 2025-10-11", want: []string{"2025-10-09", "2025-10-11"}, note: "says Friday but October 11, 2025 is a Saturday"},
		{in: "October 9, 2024 and October 10", year: 2025, want: []string{"2024-10-09", "2025-10-10"}},
		{in: "October 9", problem: "no year"},
		{in: "soon", problem: "could not read a date"},
		{in: "February 30, 2025", problem: "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dates, notes, problem := parseDates(tt.in, tt.year)
			if tt.problem != "" {
				if !strings.Contains(problem, tt.problem) {
					t.Fatalf("problem = %q, want it to contain %q", problem, tt.problem)
				}
				return
			}
			if problem != "" {
				t.Fatalf("problem = %q", problem)
			}
			var got []string
			for _, d := range dates {
				got = append(got, time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("dates = %v, want %v", got, tt.want)
			}
			if joined := strings.Join(notes, "|"); tt.note == "" && joined != "" || !strings.Contains(joined, tt.note) {
				t.Errorf("notes = %q, want %q", joined, tt.note)
			}
		})
	}
}

func TestParseSpans(t *testing.T) {
	tests := []struct {
		in      string
		want    string // "13:45-14:15 20:00-"
		note    string
		problem string
	}{
		{in: "13:45-14:15", want: "13:45-14:15"},
		{in: "14:30–15:00", want: "14:30-15:00"},
		{in: "11:30 - 12:00", want: "11:30-12:00"},
		{in: "20:00", want: "20:00-"},
		{in: "11:00–12:00 & 14:00–15:00", want: "11:00-12:00 14:00-15:00"},
		{in: "30-minute sessions between 11:00–17:30", want: "11:00-17:30", note: `ignored "30-minute sessions between"`},
		{in: "9h30 to 10h", want: "09:30-", note: "ignored"},
		{in: "9h30 to 10h00", want: "09:30-10:00"},
		{in: "2pm - 3:30pm", want: "14:00-15:30"},
		{in: "23:30-01:00", want: "23:30-01:00"},
		{in: "noon", problem: "could not read a time"},
		{in: "25:00-26:00", problem: "no such time"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			spans, notes, problem := parseSpans(tt.in)
			if tt.problem != "" {
				if !strings.Contains(problem, tt.problem) {
					t.Fatalf("problem = %q, want %q", problem, tt.problem)
				}
				return
			}
			if problem != "" {
				t.Fatalf("problem = %q", problem)
			}
			var got []string
			for _, s := range spans {
				e := ""
				if s.End >= 0 {
					e = s.End.String()
				}
				got = append(got, s.Start.String()+"-"+e)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("spans = %v, want %v", got, tt.want)
			}
			if joined := strings.Join(notes, "|"); tt.note == "" && joined != "" || !strings.Contains(joined, tt.note) {
				t.Errorf("notes = %q, want %q", joined, tt.note)
			}
		})
	}
}

func TestSplitDateTime(t *testing.T) {
	tests := []struct {
		in, date, time string // date "" when the text is not split
	}{
		{in: "Oct. 9th, 2024, 10:00 - 16:00", date: "Oct. 9th, 2024", time: "10:00 - 16:00"},
		{in: "Thursday, October 9, 2025, 9am-5pm", date: "Thursday, October 9, 2025", time: "9am-5pm"},
		{in: "October 9 at 14:30", date: "October 9", time: "14:30"},
		{in: "October 9, 2025 from 10h00 to 12h00", date: "October 9, 2025", time: "10h00 to 12h00"},
		{in: "9 Oct — 18:00–22:00", date: "9 Oct", time: "18:00–22:00"},
		{in: "Thursday, October 9, 2025"},
		{in: "10:00-11:00"},     // no date before the time
		{in: "9.10.2025"},       // not a time: nothing before it
		{in: "Thursday 10.10"},  // "Thursday" alone is no date
		{in: "soon, 10:00"},     // nor is "soon"
		{in: "October 9, noon"}, // and noon is no time
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			date, tm, ok := splitDateTime(tt.in)
			if ok != (tt.date != "") || date != tt.date || tm != tt.time {
				t.Errorf("splitDateTime() = %q, %q, %v; want %q, %q", date, tm, ok, tt.date, tt.time)
			}
		})
	}
}

func FuzzSplitDateTime(f *testing.F) {
	for _, s := range []string{"Oct. 9th, 2024, 10:00 - 16:00", "October 9 at 9am", "9.10.2025", "", "2025-10-09T10:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		date, tm, ok := splitDateTime(s)
		if !ok {
			return
		}
		if !strings.HasSuffix(s, tm) || !strings.HasPrefix(s, date) || len(date)+len(tm) > len(s) {
			t.Fatalf("%q split into %q and %q", s, date, tm)
		}
		if _, _, p := parseDates(date, 2000); p != "" {
			t.Fatalf("date part %q: %s", date, p)
		}
		if _, _, p := parseSpans(tm); p != "" {
			t.Fatalf("time part %q: %s", tm, p)
		}
	})
}

func FuzzParseDates(f *testing.F) {
	for _, s := range []string{"Thursday, October 9, 2025", "Thursday, October 09, and Friday, October 10, 2025", "9 October", "2025-13-45", "", "Feb 29 2024",
		"October 11, 2024, Thursday", "Thursday 2025-10-09 and Friday 2025-10-11"} {
		f.Add(s, 2025)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		dates, _, problem := parseDates(s, year)
		if problem == "" && len(dates) == 0 {
			t.Fatal("no dates and no problem")
		}
		for _, d := range dates {
			if d.Day < 1 || d.Day > 31 || d.Month < 1 || d.Month > 12 {
				t.Fatalf("impossible date %+v", d)
			}
			if d.Weekday < -1 || d.Weekday > time.Saturday {
				t.Fatalf("impossible weekday %+v", d)
			}
		}
	})
}

func FuzzParseSpans(f *testing.F) {
	for _, s := range []string{"13:45-14:15", "11:00–12:00 & 14:00–15:00", "30-minute sessions between 11:00–17:30", "20:00", "12am-12pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans, _, problem := parseSpans(s)
		if problem == "" && len(spans) == 0 {
			t.Fatal("no spans and no problem")
		}
		for _, sp := range spans {
			if sp.Start < 0 || sp.Start > 24*60 || sp.End > 24*60 {
				t.Fatalf("impossible span %+v", sp)
			}
		}
	})
}
