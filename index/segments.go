package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Bleve hits carry scorch's internal document number: the segment's offset
// in the snapshot plus the local number in the segment. Segments are
// immutable, so the ordinal of every local number is computed once per
// segment and cached by segment id.

const noOrd = ^uint32(0)

// snapshot is a scorch reader with the ordinal maps of its segments.
type snapshot struct {
	reader  bindex.IndexReader
	offsets []uint64
	maps    [][]uint32
}

func (sn *snapshot) close() { sn.reader.Close() }

// docs returns the number of document numbers of the snapshot.
func (sn *snapshot) docs() uint64 {
	if len(sn.offsets) == 0 {
		return 0
	}
	return sn.offsets[len(sn.offsets)-1] + uint64(len(sn.maps[len(sn.maps)-1]))
}

// ord returns the ordinal of an internal id, or noOrd. cur is the
// caller's segment cursor, which speeds up increasing numbers.
func (sn *snapshot) ord(id bindex.IndexInternalID, cur *int) uint32 {
	if len(id) != 8 {
		return noOrd
	}
	n := binary.BigEndian.Uint64(id)
	i := *cur
	if i >= len(sn.offsets) || n < sn.offsets[i] || (i+1 < len(sn.offsets) && n >= sn.offsets[i+1]) {
		i = sort.Search(len(sn.offsets), func(x int) bool { return sn.offsets[x] > n }) - 1
		if i < 0 {
			return noOrd
		}
		*cur = i
	}
	local := n - sn.offsets[i]
	m := sn.maps[i]
	if local >= uint64(len(m)) {
		return noOrd
	}
	return m[local]
}

// openSnapshot returns a reader of the current index with its maps. The
// caller does not hold st.mu: a new segment is mapped with the ordinal
// table read under st.mu shared (mapSegment).
func (st *state) openSnapshot() (*snapshot, error) {
	is, err := st.scorchReader()
	if err != nil {
		return nil, err
	}
	segs := is.Segments()
	sn := &snapshot{reader: is, offsets: make([]uint64, len(segs)), maps: make([][]uint32, len(segs))}
	var running uint64
	st.segMu.Lock()
	defer st.segMu.Unlock()
	used := make(map[uint64]bool, len(segs))
	for i, ss := range segs {
		sn.offsets[i] = running
		running += ss.Segment().Count()
		used[ss.Id()] = true
		m, ok := st.segs[ss.Id()]
		if !ok {
			m, err = st.mapSegment(ss)
			if err != nil {
				is.Close()
				return nil, err
			}
			st.segs[ss.Id()] = m
		}
		sn.maps[i] = m
	}
	if len(st.segs) > 2*len(segs)+8 {
		for id := range st.segs {
			if !used[id] {
				delete(st.segs, id)
			}
		}
	}
	return sn, nil
}

// mapSegment maps the local numbers of one segment to ordinals. The ids
// are read from the segment without a lock and looked up a few thousand
// at a time under st.mu shared, so that the writer never waits long for
// a large merged segment.
func (st *state) mapSegment(ss *scorch.SegmentSnapshot) ([]uint32, error) {
	n := ss.Segment().Count()
	m := make([]uint32, n)
	for i := range m {
		m[i] = noOrd
	}
	const step = 4096
	nums := make([]uint32, 0, step)
	ids := make([]string, 0, step)
	resolve := func() {
		st.mu.RLock()
		for i, id := range ids {
			if o, ok := st.ordOf(id); ok {
				m[nums[i]] = o
			}
		}
		st.mu.RUnlock()
		nums, ids = nums[:0], ids[:0]
	}
	it := ss.DocNumbersLive().Iterator()
	for it.HasNext() {
		num := it.Next()
		id, err := ss.DocID(uint64(num))
		if err != nil {
			return nil, fmt.Errorf("index: segment %d doc %d: %w", ss.Id(), num, err)
		}
		nums, ids = append(nums, num), append(ids, string(id))
		if len(ids) == step {
			resolve()
		}
	}
	resolve()
	return m, nil
}

// loaded is a stored document's id and meta, and where it is.
type loaded struct {
	id  string
	m   meta
	seg int
	num uint32
}

// scorchReader returns a reader of the index as a scorch snapshot; the
// caller closes it.
func (st *state) scorchReader() (*scorch.IndexSnapshot, error) {
	adv, err := st.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: reader: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: reader: %w", err)
	}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("index: reader is %T, not a scorch snapshot", r)
	}
	return is, nil
}

// readMetas fills the id and meta of docs from their stored fields, on
// both cores (reading stored fields means decompressing them), counting
// each document read in read. A document without a meta (Bleve's internal
// ones) gets no id.
func readMetas(segs []*scorch.SegmentSnapshot, docs []loaded, read *atomic.Int64) error {
	const workers = 2
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				var found bool
				var merr error
				// value is only valid inside the visitor.
				err := segs[d.seg].VisitDocument(uint64(d.num), func(field string, _ byte, value []byte, _ []uint64) bool {
					switch field {
					case "_id":
						d.id = string(value)
					case fieldMeta:
						found = true
						merr = json.Unmarshal(value, &d.m)
					}
					return !found
				})
				if err != nil {
					errs[w] = fmt.Errorf("index: read doc %d: %w", d.num, err)
					return
				}
				if merr != nil {
					errs[w] = fmt.Errorf("index: meta of %q: %w", d.id, merr)
					return
				}
				if !found {
					d.id = "" // internal documents carry no meta
				}
				read.Add(1)
			}
		}(w)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// tailDocs returns the live documents written by batches after generation
// from: the postings of the gen terms above it.
func (st *state) tailDocs(from uint64) ([]loaded, error) {
	is, err := st.scorchReader()
	if err != nil {
		return nil, err
	}
	defer is.Close()
	segs := is.Segments()
	offsets := make([]uint64, len(segs))
	var running uint64
	for i, ss := range segs {
		offsets[i] = running
		running += ss.Segment().Count()
	}
	dict, err := is.FieldDictRange(fieldGen, []byte(genTerm(from+1)), nil)
	if err != nil {
		return nil, fmt.Errorf("index: generations after %d: %w", from, err)
	}
	var terms []string
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, fmt.Errorf("index: generations after %d: %w", from, err)
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
	}
	dict.Close()
	var docs []loaded
	for _, term := range terms {
		tfr, err := is.TermFieldReader(context.Background(), []byte(term), fieldGen, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("index: generation %s: %w", term, err)
		}
		for {
			tf, err := tfr.Next(nil)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("index: generation %s: %w", term, err)
			}
			if tf == nil {
				break
			}
			if len(tf.ID) != 8 {
				tfr.Close()
				return nil, fmt.Errorf("index: generation %s: document number of %d bytes", term, len(tf.ID))
			}
			n := binary.BigEndian.Uint64(tf.ID)
			si := sort.Search(len(offsets), func(x int) bool { return offsets[x] > n }) - 1
			docs = append(docs, loaded{seg: si, num: uint32(n - offsets[si])})
		}
		tfr.Close()
	}
	var read atomic.Int64
	if err := readMetas(segs, docs, &read); err != nil {
		return nil, err
	}
	return docs, nil
}

// rebuild fills the rows and clusters from the stored documents, in
// document date order so that clusters form as they did on arrival, and
// maps the segments on the way. It tells progress how far it is every
// second.
func (st *state) rebuild(progress func(string)) error {
	is, err := st.scorchReader()
	if err != nil {
		return err
	}
	defer is.Close()
	segs := is.Segments()
	var docs []loaded
	for si, ss := range segs {
		it := ss.DocNumbersLive().Iterator()
		for it.HasNext() {
			docs = append(docs, loaded{seg: si, num: it.Next()})
		}
	}
	var read atomic.Int64
	done := make(chan struct{})
	var ticking sync.WaitGroup
	defer ticking.Wait()
	defer close(done)
	if total := len(docs); total > 0 {
		ticking.Add(1)
		go func() {
			defer ticking.Done()
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					progress(fmt.Sprintf("rebuilding the columns: %d of %d stored documents read", read.Load(), total))
				}
			}
		}()
	}
	if err := readMetas(segs, docs, &read); err != nil {
		return err
	}
	kept := docs[:0]
	for _, d := range docs {
		if d.id != "" {
			kept = append(kept, d)
		}
	}
	docs = kept
	maps := make([][]uint32, len(segs))
	for i, ss := range segs {
		maps[i] = make([]uint32, ss.Segment().Count())
		for j := range maps[i] {
			maps[i][j] = noOrd
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.reserve(len(docs))
	// Ordinals follow the index order, so that a search, which visits
	// documents in that order, reads the rows sequentially rather than
	// missing the cache on every hit.
	ords := make([]uint32, len(docs))
	for i := range docs {
		ords[i] = st.ordFor(docs[i].id)
		maps[docs[i].seg][docs[i].num] = ords[i]
	}
	// Rows are filled in date order so that clusters form as they did on
	// arrival.
	byDate := make([]int, len(docs))
	for i := range byDate {
		byDate[i] = i
	}
	sort.SliceStable(byDate, func(i, j int) bool {
		a, b := &docs[byDate[i]], &docs[byDate[j]]
		if a.m.Sec != b.m.Sec {
			return a.m.Sec < b.m.Sec
		}
		return a.id < b.id
	})
	for _, i := range byDate {
		if err := st.setRow(ords[i], &docs[i].m); err != nil {
			return err
		}
	}
	st.regroup()
	st.segMu.Lock()
	for i, ss := range segs {
		st.segs[ss.Id()] = maps[i]
	}
	st.segMu.Unlock()
	return nil
}
