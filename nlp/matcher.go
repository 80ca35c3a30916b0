package nlp

import (
	"fmt"
	"math/bits"
	"unicode/utf8"
)

// matcher finds every occurrence of a fixed set of strings in one pass
// (Aho–Corasick) over characters rather than bytes.
//
// Each character of the patterns gets a small code (an array read for ASCII
// and the common CJK block); a character in no pattern sends the scan back
// to the root at once. The trie's edges sit in one open-addressed table
// keyed by state and code, the root's in a dense array. Everything the scan
// reads is about 150 kB, where the byte-level automaton it replaced was a
// 4 MB dense table (22,000 states × 89 byte classes) that the rest of an
// analysis pushed out of the cache between texts: one miss per byte made
// the scan a tenth of an analysis.
type matcher struct {
	pats []string

	ascii [utf8.RuneSelf]uint16
	han   []uint16 // by rune − hanFirst
	other map[rune]uint16
	ncode uint32 // codes are 1..ncode−1; 0 is a character in no pattern

	root  []int32    // by code: the state after the root, 0 when none
	edges []edgeSlot // power-of-two size, linear probing
	shift uint

	fail []int32
	// dict is the nearest state on the fail chain with output, -1 if none;
	// out[outAt[s]:outAt[s+1]] the patterns that end at s.
	dict  []int32
	outAt []int32
	out   []int32
	emits []uint64 // bit set: s has output or a dict link
}

// edgeSlot is one trie edge: key is state·ncode + code + 1 (0 = empty).
type edgeSlot struct {
	key  uint32
	next int32
}

// match is one occurrence of pattern pat at text[start:end].
type match struct {
	pat        int32
	start, end int
}

func newMatcher(patterns []string) *matcher {
	m := &matcher{pats: patterns, han: make([]uint16, hanLast-hanFirst+1), other: map[rune]uint16{}, ncode: 1}
	for _, p := range patterns {
		for _, r := range p {
			if m.code(r) == 0 {
				m.setCode(r, uint16(m.ncode))
				m.ncode++
			}
		}
	}
	if m.ncode > 1<<16 {
		panic(fmt.Sprintf("nlp: %d distinct characters in the patterns, more than a matcher codes", m.ncode))
	}
	// The trie, with sparse edges while it is built.
	type node struct {
		next  map[uint16]int32
		out   []int32
		depth int
	}
	nodes := []node{{}}
	for id, p := range patterns {
		s := int32(0)
		for _, r := range p {
			c := m.code(r)
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				if nodes[s].next == nil {
					nodes[s].next = map[uint16]int32{}
				}
				nodes[s].next[c] = n
				nodes = append(nodes, node{depth: nodes[s].depth + 1})
			}
			s = n
		}
		if s != 0 {
			nodes[s].out = append(nodes[s].out, int32(id))
		}
	}
	ns := len(nodes)
	if uint64(ns)*uint64(m.ncode) >= 1<<32-1 {
		panic(fmt.Sprintf("nlp: a matcher of %d states over %d characters is too large", ns, m.ncode))
	}
	m.root = make([]int32, m.ncode)
	nedges := 0
	for _, nd := range nodes {
		nedges += len(nd.next)
	}
	size := 1
	for size < 2*nedges {
		size <<= 1
	}
	m.edges = make([]edgeSlot, size)
	m.shift = uint(32 - bits.TrailingZeros(uint(size)))
	for s, nd := range nodes {
		for c, n := range nd.next {
			if s == 0 {
				m.root[c] = n
			} else {
				m.putEdge(int32(s), c, n)
			}
		}
	}
	// Breadth-first: fail and dictionary links.
	m.fail = make([]int32, ns)
	m.dict = make([]int32, ns)
	m.dict[0] = -1
	queue := make([]int32, 0, ns)
	for _, n := range nodes[0].next {
		m.dict[n] = -1
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c, child := range nodes[s].next {
			f := m.fail[s]
			for f != 0 && m.step(f, c) < 0 {
				f = m.fail[f]
			}
			fc := m.step(f, c)
			if fc < 0 || fc == child {
				fc = 0
			}
			m.fail[child] = fc
			if len(nodes[fc].out) > 0 {
				m.dict[child] = fc
			} else {
				m.dict[child] = m.dict[fc]
			}
			queue = append(queue, child)
		}
	}
	m.outAt = make([]int32, ns+1)
	m.emits = make([]uint64, (ns+63)/64)
	for s, nd := range nodes {
		m.out = append(m.out, nd.out...)
		m.outAt[s+1] = int32(len(m.out))
		if len(nd.out) > 0 || m.dict[s] >= 0 {
			m.emits[s/64] |= 1 << (s % 64)
		}
	}
	return m
}

func (m *matcher) setCode(r rune, c uint16) {
	switch {
	case r < utf8.RuneSelf:
		m.ascii[r] = c
	case r >= hanFirst && r <= hanLast:
		m.han[r-hanFirst] = c
	default:
		m.other[r] = c
	}
}

// code returns the code of r, 0 when r is in no pattern.
func (m *matcher) code(r rune) uint16 {
	switch {
	case r < utf8.RuneSelf:
		return m.ascii[r]
	case r >= hanFirst && r <= hanLast:
		return m.han[r-hanFirst]
	}
	return m.other[r]
}

func (m *matcher) edgeIndex(key uint32) uint32 { return (key * 0x9E3779B1) >> m.shift }

func (m *matcher) putEdge(s int32, c uint16, n int32) {
	key := uint32(s)*m.ncode + uint32(c) + 1
	mask := uint32(len(m.edges) - 1)
	for i := m.edgeIndex(key); ; i = (i + 1) & mask {
		if m.edges[i].key == 0 {
			m.edges[i] = edgeSlot{key: key, next: n}
			return
		}
	}
}

// step is the goto function without failure; -1 when there is no edge.
func (m *matcher) step(s int32, c uint16) int32 {
	if s == 0 {
		if n := m.root[c]; n != 0 {
			return n
		}
		return -1
	}
	key := uint32(s)*m.ncode + uint32(c) + 1
	mask := uint32(len(m.edges) - 1)
	for i := m.edgeIndex(key); ; i = (i + 1) & mask {
		e := m.edges[i]
		if e.key == key {
			return e.next
		}
		if e.key == 0 {
			return -1
		}
	}
}

// findAll appends every occurrence of every pattern in text to dst, ordered
// by end offset (and, for equal ends, longest first).
func (m *matcher) findAll(text string, dst []match) []match {
	var s int32
	for i := 0; i < len(text); {
		var c uint16
		if b := text[i]; b < utf8.RuneSelf {
			c = m.ascii[b]
			i++
		} else if b >= 0xE4 && b <= 0xE9 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			// A character of the common CJK block, decoded here: the
			// library's decoder is not inlined for more than one byte.
			r := rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			i += 3
			if r >= hanFirst { // E4 B8 80 is U+4E00; E9 BF BF is U+9FFF
				c = m.han[r-hanFirst]
			} else if len(m.other) > 0 {
				c = m.other[r]
			}
		} else {
			r, w := utf8.DecodeRuneInString(text[i:])
			i += w
			if r >= hanFirst && r <= hanLast {
				c = m.han[r-hanFirst]
			} else if len(m.other) > 0 {
				c = m.other[r]
			}
		}
		if c == 0 {
			s = 0
			continue
		}
		for {
			if s == 0 {
				s = m.root[c]
				break
			}
			if n := m.step(s, c); n >= 0 {
				s = n
				break
			}
			s = m.fail[s]
		}
		if m.emits[s/64]&(1<<(s%64)) != 0 {
			dst = m.emit(dst, s, i)
		}
	}
	return dst
}

// emit appends the patterns that end at byte end in state s.
func (m *matcher) emit(dst []match, s int32, end int) []match {
	for o := s; o > 0; o = m.dict[o] {
		for _, id := range m.out[m.outAt[o]:m.outAt[o+1]] {
			dst = append(dst, match{pat: id, start: end - len(m.pats[id]), end: end})
		}
	}
	return dst
}
