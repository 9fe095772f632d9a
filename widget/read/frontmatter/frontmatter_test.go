package frontmatter

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		front     string
		frontLine int
		body      string
		errLine   int
		errHas    string
		format    Format
	}{
		{name: "plain", in: "+++\ntitle = \"x\"\n+++\nbody\n", front: "title = \"x\"\n", frontLine: 2, body: "body\n"},
		{name: "crlf", in: "+++\r\ntitle = \"x\"\r\n+++\r\nbody", front: "title = \"x\"\r\n", frontLine: 2, body: "body"},
		{name: "bom", in: "\xef\xbb\xbf+++\na = 1\n+++\n", front: "a = 1\n", frontLine: 2},
		{name: "blank lines first", in: "\n\n+++\na = 1\n+++", front: "a = 1\n", frontLine: 4},
		{name: "empty front", in: "+++\n+++\n", front: "", frontLine: 2},
		{name: "empty file", in: "", errLine: 1, errHas: "empty"},
		{name: "only spaces", in: "  \n\n", errLine: 1, errHas: "empty"},
		{name: "no front matter", in: "# Title\n", errLine: 1, errHas: "no front matter"},
		{name: "yaml", in: "---\na: 1\n---\nbody", front: "a: 1\n", frontLine: 2, body: "body", format: YAML},
		{name: "yaml unterminated", in: "---\na: 1\n+++\n", errLine: 1, errHas: "never closed"},
		{name: "toml closed by yaml fence", in: "+++\na = 1\n---\n", errLine: 1, errHas: "never closed"},
		{name: "unterminated", in: "\n+++\na = 1\n", errLine: 2, errHas: "never closed"},
		{name: "not utf8", in: "+++\na = \"\xff\xfe\"\n+++\n", errLine: 2, errHas: "UTF-8"},
		{name: "binary", in: "+++\x00\x01\x02", errLine: 1, errHas: "NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Split([]byte(tt.in))
			if tt.errHas != "" {
				e, ok := IsError(err)
				if !ok {
					t.Fatalf("Split() error = %v, want an *Error containing %q", err, tt.errHas)
				}
				if e.Line != tt.errLine || !strings.Contains(e.Msg, tt.errHas) || e.Hint == "" {
					t.Fatalf("Split() error = line %d %q (hint %q), want line %d containing %q and a hint", e.Line, e.Msg, e.Hint, tt.errLine, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatalf("Split() error = %v", err)
			}
			if string(p.Front) != tt.front || p.FrontLine != tt.frontLine || string(p.Body) != tt.body || p.Format != tt.format {
				t.Fatalf("Split() = front %q line %d body %q, want %q line %d body %q", p.Front, p.FrontLine, p.Body, tt.front, tt.frontLine, tt.body)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"+++\na=1\n+++\nbody", "\xef\xbb\xbf+++\r\n+++", "", "---\n", "+++", "\n\n+++\n\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Split(data)
		if err != nil {
			if _, ok := IsError(err); !ok {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		if p.FrontLine < 2 {
			t.Fatalf("FrontLine = %d", p.FrontLine)
		}
		if len(p.Front) > len(data) || len(p.Body) > len(data) {
			t.Fatal("parts longer than input")
		}
	})
}
