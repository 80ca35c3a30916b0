package nlp

import (
	"math"
	"sync"
	"unicode/utf8"
)

// wordTable is gse's dictionary re-laid as a hash table of words and word
// prefixes, for the segmentation of analysed text. It runs gse's own model
// (the unigram path of least total distance, distance = log2(total
// frequency) − log2(frequency), 32 for a character the dictionary lacks)
// without gse's per-character allocations and trie walks, which made
// segmentation the larger half of an analysis.
type wordTable struct {
	m        map[string]wordEntry
	maxUnits int // longest word, in units (runes or ASCII runs)
	// han holds the one-character entries of the common CJK block, so the
	// lookup made at every position is an array read.
	han [hanLast - hanFirst + 1]wordEntry
	// pairs is a bit set over hashed two-unit prefixes: a clear bit means
	// no word starts with these two units, and the map is not consulted.
	pairs []uint64
	// triples does the same for three-unit prefixes.
	triples []uint64
}

const (
	hanFirst = 0x4E00
	hanLast  = 0x9FFF
	pairBits = 1 << 21
)

func pairHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h & (pairBits - 1)
}

// wordEntry is a dictionary word, or only the prefix of longer words.
type wordEntry struct {
	dist float32 // path distance; meaningful when word is set
	freq float32
	word bool
}

// unknownDist is gse's distance for a character not in the dictionary.
const unknownDist = 32

func newWordTable(s *Segmenter) *wordTable {
	d := s.seg.Dict
	t := &wordTable{m: make(map[string]wordEntry, 2*d.NumTokens())}
	logTotal := float32(math.Log2(d.TotalFreq()))
	for i := range d.Tokens {
		tk := &d.Tokens[i]
		f := tk.Freq()
		if f <= 0 {
			continue
		}
		w := lowerASCII(tk.Text())
		dist := logTotal - float32(math.Log2(f))
		if old, ok := t.m[w]; ok && old.word && old.dist <= dist {
			continue
		}
		t.m[w] = wordEntry{dist: dist, freq: float32(f), word: true}
		units := 0
		for j := 0; j < len(w); {
			j = nextUnit(w, j)
			units++
			if j < len(w) {
				if _, ok := t.m[w[:j]]; !ok {
					t.m[w[:j]] = wordEntry{}
				}
			}
		}
		t.maxUnits = max(t.maxUnits, units)
	}
	t.pairs = make([]uint64, pairBits/64)
	t.triples = make([]uint64, pairBits/64)
	for w, e := range t.m {
		if j := nextUnit(w, 0); j == len(w) {
			if r, _ := utf8.DecodeRuneInString(w); r >= hanFirst && r <= hanLast {
				t.han[r-hanFirst] = e
			}
		} else if k := nextUnit(w, j); k <= len(w) {
			h := pairHash(w[:k])
			t.pairs[h/64] |= 1 << (h % 64)
			if k < len(w) {
				h := pairHash(w[:nextUnit(w, k)])
				t.triples[h/64] |= 1 << (h % 64)
			}
		}
	}
	return t
}

// lookup finds the entry for low[a:b], which spans units s to e.
func (t *wordTable) lookup(low string, a, b, units int) (wordEntry, bool) {
	switch units {
	case 1:
		if r, w := utf8.DecodeRuneInString(low[a:]); w == b-a && r >= hanFirst && r <= hanLast {
			e := t.han[r-hanFirst]
			return e, e.word || e.freq != 0 || t.prefixOnly(low[a:b])
		}
	case 2:
		h := pairHash(low[a:b])
		if t.pairs[h/64]&(1<<(h%64)) == 0 {
			return wordEntry{}, false
		}
	case 3:
		h := pairHash(low[a:b])
		if t.triples[h/64]&(1<<(h%64)) == 0 {
			return wordEntry{}, false
		}
	}
	e, ok := t.m[low[a:b]]
	return e, ok
}

// prefixOnly reports a one-character key that starts longer words only.
func (t *wordTable) prefixOnly(k string) bool {
	_, ok := t.m[k]
	return ok
}

// segScratch holds the buffers of one segmentation; pooled, they spare the
// garbage collector most of the work per text.
type segScratch struct {
	bounds []int32
	best   []float32
	from   []int32
	freq   []float32
}

func (sc *segScratch) grow(n int) {
	if cap(sc.best) < n {
		sc.best = make([]float32, n)
		sc.from = make([]int32, n)
		sc.freq = make([]float32, n)
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
// of least distance and returns the words that hold a letter or digit.
func (t *wordTable) segment(low string) []span {
	if low == "" {
		return nil
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
	best, from, freq := sc.best[:n+1], sc.from[:n+1], sc.freq[:n+1]
	best[0], from[0], freq[0] = 0, 0, 0
	inf := float32(math.Inf(1))
	for k := 1; k <= n; k++ {
		best[k] = inf
	}
	for s := 0; s < n; s++ {
		base := best[s]
		single := false
		for e := s + 1; e <= n && e-s <= t.maxUnits; e++ {
			ent, ok := t.lookup(low, int(bounds[s]), int(bounds[e]), e-s)
			if !ok {
				break
			}
			if ent.word {
				if e == s+1 {
					single = true
				}
				if d := base + ent.dist; d < best[e] {
					best[e], from[e], freq[e] = d, int32(s), ent.freq
				}
			}
		}
		if !single {
			if d := base + unknownDist; d < best[s+1] {
				best[s+1], from[s+1], freq[s+1] = d, int32(s), 0
			}
		}
	}
	// Walk back, then reverse.
	out := make([]span, 0, n/2+1)
	for k := n; k > 0; k = int(from[k]) {
		st, en := int(bounds[from[k]]), int(bounds[k])
		if isWord(low[st:en]) {
			out = append(out, span{st, en, float64(freq[k])})
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
