package nlp

import "sort"

// matcher finds every occurrence of a fixed set of byte strings in one pass
// (Aho–Corasick). The root has a dense transition table; other states keep
// sorted sparse edges, which is compact for Chinese patterns and fast
// enough: the scan costs O(len(text)) plus the matches.
type matcher struct {
	root   [256]int32
	states []acState
	pats   []string
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
	for b := 0; b < 256; b++ {
		m.root[b] = 0
		if n := m.step(0, byte(b)); n >= 0 {
			m.root[b] = n
		}
	}
	return m
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
	s := int32(0)
	for i := 0; i < len(text); i++ {
		b := text[i]
		for {
			if s == 0 {
				s = m.root[b]
				break
			}
			if n := m.step(s, b); n >= 0 {
				s = n
				break
			}
			s = m.states[s].fail
		}
		for o := s; o > 0; o = m.states[o].dict {
			st := &m.states[o]
			for _, id := range st.out {
				dst = append(dst, match{pat: id, start: i + 1 - len(m.pats[id]), end: i + 1})
			}
			if st.dict < 0 {
				break
			}
		}
	}
	return dst
}
