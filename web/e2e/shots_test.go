package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// shot writes a PNG of the page as it is now to $AGENDA_SHOTS/name.png when
// AGENDA_SHOTS names a folder: for a person to look at what the tests saw.
// Without it, nothing is written. A page with the widget is taken as the
// viewport shows it: its sessions are content-visibility:auto, which
// Chromium leaves blank below the fold in a full-page capture.
func (b *browser) shot(t *testing.T, name string, full bool) {
	t.Helper()
	dir := os.Getenv("AGENDA_SHOTS")
	if dir == "" {
		return
	}
	var png []byte
	// Quality 100 asks FullScreenshot for PNG rather than JPEG.
	capture := chromedp.CaptureScreenshot(&png)
	if full {
		capture = chromedp.FullScreenshot(&png, 100)
	}
	if err := chromedp.Run(b.ctx, capture); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
