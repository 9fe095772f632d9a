package main

import (
	"fmt"
	"io"

	"github.com/agendaconf/agenda/widget/model/diag"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--strict] [flags] PATH\n\nReports problems in a programme as path:line:col: severity: message.\nExit status 1 on errors (and on warnings with --strict), 0 otherwise.", stdout)
	strict := fs.Bool("strict", false, "fail on warnings too")
	var o loadOptions
	o.register(fs)
	pos, code := parse(fs, args, stderr)
	if code >= 0 {
		return code
	}
	path, ok := onePath("check", pos, stderr)
	if !ok {
		return 2
	}
	_, d := loadSchedule(path, o)
	return report(d, *strict, stdout)
}

// report prints diagnostics, one per line, and returns the exit status they call for.
func report(d diag.List, strict bool, w io.Writer) int {
	d.Sort()
	for _, x := range d {
		fmt.Fprintln(w, x.String())
	}
	errs, warns := d.Count()
	if errs > 0 || strict && warns > 0 {
		return 1
	}
	return 0
}
