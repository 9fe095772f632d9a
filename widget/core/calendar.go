package core

import (
	"time"

	"github.com/agendaconf/agenda/widget/export/ical"
)

// Calendar is the iCalendar file of sessions, the same events as `agenda
// export ics` writes. permalink gives a session's link on this page, for
// sessions without a URL of their own. Times are UTC: the wasm carries no
// zone database, and calendar apps show them in the viewer's zone anyway.
func (c *Widget) Calendar(sessions []int, permalink func(slug string) string, stamp int64) []byte {
	return ical.WriteUTC(nil, ical.Calendar(c.b, sessions, permalink), time.Unix(stamp, 0).UTC())
}
