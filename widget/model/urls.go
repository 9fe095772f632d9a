package model

import (
	"strings"

	"github.com/agendaconf/agenda/widget/model/diag"
)

// SafeURL reports whether u may stand in an href, a calendar file's URL: line
// or an export: an http:, https: or mailto: address. Anything else
// (javascript:, data:, vbscript:, file:, a bare "example.org", a path, which
// means nothing in a widget on another site or in a calendar) is refused, as
// is a URL holding control characters: browsers strip tabs and newlines out
// of URLs, and a line break would end the URL: line of a calendar file. u is
// taken as is; the empty string is not a URL and is refused.
func SafeURL(u string) bool {
	if u == "" || hasControl(u) {
		return false
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		return strings.HasPrefix(u[len(scheme)+1:], "//")
	case "mailto":
		return len(u) > len("mailto:")
	}
	return false
}

// SitePath reports whether u is a path on the conference's own site
// ("/talks/x"), which CleanURLs resolves against the base URL.
func SitePath(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !hasControl(u)
}

func hasControl(u string) bool {
	for i := 0; i < len(u); i++ {
		if c := u[i]; c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// CleanURLs applies SafeURL to every URL in the model: the conference's base
// URL, each session's URL, each speaker's URL and links. A path on the
// conference's site becomes a whole address on its base URL. A refused URL is
// dropped (a link with it as a whole), with a warning at the place the
// session, speaker or conference was read from. URLs are trimmed of
// surrounding white space first. Check runs it, so every reader's output
// passes through it on its way into the model.
func CleanURLs(s *Schedule) diag.List {
	var l diag.List
	origin := "" // "https://conf.example", paths are made whole on it
	clean := func(u *string, pos diag.Pos, what string) bool {
		*u = strings.TrimSpace(*u)
		if *u == "" || SafeURL(*u) {
			return true
		}
		if SitePath(*u) {
			if origin != "" && SafeURL(origin+*u) {
				*u = origin + *u
				return true
			}
			l.Warn(pos, what+" "+quote(short(*u))+" is a path on the conference's site, which has no base URL: it is dropped",
				"set base_url in agenda.toml, or write the whole address")
			*u = ""
			return false
		}
		l.Warn(pos, what+" "+quote(short(*u))+" is not a web address and is dropped",
			"links may be http://, https://, mailto:, or a /path on the conference's site (with a base URL)")
		*u = ""
		return false
	}
	if clean(&s.Conference.BaseURL, s.Conference.Pos, "the conference's base URL") {
		origin = originOf(s.Conference.BaseURL)
	}
	for i := range s.Sessions {
		ss := &s.Sessions[i]
		clean(&ss.URL, ss.Pos, "session "+quote(ss.Slug)+": URL")
	}
	for i := range s.Speakers {
		sp := &s.Speakers[i]
		clean(&sp.URL, sp.Pos, "speaker "+quote(sp.Slug)+": URL")
		kept := sp.Links[:0]
		for _, ln := range sp.Links {
			if clean(&ln.URL, sp.Pos, "speaker "+quote(sp.Slug)+": link "+quote(ln.Label)) && ln.URL != "" {
				kept = append(kept, ln)
			}
		}
		if len(kept) == 0 {
			kept = nil
		}
		sp.Links = kept
	}
	// Links inside descriptions and bios: the sanitiser kept paths, which
	// mean nothing on a partner's page; whole, they lead home.
	unresolved := 0
	for i := range s.Sessions {
		s.Sessions[i].Description, unresolved = resolveLinks(s.Sessions[i].Description, origin, unresolved)
	}
	for i := range s.Speakers {
		s.Speakers[i].Bio, unresolved = resolveLinks(s.Speakers[i].Bio, origin, unresolved)
	}
	if unresolved > 0 {
		l.Warn(s.Conference.Pos, diag.Plural(unresolved, "link")+" in descriptions and bios "+diag.IsAre(unresolved)+" a path on the conference's site, which has no base URL: shown as text",
			"set base_url in agenda.toml, or write whole addresses")
	}
	return l
}

// resolveLinks makes the site paths among sanitised HTML's links
// (href="/talks/x") whole on origin, and counts onto n those it cannot, for
// want of an origin. The sanitiser writes every link as href="…" with the
// value escaped, which is all this reads.
func resolveLinks(h, origin string, n int) (string, int) {
	const attr = ` href="`
	if !strings.Contains(h, attr+"/") {
		return h, n
	}
	if strings.ContainsAny(origin, "\"'<>& ") { // not one to write into markup as is
		origin = ""
	}
	var b strings.Builder
	for {
		i := strings.Index(h, attr)
		if i < 0 {
			break
		}
		i += len(attr)
		b.WriteString(h[:i])
		h = h[i:]
		end := strings.IndexByte(h, '"')
		if end >= 0 && SitePath(h[:end]) {
			if origin == "" {
				n++
			} else {
				b.WriteString(origin)
			}
		}
	}
	b.WriteString(h)
	return b.String(), n
}

// originOf returns the scheme and host of an http(s) URL, "" for others. By
// hand: net/url would link fmt into the wasm, which links this package.
func originOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 || !SafeURL(u) || strings.HasPrefix(strings.ToLower(u), "mailto:") {
		return ""
	}
	end := len(u)
	if j := strings.IndexAny(u[i+3:], "/?#"); j >= 0 {
		end = i + 3 + j
	}
	return u[:end]
}

// short keeps a message readable when the URL is a long data: URL.
func short(u string) string {
	const max = 80
	if len(u) <= max {
		return u
	}
	cut := max
	for cut > 0 && u[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return u[:cut] + "…"
}
