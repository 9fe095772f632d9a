package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// shadow is the expression for the demo page's widget's shadow root.
const shadow = `document.querySelector("agenda-schedule").shadowRoot`

// TestKeyboard drives the widget with real key presses, as CDP sends them
// through the browser's input pipeline: tabs move with the arrow keys, stars
// toggle with Enter and Space, and a filter lists its counts once focused.
func TestKeyboard(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/index.html")
	b.waitState(t, "ready")
	keys := func(k string) {
		t.Helper()
		if err := chromedp.Run(b.ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	str := func(expr string) string {
		t.Helper()
		var s string
		b.eval(t, expr, &s)
		return s
	}
	b.eval(t, shadow+`.getElementById("tab-list").focus(), true`, new(bool))
	keys(kb.ArrowRight)
	if got := str(shadow + `.activeElement.id + " " + ` + shadow + `.getElementById("tab-grid").getAttribute("aria-selected")`); got != "tab-grid true" {
		t.Errorf("ArrowRight on the tabs: focus and selection = %q, want tab-grid true", got)
	}
	keys(kb.ArrowLeft)
	if got := str(shadow + `.activeElement.id`); got != "tab-list" {
		t.Errorf("ArrowLeft: focus on %q", got)
	}

	star := shadow + `.querySelector('[data-session="production-unsafe-rust"] .star')`
	b.eval(t, star+`.focus(), true`, new(bool))
	keys(kb.Enter)
	if got := str(star + `.getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("Enter on a star: aria-pressed = %s", got)
	}
	keys(" ")
	if got := str(star + `.getAttribute("aria-pressed")`); got != "false" {
		t.Errorf("Space on a pressed star: aria-pressed = %s", got)
	}
	// Tab from the star reaches the next session's title button.
	keys(kb.Tab)
	if got := str(shadow + `.activeElement.className`); got != "open" {
		t.Errorf("Tab from a star: focus on class %q, want the next title", got)
	}
	// A real focus fills the room filter with counts.
	b.eval(t, shadow+`.getElementById("f-room").focus(), true`, new(bool))
	want := str(`"Main Stage (" + ` + shadow + `.querySelectorAll(".s.r0").length + ")"`)
	if got := str(shadow + `.querySelector('#f-room option[value="0"]').textContent`); got != want {
		t.Errorf("room filter option = %q, want %q", got, want)
	}
	// Escape closes the details dialog opened with Enter.
	b.eval(t, shadow+`.querySelector('[data-session="production-unsafe-rust"] .open').focus(), true`, new(bool))
	keys(kb.Enter)
	if got := str(`String(` + shadow + `.querySelector("dialog").open)`); got != "true" {
		t.Fatalf("Enter on a title: dialog open = %s", got)
	}
	keys(kb.Escape)
	if got := str(`String(` + shadow + `.querySelector("dialog").open)`); got != "false" {
		t.Errorf("Escape: dialog open = %s", got)
	}
}
