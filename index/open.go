// Opening and closing: the CURRENT pointer to the live index directory, the
// per-installation secret, opening or creating one Bleve index with its
// columns (loaded from the column file or rebuilt), the segment warmer, and
// the close that saves the column file.

package index

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
	bolt "go.etcd.io/bbolt"
)

const (
	currentFile = "CURRENT"
	secretFile  = "secret"
	indexPrefix = "index-"
)

// Open opens the index in dir, creating it when dir holds none. A second
// process that opens the same dir fails after opts.Timeout with an
// ECONFLICT error.
func Open(dir string, opts Options) (*Store, error) {
	opts, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	seg, _ := nlp.DefaultSegmenter()
	concepts, err := newConceptSource(opts.ConceptsFile)
	if err != nil {
		return nil, xinfang.Errorf(xinfang.EINVALID, "%v", err)
	}
	sl, err := newSealer(opts.RecordKey, opts.OldRecordKeys)
	if err != nil {
		return nil, xinfang.Errorf(xinfang.EINVALID, "%v", err)
	}
	s := &Store{dir: dir, opts: opts, seg: seg, concepts: concepts, scans: newScans(), sealer: sl, expensive: newBudget(opts.ExpensiveSlots)}
	seq := 1
	if b, err := os.ReadFile(filepath.Join(dir, currentFile)); err == nil {
		name := strings.TrimSpace(string(b))
		n, err := strconv.Atoi(strings.TrimPrefix(name, indexPrefix))
		if err != nil || !strings.HasPrefix(name, indexPrefix) {
			return nil, xinfang.Errorf(xinfang.EINTERNAL, "index at %s: %s holds %q, not an index directory name", dir, currentFile, name)
		}
		seq = n
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	path := filepath.Join(dir, indexPrefix+strconv.Itoa(seq))
	st, err := openState(path, opts)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, &xinfang.Error{Code: xinfang.ECONFLICT, Message: fmt.Sprintf("index at %s is in use by another process", dir), Err: err}
		}
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	if err := writeCurrent(dir, seq); err != nil {
		st.close(false)
		return nil, err
	}
	if len(s.opts.Secret) == 0 {
		secret, err := loadSecret(filepath.Join(dir, secretFile))
		if err != nil {
			st.close(false)
			return nil, err
		}
		s.opts.Secret = secret
	}
	// We hold the lock: leftovers of an interrupted reindex can go.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), indexPrefix) && e.Name() != indexPrefix+strconv.Itoa(seq) {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
	s.cur, s.seq = st, seq
	return s, nil
}

// OpenMem returns a Store whose index lives in memory only, for tests.
func OpenMem(opts Options) (*Store, error) {
	opts, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	if len(opts.Secret) == 0 {
		opts.Secret = make([]byte, 32)
		if _, err := rand.Read(opts.Secret); err != nil {
			return nil, fmt.Errorf("index: secret: %w", err)
		}
	}
	sl, err := newSealer(opts.RecordKey, opts.OldRecordKeys)
	if err != nil {
		return nil, xinfang.Errorf(xinfang.EINVALID, "%v", err)
	}
	st, err := openState("", opts)
	if err != nil {
		return nil, fmt.Errorf("index: open in memory: %w", err)
	}
	seg, _ := nlp.DefaultSegmenter()
	concepts, err := newConceptSource(opts.ConceptsFile)
	if err != nil {
		st.close(false)
		return nil, xinfang.Errorf(xinfang.EINVALID, "%v", err)
	}
	return &Store{opts: opts, cur: st, seg: seg, concepts: concepts, scans: newScans(), sealer: sl, expensive: newBudget(opts.ExpensiveSlots)}, nil
}

func withDefaults(opts Options) (Options, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = DefaultSearchTimeout
	}
	if opts.MinFreeBytes == 0 {
		opts.MinFreeBytes = DefaultMinFreeBytes
	}
	if opts.ExpensivePostings == 0 {
		opts.ExpensivePostings = DefaultExpensivePostings
	}
	if opts.ExpensiveSlots <= 0 {
		opts.ExpensiveSlots = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if _, err := nlp.DefaultSegmenter(); err != nil {
		return opts, fmt.Errorf("index: segmenter: %w", err)
	}
	if opts.CategoryLabel == nil {
		a, err := nlp.Default()
		if err != nil {
			return opts, fmt.Errorf("index: category labels: %w", err)
		}
		opts.CategoryLabel = a.CategoryLabel
	}
	return opts, nil
}

// openState opens or creates the Bleve index at path ("" = in memory) and
// loads or rebuilds the columns and clusters (openColumns).
func openState(path string, opts Options) (*state, error) {
	var idx bleve.Index
	var err error
	cfg := map[string]interface{}{"bolt_timeout": opts.Timeout.String()}
	if path != "" {
		if _, statErr := os.Stat(filepath.Join(path, "index_meta.json")); statErr != nil {
			// Create in Bleve's safe mode: NewUsing stores the mapping
			// with an internal-only batch that nothing would wait for in
			// unsafe mode, and Close does not persist what is pending.
			im, merr := newMapping()
			if merr != nil {
				return nil, merr
			}
			if idx, err = bleve.NewUsing(path, im, scorch.Name, scorch.Name, cfg); err != nil {
				return nil, err
			}
			wm, werr := newWatermark()
			if werr == nil {
				werr = idx.SetInternal([]byte(keyWatermark), wm.encode())
			}
			if err := errors.Join(werr, idx.Close()); err != nil {
				return nil, err
			}
		}
		// See durable.go: the writer waits for durability itself.
		run := map[string]interface{}{"unsafe_batch": true, "asyncErrorCallbackName": asyncErrorCallback}
		for k, v := range cfg {
			run[k] = v
		}
		idx, err = bleve.OpenUsing(path, run)
	} else {
		im, merr := newMapping()
		if merr != nil {
			return nil, merr
		}
		idx, err = bleve.NewUsing("", im, scorch.Name, scorch.Name, cfg)
	}
	if err != nil {
		return nil, err
	}
	st := newState(idx, path)
	st.minFree = opts.MinFreeBytes
	if path != "" {
		writers.Store(path, st)
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}
	if err := st.openColumns(progress); err != nil {
		st.close(false)
		return nil, err
	}
	st.mu.Lock()
	st.publish()
	st.mu.Unlock()
	st.lastSave.Store(time.Now().UnixNano())
	go st.warm(warmEvery)
	if path != "" {
		st.bg.Add(1)
		go st.saver()
	}
	return st, nil
}

// warmEvery is how often the warmer maps new segments.
const warmEvery = 200 * time.Millisecond

// warm maps the segments that indexing and background merges introduce,
// so that a search rarely pays for mapping a large merged segment.
func (st *state) warm(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-st.stop:
			return
		case <-t.C:
			// openSnapshot takes st.mu itself; the index may be closed
			// after the check, and then fails to open one.
			st.mu.RLock()
			closed := st.closed
			st.mu.RUnlock()
			if !closed {
				if sn, err := st.openSnapshot(); err == nil {
					sn.close()
				}
			}
		}
	}
}

// close stops the warmer and the saver, writes the column file when save
// is set (a clean close; a failure to is logged, not returned) and closes
// the Bleve index.
func (st *state) close(save bool) error {
	var err error
	st.closeOnce.Do(func() {
		close(st.stop)
		st.bg.Wait()
		if save && st.path != "" {
			if serr := st.saveColumns(); serr != nil {
				// The index is whole; the next open replays or rebuilds.
				slog.Warn("index: the column file was not written at close", "path", st.path, "err", serr)
			}
		}
		st.mu.Lock()
		st.closed = true
		st.mu.Unlock()
		err = st.idx.Close()
		if st.path != "" {
			writers.CompareAndDelete(st.path, st)
		}
	})
	return err
}

func newState(idx bleve.Index, path string) *state {
	st := &state{
		idx: idx, path: path,
		catField:   hasField(idx.Mapping(), fieldCategories),
		placeField: hasField(idx.Mapping(), fieldPlaces),
		riskField:  hasField(idx.Mapping(), fieldRisk),
		genField:   hasField(idx.Mapping(), fieldGen),
		stop:       make(chan struct{}),
		health:     writeHealth{failed: make(chan struct{})},
	}
	st.resetColumns()
	return st
}

// resetColumns empties the columns, clusters and segment maps.
func (st *state) resetColumns() {
	st.engine.reset()
	st.publish()
	st.segMu.Lock()
	st.segs = map[uint64][]uint32{}
	st.segMu.Unlock()
}

func writeCurrent(dir string, seq int) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(indexPrefix+strconv.Itoa(seq)+"\n"), 0o600); err != nil {
		return fmt.Errorf("index: write %s: %w", currentFile, err)
	}
	f, err := os.Open(tmp)
	if err == nil {
		f.Sync()
		f.Close()
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return fmt.Errorf("index: write %s: %w", currentFile, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func loadSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(secret) < 16 {
			return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: secret file %s is damaged", path)
		}
		return secret, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: read secret %s: %w", path, err)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("index: secret: %w", err)
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(secret)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("index: write secret %s: %w", path, err)
	}
	return secret, nil
}
