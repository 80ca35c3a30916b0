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

// Tokenize segments input into Bleve tokens.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.seg.Tokens(string(input))
	rv := make(analysis.TokenStream, len(toks))
	backing := make([]analysis.Token, len(toks))
	for i, tk := range toks {
		b := &backing[i]
		b.Term = []byte(tk.Term)
		b.Start = tk.Start
		b.End = tk.End
		b.Position = tk.Position
		b.Type = tokenType(tk.Term)
		rv[i] = b
	}
	return rv
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
