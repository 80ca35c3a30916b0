package nlp

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/xinfang/xinfang/internal/cjk"
)

// wordTable is gse's dictionary re-laid as a hash table of words and word
// prefixes, for the segmentation of analysed text. It runs gse's own model
// (the unigram path of least total distance, distance = log2(total
// frequency) − log2(frequency), 32 for a character the dictionary lacks)
// without gse's per-character allocations and trie walks, which made
// segmentation the larger half of an analysis.
//
// The table is open-addressed on a 64-bit FNV-1a hash that the segmenter
// extends one unit at a time as it tries longer words from a position, so
// no key is hashed twice and a miss is usually one slot read. A slot holds
// 56 bits of its key's hash and the key's length, and a lookup takes a slot
// whose bits and length agree for its key without reading the key's bytes:
// that second memory read, to a table of a megabyte, was half the cost of a
// lookup. No two keys of the dictionary share those bits (newWordTable
// checks, and compares the bytes after all if some ever did); a string
// outside the dictionary is taken for a word with a chance of about 2⁻⁵⁶
// per lookup.
type wordTable struct {
	slots []wordSlot // power-of-two size, linear probing
	shift uint       // 64 − log2(len(slots))
	arena []byte     // the key bytes, one after the other
	offs  []uint32   // by slot: where the slot's key starts in arena
	// verify is set when two keys share a slot's hash bits and length, so
	// that a lookup has to compare the bytes.
	verify bool

	maxUnits int // longest word, in units (runes or ASCII runs)
	// han holds the one-character entries of the common CJK block, so the
	// lookup made at every position is an array read.
	han [hanLast - hanFirst + 1]wordEntry
	// pairs is a bit set over hashed two-unit prefixes: a clear bit means
	// no word starts with these two units, and the table is not consulted.
	pairs []uint64
	// triples does the same for three-unit prefixes.
	triples []uint64
}

// wordSlot is one slot of the table, with everything a lookup reads: tag
// holds bits 8–31 of the key's hash above the low byte, which holds the
// key's length (so a used slot has a non-zero tag), and check bits 32–63.
type wordSlot struct {
	tag        uint32
	check      uint32
	dist, freq float32 // see wordEntry; freq 0 for a prefix that is no word
}

// maxKeyBytes is the longest key the table holds (the length is kept in a
// byte of the tag); gse's dictionary has none longer than 45 bytes.
const maxKeyBytes = 255

const (
	hanFirst = cjk.HanFirst
	hanLast  = cjk.HanLast
	pairBits = 1 << 21

	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHash is the 64-bit FNV-1a hash of s; fnvAdd extends it byte by byte.
func wordHash(s string) uint64 { return fnvAdd(fnvOffset, s) }

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// filterBit is the bit of a prefix filter (pairs, triples) for hash h.
func filterBit(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> (64 - 21) }

// wordEntry is a dictionary word, or only the prefix of longer words.
type wordEntry struct {
	dist float32 // path distance; meaningful when word is set
	freq float32
	word bool
	id   int32 // 1 + the index of the entry's slot in the table
}

// unknownDist is gse's distance for a character not in the dictionary.
const unknownDist = 32

func newWordTable(s *Segmenter) *wordTable {
	d := s.seg.Dict
	m := make(map[string]wordEntry, 2*d.NumTokens())
	t := &wordTable{}
	logTotal := float32(math.Log2(d.TotalFreq()))
	for i := range d.Tokens {
		tk := &d.Tokens[i]
		f := tk.Freq()
		if f <= 0 {
			continue
		}
		w := lowerASCII(tk.Text())
		dist := logTotal - float32(math.Log2(f))
		if old, ok := m[w]; ok && old.word && old.dist <= dist {
			continue
		}
		m[w] = wordEntry{dist: dist, freq: float32(f), word: true}
		units := 0
		for j := 0; j < len(w); {
			j = nextUnit(w, j)
			units++
			if j < len(w) {
				if _, ok := m[w[:j]]; !ok {
					m[w[:j]] = wordEntry{}
				}
			}
		}
		t.maxUnits = max(t.maxUnits, units)
	}
	size := 1
	for size < 2*len(m) {
		size <<= 1
	}
	t.slots = make([]wordSlot, size)
	t.offs = make([]uint32, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	t.pairs = make([]uint64, pairBits/64)
	t.triples = make([]uint64, pairBits/64)
	for w, e := range m {
		if len(w) > maxKeyBytes {
			continue // longer than any word the segmenter may look up
		}
		e.id = t.insert(w, e)
		if j := nextUnit(w, 0); j == len(w) {
			if r, _ := utf8.DecodeRuneInString(w); r >= hanFirst && r <= hanLast {
				t.han[r-hanFirst] = e
			}
		} else if k := nextUnit(w, j); k <= len(w) {
			b := filterBit(wordHash(w[:k]))
			t.pairs[b/64] |= 1 << (b % 64)
			if k < len(w) {
				b := filterBit(wordHash(w[:nextUnit(w, k)]))
				t.triples[b/64] |= 1 << (b % 64)
			}
		}
	}
	t.verify = t.sharedBits()
	return t
}

func slotTag(h uint64, n int) uint32 { return uint32(h)&^0xFF | uint32(n) }

func slotCheck(h uint64) uint32 { return uint32(h >> 32) }

// sharedBits reports whether two keys of the table have the same tag and
// check, which would make a lookup by those bits alone ambiguous.
func (t *wordTable) sharedBits() bool {
	seen := make(map[uint64]struct{}, len(t.slots)/2)
	for _, sl := range t.slots {
		if sl.tag == 0 {
			continue
		}
		k := uint64(sl.check)<<32 | uint64(sl.tag)
		if _, ok := seen[k]; ok {
			return true
		}
		seen[k] = struct{}{}
	}
	return false
}

// insert adds key k and returns its id (1 + its slot).
func (t *wordTable) insert(k string, e wordEntry) int32 {
	h := wordHash(k)
	mask := uint64(len(t.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		if t.slots[i].tag == 0 {
			t.slots[i] = wordSlot{tag: slotTag(h, len(k)), check: slotCheck(h), dist: e.dist, freq: e.freq}
			t.offs[i] = uint32(len(t.arena))
			t.arena = append(t.arena, k...)
			return int32(i + 1)
		}
	}
}

// key returns the key of the entry with the given id.
func (t *wordTable) key(id int32) string {
	off := t.offs[id-1]
	return string(t.arena[off : off+t.slots[id-1].tag&0xFF])
}

// get finds key k, whose wordHash is h.
func (t *wordTable) get(k string, h uint64) (wordEntry, bool) {
	mask := uint64(len(t.slots) - 1)
	tag, check := slotTag(h, len(k)), slotCheck(h)
	for i := (h * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.tag == 0 {
			return wordEntry{}, false
		}
		if sl.tag == tag && sl.check == check && (!t.verify || string(t.arena[t.offs[i]:t.offs[i]+uint32(len(k))]) == k) {
			return wordEntry{dist: sl.dist, freq: sl.freq, word: sl.freq != 0, id: int32(i + 1)}, true
		}
	}
}

// lookup finds the entry for low[a:b], which spans the given number of
// units and whose wordHash is h.
func (t *wordTable) lookup(low string, a, b, units int, h uint64) (wordEntry, bool) {
	switch units {
	case 1:
		if r, w := utf8.DecodeRuneInString(low[a:]); w == b-a && r >= hanFirst && r <= hanLast {
			e := t.han[r-hanFirst]
			if e.word || e.freq != 0 {
				return e, true
			}
			_, ok := t.get(low[a:b], h) // a prefix of longer words only
			return e, ok
		}
	case 2:
		if f := filterBit(h); t.pairs[f/64]&(1<<(f%64)) == 0 {
			return wordEntry{}, false
		}
	case 3:
		if f := filterBit(h); t.triples[f/64]&(1<<(f%64)) == 0 {
			return wordEntry{}, false
		}
	}
	return t.get(low[a:b], h)
}

// segScratch holds the buffers of one segmentation; pooled, they spare the
// garbage collector most of the work per text.
type segScratch struct {
	bounds []int32
	best   []float32
	from   []int32
	freq   []float32
	id     []int32
}

func (sc *segScratch) grow(n int) {
	if cap(sc.best) < n {
		sc.best = make([]float32, n)
		sc.from = make([]int32, n)
		sc.freq = make([]float32, n)
		sc.id = make([]int32, n)
	}
}

var scratchPool = sync.Pool{New: func() any { return new(segScratch) }}

// nextUnit returns the end of the unit that starts at byte i of s: a run of
// ASCII letters and digits (as gse keeps them together), or one rune.
func nextUnit(s string, i int) int {
	if isASCIIAlnum(s[i]) {
		j := i + 1
		for j < len(s) && isASCIIAlnum(s[j]) {
			j++
		}
		return j
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// segment splits low (normalised, ASCII lower-cased) into words on the path
// of least distance and appends the words that hold a letter or digit to
// out.
func (t *wordTable) segment(low string, out []span) []span {
	if low == "" {
		return out
	}
	sc := scratchPool.Get().(*segScratch)
	defer scratchPool.Put(sc)
	// Unit boundaries: bounds[k] is the byte offset of unit k.
	bounds := sc.bounds[:0]
	for i := 0; i < len(low); i = nextUnit(low, i) {
		bounds = append(bounds, int32(i))
	}
	n := len(bounds)
	bounds = append(bounds, int32(len(low)))
	sc.bounds = bounds
	// best[k]: least distance to reach unit boundary k; from[k] the start of
	// the last word; freq[k] its dictionary frequency.
	sc.grow(n + 1)
	best, from, freq, id := sc.best[:n+1], sc.from[:n+1], sc.freq[:n+1], sc.id[:n+1]
	best[0], from[0], freq[0], id[0] = 0, 0, 0, 0
	inf := float32(math.Inf(1))
	for k := 1; k <= n; k++ {
		best[k] = inf
	}
	for s := 0; s < n; s++ {
		base := best[s]
		single := false
		h := uint64(fnvOffset)
		for e := s + 1; e <= n && e-s <= t.maxUnits; e++ {
			h = fnvAdd(h, low[bounds[e-1]:bounds[e]])
			ent, ok := t.lookup(low, int(bounds[s]), int(bounds[e]), e-s, h)
			if !ok {
				break
			}
			if ent.word {
				if e == s+1 {
					single = true
				}
				if d := base + ent.dist; d < best[e] {
					best[e], from[e], freq[e], id[e] = d, int32(s), ent.freq, ent.id
				}
			}
		}
		if !single {
			if d := base + unknownDist; d < best[s+1] {
				best[s+1], from[s+1], freq[s+1], id[s+1] = d, int32(s), 0, 0
			}
		}
	}
	// Walk back, then reverse what was appended.
	out = slices.Grow(out, n/2+1) // about one word per two units
	first := len(out)
	for k := n; k > 0; k = int(from[k]) {
		st, en := int(bounds[from[k]]), int(bounds[k])
		if isWord(low[st:en]) {
			out = append(out, span{st, en, float64(freq[k]), id[k]})
		}
	}
	for i, j := first, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
