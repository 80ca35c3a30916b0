package index

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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
//
// This file holds the history (watermark, deletion log) and the saving;
// colload.go the loading and replay, colcodec.go what the file holds,
// colfile.go its byte encoding.

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

// stampBatch gives the documents of a batch their generation and sequence
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

// saveColumns writes the column file: a temporary file, synced, renamed
// over the last one, the directory synced. It encodes the published view
// (cow.go) without a lock. The part no view holds (encodeKeys: cluster
// keys and band buckets, a few per cent of the file) is encoded first,
// with the view it goes with, under keysMu: between batches the writer's
// engine is the last view, and the writer waits at keysMu, not at st.mu,
// so that no read waits behind it.
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
	st.keysMu.Lock()
	st.mu.RLock()
	gen := st.coveredGen()
	id := st.mark.id
	st.mu.RUnlock()
	changes := st.changes.Load()
	v := st.view.Load()
	keys, err := st.encodeKeys()
	st.keysMu.Unlock()
	if err == nil {
		err = st.encodeColumns(f, v, id, gen, keys)
	}
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
		live := st.view.Load().liveCount()
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
