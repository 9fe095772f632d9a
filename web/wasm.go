package web

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// BundleSection is the name of the custom section that carries the
// programme's bundle in agenda.wasm. The loader reads it with
// WebAssembly.Module.customSections and hands it to Go before main runs:
// one file, one brotli stream, and no Go toolchain needed to make it.
const BundleSection = "agenda.bundle"

// AppendSection returns wasm with a custom section (id 0) named name holding
// data appended at its end, where the module format allows custom sections.
// wasm must be a module of format version 1 with no section of that name.
func AppendSection(wasm []byte, name string, data []byte) ([]byte, error) {
	if len(wasm) < 8 || !bytes.Equal(wasm[:8], []byte("\x00asm\x01\x00\x00\x00")) {
		return nil, errors.New("not a WebAssembly module (version 1)")
	}
	if _, ok, err := Section(wasm, name); err != nil || ok {
		if err == nil {
			err = errors.New("the module has a " + name + " section already")
		}
		return nil, err
	}
	body := binary.AppendUvarint(nil, uint64(len(name)))
	body = append(body, name...)
	out := make([]byte, 0, len(wasm)+len(body)+len(data)+10)
	out = append(out, wasm...)
	out = append(out, 0) // custom section
	out = binary.AppendUvarint(out, uint64(len(body)+len(data)))
	out = append(out, body...)
	return append(out, data...), nil
}

// Section returns the payload of the first custom section named name, walking
// the module's sections (wasm's LEB128 lengths are Go's uvarints).
func Section(wasm []byte, name string) ([]byte, bool, error) {
	if len(wasm) < 8 || !bytes.Equal(wasm[:4], []byte("\x00asm")) {
		return nil, false, errors.New("not a WebAssembly module")
	}
	rest := wasm[8:]
	for len(rest) > 0 {
		id := rest[0]
		size, n := binary.Uvarint(rest[1:])
		if n <= 0 || size > uint64(len(rest)-1-n) {
			return nil, false, errors.New("truncated WebAssembly section")
		}
		body := rest[1+n : 1+n+int(size)]
		rest = rest[1+n+int(size):]
		if id != 0 {
			continue
		}
		l, m := binary.Uvarint(body)
		if m <= 0 || l > uint64(len(body)-m) {
			return nil, false, errors.New("bad custom section name")
		}
		if string(body[m:m+int(l)]) == name {
			return body[m+int(l):], true, nil
		}
	}
	return nil, false, nil
}
