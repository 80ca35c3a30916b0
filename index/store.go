// Package index keeps petitions and bulletins searchable: a Bleve index with
// a gse tokenizer for the text, compact in-memory columns for filters,
// facets, histograms and sorting, incrementally maintained clusters of
// recurring matters, a risk board, and an atomic reindex.
package index

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"

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

	mu       sync.RWMutex // guards everything below
	ids      []string
	ords     ordTable // id → ordinal (ords.go)
	rows     []row
	live     int
	cats     *dict
	cities   *dict
	counties *dict
	compls   *keyDict
	subjects *dict // normalised respondents
	// subjLabels holds the first spelling seen of each respondent code.
	subjLabels []string
	minDay     int32
	maxDay     int32
	clusters   *clusterSet
	// catField, placeField and riskField are set when the index has the
	// category, place and risk keywords of concept search, genField when
	// it has the batch generations of column files (indexes built before
	// them lack them until reindexed).
	catField, placeField, riskField, genField bool
	// repHead and repNext link the live petitions of each complainant
	// code: repHead[code] is one of them, repNext[ord] the next after ord
	// (noOrd ends both), in no particular order; repDirty holds the codes
	// to regroup (repeats.go).
	repHead, repNext []uint32
	repDirty         map[uint32]bool

	segMu sync.Mutex
	segs  map[uint64][]uint32 // scorch segment id → ordinal per local doc number

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
			st.mu.RLock()
			if !st.closed {
				if sn, err := st.openSnapshot(); err == nil {
					sn.close()
				}
			}
			st.mu.RUnlock()
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
	st.ids, st.rows, st.live = nil, nil, 0
	st.ords = ordTable{}
	st.cats, st.cities, st.counties, st.subjects = newDict(), newDict(), newDict(), newDict()
	st.compls = newKeyDict()
	st.subjLabels = []string{""}
	st.minDay, st.maxDay = 1<<31-1, -1<<31
	st.clusters = newClusterSet()
	st.repHead, st.repNext, st.repDirty = nil, nil, map[uint32]bool{}
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

var errClosed = xinfang.Errorf(xinfang.EUNAVAILABLE, "index is closed")

// acquireScan returns the current state for a search, trend or board
// request, with st.mu held shared until release. At most half of GOMAXPROCS
// of them (at least one) run at once, the others wait here (until ctx ends)
// rather than holding st.mu: the writer waits for the scans that hold st.mu,
// one scan at full speed ends sooner than twenty sharing two cores, and the
// other half of the cores stays for analysis and indexing. A large index
// still uses every core per search (parallelMinRows).
func (s *Store) acquireScan(ctx context.Context) (*state, func(), error) {
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
	st.mu.RLock()
	return st, func() {
		st.mu.RUnlock()
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

// meta is the compact row data stored with each document (fieldMeta).
type meta struct {
	Sec     int64    `json:"t"`
	Kind    string   `json:"k,omitempty"`
	Channel string   `json:"ch,omitempty"`
	Status  string   `json:"st,omitempty"`
	Cats    []string `json:"c,omitempty"`
	City    string   `json:"ci,omitempty"`
	County  string   `json:"co,omitempty"`
	HC      int32    `json:"h"`
	Level   string   `json:"l,omitempty"`
	Score   int      `json:"s,omitempty"`
	Subject string   `json:"su,omitempty"`
	Compl   string   `json:"p,omitempty"`
	Sim     uint64   `json:"m,omitempty"`
	// Case fields of a petition (casework.go): the deadline in unix
	// seconds and its kind (1 acceptance, 2 handling), closed, the
	// handling time in seconds when known, the respondent, 联名件.
	Due    int64  `json:"du,omitempty"`
	DK     uint8  `json:"dk,omitempty"`
	Closed bool   `json:"cl,omitempty"`
	Handle *int64 `json:"hd,omitempty"`
	Resp   string `json:"r,omitempty"`
	Joint  bool   `json:"j,omitempty"`
	// Gen and Seq are the batch generation and the sequence number of
	// the write (colsnap.go), stamped by apply.
	Gen uint64 `json:"g,omitempty"`
	Seq uint64 `json:"q,omitempty"`
}

// prepared is a document ready for the index.
type prepared struct {
	id   string
	meta meta
	doc  map[string]interface{}
	d    xinfang.Document // what is stored, for a later copy to supersede
}

// headcount is the record's own head count when it has one, else the one
// the analysis found.
func headcount(d *xinfang.Document) *int {
	if d.Record != nil && d.Record.Headcount != nil {
		return d.Record.Headcount
	}
	return d.Analysis.Headcount
}

// validate checks that d can be indexed.
func validate(d *xinfang.Document) error {
	if strings.TrimSpace(d.ID) == "" {
		return xinfang.FieldError("id", "is required")
	}
	if (d.Record == nil) == (d.Bulletin == nil) {
		return xinfang.FieldError("record", "exactly one of record and bulletin must be set")
	}
	switch {
	case d.Record != nil:
		if d.Kind != "" && d.Kind != xinfang.KindPetition {
			return xinfang.FieldError("kind", "is %q but the document holds a record", d.Kind)
		}
		if d.Record.ID != "" && d.Record.ID != d.ID {
			return xinfang.FieldError("id", "is %q but the record's id is %q", d.ID, d.Record.ID)
		}
		return d.Record.Validate()
	default:
		if d.Kind != "" && d.Kind != xinfang.KindBulletin {
			return xinfang.FieldError("kind", "is %q but the document holds a bulletin", d.Kind)
		}
		if d.Bulletin.ID != "" && d.Bulletin.ID != d.ID {
			return xinfang.FieldError("id", "is %q but the bulletin's id is %q", d.ID, d.Bulletin.ID)
		}
		return d.Bulletin.Validate()
	}
}

// complainantKey returns the keyed hash of the petitioner's ID number, or
// of the phone number when there is no ID number, or of name and address
// together when there is neither; "" when none of these.
func complainantKey(secret []byte, p *xinfang.Person) string {
	if p == nil {
		return ""
	}
	var in string
	if id := strings.ToUpper(strings.TrimSpace(p.IDNumber)); id != "" {
		in = "id:" + id
	} else if ph := xinfang.Digits(p.Phone); len(ph) >= 7 {
		ph = strings.TrimPrefix(ph, "86")
		in = "phone:" + ph
	} else if name, addr := compact(p.Name), compact(p.Address); name != "" && addr != "" {
		in = "name+address:" + name + "\x00" + addr
	} else {
		return ""
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(in))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// compact drops spaces and punctuation, so that 张某某 and 张 某某 or two
// spellings of one address with different commas are the same.
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// prepare fills in the defaults of d and builds what the index stores.
// prepareAll prepares docs, in parallel for large batches: preparing
// (encoding, masking, hashing) is a third of the cost of a batch and needs no
// lock. The error names the first bad document.
func (s *Store) prepareAll(docs []xinfang.Document, now time.Time) ([]prepared, error) {
	ps := make([]prepared, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs)/64+1)
	var wg sync.WaitGroup
	chunk := (len(docs) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(docs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				ps[i], errs[i] = s.prepare(docs[i], now)
				if errs[i] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			continue
		}
		var e *xinfang.Error
		if errors.As(err, &e) {
			return nil, &xinfang.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("%s (document %d, id %q)", e.Message, i, docs[i].ID), Err: e.Err}
		}
		return nil, err
	}
	return ps, nil
}

// maskAll returns the strings masked, in a new slice (the caller's is
// left alone).
func maskAll(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = xinfang.MaskText(v)
	}
	return out
}

func (s *Store) prepare(d xinfang.Document, now time.Time) (prepared, error) {
	if err := validate(&d); err != nil {
		return prepared{}, err
	}
	if d.Record != nil {
		d.Kind = xinfang.KindPetition
	} else {
		d.Kind = xinfang.KindBulletin
	}
	if d.IndexedAt.IsZero() {
		d.IndexedAt = now
	}
	if d.ComplainantKey == "" && d.Record != nil {
		d.ComplainantKey = complainantKey(s.opts.Secret, d.Record.Petitioner)
	}
	if d.Record != nil && len(d.StatusHistory) == 0 {
		xinfang.Supersede(&d, nil, now) // the first status of the history
	}
	d.Case, d.Repeat, d.Risk = nil, nil, nil // computed when read
	// Everything indexed is built from masked text; an analysis made from
	// raw text (by an analyzer before it masked its input) is masked here.
	d.Analysis.Subjects = maskAll(d.Analysis.Subjects)
	d.Analysis.Keywords = maskAll(d.Analysis.Keywords)
	raw, err := s.sealer.encodeStored(d)
	if err != nil {
		return prepared{}, xinfang.FieldError("", "cannot encode: %v", err)
	}
	date := d.Date()
	if date.IsZero() {
		date = d.IndexedAt
	}
	a := &d.Analysis
	m := meta{
		Sec:   date.Unix(),
		Kind:  d.Kind,
		Cats:  a.Categories,
		HC:    -1,
		Level: a.Risk.Level,
		Score: a.Risk.Score,
		Compl: d.ComplainantKey,
	}
	if a.City != nil {
		m.City = *a.City
	}
	if a.County != nil {
		m.County = *a.County
	}
	if hc := headcount(&d); hc != nil {
		m.HC = int32(*hc)
	}
	if len(a.Subjects) > 0 {
		m.Subject = a.Subjects[0]
	} else if d.Record != nil && d.Record.Respondent != "" {
		m.Subject = xinfang.MaskRespondent(d.Record.Respondent)
	}
	if m.Score < 0 {
		m.Score = 0
	} else if m.Score > 100 {
		m.Score = 100
	}
	title := xinfang.MaskText(d.Title())
	content := xinfang.MaskText(d.Content())
	if d.Record != nil {
		m.Channel = string(d.Record.Channel)
		m.Status = string(d.Record.Status)
		m.Sim = simhash(content)
		caseMeta(&m, &d)
	}
	// The meta is encoded by apply, which stamps its generation.
	doc := map[string]interface{}{
		fieldTitle:   title,
		fieldContent: title + "\n" + content,
		fieldRaw:     string(raw),
	}
	if len(a.Categories) > 0 {
		doc[fieldCategories] = a.Categories
	}
	if places := placeKeys(a); len(places) > 0 {
		doc[fieldPlaces] = places
	}
	if a.Risk.Level != "" {
		doc[fieldRisk] = a.Risk.Level
	}
	if len(a.Subjects) > 0 {
		subj := make([]string, len(a.Subjects))
		for i, v := range a.Subjects {
			subj[i] = normSubject(v)
		}
		doc[fieldSubjects] = subj
	}
	return prepared{id: d.ID, meta: m, doc: doc, d: d}, nil
}

// Index adds or replaces docs by id in one batch. It returns when the batch
// is durable. An invalid document fails the whole call with an EINVALID
// error naming it, before anything is written.
func (s *Store) Index(ctx context.Context, docs []xinfang.Document) error {
	return s.IndexCheckpoint(ctx, docs, nil)
}

// apply writes upserts ps and deletions dels to the state: ordinals first
// (so a new segment can be mapped), then the Bleve batch, then, once it is
// durable (durable.go), the rows. A non-nil cp is stored as the checkpoint
// in the same batch (checkpoint.go). minFree is Options.MinFreeBytes.
func (st *state) apply(ctx context.Context, ps []prepared, dels []string, cp []byte, minFree int64) error {
	if err := st.checkDisk(minFree); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	if err := st.writeErr(); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	st.mu.Lock()
	ords := make([]uint32, len(ps))
	for i, p := range ps {
		ords[i] = st.ordFor(p.id)
	}
	st.mu.Unlock()
	w, err := st.stampBatch(ps)
	if err != nil {
		return err
	}
	b := st.idx.NewBatch()
	for _, p := range ps {
		if err := b.Index(p.id, p.doc); err != nil {
			return xinfang.FieldError("", "cannot index document %q: %v", p.id, err)
		}
	}
	for _, id := range dels {
		b.Delete(id)
	}
	b.SetInternal([]byte(keyWatermark), w.encode())
	dellog, logChanged := st.nextDeletes(w.gen, dels)
	if logChanged && len(dellog) == 0 {
		b.DeleteInternal([]byte(keyDeletes))
	} else if logChanged {
		b.SetInternal([]byte(keyDeletes), encodeDeletes(dellog))
	}
	if cp != nil {
		b.SetInternal([]byte(checkpointKey), cp)
	}
	var persisted chan error
	if st.path != "" {
		persisted = make(chan error, 1)
		b.SetPersistedCallback(func(err error) {
			if err == nil {
				st.writeOK()
			}
			persisted <- err
		})
	}
	failed := st.failures()
	// Whatever becomes of the batch, its generation is used: Bleve may
	// hold it.
	st.stamp = w
	if err := st.batch(b); err != nil {
		return err // not introduced (see batch)
	}
	st.dellog = dellog
	// The rows follow once the batch is durable, so that what a search
	// shows survives a crash, as with Bleve's safe batches.
	if err := st.awaitDurable(ctx, persisted, failed); err != nil {
		st.batchFailed(w.gen)
		return err
	}
	return st.setRows(ords, ps, dels, w)
}

// batchFailed notes that the rows of batch gen were not set.
func (st *state) batchFailed(gen uint64) {
	st.mu.Lock()
	if st.failGen == 0 {
		st.failGen = gen
	}
	st.mu.Unlock()
}

// batch hands b to Bleve. A panic inside Bleve fails the batch instead of
// the process; the batch was then not introduced, and the caller retries.
func (st *state) batch(b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch of %d: bleve panicked: %v", b.Size(), r)
		}
	}()
	if err := st.idx.Batch(b); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch of %d: %v", b.Size(), err)
	}
	return nil
}

// setRows makes the rows of an introduced batch, whose watermark is w,
// match it.
func (st *state) setRows(ords []uint32, ps []prepared, dels []string, w watermark) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.mark = w
	st.changes.Add(int64(len(ps) + len(dels)))
	for i := range ps {
		if err := st.setRow(ords[i], &ps[i].meta); err != nil {
			return err
		}
	}
	for _, id := range dels {
		if o, ok := st.ordOf(id); ok {
			st.kill(o)
			st.unband(o)
		}
	}
	st.regroup()
	return nil
}

// ordOf returns the ordinal of id. Caller holds st.mu.
func (st *state) ordOf(id string) (uint32, bool) { return st.ords.get(st.ids, id) }

// ordFor returns the ordinal of id, assigning a dead row when new.
// Caller holds st.mu.
func (st *state) ordFor(id string) uint32 {
	if o, ok := st.ordOf(id); ok {
		return o
	}
	o := uint32(len(st.ids))
	st.ids = append(st.ids, id)
	st.ords.put(st.ids, o)
	st.rows = append(st.rows, row{cluster: -1, hc: -1})
	st.repNext = append(st.repNext, noOrd)
	return o
}

// setRow fills row ord from m. Caller holds st.mu.
func (st *state) setRow(ord uint32, m *meta) error {
	st.kill(ord)
	prevSim := st.rows[ord].sim
	r := row{
		sec:     m.Sec,
		day:     dayOf(m.Sec),
		hc:      m.HC,
		sim:     m.Sim,
		cluster: -1,
		kind:    enumCode(kindCodes, m.Kind),
		channel: enumCode(channelCodes, m.Channel),
		status:  enumCode(statusCodes, m.Status),
		alive:   true,
		due:     m.Due,
		dueKind: m.DK,
		closed:  m.Closed,
		handle:  -1,
		joint:   m.Joint,
	}
	if m.Handle != nil {
		r.handle = *m.Handle
	}
	r.baseLevel = enumCode(levelCodes, m.Level)
	r.baseScore = uint8(m.Score)
	for _, c := range m.Cats {
		code := st.cats.code(c)
		if code > maxCategories {
			return xinfang.Errorf(xinfang.EINVALID, "index: more than %d category codes (at %q)", maxCategories, c)
		}
		r.cats |= 1 << (code - 1)
	}
	city, county := st.cities.code(m.City), st.counties.code(m.County)
	if city > 0xffff || county > 0xffff {
		return xinfang.Errorf(xinfang.EINVALID, "index: more than 65535 cities or counties")
	}
	r.city, r.county = uint16(city), uint16(county)
	r.compl = st.compls.code(m.Compl)
	if ns := normSubject(m.Resp); ns != "" {
		r.subj = st.subjects.code(ns)
		if int(r.subj) == len(st.subjLabels) {
			st.subjLabels = append(st.subjLabels, m.Resp)
		}
	}
	if r.day < st.minDay {
		st.minDay = r.day
	}
	if r.day > st.maxDay {
		st.maxDay = r.day
	}
	st.rows[ord] = r
	st.live++
	st.repeatAdd(ord)
	st.clusterAdd(ord, m, prevSim)
	st.setRisk(ord)
	if ci := st.rows[ord].cluster; ci >= 0 {
		c := st.clusters.list[ci]
		if c.count == 1 {
			c.stats = clusterStats{ci: ci, first: 1<<63 - 1, last: -1 << 63}
		}
		st.addStats(&c.stats, ord)
	}
	return nil
}

// unband takes the dead row ord out of the near-duplicate buckets.
// Caller holds st.mu.
func (st *state) unband(ord uint32) {
	r := &st.rows[ord]
	st.clusters.unband(ord, r.sim)
	r.sim = 0
}

// kill marks row ord dead. Caller holds st.mu.
func (st *state) kill(ord uint32) {
	r := &st.rows[ord]
	if !r.alive {
		return
	}
	st.clusterRemove(ord)
	r.alive = false
	st.live--
	st.repeatRemove(ord)
}

// Delete removes the documents with the given ids; unknown ids are ignored.
func (s *Store) Delete(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.write(ctx, nil, ids, ids, nil)
}

// write applies upserts, deletions and the checkpoint cp (nil: unchanged) to
// the current state under the write lock, and records the touched ids while
// a reindex runs so that it carries them over.
func (s *Store) write(ctx context.Context, ps []prepared, dels, touched []string, cp []byte) error {
	if err := ctx.Err(); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	st, release, err := s.acquire()
	if err != nil {
		return err
	}
	defer release()
	if ps, err = s.supersede(st, ps); err != nil {
		return err
	}
	if err := st.apply(ctx, ps, dels, cp, s.opts.MinFreeBytes); err != nil {
		return err
	}
	if s.dirty != nil {
		for _, id := range touched {
			s.dirty[id] = true
		}
	}
	return nil
}

// Get returns the stored document with the given id, unmasked when the
// index has its record key (the full document is sealed at rest), masked
// otherwise: masking per role is the caller's job. A missing id is
// ENOTFOUND.
func (s *Store) Get(ctx context.Context, id string) (xinfang.Document, error) {
	st, release, err := s.acquire()
	if err != nil {
		return xinfang.Document{}, err
	}
	defer release()
	raw, err := st.raw(id)
	if err != nil {
		return xinfang.Document{}, err
	}
	d, err := s.sealer.decodeStored(raw, true)
	if err != nil {
		return xinfang.Document{}, fmt.Errorf("index: get %s: %w", id, err)
	}
	st.mu.RLock()
	st.caseOf(&d, s.now())
	st.mu.RUnlock()
	return d, nil
}

// get returns the masked document with the given id.
func (st *state) get(id string) (xinfang.Document, error) {
	raw, err := st.raw(id)
	if err != nil {
		return xinfang.Document{}, err
	}
	d, err := (*sealer)(nil).decodeStored(raw, false)
	if err != nil {
		return xinfang.Document{}, fmt.Errorf("index: decode %s: %w", id, err)
	}
	return d, nil
}

// raw returns the stored field of a document.
func (st *state) raw(id string) ([]byte, error) {
	doc, err := st.idx.Document(id)
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", id, err)
	}
	if doc == nil {
		return nil, xinfang.Errorf(xinfang.ENOTFOUND, "no document with id %q", id)
	}
	var raw []byte
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fieldRaw {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: document %q has no stored source", id)
	}
	return raw, nil
}

// Count returns the number of documents in the index.
func (s *Store) Count() (uint64, error) {
	st, release, err := s.acquire()
	if err != nil {
		return 0, err
	}
	defer release()
	st.mu.RLock()
	defer st.mu.RUnlock()
	return uint64(st.live), nil
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
	st.mu.RLock()
	out := Stats{Documents: uint64(st.live), Path: st.path}
	for _, c := range st.clusters.list {
		if c.count > 0 {
			out.Clusters++
		}
	}
	st.mu.RUnlock()
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
