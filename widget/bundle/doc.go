// Package bundle is the binary form of a schedule that the wasm widget embeds:
// Encode (host side) turns a model.Schedule into bytes, Open (browser side)
// reads them in place, handing out substrings of the data without copying.
//
// The decoder (decode.go) imports only errors, hash/crc32, math/bits,
// strconv, unicode/utf8 and unsafe, so it adds almost nothing to the wasm;
// the encoder (encode.go) uses the schedule model, time and the host's
// zoneinfo.
//
// # Layout, format version 4
//
// The format is built to cost nothing over its text once compressed: with
// brotli -q 11 the FOSDEM 2025 bundle is smaller than the same schedule as
// minified JSON. So there are no string offsets, no fixed records and no
// stored indexes: strings are laid out in a fixed order with a terminator,
// numbers are stored column by column, and Open computes the rest.
//
// All integers are little-endian. Offsets are from the start of the data.
//
//	header (20 + 8·N bytes)
//	  0  magic    "AGND"
//	  4  version  uint16 (4)
//	  6  flags    uint16 (0; any other value is rejected)
//	  8  length   uint32: total length of the bundle
//	 12  crc      uint32: CRC-32 (IEEE) of bytes [16, length)
//	 16  N        uint32: number of sections (15 in version 4)
//	 20  table    N × {offset uint32, length uint32} in bytes, in the order below
//
// With D days, R rooms, K kinds, T tracks, P speakers, S sessions and G
// languages, a "small index" is a uint8 (0xFF = none) when its count is
// below 255, else a uint16 (0xFFFF = none); a "varint" is an unsigned LEB128
// varint below 2³².
//
//	 #  section         content
//	 0  counts          uint32 D, R, K, T, P, S, G
//	 1  days            int64 × D: UTC unix of each day's beginning (local
//	                    midnight, or the conference's day change); local
//	                    times come from the zone name, not from offsets
//	 2  link counts     varint × P: the number of links of each speaker
//	 3  start           int64 × S: UTC unix seconds (0 = unscheduled)
//	 4  end             uint64 × S: end - start, wrapping (end 0 = unknown)
//	 5  room            small index × S (R)
//	 6  track           small index × S (T)
//	 7  language        small index × S (G; none = unknown)
//	 8  day             small index × S (D; none = unscheduled)
//	 9  kind            uint8 × S: schedule.Kind
//	10  speaker counts  varint × S
//	11  speakers        varint × Σ speaker counts: speaker indices, billing order
//	12  tag counts      varint × S
//	13  by slug         S × session index ordered by slug: uint16, or uint32
//	                    when S > 65536
//	14  strings         every string, valid UTF-8, followed by 0xFF (which
//	                    valid UTF-8 never contains), in this order:
//	                      conference id, name, time zone (IANA), base URL;
//	                      day dates "2006-01-02" × D; room names × R (display
//	                      order); kind names × K (k names schedule.Kind(k));
//	                      track names × T (distinct, sorted);
//	                      language names × G (distinct, sorted; as the
//	                      source wrote them, "en", "Deutsch");
//	                      speakers' slugs × P, names × P, roles × P,
//	                      bios (HTML) × P, URLs × P;
//	                      links' labels × L, URLs × L (L = Σ link counts;
//	                      speaker by speaker);
//	                      title, keywords, URL of session 0, of session 1, …;
//	                      sessions' slugs × S, locations × S,
//	                      descriptions (HTML) × S;
//	                      tags × Σ tag counts (session by session)
//
// Fields that belong together compress best side by side: a session's
// keywords repeat its title folded, its URL usually its slug, and a column of
// URLs or slugs repeats its own prefixes. Sessions are in programme order
// (model.Schedule.Sort: start, room order, slug; unscheduled last): Encode
// sorts a copy, so input order does not matter. Speakers are ordered by slug.
//
// Open checks the magic, version, length and checksum, every section's
// bounds and size against the counts, every varint, the string table (the
// exact number of strings, each valid UTF-8), every small index (room,
// track, language, day) against its count, every speaker index and by-slug
// entry, and the slug orders. It then builds, in a single allocation, the
// offsets of the strings, the prefix sums of the counts and the index lists
// (by day, room, speaker, kind, track and language, in programme order, by
// counting sort). After that no accessor can go out of bounds; only indexes
// passed in by the caller can (they panic like a slice would).
//
// # Search
//
// Session.Search returns the session's keywords: fold.Fold of its title,
// speaker names, room, track and tags (not the language: "en" or "de" would
// match half the words of every title), so a query matches them when
// strings.Contains(s.Search(), fold.Fold(q)). Descriptions are not in it:
// their folded copy cost about a fifth of the bundle after brotli, for text
// the query layer can fold itself at run time when it searches descriptions
// (Session.Description is HTML; fold its text).
//
// Runs in: both: Encode in the compiler, Open in the browser.
package bundle
