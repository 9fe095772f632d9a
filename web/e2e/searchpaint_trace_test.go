package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

// TestSpLatency checks how BenchmarkSearchPaint reads Chromium's EventLatency
// from a trace: per keystroke, the key press whose frame came last (the Char
// event of the same key has its own, shorter, entry), its stages grouped as
// the report prints them, and nothing from the next key's window.
func TestSpLatency(t *testing.T) {
	var raw []json.RawMessage
	ev := func(name, ph string, ts float64, args string) {
		if args == "" {
			args = "{}"
		}
		raw = append(raw, json.RawMessage(fmt.Sprintf(`{"name":%q,"ph":%q,"ts":%g,"cat":"cc,benchmark,input,input.scrolling","args":%s}`, name, ph, ts, args)))
	}
	span := func(name string, from, to float64) { ev(name, "b", from, ""); ev(name, "e", to, "") }
	key := func(down float64, total, main, raster float64) {
		// Chromium dispatches keydown a little after the key's timestamp.
		raw = append(raw, json.RawMessage(fmt.Sprintf(`{"name":"EventDispatch","ph":"X","ts":%g,"dur":300,"cat":"devtools.timeline","args":{"data":{"type":"keydown"}}}`, down)))
		t0 := down - 500
		ev("EventLatency", "b", t0, `{"event_latency":{"event_type":"KEY_PRESSED"}}`)
		span("GenerationToBrowserMain", t0, t0+500)
		span("RendererMainProcessing", t0+500, t0+500+main)
		span("EndCommitToActivation", t0+500+main, t0+500+main+raster)
		span("SubmitCompositorFrameToPresentationCompositorFrame", t0+500+main+raster, t0+total)
		span("StartDrawToSwapStart", t0+500+main+raster, t0+total) // inside the one above: not counted twice
		ev("EventLatency", "e", t0+total, "")
		// The keypress (Char) event: its own entry, ending without a frame.
		ev("EventLatency", "b", t0+total+100, `{"event_latency":{"event_type":"KEY_PRESSED"}}`)
		span("RendererMainProcessing", t0+total+100, t0+total+150)
		ev("EventLatency", "e", t0+total+200, "")
	}
	key(1_000_000, 15_000, 4_000, 3_000)
	key(1_200_000, 9_000, 2_000, 1_000)
	got := spLatency(raw, 3)
	want := map[string][]float64{
		spPresented:                         {15, 9, 0},
		"browser to the page's main thread": {0.5, 0.5, 0},
		"event listeners, editing":          {4, 2, 0},
		"raster (EndCommitToActivation)":    {3, 1, 0},
		"draw and present":                  {7.5, 5.5, 0},
		"style, layout, paint, commit":      {0, 0, 0},
	}
	for name, w := range want {
		g := got[name]
		if len(g) != len(w) {
			t.Errorf("%s: %v, want %v", name, g, w)
			continue
		}
		for i := range w {
			if math.Abs(g[i]-w[i]) > 1e-9 {
				t.Errorf("%s: %v, want %v", name, g, w)
				break
			}
		}
	}
}
