// Package ics is what remains of the iCalendar writer, which is now package
// widget/export/ical (the writer and the one event builder) and
// widget/text/htmltext (Text). It keeps PlainText only for
// widget/export/c3voc, until that calls htmltext.Text; then delete it.
package ics

import "github.com/agendaconf/agenda/widget/text/htmltext"

// PlainText is htmltext.Text.
//
// Deprecated: use htmltext.Text.
func PlainText(s string) string { return htmltext.Text(s) }
