// What the column file holds: ids, rows (fixed-width), dictionaries,
// complainant keys, respondent labels, clusters and segment maps, encoded
// from a state, decoded and checked, then installed into one at once.

package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// columns is a decoded column file, installed into a state at once.
type columns struct {
	live           int
	minDay, maxDay int32
	ids            []string
	rows           cowVec[row]
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

// encodeColumns writes the column file of the view v (cow.go) at
// generation gen of the index id; keys is the writer's part of it
// (encodeKeys). It holds no lock but segMu, for the segment maps: a scan
// and the writer go on while it runs.
func (st *state) encodeColumns(w io.Writer, v *engine, id [16]byte, gen uint64, keys []byte) error {
	e := newColEncoder(w)
	e.raw([]byte(colMagic))
	e.raw(id[:])
	e.u64(gen)
	e.uvarint(uint64(v.live))
	e.u32(uint32(v.minDay))
	e.u32(uint32(v.maxDay))
	e.strs(v.ids)
	nrows := v.rows.len()
	e.uvarint(uint64(nrows))
	var chunk [rowBytes * 512]byte
	for i := 0; i < nrows; i += 512 {
		n := min(512, nrows-i)
		for j := 0; j < n; j++ {
			putRow(chunk[j*rowBytes:], v.rows.at(uint32(i+j)))
		}
		e.raw(chunk[:n*rowBytes])
	}
	for _, d := range [4]*dict{v.cats, v.cities, v.counties, v.subjects} {
		e.strs(d.values)
	}
	e.uvarint(uint64(len(v.compls.keys)))
	for _, k := range v.compls.keys {
		e.raw(k[:])
	}
	e.strs(v.subjLabels)

	cs := v.clusters
	e.uvarint(uint64(cs.list.len()))
	for ci := range cs.list.len() {
		c := cs.at(int32(ci))
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
	e.raw(keys)
	// A segment map made after v (a batch in Bleve whose rows are not set
	// yet) may hold ordinals v lacks: it is left out, and made again when
	// a search needs it.
	st.segMu.Lock()
	segs := make(map[uint64][]uint32, len(st.segs))
	for id, m := range st.segs {
		if !slices.ContainsFunc(m, func(o uint32) bool { return o != noOrd && int(o) >= nrows }) {
			segs[id] = m
		}
	}
	st.segMu.Unlock()
	e.uvarint(uint64(len(segs)))
	for id, m := range segs {
		e.u64(id)
		e.u32s(m)
	}
	return e.finish()
}

// encodeKeys encodes the part of the column file that no view holds, as
// the writer keeps it: the cluster keys, free cluster slots and band
// buckets. Caller holds st.keysMu, under which the writer changes them.
func (st *state) encodeKeys() ([]byte, error) {
	cs := st.clusters
	var buf bytes.Buffer
	// Each row is in four band buckets (4 bytes each), plus the keys.
	buf.Grow(20*st.view.Load().rows.len() + 32*len(cs.byKey))
	e := newColEncoder(&buf)
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
	if err := e.flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
	c.rows.reserve(spare(n))
	for i := range n {
		var r row
		getRow(p[i*rowBytes:], &r)
		c.rows.push(r)
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
	list := make([]*cluster, d.count(8))
	for i := range list {
		cl := &cluster{key: d.str(), category: d.str(), city: d.str(), subject: d.str()}
		cl.count = int(d.uvarint())
		cl.step = int(d.uvarint())
		cl.members = d.u32s()
		cl.stats = clusterStats{ci: int32(d.u32()), n: int(d.uvarint()), first: int64(d.u64()), last: int64(d.u64()), top: d.u32(), level: d.u8(), score: d.u8()}
		cl.keys = d.strs()
		list[i] = cl
	}
	cs.list = cowOf(list)
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
	nrows := uint32(c.rows.len())
	ncl := int32(c.clusters.list.len())
	live := 0
	for i := range nrows {
		r := c.rows.at(i)
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
	for i := range ncl {
		cl := c.clusters.at(i)
		if err := ords("cluster "+strconv.Itoa(int(i)), cl.members); err != nil {
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
