package index

import "slices"

// Copy-on-write views of the column engine, so that reads never block the
// writer (bleve's scorch introducer and bbolt's pages are the models): the
// writer, serialised by Store.writeMu and holding state.mu exclusively
// while it changes the engine, ends every batch with freeze, which returns
// an immutable view of the engine that searches, trends and boards scan
// without any lock. The writer copies a chunk of rows (cowChunk of them)
// the first time it changes one of its rows that a view can see, and a
// cluster the first time it changes it after a freeze; dictionaries, ids
// and labels only grow, so a view keeps its own slice headers of them.
//
// What a view shares with the writer are the maps only needed to compile a
// request or to look an id up: the codes of the dictionaries, the ordinal
// table (ordOf, which returns only the ordinals the view has) and the
// cluster keys. Read those only under state.mu shared, as the writer changes
// them under state.mu exclusively. The repeat links and the band buckets
// are the writer's alone: a view has none.

// cowShift sets the rows (and cluster slots) of one copy-on-write chunk:
// 1024 rows are about 100 kB, so a batch that changes rows all over the
// index copies at most that much per row it changes.
const (
	cowShift = 10
	cowChunk = 1 << cowShift
	cowMask  = cowChunk - 1
)

// cowVec is a vector in chunks of cowChunk elements. A view gets the
// chunk table (freeze); the writer copies a chunk before it changes an
// element that a view may read (mut).
type cowVec[T any] struct {
	chunks [][]T
	// shared[i] is the number of leading elements of chunks[i] that a
	// view may read; the writer's only.
	shared []int32
	n      int
}

func (v *cowVec[T]) len() int { return v.n }

// at returns element i for reading.
func (v *cowVec[T]) at(i uint32) *T { return &v.chunks[i>>cowShift][i&cowMask] }

// mut returns element i for writing, copying its chunk first when a view
// may read that element.
func (v *cowVec[T]) mut(i uint32) *T {
	c := i >> cowShift
	if int32(i&cowMask) < v.shared[c] {
		old := v.chunks[c]
		v.chunks[c] = append(make([]T, 0, cowChunk), old...)
		v.shared[c] = 0
	}
	return &v.chunks[c][i&cowMask]
}

// push appends x. The last chunk has room for cowChunk elements, so an
// append writes past what a view of it reads.
func (v *cowVec[T]) push(x T) {
	if v.n&cowMask == 0 {
		v.chunks = append(v.chunks, make([]T, 0, cowChunk))
		v.shared = append(v.shared, 0)
	}
	c := len(v.chunks) - 1
	v.chunks[c] = append(v.chunks[c], x)
	v.n++
}

// freeze returns a view of v and marks every element it holds as shared.
func (v *cowVec[T]) freeze() cowVec[T] {
	for i, c := range v.chunks {
		v.shared[i] = int32(len(c))
	}
	return cowVec[T]{chunks: slices.Clone(v.chunks), n: v.n}
}

// cowOf returns the vector of xs (copied).
func cowOf[T any](xs []T) cowVec[T] {
	var v cowVec[T]
	v.reserve(len(xs))
	for _, x := range xs {
		v.push(x)
	}
	return v
}

// reserve makes room in the chunk table for n elements.
func (v *cowVec[T]) reserve(n int) {
	c := (n + cowMask) >> cowShift
	v.chunks = slices.Grow(v.chunks, c-len(v.chunks))
	v.shared = slices.Grow(v.shared, c-len(v.shared))
}

// chunk returns chunk c (elements c<<cowShift on), for loops over many.
func (v *cowVec[T]) chunk(c int) []T { return v.chunks[c] }

// freeze returns an immutable view of the engine (see above) and makes the
// writer copy what the view holds before changing it. Caller holds
// state.mu exclusively.
func (st *engine) freeze() *engine {
	v := &engine{
		ids:        st.ids,
		ords:       st.ords,
		rows:       st.rows.freeze(),
		live:       st.live,
		cats:       st.cats.view(),
		cities:     st.cities.view(),
		counties:   st.counties.view(),
		compls:     &keyDict{keys: st.compls.keys},
		subjects:   st.subjects.view(),
		subjLabels: st.subjLabels,
		minDay:     st.minDay,
		maxDay:     st.maxDay,
		clusters:   st.clusters.freeze(),
	}
	// A view's slices end where it ends: an append by the writer then
	// never writes what it reads, whatever their capacity.
	v.ids = v.ids[:len(v.ids):len(v.ids)]
	v.subjLabels = v.subjLabels[:len(v.subjLabels):len(v.subjLabels)]
	v.compls.keys = v.compls.keys[:len(v.compls.keys):len(v.compls.keys)]
	return v
}

// view returns the dictionary as a view sees it: its own values, the
// writer's codes (read under state.mu).
func (d *dict) view() *dict {
	return &dict{codes: d.codes, values: d.values[:len(d.values):len(d.values)]}
}

// freeze returns the clusters as a view sees them. From here on the writer
// copies a cluster before changing it (mut).
func (cs *clusterSet) freeze() *clusterSet {
	v := &clusterSet{list: cs.list.freeze(), byKey: cs.byKey}
	cs.epoch++
	return v
}

// at returns cluster ci for reading.
func (cs *clusterSet) at(ci int32) *cluster { return *cs.list.at(uint32(ci)) }

// mut returns cluster ci for writing: a copy, the first time after a
// freeze, that no view holds.
func (cs *clusterSet) mut(ci int32) *cluster {
	p := cs.list.at(uint32(ci))
	if (*p).epoch == cs.epoch {
		return *p
	}
	c := **p
	c.epoch = cs.epoch
	c.members = slices.Clone(c.members)
	c.keys = slices.Clone(c.keys)
	*cs.list.mut(uint32(ci)) = &c
	return &c
}
