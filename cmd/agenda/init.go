package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/inspect"
	"github.com/agendaconf/agenda/widget/read/zola"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("init", "init [--tz ZONE] [--name NAME] [--year YEAR] [-o FILE] [--force] FOLDER\n\n"+
		"Inspects a content folder kept for Hugo, Jekyll, Astro, Eleventy or Zola and\n"+
		"writes the agenda.toml that maps it: the folders of session and speaker pages,\n"+
		"which front matter key means what, each line commented with what init saw.\n"+
		"It says on standard error what it could not guess; those lines are TODOs in the file.", stdout)
	tz := fl.String("tz", "", "venue time zone, an IANA name such as Europe/Paris (else a TODO: an offset is not a zone)")
	name := fl.String("name", "", "conference name (else the title of _index.md, else the folder's name)")
	year := fl.Int("year", 0, "year for dates written without one (else guessed from the dates that give one)")
	out := fl.String("o", "", "the file to write: FOLDER/agenda.toml when not given, - for standard output")
	force := fl.Bool("force", false, "replace the file if it exists")
	pos, code := parse(fl, args, stderr)
	if code >= 0 {
		return code
	}
	dir, ok := onePath("init", pos, stderr)
	if !ok {
		return 2
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "agenda init: %s is not a folder; init inspects a content folder\n", diag.Escape(dir))
		return 2
	}
	if *tz != "" {
		if _, err := time.LoadLocation(*tz); err != nil || strings.EqualFold(*tz, "local") {
			fmt.Fprintf(stderr, "agenda init: unknown time zone %s; give --tz an IANA zone name such as Europe/Paris\n", diag.Escape(strconv.Quote(*tz)))
			return 2
		}
	}
	rep, err := inspect.Inspect(os.DirFS(dir), folderName(dir))
	if err != nil {
		fmt.Fprintf(stderr, "agenda init: %s\n", diag.Escape(err.Error()))
		return 1
	}
	if rep.Pages == 0 {
		msg := "no .md, .mdx or .markdown page with front matter in " + dir
		if n := len(rep.Failed); n > 0 {
			msg += fmt.Sprintf(" (%d could not be read: %s: %s)", n, rep.Failed[0].Path, rep.Failed[0].Msg)
		}
		fmt.Fprintf(stderr, "agenda init: %s; nothing written\n", diag.Escape(msg))
		return 1
	}
	g := rep.Guess(inspect.Options{Name: *name, TimeZone: *tz, Year: *year})
	if g.ZolaRoot != "" && *out == "" {
		inner := filepath.Join(dir, filepath.FromSlash(g.ZolaRoot))
		fmt.Fprintf(stderr, "agenda init: %s is in Zola's layout, which Agenda reads without a mapping: run agenda init %s (or agenda check %s); nothing written\n",
			diag.Escape(inner), diag.Escape(inner), diag.Escape(inner))
		return 1
	}
	data := g.TOML()

	target := *out
	switch {
	case target == "-":
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "agenda init: %s\n", diag.Escape(err.Error()))
			return 1
		}
		target = "standard output"
	default:
		if target == "" {
			target = filepath.Join(dir, zola.ConfigFile)
		}
		if err := writeNew(target, data, *force); err != nil {
			if errors.Is(err, fs.ErrExist) {
				fmt.Fprintf(stderr, "agenda init: %s exists; pass --force to replace it, or -o - to print the guess\n", diag.Escape(target))
			} else {
				fmt.Fprintf(stderr, "agenda init: %s\n", diag.Escape(err.Error()))
			}
			return 1
		}
	}
	for _, line := range initSummary(g, dir, target) {
		fmt.Fprintln(stderr, "agenda init: "+diag.Escape(line))
	}
	return 0
}

// writeNew writes data to name; without force, only when there is no such file.
func writeNew(name string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !force {
		flags |= os.O_EXCL
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// folderName is the name the conference gets from its folder, as the Zola
// reader gives it: for a site's content/, the site's folder.
func folderName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	base := filepath.Base(abs)
	if base == "content" {
		base = filepath.Base(filepath.Dir(abs))
	}
	return base
}

// initSummary is what init tells the organiser: what it wrote, from what,
// and every TODO.
func initSummary(g *inspect.Guess, dir, target string) []string {
	var out []string
	pages := fmt.Sprintf("%d page", g.Report.Pages)
	if g.Report.Pages != 1 {
		pages += "s"
	}
	if g.Zola {
		out = append(out, dir+" is in Zola's layout ("+strings.Join(g.ZolaFolders, ", ")+"), which Agenda reads without a mapping; wrote the conference's keys only to "+target)
	} else {
		var what []string
		var ss []string
		for _, s := range g.Sessions {
			ss = append(ss, s.Folder.Path+"/")
		}
		if len(ss) > 0 {
			what = append(what, "sessions in "+strings.Join(ss, ", "))
		}
		if g.Speakers != nil {
			what = append(what, "speakers in "+g.Speakers.Folder.Path+"/")
		}
		s := "wrote " + target + " from " + pages
		if len(what) > 0 {
			s += ": " + strings.Join(what, "; ")
		}
		out = append(out, s)
	}
	for _, m := range g.Missing {
		out = append(out, "TODO: could not guess "+m)
	}
	for _, n := range g.Notes {
		out = append(out, "note: "+n)
	}
	if len(g.Report.Failed) > 0 {
		f := g.Report.Failed[0]
		out = append(out, fmt.Sprintf("note: skipped %d .md, .mdx or .markdown files without front matter init could read (%s: %s); they are listed at the end of the file", len(g.Report.Failed), f.Path, f.Msg))
	}
	out = append(out, "next: agenda check "+dir)
	return out
}
