// Package diag holds the diagnostics that every reader and check returns:
// compiler-style messages with a position, collected, sorted and printed once.
package diag

import (
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic fails a build. Warnings fail only with --strict.
type Severity uint8

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Pos is a place in a source file. Line and Col count from 1; 0 means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Diagnostic is one message about the input. Hint says what to do about it.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
	Hint     string
}

// String renders the diagnostic as "path:line:col: severity: message (hint)".
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Severity.String() + ": " + d.Message
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, msg, hint string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Message: msg, Hint: hint})
}

// Warn appends a warning.
func (l *List) Warn(pos Pos, msg, hint string) { l.Add(pos, Warning, msg, hint) }

// Error appends an error.
func (l *List) Error(pos Pos, msg, hint string) { l.Add(pos, Error, msg, hint) }

// Sort orders diagnostics by file, line, column, then message, so output is stable
// whatever order the readers found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Message < b.Message
	})
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}
