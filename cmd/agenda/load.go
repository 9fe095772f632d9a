package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"

	"github.com/agendaconf/agenda/widget/diag"
	"github.com/agendaconf/agenda/widget/schedule"
	"github.com/agendaconf/agenda/widget/source/frab"
	"github.com/agendaconf/agenda/widget/source/zola"
)

// loadOptions are the flags every command that reads a programme shares. They
// override the content folder's agenda.toml, for folders that have none.
type loadOptions struct {
	Name, ID, TZ string
	Year         int
}

func (o *loadOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.Name, "name", "", "conference name (overrides agenda.toml)")
	fs.StringVar(&o.ID, "id", "", "stable conference id, used in calendar UIDs and storage keys (overrides agenda.toml)")
	fs.StringVar(&o.TZ, "tz", "", "venue time zone, an IANA name such as Europe/Paris (overrides agenda.toml)")
	fs.IntVar(&o.Year, "year", 0, "year for dates that do not give one (overrides agenda.toml)")
}

// loadSchedule reads a content folder, a frab schedule.xml / c3voc schedule.json,
// or a bundle, whichever path is.
func loadSchedule(path string, o loadOptions) (*schedule.Schedule, diag.List) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return zola.Read(path, zola.Options{Name: o.Name, ID: o.ID, TimeZone: o.TZ, Year: o.Year})
	}
	var s *schedule.Schedule
	var d diag.List
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bin", ".agenda":
		s, d = readBundleFile(path)
	default:
		s, d = frab.ReadFile(path)
	}
	if s != nil {
		if o.Name != "" {
			s.Conference.Name = o.Name
		}
		if o.ID != "" {
			s.Conference.ID = o.ID
		}
	}
	return s, d
}
