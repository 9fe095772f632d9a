// Package corpus lets tests and benchmarks read the shared real-world corpus
// (../shared/corpus) in place, and decides what its absence means: a skip on a
// laptop, a failure where AGENDA_CORPUS=required (.ci/run sets it), so that a
// moved or renamed folder cannot silently switch tests off. It is linked only
// into tests.
package corpus

import (
	"os"
	"testing"
)

// Need skips tb, or fails it where the corpus is required, unless path
// exists; what names the tests that need it.
func Need(tb testing.TB, path, what string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		if Required() {
			tb.Fatalf("%s needs %s, which is missing (%v); AGENDA_CORPUS=required turns this skip into a failure", what, path, err)
		}
		tb.Skipf("%s skipped: %s is not here (%v)", what, path, err)
	}
}

// Required reports whether a missing corpus is a failure.
func Required() bool { return os.Getenv("AGENDA_CORPUS") == "required" }
