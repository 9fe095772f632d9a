// Package venue decides a programme's time zone from the one its file names
// and the one the command line gives (--tz), the same way for every file
// source, with the same messages.
//
// Runs in: the compiler.
package venue

import (
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// Flag is where a problem with --tz is reported: the flag, since no file
// gave it.
var Flag = diag.Pos{File: "--tz"}

// Source is what a file says of its zone.
type Source struct {
	Zone string   // the zone the file names, "" if none
	Pos  diag.Pos // where it does
	Key  string   // what the file calls it, for messages: time_zone_name, timezone
	Fix  string   // where to fix a wrong one: "fix time_zone_name in the source system"
}

// Zone is the zone decided: Loc and its Name, and what named it (From:
// Source.Key, "--tz", or "" when neither did and it is UTC).
type Zone struct {
	Loc  *time.Location
	Name string
	From string
}

// Resolve decides the venue's zone: the file's when it names a known one,
// else flag's (Options.TimeZone), else UTC. An unknown zone is an error
// where it was given; a flag the file overrides is a warning.
func Resolve(d *diag.List, src Source, flag string) Zone {
	file, flag := strings.TrimSpace(src.Zone), strings.TrimSpace(flag)
	var flagLoc *time.Location
	if flag != "" {
		if loc, ok := Load(flag); ok {
			flagLoc = loc
		} else {
			d.Error(Flag, "unknown time zone "+strconv.Quote(flag)+"; it is ignored", "give --tz an IANA zone name such as Europe/Berlin")
		}
	}
	if file != "" {
		if loc, ok := Load(file); ok {
			if flagLoc != nil && flag != file {
				d.Warn(src.Pos, "--tz "+strconv.Quote(flag)+" is not used: the file names its own zone, "+strconv.Quote(file)+" ("+src.Key+")",
					"leave --tz out, or "+src.Fix+" if the file is wrong")
			}
			return Zone{loc, file, src.Key}
		}
		what := "assuming UTC"
		if flagLoc != nil {
			what = "using --tz " + strconv.Quote(flag)
		}
		d.Error(src.Pos, "unknown time zone "+strconv.Quote(file)+" ("+src.Key+"); "+what, "use an IANA zone name such as Europe/Berlin")
	}
	if flagLoc != nil {
		return Zone{flagLoc, flag, "--tz"}
	}
	return Zone{time.UTC, "UTC", ""}
}

// Load loads an IANA zone. "Local" is refused: the machine's zone is not the
// venue's.
func Load(name string) (*time.Location, bool) {
	if strings.EqualFold(name, "local") {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}
