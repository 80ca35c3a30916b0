package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	bindex "github.com/blevesearch/bleve_index_api"
)

// keywordLinks searches the keywords (two of them at least) and adds the
// best keywordHits hits with the keywords they share.
//
// It ranks as a Bleve disjunction of term queries with min 2 does, ties
// going to the earlier document as in Bleve's top-N collector, but
// without Bleve's searchers: each term's postings are read once, their
// scores summed per document number in a dense array (kwScores), and the
// document numbers are split over the workers, each keeping its own best
// keywordHits. The terms a hit shares are read from the postings of the
// few best hits. TestKeywordLinksAgree holds it to Bleve's own search.
func (st *reader) keywordLinks(ctx context.Context, kws []string, cands map[uint32]*linkCand, add func(uint32, float64, string)) error {
	if len(kws) == 0 {
		return nil
	}
	terms := make([]string, len(kws))
	for i, k := range kws {
		terms[i] = strings.ToLower(k)
	}
	sn, err := st.openSnapshot()
	if err != nil {
		return err
	}
	defer sn.close()
	q, err := newKwQuery(ctx, sn.reader, terms)
	if err != nil {
		return err
	}
	n := sn.docs()
	acc := getKwAcc(n)
	defer putKwAcc(acc)
	workers := st.workers()
	tops := make([]kwTop, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tops[w], errs[w] = q.top(ctx, sn.reader, acc, n*uint64(w)/uint64(workers), n*uint64(w+1)/uint64(workers))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	var hits kwTop
	for _, t := range tops {
		hits = append(hits, t...)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[j].worse(hits[i]) })
	if len(hits) > keywordHits {
		hits = hits[:keywordHits]
	}
	if len(hits) == 0 {
		return nil
	}
	shared, err := sharedTerms(ctx, sn, terms, hits)
	if err != nil {
		return err
	}
	top := hits[0].score
	cur := 0
	for i, h := range hits {
		o := sn.ord(bindex.NewIndexInternalID(nil, h.n), &cur)
		if o == noOrd || int(o) >= st.rows.len() {
			continue
		}
		add(o, scoreKeywords*h.score/top, "")
		if c := cands[o]; c != nil && len(shared[i]) > 0 && len(c.keywords) == 0 {
			c.keywords = shared[i]
			c.reasons = append(c.reasons, "关键词相同："+strings.Join(shared[i], "、"))
		}
	}
	return nil
}

// kwHit is a match of the keyword query: its document number and score.
type kwHit struct {
	n     uint64
	score float64
}

// worse reports whether h ranks below g: a lower score, or the same score
// and a later document (Bleve's collector keeps the earlier hit).
func (h kwHit) worse(g kwHit) bool {
	return h.score < g.score || (h.score == g.score && h.n > g.n)
}

// kwTop is a heap of the best hits with the worst at the root.
type kwTop []kwHit

func (t kwTop) Len() int           { return len(t) }
func (t kwTop) Less(i, j int) bool { return t[i].worse(t[j]) }
func (t kwTop) Swap(i, j int)      { t[i], t[j] = t[j], t[i] }
func (t *kwTop) Push(x any)        { *t = append(*t, x.(kwHit)) }
func (t *kwTop) Pop() any {
	old := *t
	x := old[len(old)-1]
	*t = old[:len(old)-1]
	return x
}

// kwQuery is the keyword query: its terms in the order Bleve's
// disjunction searcher sorts its term searchers (fewest postings first,
// a stable insertion sort for so few), with their idf and query weight as
// Bleve's TF-IDF term scorer computes them.
type kwQuery struct {
	terms   []string
	idf     []float64
	weight  []float64 // idf × the query norm
	total   int       // terms, duplicates included (coord's denominator)
	minTerm int       // terms a document needs
}

// newKwQuery computes the weights of terms over reader.
func newKwQuery(ctx context.Context, reader bindex.IndexReader, terms []string) (*kwQuery, error) {
	docs, err := reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: related keywords: %w", err)
	}
	type term struct {
		text  string
		count uint64
	}
	ts := make([]term, len(terms))
	for i, t := range terms {
		ts[i].text = t
		if ts[i].count, err = termCount(ctx, reader, t); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].count < ts[j].count })
	q := &kwQuery{total: len(ts), minTerm: 2}
	var sumSq float64
	for _, t := range ts {
		idf := 1.0 + math.Log(float64(docs)/float64(t.count+1.0))
		q.terms, q.idf = append(q.terms, t.text), append(q.idf, idf)
		w := 1.0 * idf // boost × idf
		sumSq += w * w
	}
	norm := 1.0 / math.Sqrt(sumSq)
	for _, idf := range q.idf {
		q.weight = append(q.weight, 1.0*idf*norm)
	}
	return q, nil
}

// termCount is the number of documents holding term in the content.
func termCount(ctx context.Context, reader bindex.IndexReader, term string) (uint64, error) {
	tfr, err := reader.TermFieldReader(ctx, []byte(term), fieldContent, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("index: related keywords: %w", err)
	}
	n := tfr.Count()
	return n, tfr.Close()
}

// kwAcc is the per document number sum of term scores and count of
// terms of one keyword query; pooled, as it is as long as the index.
type kwAcc struct {
	sum   []float64
	terms []uint8
}

var kwAccs sync.Pool

func getKwAcc(n uint64) *kwAcc {
	a, _ := kwAccs.Get().(*kwAcc)
	if a == nil || uint64(cap(a.sum)) < n {
		return &kwAcc{sum: make([]float64, n, n+n/8), terms: make([]uint8, n, n+n/8)}
	}
	a.sum, a.terms = a.sum[:n], a.terms[:n]
	return a
}

// putKwAcc gives a back, cleared.
func putKwAcc(a *kwAcc) {
	clear(a.sum)
	clear(a.terms)
	kwAccs.Put(a)
}

// top scores the document numbers lo..hi-1 and returns the best
// keywordHits with minTerm terms or more, in no order. Scores are Bleve's:
// a term scores sqrt(freq) × norm × idf × its query weight, and a
// document the sum of its terms' scores, in the order of q.terms, times
// the share of the terms it holds.
func (q *kwQuery) top(ctx context.Context, reader bindex.IndexReader, acc *kwAcc, lo, hi uint64) (kwTop, error) {
	if lo >= hi {
		return nil, nil
	}
	sum, terms := acc.sum[lo:hi], acc.terms[lo:hi]
	for i, t := range q.terms {
		tfr, err := reader.TermFieldReader(ctx, []byte(t), fieldContent, true, true, false)
		if err != nil {
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
		var tfd *bindex.TermFieldDoc
		if lo > 0 {
			tfd, err = tfr.Advance(bindex.NewIndexInternalID(nil, lo), nil)
		} else {
			tfd, err = tfr.Next(nil)
		}
		for k := 1; err == nil && tfd != nil; k++ {
			n := tfd.ID.Value()
			if n >= hi {
				break
			}
			var tf float64
			if tfd.Freq < uint64(len(sqrtCache)) {
				tf = sqrtCache[tfd.Freq]
			} else {
				tf = math.Sqrt(float64(tfd.Freq))
			}
			score := tf * tfd.Norm * q.idf[i]
			if q.weight[i] != 1.0 {
				score = score * q.weight[i]
			}
			sum[n-lo] += score
			terms[n-lo]++
			if k&0xfff == 0 && ctx.Err() != nil {
				tfr.Close()
				return nil, timeoutError(ctx)
			}
			tfd, err = tfr.Next(tfd)
		}
		if err != nil {
			tfr.Close()
			if ctx.Err() != nil {
				return nil, timeoutError(ctx)
			}
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
		if err := tfr.Close(); err != nil {
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
	}
	top := make(kwTop, 0, keywordHits)
	for i, c := range terms {
		if int(c) < q.minTerm {
			continue
		}
		h := kwHit{n: lo + uint64(i), score: sum[i] * (float64(c) / float64(q.total))}
		switch {
		case len(top) < keywordHits:
			heap.Push(&top, h)
		case top[0].worse(h):
			top[0] = h
			heap.Fix(&top, 0)
		}
	}
	return top, nil
}

// sqrtCache holds the square roots of small term frequencies, as Bleve's
// scorer does (the same values as math.Sqrt).
var sqrtCache = func() []float64 {
	c := make([]float64, 64)
	for i := range c {
		c[i] = math.Sqrt(float64(i))
	}
	return c
}()

// sharedTerms returns, for each hit, the terms it holds in the content,
// sorted: one pass over each term's postings, advancing to the hits in
// document order.
func sharedTerms(ctx context.Context, sn *snapshot, terms []string, hits []kwHit) ([][]string, error) {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return hits[order[a]].n < hits[order[b]].n })
	out := make([][]string, len(hits))
	uniq := slices.Compact(slices.Sorted(slices.Values(terms)))
	for _, term := range uniq {
		tfr, err := sn.reader.TermFieldReader(ctx, []byte(term), fieldContent, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
		var tfd *bindex.TermFieldDoc
		for _, i := range order {
			id := bindex.NewIndexInternalID(nil, hits[i].n)
			if tfd != nil && tfd.ID.Compare(id) >= 0 {
				if tfd.ID.Equals(id) {
					out[i] = append(out[i], term)
				}
				continue
			}
			if tfd, err = tfr.Advance(id, nil); err != nil {
				tfr.Close()
				return nil, fmt.Errorf("index: related keywords: %w", err)
			}
			if tfd == nil {
				break
			}
			if tfd.ID.Equals(id) {
				out[i] = append(out[i], term)
			}
		}
		if err := tfr.Close(); err != nil {
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
	}
	return out, nil
}
