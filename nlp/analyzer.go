package nlp

import (
	"sync"

	"github.com/xinfang/xinfang"
)

// Options configure an Analyzer.
type Options struct {
	// TaxonomyFile overrides the embedded taxonomy YAML when set.
	TaxonomyFile string
	// HomeProvince wins ties between place names that exist in several
	// provinces. Default 内蒙古自治区.
	HomeProvince string
}

// Category is one category of the taxonomy.
type Category struct {
	Code  string `json:"code"`
	Label string `json:"label"` // Chinese, shown in the UI
}

// Analyzer turns texts into Analyses. It is safe for concurrent use.
type Analyzer struct {
	seg  *Segmenter
	opts Options
	// TODO(nlp): taxonomy, classifier, gazetteer, extractors, risk rules.
}

// Load builds an Analyzer on the process-wide segmenter.
func Load(opts Options) (*Analyzer, error) {
	seg, err := DefaultSegmenter()
	if err != nil {
		return nil, err
	}
	if opts.HomeProvince == "" {
		opts.HomeProvince = "内蒙古自治区"
	}
	return &Analyzer{seg: seg, opts: opts}, nil
}

var (
	defaultAnalyzerOnce sync.Once
	defaultAnalyzer     *Analyzer
	defaultAnalyzerErr  error
)

// Default returns the process-wide Analyzer with default options.
func Default() (*Analyzer, error) {
	defaultAnalyzerOnce.Do(func() { defaultAnalyzer, defaultAnalyzerErr = Load(Options{}) })
	return defaultAnalyzer, defaultAnalyzerErr
}

// Segmenter returns the analyzer's segmenter.
func (a *Analyzer) Segmenter() *Segmenter { return a.seg }

// Categories lists the taxonomy's categories, the four core ones first.
func (a *Analyzer) Categories() []Category {
	// TODO(nlp): from the taxonomy.
	return []Category{
		{xinfang.CategoryWageArrears, "欠薪"},
		{xinfang.CategoryDemolitionCompensation, "征收拆迁补偿"},
		{xinfang.CategoryDelayedDelivery, "延期交房"},
		{xinfang.CategoryNoise, "噪声扰民"},
	}
}

// CategoryLabel returns the Chinese label of a category code, or the code.
func (a *Analyzer) CategoryLabel(code string) string {
	for _, c := range a.Categories() {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// Analyze analyses one text. title may be empty.
func (a *Analyzer) Analyze(id, title, content string) xinfang.Analysis {
	// TODO(nlp): the real analysis; this placeholder lets other packages build.
	return xinfang.Analysis{
		ID:          id,
		Categories:  []string{},
		Evidence:    map[string][]string{},
		AmountsYuan: []float64{},
		Places:      []xinfang.Place{},
		Subjects:    []string{},
		Keywords:    []string{},
		Risk:        xinfang.Risk{Level: xinfang.RiskLow, Reasons: []string{}},
	}
}
