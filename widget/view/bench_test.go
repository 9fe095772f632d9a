//go:build js && wasm

package view

import "testing"

// BenchmarkKeystroke measures one search keystroke on a small programme:
// the fixed cost of an update, whatever the programme's size.
func BenchmarkKeystroke(b *testing.B) {
	t := &testing.T{}
	in := Mount(host(t, ""), open(t, conference()), Options{})
	defer in.Destroy()
	words := []string{"a", "as", "asy", "async", ""}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		in.st.filter.Text = words[i%len(words)]
		in.update(false)
	}
}
