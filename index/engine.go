// The column engine's write side: ordinals for ids, a row set from a
// document's meta, a row killed by a deletion or a newer version.

package index

import (
	"github.com/xinfang/xinfang"
)

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
