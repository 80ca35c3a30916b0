package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xinfang/xinfang"
)

// reindexBatch is the number of documents per batch of a reindex.
const reindexBatch = 500

// Reindex rebuilds the index from the stored raw documents, passing each
// through analyze (a new dictionary or taxonomy), into a fresh index beside
// the current one, and swaps it in atomically. Searches and writes go on
// against the current index meanwhile; the documents written during the
// rebuild are carried over before the swap. On disk the data directory
// holds index-<n>/ and a CURRENT file naming it, replaced by rename.
func (s *Store) Reindex(ctx context.Context, analyze func(xinfang.Document) xinfang.Document) error {
	s.reindexMu.Lock()
	defer s.reindexMu.Unlock()

	s.writeMu.Lock()
	s.dirty = map[string]bool{}
	seq := s.seq + 1
	s.writeMu.Unlock()
	var fresh *state
	ok := false
	defer func() {
		if ok {
			return
		}
		s.writeMu.Lock()
		s.dirty = nil
		s.writeMu.Unlock()
		if fresh != nil {
			fresh.close(false)
			if fresh.path != "" {
				os.RemoveAll(fresh.path)
			}
		}
	}()

	old, release, err := s.acquire()
	if err != nil {
		return err
	}
	path := ""
	if s.dir != "" {
		path = filepath.Join(s.dir, indexPrefix+strconv.Itoa(seq))
		os.RemoveAll(path)
	}
	fresh, err = openState(path, s.opts)
	if err != nil {
		release()
		return fmt.Errorf("index: reindex: create %s: %w", path, err)
	}
	err = s.copyAll(ctx, old, fresh, analyze)
	release()
	if err != nil {
		return err
	}

	// Carry over what was written meanwhile, then swap.
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	old, release, err = s.acquire()
	if err != nil {
		return err
	}
	err = s.carryOver(old, fresh, analyze)
	release()
	if err != nil {
		return err
	}
	if s.dir != "" {
		if err := writeCurrent(s.dir, seq); err != nil {
			return err
		}
	}
	s.mu.Lock()
	prev := s.cur
	s.cur, s.seq, s.dirty = fresh, seq, nil
	s.mu.Unlock()
	ok = true
	prev.close(false)
	if prev.path != "" {
		os.RemoveAll(prev.path)
	}
	return nil
}

// copyAll re-analyses every live document of old into fresh.
func (s *Store) copyAll(ctx context.Context, old, fresh *state, analyze func(xinfang.Document) xinfang.Document) error {
	is, err := old.scorchReader()
	if err != nil {
		return fmt.Errorf("index: reindex: %w", err)
	}
	defer is.Close()
	now := time.Now()
	var batch []prepared
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return xinfang.Errorf(xinfang.EUNAVAILABLE, "reindex cancelled: %v", err)
		}
		err := fresh.apply(ctx, batch, nil, nil, s.opts.MinFreeBytes)
		batch = batch[:0]
		return err
	}
	for _, ss := range is.Segments() {
		it := ss.DocNumbersLive().Iterator()
		for it.HasNext() {
			num := it.Next()
			var raw []byte
			err := ss.VisitDocument(uint64(num), func(field string, _ byte, value []byte, _ []uint64) bool {
				if field == fieldRaw {
					raw = append([]byte(nil), value...)
					return false
				}
				return true
			})
			if err != nil {
				return fmt.Errorf("index: reindex: read doc %d: %w", num, err)
			}
			if raw == nil {
				continue
			}
			p, err := s.reprepare(raw, analyze, now)
			if err != nil {
				return err
			}
			batch = append(batch, p)
			if len(batch) == reindexBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

func (s *Store) reprepare(raw []byte, analyze func(xinfang.Document) xinfang.Document, now time.Time) (prepared, error) {
	// The full document when it is sealed: a reindex with a new record
	// key (and the old one among the old keys) rotates the key.
	d, err := s.sealer.decodeStored(raw, true)
	if err != nil {
		return prepared{}, fmt.Errorf("index: reindex: decode stored document: %w", err)
	}
	if analyze != nil {
		d = analyze(d)
	}
	p, err := s.prepare(d, now)
	if err != nil {
		return prepared{}, fmt.Errorf("index: reindex %s: %w", d.ID, err)
	}
	return p, nil
}

// carryOver copies the documents written during the rebuild and the
// checkpoint of the last batch. Caller holds s.writeMu.
func (s *Store) carryOver(old, fresh *state, analyze func(xinfang.Document) xinfang.Document) error {
	cp, err := old.checkpoint()
	if err != nil {
		return err
	}
	var ps []prepared
	var dels []string
	now := time.Now()
	for id := range s.dirty {
		raw, err := old.raw(id)
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			dels = append(dels, id)
			continue
		}
		if err != nil {
			return err
		}
		p, err := s.reprepare(raw, analyze, now)
		if err != nil {
			return err
		}
		ps = append(ps, p)
	}
	if len(ps) == 0 && len(dels) == 0 && cp == nil {
		return nil
	}
	return fresh.apply(context.Background(), ps, dels, cp, s.opts.MinFreeBytes)
}
