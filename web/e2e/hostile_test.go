package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/agendaconf/agenda/widget/bundle"
	"github.com/agendaconf/agenda/widget/model"
)

// hostilePayloads are descriptions a bundle's author may write by hand,
// past the compiler's sanitiser. Every payload that ran would set
// window.__pwned (or the parent's) and log "PWNED".
var hostilePayloads = []struct{ slug, html string }{
	{"img-onerror", `<p>Before</p><img src=x onerror="window.__pwned='img';console.error('PWNED img')"><p>After</p>`},
	{"script", `<script>window.__pwned='script';console.error('PWNED script')</script><p>text</p>`},
	{"fixed-cover", `<div style="position:fixed;inset:0;z-index:2147483647;background:red">covered</div>`},
	{"javascript-links", `<a href="javascript:window.__pwned='link'" rel="noopener">a link</a> <a href="javascript:window.__pwned='link2'">another</a> <a href="JaVaScRiPt:window.__pwned='case'" rel="noopener">case</a>`},
	{"svg", `<svg onload="window.__pwned='svg';console.error('PWNED svg')"><circle r="40"/></svg><svg><script>window.__pwned='svg-script'</script></svg>`},
	{"iframe", `<iframe src="javascript:parent.__pwned='iframe'"></iframe><iframe srcdoc="<script>parent.__pwned='srcdoc';parent.console.error('PWNED srcdoc')</script>"></iframe>`},
	{"odd-quoting", "<img/src=x/onerror=window.__pwned='slash'><img src=`x` onerror=`window.__pwned='tick'`>" +
		`<p title="a>b" onmouseover='window.__pwned="over"'>q</p><img alt=">" src=x onerror="window.__pwned='quoted-gt'">` +
		`<a href="https://example.org/" rel="noopener" onclick="window.__pwned='onclick'">ok</a>` +
		`<a href="https://example.org/" onfocus="window.__pwned='focus'" autofocus rel="noopener">ok</a>` +
		`<img src=x onerror  =  "window.__pwned='spaced'"><IMG SRC=x ONERROR="window.__pwned='upper'">`},
	{"entities", `&lt;img src=x onerror="window.__pwned='lt'"&gt; &#60;script&#62;window.__pwned='num'&#60;/script&#62; ` +
		`&#x3C;img src=x onerror=window.__pwned='hex'&#x3E; <a href="jav&#x61;script:window.__pwned='ent'" rel="noopener">ent</a> ` +
		`<a href="javascript&colon;window.__pwned='colon'" rel="noopener">colon</a> <a href="&#106;avascript:window.__pwned='first'" rel="noopener">first</a>`},
	{"mutation", `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></mglyph></table></mtext></math>` +
		`<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>"></p></noscript>` +
		`<!--><img src=x onerror="window.__pwned='comment'">--><![CDATA[<img src=x onerror="window.__pwned='cdata'">]]>`},
	{"takeover", `<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">` +
		`<style>:host{position:fixed!important;inset:0!important;z-index:2147483647!important;background:red}</style>` +
		`<form action="javascript:window.__pwned='form'"><button>go</button></form><object data="javascript:window.__pwned='object'"></object>` +
		`<embed src="javascript:window.__pwned='embed'"><link rel="stylesheet" href="data:text/css,*{display:none}">`},
	{"unbalanced", `<blockquote><b><a href="https://example.org/" rel="noopener">open</p></div></dialog></agenda-schedule>`},
}

// hostileSchedule is a programme written by hand, bundled with bundle.Encode,
// never through a reader or the sanitiser.
func hostileSchedule() *model.Schedule {
	paris, _ := time.LoadLocation("Europe/Paris")
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, paris)
	s := &model.Schedule{
		Conference: model.Conference{ID: "hostile", Name: "Hostile <b>Conf</b>", TimeZone: "Europe/Paris"},
		Rooms:      []string{"Room <script>window.__pwned='room'</script>"},
		Speakers: []model.Speaker{{
			Slug: "mallory", Name: `Mallory <img src=x onerror="window.__pwned='name'">`,
			Bio: `<img src=x onerror="window.__pwned='bio'"><div style="position:fixed;inset:0;background:blue">bio cover</div>` +
				`<svg onload="window.__pwned='bio-svg'">`,
			URL: "javascript:window.__pwned='speaker-url'",
			Links: []model.Link{
				{Label: "Mastodon", URL: "javascript:window.__pwned='speaker-link'"},
				{Label: "Data", URL: "data:text/html,<script>window.__pwned='data'</script>"},
				{Label: "Spaced", URL: " javascript:window.__pwned='spaced-link'"},
				{Label: "Site", URL: "https://example.org/mallory"},
			},
		}},
	}
	for i, p := range hostilePayloads {
		s.Sessions = append(s.Sessions, model.Session{
			Slug: p.slug, Title: p.slug + ` <img src=x onerror="window.__pwned='title'">`, Kind: model.Talk,
			Room: s.Rooms[0], Start: start.Add(time.Duration(i) * 30 * time.Minute).UTC(),
			End:         start.Add(time.Duration(i)*30*time.Minute + 25*time.Minute).UTC(),
			Description: p.html, Speakers: []string{"mallory"},
			URL: "javascript:window.__pwned='session-url'",
		})
	}
	return s
}

// hostilePage is a host page without a CSP (nothing stops inline handlers
// but the widget): its own header and side column around the widget.
const hostilePage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>hostile bundle</title>
<style>
body{margin:0;font:16px sans-serif}
#top{height:80px;margin:0;background:#eef}
#wrap{display:flex;align-items:flex-start}
#widget{width:560px;flex:none}
#side{flex:1;min-height:3000px;background:#efe}
#foot{height:200px;background:#fee}
</style>
<script src="agenda.js" async></script>
<h1 id="top">The host page</h1>
<div id="wrap"><div id="widget"><agenda-schedule id="w" src="hostile.bin" view="list"></agenda-schedule></div><div id="side">The page's own column</div></div>
<div id="foot">The page's footer</div>`

// TestHostileBundle points the widget at a hand-made bundle whose
// descriptions, bios and links carry script and page-covering markup, opens
// every session's dialog, and checks that nothing ran and nothing covers the
// page outside the widget.
func TestHostileBundle(t *testing.T) {
	b := newBrowser(t)
	data, err := bundle.Encode(hostileSchedule())
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{"hostile.bin": data, "hostile.html": []byte(hostilePage)} {
		if err := os.WriteFile(filepath.Join(siteDir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	b.open(t, "/hostile.html")
	b.waitState(t, "ready")
	host := "#w"
	for _, p := range hostilePayloads {
		t.Run(p.slug, func(t *testing.T) {
			b.eval(t, in(host, `[data-session="`+p.slug+`"] .open`)+`.click(), true`, new(bool))
			b.until(t, in(host, "#dlg")+`.open && `+in(host, "#dlg h2")+`.textContent.startsWith(`+quote(p.slug)+`)`, p.slug+"'s dialog")
			// Images fail, frames load, handlers fire: give them time.
			b.eval(t, `new Promise((r) => setTimeout(() => r(true), 300))`, new(bool))
			b.shot(t, "hostile-"+p.slug, false)

			// What the dialog holds: the widget's own elements and the
			// sanitiser's allowlist, no handlers or styles, links only to
			// the web, mail, or within the page.
			var bad []string
			b.eval(t, `(() => {
				const ok = new Set(["h2","p","span","time","div","h3","h4","a","button",
					"br","strong","b","em","i","u","s","code","pre","blockquote","ul","ol","li","h5","h6","sub","sup","hr"]);
				const out = [];
				for (const el of `+in(host, "#dlg")+`.querySelectorAll("*")) {
					if (!ok.has(el.localName)) out.push("<" + el.localName + ">");
					for (const a of el.attributes) {
						if (a.name.startsWith("on") || a.name === "style" || a.name === "src" || a.name === "srcdoc" || a.name === "action")
							out.push(el.localName + " " + a.name + "=" + a.value);
					}
					if (el.localName === "a" && !/^(https?:|mailto:|#)/i.test(el.getAttribute("href") || "#"))
						out.push("href=" + el.getAttribute("href"));
					if (getComputedStyle(el).position === "fixed") out.push("fixed <" + el.localName + ">");
				}
				return out;
			})()`, &bad)
			if len(bad) > 0 {
				t.Errorf("the dialog holds %v", bad)
			}

			// Modal: outside the dialog's box, hits land on its backdrop,
			// nothing else of the widget's.
			var modal []string
			b.eval(t, `(() => {
				const hostEl = document.querySelector(`+quote(host)+`), dlg = hostEl.shadowRoot.getElementById("dlg");
				const r = dlg.getBoundingClientRect(), out = [];
				for (const [x, y] of [[5, 5], [innerWidth - 5, 5], [5, innerHeight - 5], [innerWidth - 5, innerHeight - 5], [innerWidth / 2, 5], [5, innerHeight / 2]]) {
					if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) continue;
					const inner = hostEl.shadowRoot.elementFromPoint(x, y);
					if (inner !== dlg) out.push(x + "," + y + ": " + (inner ? inner.localName + "." + inner.className : "null"));
				}
				return out;
			})()`, &modal)
			if len(modal) > 0 {
				t.Errorf("around the modal dialog, not its backdrop: %v", modal)
			}

			// Not modal (no backdrop in the way): in the page's header and
			// side column, away from the widget (x < 560, y > 80), the
			// page's own elements answer.
			var covered []string
			b.eval(t, `(() => {
				const hostEl = document.querySelector(`+quote(host)+`), dlg = hostEl.shadowRoot.getElementById("dlg");
				dlg.close();
				dlg.show();
				const d = dlg.getBoundingClientRect(), out = [];
				let tried = 0;
				for (const [x, y] of [[5, 5], [640, 40], [1275, 5], [900, 300], [1275, 795], [700, 795]]) {
					if (x >= d.left && x <= d.right && y >= d.top && y <= d.bottom) continue;
					tried++;
					const el = document.elementFromPoint(x, y);
					if (!el || el === hostEl || hostEl.contains(el)) out.push(x + "," + y + ": " + (el ? el.localName + "#" + el.id : "null"));
				}
				dlg.close();
				if (tried < 3) out.push("the open dialog itself spans the page");
				return out;
			})()`, &covered)
			if len(covered) > 0 {
				t.Errorf("the widget covers the page at %v", covered)
			}
		})
	}
	var pwned string
	b.eval(t, `String(window.__pwned)`, &pwned)
	if pwned != "undefined" {
		t.Errorf("a payload ran: window.__pwned = %q", pwned)
	}
	for _, m := range b.messages("") {
		if strings.Contains(m.text, "PWNED") {
			t.Errorf("a payload ran: %v", m)
		}
	}
	// The speaker's links: the web address stays, the others are gone.
	var links []string
	b.eval(t, `(() => { const d = `+in(host, "#dlg")+`; return [...d.querySelectorAll(".links a")].map((a) => a.getAttribute("href")); })()`, &links)
	if strings.Join(links, " ") != "https://example.org/mallory" {
		t.Errorf("speaker links in the last dialog: %q, want only https://example.org/mallory", links)
	}
	if ex := b.messages("exception"); len(ex) > 0 {
		t.Errorf("uncaught: %v", ex)
	}
}
