// Package nlp understands Chinese petition and bulletin text: it normalises
// and segments it with gse, sorts it into the taxonomy's categories, extracts
// head counts, amounts, places, subjects and dates, rates the risk of a
// collective petition and picks keywords.
package nlp

import (
	"fmt"
	"strings"
	"sync"
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
	seg gse.Segmenter
}

// NewSegmenter loads gse's embedded dictionary plus the extra words given.
// Loading takes a second or so; share one Segmenter per process (see Default).
func NewSegmenter(extra []string) (*Segmenter, error) {
	s := &Segmenter{}
	s.seg.SkipLog = true
	if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("nlp: load gse dictionary: %w", err)
	}
	for _, w := range extra {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		if err := s.seg.AddToken(w, 20000, "n"); err != nil {
			return nil, fmt.Errorf("nlp: add word %q: %w", w, err)
		}
	}
	return s, nil
}

// Tokens segments text and returns its words with offsets into text.
// Whitespace and punctuation are dropped.
func (s *Segmenter) Tokens(text string) []Token {
	norm, offs := Normalize(text)
	segs := s.seg.Segment([]byte(norm))
	toks := make([]Token, 0, len(segs))
	pos := 0
	for i := range segs {
		sg := &segs[i]
		term := norm[sg.Start():sg.End()]
		if !isWord(term) {
			continue
		}
		pos++
		toks = append(toks, Token{
			Term:     strings.ToLower(term),
			Start:    offs[sg.Start()],
			End:      offs[sg.End()],
			Position: pos,
		})
	}
	return toks
}

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultErr  error
	loadTime    time.Duration
)

// DefaultSegmenter returns the process-wide segmenter, loading it on first use.
func DefaultSegmenter() (*Segmenter, error) {
	defaultOnce.Do(func() {
		start := time.Now()
		defaultSeg, defaultErr = NewSegmenter(DomainWords())
		loadTime = time.Since(start)
	})
	return defaultSeg, defaultErr
}
