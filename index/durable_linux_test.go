package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/gen"
)

// smallDisk mounts a tmpfs of size bytes for the test and returns its path
// with a ballast file that takes all but keep bytes of it; removing the
// ballast gives the space back. The test is skipped where mounting is not
// permitted (not root, no CAP_SYS_ADMIN).
func smallDisk(t *testing.T, size, keep int64) (dir, ballast string) {
	t.Helper()
	dir = t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skipf("cannot mount a tmpfs (%v); the full-disk test needs root", err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	ballast = filepath.Join(dir, "ballast")
	if size > keep {
		if err := os.WriteFile(ballast, make([]byte, size-keep), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ballast
}

// fillUntilRefused indexes batches of generated petitions until the store
// refuses one, and returns the documents indexed and the refused batch. A
// panic fails the test (it used to be "assignment to entry in nil map"
// inside Bleve). Searches and reads run all along and must not fail.
func fillUntilRefused(t *testing.T, s *Store) (done, refused []xinfang.Document, err error) {
	t.Helper()
	g := gen.New(7)
	first := g.Record(0).ID
	var stop, started atomic.Bool
	var readErr atomic.Value
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			if _, err := s.Search(ctx, xinfang.SearchRequest{Query: "工资", Size: 5}); err != nil {
				readErr.Store(err)
			}
			if started.Load() {
				if _, err := s.Get(ctx, first); err != nil {
					readErr.Store(err)
				}
			}
			time.Sleep(time.Millisecond)
		}
	})
	defer func() {
		stop.Store(true)
		wg.Wait()
		if e := readErr.Load(); e != nil {
			t.Errorf("a read failed while the disk filled: %v", e)
		}
	}()
	for i := 0; i < 200; i++ {
		batch := genDocs(g, nil, i*100, (i+1)*100)
		if err := s.Index(ctx, batch); err != nil {
			return done, batch, err
		}
		done = append(done, batch...)
		started.Store(true)
	}
	t.Fatalf("%d documents indexed and the small disk never filled", len(done))
	return nil, nil, nil
}

// retryUntilIndexed retries the refused batch as the Kafka consumer does,
// until it is durable.
func retryUntilIndexed(t *testing.T, s *Store, docs []xinfang.Document) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := s.Index(ctx, docs)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch still refused 30s after space returned: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkExactlyOnce checks that the store holds exactly the given documents.
func checkExactlyOnce(t *testing.T, s *Store, docs []xinfang.Document) {
	t.Helper()
	if n, err := s.Count(); err != nil || n != uint64(len(docs)) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(docs))
	}
	res, err := s.Search(ctx, xinfang.SearchRequest{Size: 0})
	if err != nil || res.Total != uint64(len(docs)) {
		t.Errorf("search total = %d, %v; want %d", res.Total, err, len(docs))
	}
	for _, i := range []int{0, len(docs) / 2, len(docs) - 1} {
		if _, err := s.Get(ctx, docs[i].ID); err != nil {
			t.Errorf("Get(%s) = %v", docs[i].ID, err)
		}
	}
}

// TestFullDisk fills a small tmpfs until a write fails with "no space left
// on device": the write fails cleanly (EUNAVAILABLE), Health says why,
// searches go on, nothing panics; once space returns the refused batch goes
// in, and after a reopen every document is there exactly once.
func TestFullDisk(t *testing.T) {
	dir, ballast := smallDisk(t, 16<<20, 4<<20)
	path := filepath.Join(dir, "data")
	s, err := Open(path, Options{SearchTimeout: testSearchTimeout, MinFreeBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	done, refused, err := fillUntilRefused(t, s)
	if xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Index on a full disk = %v, want EUNAVAILABLE naming the full device", err)
	}
	if h := s.Health(); h == nil || !strings.Contains(h.Error(), "no space left on device") {
		t.Errorf("Health on a full disk = %v, want the write error", h)
	}
	// Later batches are refused at once rather than piling up in memory.
	if err := s.Index(ctx, refused[:1]); xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Index while writes fail = %v, want EUNAVAILABLE", err)
	}
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	retryUntilIndexed(t, s, refused)
	if h := s.Health(); h != nil {
		t.Errorf("Health after space returned = %v, want nil", h)
	}
	all := append(done, refused...)
	checkExactlyOnce(t, s, all)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path, Options{SearchTimeout: testSearchTimeout, MinFreeBytes: -1}); err != nil {
		t.Fatal(err)
	}
	checkExactlyOnce(t, s, all)
}

// TestLowDisk checks the free-space threshold: below it a batch is refused
// before anything is written while searches go on, and it goes in once
// space returns.
func TestLowDisk(t *testing.T) {
	dir, ballast := smallDisk(t, 32<<20, 32<<20)
	s, err := Open(filepath.Join(dir, "data"), Options{SearchTimeout: testSearchTimeout, MinFreeBytes: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := gen.New(7)
	first, second := genDocs(g, nil, 0, 500), genDocs(g, nil, 500, 1000)
	if err := s.Index(ctx, first); err != nil {
		t.Fatal(err)
	}
	free, err := freeBytes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ballast, make([]byte, free-(1<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	err = s.Index(ctx, second)
	if xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE || !strings.Contains(err.Error(), "disk low") {
		t.Fatalf("Index below the threshold = %v, want EUNAVAILABLE saying the disk is low", err)
	}
	if h := s.Health(); h == nil || !strings.Contains(h.Error(), "disk low") {
		t.Errorf("Health below the threshold = %v, want disk low", h)
	}
	checkExactlyOnce(t, s, first)
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	if h := s.Health(); h != nil {
		t.Errorf("Health after space returned = %v, want nil", h)
	}
	retryUntilIndexed(t, s, second)
	checkExactlyOnce(t, s, append(first, second...))
}
