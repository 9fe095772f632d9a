package ical

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var stamp = time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)

// unfold joins folded lines and splits on CRLF; it fails on a bare LF or CR.
func unfold(t testing.TB, b []byte) []string {
	t.Helper()
	s := string(b)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end in CRLF: %q", tail(s))
	}
	if strings.Count(s, "\n") != strings.Count(s, "\r\n") || strings.Count(s, "\r") != strings.Count(s, "\r\n") {
		t.Fatalf("bare CR or LF in output")
	}
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

// checkFolded checks every physical line's length and that no fold split a UTF-8 sequence.
func checkFolded(t testing.TB, b []byte) {
	t.Helper()
	for i, l := range bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n")) {
		if len(l) > MaxLine {
			t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if len(l) > 0 && !utf8.RuneStart(l[0]) {
			t.Fatalf("line %d starts inside a UTF-8 sequence: %q", i+1, l)
		}
		if !utf8.Valid(l) {
			t.Fatalf("line %d is not valid UTF-8: %q", i+1, l)
		}
	}
}

// prop returns the unescaped value of the first property with that name.
func prop(lines []string, name string) (string, bool) {
	for _, l := range lines {
		n, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		if i := strings.IndexByte(n, ';'); i >= 0 {
			n = n[:i]
		}
		if n == name {
			return Unescape(v), true
		}
	}
	return "", false
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"tab\there", "tab\there"},
		{"nul\x00bell\x07del\x7f", "nulbelldel"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"café ☕ 🦀", "café ☕ 🦀"},
		{`"quoted"`, `"quoted"`},
	} {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in == "nul\x00bell\x07del\x7f" || strings.Contains(tc.in, "\r") || !utf8.ValidString(tc.in) {
			continue
		}
		if got := Unescape(escape(tc.in)); got != tc.in {
			t.Errorf("Unescape(escape(%q)) = %q", tc.in, got)
		}
	}
}

func TestFoldingProperty(t *testing.T) {
	alphabet := []string{"a", "Z", " ", ",", ";", "\\", "\n", "é", "ß", "€", "☕", "🦀", "𝄞", "日本", "\u0301"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		var sb strings.Builder
		for k := r.Intn(400); k > 0; k-- {
			sb.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		s := sb.String()
		// Vary the prefix length so that folds land on every byte offset of a rune.
		summary := strings.Repeat("x", r.Intn(8)) + s
		b := Write(nil, VCalendar{Name: s, Events: []VEvent{{UID: "u", Summary: summary, Description: s, Location: s, Categories: []string{s, "k"}, Start: stamp}}}, stamp)
		checkFolded(t, b)
		lines := unfold(t, b)
		for name, want := range map[string]string{"SUMMARY": summary, "DESCRIPTION": s, "LOCATION": s, "X-WR-CALNAME": s} {
			got, ok := prop(lines, name)
			if s == "" && !ok && name != "SUMMARY" {
				continue
			}
			if got != want {
				t.Fatalf("%s round trip: got %q, want %q", name, got, want)
			}
		}
	}
}

func TestFoldExactly75(t *testing.T) {
	for n := 60; n < 160; n++ {
		b := Write(nil, VCalendar{Events: []VEvent{{UID: "u", Summary: strings.Repeat("é", n), Start: stamp}}}, stamp)
		checkFolded(t, b)
		for _, l := range strings.Split(string(b), "\r\n") {
			if strings.HasPrefix(l, "SUMMARY:") && len(l) < MaxLine-1 && n > 40 {
				t.Fatalf("first line folded too early (%d octets)", len(l))
			}
		}
	}
}

func TestCRLFAndStructure(t *testing.T) {
	c := VCalendar{Name: "Demo", Events: []VEvent{{
		UID: UID("democonf", "opening"), Summary: "Opening", Description: "Hello,\nworld",
		Location: "Main Stage", URL: "https://example.org/talks/opening?a=1,2",
		Start: time.Date(2026, 10, 8, 7, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 8, 7, 30, 0, 0, time.UTC),
		Categories: []string{"talk", "Rust, safely"},
	}}}
	b := Write(nil, c, stamp)
	checkFolded(t, b)
	lines := unfold(t, b)
	want := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//agendaconf//Agenda//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		"X-WR-CALNAME:Demo",
		"BEGIN:VEVENT", "UID:opening@democonf", "DTSTAMP:20250901T080000Z",
		"DTSTART:20261008T070000Z", "DTEND:20261008T073000Z", "SUMMARY:Opening",
		`DESCRIPTION:Hello\,\nworld`, "LOCATION:Main Stage", "URL:https://example.org/talks/opening?a=1,2",
		`CATEGORIES:talk,Rust\, safely`, "END:VEVENT", "END:VCALENDAR",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got := Write([]byte("prefix"), c, stamp); !bytes.Equal(got[6:], b) || string(got[:6]) != "prefix" {
		t.Errorf("Write does not append to dst")
	}
}

func TestTimeZone(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no zone database on this machine: ", err)
	}
	// A conference spanning the end of summer time.
	c := VCalendar{TimeZone: "Europe/Paris", Location: loc, Events: []VEvent{
		{UID: "a", Summary: "A", Start: time.Date(2025, 10, 25, 9, 0, 0, 0, loc), End: time.Date(2025, 10, 25, 10, 0, 0, 0, loc)},
		{UID: "b", Summary: "B", Start: time.Date(2025, 10, 27, 9, 0, 0, 0, loc), End: time.Date(2025, 10, 27, 10, 0, 0, 0, loc)},
	}}
	lines := unfold(t, Write(nil, c, stamp))
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		"X-WR-TIMEZONE:Europe/Paris",
		"BEGIN:VTIMEZONE\nTZID:Europe/Paris\n" +
			"BEGIN:DAYLIGHT\nDTSTART:20250330T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n" +
			"BEGIN:STANDARD\nDTSTART:20251026T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n" +
			"END:VTIMEZONE",
		"DTSTART;TZID=Europe/Paris:20251025T090000", "DTEND;TZID=Europe/Paris:20251025T100000",
		"DTSTART;TZID=Europe/Paris:20251027T090000",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "TZNAME") || strings.Contains(got, "CEST") {
		t.Errorf("zone abbreviations written:\n%s", got)
	}

	// A zone without daylight saving time gets a single STANDARD observance.
	c.TimeZone = "Asia/Tokyo"
	c.Location, _ = time.LoadLocation("Asia/Tokyo")
	got = strings.Join(unfold(t, Write(nil, c, stamp)), "\n")
	if !strings.Contains(got, "BEGIN:STANDARD\nDTSTART:") || strings.Contains(got, "DAYLIGHT") || !strings.Contains(got, "TZOFFSETTO:+0900") {
		t.Errorf("Asia/Tokyo VTIMEZONE wrong:\n%s", got)
	}
	if !strings.Contains(got, "DTSTART;TZID=Asia/Tokyo:20251025T160000") {
		t.Errorf("Asia/Tokyo times wrong:\n%s", got)
	}

	// No location (the wasm), or UTC, gives UTC times, never a TZID.
	for _, tz := range []string{"", "UTC", "Nowhere/Atlantis"} {
		c.TimeZone = tz
		c.Location = nil
		if tz == "UTC" {
			c.Location = time.UTC
		}
		got = string(Write(nil, c, stamp))
		if strings.Contains(got, "TZID") || !strings.Contains(got, "DTSTART:20251025T070000Z") {
			t.Errorf("TimeZone %q: want UTC times, got\n%s", tz, got)
		}
	}
}

func TestUIDStable(t *testing.T) {
	if UID("eurorust-2025", "production-unsafe-rust") != "production-unsafe-rust@eurorust-2025" {
		t.Errorf("UID changed format: %s", UID("eurorust-2025", "production-unsafe-rust"))
	}
	a, b := UID("a", "b"), UID("a", "b")
	if a != b || UID("a", "b") == UID("a", "c") || UID("a", "b") == UID("c", "b") {
		t.Errorf("UID not stable or not distinct")
	}
	if UID("", "x") == "x" {
		t.Errorf("UID without conference id lacks a domain part")
	}
}

func TestEndBeforeStart(t *testing.T) {
	got := string(Write(nil, VCalendar{Events: []VEvent{{UID: "u", Summary: "s", Start: stamp, End: stamp.Add(-time.Hour)}, {UID: "v", Summary: "t", Start: stamp}}}, stamp))
	if strings.Contains(got, "DTEND") {
		t.Errorf("DTEND written for an end before the start or a zero end:\n%s", got)
	}
}

// TestWasmDeps checks that the package stays small enough for the widget:
// no fmt, encoding/json, time/tzdata, templates or net/http among its
// dependencies for GOOS=js, nothing beyond widget/bundle's (which the widget
// links anyway; encoding/binary brings reflect) but a few small packages, no
// direct import of widget/model (the widget has only a bundle), and no zone
// loading in its code.
func TestWasmDeps(t *testing.T) {
	if testing.Short() {
		t.Skip("go list in -short mode")
	}
	list := func(args ...string) []string {
		t.Helper()
		cmd := exec.Command("go", append([]string{"list"}, args...)...)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Skip("go list unavailable: ", err)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/agendaconf/agenda/"
	ofBundle := map[string]bool{}
	for _, p := range list("-deps", mod+"widget/bundle") {
		ofBundle[p] = true
	}
	for _, p := range list("-deps", ".") {
		switch p {
		case "fmt", "encoding/json", "time/tzdata", "html/template", "text/template", "net/http":
			t.Errorf("widget/export/ical imports %s for GOOS=js", p)
		case "bytes", "strings", "unicode", "unicode/utf8", mod + "widget/export/ical",
			mod + "widget/model/civil", mod + "widget/text/htmltext", mod + "widget/text/richtext":
		default:
			if !ofBundle[p] {
				t.Errorf("widget/export/ical brings %s to the wasm, which widget/bundle does not", p)
			}
		}
	}
	for _, p := range list("-f", `{{join .Imports "\n"}}`, ".") {
		if p == mod+"widget/model" {
			t.Errorf("widget/export/ical imports %s: it must work from a bundle alone", p)
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, call := range []string{"LoadLocation", "LoadLocationFromTZData", "time.Local"} {
			if bytes.Contains(src, []byte(call)) {
				t.Errorf("%s uses %s: the caller loads zones, never this package", f, call)
			}
		}
	}
}

func FuzzWrite(f *testing.F) {
	f.Add("Opening", "Hello, world;\nline two \\ done", "Main Stage", "talk", 3)
	f.Add(strings.Repeat("é", 80), strings.Repeat("🦀", 40), "", "", 0)
	f.Add("\xff\xfe", "\r\n\r", "a,b", "x;y", 7)
	f.Fuzz(func(t *testing.T, summary, desc, loc, cat string, pad int) {
		pad = pad & 15
		summary = strings.Repeat("p", pad) + summary
		b := Write(nil, VCalendar{Name: cat, Events: []VEvent{{UID: summary, Summary: summary, Description: desc, Location: loc, Categories: []string{cat}, Start: stamp, End: stamp.Add(time.Hour)}}}, stamp)
		checkFolded(t, b)
		lines := unfold(t, b)
		if !utf8.Valid(b) {
			t.Fatalf("output is not valid UTF-8")
		}
		// Valid text without control characters comes back unchanged.
		for name, in := range map[string]string{"SUMMARY": summary, "DESCRIPTION": desc, "LOCATION": loc} {
			if in == "" || !utf8.ValidString(in) || strings.ContainsFunc(in, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }) {
				continue
			}
			if got, _ := prop(lines, name); got != in {
				t.Fatalf("%s: got %q, want %q", name, got, in)
			}
		}
	})
}

// The helpers below stand in for strings functions that the wasm would link
// for this package alone; they must give the same results.

func refEscape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func refURI(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

func checkHelpers(t *testing.T, s string) {
	t.Helper()
	if got, want := escape(s), refEscape(s); got != want {
		t.Errorf("escape(%q) = %q, want %q", s, got, want)
	}
	if got, want := uri(s), refURI(s); got != want {
		t.Errorf("uri(%q) = %q, want %q", s, got, want)
	}
}

func TestHelpers(t *testing.T) {
	for _, s := range []string{"", "a", "ABC", "\xff", "\xff\xfe", "a\xffb\xfe\xfd", "\uFFFD\xff", "\xff\uFFFD\xff", "\xed\xa0\x80", "\xc3",
		"\r\xff\n", "x\r\n", "ÀÉ\u0130\u212A", "  \t\r\n x ", "\u00a0x\u0085", "a;b,c\\d", "\x00\x1f\x7f", "🦀\xf0\x9f"} {
		checkHelpers(t, s)
	}
}

func FuzzHelpers(f *testing.F) {
	f.Add("Aé\xff\xfe\r\n\u0130;")
	f.Fuzz(checkHelpers)
}

// TestUTCStamp holds utcStamp, built on civil.AppendRFC3339UTC, to the
// time package over instants from year -9999 to 99999.
func TestUTCStamp(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for n := 0; n < 20000; n++ {
		sec := r.Int63n(2*3_155_000_000_000) - 3_155_000_000_000
		if n < 10 {
			sec = []int64{0, -1, 1760010300, -62135596800, -62135596801, -62167219201, 253402300799, 253402300800, 1 << 40, -1 << 40}[n]
		}
		tm := time.Unix(sec, 0)
		if got, want := utcStamp(tm), tm.UTC().Format("20060102T150405Z"); got != want {
			t.Fatalf("utcStamp(%d) = %q, want %q", sec, got, want)
		}
	}
}
