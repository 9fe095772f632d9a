package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/frab"
	"github.com/agendaconf/agenda/widget/read/pretalx"
	"github.com/agendaconf/agenda/widget/read/zola"
)

// loadOptions are the flags every command that reads a programme shares.
// They apply to every source: they override a content folder's agenda.toml;
// for a schedule.xml or schedule.json, --tz gives the zone the file does not
// name (a file's own zone wins) and --year is only checked, since those dates
// carry their year; a bundle keeps its zone and dates.
type loadOptions struct {
	Name, ID, TZ string
	Year         int
}

func (o *loadOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.Name, "name", "", "conference name (overrides agenda.toml and the file's)")
	fs.StringVar(&o.ID, "id", "", "stable conference id, used in calendar UIDs and storage keys (overrides agenda.toml and the file's)")
	fs.StringVar(&o.TZ, "tz", "", "venue time zone, an IANA name such as Europe/Paris (overrides agenda.toml; for a schedule.xml/.json, used when the file names none)")
	fs.IntVar(&o.Year, "year", 0, "year for dates that do not give one (overrides agenda.toml; schedule.xml/.json dates always give one)")
}

// loadSchedule reads a content folder, a frab schedule.xml / c3voc schedule.json,
// a pretalx widget schedule.json, or a bundle, whichever path is.
func loadSchedule(path string, o loadOptions) (*model.Schedule, diag.List) {
	var flags diag.List
	// A bad --tz is the flag's fault: checked here, once for every source, so
	// that no reader blames a file for it (the Zola reader would name an
	// agenda.toml that may not exist).
	if o.TZ != "" {
		if _, err := time.LoadLocation(o.TZ); err != nil || strings.EqualFold(o.TZ, "local") {
			flags.Error(diag.Pos{File: "--tz"}, "unknown time zone "+strconv.Quote(o.TZ)+"; it is ignored",
				"give --tz an IANA zone name such as Europe/Paris")
			o.TZ = ""
		}
	}
	var s *model.Schedule
	var d diag.List
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		s, d = zola.Read(path, zola.Options{Name: o.Name, ID: o.ID, TimeZone: o.TZ, Year: o.Year})
		return s, append(flags, d...)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bin", ".agenda":
		s, d = readBundleFile(path)
		if s != nil {
			d = append(d, bundleFlags(path, s, o)...)
		}
	default:
		s, d = readScheduleFile(path, o)
	}
	if s != nil {
		if o.Name != "" {
			s.Conference.Name = o.Name
		}
		if o.ID != "" {
			s.Conference.ID = o.ID
		}
	}
	return s, append(flags, d...)
}

// readScheduleFile reads a schedule file, told apart by its content: a JSON
// object with "talks" at the top and no "schedule" is pretalx's widget data
// (pretalx.Detect); anything else is the frab reader's (schedule.xml, c3voc
// schedule.json), which says what it cannot read.
func readScheduleFile(path string, o loadOptions) (*model.Schedule, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		return frab.ReadFileWith(path, frab.Options{TimeZone: o.TZ, Year: o.Year}) // reports the error
	}
	if pretalx.Detect(data) {
		return pretalx.Read(path, data, pretalx.Options{TimeZone: o.TZ, Year: o.Year, Name: o.Name, ID: o.ID})
	}
	return frab.ReadWith(path, data, frab.Options{TimeZone: o.TZ, Year: o.Year})
}

// bundleFlags says which flags a bundle cannot take: it was built with its
// zone, and its times are instants.
func bundleFlags(path string, s *model.Schedule, o loadOptions) diag.List {
	var d diag.List
	file := diag.Pos{File: path}
	if o.TZ != "" && o.TZ != s.Conference.TimeZone {
		d.Warn(file, "--tz "+strconv.Quote(o.TZ)+" is not used: the bundle was built for "+strconv.Quote(s.Conference.TimeZone),
			"build the bundle again from its source with --tz")
	}
	if o.Year != 0 {
		d.Warn(file, "--year is not used: a bundle's dates are complete", "build the bundle again from its source with --year")
	}
	return d
}
