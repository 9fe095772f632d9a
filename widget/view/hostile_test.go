//go:build js && wasm

package view

import (
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/agendaconf/agenda/widget/model"
)

// hostile is a programme written by hand, past the compiler's sanitiser:
// markup and links that would run script or cover the page.
func hostile() *model.Schedule {
	s := &model.Schedule{
		Conference: model.Conference{ID: "hostile", Name: "Hostile", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Hall"},
		Speakers: []model.Speaker{{
			Slug: "mallory", Name: "Mallory",
			Bio: `<p>Bio</p><img src=x onerror="globalThis.pwned='bio'"><div style="position:fixed;inset:0">cover</div>`,
			URL: "javascript:globalThis.pwned='speaker'",
			Links: []model.Link{
				{Label: "Data", URL: "data:text/html,<script>x</script>"},
				{Label: "Site", URL: "https://example.org/mallory"},
				{Label: "Mail", URL: "mailto:mallory@example.org"},
			},
		}, {
			Slug: "eve", Name: "Eve", URL: "javascript:globalThis.pwned='eve'", // every link left out
		}},
	}
	for i, d := range []string{
		`<p>ok <b>bold</b></p><img src=x onerror="globalThis.pwned='img'">`,
		`<script>globalThis.pwned='script'</script><svg onload="globalThis.pwned='svg'"></svg>`,
		`<a href="javascript:globalThis.pwned='a'" rel="noopener">x</a><a href="https://example.org/" rel="noopener">web</a>`,
		`<style>:host{position:fixed;inset:0}</style><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>`,
		`<p title='x' onclick=x>odd</p><a href="jav&#x61;script:x" rel="noopener">e</a>&#60;script&#62;`,
	} {
		t := at("2025-10-25", "10:00").Add(time.Duration(i) * time.Hour)
		s.Sessions = append(s.Sessions, model.Session{
			Slug: "h" + string(rune('0'+i)), Title: "Hostile", Kind: model.Talk, Room: "Hall",
			Start: t, End: t.Add(30 * time.Minute), Description: d, Speakers: []string{"mallory", "eve"},
			URL: "javascript:globalThis.pwned='session'",
		})
	}
	return s
}

// TestHostileDetails: a dialog shows only the sanitiser's markup and the
// widget's own, links only to the web and mail, whatever the bundle holds;
// the calendar file does not carry the session's javascript: URL.
func TestHostileDetails(t *testing.T) {
	in := mount(t, host(t, ""), open(t, hostile()), Options{})
	allowed := map[string]bool{"h2": true, "p": true, "span": true, "time": true, "div": true, "h3": true, "h4": true,
		"a": true, "button": true, "b": true, "strong": true}
	for i := 0; i < in.c.Bundle().NumSessions(); i++ {
		in.openDetails(i, false)
		nodes := in.node("dlg").Call("querySelectorAll", "*")
		for k := 0; k < nodes.Length(); k++ {
			n := nodes.Index(k)
			name := n.Get("localName").String()
			if !allowed[name] {
				t.Errorf("session %d: <%s> in the dialog", i, name)
			}
			for _, a := range []string{"style", "src", "srcdoc", "onerror", "onload", "onclick"} {
				if n.Call("hasAttribute", a).Bool() {
					t.Errorf("session %d: <%s %s> in the dialog", i, name, a)
				}
			}
			if name == "a" {
				href := n.Call("getAttribute", "href").String()
				if !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "mailto:") {
					t.Errorf("session %d: a link to %q", i, href)
				}
			}
		}
	}
	html := in.node("dlg").Get("innerHTML").String()
	for _, want := range []string{`href="https://example.org/mallory"`, `href="mailto:mallory@example.org"`, "<p>Bio</p>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the dialog lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, `class="links"></p>`) || strings.Count(html, `class="links"`) != 1 {
		t.Errorf("want one list of links, Mallory's, none for Eve, whose only link was left out:\n%s", html)
	}
	_, cal := download(t, in, "[data-ics]")
	if strings.Contains(cal, "URL:javascript") || !strings.Contains(cal, "\nURL:http") {
		t.Errorf("calendar file, want the permalink for the javascript: URL:\n%s", cal)
	}
	time.Sleep(100 * time.Millisecond) // an image's onerror would have run by now
	if p := js.Global().Get("pwned"); !p.IsUndefined() {
		t.Errorf("a payload ran: pwned = %v", p)
	}
}
