//go:build js && wasm

package view

import (
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"
	_ "time/tzdata" // tests encode bundles in the browser; the widget itself never needs zones

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
	"github.com/agendaconf/agenda/widget/query"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func at(day, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, paris)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// conference spans the end of summer time in Paris (26 October 2025).
func conference() *model.Schedule {
	return &model.Schedule{
		Conference: model.Conference{ID: "test-conf", Name: "Test Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Main Stage", "Side Stage", "Workshop Room"},
		Speakers: []model.Speaker{
			{Slug: "ines", Name: "Inès Fernández", Bio: "<p>Firmware.</p>"},
			{Slug: "bob", Name: "Bob Builder", Role: "Builder", URL: "https://example.org/bob"},
			{Slug: "zoe", Name: "Zoé Martin"},
		},
		Sessions: []model.Session{
			{Slug: "zero-copy", Title: "Zero-Copy Parsing", Kind: model.Talk, Room: "Main Stage", Start: at("2025-10-25", "10:00"), End: at("2025-10-25", "10:30"), Speakers: []string{"ines"}, Track: "Systems", Description: "<p>Bytes <strong>without</strong> copies.</p>"},
			{Slug: "async", Title: "Async Everything", Kind: model.Talk, Room: "Side Stage", Start: at("2025-10-25", "10:00"), End: at("2025-10-25", "10:30"), Speakers: []string{"bob"}, Track: "Web"},
			{Slug: "lunch", Title: "Lunch", Kind: model.Break, Start: at("2025-10-25", "12:00"), End: at("2025-10-25", "13:00")},
			{Slug: "workshop", Title: "Build a Parser", Kind: model.Workshop, Room: "Workshop Room", Start: at("2025-10-25", "10:15"), End: at("2025-10-25", "11:45"), Speakers: []string{"zoe", "bob"}},
			{Slug: "after-dst", Title: "After the Clocks Change", Kind: model.Talk, Room: "Main Stage", Start: at("2025-10-27", "10:00"), End: at("2025-10-27", "10:30"), Speakers: []string{"zoe"}, Track: "Systems"},
			{Slug: "dinner", Title: "Dinner by the River", Kind: model.Activity, Location: "Quai 1", Start: at("2025-10-27", "19:00"), End: at("2025-10-27", "22:00")},
			{Slug: "later", Title: "To Be Scheduled", Kind: model.Talk, Speakers: []string{"ines"}},
		},
	}
}

func open(t *testing.T, s *model.Schedule) *bundle.Bundle {
	t.Helper()
	data, err := bundle.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var doc = js.Global().Get("document")

// host makes a fresh element in the page, and clears URL and storage (and
// what memory kept in its stead), so every test starts from what a first
// visit sees.
func host(t *testing.T, width string) js.Value {
	t.Helper()
	js.Global().Get("history").Call("replaceState", js.Null(), "", js.Global().Get("location").Get("pathname"))
	js.Global().Get("localStorage").Call("clear")
	clear(store.Memory)
	el := doc.Call("createElement", "div")
	if width != "" {
		el.Call("setAttribute", "class", "w"+width)
		sheet := js.Global().Get("CSSStyleSheet").New()
		sheet.Call("replaceSync", ".w"+width+"{width:"+width+"}")
		doc.Set("adoptedStyleSheets", js.Global().Get("Array").New(sheet))
	}
	doc.Get("body").Call("appendChild", el)
	t.Cleanup(func() { el.Call("remove") })
	return el
}

func mount(t *testing.T, el js.Value, b *bundle.Bundle, o Options) *Instance {
	t.Helper()
	in := Mount(el, b, o)
	t.Cleanup(in.Destroy)
	return in
}

// visible lists the slugs of the sessions a person can see, in order.
func visible(in *Instance) []string {
	nodes := in.shadow.Call("querySelectorAll", "[data-session]")
	var out []string
	for i := 0; i < nodes.Length(); i++ {
		n := nodes.Index(i)
		if n.Get("offsetParent").IsNull() && n.Call("getClientRects").Length() == 0 {
			continue
		}
		out = append(out, n.Get("dataset").Get("session").String())
	}
	return out
}

func q(in *Instance, sel string) js.Value { return in.shadow.Call("querySelector", sel) }

// setValue does what a person does: focus the control (which fills a
// filter's choices), then change it.
func setValue(in *Instance, sel, value, event string) {
	el := q(in, sel)
	focus(el)
	el.Set("value", value)
	el.Call("dispatchEvent", js.Global().Get("Event").New(event, map[string]any{"bubbles": true}))
}

// focus focuses el and sends the focusin a focused page would: the test
// page itself never has the browser's focus.
func focus(el js.Value) {
	el.Call("focus")
	ev := js.Global().Get("FocusEvent").New("focusin", map[string]any{"bubbles": true, "composed": true})
	el.Call("dispatchEvent", ev)
}

func click(in *Instance, sel string) {
	q(in, sel).Call("click")
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestMountAndUnmount(t *testing.T) {
	el := host(t, "")
	in := Mount(el, open(t, conference()), Options{Lang: "en-GB"})
	if got := el.Get("dataset").Get("state").String(); got != "ready" {
		t.Errorf("data-state = %q, want ready", got)
	}
	eq(t, "sessions", visible(in), []string{"zero-copy", "async", "workshop", "lunch", "after-dst", "dinner", "later"})
	s := q(in, `[data-session="zero-copy"]`)
	if s.Call("getAttribute", "part").String() != "session" {
		t.Error(`sessions lack part="session"`)
	}
	if q(in, `input[type=search]`).IsNull() {
		t.Error("no search field")
	}
	text := s.Get("textContent").String()
	for _, want := range []string{"10:00", "10:30", "Main Stage", "Talk", "Zero-Copy Parsing", "Inès Fernández"} {
		if !strings.Contains(text, want) {
			t.Errorf("session text %q lacks %q", text, want)
		}
	}
	if !strings.Contains(q(in, "#d0").Get("textContent").String(), "Not yet scheduled") {
		t.Error("unscheduled session not in its own section")
	}
	if !q(in, `[data-session="lunch"]`).Get("classList").Call("contains", "brk").Bool() {
		t.Error("break not rendered as a separator")
	}
	in.Destroy()
	if n := el.Get("shadowRoot").Get("childNodes").Length(); n != 0 {
		t.Errorf("shadow root keeps %d nodes after destroy", n)
	}
	// Mounting again, even twice, is harmless.
	in = Mount(el, open(t, conference()), Options{})
	in2 := Mount(el, open(t, conference()), Options{})
	if !in.destroyed || len(visible(in2)) != 7 {
		t.Errorf("second mount: first destroyed=%v, visible=%d", in.destroyed, len(visible(in2)))
	}
	in2.Destroy()
}

func TestNoStyleElementsOrAttributes(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	click(in, "#tab-grid")
	if n := in.shadow.Call("querySelectorAll", "style,[style]").Length(); n != 0 {
		t.Errorf("%d <style> or style= in the shadow root", n)
	}
	if n := in.shadow.Get("adoptedStyleSheets").Length(); n != 3 {
		t.Errorf("%d adopted sheets, want 3", n)
	}
}

func TestTwoInstancesAreIndependent(t *testing.T) {
	b := open(t, conference())
	a := mount(t, host(t, ""), b, Options{})
	c := mount(t, host(t, ""), b, Options{Facet: facet(query.Room, "Side Stage")})
	setValue(a, "#q", "zero", "input")
	eq(t, "first", visible(a), []string{"zero-copy"})
	eq(t, "second", visible(c), []string{"async"})
	if a.prefix == c.prefix {
		t.Errorf("both instances use URL prefix %q", a.prefix)
	}
}

func TestFilters(t *testing.T) {
	b := open(t, conference())
	tests := []struct {
		name string
		sel  string
		val  string // option value: the bundle index
		want []string
	}{
		{"day", "#f-day", "1", []string{"after-dst", "dinner"}},
		{"room", "#f-room", "2", []string{"workshop"}},
		{"kind", "#f-kind", "1", []string{"workshop"}},
		{"track", "#f-track", "0", []string{"zero-copy", "after-dst"}},
		{"speaker", "#f-speaker", "0", []string{"workshop", "async"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mount(t, host(t, ""), b, Options{})
			setValue(in, tt.sel, tt.val, "change")
			got := visible(in)
			// Order is programme order; compare as sets.
			if strings.Join(sorted(got), " ") != strings.Join(sorted(tt.want), " ") {
				t.Errorf("%s filter: %v, want %v", tt.name, got, tt.want)
			}
			live := q(in, "#live").Get("textContent").String()
			if want := strconv.Itoa(len(tt.want)) + " session"; !strings.HasPrefix(live, want) {
				t.Errorf("live region says %q for %d matches", live, len(tt.want))
			}
		})
	}
	// Each filter shows how many sessions each choice matches, once opened.
	in := mount(t, host(t, ""), b, Options{})
	focus(q(in, "#f-room"))
	opt := q(in, `#f-room option[value="0"]`).Get("textContent").String()
	if opt != "Main Stage (2)" {
		t.Errorf("room option = %q, want Main Stage (2)", opt)
	}
}

func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	for q, want := range map[string][]string{
		"zero copy": {"zero-copy"},
		"ZERO-COPY": {"zero-copy"},
		"fernandez": {"zero-copy", "later"},
		"zoe":       {"workshop", "after-dst"},
		"without":   {"zero-copy"}, // in the description
		"strong":    nil,           // markup is not text
	} {
		setValue(in, "#q", q, "input")
		eq(t, "search "+q, visible(in), want)
	}
}

func TestNoResultsAndClear(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	setValue(in, "#q", "nothing matches this", "input")
	if q(in, "#empty").Get("hidden").Bool() {
		t.Fatal("no-results message hidden")
	}
	if got := q(in, "#live").Get("textContent").String(); got != "0 sessions" {
		t.Errorf("live region = %q", got)
	}
	click(in, "#clear")
	if !q(in, "#empty").Get("hidden").Bool() || len(visible(in)) != 7 || q(in, "#q").Get("value").String() != "" {
		t.Errorf("clear filters left: empty shown=%v, visible=%d", !q(in, "#empty").Get("hidden").Bool(), len(visible(in)))
	}
}

func TestURLStateRoundTrip(t *testing.T) {
	b := open(t, conference())
	el := host(t, "")
	in := Mount(el, b, Options{})
	setValue(in, "#f-room", "0", "change")
	setValue(in, "#q", "zero", "input")
	click(in, "#tab-grid")
	in.flushURL()
	hash := js.Global().Get("location").Get("hash").String()
	for _, want := range []string{"agenda.room=Main+Stage", "agenda.q=zero", "agenda.view=grid"} {
		if !strings.Contains(hash, want) {
			t.Errorf("hash %q lacks %q", hash, want)
		}
	}
	in.Destroy()
	// A fresh mount (a shared link, a reload) restores the state.
	in = mount(t, el, b, Options{})
	if in.c.State().View != "grid" || in.c.State().Filter.Is[query.Room] != 0 || in.c.State().Filter.Text != "zero" || q(in, "#q").Get("value").String() != "zero" {
		t.Errorf("restored state = %+v", in.c.State())
	}
	// The back button: go back to before the grid.
	js.Global().Get("history").Call("back")
	waitFor(t, func() bool { return in.c.State().View == "list" })
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if ok() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("condition not met within 2 s")
}

func TestFavouritesSurviveRemountAndReorder(t *testing.T) {
	el := host(t, "")
	in := Mount(el, open(t, conference()), Options{})
	click(in, `[data-session="after-dst"] .star`)
	click(in, `[data-session="async"] .star`)
	if q(in, `[data-session="async"] .star`).Call("getAttribute", "aria-pressed").String() != "true" {
		t.Error("star not pressed")
	}
	in.Destroy()

	// Rebuilt programme: sessions reordered, one favourite removed.
	s := conference()
	s.Sessions = append([]model.Session{s.Sessions[4]}, s.Sessions[2:4]...)
	s.Sessions = append(s.Sessions, conference().Sessions[0])
	in = mount(t, el, open(t, s), Options{View: "mine"})
	eq(t, "my schedule", visible(in), []string{"after-dst"})
	if n := len(strings.Fields(in.c.Favourites())); n != 1 {
		t.Errorf("%d favourites after the rebuild, want 1 (the removed one dropped)", n)
	}
}

func TestMyScheduleFlagsOverlaps(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	click(in, `[data-session="zero-copy"] .star`)
	click(in, `[data-session="workshop"] .star`)
	click(in, "#tab-mine")
	eq(t, "mine", visible(in), []string{"zero-copy", "workshop"})
	clash := q(in, `[data-session="zero-copy"] .clash`)
	if clash.IsNull() || !strings.Contains(clash.Get("textContent").String(), "Build a Parser") {
		t.Error("overlap not flagged in words")
	}
	_, got := download(t, in, "#export")
	if !strings.Contains(got, "UID:zero-copy@test-conf") || !strings.Contains(got, "UID:workshop@test-conf") {
		t.Errorf("favourites calendar:\n%s", got)
	}
}

func TestTimeZoneToggleAcrossDST(t *testing.T) {
	// The test browser runs in UTC. Paris is UTC+2 before 26 October 2025 and UTC+1 after.
	in := mount(t, host(t, ""), open(t, conference()), Options{Lang: "en-GB"})
	when := func(slug string) string {
		return q(in, `[data-session="`+slug+`"] .when time`).Get("textContent").String()
	}
	if a, b := when("zero-copy"), when("after-dst"); a != "10:00" || b != "10:00" {
		t.Errorf("venue time: %s and %s, want 10:00 both", a, b)
	}
	click(in, "#tz")
	if a, b := when("zero-copy"), when("after-dst"); a != "8:00" || b != "9:00" {
		t.Errorf("local (UTC) time: %s and %s, want 8:00 and 9:00", a, b)
	}
	if q(in, "#tz").Call("getAttribute", "aria-pressed").String() != "true" {
		t.Error("toggle not pressed")
	}
	// Remembered for the next visit.
	el := host(t, "")
	js.Global().Get("localStorage").Call("setItem", "agenda:test-conf:timeZone", "local")
	in2 := mount(t, el, open(t, conference()), Options{})
	if !in2.c.State().Local {
		t.Error("time zone choice not remembered")
	}
}

func TestKeyboardTabs(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	key := func(k string) {
		ev := js.Global().Get("KeyboardEvent").New("keydown", map[string]any{"key": k, "bubbles": true})
		js.Global().Get("document").Get("activeElement")
		in.shadow.Get("activeElement").Call("dispatchEvent", ev)
	}
	q(in, "#tab-list").Call("focus")
	key("ArrowRight")
	if in.c.State().View != "grid" || in.shadow.Get("activeElement").Get("id").String() != "tab-grid" {
		t.Errorf("ArrowRight: view %s, focus on %s", in.c.State().View, in.shadow.Get("activeElement").Get("id"))
	}
	key("End")
	if in.c.State().View != "mine" {
		t.Errorf("End: view %s", in.c.State().View)
	}
	key("Home")
	if in.c.State().View != "list" || q(in, "#tab-list").Call("getAttribute", "tabindex").String() != "0" || q(in, "#tab-grid").Call("getAttribute", "tabindex").String() != "-1" {
		t.Error("Home: roving tabindex wrong")
	}
	// Stars are real buttons: reachable by Tab, pressed by Enter and Space.
	star := q(in, `[data-session="zero-copy"] .star`)
	if star.Get("tagName").String() != "BUTTON" || star.Get("tabIndex").Int() < 0 || !strings.Contains(star.Call("getAttribute", "aria-label").String(), "Zero-Copy Parsing") {
		t.Error("star is not a named, focusable button")
	}
}

func TestGridAndNarrowContainer(t *testing.T) {
	b := open(t, conference())
	wide := mount(t, host(t, "900px"), b, Options{View: "grid"})
	waitFor(t, func() bool { return !q(wide, ".grid").IsNull() })
	if n := wide.shadow.Call("querySelectorAll", ".rh").Length(); n != 4 {
		t.Errorf("%d room columns, want 3 and one for sessions without a room", n)
	}
	// On a phone the grid stays a grid: it scrolls sideways inside its
	// frame, room names and times stuck to its edges.
	narrow := mount(t, host(t, "400px"), b, Options{View: "grid"})
	wrap := q(narrow, ".grid-wrap")
	if wrap.IsNull() || wrap.Get("scrollWidth").Int() <= wrap.Get("clientWidth").Int() {
		t.Error("a narrow container does not scroll the grid sideways")
	}
}

func TestDetailsDialog(t *testing.T) {
	el := host(t, "")
	in := mount(t, el, open(t, conference()), Options{})
	selected := ""
	fn := js.FuncOf(func(_ js.Value, a []js.Value) any { selected = a[0].Get("detail").Get("slug").String(); return nil })
	defer fn.Release()
	el.Call("addEventListener", "agenda:select", fn)
	click(in, `[data-session="zero-copy"] .open`)
	dlg := q(in, "dialog")
	if !dlg.Get("open").Bool() || selected != "zero-copy" {
		t.Fatalf("dialog open=%v, agenda:select=%q", dlg.Get("open").Bool(), selected)
	}
	html := dlg.Get("innerHTML").String()
	for _, want := range []string{"<strong>without</strong>", "Inès Fernández", "<p>Firmware.</p>", "agenda.session=zero-copy"} {
		if !strings.Contains(html, want) {
			t.Errorf("dialog lacks %q", want)
		}
	}
	name, got := download(t, in, "[data-ics]")
	if name != "zero-copy.ics" || !strings.Contains(got, "SUMMARY:Zero-Copy Parsing") || !strings.Contains(got, "DTSTART:20251025T080000Z") {
		t.Errorf("calendar file %s:\n%s", name, got)
	}
	click(in, "[data-close]")
	in.flushURL()
	if dlg.Get("open").Bool() || strings.Contains(js.Global().Get("location").Get("hash").String(), "session=") {
		t.Error("dialog not closed or URL keeps the session")
	}
}

func TestFrench(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{Lang: "fr"})
	if got := q(in, "#tab-mine").Get("textContent").String(); got != "Mon programme" {
		t.Errorf("tab = %q", got)
	}
	if got := q(in, ".day h2").Get("textContent").String(); !strings.Contains(got, "octobre") {
		t.Errorf("day heading = %q", got)
	}
}

func TestCorruptBundleMessage(t *testing.T) {
	el := host(t, "")
	api := API("test", []byte("this is not a bundle"))
	h := api.Call("mount", el, map[string]any{"lang": "en"})
	defer h.Call("destroy")
	if el.Get("dataset").Get("state").String() != "error" {
		t.Error("data-state is not error")
	}
	msg := el.Get("shadowRoot").Call("querySelector", "[role=alert]")
	if msg.IsNull() || !strings.Contains(msg.Get("textContent").String(), "not an Agenda bundle") {
		t.Errorf("message = %v", msg)
	}
}

func TestSrcThatFailsToLoad(t *testing.T) {
	el := host(t, "")
	api := API("test", nil)
	h := api.Call("mount", el, map[string]any{"src": "/no/such/bundle.bin"})
	defer h.Call("destroy")
	waitFor(t, func() bool { return el.Get("dataset").Get("state").String() == "error" })
	msg := el.Get("shadowRoot").Call("querySelector", "[role=alert]").Get("textContent").String()
	if !strings.Contains(msg, "/no/such/bundle.bin") {
		t.Errorf("message = %q", msg)
	}
}

func sorted(a []string) []string {
	b := append([]string(nil), a...)
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j] < b[j-1]; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
	return b
}

// A new language is written in place: what the attendee typed, chose,
// starred and opened stays, and the page sees no new mount.
func TestSetLanguageInPlace(t *testing.T) {
	el := host(t, "")
	readies := 0
	count := js.FuncOf(func(js.Value, []js.Value) any { readies++; return nil })
	defer count.Release()
	el.Call("addEventListener", "agenda:ready", count)
	h := apiMount(t, API("test", encode(t, conference())), el, map[string]any{"lang": "en"})
	in := instance(t, el)
	setValue(in, "#f-room", "0", "change") // Main Stage
	setValue(in, "#q", "zero", "input")
	click(in, `[data-session="zero-copy"] .star`)
	click(in, `[data-session="zero-copy"] .open`)
	shadow := el.Get("shadowRoot")

	h.Call("set", map[string]any{"lang": "fr"})
	text := func(sel string) string { return q(in, sel).Get("textContent").String() }
	if text("#tab-mine") != "Mon programme" || !strings.Contains(text(".day h2"), "octobre") {
		t.Errorf("not in French: tab %q, day %q", text("#tab-mine"), text(".day h2"))
	}
	if got := q(in, "#q").Get("value").String(); got != "zero" {
		t.Errorf("search box = %q", got)
	}
	if got := q(in, "#f-room").Get("value").String(); got != "0" {
		t.Errorf("room filter = %q", got)
	}
	eq(t, "visible", visible(in), []string{"zero-copy"})
	if q(in, `[data-session="zero-copy"] .star`).Call("getAttribute", "aria-pressed").String() != "true" {
		t.Error("the star is gone")
	}
	dlg := q(in, "dialog")
	if !dlg.Get("open").Bool() || !strings.Contains(text("dialog"), "Zero-Copy Parsing") || !strings.Contains(text("dialog"), "Fermer") {
		t.Errorf("dialog open %v: %q", dlg.Get("open").Bool(), text("dialog"))
	}
	if !el.Get("shadowRoot").Equal(shadow) || readies != 1 || in.shadow.Get("adoptedStyleSheets").Length() != 3 {
		t.Errorf("remounted: same shadow root %v, %d agenda:ready, %d sheets", el.Get("shadowRoot").Equal(shadow), readies, in.shadow.Get("adoptedStyleSheets").Length())
	}
	// The listeners still listen, to the new markup.
	click(in, "[data-close]")
	if dlg.Get("open").Bool() {
		t.Error("the dialog does not close")
	}
	setValue(in, "#q", "", "input")
	eq(t, "search after the language changed", visible(in), []string{"zero-copy", "after-dst"})
	h.Call("set", map[string]any{"room": "Side Stage"})
	eq(t, "room set after the language changed", visible(in), []string{"async"})
}

// Mounting one element twice through the API leaves one live instance:
// the later one; a click is handled once.
func TestMountTwice(t *testing.T) {
	api := API("test", encode(t, conference()))
	el := host(t, "")
	favourites := 0
	count := js.FuncOf(func(js.Value, []js.Value) any { favourites++; return nil })
	defer count.Release()
	el.Call("addEventListener", "agenda:favourite", count)
	first := apiMount(t, api, el, map[string]any{})
	apiMount(t, api, el, map[string]any{"room": "Side Stage"})
	in := instance(t, el)
	eq(t, "the second mount's", visible(in), []string{"async"})
	click(in, `[data-session="async"] .star`)
	if favourites != 1 || q(in, `[data-session="async"] .star`).Call("getAttribute", "aria-pressed").String() != "true" {
		t.Errorf("%d agenda:favourite for one click", favourites)
	}
	first.Call("destroy") // its instance stepped aside already: this one stays
	eq(t, "after the first handle's destroy", visible(instance(t, el)), []string{"async"})
}

// A handle may be called after destroy, as often as the page likes.
// destroy used to release set and destroy themselves: a second call was a
// call to a released function, which Go's runtime logs.
func TestHandleAfterDestroy(t *testing.T) {
	logged := script(`
		const real = console.error, logged = [];
		console.error = (...args) => { logged.push(args.join(" ")); real.apply(console, args) };
		return {logged, restore() { console.error = real }};`)
	defer logged.Call("restore")
	el := host(t, "")
	h := API("test", encode(t, conference())).Call("mount", el, map[string]any{})
	h.Call("destroy")
	h.Call("destroy")
	h.Call("set", map[string]any{"q": "zero"})
	if n := logged.Get("logged").Length(); n != 0 || mounted(el) {
		t.Errorf("mounted %v; console.error: %v", mounted(el), js.Global().Get("JSON").Call("stringify", logged.Get("logged")))
	}
}

func TestFiltersFoldAwayOnAPhone(t *testing.T) {
	b := open(t, conference())
	display := func(in *Instance, sel string) string {
		return js.Global().Call("getComputedStyle", q(in, sel)).Get("display").String()
	}
	wide := mount(t, host(t, "900px"), b, Options{})
	// A hidden ancestor leaves a select's own display alone: ask for its boxes.
	shown := func(in *Instance, sel string) bool { return q(in, sel).Call("getClientRects").Length() > 0 }
	if display(wide, "#filters-toggle") != "none" || !shown(wide, "#f-room") {
		t.Error("wide: the filters should show and their toggle not")
	}
	phone := mount(t, host(t, "360px"), b, Options{Facet: facet(query.Room, "Main Stage")})
	if display(phone, "#filters-toggle") == "none" || shown(phone, "#f-room") {
		t.Fatal("phone: the filters should fold behind their toggle")
	}
	if got := q(phone, "#filters-toggle").Get("textContent").String(); got != "Filters (1)" {
		t.Errorf("toggle = %q, want the number of active filters", got)
	}
	click(phone, "#filters-toggle")
	if !shown(phone, "#f-room") || q(phone, "#filters-toggle").Call("getAttribute", "aria-expanded").String() != "true" {
		t.Error("phone: the toggle does not open the filters")
	}
}

// download clicks sel and returns the file the widget offered: its name,
// and its content, read from the blob before the widget revokes it.
func download(t *testing.T, in *Instance, sel string) (name, body string) {
	t.Helper()
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
		a := args[0].Get("target")
		if a.Get("tagName").String() == "A" && a.Call("hasAttribute", "download").Bool() {
			name = a.Get("download").String()
			x := js.Global().Get("XMLHttpRequest").New()
			x.Call("open", "GET", a.Get("href"), false)
			x.Call("send")
			body = x.Get("responseText").String()
		}
		return nil
	})
	defer fn.Release()
	in.root.Call("addEventListener", "click", fn, true)
	defer in.root.Call("removeEventListener", "click", fn, true)
	click(in, sel)
	if name == "" {
		t.Fatalf("%s offered no file", sel)
	}
	return name, body
}

// facet is the options array with one facet given.
func facet(f query.Facet, v string) (o [query.NumFacets]string) {
	o[f] = v
	return o
}

// The dialog's close event comes a task after close(): a session opened in
// between keeps its dialog (the hostile-bundle e2e test opens one after
// another).
func TestDialogCloseThenOpen(t *testing.T) {
	in := mount(t, host(t, ""), open(t, conference()), Options{})
	click(in, `[data-session="zero-copy"] .open`)
	q(in, "dialog").Call("close")
	click(in, `[data-session="async"] .open`)
	time.Sleep(100 * time.Millisecond) // the close event has come and gone
	dlg := q(in, "dialog")
	if !dlg.Get("open").Bool() || !strings.Contains(dlg.Get("textContent").String(), "Async Everything") || in.c.State().Session != "async" {
		t.Errorf("dialog open %v, session %q", dlg.Get("open").Bool(), in.c.State().Session)
	}
	q(in, "dialog").Call("close")
	time.Sleep(100 * time.Millisecond)
	if in.c.State().Session != "" {
		t.Errorf("closed with Escape or close(): session %q stays", in.c.State().Session)
	}
}
