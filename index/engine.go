// The column engine. Bleve answers free text; everything else a request
// needs per document (filters, facets, the histogram, sorting by date or
// risk, trends, clusters, repeats, deadlines) is read from the engine: one
// compact row per document addressed by a dense ordinal, the dictionaries
// its values are coded with, the clusters of recurring matters and the
// links between a complainant's petitions. Its files are engine.go,
// columns.go (row, dictionaries), ords.go, eval.go (the predicate a query
// and filters compile to), agg.go (facets, histogram), topk.go (ranking),
// clusters.go, repeats.go and casework.go; none of them imports Bleve or
// touches the Bleve index or its snapshots.
//
// The Bleve side of the index (write.go, colload.go, segments.go,
// textscan.go, compile.go, ...) reaches the engine through one door, the
// columnEngine interface, and never reads or writes its fields: an id gets
// an ordinal, a durable document's meta sets its row, a deletion removes
// it, a batch ends with regroup, a query's column clauses and filters
// compile into the engine's predicate, a Bleve hit, mapped to its
// ordinal, gives its live row to that predicate, and a stored document
// gets the case fields the engine computes. boundary_test.go holds both sides
// to that. The requests over both (search.go, scan.go, hits.go, trends.go,
// board.go, handling.go, related.go, keywordlinks.go, watch.go) and the
// column file (colcodec.go) use the two sides together.

package index

import (
	"time"

	"github.com/xinfang/xinfang"
)

// engine is the column engine's data. Everything in it is guarded by the
// mutex of the state that holds it (state.mu), except in a view of it
// (freeze, cow.go), which is immutable.
type engine struct {
	ids      []string
	ords     ordTable // id → ordinal (ords.go)
	rows     cowVec[row]
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
	// repHead and repNext link the live petitions of each complainant
	// code: repHead[code] is one of them, repNext[ord] the next after ord
	// (noOrd ends both), in no particular order; repDirty holds the codes
	// to regroup (repeats.go).
	repHead, repNext []uint32
	repDirty         map[uint32]bool
}

// columnEngine is the door between Bleve's text index and the column
// engine: the only methods of the engine that the Bleve side of the index
// calls (boundary_test.go checks it). Callers hold state.mu: exclusively
// to write, shared to read; or read a view (freeze) without it.
type columnEngine interface {
	// ordOf returns the ordinal of id, if it has one.
	ordOf(id string) (uint32, bool)
	// isLive reports whether id has a live row.
	isLive(id string) bool
	// ordFor returns the ordinal of id, assigning a dead row when new, so
	// that a segment holding id can be mapped before its row is set.
	ordFor(id string) uint32
	// setRow sets the row of ord from the meta stored with its document.
	setRow(ord uint32, m *meta) error
	// remove kills the row of a deleted id; unknown ids are ignored.
	remove(id string)
	// regroup ends a batch: the repeat groups its rows changed are
	// recounted.
	regroup()
	// freeze returns an immutable view of the engine for reads that hold
	// no lock (cow.go); the writer calls it at the end of each batch.
	freeze() *engine
	// reset empties the engine; reserve makes room for n rows.
	reset()
	reserve(n int)
	// compileFilters and columnClause add the conditions of filters and
	// of a query's column clause to a predicate.
	compileFilters(f xinfang.Filters, p *pred, labels func(string) string) error
	columnClause(cl *clause, p *pred, labels func(string) string)
	// liveRow returns the row of a Bleve hit's ordinal, nil for none or
	// a dead one; the caller evaluates it with the plan's pred.
	liveRow(ord uint32) *row
	// caseOf sets what the engine computes of a stored document at now:
	// its case fields (deadline, overdue, repeats) and effective risk.
	caseOf(d *xinfang.Document, now time.Time)
	// liveCount is the number of live rows, clusterCount that of
	// clusters with a live member.
	liveCount() int
	clusterCount() int
}

var _ columnEngine = (*engine)(nil)

// ordOf returns the ordinal of id. Caller holds st.mu.
func (st *engine) ordOf(id string) (uint32, bool) { return st.ords.get(st.ids, id) }

// ordFor returns the ordinal of id, assigning a dead row when new.
// Caller holds st.mu.
func (st *engine) ordFor(id string) uint32 {
	if o, ok := st.ordOf(id); ok {
		return o
	}
	o := uint32(len(st.ids))
	st.ids = append(st.ids, id)
	st.ords.put(st.ids, o)
	st.rows.push(row{cluster: -1, hc: -1})
	st.repNext = append(st.repNext, noOrd)
	return o
}

// setRow fills row ord from m. Caller holds st.mu.
func (st *engine) setRow(ord uint32, m *meta) error {
	st.kill(ord)
	prevSim := st.rows.at(ord).sim
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
	*st.rows.mut(ord) = r
	st.live++
	st.repeatAdd(ord)
	st.clusterAdd(ord, m, prevSim)
	st.setRisk(ord)
	if ci := st.rows.at(ord).cluster; ci >= 0 {
		c := st.clusters.mut(ci)
		if c.count == 1 {
			c.stats = clusterStats{ci: ci, first: 1<<63 - 1, last: -1 << 63}
		}
		st.addStats(&c.stats, ord)
	}
	return nil
}

// unband takes the dead row ord out of the near-duplicate buckets.
// Caller holds st.mu.
func (st *engine) unband(ord uint32) {
	r := st.rows.mut(ord)
	st.clusters.unband(ord, r.sim)
	r.sim = 0
}

// kill marks row ord dead. Caller holds st.mu.
func (st *engine) kill(ord uint32) {
	if !st.rows.at(ord).alive {
		return
	}
	st.clusterRemove(ord)
	st.rows.mut(ord).alive = false
	st.live--
	st.repeatRemove(ord)
}

// remove kills the row of a deleted id and takes it out of the
// near-duplicate buckets; unknown ids are ignored. Caller holds st.mu.
func (st *engine) remove(id string) {
	if o, ok := st.ordOf(id); ok {
		st.kill(o)
		st.unband(o)
	}
}

// isLive reports whether id has a live row. Caller holds st.mu.
func (st *engine) isLive(id string) bool {
	o, ok := st.ordOf(id)
	return ok && st.rows.at(o).alive
}

// liveRow returns the row of ordinal o, nil when o (or noOrd) has no
// live row. Caller holds st.mu.
func (st *engine) liveRow(o uint32) *row {
	if int(o) >= st.rows.len() {
		return nil
	}
	if r := st.rows.at(o); r.alive {
		return r
	}
	return nil
}

// reset empties the columns, dictionaries, clusters and repeat links.
func (st *engine) reset() {
	st.ids, st.rows, st.live = nil, cowVec[row]{}, 0
	st.ords = ordTable{}
	st.cats, st.cities, st.counties, st.subjects = newDict(), newDict(), newDict(), newDict()
	st.compls = newKeyDict()
	st.subjLabels = []string{""}
	st.minDay, st.maxDay = 1<<31-1, -1<<31
	st.clusters = newClusterSet()
	st.repHead, st.repNext, st.repDirty = nil, nil, map[uint32]bool{}
}

// reserve makes room for n rows in an empty engine.
func (st *engine) reserve(n int) {
	st.rows = cowVec[row]{}
	st.rows.reserve(n)
	st.ids = make([]string, 0, n)
}

// liveCount returns the number of live rows.
func (st *engine) liveCount() int { return st.live }

// clusterCount returns the number of clusters with a live member.
func (st *engine) clusterCount() int {
	n := 0
	for ci := range st.clusters.list.len() {
		if st.clusters.at(int32(ci)).count > 0 {
			n++
		}
	}
	return n
}
