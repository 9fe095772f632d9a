package civil

// AppendRFC3339UTC appends the UTC time sec seconds after the Unix epoch in
// RFC 3339 ("2025-10-09T11:45:00Z") to dst and returns the extended slice,
// byte for byte what time.Unix(sec, 0).UTC().AppendFormat(dst,
// time.RFC3339) gives for every int64 (a year outside 0 to 9999 as that
// does: a minus sign, or more digits), without the layout engine (about 8
// KiB of the wasm after brotli) or the zone code. It does not allocate when
// dst has room for 20 more bytes.
func AppendRFC3339UTC(dst []byte, sec int64) []byte {
	y, mo, d, h, mi, s := UTC(sec)
	if y < 0 {
		dst = append(dst, '-')
		y = -y
	}
	dst = appendInt(dst, y, 4)
	dst = append(dst, '-')
	dst = appendInt(dst, mo, 2)
	dst = append(dst, '-')
	dst = appendInt(dst, d, 2)
	dst = append(dst, 'T')
	dst = appendInt(dst, h, 2)
	dst = append(dst, ':')
	dst = appendInt(dst, mi, 2)
	dst = append(dst, ':')
	dst = appendInt(dst, s, 2)
	return append(dst, 'Z')
}

// appendInt appends v >= 0 in decimal, zero-padded to width digits.
func appendInt(dst []byte, v, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v >= 10 || width > 1 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	i--
	buf[i] = byte('0' + v)
	return append(dst, buf[i:]...)
}
