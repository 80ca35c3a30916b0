// Which copy of a record wins when a batch is written: an older copy never
// undoes a newer one that is stored or earlier in the batch.

package index

import (
	"time"

	"github.com/xinfang/xinfang"
)

// supersede applies the rule that an older copy of a record never undoes
// a newer one to a batch about to be written: a petition whose id is
// already stored, or earlier in the batch, replaces it only when it is the
// same version or newer (xinfang.SameOrNewer), and then carries its status
// history and the times it leaves out (xinfang.Supersede); an older copy
// is dropped. Caller holds s.writeMu, so no write comes in between.
func (s *Store) supersede(st *state, ps []prepared) ([]prepared, error) {
	pending := make(map[string]int, len(ps)) // id → index in out
	out := make([]prepared, 0, len(ps))
	now := time.Now()
	for _, p := range ps {
		j, inBatch := pending[p.id]
		if p.d.Record == nil {
			if inBatch {
				out[j] = p
			} else {
				pending[p.id] = len(out)
				out = append(out, p)
			}
			continue
		}
		var prev *xinfang.Document
		if inBatch {
			prev = &out[j].d
		} else if stored, ok, err := st.stored(p.id); err != nil {
			return nil, err
		} else if ok {
			prev = &stored
		}
		if prev == nil || prev.Record == nil {
			if inBatch {
				out[j] = p
			} else {
				pending[p.id] = len(out)
				out = append(out, p)
			}
			continue
		}
		if !xinfang.SameOrNewer(p.d.Record, prev.Record) {
			continue // an older copy: redelivery, replay or re-import
		}
		d := p.d
		rec := *d.Record
		d.Record, d.StatusHistory = &rec, nil
		xinfang.Supersede(&d, prev, now)
		np, err := s.prepare(d, now)
		if err != nil {
			return nil, err
		}
		if inBatch {
			out[j] = np
		} else {
			pending[p.id] = len(out)
			out = append(out, np)
		}
	}
	return out, nil
}

// stored returns the live stored document with the given id.
func (st *state) stored(id string) (xinfang.Document, bool, error) {
	st.mu.RLock()
	ok := st.isLive(id)
	st.mu.RUnlock()
	if !ok {
		return xinfang.Document{}, false, nil
	}
	d, err := st.get(id)
	if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
		return xinfang.Document{}, false, nil
	}
	return d, err == nil, err
}
