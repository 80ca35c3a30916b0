package nlp

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/xinfang/xinfang"
)

//go:embed taxonomy.yaml
var defaultTaxonomy []byte

// DefaultTaxonomy returns the embedded taxonomy YAML, a starting point for
// a file given as Options.TaxonomyFile.
func DefaultTaxonomy() []byte { return slices.Clone(defaultTaxonomy) }

// taxonomyFile is the YAML form of a taxonomy.
type taxonomyFile struct {
	Negators   []string       `yaml:"negators"`
	Categories []categoryFile `yaml:"categories"`
}

type categoryFile struct {
	Code      string     `yaml:"code"`
	Label     string     `yaml:"label"`
	Threshold float64    `yaml:"threshold"`
	Rules     []ruleFile `yaml:"rules"`
}

type ruleFile struct {
	Weight       float64  `yaml:"weight"`
	Terms        []string `yaml:"terms"`
	Near         []string `yaml:"near"`
	Window       *int     `yaml:"window"`
	Unless       []string `yaml:"unless"`
	UnlessWindow *int     `yaml:"unless_window"`
	Negatable    bool     `yaml:"negatable"`
}

// taxonomy is a compiled taxonomy: categories whose rules refer to term ids
// of one shared term list.
type taxonomy struct {
	cats     []category
	terms    []string    // lower-cased; index = term id
	refs     [][]ruleRef // by term id: the rules that list it as a term
	negators []string
}

// ruleRef names one rule of one category.
type ruleRef struct{ cat, rule int }

type category struct {
	Category
	threshold float64
	rules     []rule
}

type rule struct {
	weight       float64
	terms        []int32
	near         []int32
	window       int // bytes; 0 = whole text
	unless       []int32
	unlessWindow int // bytes; 0 = whole text
	negatable    bool
}

// bytesPerChar converts windows given in characters to bytes of UTF-8
// Chinese text.
const bytesPerChar = 3

// parseTaxonomy reads and checks a taxonomy YAML. name is used in errors.
func parseTaxonomy(name string, data []byte) (*taxonomy, error) {
	var f taxonomyFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("nlp: taxonomy %s: %w", name, err)
	}
	if len(f.Categories) == 0 {
		return nil, fmt.Errorf("nlp: taxonomy %s: no categories", name)
	}
	t := &taxonomy{}
	ids := map[string]int32{}
	intern := func(list []string) []int32 {
		var out []int32
		for _, s := range list {
			s = strings.ToLower(strings.TrimSpace(s))
			if s == "" {
				continue
			}
			s, _ = Normalize(s)
			id, ok := ids[s]
			if !ok {
				id = int32(len(t.terms))
				ids[s] = id
				t.terms = append(t.terms, s)
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		return out
	}
	for _, n := range f.Negators {
		if n = strings.TrimSpace(n); n != "" {
			t.negators = append(t.negators, n)
		}
	}
	seen := map[string]bool{}
	for i, cf := range f.Categories {
		where := fmt.Sprintf("category %d", i+1)
		if cf.Code != "" {
			where = "category " + cf.Code
		}
		if cf.Code == "" || cf.Label == "" {
			return nil, fmt.Errorf("nlp: taxonomy %s: %s: code and label are required", name, where)
		}
		if seen[cf.Code] {
			return nil, fmt.Errorf("nlp: taxonomy %s: %s: defined twice", name, where)
		}
		seen[cf.Code] = true
		c := category{Category: Category{Code: cf.Code, Label: cf.Label}, threshold: cf.Threshold}
		if c.threshold <= 0 {
			c.threshold = 2
		}
		for j, rf := range cf.Rules {
			if len(rf.Terms) == 0 {
				return nil, fmt.Errorf("nlp: taxonomy %s: %s: rule %d has no terms", name, where, j+1)
			}
			if rf.Weight == 0 {
				return nil, fmt.Errorf("nlp: taxonomy %s: %s: rule %d has no weight", name, where, j+1)
			}
			r := rule{weight: rf.Weight, terms: intern(rf.Terms), near: intern(rf.Near), unless: intern(rf.Unless), negatable: rf.Negatable}
			r.window = 15 * bytesPerChar
			if rf.Window != nil {
				r.window = *rf.Window * bytesPerChar
			}
			r.unlessWindow = 8 * bytesPerChar
			if rf.UnlessWindow != nil {
				r.unlessWindow = *rf.UnlessWindow * bytesPerChar
			}
			if r.window < 0 || r.unlessWindow < 0 {
				return nil, fmt.Errorf("nlp: taxonomy %s: %s: rule %d has a negative window", name, where, j+1)
			}
			c.rules = append(c.rules, r)
		}
		t.cats = append(t.cats, c)
	}
	// The four core categories first, in the design's order, then the rest
	// as the file lists them.
	rank := func(code string) int {
		if i := slices.Index(xinfang.CoreCategories, code); i >= 0 {
			return i
		}
		return len(xinfang.CoreCategories)
	}
	slices.SortStableFunc(t.cats, func(a, b category) int { return rank(a.Code) - rank(b.Code) })
	t.refs = make([][]ruleRef, len(t.terms))
	for ci, c := range t.cats {
		for ri, r := range c.rules {
			for _, term := range r.terms {
				t.refs[term] = append(t.refs[term], ruleRef{ci, ri})
			}
		}
	}
	return t, nil
}

// loadTaxonomy reads the taxonomy from file, or the embedded default when
// file is empty.
func loadTaxonomy(file string) (*taxonomy, error) {
	if file == "" {
		return parseTaxonomy("(embedded)", defaultTaxonomy)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("nlp: read taxonomy: %w", err)
	}
	return parseTaxonomy(file, data)
}
