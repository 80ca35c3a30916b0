package index

import (
	"container/heap"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// keywordLinks searches the keywords (two of them at least) and adds the
// best keywordHits hits with the keywords they share.
//
// It ranks as Bleve's top-N collector does (score, then the earlier
// document number), but the document numbers are split over the workers,
// each keeping its own best keywordHits, and the terms a hit shares are
// read from the postings of the few best hits rather than from the term
// locations of every match.
func (st *state) keywordLinks(ctx context.Context, kws []string, cands map[uint32]*linkCand, add func(uint32, float64, string)) error {
	if len(kws) == 0 {
		return nil
	}
	terms := make([]string, len(kws))
	qs := make([]query.Query, len(kws))
	for i, k := range kws {
		terms[i] = strings.ToLower(k)
		qs[i] = termQuery(terms[i], fieldContent)
	}
	dq := query.NewDisjunctionQuery(qs)
	dq.SetMin(2)
	sn, err := st.openSnapshot()
	if err != nil {
		return err
	}
	defer sn.close()
	workers := st.workers()
	tops := make([]kwTop, workers)
	errs := make([]error, workers)
	n := sn.docs()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tops[w], errs[w] = st.keywordTop(ctx, sn, dq, n*uint64(w)/uint64(workers), n*uint64(w+1)/uint64(workers))
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
		if o == noOrd || int(o) >= len(st.rows) {
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

// keywordTop runs q over the document numbers lo..hi-1 of sn and returns
// its best keywordHits matches, in no order.
func (st *state) keywordTop(ctx context.Context, sn *snapshot, q query.Query, lo, hi uint64) (kwTop, error) {
	if lo >= hi {
		return nil, nil
	}
	sr, err := q.Searcher(ctx, sn.reader, st.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		if ctx.Err() != nil {
			return nil, timeoutError(ctx)
		}
		return nil, fmt.Errorf("index: related keywords: %w", err)
	}
	defer sr.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0),
		IndexReader:       sn.reader,
	}
	var dm *search.DocumentMatch
	if lo > 0 {
		dm, err = sr.Advance(sctx, bindex.NewIndexInternalID(nil, lo))
	} else {
		dm, err = sr.Next(sctx)
	}
	top := make(kwTop, 0, keywordHits)
	for i := 1; ; i++ {
		if err != nil {
			if ctx.Err() != nil {
				return nil, timeoutError(ctx)
			}
			return nil, fmt.Errorf("index: related keywords: %w", err)
		}
		if dm == nil {
			return top, nil
		}
		n := dm.IndexInternalID.Value()
		if n >= hi {
			return top, nil
		}
		h := kwHit{n: n, score: dm.Score}
		sctx.DocumentMatchPool.Put(dm)
		switch {
		case len(top) < keywordHits:
			heap.Push(&top, h)
		case top[0].worse(h):
			top[0] = h
			heap.Fix(&top, 0)
		}
		if i&0xfff == 0 && ctx.Err() != nil {
			return nil, timeoutError(ctx)
		}
		dm, err = sr.Next(sctx)
	}
}

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
