package core

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzFragment: the URL fragment is anyone's. Reading any fragment never
// panics and leaves a state that Fragment writes and ReadFragment reads back
// unchanged; writing never drops another widget's or the page's keys.
func FuzzFragment(f *testing.F) {
	for _, s := range []string{"", "#", "#agenda.q=z%C3%A9ro+%26+co&agenda.view=grid", "#agenda%2eq=100%+sure%zz%",
		"#agenda.q=%FF%FEx", "#agenda.q", "#&&=&agenda.day=9999-99-99&agenda.session=%00", "#page=1&agenda2.q=b&agenda.room=Main+Stage"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, hash string) {
		c := widget(t, Options{})
		c.ReadFragment(hash, "agenda.", false)
		out := c.Fragment(hash, "agenda.")
		again := widget(t, Options{})
		again.ReadFragment(out, "agenda.", false)
		if !reflect.DeepEqual(again.State(), c.State()) {
			t.Fatalf("%q read as %+v; written as %q, read back as %+v", hash, c.State(), out, again.State())
		}
		for _, part := range strings.Split(strings.TrimPrefix(hash, "#"), "&") {
			key, _, _ := strings.Cut(part, "=")
			if part != "" && !strings.HasPrefix(formDecode(key), "agenda.") && !strings.Contains("&"+strings.TrimPrefix(out, "#")+"&", "&"+part+"&") {
				t.Fatalf("%q: the key %q was dropped: %q", hash, part, out)
			}
		}
		if formDecode(formEncode(hash)) != hash {
			t.Fatalf("formDecode(formEncode(%q)) = %q", hash, formDecode(formEncode(hash)))
		}
	})
}
