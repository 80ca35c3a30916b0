package index

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// Column snapshots. The columns, clusters, dictionaries and segment maps
// (and with the rows the lists of repeat petitions) are derived from the stored documents; rebuilding them reads
// every document (17.6 s at 1M records), so the state writes them to one
// file beside the Bleve index (DIR/index-N/columns), tied to the index's
// write history, and Open loads it and replays only what is newer, as
// Prometheus' head loads its chunk snapshot and replays the WAL after it.
//
//   - Every batch carries a generation (one more than the last) and every
//     document in it a sequence number. The batch stamps them into the
//     documents (the gen keyword field, and Gen and Seq in the meta) and
//     into Bleve's internal key/values (keyWatermark), in the same batch,
//     so that Bleve's own snapshot is the truth of how far the history
//     goes. The ids a batch deletes go to keyDeletes the same way, until a
//     column file covers them.
//   - The column file names the generation it covers. It is written as
//     Prometheus and bbolt do (temporary file, fsync, rename, fsync of the
//     directory) on a clean close and periodically (saveEvery, saveChanges).
//   - Open takes the file when its format, checksum and index identity are
//     right and its generation is not ahead of the index's; it then replays
//     the documents of later generations (a term range on the gen field) and
//     the deletions logged after it, batch by batch, in their order. In
//     every other case it rebuilds from the stored documents, as before,
//     saying why and how far it is (Options.Progress).

const (
	columnsFile  = "columns"
	keyWatermark = "xinfang/columns/watermark"
	keyDeletes   = "xinfang/columns/deletes"
)

// Periodic saves: a state writes its column file when saveChanges
// documents (or a tenth of the live ones, whichever is more) changed since
// the last, or saveEvery passed with any change, looking every saveCheck.
var (
	saveEvery   = time.Minute
	saveChanges = 10_000
	saveCheck   = 2 * time.Second
)

// watermark is a position in the write history of one index.
type watermark struct {
	id  [16]byte // random, set when the index is created
	gen uint64   // generation of the last batch
	seq uint64   // sequence number of the last document
}

func (w watermark) encode() []byte {
	b := make([]byte, 32)
	copy(b, w.id[:])
	binary.LittleEndian.PutUint64(b[16:], w.gen)
	binary.LittleEndian.PutUint64(b[24:], w.seq)
	return b
}

func decodeWatermark(b []byte) (watermark, error) {
	var w watermark
	if len(b) != 32 {
		return w, fmt.Errorf("index: column watermark of %d bytes, want 32", len(b))
	}
	copy(w.id[:], b)
	w.gen = binary.LittleEndian.Uint64(b[16:])
	w.seq = binary.LittleEndian.Uint64(b[24:])
	return w, nil
}

func newWatermark() (watermark, error) {
	var w watermark
	if _, err := rand.Read(w.id[:]); err != nil {
		return w, fmt.Errorf("index: watermark: %w", err)
	}
	return w, nil
}

// genTerm is the gen field's term of a generation: fixed-width hex, so
// that the order of terms is that of generations.
func genTerm(gen uint64) string { return fmt.Sprintf("%016x", gen) }

// delEntry is the ids one batch deleted.
type delEntry struct {
	gen uint64
	ids []string
}

func encodeDeletes(log []delEntry) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(log)))
	for _, e := range log {
		b = binary.AppendUvarint(b, e.gen)
		b = binary.AppendUvarint(b, uint64(len(e.ids)))
		for _, id := range e.ids {
			b = binary.AppendUvarint(b, uint64(len(id)))
			b = append(b, id...)
		}
	}
	return b
}

func decodeDeletes(b []byte) ([]delEntry, error) {
	d := &colDecoder{b: b}
	out := make([]delEntry, d.count(2))
	for i := range out {
		out[i].gen = d.uvarint()
		out[i].ids = make([]string, d.count(1))
		for j := range out[i].ids {
			out[i].ids[j] = d.str()
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("index: deletion log: %w", d.err)
	}
	return out, nil
}

// nextDeletes returns the deletion log after a batch of generation gen
// that deletes dels: without the entries the last column file covers, with
// the new one. changed is false when the log stays as it is.
func (st *state) nextDeletes(gen uint64, dels []string) (log []delEntry, changed bool) {
	saved := st.saved.Load()
	for _, e := range st.dellog {
		if e.gen > saved {
			log = append(log, e)
		} else {
			changed = true
		}
	}
	if len(dels) > 0 {
		log = append(log, delEntry{gen: gen, ids: append([]string(nil), dels...)})
		changed = true
	}
	return log, changed
}

// stamp gives the documents of a batch their generation and sequence
// numbers and encodes their meta. It returns the batch's watermark.
func (st *state) stampBatch(ps []prepared) (watermark, error) {
	w := st.stamp
	w.gen++
	for i := range ps {
		w.seq++
		p := &ps[i]
		p.meta.Gen, p.meta.Seq = w.gen, w.seq
		mb, err := json.Marshal(p.meta)
		if err != nil {
			return w, fmt.Errorf("index: encode meta of %q: %w", p.id, err)
		}
		p.doc[fieldMeta] = string(mb)
		if st.genField {
			p.doc[fieldGen] = genTerm(w.gen)
		}
	}
	return w, nil
}

// coveredGen is the generation a column file written now covers: that of
// the last batch whose rows are set, or before the first batch since open
// that Bleve took but whose rows were not set (it may be durable after
// all, so the replay must see it). Caller holds st.mu.
func (st *state) coveredGen() uint64 {
	g := st.mark.gen
	if st.failGen != 0 && st.failGen <= g {
		g = st.failGen - 1
	}
	return g
}

// openColumns fills the columns of a freshly opened state: from the column
// file and the newer batches when they agree with the index, otherwise by
// a rebuild from every stored document.
func (st *state) openColumns(progress func(string)) error {
	wm, dellog, err := st.readHistory()
	if err != nil {
		return err
	}
	st.stamp, st.mark, st.dellog = wm, wm, dellog
	if n, err := st.idx.DocCount(); err != nil {
		return fmt.Errorf("index: count: %w", err)
	} else if n == 0 && wm.gen == 0 {
		return nil // a new index
	}
	start := time.Now()
	gen, err := st.loadColumns(wm)
	if err == nil && gen < wm.gen {
		loaded := time.Since(start)
		var n int
		n, err = st.replay(gen, dellog)
		if err == nil {
			progress(fmt.Sprintf("columns loaded at generation %d in %s; %d documents and %d deletions of %d later batches replayed in %s",
				gen, loaded.Round(time.Millisecond), n, countDeletes(dellog, gen), wm.gen-gen, (time.Since(start) - loaded).Round(time.Millisecond)))
		} else {
			st.resetColumns()
		}
	} else if err == nil {
		progress(fmt.Sprintf("columns loaded at generation %d in %s", gen, time.Since(start).Round(time.Millisecond)))
	}
	if err == nil {
		st.saved.Store(gen)
		return nil
	}
	progress(fmt.Sprintf("rebuilding the columns from the stored documents: %v", err))
	if err := st.rebuild(progress); err != nil {
		return err
	}
	// Write a column file soon, so that the next open is quick.
	st.changes.Store(int64(saveChanges))
	return nil
}

func countDeletes(log []delEntry, after uint64) int {
	n := 0
	for _, e := range log {
		if e.gen > after {
			n += len(e.ids)
		}
	}
	return n
}

// readHistory returns the index's watermark and deletion log. An index
// without a watermark (created before column files) gets one, stamped with
// its next batch.
func (st *state) readHistory() (watermark, []delEntry, error) {
	b, err := st.idx.GetInternal([]byte(keyWatermark))
	if err != nil {
		return watermark{}, nil, fmt.Errorf("index: read watermark: %w", err)
	}
	var wm watermark
	if b == nil {
		wm, err = newWatermark()
	} else {
		wm, err = decodeWatermark(b)
	}
	if err != nil {
		return wm, nil, err
	}
	b, err = st.idx.GetInternal([]byte(keyDeletes))
	if err != nil || b == nil {
		return wm, nil, err
	}
	log, err := decodeDeletes(b)
	return wm, log, err
}

// loadColumns reads the column file into st and returns the generation it
// covers; an error says why it does not fit (st is then untouched).
func (st *state) loadColumns(wm watermark) (uint64, error) {
	data, release, err := mapFile(filepath.Join(st.path, columnsFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, errors.New("no column file")
	}
	if err != nil {
		return 0, err
	}
	// Everything decoded is copied out of the mapping.
	defer release()
	d, err := openColBody(data)
	if err != nil {
		return 0, fmt.Errorf("column file damaged: %w", err)
	}
	var id [16]byte
	copy(id[:], d.take(16))
	gen := d.u64()
	switch {
	case d.err != nil:
		return 0, fmt.Errorf("column file damaged: %w", d.err)
	case id != wm.id:
		return 0, errors.New("the column file belongs to another index")
	case gen > wm.gen:
		return 0, fmt.Errorf("the column file (generation %d) is ahead of the index (generation %d)", gen, wm.gen)
	case gen < wm.gen && !st.genField:
		return 0, fmt.Errorf("the column file is at generation %d, the index at %d, and the index has no %s field to find the documents in between (xinfang reindex adds it)", gen, wm.gen, fieldGen)
	}
	c, err := decodeColumns(d)
	if err != nil {
		return 0, fmt.Errorf("column file damaged: %w", err)
	}
	st.mu.Lock()
	c.install(st)
	st.mu.Unlock()
	return gen, nil
}

// replay applies the batches after generation from, in their order: each
// batch's documents by sequence number, then its deletions, then the
// repeat groups, as apply did. It returns the number of documents.
func (st *state) replay(from uint64, dellog []delEntry) (int, error) {
	ups, err := st.tailDocs(from)
	if err != nil {
		return 0, fmt.Errorf("replay: %w", err)
	}
	for _, u := range ups {
		if u.m.Gen <= from {
			return 0, fmt.Errorf("replay: %q is in a generation after %d by its term, in %d by its meta", u.id, from, u.m.Gen)
		}
	}
	n := len(ups)
	sort.Slice(ups, func(i, j int) bool { return ups[i].m.Seq < ups[j].m.Seq })
	var dels []delEntry
	for _, e := range dellog {
		if e.gen > from {
			dels = append(dels, e)
		}
	}
	sort.Slice(dels, func(i, j int) bool { return dels[i].gen < dels[j].gen })
	st.mu.Lock()
	defer st.mu.Unlock()
	for len(ups) > 0 || len(dels) > 0 {
		// The next batch: the lowest generation left.
		gen := uint64(1<<64 - 1)
		if len(ups) > 0 {
			gen = ups[0].m.Gen
		}
		if len(dels) > 0 && dels[0].gen < gen {
			gen = dels[0].gen
		}
		for len(ups) > 0 && ups[0].m.Gen == gen {
			if err := st.setRow(st.ordFor(ups[0].id), &ups[0].m); err != nil {
				return 0, err
			}
			ups = ups[1:]
		}
		if len(dels) > 0 && dels[0].gen == gen {
			for _, id := range dels[0].ids {
				if o, ok := st.ordOf(id); ok {
					st.kill(o)
					st.unband(o)
				}
			}
			dels = dels[1:]
		}
		st.regroup()
	}
	return n, nil
}

// saveColumns writes the column file: a temporary file, synced, renamed
// over the last one, the directory synced. The encoding holds st.mu
// shared (writers wait, readers do not).
func (st *state) saveColumns() error {
	final := filepath.Join(st.path, columnsFile)
	tmp := final + ".tmp"
	// The file must not take the space the index keeps free for its
	// batches: it needs about as much as the last one.
	if st.minFree > 0 {
		need := st.minFree
		if fi, err := os.Stat(final); err == nil {
			need += fi.Size()
		}
		if err := st.checkDisk(need); err != nil {
			return fmt.Errorf("index: save columns: %w", err)
		}
	}
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("index: save columns: %w", err)
	}
	st.mu.RLock()
	gen := st.coveredGen()
	changes := st.changes.Load()
	err = st.encodeColumns(f, gen)
	st.mu.RUnlock()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("index: save columns: %w", err)
	}
	syncDir(st.path)
	st.saved.Store(gen)
	st.changes.Add(-changes)
	st.lastSave.Store(time.Now().UnixNano())
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// saver writes the column file when enough changed or enough time passed
// with a change.
func (st *state) saver() {
	defer st.bg.Done()
	t := time.NewTicker(saveCheck)
	defer t.Stop()
	var retryAt time.Time // after a failure, not at every check
	for {
		select {
		case <-st.stop:
			return
		case <-t.C:
		}
		n := st.changes.Load()
		if n == 0 {
			continue
		}
		st.mu.RLock()
		live := st.live
		st.mu.RUnlock()
		since := time.Since(time.Unix(0, st.lastSave.Load()))
		if n < int64(max(saveChanges, live/10)) && since < saveEvery || time.Now().Before(retryAt) {
			continue
		}
		if err := st.saveColumns(); err != nil {
			// Only the speed of the next open is at stake.
			slog.Warn("index: the column file was not written; trying again later", "path", st.path, "err", err)
			retryAt = time.Now().Add(saveEvery)
		}
	}
}

// columns is a decoded column file, installed into a state at once.
type columns struct {
	live           int
	minDay, maxDay int32
	ids            []string
	rows           []row
	dicts          [4][]string // cats, cities, counties, subjects
	compls         [][16]byte
	subjLabels     []string
	clusters       *clusterSet
	segs           map[uint64][]uint32
}

func (st *state) dicts() [4]*dict {
	return [4]*dict{st.cats, st.cities, st.counties, st.subjects}
}

const rowBytes = 81

func putRow(p []byte, r *row) {
	le := binary.LittleEndian
	le.PutUint64(p[0:], uint64(r.sec))
	le.PutUint64(p[8:], r.cats)
	le.PutUint64(p[16:], r.sim)
	le.PutUint32(p[24:], uint32(r.hc))
	le.PutUint32(p[28:], uint32(r.cluster))
	le.PutUint32(p[32:], r.compl)
	le.PutUint16(p[36:], r.city)
	le.PutUint16(p[38:], r.county)
	p[40], p[41], p[42], p[43] = r.kind, r.channel, r.status, r.baseLevel
	p[44], p[45], p[46] = r.baseScore, r.level, r.score
	var flags byte
	if r.alive {
		flags |= 1
	}
	if r.closed {
		flags |= 2
	}
	if r.joint {
		flags |= 4
	}
	p[47] = flags
	le.PutUint64(p[48:], uint64(r.due))
	le.PutUint64(p[56:], uint64(r.handle))
	le.PutUint32(p[64:], r.subj)
	le.PutUint32(p[68:], r.repFirst)
	le.PutUint32(p[72:], r.repOrder)
	le.PutUint32(p[76:], r.repCount)
	p[80] = r.dueKind
}

func getRow(p []byte, r *row) {
	le := binary.LittleEndian
	r.sec = int64(le.Uint64(p[0:]))
	r.day = dayOf(r.sec)
	r.cats = le.Uint64(p[8:])
	r.sim = le.Uint64(p[16:])
	r.hc = int32(le.Uint32(p[24:]))
	r.cluster = int32(le.Uint32(p[28:]))
	r.compl = le.Uint32(p[32:])
	r.city = le.Uint16(p[36:])
	r.county = le.Uint16(p[38:])
	r.kind, r.channel, r.status, r.baseLevel = p[40], p[41], p[42], p[43]
	r.baseScore, r.level, r.score = p[44], p[45], p[46]
	r.alive, r.closed, r.joint = p[47]&1 != 0, p[47]&2 != 0, p[47]&4 != 0
	r.due = int64(le.Uint64(p[48:]))
	r.handle = int64(le.Uint64(p[56:]))
	r.subj = le.Uint32(p[64:])
	r.repFirst = le.Uint32(p[68:])
	r.repOrder = le.Uint32(p[72:])
	r.repCount = le.Uint32(p[76:])
	r.dueKind = p[80]
}

// encodeColumns writes the column file of st at generation gen. Caller
// holds st.mu.
func (st *state) encodeColumns(w io.Writer, gen uint64) error {
	e := newColEncoder(w)
	e.raw([]byte(colMagic))
	e.raw(st.mark.id[:])
	e.u64(gen)
	e.uvarint(uint64(st.live))
	e.u32(uint32(st.minDay))
	e.u32(uint32(st.maxDay))
	e.strs(st.ids)
	e.uvarint(uint64(len(st.rows)))
	var chunk [rowBytes * 512]byte
	for i := 0; i < len(st.rows); i += 512 {
		n := min(512, len(st.rows)-i)
		for j := 0; j < n; j++ {
			putRow(chunk[j*rowBytes:], &st.rows[i+j])
		}
		e.raw(chunk[:n*rowBytes])
	}
	for _, d := range st.dicts() {
		e.strs(d.values)
	}
	e.uvarint(uint64(len(st.compls.keys)))
	for _, k := range st.compls.keys {
		e.raw(k[:])
	}
	e.strs(st.subjLabels)

	cs := st.clusters
	e.uvarint(uint64(len(cs.list)))
	for _, c := range cs.list {
		e.str(c.key)
		e.str(c.category)
		e.str(c.city)
		e.str(c.subject)
		e.uvarint(uint64(c.count))
		e.uvarint(uint64(c.step))
		e.u32s(c.members)
		e.u32(uint32(c.stats.ci))
		e.uvarint(uint64(c.stats.n))
		e.u64(uint64(c.stats.first))
		e.u64(uint64(c.stats.last))
		e.u32(c.stats.top)
		e.u8(c.stats.level)
		e.u8(c.stats.score)
		e.strs(c.keys)
	}
	e.uvarint(uint64(len(cs.byKey)))
	for k, ci := range cs.byKey {
		e.str(k)
		e.u32(uint32(ci))
	}
	free := make([]uint32, len(cs.free))
	for i, ci := range cs.free {
		free[i] = uint32(ci)
	}
	e.u32s(free)
	for b := range cs.bands {
		e.uvarint(uint64(len(cs.bands[b])))
		for band, ords := range cs.bands[b] {
			e.u32(uint32(band))
			e.u32s(ords)
		}
	}
	st.segMu.Lock()
	e.uvarint(uint64(len(st.segs)))
	for id, m := range st.segs {
		e.u64(id)
		e.u32s(m)
	}
	st.segMu.Unlock()
	return e.finish()
}

// decodeColumns reads what encodeColumns wrote after the watermark, and
// checks that every code and ordinal is in range, so that a file that
// passes its checksum but not its sense is refused rather than installed.
func decodeColumns(d *colDecoder) (*columns, error) {
	c := &columns{}
	c.live = int(d.uvarint())
	c.minDay = int32(d.u32())
	c.maxDay = int32(d.u32())
	if ids := d.strs(); ids != nil {
		c.ids = append(make([]string, 0, spare(len(ids))), ids...)
	}
	n := d.count(rowBytes)
	p := d.take(n * rowBytes)
	if d.err != nil {
		return nil, d.err
	}
	if n != len(c.ids) {
		return nil, fmt.Errorf("%d rows for %d ids", n, len(c.ids))
	}
	// Spare capacity, so that the first documents after open (the
	// replay) do not copy every row; pages not written cost no memory.
	c.rows = make([]row, n, spare(n))
	for i := range c.rows {
		getRow(p[i*rowBytes:], &c.rows[i])
	}
	for i := range c.dicts {
		c.dicts[i] = d.strs()
	}
	nk := d.count(16)
	keys := d.take(16 * nk)
	if d.err != nil || nk == 0 {
		return nil, fmt.Errorf("complainant keys: %v", d.err)
	}
	c.compls = make([][16]byte, nk)
	for i := range c.compls {
		copy(c.compls[i][:], keys[16*i:])
	}
	c.subjLabels = d.strs()

	cs := &clusterSet{}
	cs.list = make([]*cluster, d.count(8))
	for i := range cs.list {
		cl := &cluster{key: d.str(), category: d.str(), city: d.str(), subject: d.str()}
		cl.count = int(d.uvarint())
		cl.step = int(d.uvarint())
		cl.members = d.u32s()
		cl.stats = clusterStats{ci: int32(d.u32()), n: int(d.uvarint()), first: int64(d.u64()), last: int64(d.u64()), top: d.u32(), level: d.u8(), score: d.u8()}
		cl.keys = d.strs()
		cs.list[i] = cl
	}
	nb := d.count(5)
	cs.byKey = make(map[string]int32, nb)
	for i := 0; i < nb; i++ {
		k := d.str()
		cs.byKey[k] = int32(d.u32())
	}
	for _, ci := range d.u32s() {
		cs.free = append(cs.free, int32(ci))
	}
	for b := range cs.bands {
		nb := d.count(5)
		cs.bands[b] = make(map[uint16][]uint32, nb)
		for i := 0; i < nb; i++ {
			band := uint16(d.u32())
			cs.bands[b][band] = d.u32s()
		}
	}
	c.clusters = cs
	ns := d.count(9)
	c.segs = make(map[uint64][]uint32, ns)
	for i := 0; i < ns; i++ {
		id := d.u64()
		c.segs[id] = d.u32s()
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the last section", len(d.b))
	}
	return c, c.check()
}

// spare is the capacity given to a slice of n loaded rows.
func spare(n int) int { return n + max(n/4, 1024) }

// check refuses codes and ordinals out of range.
func (c *columns) check() error {
	nrows := uint32(len(c.rows))
	ncl := int32(len(c.clusters.list))
	live := 0
	for i := range c.rows {
		r := &c.rows[i]
		if r.alive {
			live++
		}
		if r.cluster < -1 || r.cluster >= ncl || int(r.city) >= len(c.dicts[1]) || int(r.county) >= len(c.dicts[2]) ||
			int(r.compl) >= len(c.compls) || int(r.subj) >= len(c.dicts[3]) || r.repFirst >= nrows {
			return fmt.Errorf("row %d out of range", i)
		}
	}
	if live != c.live {
		return fmt.Errorf("%d live rows, the header says %d", live, c.live)
	}
	if len(c.dicts[0]) > maxCategories+1 || len(c.subjLabels) != len(c.dicts[3]) {
		return errors.New("dictionaries out of range")
	}
	ords := func(what string, list []uint32) error {
		for _, o := range list {
			if o >= nrows {
				return fmt.Errorf("%s: ordinal %d of %d rows", what, o, nrows)
			}
		}
		return nil
	}
	for i, cl := range c.clusters.list {
		if err := ords("cluster "+strconv.Itoa(i), cl.members); err != nil {
			return err
		}
		if cl.count != len(cl.members) || cl.stats.ci < 0 || cl.stats.ci >= ncl || (len(cl.members) > 0 && cl.stats.top >= nrows) {
			return fmt.Errorf("cluster %d out of range", i)
		}
	}
	for _, ci := range c.clusters.byKey {
		if ci < 0 || ci >= ncl {
			return fmt.Errorf("cluster key to %d of %d clusters", ci, ncl)
		}
	}
	for _, ci := range c.clusters.free {
		if ci < 0 || ci >= ncl {
			return fmt.Errorf("free cluster %d of %d", ci, ncl)
		}
	}
	for b := range c.clusters.bands {
		for _, list := range c.clusters.bands[b] {
			if err := ords("band", list); err != nil {
				return err
			}
		}
	}
	for _, m := range c.segs {
		for _, o := range m {
			if o != noOrd && o >= nrows {
				return fmt.Errorf("segment map: ordinal %d of %d rows", o, nrows)
			}
		}
	}
	return nil
}

// install makes c the columns of st. Caller holds st.mu.
func (c *columns) install(st *state) {
	st.ids, st.rows, st.live = c.ids, c.rows, c.live
	st.minDay, st.maxDay = c.minDay, c.maxDay
	st.ords = newOrdTable(c.ids)
	for i, d := range st.dicts() {
		d.values = c.dicts[i]
		d.codes = make(map[string]uint32, len(d.values))
		for code, v := range d.values {
			d.codes[v] = uint32(code)
		}
	}
	st.compls = newKeyDictOf(c.compls)
	st.subjLabels = c.subjLabels
	st.clusters = c.clusters
	st.repDirty = map[uint32]bool{}
	st.relink()
	st.segMu.Lock()
	st.segs = c.segs
	st.segMu.Unlock()
}
