package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// icon draws the app icon at size×size pixels: the favicon's three lines on
// the accent colour, inside the middle 60% so that a maskable crop keeps them.
func icon(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	accent := color.NRGBA{0xb7, 0x41, 0x0e, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	unit := size / 16
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			c := accent
			for i, width := range []int{8, 8, 5} { // the lines of icon.svg
				top := (5+3*i)*unit - unit*3/4
				if y >= top && y < top+unit*3/2 && x >= 4*unit && x < (4+width)*unit {
					c = white
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
