package index

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/xinfang/xinfang/nlp"
)

// Names under which the Chinese analysis parts are registered with Bleve.
// Bleve stores these names in the index mapping and looks them up again when
// an index is reopened, so any binary that opens an index must import this
// package.
const (
	// TokenizerName is the gse-backed tokenizer.
	TokenizerName = "xinfang_gse"
	// AnalyzerName is the Chinese analyzer: the gse tokenizer plus lowercase.
	AnalyzerName = "xinfang_zh"
)

// Tokenizer adapts nlp.Segmenter to Bleve's analysis.Tokenizer: offsets and
// positions come from the segmenter, which computes them on the original text.
type Tokenizer struct {
	seg *nlp.Segmenter
}

// NewTokenizer returns a tokenizer over seg.
func NewTokenizer(seg *nlp.Segmenter) *Tokenizer { return &Tokenizer{seg: seg} }

// Tokenize segments input into Bleve tokens, adding the subwords of long
// Chinese words (see subwords).
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.seg.Tokens(string(input))
	rv := make(analysis.TokenStream, 0, len(toks)+len(toks)/4)
	// Tokens and their terms are carved out of a few large allocations
	// rather than two per token: a document has hundreds of tokens.
	slab := make([]analysis.Token, 0, cap(rv))
	terms := make([]byte, 0, len(input)+len(input)/2)
	add := func(tk nlp.Token) {
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, 64)
		}
		if len(terms)+len(tk.Term) > cap(terms) {
			terms = make([]byte, 0, max(len(tk.Term), 1024))
		}
		at := len(terms)
		terms = append(terms, tk.Term...)
		slab = append(slab, analysis.Token{
			// Capped, so that a filter that appends to one term cannot
			// write over the next.
			Term:     terms[at:len(terms):len(terms)],
			Start:    tk.Start,
			End:      tk.End,
			Position: tk.Position,
			Type:     tokenType(tk.Term),
		})
		rv = append(rv, &slab[len(slab)-1])
	}
	for _, tk := range toks {
		add(tk)
		subwords(tk, add)
	}
	return rv
}

// subwords calls fn with the character bigrams of a Chinese word of three
// or more characters, at the word's position. gse keeps compounds such as
// 拖欠工资 or 讨要工资 whole, so without them a search for 工资 would miss
// them: the bigrams give the recall of a search-mode segmentation. Query
// words are not expanded, so a search for the compound stays precise.
func subwords(tk nlp.Token, fn func(nlp.Token)) {
	n := utf8.RuneCountInString(tk.Term)
	if n < 3 || n > 12 || len(tk.Term) != tk.End-tk.Start {
		return // short, very long, or normalised to a different length
	}
	for i := 0; i < len(tk.Term); {
		r1, s1 := utf8.DecodeRuneInString(tk.Term[i:])
		if i+s1 >= len(tk.Term) {
			break
		}
		r2, s2 := utf8.DecodeRuneInString(tk.Term[i+s1:])
		if unicode.Is(unicode.Han, r1) && unicode.Is(unicode.Han, r2) {
			fn(nlp.Token{Term: tk.Term[i : i+s1+s2], Start: tk.Start + i, End: tk.Start + i + s1 + s2, Position: tk.Position})
		}
		i += s1
	}
}

func tokenType(term string) analysis.TokenType {
	r, _ := utf8.DecodeRuneInString(term)
	switch {
	case unicode.Is(unicode.Han, r):
		return analysis.Ideographic
	case unicode.IsDigit(r):
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

func tokenizerConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Tokenizer, error) {
	seg, err := nlp.DefaultSegmenter()
	if err != nil {
		return nil, fmt.Errorf("index: tokenizer %s: %w", TokenizerName, err)
	}
	return NewTokenizer(seg), nil
}

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, tokenizerConstructor); err != nil {
		panic(err)
	}
}

// analyzerConfig is the custom analyzer added to every mapping.
func analyzerConfig() map[string]interface{} {
	return map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     TokenizerName,
		"token_filters": []string{lowercase.Name},
	}
}
