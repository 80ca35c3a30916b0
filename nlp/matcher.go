package nlp

import "sort"

// matcher finds every occurrence of a fixed set of byte strings in one pass
// (Aho–Corasick). The trie keeps sorted sparse edges while it is built; the
// scan then runs on a dense table over byte classes (UTF-8 Chinese patterns
// use about a hundred distinct bytes), one lookup per byte of text.
type matcher struct {
	states []acState
	pats   []string
	class  [256]byte // byte → class; 0 for bytes in no pattern
	nclass int
	// The scan's transition table, by breadth-first state number: row
	// state*nclass + class → next state. delta16 when the states fit.
	delta16 []uint16
	delta32 []int32
	emits   []uint64 // bit set: the state has output
	orig    []int32  // breadth-first number → trie state
}

type acState struct {
	keys  []byte
	next  []int32
	fail  int32
	out   []int32 // pattern ids ending here
	dict  int32   // nearest state on the fail chain with output, -1 if none
	depth int32
}

// match is one occurrence of pattern pat at text[start:end].
type match struct {
	pat        int32
	start, end int
}

func newMatcher(patterns []string) *matcher {
	m := &matcher{pats: patterns}
	m.states = append(m.states, acState{dict: -1})
	for id, p := range patterns {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			s = m.child(s, p[i], true)
		}
		m.states[s].out = append(m.states[s].out, int32(id))
	}
	// Breadth-first: fail links and dictionary links.
	queue := make([]int32, 0, len(m.states))
	for i := range m.states[0].keys {
		c := m.states[0].next[i]
		m.states[c].fail = 0
		queue = append(queue, c)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		st := &m.states[s]
		for i, b := range st.keys {
			c := st.next[i]
			f := st.fail
			for {
				if n := m.step(f, b); n >= 0 {
					m.states[c].fail = n
					break
				}
				if f == 0 {
					m.states[c].fail = 0
					break
				}
				f = m.states[f].fail
			}
			fs := m.states[c].fail
			if len(m.states[fs].out) > 0 {
				m.states[c].dict = fs
			} else {
				m.states[c].dict = m.states[fs].dict
			}
			queue = append(queue, c)
		}
	}
	m.compile(queue0(m))
	return m
}

// queue0 lists the states in breadth-first order.
func queue0(m *matcher) []int32 {
	order := []int32{0}
	for i := 0; i < len(order); i++ {
		order = append(order, m.states[order[i]].next...)
	}
	return order
}

// compile resolves the failure function into a dense transition table over
// byte classes (bytes that occur in no pattern share class 0), so that the
// scan takes one table lookup per byte. States are renumbered breadth-first,
// which keeps the rows the scan visits most (near the root) together, and the
// table holds 16-bit state numbers when they fit: for the default taxonomy it
// is under 2 MB and stays in cache.
func (m *matcher) compile(bfs []int32) {
	var seen [256]bool
	for _, p := range m.pats {
		for i := 0; i < len(p); i++ {
			seen[p[i]] = true
		}
	}
	m.nclass = 1
	for b := 0; b < 256; b++ {
		if seen[b] {
			m.class[b] = byte(m.nclass)
			m.nclass++
		}
	}
	nc := m.nclass
	newID := make([]int32, len(m.states))
	m.orig = bfs
	for i, old := range bfs {
		newID[old] = int32(i)
	}
	delta := make([]int32, len(m.states)*nc) // by new id
	for i, old := range bfs {
		st := &m.states[old]
		row := delta[i*nc : (i+1)*nc]
		if old != 0 {
			f := int(newID[st.fail])
			copy(row, delta[f*nc:(f+1)*nc])
		}
		for k, b := range st.keys {
			row[m.class[b]] = newID[st.next[k]]
		}
	}
	m.emits = make([]uint64, (len(bfs)+63)/64)
	for i, old := range bfs {
		if len(m.states[old].out) > 0 || m.states[old].dict >= 0 {
			m.emits[i/64] |= 1 << (i % 64)
		}
	}
	if len(bfs) <= 1<<16 {
		m.delta16 = make([]uint16, len(delta))
		for i, v := range delta {
			m.delta16[i] = uint16(v)
		}
	} else {
		m.delta32 = delta
	}
}

// child returns the goto target of s on b, creating it when create is set.
func (m *matcher) child(s int32, b byte, create bool) int32 {
	st := &m.states[s]
	i := sort.Search(len(st.keys), func(i int) bool { return st.keys[i] >= b })
	if i < len(st.keys) && st.keys[i] == b {
		return st.next[i]
	}
	if !create {
		return -1
	}
	n := int32(len(m.states))
	depth := st.depth + 1
	st.keys = append(st.keys, 0)
	st.next = append(st.next, 0)
	copy(st.keys[i+1:], st.keys[i:])
	copy(st.next[i+1:], st.next[i:])
	st.keys[i] = b
	st.next[i] = n
	m.states = append(m.states, acState{dict: -1, depth: depth})
	return n
}

// step is the goto function without failure; -1 when there is no edge.
func (m *matcher) step(s int32, b byte) int32 {
	st := &m.states[s]
	keys := st.keys
	if len(keys) <= 8 {
		for i, k := range keys {
			if k == b {
				return st.next[i]
			}
		}
		return -1
	}
	lo, hi := 0, len(keys)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if keys[h] < b {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(keys) && keys[lo] == b {
		return st.next[lo]
	}
	return -1
}

// findAll appends every occurrence of every pattern in text to dst, ordered
// by end offset (and, for equal ends, longest first).
func (m *matcher) findAll(text string, dst []match) []match {
	nc := uint32(m.nclass)
	class, emits := &m.class, m.emits
	var s uint32
	if d := m.delta16; d != nil {
		for i := 0; i < len(text); i++ {
			s = uint32(d[s*nc+uint32(class[text[i]])])
			if emits[s/64]&(1<<(s%64)) != 0 {
				dst = m.emit(dst, s, i)
			}
		}
		return dst
	}
	for i := 0; i < len(text); i++ {
		s = uint32(m.delta32[s*nc+uint32(class[text[i]])])
		if emits[s/64]&(1<<(s%64)) != 0 {
			dst = m.emit(dst, s, i)
		}
	}
	return dst
}

// emit appends the patterns that end at byte i in scan state s.
func (m *matcher) emit(dst []match, s uint32, i int) []match {
	for o := m.orig[s]; o > 0; o = m.states[o].dict {
		for _, id := range m.states[o].out {
			dst = append(dst, match{pat: id, start: i + 1 - len(m.pats[id]), end: i + 1})
		}
	}
	return dst
}
