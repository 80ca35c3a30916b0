package crawl

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The crawl state lives in one bbolt file, so that it survives a kill at any
// point (every change is one transaction) and memory stays flat however many
// pages a site has: nothing grows in memory with the number of URLs.
var (
	bucketMeta     = []byte("meta")     // "run" → current run number, "active" → 1 while a run is unfinished
	bucketPages    = []byte("pages")    // canonical URL → pageState (JSON)
	bucketLinks    = []byte("links")    // canonical URL → the page's outgoing links, one per line
	bucketContent  = []byte("content")  // content hash → canonical URL of the page that first had it
	bucketFrontier = []byte("frontier") // site name → (sequence → item (JSON)): URLs waiting to be fetched
	bucketInflight = []byte("inflight") // sequence → item: URLs being fetched; back to the frontier after a crash
)

// pageState is what the crawler remembers about one URL between runs.
type pageState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Hash         string    `json:"hash,omitempty"` // content hash of the article last emitted from this URL
	Queued       uint64    `json:"queued,omitempty"`
	Status       int       `json:"status,omitempty"`
	Fetched      time.Time `json:"fetched,omitempty"`
}

// item is one URL in the frontier.
type item struct {
	Site  string `json:"s"` // the name of the site it belongs to
	URL   string `json:"u"`
	Depth int    `json:"d"`
	Hops  int    `json:"h,omitempty"` // redirects followed to get here
}

// store is the on-disk crawl state.
type store struct {
	db  *bolt.DB
	run uint64
}

// openStore opens (creating it if needed) the state file at path.
func openStore(path string, noSync bool) (*store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("crawl: open state %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second, NoSync: noSync})
	if err == nil {
		// Workers finish pages concurrently; one commit (one fsync) takes
		// all the pages that finished within a few milliseconds.
		db.MaxBatchDelay = 3 * time.Millisecond
	}
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("crawl: open state %s: locked by another crawl", path)
		}
		return nil, fmt.Errorf("crawl: open state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketPages, bucketLinks, bucketContent, bucketFrontier, bucketInflight} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("crawl: open state %s: %w", path, err)
	}
	return &store{db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func getU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// beginRun starts a new run, or resumes the unfinished one: URLs that were
// being fetched when the last process stopped go back to the frontier.
func (s *store) beginRun() (resumed bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		s.run = getU64(meta.Get([]byte("run")))
		if string(meta.Get([]byte("active"))) == "1" && s.run > 0 {
			resumed = true
			in, fr := tx.Bucket(bucketInflight), tx.Bucket(bucketFrontier)
			var keys [][]byte
			err := in.ForEach(func(k, v []byte) error {
				var it item
				if err := json.Unmarshal(v, &it); err != nil {
					return fmt.Errorf("in-flight entry %x: %w", k, err)
				}
				sb, err := fr.CreateBucketIfNotExists([]byte(it.Site))
				if err != nil {
					return err
				}
				keys = append(keys, append([]byte(nil), k...))
				return sb.Put(append([]byte(nil), k...), append([]byte(nil), v...))
			})
			if err != nil {
				return err
			}
			for _, k := range keys {
				if err := in.Delete(k); err != nil {
					return err
				}
			}
			return nil
		}
		s.run++
		if err := meta.Put([]byte("run"), u64(s.run)); err != nil {
			return err
		}
		return meta.Put([]byte("active"), []byte("1"))
	})
	if err != nil {
		return false, fmt.Errorf("crawl: begin run: %w", err)
	}
	return resumed, nil
}

// endRun marks the run finished when nothing is left to fetch.
func (s *store) endRun() error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if !frontierEmpty(tx) {
			return nil
		}
		if k, _ := tx.Bucket(bucketInflight).Cursor().First(); k != nil {
			return nil
		}
		return tx.Bucket(bucketMeta).Put([]byte("active"), []byte("0"))
	})
	if err != nil {
		return fmt.Errorf("crawl: end run: %w", err)
	}
	return nil
}

// enqueue adds the items that were not queued yet in this run.
func (s *store) enqueue(items []item) (int, error) {
	var added int
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		added, err = s.enqueueTx(tx, items)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: enqueue: %w", err)
	}
	return added, nil
}

func (s *store) enqueueTx(tx *bolt.Tx, items []item) (int, error) {
	pages, fr := tx.Bucket(bucketPages), tx.Bucket(bucketFrontier)
	added := 0
	for _, it := range items {
		st, err := decodeState(pages.Get([]byte(it.URL)))
		if err != nil {
			return added, err
		}
		if st.Queued == s.run {
			continue
		}
		st.Queued = s.run
		if err := putJSON(pages, []byte(it.URL), st); err != nil {
			return added, err
		}
		// One sequence for all sites: keys stay unique in the in-flight set.
		seq, err := fr.NextSequence()
		if err != nil {
			return added, err
		}
		sb, err := fr.CreateBucketIfNotExists([]byte(it.Site))
		if err != nil {
			return added, err
		}
		if err := putJSON(sb, u64(seq), it); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// frontierEmpty reports whether no site has URLs waiting.
func frontierEmpty(tx *bolt.Tx) bool {
	empty := true
	tx.Bucket(bucketFrontier).ForEachBucket(func(name []byte) error {
		if k, _ := tx.Bucket(bucketFrontier).Bucket(name).Cursor().First(); k != nil {
			empty = false
		}
		return nil
	})
	return empty
}

// pending reports whether any site has URLs waiting.
func (s *store) pending() (bool, error) {
	var empty bool
	err := s.db.View(func(tx *bolt.Tx) error {
		empty = frontierEmpty(tx)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("crawl: frontier: %w", err)
	}
	return !empty, nil
}

// popN moves up to n items of one site from the frontier to the in-flight
// set and returns them with their keys.
func (s *store) popN(site string, n int) (keys []uint64, items []item, err error) {
	// Look before writing: an empty frontier must not cost a commit.
	var empty bool
	s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFrontier).Bucket([]byte(site))
		empty = b == nil
		if b != nil {
			k, _ := b.Cursor().First()
			empty = k == nil
		}
		return nil
	})
	if empty {
		return nil, nil, nil
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		fr, in := tx.Bucket(bucketFrontier).Bucket([]byte(site)), tx.Bucket(bucketInflight)
		if fr == nil {
			return nil
		}
		c := fr.Cursor()
		for k, v := c.First(); k != nil && len(items) < n; k, v = c.Next() {
			var it item
			if err := json.Unmarshal(v, &it); err != nil {
				return fmt.Errorf("frontier entry %x: %w", k, err)
			}
			if err := in.Put(k, v); err != nil {
				return err
			}
			keys = append(keys, getU64(k))
			items = append(items, it)
		}
		for _, k := range keys {
			if err := fr.Delete(u64(k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("crawl: pop: %w", err)
	}
	return keys, items, nil
}

// state returns what is known about url.
func (s *store) state(url string) (pageState, error) {
	var st pageState
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = decodeState(tx.Bucket(bucketPages).Get([]byte(url)))
		return err
	})
	if err != nil {
		return st, fmt.Errorf("crawl: state %s: %w", url, err)
	}
	return st, nil
}

// links returns the outgoing links stored for url.
func (s *store) links(url string) ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketLinks).Get([]byte(url)); len(v) > 0 {
			out = strings.Split(string(v), "\n")
		}
		return nil
	})
	return out, err
}

// check decides whether the article at url with content hash hash is to be
// emitted: not if url already had this content (unchanged), nor if another
// URL has it (a duplicate; owner names that URL). The caller serialises
// check, emit and finish per hash, and finish records url as the owner.
func (s *store) check(url, hash string) (unchanged bool, owner string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		st, err := decodeState(tx.Bucket(bucketPages).Get([]byte(url)))
		if err != nil {
			return err
		}
		if st.Hash == hash {
			unchanged = true
			return nil
		}
		if o := tx.Bucket(bucketContent).Get([]byte(hash)); o != nil && string(o) != url {
			owner = string(o)
		}
		return nil
	})
	if err != nil {
		return false, "", fmt.Errorf("crawl: check %s: %w", url, err)
	}
	return unchanged, owner, nil
}

// finish records the outcome of fetching an item: the page state (merged
// with the stored one: fields left empty keep their values; a new Hash makes
// url the owner of that content), its links when links is not nil, and the
// new items to fetch; then the item leaves the in-flight set. All of it in
// one transaction.
func (s *store) finish(key uint64, url string, upd pageState, links []string, next []item) (added int, err error) {
	err = s.db.Batch(func(tx *bolt.Tx) error {
		pages := tx.Bucket(bucketPages)
		st, err := decodeState(pages.Get([]byte(url)))
		if err != nil {
			return err
		}
		if upd.ETag != "" || upd.LastModified != "" {
			st.ETag, st.LastModified = upd.ETag, upd.LastModified
		}
		if upd.Hash != "" && upd.Hash != st.Hash {
			content := tx.Bucket(bucketContent)
			// The old content of this URL no longer needs its entry.
			if st.Hash != "" && string(content.Get([]byte(st.Hash))) == url {
				if err := content.Delete([]byte(st.Hash)); err != nil {
					return err
				}
			}
			if err := content.Put([]byte(upd.Hash), []byte(url)); err != nil {
				return err
			}
			st.Hash = upd.Hash
		}
		if upd.Status != 0 {
			st.Status = upd.Status
		}
		if !upd.Fetched.IsZero() {
			st.Fetched = upd.Fetched
		}
		if err := putJSON(pages, []byte(url), st); err != nil {
			return err
		}
		if links != nil {
			if err := tx.Bucket(bucketLinks).Put([]byte(url), []byte(strings.Join(links, "\n"))); err != nil {
				return err
			}
		}
		added, err = s.enqueueTx(tx, next)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketInflight).Delete(u64(key))
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: record %s: %w", url, err)
	}
	return added, nil
}

func decodeState(v []byte) (pageState, error) {
	var st pageState
	if v == nil {
		return st, nil
	}
	if err := json.Unmarshal(v, &st); err != nil {
		return st, fmt.Errorf("corrupt page state: %w", err)
	}
	return st, nil
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}
