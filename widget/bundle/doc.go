// Package bundle is the binary form of a schedule that the wasm widget embeds:
// Encode (host side) turns a schedule.Schedule into bytes, Open (browser side)
// reads them in place, handing out substrings of the data without copying.
//
// The decoder (decode.go) imports only errors, hash/crc32, strconv,
// unicode/utf8 and unsafe, so it adds almost nothing to the wasm; the encoder
// (encode.go) uses the schedule model, time and the host's zoneinfo.
//
// # Layout, format version 1
//
// All integers are little-endian. Offsets are from the start of the data.
//
//	header (20 + 8·N bytes)
//	  0  magic    "AGND"
//	  4  version  uint16 (1)
//	  6  flags    uint16 (0; any other value is rejected)
//	  8  length   uint32: total length of the bundle
//	 12  crc      uint32: CRC-32 (IEEE) of bytes [16, length)
//	 16  N        uint32: number of sections (17 in version 1)
//	 20  table    N × {offset uint32, length uint32} in bytes, in the order below
//
// A string reference ("ref") is {offset uint32, length uint32} into the
// strings section; every string is valid UTF-8 and stored once. A range is
// {first uint32, count uint32} into the records of another section.
//
//	 #  section    record                                                  size
//	 0  strings    bytes                                                   1
//	 1  conference ref id, name, time zone (IANA), base URL                32 (exactly one)
//	 2  days       ref date "2006-01-02", int64 UTC unix of local midnight,
//	               int32 UTC offset in seconds at local noon, uint32 0     24
//	 3  rooms      ref name, display order                                  8
//	 4  kinds      ref name; record k names schedule.Kind(k)                8
//	 5  tracks     ref name, distinct, sorted                               8
//	 6  speakers   ref slug, name, role, bio (HTML), url; range of links   48
//	 7  links      ref label, url                                          16
//	 8  sessions   see below                                               88
//	 9  tags       ref tag (sessions' tag lists point here)                 8
//	10  ints       uint32 (speaker lists and index lists point here)        4
//	11  by day     range into ints of session indices, one per day          8
//	12  by room    one per room                                             8
//	13  by speaker one per speaker                                          8
//	14  by kind    one per kind                                             8
//	15  by track   one per track                                            8
//	16  by slug    uint32 session index, ordered by session slug            4
//
// Session record (88 bytes):
//
//	 0 ref slug        40 ref search (folded text, see below)
//	 8 ref title       48 int64 start, UTC unix seconds (0 = unscheduled)
//	16 ref description 56 int64 end (0 = unknown or unscheduled)
//	24 ref url         64 range into ints: speaker indices, billing order
//	32 ref location    72 range into tags
//	80 uint16 room, 82 uint16 track, 84 uint16 day (0xFFFF = none)
//	86 uint8 kind, 87 uint8 reserved (0)
//
// Sessions are in programme order (schedule.Schedule.Sort: start, room order,
// slug; unscheduled last): Encode sorts a copy, so input order does not
// matter. Speakers are ordered by slug. Every index list is in programme order.
//
// The search text of a session is fold.Fold of its title, speaker names,
// room, track, tags and description (tags stripped, entities decoded), so a
// query matches when strings.Contains(s.Search(), fold.Fold(q)).
//
// Open checks the magic, version, length and checksum, then every section
// bound, record size, string reference (and its UTF-8), range and index, and
// that the slug orders hold. After that no accessor can go out of bounds;
// only indexes passed in by the caller can (they panic like a slice would).
package bundle
