package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/export/c3voc"
	"github.com/agendaconf/agenda/widget/export/ical"
	"github.com/agendaconf/agenda/widget/export/static"
	"github.com/agendaconf/agenda/widget/model"
)

// exportFormats lists what `agenda export` writes, in help order.
var exportFormats = []struct{ name, help string }{
	{"ics", "iCalendar (RFC 5545) file of every scheduled session, for calendar apps"},
	{"frab-json", "c3voc schedule.json, for Giggity, ConfClerk, EventFahrplan and friends"},
	{"frab-xml", "frab/pentabarf schedule.xml, the same for older readers"},
	{"html", "static, accessible HTML schedule without JavaScript (needs -o DIR)"},
}

const exportSynopsis = `export FORMAT [flags] PATH

Writes the programme at PATH (a content folder, a schedule.xml or
schedule.json, or a bundle) in another format. Formats:
`

func runExport(args []string, stdout, stderr io.Writer) int {
	synopsis := exportSynopsis
	for _, f := range exportFormats {
		synopsis += fmt.Sprintf("  %-10s %s\n", f.name, f.help)
	}
	synopsis += "\nThe file formats go to standard output unless -o names a file.\nDTSTAMP in ics is SOURCE_DATE_EPOCH when that is set, else now."
	fs := newFlags("export", synopsis, stdout)
	out := fs.String("o", "", "output file (ics, frab-json, frab-xml; default standard output) or folder (html, required)")
	var o loadOptions
	o.register(fs)
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, `agenda export: want a FORMAT (ics, frab-json, frab-xml or html) and a PATH; run "agenda export --help"`)
		return 2
	}
	format := pos[0]
	known := false
	for _, f := range exportFormats {
		known = known || f.name == format
	}
	if !known {
		fmt.Fprintf(stderr, "agenda export: unknown format %q; want ics, frab-json, frab-xml or html\n", format)
		return 2
	}
	if format == "html" && *out == "" {
		fmt.Fprintln(stderr, "agenda export: html needs -o DIR, the folder to write the pages into")
		return 2
	}
	path, ok := onePath("export", pos[1:], stderr)
	if !ok {
		return 2
	}
	s, d := loadSchedule(path, o)
	d.Sort()
	for _, x := range d {
		fmt.Fprintln(stderr, x.String())
	}
	if d.HasErrors() || s == nil {
		return 1
	}

	if format == "html" {
		if err := static.Write(*out, s); err != nil {
			fmt.Fprintf(stderr, "agenda export: %v\n", err)
			return 1
		}
		return 0
	}
	data, err := exportFile(format, s)
	if err != nil {
		fmt.Fprintf(stderr, "agenda export: %s: %v\n", format, err)
		return 1
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "agenda export: %v\n", err)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "agenda export: %v\n", err)
		return 1
	}
	return 0
}

func exportFile(format string, s *model.Schedule) ([]byte, error) {
	switch format {
	case "ics":
		return exportICS(s, stamp())
	case "frab-json":
		return c3voc.JSON(s)
	default:
		return c3voc.XML(s)
	}
}

// exportICS writes the calendar of every scheduled session of s the way the
// widget does, from the bundle (so both give the same events), but in the
// venue's zone with a VTIMEZONE, as the command line has a zone database.
func exportICS(s *model.Schedule, stamp time.Time) ([]byte, error) {
	data, err := bundle.Encode(s)
	if err != nil {
		return nil, err
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		return nil, err
	}
	c := ical.Calendar(b, ical.All(b), nil)
	// Encode has loaded this zone already: it cannot fail here.
	if loc, err := time.LoadLocation(c.TimeZone); err == nil {
		c.Location = loc
	}
	return ical.Write(nil, c, stamp), nil
}

// stamp is the time the export is made: SOURCE_DATE_EPOCH (reproducible builds)
// when set, else now.
func stamp() time.Time {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now().UTC()
}
