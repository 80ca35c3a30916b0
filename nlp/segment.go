// Package nlp understands Chinese petition and bulletin text: it normalises
// and segments it with gse's dictionary, sorts it into the taxonomy's
// categories, extracts head counts, amounts, places, subjects and dates,
// rates the risk of a collective petition and picks keywords.
//
// The parts, each in its own file: the segmenter (segment.go, fastseg.go:
// gse's embedded simplified-Chinese dictionary plus the domain words of
// dict.go, with gse's model run on a hash table), the taxonomy and classifier
// (taxonomy.yaml, taxonomy.go, analyzer.go: a weighted lexicon with context,
// exclusion and negation rules, matched in one Aho–Corasick pass by
// matcher.go), the gazetteer of Inner Mongolia (gazetteer.go, places.go),
// numerals, head counts, money and dates (numerals.go, extract.go), the
// collective-petition risk rubric of DOMAIN.md (risk.go), and subjects and
// keywords (words.go).
package nlp

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-ego/gse"
)

// Token is one word of a text. Start and End are byte offsets into the
// original (unnormalised) text; Position is 1-based.
type Token struct {
	Term     string // normalised, lower-case
	Start    int
	End      int
	Position int
}

// Segmenter splits Chinese text into words. It is safe for concurrent use.
type Segmenter struct {
	words *wordTable // gse's dictionary as a hash table, for speed
	total float64    // the sum of all dictionary frequencies
	stops []string   // gse's stop words
	// seg is gse's own segmenter, kept when built from gse's dictionary
	// (the tests compare with it); nil when read from a cache (segcache.go).
	seg *gse.Segmenter
}

// minTokenFreq drops the rarest words of gse's dictionary (frequency below
// 5: about 210,000 of its 350,000 entries, mostly rare compounds that the
// segmenter then splits into common words). It halves the load time and
// cuts the heap from about 130 MB to about 45 MB.
const minTokenFreq = 5

// domainFreq is the dictionary frequency given to domain words: high enough
// that the segmenter keeps them whole, ordinary enough for keyword weights.
const domainFreq = 3000

// NewSegmenter loads gse's embedded simplified-Chinese dictionary plus the
// extra words given, which the segmenter keeps whole. Loading takes about a
// second; share one Segmenter per process (see DefaultSegmenter).
func NewSegmenter(extra []string) (*Segmenter, error) {
	s := &Segmenter{seg: &gse.Segmenter{}}
	s.seg.SkipLog = true
	s.seg.NotLoadHMM = true // Segment uses the dictionary only
	s.seg.MinTokenFreq = minTokenFreq
	// Loading allocates heavily and keeps most of it; collecting less often
	// while it runs saves a fifth of the time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	// The domain words go in first so that their frequencies win over the
	// general dictionary's, and gse computes all path weights once, after
	// the general dictionary.
	var b strings.Builder
	seen := map[string]bool{}
	for _, w := range extra {
		w = strings.TrimSpace(w)
		if w == "" || strings.ContainsAny(w, " \t\n") || seen[w] {
			continue
		}
		seen[w] = true
		b.WriteString(w)
		b.WriteString(" " + strconv.Itoa(domainFreq) + " n\n")
	}
	if b.Len() > 0 {
		if err := s.seg.LoadDictStr(b.String()); err != nil {
			return nil, fmt.Errorf("nlp: load domain words: %w", err)
		}
	}
	if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("nlp: load gse dictionary: %w", err)
	}
	if err := s.seg.LoadStopEmbed(); err != nil {
		return nil, fmt.Errorf("nlp: load gse stop words: %w", err)
	}
	if s.seg.Dict == nil || s.seg.Dict.NumTokens() == 0 {
		return nil, fmt.Errorf("nlp: load gse dictionary: empty")
	}
	s.total = s.seg.Dict.TotalFreq()
	for w := range s.seg.StopWordMap {
		s.stops = append(s.stops, w)
	}
	s.words = newWordTable(s)
	return s, nil
}

// Tokens segments text and returns its words with offsets into text.
// Whitespace and punctuation are dropped.
func (s *Segmenter) Tokens(text string) []Token {
	norm, offs := Normalize(text)
	return s.tokens(norm, offs)
}

// tokens segments the normalised text norm; offs maps its byte offsets to
// the original text (see Normalize).
func (s *Segmenter) tokens(norm string, offs []int) []Token {
	low := lowerASCII(norm)
	buf := spanPool.Get().(*[]span)
	sp := s.words.segment(low, (*buf)[:0])
	toks := make([]Token, len(sp))
	for i, w := range sp {
		toks[i] = Token{Term: low[w.start:w.end], Start: offs[w.start], End: offs[w.end], Position: i + 1}
	}
	if cap(sp) <= 1<<16 { // do not keep the memory of a huge text
		*buf = sp[:0]
		spanPool.Put(buf)
	}
	return toks
}

// spanPool holds span buffers for Tokens.
var spanPool = sync.Pool{New: func() any { return new([]span) }}

// totalFreq is the sum of all dictionary frequencies.
func (s *Segmenter) totalFreq() float64 { return s.total }

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultErr  error
	loadNanos   atomic.Int64
	cachePath   atomic.Pointer[string]
	loadHow     atomic.Pointer[string]
)

// SetSegmenterCache makes the process-wide segmenter use the cache file at
// path (see segcache.go): read from it when it matches, else built from
// gse's dictionary and written there. Call it before the first
// DefaultSegmenter; later calls have no effect.
func SetSegmenterCache(path string) { cachePath.Store(&path) }

// DefaultSegmenter returns the process-wide segmenter, loading it on first
// use with the domain dictionary (DomainWords).
func DefaultSegmenter() (*Segmenter, error) {
	defaultOnce.Do(func() {
		start := time.Now()
		how := "built from gse's dictionary"
		p := cachePath.Load()
		ver, verr := gseVersion()
		switch {
		case p == nil || *p == "":
			defaultSeg, defaultErr = NewSegmenter(DomainWords())
		case verr != nil:
			defaultSeg, defaultErr = NewSegmenter(DomainWords())
			how += "; no cache: " + verr.Error()
		default:
			defaultSeg, how, defaultErr = loadSegmenterCached(*p, ver, DomainWords())
		}
		loadHow.Store(&how)
		loadNanos.Store(int64(time.Since(start)))
	})
	return defaultSeg, defaultErr
}

// LoadTime reports how long loading the process-wide segmenter took, zero
// before it is loaded.
func LoadTime() time.Duration { return time.Duration(loadNanos.Load()) }

// LoadSource says where the process-wide segmenter came from (gse's
// dictionary or the cache, and why not the cache), "" before it is loaded.
func LoadSource() string {
	if p := loadHow.Load(); p != nil {
		return *p
	}
	return ""
}

// maxPartsRunes bounds the words Parts splits: longer ones are phrases, not
// compounds.
const maxPartsRunes = 8

// Parts splits a compound word into the fewest dictionary words (two or
// three, of two characters or more), preferring balanced splits, so that a search for 拖欠工资 can also
// find 拖欠了工资 and 拖欠农民工工资, which segment differently. It returns
// nil for words of fewer than four characters or more than eight, and for
// words that do not split into dictionary words.
func (s *Segmenter) Parts(word string) []string {
	rs := []rune(word)
	n := len(rs)
	if n < 4 || n > maxPartsRunes {
		return nil
	}
	in := func(i, j int) bool {
		if j-i < 2 {
			return false
		}
		// A word or the prefix of one, as gse's Dictionary.Find answers.
		w := lowerASCII(string(rs[i:j]))
		_, ok := s.words.get(w, wordHash(w))
		return ok
	}
	// best split by (number of parts, -shortest part, -sum of frequencies).
	var best []int
	bestShort := 0
	try := func(cuts []int) {
		short := n
		prev := 0
		for _, c := range append(cuts, n) {
			if c-prev < short {
				short = c - prev
			}
			prev = c
		}
		if best == nil || len(cuts) < len(best) || len(cuts) == len(best) && short > bestShort {
			best, bestShort = append([]int(nil), cuts...), short
		}
	}
	for i := 1; i < n; i++ {
		if in(0, i) && in(i, n) {
			try([]int{i})
		}
	}
	if best == nil {
		for i := 1; i < n-1; i++ {
			for j := i + 1; j < n; j++ {
				if in(0, i) && in(i, j) && in(j, n) {
					try([]int{i, j})
				}
			}
		}
	}
	if best == nil {
		return nil
	}
	out := make([]string, 0, len(best)+1)
	prev := 0
	for _, c := range append(best, n) {
		out = append(out, string(rs[prev:c]))
		prev = c
	}
	return out
}
