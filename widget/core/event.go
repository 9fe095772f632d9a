package core

import "strconv"

// Element is what ReadEvent needs of the DOM element an event happened
// on: the view's reads the browser's, tests' a map.
type Element interface {
	Prop(name string) string                 // a string property (id, value), "" if none
	Data(name string) (string, bool)         // the data-name attribute, if present
	Closest(selector string) (Element, bool) // the element itself or its nearest ancestor that matches
}

// actions are the data-* attributes a click acts on, as Event.Action.
var actions = [...]string{"star", "open", "view", "ics", "close"}

// ReadEvent is the Event a DOM event of type typ on target is to Handle;
// key is a keydown's key. A click anywhere inside a control (the star's
// text, a title's button) is the control's.
func ReadEvent(typ, key string, target Element) Event {
	e := Event{Type: typ, ID: target.Prop("id"), Key: key}
	switch typ {
	case "input", "change":
		e.Value = target.Prop("value")
		e.Filter, _ = target.Data("filter")
	case "click":
		el, ok := target.Closest("[data-star],[data-open],[data-view],[data-ics],[data-close],button[id]")
		if !ok {
			break
		}
		e.ID = el.Prop("id")
		for _, a := range actions {
			if v, ok := el.Data(a); ok {
				e.Action, e.Arg = a, v
				break
			}
		}
	}
	return e
}

// TabKey reports whether a keydown of key can mean anything to the widget
// (it moves between the view tabs), so the view can leave every other
// keystroke, such as typing in the search box, without reading more of it.
func TabKey(key string) bool {
	_, ok := tabStep(key, 0)
	return ok
}

// tabStep is the tab that key moves to from tab cur, of three (mod 3).
func tabStep(key string, cur int) (int, bool) {
	switch key {
	case "ArrowRight", "ArrowDown":
		return cur + 1, true
	case "ArrowLeft", "ArrowUp":
		return cur + 2, true
	case "Home":
		return 0, true
	case "End":
		return 2, true
	}
	return 0, false
}

// AppendFlips appends the SetHidden patches of ps to batch in the form the
// loader's __agendaFlip takes: " -s12:40" hides list session s12, which
// has 40 shown sessions above it, " +s13:c3:250:300" shows grid session s13,
// in room column c3, from a quarter of the way down the column to 30% (see
// Patch). Many hidden flips cost one call from wasm into the DOM, not one
// each.
func AppendFlips(batch []byte, ps []Patch) []byte {
	for _, p := range ps {
		if p.Op != SetHidden {
			continue
		}
		sign := byte('+')
		if p.On {
			sign = '-'
		}
		batch = append(append(append(batch, ' ', sign), p.ID...), ':')
		if p.Col != "" {
			batch = strconv.AppendInt(append(append(batch, p.Col...), ':'), int64(p.Top), 10)
			batch = strconv.AppendInt(append(batch, ':'), int64(p.Bottom), 10)
		} else {
			batch = strconv.AppendInt(batch, int64(p.Before), 10)
		}
	}
	return batch
}
