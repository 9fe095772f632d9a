//go:build js && wasm

package view

import (
	"strings"
	"syscall/js"
	"time"

	"github.com/agendaconf/agenda/widget/ics"
	"github.com/agendaconf/agenda/widget/query"
	"github.com/agendaconf/agenda/widget/text/richtext"
)

// The URL fragment holds filters and view as prefixed keys, e.g.
// #agenda.day=2026-10-08&agenda.q=zero, so links and the back button work
// and two instances on one page keep apart. Other keys are left alone.

func (in *Instance) params() js.Value {
	hash := js.Global().Get("location").Get("hash").String()
	return js.Global().Get("URLSearchParams").New(strings.TrimPrefix(hash, "#"))
}

func (in *Instance) readURL(st *state) {
	p := in.params()
	get := func(k string) (string, bool) {
		v := p.Call("get", in.prefix+k)
		if v.IsNull() {
			return "", false
		}
		return v.String(), true
	}
	b := in.b
	f := &st.filter
	if v, ok := get("day"); ok {
		f.Day = lookup(v, b.DayByDate)
	}
	if v, ok := get("room"); ok {
		f.Room = lookup(v, b.RoomByName)
	}
	if v, ok := get("kind"); ok {
		f.Kind = lookup(v, b.KindByName)
	}
	if v, ok := get("track"); ok {
		f.Track = lookup(v, b.TrackByName)
	}
	if v, ok := get("speaker"); ok {
		f.Speaker = lookup(v, b.SpeakerBySlug)
	}
	if v, ok := get("q"); ok {
		f.Text = v
	}
	if v, ok := get("view"); ok && (v == "list" || v == "grid" || v == "mine") {
		st.view = v
	}
	_, st.now = get("now")
	st.session, _ = get("session")
}

// fromURL follows the back button or an edited URL.
func (in *Instance) fromURL() {
	if in.destroyed {
		return
	}
	if in.urlTimer.Truthy() { // the URL the attendee went to wins over ours
		js.Global().Call("clearTimeout", in.urlTimer)
		in.urlTimer = js.Value{}
		in.urlPush = false
	}
	st := state{filter: query.Any(), view: "list", local: in.st.local}
	in.readURL(&st)
	a, b := st.filter, in.st.filter
	a.Only, b.Only = nil, nil // never in the URL
	if a.Day == b.Day && a.Room == b.Room && a.Kind == b.Kind && a.Track == b.Track && a.Speaker == b.Speaker &&
		a.Text == b.Text && st.view == in.st.view && st.now == in.st.now && st.session == in.st.session {
		return
	}
	in.st = st
	in.update(false)
	if i, ok := in.b.SessionBySlug(st.session); ok && st.session != "" {
		in.openDetails(i, false)
	} else {
		in.closeDetails()
	}
}

// writeURL records the state in the URL fragment a moment later, so that
// typing does not wait on the browser's history (replaceState costs more than
// the rest of a keystroke) and a burst of changes makes one history entry.
func (in *Instance) writeURL(push bool) {
	in.urlPush = in.urlPush || push
	if !in.urlTimer.Truthy() && !in.destroyed {
		in.urlTimer = js.Global().Call("setTimeout", in.urlFlush, 250)
	}
}

// flushURL writes a pending state to the URL now.
func (in *Instance) flushURL() {
	if !in.urlTimer.Truthy() || in.destroyed {
		return
	}
	js.Global().Call("clearTimeout", in.urlTimer)
	in.urlTimer = js.Value{}
	push := in.urlPush
	in.urlPush = false
	p := in.params()
	set := func(k, v string) {
		if v == "" {
			p.Call("delete", in.prefix+k)
		} else {
			p.Call("set", in.prefix+k, v)
		}
	}
	b, f := in.b, in.st.filter
	name := func(i int, get func(int) string) string {
		if i < 0 {
			return ""
		}
		return get(i)
	}
	set("day", name(f.Day, func(i int) string { return b.Day(i).Date }))
	set("room", name(f.Room, b.Room))
	set("kind", name(f.Kind, b.Kind))
	set("track", name(f.Track, b.Track))
	set("speaker", name(f.Speaker, func(i int) string { return b.Speaker(i).Slug }))
	set("q", f.Text)
	if in.st.view == "list" {
		set("view", "")
	} else {
		set("view", in.st.view)
	}
	if in.st.now {
		set("now", "1")
	} else {
		set("now", "")
	}
	set("session", in.st.session)
	loc := js.Global().Get("location")
	hash := p.Call("toString").String()
	if hash != "" {
		hash = "#" + hash
	}
	if hash == loc.Get("hash").String() || hash == "" && loc.Get("hash").String() == "" {
		return
	}
	url := loc.Get("pathname").String() + loc.Get("search").String() + hash
	if hash == "" {
		url = loc.Get("pathname").String() + loc.Get("search").String()
	}
	// History may refuse (a sandboxed iframe's opaque origin, a router that
	// wraps it): then the URL just does not follow, and the widget carries on.
	catch(func() {
		h := js.Global().Get("history")
		if push {
			h.Call("pushState", js.Null(), "", url)
		} else {
			h.Call("replaceState", h.Get("state"), "", url)
		}
	})
}

// permalink is this page's address opened on one session. A page that has
// no web address (file:, about:srcdoc, blob:) gets a link within itself:
// an href is only ever http, https, mailto or a fragment.
func (in *Instance) permalink(slug string) string {
	p := js.Global().Get("URLSearchParams").New()
	p.Call("set", in.prefix+"session", slug)
	frag := "#" + p.Call("toString").String()
	page, _, _ := strings.Cut(js.Global().Get("location").Get("href").String(), "#")
	if !richtext.SafeURL(page) {
		return frag
	}
	return page + frag
}

// Storage: favourites live under the conference id and the session slug, so
// they survive a rebuild that reorders sessions. Storage may be missing, full
// or blocked (private modes, partner iframes, where merely reading
// localStorage throws): then memory keeps what it would not, for the page's
// life. What storage returns is anyone's: any string, any length.

// memory holds what storage refused, by key; it wins over storage.
var memory = map[string]string{}

func (in *Instance) key(name string) string { return "agenda:" + in.b.Conference().ID + ":" + name }

// storage calls localStorage[method](args...); it panics where storage throws.
func storage(method string, args ...any) js.Value {
	return reflectGet(js.Global(), "localStorage").Call(method, args...)
}

func (in *Instance) load(name string) (v string) {
	k := in.key(name)
	if v, ok := memory[k]; ok {
		return v
	}
	catch(func() {
		if x := storage("getItem", k); x.Type() == js.TypeString {
			v = x.String()
		}
	})
	return v
}

func (in *Instance) store(name, v string) {
	k := in.key(name)
	if catch(func() { storage("setItem", k, v) }) == nil {
		delete(memory, k)
	} else {
		memory[k] = v
	}
}

func (in *Instance) loadFavourites() {
	for s := in.load("favourites"); s != ""; {
		var slug string
		slug, s, _ = strings.Cut(s, "\n")
		if i, ok := in.b.SessionBySlug(slug); ok && slug != "" {
			in.favs.Add(i)
		} // a removed session, or anything else, is dropped quietly
	}
}

func (in *Instance) saveFavourites() {
	var slugs []string
	for i := 0; i < in.b.NumSessions(); i++ {
		if in.favs.Has(i) {
			slugs = append(slugs, in.b.Session(i).Slug())
		}
	}
	in.store("favourites", strings.Join(slugs, "\n"))
}

// downloadICS builds a calendar for sessions in the wasm and offers it as a file.
func (in *Instance) downloadICS(sessions []int, name string) {
	b := in.b
	c := b.Conference()
	cal := ics.Calendar{Name: c.Name, TimeZone: c.TimeZone}
	for _, i := range sessions {
		s := b.Session(i)
		var names []string
		for j := 0; j < s.NumSpeakers(); j++ {
			names = append(names, b.Speaker(s.Speaker(j)).Name)
		}
		desc := ics.PlainText(s.Description())
		if len(names) > 0 {
			desc = strings.Join(names, ", ") + "\n\n" + desc
		}
		loc := s.RoomName()
		if l := s.Location(); l != "" {
			loc = strings.TrimSpace(loc + " " + l)
		}
		url := s.URL()
		if !richtext.SafeURL(url) { // none, or javascript: and the like from a hand-made bundle
			url = in.permalink(s.Slug())
		}
		if !richtext.SafeURL(url) {
			url = "" // a page without a web address: no link beats "#..."
		}
		cal.Events = append(cal.Events, ics.Event{
			UID: ics.UID(c.ID, s.Slug()), Summary: s.Title(), Description: desc,
			Location: loc, URL: url, Start: time.Unix(s.Start(), 0).UTC(), End: time.Unix(s.End(), 0).UTC(),
			Categories: []string{s.KindName()},
		})
	}
	data := ics.WriteUTC(nil, cal, time.Now().UTC()) // times are UTC: no VTIMEZONE code in the wasm
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	o := js.Global().Get("Object").New()
	o.Set("type", "text/calendar;charset=utf-8")
	blob := js.Global().Get("Blob").New(js.Global().Get("Array").New(arr), o)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := element(js.Global().Get("document").Call("createElement", "a"))
	a.SetAttribute("href", url.String())
	a.SetAttribute("download", name)
	a.SetAttribute("hidden", "")
	in.root.Call("appendChild", a.Underlying())
	in.lastDownload = name + "\n" + string(data)
	a.Click()
	a.Remove()
	js.Global().Get("URL").Call("revokeObjectURL", url)
}
