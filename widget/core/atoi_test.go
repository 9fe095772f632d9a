package core

import (
	"strconv"
	"testing"
)

// atoi must answer as strconv.Atoi does, value and error alike.
func TestAtoi(t *testing.T) {
	for _, s := range []string{"", "0", "7", "-7", "+7", "007", "-", "+", "12a", " 1", "1 ", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616", "99999999999999999999999", "-99999999999999999999999", "١٢"} {
		got, gotErr := Atoi(s)
		want, wantErr := strconv.Atoi(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("Atoi(%q) = %d, %v; strconv.Atoi gives %d, %v", s, got, gotErr, want, wantErr)
		}
	}
}
