package core

// CSS is shared by every instance through one constructable stylesheet:
// no <style> element and no style attribute, so a strict style-src CSP holds.
// :host{all:initial} stops the host page's inherited properties at the door;
// but a page rule such as "*{font-family:…}" on the host element beats any
// :host rule, so .root, inside the shadow root, resets everything again.
// Custom properties survive "all", so --agenda-* theming still comes through;
// everything a host may theme is a --agenda-* custom property or a ::part().
// overflow-anchor:none: a search changes the whole list, so the page does not
// scroll to follow one session, and the sessions shown above one bound how
// far down it can be (the loader's on-screen-first flips rely on it).
const CSS = `
:host{all:initial;display:block;contain:content;container-type:inline-size}
.root{all:initial;display:block;
 font:400 var(--agenda-font-size,15px)/1.45 var(--agenda-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
 --fg:var(--agenda-fg,#1c1c22);--bg:var(--agenda-bg,#fff);--muted:var(--agenda-muted,#5b5d6b);
 --line:var(--agenda-line,#d9dae3);--accent:var(--agenda-accent,#2d4de0);--accent-fg:var(--agenda-accent-fg,#fff);
 --soft:var(--agenda-soft,#f2f3f8);--star:var(--agenda-star,#b35900);--clash:var(--agenda-clash,#b00020);
 color:var(--fg);background:var(--bg);padding:var(--agenda-padding,.5rem);box-sizing:border-box;overflow-anchor:none}
.root[data-theme=dark]{--fg:var(--agenda-fg,#ececf1);--bg:var(--agenda-bg,#16161b);--muted:var(--agenda-muted,#a9abb8);
 --line:var(--agenda-line,#393a46);--accent:var(--agenda-accent,#8ea2ff);--accent-fg:var(--agenda-accent-fg,#101018);
 --soft:var(--agenda-soft,#22232b);--star:var(--agenda-star,#ffb454);--clash:var(--agenda-clash,#ff8a80)}
@media (prefers-color-scheme:dark){.root[data-theme=auto]{--fg:var(--agenda-fg,#ececf1);--bg:var(--agenda-bg,#16161b);
 --muted:var(--agenda-muted,#a9abb8);--line:var(--agenda-line,#393a46);--accent:var(--agenda-accent,#8ea2ff);
 --accent-fg:var(--agenda-accent-fg,#101018);--soft:var(--agenda-soft,#22232b);--star:var(--agenda-star,#ffb454);--clash:var(--agenda-clash,#ff8a80)}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
h2,h3,h4,p{margin:0}
button,input,select{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--line);background:var(--soft);border-radius:.4rem;padding:.3rem .6rem;min-height:2.2rem}
button:hover{border-color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
input,select{border:1px solid var(--line);background:var(--bg);border-radius:.4rem;padding:.3rem .5rem;min-height:2.2rem;max-width:100%}
.bar{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:end;margin-bottom:.5rem}
.bar label{display:flex;flex-direction:column;font-size:.8em;color:var(--muted);gap:.15rem}
.bar label>*{font-size:1.25em;color:var(--fg)}
.search{flex:1 1 14rem}
.filters{display:contents}
.filters-toggle{display:none}
@container (max-width:600px){
 .filters-toggle{display:inline-block}
 .root:not([data-filters=open]) .filters{display:none}
 .root[data-filters=open] .filters{display:flex;flex-wrap:wrap;gap:.5rem .75rem;flex-basis:100%}}
.tabs{display:flex;gap:.25rem;flex-basis:100%}
[role=tab]{border-radius:.4rem .4rem 0 0;border-bottom-width:3px}
[role=tab][aria-selected=true]{border-bottom-color:var(--accent);font-weight:600;background:var(--bg)}
[aria-pressed=true]{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
.status{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;color:var(--muted);font-size:.9em;margin:.25rem 0 .5rem}
.empty{padding:1rem;border:1px dashed var(--line);border-radius:.5rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.error{padding:1rem;border:2px solid var(--clash);border-radius:.5rem;color:var(--fg)}
.day>h2{font-size:1.1em;padding:.4rem 0;border-bottom:2px solid var(--line);margin:.75rem 0 .25rem;position:sticky;top:0;background:var(--bg);z-index:1}
.s{display:grid;grid-template-columns:8.5rem 1fr auto;gap:.25rem .75rem;padding:.5rem .25rem;border-bottom:1px solid var(--line);align-items:start}
.s .when{font-variant-numeric:tabular-nums;color:var(--muted);font-size:.95em}
.s h3{font-size:1em;font-weight:600}
.open{all:unset;cursor:pointer;color:var(--fg);text-decoration:underline;text-decoration-color:var(--line);text-underline-offset:.2em}
.open:hover{text-decoration-color:var(--accent)}
.open:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.meta,.who{color:var(--muted);font-size:.9em}
.meta span+span::before{content:" · "}
.kind{text-transform:uppercase;letter-spacing:.04em;font-size:.85em}
.star{min-width:2.4rem;font-size:1.1em;line-height:1;color:var(--star)}
.star[aria-pressed=true]{background:var(--soft);color:var(--star);border-color:var(--star);border-width:2px}
.chunk{content-visibility:auto;contain-intrinsic-size:auto 100rem}
.brk{grid-template-columns:8.5rem 1fr auto;background:var(--soft);border-radius:.3rem;color:var(--muted);font-style:italic}
.clash{color:var(--clash);font-weight:600;font-size:.9em}
.clash::before{content:"⚠ "}
.grid-day{font-size:1.1em;margin:.5rem 0}
.grid-wrap{overflow:auto;max-height:var(--agenda-grid-height,80vh);border:1px solid var(--line);border-radius:.4rem}
.grid{display:grid;position:relative;min-width:min-content;--slot:var(--agenda-grid-slot,1.1rem)}
.grid .rh{position:sticky;top:0;z-index:3;background:var(--bg);font-weight:600;padding:.4rem;border-bottom:2px solid var(--line);grid-row:1}
.grid .corner{position:sticky;left:0;top:0;z-index:4;background:var(--bg);grid-row:1;grid-column:1}
.times{position:sticky;left:0;z-index:2;background:var(--bg);grid-row:2;grid-column:1;display:grid}
.tm{color:var(--muted);font-size:.8em;padding:0 .4rem;border-top:1px solid var(--line);font-variant-numeric:tabular-nums}
.col{grid-row:2;display:grid;min-width:0;contain:size;content-visibility:auto;contain-intrinsic-size:auto 10rem auto 10rem}
.grid .s{display:grid;grid-template-columns:minmax(0,1fr) auto;align-content:start;column-gap:.25rem;margin:1px 2px;border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:.3rem;background:var(--soft);padding:.3rem .4rem;overflow:hidden;min-width:0;overflow-wrap:anywhere}
.grid .s h3{grid-area:1/1;font-size:.9em;line-height:1.3}
.grid .s .when{grid-column:1/-1;white-space:pre-line;font-size:.8em}
.grid .s .star{grid-area:1/2;min-height:1.7rem;min-width:1.7rem;padding:0 .25rem}
.grid .brk{border-left-color:var(--muted)}
.grid .now-line{grid-row:2;grid-column:2/-1}
.now-line{border-top:2px solid var(--clash);z-index:1;pointer-events:none;align-self:start}
time{white-space:nowrap}
dialog{border:1px solid var(--line);border-radius:.6rem;max-width:min(42rem,94vw);max-height:90vh;color:var(--fg);background:var(--bg);padding:1.25rem}
dialog::backdrop{background:rgb(0 0 0/.45)}
dialog h2{font-size:1.3em;margin-bottom:.5rem}
dialog .desc{margin:.75rem 0}
dialog .desc p{margin:.5rem 0}
dialog .people>div{margin:.75rem 0}
dialog .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
dialog a{color:var(--accent)}
.links a{margin-right:.75rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (max-width:640px){.s{grid-template-columns:5rem 1fr auto}}
@media (prefers-reduced-motion:no-preference){button{transition:background-color .15s,border-color .15s}}
@media print{.bar,dialog,.empty,button:not(.tz):not(.open),.now-line{display:none!important}
 .tz{all:unset;display:inline;color:#000}
 .root{color:#000;background:#fff;padding:0}
 .grid-wrap{overflow:visible;max-height:none;border:0}.grid,.col{display:block}.grid .col{height:auto;contain:none}.grid .rh,.times,.grid .corner{display:none}
 .grid .s{border:0;border-bottom:1px solid #999;border-radius:0;background:none}
 .s{break-inside:avoid}.chunk,.col{content-visibility:visible}.day>h2{position:static}}
`
