package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeFile is axe-core as npm ci installs it from the repository's
// package-lock.json (make setup).
var axeFile = filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")

// axeTags are the rule sets the audit runs, every rule of each.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// auditStarred is the session the my-schedule state stars: a talk, so that the
// partner page's widget (kind="talk") shows it too.
const auditStarred = "production-unsafe-rust"

// An auditViewport is a size the audit and the screenshots use: a phone and a laptop.
type auditViewport struct {
	name string
	w, h int64
}

var auditViewports = []auditViewport{{"390", 390, 844}, {"1280", 1280, 800}}

var auditSchemes = []string{"light", "dark"}

// A page that agenda site writes; widget pages are audited in every state.
type auditPage struct {
	name, path string
	widget     bool
}

// auditPages lists the pages agenda site writes, with one static day page.
func auditPages(t *testing.T) []auditPage {
	t.Helper()
	days, err := filepath.Glob(filepath.Join(siteDir, "schedule", "????-??-??.html"))
	if err != nil || len(days) == 0 {
		t.Fatalf("no day page in %s/schedule (%v)", siteDir, err)
	}
	slices.Sort(days)
	return []auditPage{
		{"index", "/index.html", true},
		{"offline", "/offline.html", true},
		{"partner", "/partner.html", true},
		{"schedule", "/schedule/index.html", false},
		{"schedule-day", "/schedule/" + filepath.Base(days[0]), false},
	}
}

// A widget state and how an attendee reaches it from the loaded page.
type auditState struct {
	name  string
	enter func(t *testing.T, b *browser)
}

// auditHost is the widget on each audited page (one a page).
const auditHost = "agenda-schedule"

// auditTab selects a view by clicking its tab, as an attendee does. The
// widget renders the view within the click's handler, so a selected tab
// means the panel shows it.
func auditTab(t *testing.T, b *browser, view string) {
	t.Helper()
	b.eval(t, in(auditHost, "#tab-"+view)+`.click(), true`, new(bool))
	b.until(t, in(auditHost, "#tab-"+view)+`.getAttribute("aria-selected") === "true"`, "the "+view+" tab selected")
}

var auditStates = []auditState{
	{"list", func(t *testing.T, b *browser) { auditTab(t, b, "list") }},
	{"grid", func(t *testing.T, b *browser) { auditTab(t, b, "grid") }},
	{"mine", func(t *testing.T, b *browser) {
		auditTab(t, b, "list")
		star := in(auditHost, `[data-session="`+auditStarred+`"] .star`)
		// Favourites persist per origin: the site's pages share them.
		b.eval(t, `(() => { const s = `+star+`; if (s.getAttribute("aria-pressed") !== "true") s.click(); return true; })()`, new(bool))
		b.until(t, star+`.getAttribute("aria-pressed") === "true"`, "the star pressed")
		auditTab(t, b, "mine")
		b.until(t, `JSON.stringify(`+visibleSessions(auditHost)+`) === '["`+auditStarred+`"]'`, "my schedule with the one starred session")
	}},
	{"dialog", func(t *testing.T, b *browser) {
		auditTab(t, b, "list")
		b.eval(t, in(auditHost, `[data-session="`+auditStarred+`"] .open`)+`.click(), true`, new(bool))
		b.until(t, in(auditHost, "#dlg")+`.open && `+in(auditHost, "#dlg-title")+` !== null`, "the session's dialog")
	}},
}

// TestAccessibility runs axe-core on every page agenda site writes, with the
// widget in each state, on a phone and a laptop, light and dark. Any
// violation fails, whatever its impact. With AGENDA_SHOTS=DIR it also
// writes a screenshot of each (see shot).
func TestAccessibility(t *testing.T) {
	if skip != "" {
		t.Skip(skip)
	}
	src, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatalf("axe-core is not installed (%v): run `make setup` (it runs npm ci from package-lock.json)", err)
	}
	pages := auditPages(t)
	for _, vp := range auditViewports {
		for _, scheme := range auditSchemes {
			t.Run(vp.name+"-"+scheme, func(t *testing.T) {
				// A browser per combination: each is well inside newBrowser's deadline.
				b := newBrowser(t)
				if err := chromedp.Run(b.ctx,
					chromedp.EmulateViewport(vp.w, vp.h),
					emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
				); err != nil {
					t.Fatal(err)
				}
				for _, p := range pages {
					b.open(t, p.path)
					// The matrix is only worth its name if the page sees it.
					var seen struct {
						W    int64
						Dark bool
					}
					b.eval(t, `({ w: innerWidth, dark: matchMedia("(prefers-color-scheme: dark)").matches })`, &seen)
					if seen.W != vp.w || seen.Dark != (scheme == "dark") {
						t.Fatalf("%s sees width %d, dark %v; want %d, %s", p.path, seen.W, seen.Dark, vp.w, scheme)
					}
					if !p.widget {
						b.audit(t, src, p.name, vp.name, scheme, false)
						continue
					}
					b.waitState(t, "ready")
					for _, st := range auditStates {
						st.enter(t, b)
						b.audit(t, src, p.name+"-"+st.name, vp.name, scheme, true)
					}
				}
				for _, m := range b.errors() {
					t.Errorf("%v", m)
				}
			})
		}
	}
}

// axeViolation is one axe rule that failed, with the elements it failed on.
type axeViolation struct {
	ID, Impact, Help string
	Targets          []string
}

// audit screenshots the page as it is, then runs axe on it and fails listing
// each axeViolation.
func (b *browser) audit(t *testing.T, axe []byte, name, width, scheme string, widget bool) {
	t.Helper()
	// Buttons fade their colours: let transitions end, or both the picture
	// and axe's contrast check would see a colour in between.
	b.eval(t, `Promise.all([document, ...[...document.querySelectorAll("agenda-schedule")].map((el) => el.shadowRoot)]
		.flatMap((root) => root ? root.getAnimations() : []).map((a) => a.finished)).then(() => true)`, new(bool))
	if widget {
		// The partner page shows the widget below its text: bring it into
		// the picture.
		b.eval(t, `(() => { const el = document.querySelector("agenda-schedule");
			if (el.getBoundingClientRect().top >= innerHeight) el.scrollIntoView(); return true; })()`, new(bool))
	}
	b.shot(t, name+"-"+width+"-"+scheme, !widget)
	var loaded bool
	b.eval(t, `typeof axe === "object"`, &loaded)
	if !loaded {
		// The pages have no CSP: the script's text evaluates as it is.
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(string(axe), nil)); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	tags := `["` + strings.Join(axeTags, `", "`) + `"]`
	// Rules named one by one, so that those off by default run too; axe
	// goes into open shadow roots by itself. A target inside a shadow root
	// is a list of selectors, host first.
	var got []axeViolation
	b.eval(t, `(async () => {
		const rules = axe.getRules(`+tags+`).map((r) => r.ruleId);
		const res = await axe.run(document, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations"] });
		return res.violations.map((v) => ({
			id: v.id, impact: v.impact || "", help: v.help,
			targets: v.nodes.map((n) => n.target.map((s) => Array.isArray(s) ? s.join(" >>> ") : s).join(" ") +
				": " + [...n.any, ...n.all, ...n.none].map((c) => c.message).join("; ")),
		}));
	})()`, &got)
	if len(got) == 0 {
		return
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "%s at %s px, %s: %d axe violations", name, width, scheme, len(got))
	for _, v := range got {
		fmt.Fprintf(&msg, "\n\t%s (%s): %s", v.ID, v.Impact, v.Help)
		const most = 8
		for i, target := range v.Targets {
			if i == most {
				fmt.Fprintf(&msg, "\n\t\t... and %d more", len(v.Targets)-most)
				break
			}
			fmt.Fprintf(&msg, "\n\t\t%s", target)
		}
	}
	t.Error(msg.String())
}
