package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestMedia checks the widget under the media a person's browser reports:
// print shows a clean list without controls, and a dark colour scheme turns
// the auto theme dark. Both are CSS only, so only a real browser can say.
func TestMedia(t *testing.T) {
	b := newBrowser(t)
	b.open(t, "/index.html")
	b.waitState(t, "ready")
	style := func(sel, prop string) string {
		t.Helper()
		var s string
		b.eval(t, `getComputedStyle(`+shadow+`.querySelector("`+sel+`")).`+prop, &s)
		return s
	}
	media := func(m string, features ...*emulation.MediaFeature) {
		t.Helper()
		if err := chromedp.Run(b.ctx, emulation.SetEmulatedMedia().WithMedia(m).WithFeatures(features)); err != nil {
			t.Fatal(err)
		}
	}
	if got := style(".bar", "display"); got == "none" {
		t.Fatal("controls hidden on screen")
	}
	light := style(".root", "backgroundColor")

	media("print")
	for _, sel := range []string{".bar", ".star"} {
		if got := style(sel, "display"); got != "none" {
			t.Errorf("print: %s display = %s, want none", sel, got)
		}
	}
	if got := style(`[data-session]`, "display"); got == "none" {
		t.Error("print: sessions hidden")
	}

	media("", &emulation.MediaFeature{Name: "prefers-color-scheme", Value: "dark"})
	if dark := style(".root", "backgroundColor"); dark == light {
		t.Errorf("prefers-color-scheme: dark leaves the background %s", dark)
	}
	// An explicit theme wins over the system's choice.
	b.eval(t, `document.querySelector("agenda-schedule").setAttribute("theme", "light"), true`, new(bool))
	b.waitState(t, "ready")
	if got := style(".root", "backgroundColor"); got != light {
		t.Errorf(`theme="light" under a dark system: background %s, want %s`, got, light)
	}
}
