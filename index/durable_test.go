package index

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestCreateCloseReopen: a fresh index closed at once opens again. Bleve
// stores the mapping with an internal-only batch while it creates the
// index, which in unsafe-batch mode nothing waits for.
func TestCreateCloseReopen(t *testing.T) {
	for i := range 20 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(i))
		s, err := Open(dir, Options{SearchTimeout: testSearchTimeout})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(dir, Options{SearchTimeout: testSearchTimeout}); err != nil {
			t.Fatalf("reopen of a fresh index (try %d): %v", i, err)
		}
		s.Close()
	}
}
