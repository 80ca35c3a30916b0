// Opening with a column file: the index's watermark and deletion log read from
// Bleve's internal key/values, the file loaded when it fits the index, the
// later batches replayed in their order, or else a rebuild.

package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

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
			dels := countDeletes(dellog, gen)
			progress(fmt.Sprintf("columns loaded at generation %d in %s; %d documents and %d deletions of %d later batches replayed in %s",
				gen, loaded.Round(time.Millisecond), n, dels, wm.gen-gen, (time.Since(start) - loaded).Round(time.Millisecond)))
			// What was replayed is not in the file yet: it counts towards
			// the next periodic write, or kill -9 after kill -9 would
			// replay more and more at every open.
			st.changes.Store(int64(n + dels))
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
				st.remove(id)
			}
			dels = dels[1:]
		}
		st.regroup()
	}
	return n, nil
}
