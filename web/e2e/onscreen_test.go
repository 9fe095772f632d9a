package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/internal/corpus"
)

// TestSearchOnScreenFirst checks the loader's on-screen-first flips at
// FOSDEM's size, in the list and the grid, at the top and scrolled (down the
// page; across the grid's rooms), while typing and while deleting: the
// flips left for after the frame change nothing on screen. Right after each
// keystroke it notes the sessions on screen, makes the loader flip the rest
// at once (as it does before printing) and notes them again, in the same
// task: the same layout moment, so only the deferred flips can differ.
// And deferring happened, else this test would not test it; once settled,
// the list shows as many sessions as the live region says.
func TestSearchOnScreenFirst(t *testing.T) {
	corpus.Need(t, fosdemXML, "TestSearchOnScreenFirst")
	if err := writeFOSDEM(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(siteDir, spPage), []byte(benchHTML), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, view, scroll string }{
		{"list", "list", ""},
		{"list scrolled", "list", `scrollTo(0, 2500)`},
		{"grid", "grid", ""},
		{"grid scrolled", "grid", `root.querySelector(".grid-wrap").scrollLeft = 1500`},
		{"grid scrolled down", "grid", `root.querySelector(".grid-wrap").scrollTop = 900`},
		{"grid scrolled down and across, page scrolled", "grid", `root.querySelector(".grid-wrap").scrollTop = 600; root.querySelector(".grid-wrap").scrollLeft = 800; scrollTo(0, 300)`},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			b := newBrowser(t)
			if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(1280, 1024)); err != nil {
				t.Fatal(err)
			}
			b.open(t, "/"+spPage)
			var mounted struct{ Sessions int }
			b.eval(t, `Agenda.ready.then(() => `+mountExpr(`{view: "`+c.view+`", src: "`+fosdemFile+`"}`)+`)`, &mounted)
			var n int
			b.eval(t, spSettled, &n)
			if c.scroll != "" {
				b.eval(t, `(() => { const root = document.getElementById("host").shadowRoot; `+c.scroll+`; return true; })()`, new(bool))
				b.eval(t, spSettled, &n)
			}
			deferred, seen := false, 0
			for _, q := range []string{"r", "ru", "rus", "rust", "rus", "ru", "r", ""} {
				var got struct {
					Key, All        []string
					ShownKey, Shown int
					Live            int
				}
				b.eval(t, `new Promise((resolve) => {
					const root = document.getElementById("host").shadowRoot, q = root.getElementById("q");
					const wrap = root.querySelector(".grid-wrap");
					// The sessions with a box on screen (within the grid's scroller too).
					const onScreen = () => {
						const c = wrap ? wrap.getBoundingClientRect() : { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
						const top = Math.max(0, c.top), bottom = Math.min(innerHeight, c.bottom), left = Math.max(0, c.left), right = Math.min(innerWidth, c.right);
						const ids = [];
						for (const s of root.querySelectorAll("[data-session]")) {
							for (const r of s.getClientRects()) {
								if (r.bottom > top && r.top < bottom && r.right > left && r.left < right) { ids.push(s.id); break; }
							}
						}
						return ids;
					};
					const shown = () => [...root.querySelectorAll("[data-session]")].filter((s) => !s.hidden).length;
					q.value = `+"`"+q+"`"+`;
					q.dispatchEvent(new Event("input", { bubbles: true }));
					const key = onScreen(), shownKey = shown(); // what the key's frame paints
					dispatchEvent(new Event("beforeprint")); // the loader flips the rest now
					const all = onScreen();
					requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(() => {
						const m = root.getElementById("live").textContent.match(/\d+/);
						resolve({ key, all, shownKey, shown: shown(), live: m ? +m[0] : -1 });
					}))));
				})`, &got)
				if !slices.Equal(got.Key, got.All) {
					t.Errorf("%q: on screen in the key's frame %d sessions %v; with every flip made, %d %v", q, len(got.Key), got.Key, len(got.All), got.All)
				}
				if len(got.Key) > 0 {
					seen++
				}
				if c.view == "list" && got.Shown != got.Live {
					t.Errorf("%q: %d sessions shown once settled, the live region says %d", q, got.Shown, got.Live)
				}
				deferred = deferred || got.ShownKey != got.Shown
			}
			if seen == 0 {
				t.Error("no session on screen after any keystroke: this test tests nothing")
			}
			if !deferred {
				t.Error("every flip happened at once: nothing was left for after the frame")
			}
		})
	}
}
