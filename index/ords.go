package index

import "hash/maphash"

// ordTable maps document ids to ordinals: open addressing over the
// ordinals themselves, the ids read from state.ids. A million ids cost
// 8 MB of slots rather than about 70 MB for a map of strings, hold no
// pointer for the collector to scan, and are put in at open in a few tens
// of milliseconds. Ordinals are never removed (see columns.go).
type ordTable struct {
	slots []uint32 // noOrd when empty; len is a power of two
	n     int
}

var ordSeed = maphash.MakeSeed()

// get returns the ordinal of id. ids may be shorter than the table
// (a view's, cow.go): ordinals past it are not found.
func (t *ordTable) get(ids []string, id string) (uint32, bool) {
	if len(t.slots) == 0 {
		return noOrd, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(ordSeed, id) & mask; ; i = (i + 1) & mask {
		o := t.slots[i]
		if o == noOrd {
			return noOrd, false
		}
		if int(o) < len(ids) && ids[o] == id {
			return o, true
		}
	}
}

// put adds ordinal o, whose id is ids[o] and not in the table yet.
func (t *ordTable) put(ids []string, o uint32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow(ids, max(1024, 2*len(t.slots)))
	}
	t.insert(ids[o], o)
	t.n++
}

func (t *ordTable) insert(id string, o uint32) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.String(ordSeed, id) & mask
	for t.slots[i] != noOrd {
		i = (i + 1) & mask
	}
	t.slots[i] = o
}

// grow rehashes into size slots.
func (t *ordTable) grow(ids []string, size int) {
	old := t.slots
	t.slots = make([]uint32, size)
	for i := range t.slots {
		t.slots[i] = noOrd
	}
	for _, o := range old {
		if o != noOrd {
			t.insert(ids[o], o)
		}
	}
}

// newOrdTable returns the table of ids, ordinal i being ids[i].
func newOrdTable(ids []string) ordTable {
	size := 1024
	for size < 2*len(ids) {
		size *= 2
	}
	t := ordTable{n: len(ids)}
	t.grow(ids, size)
	for o, id := range ids {
		t.insert(id, uint32(o))
	}
	return t
}
