package model

import (
	"strings"
	"testing"

	"github.com/agendaconf/agenda/widget/model/diag"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"https://example.org/talk", true},
		{"HTTP://EXAMPLE.ORG", true},
		{"mailto:team@example.org", true},
		{"/talks/unsafe-rust/", false}, // a path: CleanURLs makes it whole on the base URL
		{"//cdn.example.org/x", false}, // another site, by a page's own scheme
		{"", false},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"vbscript:msgbox", false},
		{"file:///etc/passwd", false},
		{"example.org/talk", false},
		{"mailto:", false},
		{"http:evil", false},
		{"https://example.org/\njavascript:x", false}, // a line break would end an ICS URL: line
		{"java\tscript:alert(1)", false},              // browsers drop the tab
		{" https://example.org", false},               // callers trim; SafeURL takes u as is
		{"\x01javascript:alert(1)", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.url); got != tt.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.url, got, tt.safe)
		}
	}
}

func TestCleanURLs(t *testing.T) {
	at := func(line int) diag.Pos { return diag.Pos{File: "s.xml", Line: line} }
	tests := []struct {
		name  string
		s     Schedule
		check func(t *testing.T, s *Schedule)
		want  []string // "file:line: part of the message", in order
	}{
		{
			name: "safe links stay, trimmed",
			s: Schedule{
				Conference: Conference{BaseURL: " https://conf.example/ "},
				Sessions:   []Session{{Slug: "a", URL: "/talks/a", Pos: at(3)}},
				Speakers:   []Speaker{{Slug: "x", URL: "mailto:x@example.org", Links: []Link{{Label: "Web", URL: "https://x.example"}}, Pos: at(4)}},
			},
			check: func(t *testing.T, s *Schedule) {
				if s.Conference.BaseURL != "https://conf.example/" || s.Sessions[0].URL != "https://conf.example/talks/a" || len(s.Speakers[0].Links) != 1 {
					t.Errorf("schedule = %+v", s)
				}
			},
		},
		{
			name: "a path without a base URL",
			s:    Schedule{Sessions: []Session{{Slug: "a", URL: "/talks/a", Pos: at(5)}}},
			check: func(t *testing.T, s *Schedule) {
				if s.Sessions[0].URL != "" {
					t.Errorf("URL = %q", s.Sessions[0].URL)
				}
			},
			want: []string{`s.xml:5: session "a": URL "/talks/a" is a path on the conference's site, which has no base URL`},
		},
		{
			name: "session URL",
			s:    Schedule{Sessions: []Session{{Slug: "a", URL: "javascript:alert(1)", Pos: at(7)}}},
			check: func(t *testing.T, s *Schedule) {
				if s.Sessions[0].URL != "" {
					t.Errorf("URL = %q", s.Sessions[0].URL)
				}
			},
			want: []string{`s.xml:7: session "a": URL "javascript:alert(1)" is not a web address and is dropped`},
		},
		{
			name: "speaker URL and links",
			s: Schedule{Speakers: []Speaker{{Slug: "x", URL: "data:text/html,<script>x</script>", Pos: at(9), Links: []Link{
				{Label: "Web", URL: "https://x.example"}, {Label: "Evil", URL: "javascript:x()"}, {Label: "Blob", URL: "data:image/png;base64," + strings.Repeat("A", 200)},
			}}}},
			check: func(t *testing.T, s *Schedule) {
				sp := s.Speakers[0]
				if sp.URL != "" || len(sp.Links) != 1 || sp.Links[0].Label != "Web" {
					t.Errorf("speaker = %+v", sp)
				}
			},
			want: []string{
				`s.xml:9: speaker "x": URL "data:text/html,<script>x</script>"`,
				`s.xml:9: speaker "x": link "Evil" "javascript:x()"`,
				`s.xml:9: speaker "x": link "Blob" "data:image/png;base64,AAAA`,
			},
		},
		{
			name: "links without a URL go",
			s:    Schedule{Speakers: []Speaker{{Slug: "x", Links: []Link{{Label: "Nothing"}}}}},
			check: func(t *testing.T, s *Schedule) {
				if s.Speakers[0].Links != nil {
					t.Errorf("links = %+v", s.Speakers[0].Links)
				}
			},
		},
		{
			name: "paths in descriptions and bios lead to the site",
			s: Schedule{
				Conference: Conference{BaseURL: "https://conf.example/2026/"},
				Sessions:   []Session{{Slug: "a", Description: `<p>See <a href="/talks/b?x=1&amp;y=2" rel="noopener">b</a>, <a href="https://x.example/">x</a>, <a href="//cdn.example/">cdn</a></p>`}},
				Speakers:   []Speaker{{Slug: "s", Bio: `<a href="/speakers/s">me</a>`}},
			},
			check: func(t *testing.T, s *Schedule) {
				want := `<p>See <a href="https://conf.example/talks/b?x=1&amp;y=2" rel="noopener">b</a>, <a href="https://x.example/">x</a>, <a href="//cdn.example/">cdn</a></p>`
				if d := s.Sessions[0].Description; d != want {
					t.Errorf("description:\n%s\nwant\n%s", d, want)
				}
				if b := s.Speakers[0].Bio; b != `<a href="https://conf.example/speakers/s">me</a>` {
					t.Errorf("bio %s", b)
				}
			},
		},
		{
			name: "paths in descriptions without a base URL",
			s: Schedule{Conference: Conference{Pos: at(1)},
				Sessions: []Session{{Slug: "a", Description: `<a href="/a">a</a> <a href="/b">b</a>`}},
				Speakers: []Speaker{{Slug: "s", Bio: `<a href="/s">s</a>`}}},
			check: func(t *testing.T, s *Schedule) {
				if d := s.Sessions[0].Description; d != `<a href="/a">a</a> <a href="/b">b</a>` {
					t.Errorf("description %s", d) // the widget shows them as text
				}
			},
			want: []string{`s.xml:1: 3 links in descriptions and bios are a path on the conference's site, which has no base URL`},
		},
		{
			name: "base URL",
			s:    Schedule{Conference: Conference{BaseURL: "javascript://x", Pos: at(2)}},
			check: func(t *testing.T, s *Schedule) {
				if s.Conference.BaseURL != "" {
					t.Errorf("base URL = %q", s.Conference.BaseURL)
				}
			},
			want: []string{`s.xml:2: the conference's base URL "javascript://x"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Through Check, which every reader calls.
			l := Check(&tt.s)
			if len(l) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(l), len(tt.want), l)
			}
			for i, w := range tt.want {
				if got := l[i].Pos.String() + ": " + l[i].Message; !strings.HasPrefix(got, w) || l[i].Severity != diag.Warning {
					t.Errorf("diagnostic %d = %s, want a warning starting %q", i, l[i], w)
				}
				if len(l[i].Message) > 200 {
					t.Errorf("diagnostic %d is %d bytes long", i, len(l[i].Message))
				}
			}
			tt.check(t, &tt.s)
		})
	}
}

func TestOriginOf(t *testing.T) {
	for u, want := range map[string]string{
		"https://conf.example/2026/": "https://conf.example", "HTTP://x.example": "HTTP://x.example",
		"https://x.example?q=1": "https://x.example", "https://x.example#top": "https://x.example",
		"mailto:a@b.example": "", "javascript://x/": "", "": "",
	} {
		if got := originOf(u); got != want {
			t.Errorf("originOf(%q) = %q, want %q", u, got, want)
		}
	}
}

func FuzzSafeURL(f *testing.F) {
	for _, u := range []string{"https://x", "/p", "javascript:x", "data:,x", "mailto:a@b", "HtTpS://x"} {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if !SafeURL(u) {
			return
		}
		// What passes starts with one of the three schemes, and
		// holds nothing a browser would strip before reading the scheme.
		lower := strings.ToLower(u)
		if !(strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:")) {
			t.Fatalf("SafeURL(%q) = true", u)
		}
		if strings.ContainsAny(u, "\t\n\r\x00") {
			t.Fatalf("SafeURL(%q) = true with a control character", u)
		}
	})
}
