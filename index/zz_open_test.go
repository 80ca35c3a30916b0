package index

import (
	"os"
	"testing"
	"time"
)

func TestZZOpen(t *testing.T) {
	dir := os.Getenv("XF_PROF_DIR")
	if dir == "" {
		t.Skip()
	}
	withDefaults(Options{})
	start := time.Now()
	s, err := Open(dir, Options{Progress: func(m string) { t.Log(m) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("open", time.Since(start))
	s.cur.close(false)
}
