package pretalx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
	"github.com/agendaconf/agenda/widget/read/input"
)

// The file as decoded. Lists keep where each entry starts, so that every
// message about a talk, room or speaker names its line.
type file struct {
	talks    []item[talkJSON]
	rooms    []item[roomJSON]
	tracks   []item[trackJSON]
	speakers []item[speakerJSON]
	timezone string
	zonePos  diag.Pos // the "timezone" key, or the file
	start    string   // event_start, "2025-03-01"
	hasTalks bool     // the file has a "talks" key
	hasRooms bool
}

// item is one entry of a list and where it starts.
type item[T any] struct {
	v   T
	pos diag.Pos
}

type talkJSON struct {
	Code          json.RawMessage   `json:"code"` // a string; absent or null for a break
	ID            json.RawMessage   `json:"id"`
	Title         text              `json:"title"`
	Abstract      text              `json:"abstract"`
	Speakers      []json.RawMessage `json:"speakers"` // speaker codes
	Track         json.RawMessage   `json:"track"`    // a track id, or null
	Room          json.RawMessage   `json:"room"`     // a room id
	Start         json.RawMessage   `json:"start"`
	End           json.RawMessage   `json:"end"`
	Duration      json.RawMessage   `json:"duration"` // minutes
	SlotType      json.RawMessage   `json:"slot_type"`
	ContentLocale json.RawMessage   `json:"content_locale"`
}

type roomJSON struct {
	ID   json.RawMessage `json:"id"`
	Name text            `json:"name"`
}

type trackJSON struct {
	ID   json.RawMessage `json:"id"`
	Name text            `json:"name"`
}

type speakerJSON struct {
	Code json.RawMessage `json:"code"`
	Name text            `json:"name"`
}

// text is a name or title as pretalx writes it: a string, or an object from
// language code to text ({"en": "Hall", "de": "Saal"}), in file order. A
// plain string is one entry with no language. bad is what JSON value was
// found instead of either ("number"), for the reader to report: an error
// from UnmarshalJSON would stop encoding/json reading the rest of the entry.
type text struct {
	texts []langText
	bad   string
}

type langText struct{ lang, s string }

func (t *text) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	*t = text{}
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		t.texts = []langText{{"", s}}
		return nil
	case data[0] != '{':
		t.bad = "a number"
		switch data[0] {
		case '[':
			t.bad = "a list"
		case 't', 'f':
			t.bad = "true or false"
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			continue // a language whose text is not a string says nothing
		}
		lang, _ := k.(string)
		t.texts = append(t.texts, langText{strings.TrimSpace(lang), s})
	}
	return nil
}

// pick returns the text in lang, else the first non-empty one.
func (t text) pick(lang string) string {
	for _, e := range t.texts {
		if e.lang == lang && strings.TrimSpace(e.s) != "" {
			return e.s
		}
	}
	for _, e := range t.texts {
		if strings.TrimSpace(e.s) != "" {
			return e.s
		}
	}
	return ""
}

// chooseLanguage picks the one language the whole file is read in: want when
// given, else "en" when any name has an English text, else the language the
// most names have (the first met on a tie). Files with only plain strings
// need none.
func chooseLanguage(want string, texts []text) string {
	if want = strings.TrimSpace(want); want != "" {
		return want
	}
	count := map[string]int{}
	var order []string
	for _, t := range texts {
		for _, e := range t.texts {
			if e.lang == "" || strings.TrimSpace(e.s) == "" {
				continue
			}
			if count[e.lang] == 0 {
				order = append(order, e.lang)
			}
			count[e.lang]++
		}
	}
	if count["en"] > 0 {
		return "en"
	}
	best := ""
	for _, l := range order {
		if count[l] > count[best] {
			best = l
		}
	}
	return best
}

// checkDepth bounds a file before it is decoded: arrays and objects nested
// at most MaxDepth deep. It returns the offset of the first bracket too deep,
// or -1.
func checkDepth(data []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			if depth++; depth > MaxDepth {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

// lines turns byte offsets into positions.
type lines struct {
	name   string
	starts []int // offset of each line's first byte
}

func newLines(name string, data []byte) lines {
	l := lines{name: name, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

func (l lines) pos(off int) diag.Pos {
	n := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) // lines starting at or before off
	if n == 0 {
		n = 1
	}
	return diag.Pos{File: l.name, Line: n, Col: off - l.starts[n-1] + 1}
}

// decode reads the top level of the file; nil when it is not a pretalx
// widget schedule.json at all (the reason is reported).
func (b *builder) decode(data []byte) *file {
	whole := diag.Pos{File: b.name}
	dec := json.NewDecoder(bytes.NewReader(data))
	broken := func(err error) {
		var se *json.SyntaxError
		at := whole
		if errors.As(err, &se) {
			// A Decoder's Offset is the byte before the one at fault.
			at = b.lines.pos(min(int(se.Offset)+1, len(data)))
		} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			at = b.lines.pos(len(data))
			err = errors.New("unexpected end of JSON input")
		}
		b.d.Error(at, "broken JSON: "+err.Error(),
			"the file looks truncated or damaged; download it again (jq . shows JSON errors)")
	}
	tok, err := dec.Token()
	if err != nil {
		broken(err)
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		b.d.Error(whole, "not a pretalx widget schedule.json: the top level is not an object",
			"download /<event>/schedule/widgets/schedule.json from pretalx")
		return nil
	}
	f := &file{zonePos: whole}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			broken(err)
			return nil
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			broken(err)
			return nil
		}
		off := int(dec.InputOffset()) - len(raw)
		switch key {
		case "talks":
			f.hasTalks = true
			f.talks = decodeList[talkJSON](b, key, raw, off)
		case "rooms":
			f.hasRooms = true
			f.rooms = decodeList[roomJSON](b, key, raw, off)
		case "tracks":
			f.tracks = decodeList[trackJSON](b, key, raw, off)
		case "speakers":
			f.speakers = decodeList[speakerJSON](b, key, raw, off)
		case "timezone":
			f.timezone = rawString(raw)
			f.zonePos = b.lines.pos(off)
		case "event_start":
			f.start = rawString(raw)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		broken(err)
		return nil
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		b.d.Error(b.lines.pos(len(data)-len(rest)), "more after the end of the top-level object: "+quote(diag.Excerpt(rest)),
			"the file holds two documents or trailing garbage; download it again")
	}
	if !f.hasTalks && !f.hasRooms {
		b.d.Error(whole, "not a pretalx widget schedule.json: there is no \"talks\" or \"rooms\" list at the top",
			"download /<event>/schedule/widgets/schedule.json from pretalx")
		return nil
	}
	return f
}

// decodeList reads the list under key, which starts at offset base of the
// file; entries of the wrong type are reported and read as far as they go.
func decodeList[T any](b *builder, key string, raw json.RawMessage, base int) []item[T] {
	if string(raw) == "null" {
		return nil
	}
	if len(raw) == 0 || raw[0] != '[' {
		b.d.Error(b.lines.pos(base), quote(key)+" must be a list, not "+diag.Excerpt(raw), "download the file from pretalx again")
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var out []item[T]
	for i := 0; dec.More(); i++ {
		off := int(dec.InputOffset())
		for off < len(raw) && (raw[off] == ',' || raw[off] == ' ' || raw[off] == '\t' || raw[off] == '\r' || raw[off] == '\n') {
			off++
		}
		var it item[T]
		it.pos = b.lines.pos(base + off)
		err := dec.Decode(&it.v)
		if field, found := badText(&it.v); err == nil && field != "" {
			b.d.Error(it.pos, key+"["+strconv.Itoa(i)+"]: "+field+" is "+found+", not a text or an object from language to text",
				"fix the value's type; pretalx writes names as \"Hall\" or {\"en\": \"Hall\"}")
		}
		if err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				b.d.Error(it.pos, key+"["+strconv.Itoa(i)+"]: "+err.Error(), "download the file from pretalx again")
				return out
			}
			b.d.Error(it.pos, key+"["+strconv.Itoa(i)+"]: "+input.TypeError(te, "the entry"), "this is not how pretalx writes it; download the file from pretalx again")
			if te.Field == "" { // the entry itself is not an object: nothing to read
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

// badText names the first field of an entry whose text has the wrong type,
// and what was found there.
func badText(v any) (field, found string) {
	var fields []struct {
		name string
		t    *text
	}
	add := func(name string, t *text) {
		fields = append(fields, struct {
			name string
			t    *text
		}{name, t})
	}
	switch x := v.(type) {
	case *talkJSON:
		add("title", &x.Title)
		add("abstract", &x.Abstract)
	case *roomJSON:
		add("name", &x.Name)
	case *trackJSON:
		add("name", &x.Name)
	case *speakerJSON:
		add("name", &x.Name)
	}
	for _, f := range fields {
		if f.t.bad != "" {
			return f.name, f.t.bad
		}
	}
	return "", ""
}

// rawString returns a JSON string's value, trimmed; "" for anything else.
func rawString(r json.RawMessage) string {
	var s string
	if json.Unmarshal(r, &s) != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// present reports whether r holds a value other than null.
func present(r json.RawMessage) bool {
	r = bytes.TrimSpace(r)
	return len(r) > 0 && string(r) != "null"
}

// Detect reports whether data is a pretalx widget schedule.json rather than
// a c3voc schedule.json: a JSON object with a "talks" list at the top and no
// "schedule" key (every c3voc file has one). It reads only the top-level
// keys; broken JSON counts as what its keys so far say.
func Detect(data []byte) bool {
	data = input.TrimBOM(data)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if _, err := dec.Token(); err != nil {
		return false
	}
	talks := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case "schedule":
			return false
		case "talks":
			talks = true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
	}
	return talks
}

func quote(s string) string { return strconv.Quote(s) }
