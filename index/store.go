// Package index keeps petitions and bulletins searchable: a Bleve index with
// a gse tokenizer for the text, compact in-memory columns for filters,
// facets, histograms and sorting, incrementally maintained clusters of
// recurring matters, a risk board, and an atomic reindex.
package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// Options configure a Store.
type Options struct {
	// Timeout bounds the wait for the index lock held by another process.
	// Default 1s; Open then fails with ECONFLICT instead of hanging.
	Timeout time.Duration
	// Secret keys the hash of petitioners' phone and ID numbers
	// (Document.ComplainantKey). Open reads or creates DIR/secret when
	// empty; OpenMem uses a random one.
	Secret []byte
	// CategoryLabel gives the Chinese label of a category code for facets
	// and trends. Default: the labels of nlp.Default().
	CategoryLabel func(code string) string
	// ConceptsFile is a concept table (see concepts.yaml) that replaces the
	// embedded one; it is read again when it changes.
	ConceptsFile string
	// RecordKey (KeySize bytes) seals the full documents at rest (see
	// seal.go); without one, only the masked documents are kept.
	RecordKey []byte
	// OldRecordKeys open documents sealed before a key rotation.
	OldRecordKeys [][]byte
	// ExpensivePostings is the cost (postings of its words) from which a
	// search with phrases is expensive: at most ExpensiveSlots of those
	// run at once, one per client, each on one core beside the scan gate,
	// and one more is refused at once with EUNAVAILABLE wrapping
	// xinfang.ErrOverBudget, so that a crowd of them cannot take the CPU
	// from everyone else (expensive.go).
	// Default DefaultExpensivePostings; negative turns the budget off.
	ExpensivePostings int64
	// ExpensiveSlots is the number of expensive searches run at once
	// (default half the CPUs, at least one).
	ExpensiveSlots int
	// MinFreeBytes is the free space the file system of the index keeps:
	// below it, writes fail with EUNAVAILABLE (and Health says so) while
	// reads go on. Default DefaultMinFreeBytes; negative turns the check
	// off.
	MinFreeBytes int64
	// SearchTimeout bounds one search, trend, risk board, handling,
	// related-records or match count when the caller's context allows
	// longer, its wait at the scan gate included. Default
	// DefaultSearchTimeout.
	SearchTimeout time.Duration
	// Now is the clock against which deadlines are checked at query time
	// (overdue); default time.Now.
	Now func() time.Time
	// Progress, when set, hears what Open is doing: loading the column
	// file and replaying the batches after it, or why it rebuilds the
	// columns from every stored document and how far it is.
	Progress func(msg string)
}

// DefaultExpensivePostings is the default of Options.ExpensivePostings.
const DefaultExpensivePostings = 40_000

// Store is the search index of one node. It is safe for concurrent use.
type Store struct {
	dir  string // "" in memory
	opts Options
	seg  *nlp.Segmenter
	// concepts is the concept table of query expansion.
	concepts *conceptSource
	// sealer seals the full documents at rest; nil without a record key.
	sealer *sealer
	// expensive is the budget of expensive searches (expensive.go).
	expensive *budget

	// mu guards cur. Readers and writers hold it shared while they use the
	// state; the reindex swap and Close hold it exclusively.
	mu  sync.RWMutex
	cur *state

	// writeMu serialises Index and Delete with each other and with the end
	// of a reindex.
	writeMu sync.Mutex
	// dirty collects the ids written while a reindex runs; guarded by writeMu.
	dirty map[string]bool
	// reindexMu lets one reindex run at a time.
	reindexMu sync.Mutex
	seq       int // number of the current index directory
	// scans admits the read requests that scan the columns (acquireScan).
	scans chan struct{}
}

// state is one Bleve index with its columns and clusters.
type state struct {
	idx  bleve.Index
	path string // directory of the Bleve index; "" in memory

	// mu guards everything below. The writer holds it exclusively while
	// it changes the engine, for a batch's rows at a time; the scans hold
	// nothing (view), the short reads (an id's row, compiling a request's
	// column conditions, mapping a new segment) hold it shared.
	mu sync.RWMutex

	// engine is the column engine (engine.go); the Bleve side of the
	// index reaches it only through columnEngine.
	engine
	// view is the engine as of the last batch whose rows are set, which
	// the reads scan without st.mu (cow.go, reader); set under mu.
	view atomic.Pointer[engine]

	// catField, placeField and riskField are set when the index has the
	// category, place and risk keywords of concept search, genField when
	// it has the batch generations of column files (indexes built before
	// them lack them until reindexed).
	catField, placeField, riskField, genField bool

	segMu sync.Mutex
	segs  map[uint64][]uint32 // scorch segment id → ordinal per local doc number

	// keysMu orders the writer's batches (setRows) with the column file's
	// encoding of what no view holds (encodeKeys): the writer may wait for
	// that, the reads never do. Taken before mu.
	keysMu sync.Mutex

	health writeHealth // durable.go

	// Column files (colsnap.go). mark is the watermark of the batches
	// whose rows are set and failGen the first batch since open that
	// Bleve took but whose rows were not set (0 for none), both guarded
	// by mu; stamp is the watermark of the last batch handed to Bleve and
	// dellog the deletion log in Bleve, both apply's own.
	mark, stamp watermark
	failGen     uint64
	minFree     int64 // Options.MinFreeBytes
	dellog      []delEntry
	saved       atomic.Uint64 // generation of the last column file
	changes     atomic.Int64  // documents written since
	lastSave    atomic.Int64  // unix nanoseconds of the last column file

	stop      chan struct{} // stops the warmer and the saver
	bg        sync.WaitGroup
	closeOnce sync.Once
	closed    bool // guarded by mu
}

var errClosed = xinfang.Errorf(xinfang.EUNAVAILABLE, "index is closed")

// acquireScan returns a reader of the current state for a search, trend
// or board request, valid until release. It holds no lock the writer takes
// (the state is held by Store.mu shared, which only a reindex's swap and
// Close take exclusively): the scan reads the last published view of the
// engine. At most half of GOMAXPROCS of them (at least one) run at once,
// the others wait here (until ctx ends): one scan at full speed ends
// sooner than twenty sharing two cores, and the other half of the cores
// stays for analysis and indexing. A large index still uses every core
// per search (parallelMinRows).
func (s *Store) acquireScan(ctx context.Context) (*reader, func(), error) {
	select {
	case s.scans <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "index: busy: " + ctx.Err().Error(), Err: ctx.Err()}
	}
	st, release, err := s.acquire()
	if err != nil {
		<-s.scans
		return nil, nil, err
	}
	return st.reader(), func() {
		release()
		<-s.scans
	}, nil
}

// acquire returns the current state, held shared until release.
func (s *Store) acquire() (*state, func(), error) {
	s.mu.RLock()
	if s.cur == nil {
		s.mu.RUnlock()
		return nil, nil, errClosed
	}
	return s.cur, s.mu.RUnlock, nil
}

// Close closes the index. A reindex in progress finishes or fails first.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return nil
	}
	err := s.cur.close(true)
	s.cur = nil
	if err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// Count returns the number of documents in the index.
func (s *Store) Count() (uint64, error) {
	st, release, err := s.acquire()
	if err != nil {
		return 0, err
	}
	defer release()
	return uint64(st.view.Load().liveCount()), nil
}

// Stats describes the index for metrics.
type Stats struct {
	Documents uint64 `json:"documents"`
	Clusters  int    `json:"clusters"`
	DiskBytes int64  `json:"disk_bytes"` // 0 in memory
	Path      string `json:"path,omitempty"`
}

// Stats returns the document count and the size of the index on disk.
func (s *Store) Stats() (Stats, error) {
	st, release, err := s.acquire()
	if err != nil {
		return Stats{}, err
	}
	defer release()
	v := st.view.Load()
	out := Stats{Documents: uint64(v.liveCount()), Clusters: v.clusterCount(), Path: st.path}
	if st.path != "" {
		filepath.WalkDir(st.path, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if fi, err := d.Info(); err == nil {
					out.DiskBytes += fi.Size()
				}
			}
			return nil
		})
	}
	return out, nil
}

func newScans() chan struct{} { return make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2)) }
