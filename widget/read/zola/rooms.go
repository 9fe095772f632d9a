package zola

import (
	"strconv"
	"strings"
	"unicode"
)

// roomKey is how room names compare: trimmed, runs of blanks made one, case
// folded. Nothing looser: "Room 10" is not "Room 1", nor "Hall A2" "Hall A".
func roomKey(s string) string {
	return strings.Map(func(r rune) rune {
		// The smallest rune of r's case orbit, as strings.EqualFold sees it.
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, strings.Join(strings.Fields(s), " "))
}

// rooms decides the room of every page: the room of agenda.toml whose name
// its stage is, else (when agenda.toml lists none) the room its stage names,
// spelled as most pages spell it. A stage that puts a known room after "on",
// "in" or "at" ("Opening talk on the Main Stage") is read as that room, with
// a warning.
func (r *reader) rooms(pages []*sessionPage) map[*sessionPage]string {
	configured := map[string]string{}
	for _, room := range r.s.Rooms {
		if k := roomKey(room); k != "" && configured[k] == "" {
			configured[k] = strings.Join(strings.Fields(room), " ")
		}
	}
	// Each stage's spelling: the most used, the first seen on a tie.
	count := map[string]int{}
	spelling := map[string]string{}
	for _, p := range pages {
		st := strings.Join(strings.Fields(string(p.Extra.Stage)), " ")
		k := roomKey(st)
		if k == "" {
			continue
		}
		count[st]++
		if cur, ok := spelling[k]; !ok || count[st] > count[cur] {
			spelling[k] = st
		}
	}
	known := configured
	if len(configured) == 0 {
		known = spelling
	}
	out := make(map[*sessionPage]string, len(pages))
	for _, p := range pages {
		st := strings.Join(strings.Fields(string(p.Extra.Stage)), " ")
		k := roomKey(st)
		switch {
		case k == "":
		case configured[k] != "":
			out[p] = configured[k]
		default:
			if room, ok := sentenceRoom(st, k, known); ok {
				r.diags.Warn(p.keys.at("extra.stage"), "stage "+strconv.Quote(st)+" is not a room; assumed "+strconv.Quote(room),
					"write the room name alone: stage = "+strconv.Quote(room))
				out[p] = room
				continue
			}
			out[p] = spelling[k]
			if len(configured) > 0 {
				r.diags.Warn(p.keys.at("extra.stage"), "stage "+strconv.Quote(st)+" is not in the rooms of "+ConfigFile+"; added as a new room",
					"add it to rooms or fix its spelling")
				r.s.Rooms = append(r.s.Rooms, spelling[k])
				configured[k] = spelling[k]
			}
		}
	}
	return out
}

// sentenceRoom finds the known room (other than the stage's own key) that
// ends a stage after "on", "in" or "at", "the" allowed between.
func sentenceRoom(stage, own string, known map[string]string) (string, bool) {
	words := strings.Fields(strings.TrimRight(stage, ".!;,"))
	best := ""
	for k, room := range known {
		if k == own {
			continue
		}
		rw := strings.Fields(k)
		i := len(words) - len(rw) // where the room would start
		if i < 1 || roomKey(strings.Join(words[i:], " ")) != k {
			continue
		}
		before := strings.ToLower(words[i-1])
		if before == "the" && i >= 2 {
			before = strings.ToLower(words[i-2])
		}
		if before != "on" && before != "in" && before != "at" {
			continue
		}
		// The longest room wins ("Main Stage" over "Stage"), then the first by name.
		if len(room) > len(best) || len(room) == len(best) && room < best {
			best = room
		}
	}
	return best, best != ""
}
