package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [flags] PATH -o FILE.bin\n\nCompiles a programme into the bundle the widget embeds and prints a summary.\nDiagnostics go to standard error; errors stop the build.", stdout)
	out := fs.String("o", "", "the bundle file to write (required)")
	strict := fs.Bool("strict", false, "fail on warnings too")
	var o loadOptions
	o.register(fs)
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	path, ok := onePath("build", pos, stderr)
	if !ok {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "agenda build: missing -o FILE.bin")
		return 2
	}
	s, d := loadSchedule(path, o)
	if code := report(d, *strict, stderr); code != 0 || s == nil {
		fmt.Fprintln(stderr, "agenda build: no bundle written")
		return 1
	}
	data, err := bundle.Encode(s)
	if err != nil {
		fmt.Fprintf(stderr, "agenda build: %s\n", diag.Escape(err.Error()))
		return 1
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "agenda build: %s\n", diag.Escape(err.Error()))
		return 1
	}
	fmt.Fprintln(stdout, summary(s, d, *out, len(data)))
	return 0
}

// summary is the one paragraph an organiser reads after a build, escaped:
// it names the conference, which comes from content.
func summary(s *model.Schedule, d diag.List, file string, size int) string {
	scheduled := 0
	for i := range s.Sessions {
		if s.Sessions[i].Scheduled() {
			scheduled++
		}
	}
	var days []string
	for _, day := range s.Days(venue(s)) {
		days = append(days, day.Date)
	}
	_, warns := d.Count()
	dayText := "no days"
	if len(days) > 0 {
		dayText = diag.Plural(len(days), "day") + " (" + strings.Join(days, ", ") + ")"
	}
	return diag.Escape(fmt.Sprintf("Wrote %s (%s) for %s: %s (%d scheduled), %s, %s, %s, %s.",
		file, kib(size), s.Conference.Name,
		diag.Plural(len(s.Sessions), "session"), scheduled, diag.Plural(len(s.Speakers), "speaker"),
		diag.Plural(len(s.Rooms), "room"), dayText, diag.Plural(warns, "warning")))
}

// venue returns the conference's zone; readers have already warned when it is unknown.
func venue(s *model.Schedule) *time.Location {
	if loc, err := time.LoadLocation(s.Conference.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

func kib(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}
