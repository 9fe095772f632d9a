package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
)

// The TestSeen tests measure what an attendee sees: boxes, edges, computed
// styles and the text shown inside the widget's shadow root, in real
// Chromium. They run on one hand-made programme (seenSchedule), bundled with
// bundle.Encode and given to the widget as its src.

// seenSchedule is one Thursday in Lyon (Europe/Paris, UTC+2 in October):
// three talks that overlap in Main Hall, a lone one there later, a side room,
// a workshop, a boat trip with no room, and an evening keynote at 19:30, which
// is 06:30 on Friday in Auckland (UTC+13).
func seenSchedule() *model.Schedule {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(h, m int) time.Time { return time.Date(2026, 10, 8, h, m, 0, 0, paris).UTC() }
	s := &model.Schedule{
		Conference: model.Conference{ID: "seen", Name: "Seen Conf", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Main Hall", "Side Room", "Workshop"},
	}
	add := func(slug, title, room, location string, h0, m0, h1, m1 int) {
		s.Sessions = append(s.Sessions, model.Session{
			Slug: slug, Title: title, Kind: model.Talk, Room: room, Location: location,
			Start: at(h0, m0), End: at(h1, m1),
		})
	}
	add("lane-a", "Borrowing", "Main Hall", "", 10, 0, 11, 0)
	add("lane-b", "Lifetimes", "Main Hall", "", 10, 15, 11, 0)
	add("lane-c", "Generics", "Main Hall", "", 10, 30, 11, 30)
	add("lone", "Closing the loop", "Main Hall", "", 14, 0, 15, 0)
	add("side-1", "Embedded Rust on tiny boards", "Side Room", "", 10, 0, 10, 45)
	add("side-2", "Async without tears", "Side Room", "", 11, 0, 12, 0)
	add("workshop", "Hands-on macros", "Workshop", "", 13, 0, 14, 30)
	add("boat", "Boat trip on the Saône", "", "Quai Rambaud", 10, 0, 12, 0)
	add("evening", "Evening keynote", "Side Room", "", 19, 30, 21, 0)
	return s
}

// seenLanes are the three sessions that overlap in Main Hall.
var seenLanes = []string{"lane-a", "lane-b", "lane-c"}

// seenPage writes the programme as seen.bin (once) and a page named
// seen-name.html holding one widget with the given attributes, and returns
// its path on the test site.
func seenPage(t *testing.T, name, attrs string) string {
	t.Helper()
	data, err := bundle.Encode(seenSchedule())
	if err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><html lang="en"><meta charset="utf-8"><title>seen ` + name + `</title>
<style>body{margin:0;font:16px sans-serif}</style>
<script src="agenda.js" async></script>
<agenda-schedule src="seen.bin" lang="en" ` + attrs + `></agenda-schedule>`
	file := "seen-" + name + ".html"
	for f, content := range map[string][]byte{"seen.bin": data, file: []byte(page)} {
		if err := os.WriteFile(filepath.Join(siteDir, f), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return "/" + file
}

// seenRoot is the expression for the page's widget's shadow root.
const seenRoot = `document.querySelector("agenda-schedule").shadowRoot`

// seenShown is a JavaScript function telling whether an element is seen: it
// has boxes and is not visibility:hidden (the grid keeps a filtered-out
// session's place that way).
const seenShown = `((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")`

// rect is a box as getBoundingClientRect gives it.
type rect struct{ Left, Top, Right, Bottom, Width, Height float64 }

func (r rect) String() string {
	return fmt.Sprintf("[x %.1f–%.1f, y %.1f–%.1f]", r.Left, r.Right, r.Top, r.Bottom)
}

// overlap is the area r and o share.
func (r rect) overlap(o rect) float64 {
	w := min(r.Right, o.Right) - max(r.Left, o.Left)
	h := min(r.Bottom, o.Bottom) - max(r.Top, o.Top)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// contains reports whether o lies within r, give or take half a pixel.
func (r rect) contains(o rect) bool {
	const e = 0.5
	return o.Left >= r.Left-e && o.Right <= r.Right+e && o.Top >= r.Top-e && o.Bottom <= r.Bottom+e
}

// rectJS turns an element expression into its rect.
func rectJS(el string) string {
	return `((e) => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })(` + el + `)`
}

// seenBox is a session's box, with its title's box and whether the title
// text fits its line boxes without being cut.
type seenBox struct {
	Box, Title          rect
	Shown               bool
	ScrollW, ClientW    float64
	TitleText, BoxTitle string
}

// boxes measures every session the widget renders, by slug.
func (b *browser) boxes(t *testing.T) map[string]seenBox {
	t.Helper()
	var raw string
	b.eval(t, `JSON.stringify(Object.fromEntries([...`+seenRoot+`.querySelectorAll("article.s[data-session]")].map((el) => {
		const r = (e) => { const x = e.getBoundingClientRect(); return {left: x.left, top: x.top, right: x.right, bottom: x.bottom, width: x.width, height: x.height}; };
		const h3 = el.querySelector("h3"), open = el.querySelector(".open");
		return [el.dataset.session, {box: r(el), title: r(open), shown: `+seenShown+`(el),
			scrollW: h3.scrollWidth, clientW: h3.clientWidth, titleText: open.textContent}];
	})))`, &raw)
	out := map[string]seenBox{}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// seenGrid opens the page at path at the given viewport and waits until the
// grid has laid out lane-a.
func seenGrid(t *testing.T, b *browser, path string, w, h int64) {
	t.Helper()
	if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
	b.open(t, path)
	b.waitState(t, "ready")
	b.until(t, seenRoot+`.querySelector(".grid [data-session='lane-a']").getBoundingClientRect().width > 0`, "the grid with lane-a laid out")
}

// TestSeenGridLanes: in the grid at 1280 px, the three talks that overlap in
// Main Hall sit side by side: no two boxes share a pixel, each is wide
// enough to read, each title lies within its box and is not cut, and the
// lone talk later in the same room is wider than each of them.
func TestSeenGridLanes(t *testing.T) {
	b := newBrowser(t)
	seenGrid(t, b, seenPage(t, "grid", `view="grid"`), 1280, 800)
	boxes := b.boxes(t)
	for _, s := range append(slices.Clone(seenLanes), "lone") {
		if bx, ok := boxes[s]; !ok || !bx.Shown {
			t.Fatalf("%s is not shown in the grid (%+v)", s, bx)
		}
	}
	for i, x := range seenLanes {
		for _, y := range seenLanes[i+1:] {
			if a := boxes[x].Box.overlap(boxes[y].Box); a > 0 {
				t.Errorf("%s %v and %s %v overlap by %.0f px²", x, boxes[x].Box, y, boxes[y].Box, a)
			}
		}
	}
	for _, s := range seenLanes {
		bx := boxes[s]
		if bx.Box.Width < 90 {
			t.Errorf("%s is %.1f px wide, want at least 90", s, bx.Box.Width)
		}
		if !bx.Box.contains(bx.Title) {
			t.Errorf("%s's title %q %v spills out of its box %v", s, bx.TitleText, bx.Title, bx.Box)
		}
		if bx.ScrollW > bx.ClientW+1 {
			t.Errorf("%s's title %q is cut: scrollWidth %.0f > clientWidth %.0f", s, bx.TitleText, bx.ScrollW, bx.ClientW)
		}
	}
	lone := boxes["lone"].Box
	t.Logf("lanes: a %v, b %v, c %v; lone %v", boxes["lane-a"].Box, boxes["lane-b"].Box, boxes["lane-c"].Box, lone)
	for _, s := range seenLanes {
		if lone.Width <= boxes[s].Box.Width {
			t.Errorf("the lone session is %.1f px wide, not wider than %s (%.1f px)", lone.Width, s, boxes[s].Box.Width)
		}
	}
	// The lanes share Main Hall's column: all three lie under its header.
	var hall rect
	b.eval(t, rectJS(`[...`+seenRoot+`.querySelectorAll(".rh")].find((h) => h.textContent === "Main Hall")`), &hall)
	for _, s := range append(slices.Clone(seenLanes), "lone") {
		if bx := boxes[s].Box; bx.Left < hall.Left-0.5 || bx.Right > hall.Right+0.5 {
			t.Errorf("%s %v is not under the Main Hall header %v", s, bx, hall)
		}
	}
	b.shot(t, "seen-grid-lanes", false)
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestSeenRoomless: the boat trip has no room, only a place, and runs while
// talks go on in the rooms: it has a column of its own, headed Elsewhere,
// and covers no other session.
func TestSeenRoomless(t *testing.T) {
	b := newBrowser(t)
	seenGrid(t, b, seenPage(t, "grid", `view="grid"`), 1280, 800)
	boxes := b.boxes(t)
	boat, ok := boxes["boat"]
	if !ok || !boat.Shown || boat.Box.Width == 0 {
		t.Fatalf("the boat trip is not shown in the grid: %+v", boat)
	}
	for s, bx := range boxes {
		if s == "boat" || !bx.Shown {
			continue
		}
		if a := boat.Box.overlap(bx.Box); a > 0 {
			t.Errorf("the boat trip %v covers %s %v by %.0f px²", boat.Box, s, bx.Box, a)
		}
	}
	var heads []struct {
		Text string
		Box  rect
	}
	b.eval(t, `[...`+seenRoot+`.querySelectorAll(".grid .rh")].filter(`+seenShown+`).map((h) => ({text: h.textContent, box: `+rectJS("h")+`}))`, &heads)
	found := false
	for _, h := range heads {
		if h.Text != "Elsewhere" {
			continue
		}
		found = true
		if mid := (boat.Box.Left + boat.Box.Right) / 2; mid < h.Box.Left || mid > h.Box.Right {
			t.Errorf("the boat trip %v is not under the Elsewhere header %v", boat.Box, h.Box)
		}
	}
	if !found {
		t.Errorf("no visible column header says Elsewhere; headers: %+v", heads)
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestSeenNarrowGrid: on a 390 px phone the Grid tab still shows the grid,
// in a wrapper that scrolls sideways; scrolled right and down, the room
// headers stay at its top and the times at its left.
func TestSeenNarrowGrid(t *testing.T) {
	b := newBrowser(t)
	if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	b.open(t, seenPage(t, "list", `view="list"`))
	b.waitState(t, "ready")
	b.eval(t, seenRoot+`.getElementById("tab-grid").click(), true`, new(bool))
	b.until(t, seenRoot+`.getElementById("tab-grid").getAttribute("aria-selected") === "true"`, "the grid tab selected")
	var has bool
	b.eval(t, `!!`+seenRoot+`.querySelector(".grid-wrap .grid") && `+seenRoot+`.querySelector(".grid").getClientRects().length > 0`, &has)
	if !has {
		var main string
		b.eval(t, seenRoot+`.getElementById("main").innerHTML.slice(0, 300)`, &main)
		t.Fatalf("the Grid tab at 390 px shows no .grid; #main begins %q", main)
	}
	var m struct {
		ScrollW, ClientW, ScrollH, ClientH float64
		Left, Top                          float64 // scrolled to
		Wrap, Tm, Corner, Grid             rect
		Heads                              []rect
	}
	b.eval(t, `(async () => {
		const root = `+seenRoot+`, wrap = root.querySelector(".grid-wrap");
		const r = (e) => { const x = e.getBoundingClientRect(); return {left: x.left, top: x.top, right: x.right, bottom: x.bottom, width: x.width, height: x.height}; };
		const out = {scrollW: wrap.scrollWidth, clientW: wrap.clientWidth, scrollH: wrap.scrollHeight, clientH: wrap.clientHeight};
		wrap.scrollLeft = 300;
		wrap.scrollTop = 200;
		await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
		out.left = wrap.scrollLeft; out.top = wrap.scrollTop;
		out.wrap = r(wrap); out.grid = r(root.querySelector(".grid")); out.tm = r(root.querySelector(".tm")); out.corner = r(root.querySelector(".corner"));
		out.heads = [...root.querySelectorAll(".rh")].map(r);
		return out;
	})()`, &m)
	if m.ScrollW <= m.ClientW {
		t.Fatalf("the grid's wrapper does not scroll sideways: scrollWidth %.0f, clientWidth %.0f", m.ScrollW, m.ClientW)
	}
	if m.Left < 1 {
		t.Fatalf("scrollLeft = 300 left the wrapper at %.0f", m.Left)
	}
	// The wrapper has a 1 px border: its padding box starts 1 px in.
	inner := m.Wrap.Left + 1
	if d := m.Tm.Left - inner; d < -1 || d > 1 {
		t.Errorf("scrolled %.0f px right, the first time label's left edge is at %.1f, the wrapper's at %.1f: the time column does not stick (the .grid box is %.0f px wide, its content %.0f px)", m.Left, m.Tm.Left, inner, m.Grid.Width, m.ScrollW)
	}
	if m.Corner.Left < inner-1 || m.Corner.Left > inner+1 {
		t.Errorf("scrolled right, the corner is at x %.1f, want the wrapper's left edge %.1f", m.Corner.Left, inner)
	}
	if m.Top < 1 {
		t.Logf("the wrapper does not scroll down (scrollHeight %.0f, clientHeight %.0f): the headers' top is checked unscrolled", m.ScrollH, m.ClientH)
	}
	top := m.Wrap.Top + 1
	visible := 0
	for _, h := range m.Heads {
		if d := h.Top - top; d < -1 || d > 1 {
			t.Errorf("scrolled %.0f px right and %.0f down, a room header is at y %.1f, the wrapper's top at %.1f: the header row does not stick", m.Left, m.Top, h.Top, top)
		}
		if h.Right > m.Wrap.Left && h.Left < m.Wrap.Right && h.Height > 0 {
			visible++
		}
	}
	if visible == 0 {
		t.Errorf("scrolled right, no room header is within the wrapper %v: %v", m.Wrap, m.Heads)
	}
	b.shot(t, "seen-narrow-grid", false)
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// TestSeenAuckland: in Auckland, the evening keynote (Thursday 19:30 in
// Lyon, 17:30 UTC) is on Friday at 6:30. Shown in the viewer's time, by the
// zone button or by time-zone="local", the day headings, the day filter and
// the session's dialog all say Friday.
func TestSeenAuckland(t *testing.T) {
	check := func(t *testing.T, b *browser) {
		t.Helper()
		var heading string
		b.eval(t, `(() => { const s = `+seenRoot+`.querySelector("[data-session='evening']").closest("section.day"); return s ? s.querySelector("h2").textContent : "no section.day"; })()`, &heading)
		if !strings.Contains(heading, "Friday") {
			t.Errorf("in Auckland, the evening keynote is under the heading %q, want Friday", heading)
		}
		var headings []string
		b.eval(t, `[...`+seenRoot+`.querySelectorAll("section.day > h2")].filter(`+seenShown+`).map((h) => h.textContent)`, &headings)
		if !slices.ContainsFunc(headings, func(h string) bool { return strings.Contains(h, "Friday") }) {
			t.Errorf("day headings shown: %q, want a Friday", headings)
		}
		var days []string
		b.eval(t, `(() => { const d = `+seenRoot+`.getElementById("f-day"); d.focus();
			d.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true }));
			return [...d.options].map((o) => o.textContent); })()`, &days)
		if !slices.ContainsFunc(days, func(d string) bool { return strings.Contains(d, "Friday") }) {
			t.Errorf("the day filter offers %q, want a Friday", days)
		}
		b.eval(t, seenRoot+`.activeElement && `+seenRoot+`.activeElement.blur(), true`, new(bool))
		b.eval(t, seenRoot+`.querySelector("[data-session='evening'] .open").click(), true`, new(bool))
		b.until(t, seenRoot+`.getElementById("dlg").open`, "the keynote's dialog")
		var meta string
		b.eval(t, seenRoot+`.querySelector("#dlg .meta").innerText`, &meta)
		if !strings.Contains(meta, "Friday") || !strings.Contains(meta, "6:30") {
			t.Errorf("the keynote's dialog says %q, want Friday and 6:30", meta)
		}
		var label string
		b.eval(t, seenRoot+`.getElementById("tz").textContent`, &label)
		if !strings.Contains(label, "Pacific/Auckland") {
			t.Errorf("the zone label says %q, want Pacific/Auckland", label)
		}
		if errs := b.errors(); len(errs) > 0 {
			t.Errorf("errors: %v", errs)
		}
	}
	auckland := func(t *testing.T) *browser {
		b := newBrowser(t)
		if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(1280, 800), emulation.SetTimezoneOverride("Pacific/Auckland")); err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Run("toggle", func(t *testing.T) {
		b := auckland(t)
		b.open(t, seenPage(t, "list", `view="list"`))
		b.waitState(t, "ready")
		var zone string
		b.eval(t, `Intl.DateTimeFormat().resolvedOptions().timeZone`, &zone)
		if zone != "Pacific/Auckland" {
			t.Fatalf("the page's zone is %q: the override did not take", zone)
		}
		// In the venue's time it is Thursday evening.
		var venue string
		b.eval(t, seenRoot+`.querySelector("[data-session='evening']").closest("section.day").querySelector("h2").textContent`, &venue)
		if !strings.Contains(venue, "Thursday") {
			t.Errorf("in the venue's time, the keynote is under %q, want Thursday", venue)
		}
		b.eval(t, seenRoot+`.getElementById("tz").click(), true`, new(bool))
		b.until(t, seenRoot+`.getElementById("tz").getAttribute("aria-pressed") === "true"`, "the zone button pressed")
		check(t, b)
	})
	t.Run("attribute", func(t *testing.T) {
		b := auckland(t)
		b.open(t, seenPage(t, "local", `view="list" time-zone="local"`))
		b.waitState(t, "ready")
		check(t, b)
	})
}

// TestSeenPrint: printed, in the list and in My schedule with a session
// starred, the widget shows no button but the zone label, as text naming the
// zone; titles still print, and no time breaks over two lines.
func TestSeenPrint(t *testing.T) {
	for _, width := range []int64{1280, 390} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			b := newBrowser(t)
			if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
				t.Fatal(err)
			}
			b.open(t, seenPage(t, "list", `view="list"`))
			b.waitState(t, "ready")
			star := seenRoot + `.querySelector("[data-session='lane-b'] .star")`
			b.eval(t, star+`.click(), true`, new(bool))
			b.until(t, star+`.getAttribute("aria-pressed") === "true"`, "lane-b starred")
			for _, view := range []string{"list", "mine"} {
				if err := chromedp.Run(b.ctx, emulation.SetEmulatedMedia().WithMedia("")); err != nil {
					t.Fatal(err)
				}
				b.eval(t, seenRoot+`.getElementById("tab-`+view+`").click(), true`, new(bool))
				b.until(t, seenRoot+`.getElementById("tab-`+view+`").getAttribute("aria-selected") === "true"`, "the "+view+" tab")
				if view == "mine" {
					b.until(t, `!`+seenRoot+`.getElementById("export").hidden`, "Export my schedule offered on screen")
				}
				if err := chromedp.Run(b.ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
					t.Fatal(err)
				}
				var m struct {
					Print   bool
					Buttons []string // displayed buttons other than #tz and titles
					Titles  []string // sessions shown whose title is not
					TzShown bool
					TzText  string
					Wrapped []string // time elements on more than one line
					Times   int
				}
				b.eval(t, `(() => {
					const root = `+seenRoot+`, seen = `+seenShown+`;
					const out = {print: matchMedia("print").matches, buttons: [], titles: [], wrapped: [], times: 0};
					for (const btn of root.querySelectorAll("button")) {
						if (btn.id === "tz" || btn.classList.contains("open") || !seen(btn)) continue;
						out.buttons.push((btn.id ? "#" + btn.id : "." + btn.className) + " " + JSON.stringify(btn.textContent.trim()));
					}
					// A title prints when its heading shows its text, whatever element holds it.
					for (const s of root.querySelectorAll("article.s[data-session]")) {
						if (!seen(s)) continue;
						const h3 = s.querySelector("h3"), want = s.querySelector(".open").textContent;
						if (!seen(h3) || h3.getBoundingClientRect().height === 0 || h3.innerText.trim() !== want) out.titles.push(s.dataset.session);
					}
					const tz = root.getElementById("tz");
					out.tzShown = seen(tz); out.tzText = tz.innerText;
					for (const t of root.querySelectorAll("time")) {
						if (!seen(t) && t.closest("[data-session]") && !seen(t.closest("[data-session]"))) continue;
						out.times++;
						if (t.getClientRects().length !== 1) out.wrapped.push(t.closest("[data-session]").dataset.session + " " + t.textContent + ": " + t.getClientRects().length + " boxes");
					}
					return out;
				})()`, &m)
				if !m.Print {
					t.Fatal("print media did not take")
				}
				if len(m.Buttons) > 0 {
					t.Errorf("%s, printed: buttons still shown: %v", view, m.Buttons)
				}
				if len(m.Titles) > 0 {
					t.Errorf("%s, printed: sessions whose title does not print: %v", view, m.Titles)
				}
				if !m.TzShown || !strings.Contains(m.TzText, "Europe/Paris") {
					t.Errorf("%s, printed: the zone label shown %v, says %q; want it shown naming Europe/Paris", view, m.TzShown, m.TzText)
				}
				if m.Times == 0 {
					t.Errorf("%s, printed: no time shown", view)
				}
				if len(m.Wrapped) > 0 {
					t.Errorf("%s, printed: times broken over lines: %v", view, m.Wrapped)
				}
				b.shot(t, fmt.Sprintf("seen-print-%s-%d", view, width), false)
			}
			if errs := b.errors(); len(errs) > 0 {
				t.Errorf("errors: %v", errs)
			}
		})
	}
}

// TestSeenNow: with now="…10:20" the grid draws the now line between the
// talks that start at 10:00 and at 10:30, offers "Now and next", and that
// leaves the sessions running at 10:20 or starting by 11:50.
func TestSeenNow(t *testing.T) {
	b := newBrowser(t)
	seenGrid(t, b, seenPage(t, "now", `now="2026-10-08T10:20:00+02:00" view="grid"`), 1280, 800)
	var line struct {
		In    bool
		Shown bool
		Box   rect
	}
	b.eval(t, `(() => { const l = `+seenRoot+`.querySelector(".grid #now-line");
		return l ? {in: true, shown: l.getClientRects().length > 0, box: `+rectJS("l")+`} : {in: false}; })()`, &line)
	if !line.In || !line.Shown {
		t.Fatalf("the grid has no visible #now-line (%+v)", line)
	}
	boxes := b.boxes(t)
	a, b15, c := boxes["lane-a"].Box, boxes["lane-b"].Box, boxes["lane-c"].Box
	t.Logf("now line at y %.1f; 10:00 top %.1f, 10:15 top %.1f, 10:30 top %.1f", line.Box.Top, a.Top, b15.Top, c.Top)
	if !(line.Box.Top > a.Top && line.Box.Top < c.Top) {
		t.Errorf("the now line (10:20) is at y %.1f, want between the 10:00 box's top %.1f and the 10:30 box's top %.1f", line.Box.Top, a.Top, c.Top)
	}
	if line.Box.Top <= b15.Top {
		t.Errorf("the now line (10:20) is at y %.1f, above the 10:15 box's top %.1f", line.Box.Top, b15.Top)
	}
	var grid rect
	b.eval(t, rectJS(seenRoot+`.querySelector(".grid")`), &grid)
	if line.Box.Width < grid.Width/2 {
		t.Errorf("the now line is %.0f px wide in a %.0f px grid: it does not cross the day", line.Box.Width, grid.Width)
	}
	var nowShown bool
	b.eval(t, seenShown+`(`+seenRoot+`.getElementById("now"))`, &nowShown)
	if !nowShown {
		t.Fatal(`"Now and next" (#now) is not displayed at 10:20 on the conference's day`)
	}
	b.eval(t, seenRoot+`.getElementById("now").click(), true`, new(bool))
	b.until(t, seenRoot+`.getElementById("now").getAttribute("aria-pressed") === "true"`, "Now and next pressed")
	want := []string{"boat", "lane-a", "lane-b", "lane-c", "side-1", "side-2"}
	var got []string
	// Sessions out of the grid's view change just after the next frame (the
	// loader's on-screen-first flips): read the whole grid once it has passed.
	b.eval(t, `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() =>
		resolve([...`+seenRoot+`.querySelectorAll("[data-session]")].filter(`+seenShown+`).map((el) => el.dataset.session))))))`, &got)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("now and next at 10:20 shows %v, want %v (running, or starting by 11:50)", got, want)
	}
	b.shot(t, "seen-now", false)
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}
