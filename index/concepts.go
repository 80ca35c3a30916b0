package index

import (
	"bytes"
	_ "embed"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// Concept search: analysts ask with everyday words (欠薪, 讨薪, 拖欠工资) for
// one matter. A query word that is a term of a concept is expanded to all of
// the concept's terms and to the records classified in its category.

//go:embed concepts.yaml
var defaultConceptsYAML []byte

// Concept is one group of words that mean the same matter.
type Concept struct {
	Name     string `yaml:"name" json:"name"`
	Category string `yaml:"category,omitempty" json:"category,omitempty"`
	// Risk is a risk level whose records the concept also finds (集体上访
	// → high).
	Risk  string   `yaml:"risk,omitempty" json:"risk,omitempty"`
	Terms []string `yaml:"terms" json:"terms"`
}

// Concepts is a parsed concept table. It is immutable once built.
type Concepts struct {
	list   []Concept
	byTerm map[string]int // folded term → index in list
}

// ParseConcepts parses a concept table (see concepts.yaml). Every problem is
// reported with the concept it is in; a term may belong to one concept only.
func ParseConcepts(data []byte) (*Concepts, error) {
	var doc struct {
		Concepts []Concept `yaml:"concepts"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("concepts: %w", err)
	}
	cs := &Concepts{byTerm: map[string]int{}}
	for i, c := range doc.Concepts {
		c.Name = strings.TrimSpace(c.Name)
		if c.Name == "" {
			return nil, fmt.Errorf("concepts: concept %d has no name", i+1)
		}
		if len(c.Terms) == 0 {
			return nil, fmt.Errorf("concepts: %s: no terms", c.Name)
		}
		switch c.Risk {
		case "", xinfang.RiskLow, xinfang.RiskMedium, xinfang.RiskHigh:
		default:
			return nil, fmt.Errorf("concepts: %s: risk %q is not low, medium or high", c.Name, c.Risk)
		}
		terms := make([]string, 0, len(c.Terms)+1)
		seen := map[string]bool{}
		for _, t := range append([]string{c.Name}, c.Terms...) {
			t = foldTerm(t)
			if t == "" || seen[t] {
				continue
			}
			if utf8.RuneCountInString(t) > 16 {
				return nil, fmt.Errorf("concepts: %s: term %q is longer than 16 characters", c.Name, t)
			}
			if j, ok := cs.byTerm[t]; ok {
				return nil, fmt.Errorf("concepts: %s: term %q is already a term of %s", c.Name, t, cs.list[j].Name)
			}
			seen[t] = true
			cs.byTerm[t] = len(cs.list)
			terms = append(terms, t)
		}
		c.Terms = terms
		cs.list = append(cs.list, c)
	}
	return cs, nil
}

// foldTerm is the form in which terms and query words are compared.
func foldTerm(s string) string {
	return strings.ToLower(nlp.FoldTraditional(strings.TrimSpace(s)))
}

// Lookup returns the concept that has word as a term.
func (cs *Concepts) Lookup(word string) (Concept, bool) {
	if cs == nil {
		return Concept{}, false
	}
	i, ok := cs.byTerm[foldTerm(word)]
	if !ok {
		return Concept{}, false
	}
	return cs.list[i], true
}

// List returns the concepts in table order.
func (cs *Concepts) List() []Concept {
	if cs == nil {
		return nil
	}
	return append([]Concept(nil), cs.list...)
}

var (
	defaultConceptsOnce sync.Once
	defaultConcepts     *Concepts
)

// DefaultConcepts returns the embedded concept table.
func DefaultConcepts() *Concepts {
	defaultConceptsOnce.Do(func() {
		cs, err := ParseConcepts(defaultConceptsYAML)
		if err != nil {
			panic(err) // the embedded table is tested
		}
		defaultConcepts = cs
	})
	return defaultConcepts
}

// conceptSource holds the concept table in use: the embedded default, or
// a file that is read again when it changes.
type conceptSource struct {
	cur  atomic.Pointer[Concepts]
	path string
	// mtime and size of the file last loaded or tried.
	mu        sync.Mutex
	mtime     time.Time
	size      int64
	checked   atomic.Int64 // unix nanos of the last stat
	checkEach time.Duration
}

// newConceptSource loads path, or the embedded table when path is "".
func newConceptSource(path string) (*conceptSource, error) {
	s := &conceptSource{path: path, checkEach: time.Second}
	if path == "" {
		s.cur.Store(DefaultConcepts())
		return s, nil
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	return s, nil
}

// load reads and parses the file; on error the table in use stays.
func (s *conceptSource) load() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("concepts: %w", err)
	}
	if fi.ModTime().Equal(s.mtime) && fi.Size() == s.size && s.cur.Load() != nil {
		return nil
	}
	s.mtime, s.size = fi.ModTime(), fi.Size()
	data, err := os.ReadFile(s.path)
	if err != nil {
		return fmt.Errorf("concepts: %w", err)
	}
	cs, err := ParseConcepts(data)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	s.cur.Store(cs)
	return nil
}

// get returns the table in use, first reading the file again when it
// changed (checked at most once per checkEach, so a query pays one stat at
// most that often). A file that no longer parses is logged and the previous
// table kept.
func (s *conceptSource) get() *Concepts {
	if s == nil {
		return nil
	}
	if s.path != "" {
		now := time.Now().UnixNano()
		last := s.checked.Load()
		if now-last >= int64(s.checkEach) && s.checked.CompareAndSwap(last, now) {
			if err := s.load(); err != nil {
				slog.Warn("concepts: keeping the previous table", "err", err)
			}
		}
	}
	return s.cur.Load()
}
