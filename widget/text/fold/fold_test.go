package fold

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"zero copy", "zero copy"},
		{"Zero-Copy", "zero copy"},
		{"Fernández", "fernandez"},
		{"  --Hello,   World!!  ", "hello world"},
		{"Straße", "strasse"},
		{"STRAẞE", "strasse"},
		{"Ærøskøbing", "aeroskobing"},
		{"Łódź", "lodz"},
		{"Œuvre", "oeuvre"},
		{"Þórr", "thorr"},
		{"Peña Nieto", "pena nieto"},
		{"Dvořák", "dvorak"},
		{"Nguyễn Văn Đức", "nguyen van duc"},
		{"İstanbul", "istanbul"},
		{"ﬁnance", "finance"},
		{"Café\u0301", "cafe"},                 // combining acute after an accented letter
		{"Cafe\u0301 au lait", "cafe au lait"}, // decomposed é
		{"zero\u00adcopy", "zerocopy"},         // soft hyphen joins
		{"Go 1.26", "go 1 26"},
		{"C++/Rust", "c rust"},
		{"Ελληνικά", "ελληνικα"},
		{"ΣΟΦΟΣ σοφός", "σοφοσ σοφοσ"},
		{"Ёлка", "елка"},
		{"東京 2025", "東京 2025"},
		{"emoji 🎉 party", "emoji party"},
		{"a\xffb", "a b"},
		{"K", "k"}, // Kelvin sign
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendFold([]byte("x:"), tt.in)); got != "x:"+tt.want {
			t.Errorf("AppendFold(x:, %q) = %q, want %q", tt.in, got, "x:"+tt.want)
		}
	}
}

// TestTables checks that every table entry is a lower-case ASCII letter or the
// '0' placeholder, and that placeholders in the Latin ranges that are letters
// are either handled by multi or left alone on purpose.
func TestTables(t *testing.T) {
	for _, tab := range []string{latin, latinAdditional} {
		for i := 0; i < len(tab); i++ {
			if c := tab[i]; c != '0' && (c < 'a' || c > 'z') {
				t.Errorf("table byte %d = %q", i, c)
			}
		}
	}
	if len(latin) != 0x250-0xC0 || len(latinAdditional) != 0x100 {
		t.Fatalf("table lengths %d, %d", len(latin), len(latinAdditional))
	}
}

func TestAppendFoldNoAlloc(t *testing.T) {
	buf := make([]byte, 0, 256)
	s := "Zero-Copy Decoding with Muñoz and Ærøskøbing — Ελληνικά"
	if n := testing.AllocsPerRun(100, func() { buf = AppendFold(buf[:0], s) }); n != 0 {
		t.Errorf("AppendFold allocates %v times", n)
	}
	f := "already folded text"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(f) }); n != 0 {
		t.Errorf("Fold of folded text allocates %v times", n)
	}
}

func check(t *testing.T, in string) {
	out := Fold(in)
	if again := Fold(out); again != out {
		t.Fatalf("not idempotent: Fold(%q) = %q, Fold of that = %q", in, out, again)
	}
	if !utf8.ValidString(out) {
		t.Fatalf("Fold(%q) = %q: invalid UTF-8", in, out)
	}
	if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
		t.Fatalf("Fold(%q) = %q: bad spacing", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; 'A' <= c && c <= 'Z' || c < ' ' || c == 0x7f {
			t.Fatalf("Fold(%q) = %q: byte %q", in, out, c)
		}
	}
	if got := string(AppendFold(nil, in)); got != out {
		t.Fatalf("AppendFold(nil, %q) = %q, Fold = %q", in, got, out)
	}
}

// TestAllRunes folds every code point on its own and in a word.
func TestAllRunes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		check(t, string(r))
		check(t, "A"+string(r)+"b")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Zero-Copy", "Fernández", "Straße ﬁ", "Ελληνικά", "a\u0301\u00ad-b", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(check)
}

var sink []byte

func BenchmarkAppendFold(b *testing.B) {
	s := strings.Repeat("Zero-Copy Decoding of Schedules, by José Fernández (Main Stage). ", 8)
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFold(buf[:0], s)
	}
	sink = buf
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"José Núñez":               "jose-nunez",
		"Straße & Øresund":         "strasse-oresund",
		"  Hello,   World!  ":      "hello-world",
		"O'Brien":                  "o-brien",
		"Łukasz Żółć":              "lukasz-zolc",
		"Ștefan Țiriac":            "stefan-tiriac",
		"e\u0301cole":              "ecole",
		"C++ / Rust: 2025 edition": "c-rust-2025-edition",
		"Владимир":                 "",
		"":                         "",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestClasses checks tables.go against the unicode package; after a Go
// upgrade that moves to a new Unicode version, run go generate.
func TestClasses(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := uint32(sep)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
			want = keep
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
			want = drop
		}
		if got := class(r); got != want {
			t.Fatalf("class(%U) = %d, want %d (Unicode %s; run go generate)", r, got, want, unicode.Version)
		}
	}
	if len(ranges) != numRanges {
		t.Errorf("%d runs decoded, want %d", len(ranges), numRanges)
	}
}
