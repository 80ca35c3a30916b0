package index

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang/nlp"
)

// Snippet geometry, in characters.
const (
	snippetRunes  = 120
	snippetBefore = 30 // context kept before the first mark
)

// snippet returns about snippetRunes characters of text, HTML-escaped,
// around the window with the most distinct matched words, each whole word
// wrapped in <mark>. Words match when they are in marks or start with one
// of prefixes. Without any match it is the beginning of text. text must be
// masked already.
func snippet(seg *nlp.Segmenter, text string, marks map[string]bool, prefixes []string) string {
	if text == "" {
		return ""
	}
	var toks []nlp.Token
	if len(marks) > 0 || len(prefixes) > 0 {
		toks = seg.Tokens(text)
	}
	matched := func(t string) bool {
		if marks[t] {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
		// The index holds the bigrams of long words (see subwords): 工资
		// finds 拖欠工资, so it is marked there too.
		found := false
		subwords(nlp.Token{Term: t, End: len(t)}, func(b nlp.Token) {
			found = found || marks[b.Term]
		})
		return found
	}
	var hits []nlp.Token
	for _, t := range toks {
		if matched(t.Term) {
			hits = append(hits, t)
			continue
		}
		// Mark the matched subwords of a compound, merging overlaps.
		subwords(t, func(sw nlp.Token) {
			if !matched(sw.Term) {
				return
			}
			if n := len(hits); n > 0 && hits[n-1].End > sw.Start && hits[n-1].Position == sw.Position {
				hits[n-1].End = sw.End
				hits[n-1].Term += sw.Term
				return
			}
			hits = append(hits, sw)
		})
	}
	start := 0
	if len(hits) > 0 {
		// The window starting at hit i covers the hits that begin within
		// snippetRunes-snippetBefore characters of it; pick the one with
		// the most distinct words, the earliest on ties.
		best, bestN := 0, -1
		for i := range hits {
			limit := advance(text, hits[i].Start, snippetRunes-snippetBefore)
			seen := map[string]bool{}
			for j := i; j < len(hits) && hits[j].End <= limit; j++ {
				seen[hits[j].Term] = true
			}
			if len(seen) > bestN {
				best, bestN = i, len(seen)
			}
		}
		start = back(text, hits[best].Start, snippetBefore)
	}
	end := advance(text, start, snippetRunes)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, h := range hits {
		if h.Start < pos || h.End > end {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:h.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[h.Start:h.End]))
		b.WriteString("</mark>")
		pos = h.End
	}
	b.WriteString(html.EscapeString(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// advance returns the byte offset n characters after off (or len(text)).
func advance(text string, off, n int) int {
	for n > 0 && off < len(text) {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
		n--
	}
	return off
}

// back returns the byte offset n characters before off (or 0).
func back(text string, off, n int) int {
	for n > 0 && off > 0 {
		_, size := utf8.DecodeLastRuneInString(text[:off])
		off -= size
		n--
	}
	return off
}
