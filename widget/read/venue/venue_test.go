package venue

import (
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model/diag"
)

func TestResolve(t *testing.T) {
	src := func(zone string) Source {
		return Source{Zone: zone, Pos: diag.Pos{File: "schedule.xml", Line: 3}, Key: "time_zone_name", Fix: "fix it upstream"}
	}
	for _, tt := range []struct {
		file, flag string
		name, from string
		msgs       []string // a part of each diagnostic, in order
	}{
		{"Europe/Brussels", "", "Europe/Brussels", "time_zone_name", nil},
		{"", "Europe/Paris", "Europe/Paris", "--tz", nil},
		{"", "", "UTC", "", nil},
		{" Europe/Brussels ", "Europe/Brussels", "Europe/Brussels", "time_zone_name", nil},
		{"Europe/Brussels", "Europe/Paris", "Europe/Brussels", "time_zone_name", []string{`schedule.xml:3: warning: --tz "Europe/Paris" is not used`}},
		{"Mars/Olympus", "Europe/Paris", "Europe/Paris", "--tz", []string{`schedule.xml:3: error: unknown time zone "Mars/Olympus" (time_zone_name); using --tz "Europe/Paris"`}},
		{"Mars/Olympus", "", "UTC", "", []string{`assuming UTC`}},
		{"", "Nowhere/Else", "UTC", "", []string{`--tz: error: unknown time zone "Nowhere/Else"; it is ignored`}},
		{"Local", "local", "UTC", "", []string{`--tz: error`, `unknown time zone "Local"`}}, // the machine's zone is not the venue's
	} {
		var d diag.List
		z := Resolve(&d, src(tt.file), tt.flag)
		if z.Name != tt.name || z.From != tt.from || z.Loc == nil || z.Loc.String() != tt.name {
			t.Errorf("Resolve(%q, --tz %q) = %v %q %q, want %q from %q", tt.file, tt.flag, z.Loc, z.Name, z.From, tt.name, tt.from)
		}
		if len(d) != len(tt.msgs) {
			t.Errorf("Resolve(%q, --tz %q): %d diagnostics, want %d:\n%s", tt.file, tt.flag, len(d), len(tt.msgs), d)
			continue
		}
		d.Sort()
		for i, m := range tt.msgs {
			if got := d[i].String(); !strings.Contains(got, m) {
				t.Errorf("Resolve(%q, --tz %q): %q lacks %q", tt.file, tt.flag, got, m)
			}
		}
	}
}
