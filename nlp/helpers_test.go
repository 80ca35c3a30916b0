package nlp

import (
	"os"
	"testing"
)

func testAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
