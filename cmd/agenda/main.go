// Command agenda compiles a conference programme (a Zola content folder or a
// frab/c3voc schedule) into the bundle that the schedule widget embeds, and
// checks, lists and exports it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	_ "time/tzdata" // venue zones resolve on machines without a zoneinfo database

	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/model/diag"
)

const usage = `agenda compiles a conference programme into a schedule bundle.

Usage:
  agenda check [--strict] [flags] PATH      report problems in a programme
  agenda build [flags] PATH -o FILE.bin     write the bundle the widget embeds
  agenda dump [--json] FILE.bin             list the sessions of a bundle
  agenda export FORMAT [flags] PATH         write ics, frab-json, frab-xml or html
  agenda site [flags] PATH -o DIR           write a deployable site: pages, offline page, widget
  agenda serve [--addr HOST:PORT] DIR       serve a site folder over HTTP
  agenda init [flags] FOLDER                write the agenda.toml that maps another generator's folder

PATH is a content folder (Zola layout, with an optional agenda.toml), a
schedule.xml or schedule.json (frab/c3voc), or a bundle.

Run "agenda COMMAND --help" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own writers.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return runCheck(rest, stdout, stderr)
	case "build":
		return runBuild(rest, stdout, stderr)
	case "dump":
		return runDump(rest, stdout, stderr)
	case "export":
		return runExport(rest, stdout, stderr)
	case "site":
		return runSite(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "agenda: unknown command %q; run \"agenda --help\" for the list\n", cmd)
	return 2
}

// newFlags makes a flag set for one command that prints its own help and never exits.
func newFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: agenda %s\n\nFlags:\n", synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses flags wherever they stand among the arguments ("check PATH --tz X"
// as well as "check --tz X PATH") and returns the positional arguments. The int
// is -1 to go on, or the exit status to return: 0 after --help, 2 on a bad flag.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, int) {
	// The flag package prints usage on any bad flag; print it only on request,
	// so that a mistake is one line on stderr.
	help := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = help }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				help()
				return nil, 0
			}
			fmt.Fprintf(stderr, "agenda %s: %s\n", fs.Name(), diag.Escape(firstLine(err.Error())))
			return nil, 2
		}
		args = fs.Args()
		if len(args) == 0 {
			if f := fs.Lookup("year"); f != nil {
				if y, _ := strconv.Atoi(f.Value.String()); y != 0 && !yearOK(y) {
					fmt.Fprintf(stderr, "agenda %s: --year %d is out of range; want a year from %d to %d\n", fs.Name(), y, minYear, maxYear)
					return nil, 2
				}
			}
			return pos, -1
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// The years a programme may use. A calendar (DTSTART) or a date in a page
// holds four digits; before 1970 no conference schedules with this tool.
// Outside, a date is a typo ("--year 20255") or a hand-made bundle.
const minYear, maxYear = model.MinYear, model.MaxYear

func yearOK(y int) bool { return minYear <= y && y <= maxYear }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// onePath checks that exactly one PATH was given and exists.
func onePath(cmd string, pos []string, stderr io.Writer) (string, bool) {
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "agenda %s: want exactly one PATH, got %d; run \"agenda %s --help\"\n", cmd, len(pos), cmd)
		return "", false
	}
	if _, err := os.Stat(pos[0]); err != nil {
		fmt.Fprintf(stderr, "agenda %s: %s: no such file or folder\n", cmd, diag.Escape(pos[0]))
		return "", false
	}
	return pos[0], true
}
