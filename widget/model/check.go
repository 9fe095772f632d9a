package model

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// The years a session may fall in.
const MinYear, MaxYear = 1970, 2200

func inYears(t time.Time) bool { y := t.UTC().Year(); return MinYear <= y && y <= MaxYear }

func itoa(n int) string { return strconv.Itoa(n) }

// Check finds problems that no single file shows: duplicate slugs, sessions that
// end before they start, two sessions overlapping in one room and a speaker in
// two places at once. Every reader runs it. (Unknown speaker slugs are the Zola
// reader's to report, at the line that names them: frab files carry people inline.)
//
// It first drops every link that SafeURL refuses (CleanURLs), so that one URL
// policy holds whichever reader filled the model.
func Check(s *Schedule) diag.List {
	l := CleanURLs(s)
	spk := map[string]bool{}
	for i := range s.Speakers {
		if spk[s.Speakers[i].Slug] {
			l.Error(s.Speakers[i].Pos, "duplicate speaker slug "+quote(s.Speakers[i].Slug), "rename one of the speakers")
		}
		spk[s.Speakers[i].Slug] = true
	}
	seen := map[string]*Session{}
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		if prev, ok := seen[ss.Slug]; ok {
			l.Error(ss.Pos, "duplicate session slug "+quote(ss.Slug)+", also used at "+prev.Pos.String(),
				"rename one of the files or give it another id")
		} else {
			seen[ss.Slug] = ss
		}
		if ss.Scheduled() && !(inYears(ss.Start) && (ss.End.IsZero() || inYears(ss.End))) {
			// Calendar files and the widget's clocks have no years beyond four
			// digits, and no conference runs in 1900: a typo, made unscheduled.
			l.Error(ss.Pos, "session "+quote(ss.Slug)+" is dated "+ss.Start.UTC().Format("2006-01-02")+", outside the years "+itoa(MinYear)+" to "+itoa(MaxYear)+"; it is left unscheduled",
				"check the year of its date (or the year in agenda.toml, --year)")
			ss.Start, ss.End = time.Time{}, time.Time{}
		}
		if ss.Scheduled() && ss.End.Before(ss.Start) {
			l.Error(ss.Pos, "session "+quote(ss.Slug)+" ends ("+ss.End.Format(time.RFC3339)+") before it starts ("+ss.Start.Format(time.RFC3339)+")",
				"check the time range; a session that runs past midnight needs an end on the next day")
		}
	}
	// Overlaps: sort scheduled sessions by start and sweep per room and per speaker.
	var timed []*Session
	for i := range s.Sessions {
		if ss := &s.Sessions[i]; ss.Scheduled() && !ss.End.Before(ss.Start) {
			timed = append(timed, ss)
		}
	}
	sort.SliceStable(timed, func(i, j int) bool {
		if !timed[i].Start.Equal(timed[j].Start) {
			return timed[i].Start.Before(timed[j].Start)
		}
		return timed[i].Slug < timed[j].Slug
	})
	overlaps := func(key func(*Session) []string, what func(k string, a, b *Session) (string, string)) {
		last := map[string][]*Session{}
		for _, ss := range timed {
			for _, k := range key(ss) {
				var keep []*Session
				for _, p := range last[k] {
					if p.End.After(ss.Start) {
						keep = append(keep, p)
						if p.Slug != ss.Slug {
							msg, hint := what(k, p, ss)
							l.Warn(ss.Pos, msg, hint)
						}
					}
				}
				last[k] = append(keep, ss)
			}
		}
	}
	overlaps(func(ss *Session) []string {
		if ss.Room == "" || ss.Kind == Activity || ss.Kind == Break {
			return nil
		}
		return []string{ss.Room}
	}, func(room string, a, b *Session) (string, string) {
		return "session " + quote(b.Slug) + " overlaps " + quote(a.Slug) + " in room " + quote(room),
			"move one of them or change its time"
	})
	overlaps(func(ss *Session) []string { return dedupe(ss.Speakers) }, func(sp string, a, b *Session) (string, string) {
		return "speaker " + quote(sp) + " is in two places at once: " + quote(a.Slug) + " and " + quote(b.Slug),
			"check both sessions' times"
	})
	return l
}

func dedupe(in []string) []string {
	if len(in) < 2 {
		return in
	}
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
