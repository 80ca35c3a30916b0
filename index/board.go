package index

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/xinfang/xinfang"
)

// Request size limits of Clusters and Risks.
const (
	defaultBoardSize = 20
	maxBoardSize     = 100
	sampleIDs        = 5
)

func boardSize(n int) (int, error) {
	switch {
	case n == 0:
		return defaultBoardSize, nil
	case n < 0 || n > maxBoardSize:
		return 0, xinfang.FieldError("size", "must be between 1 and %d, not %d", maxBoardSize, n)
	}
	return n, nil
}

// clusterStats is a cluster summarised from its live members.
type clusterStats struct {
	ci          int32
	n           int // members counted
	first, last int64
	top         uint32 // member with the highest effective score
	level       uint8
	score       uint8
}

// stats summarises cluster ci, without the complainants (see
// complainants): ranking needs only the cheap part, which the cluster
// keeps up to date.
func (st *reader) stats(ci int32) clusterStats { return st.clusters.at(ci).stats }

// complainants counts the distinct complainant keys of cluster ci.
func (st *reader) complainants(ci int32) int {
	seen := map[uint32]bool{}
	for _, o := range st.clusters.at(ci).members {
		if c := st.rows.at(o).compl; c != noValue {
			seen[c] = true
		}
	}
	return len(seen)
}

// matchedClusters returns the stats of the clusters with at least minCount
// records that have a record matching the query and filters.
func (s *Store) matchedClusters(ctx context.Context, st *reader, pq *parsedQuery, f xinfang.Filters, minCount int) ([]clusterStats, error) {
	sn, plan, err := st.plan(pq, f, s)
	if err != nil {
		return nil, err
	}
	if sn != nil {
		defer sn.close()
	}
	hit := make([]bool, st.clusters.list.len())
	err = st.scan(ctx, sn, plan, false, func(o uint32, r *row, _ float64) {
		if r.cluster >= 0 {
			hit[r.cluster] = true
		}
	})
	if err != nil {
		return nil, err
	}
	return st.candidates(hit, minCount), nil
}

// candidates returns the stats of the clusters marked in hit that have at
// least minCount records.
func (st *reader) candidates(hit []bool, minCount int) []clusterStats {
	var out []clusterStats
	for ci, ok := range hit {
		if ok && st.clusters.at(int32(ci)).count >= minCount {
			out = append(out, st.stats(int32(ci)))
		}
	}
	return out
}

// cluster renders cluster stats, with the reasons of its riskiest record.
func (st *reader) cluster(cs clusterStats) (xinfang.Cluster, error) {
	c := st.clusters.at(cs.ci)
	out := xinfang.Cluster{
		Key:          c.key,
		Category:     c.category,
		City:         c.city,
		Subject:      c.subject,
		Count:        c.count,
		Complainants: st.complainants(cs.ci),
		FirstSeen:    time.Unix(cs.first, 0).In(cst),
		LastSeen:     time.Unix(cs.last, 0).In(cst),
		SampleIDs:    []string{},
	}
	// The most recent members, kept in a small sorted array: clusters of
	// a frequent respondent can hold many thousands.
	newer := func(a, b uint32) bool {
		ra, rb := st.rows.at(a), st.rows.at(b)
		if ra.sec != rb.sec {
			return ra.sec > rb.sec
		}
		return st.ids[a] < st.ids[b]
	}
	var recent []uint32
	for _, o := range c.members {
		if len(recent) == sampleIDs && !newer(o, recent[sampleIDs-1]) {
			continue
		}
		i := sort.Search(len(recent), func(i int) bool { return newer(o, recent[i]) })
		if len(recent) < sampleIDs {
			recent = append(recent, 0)
		}
		copy(recent[i+1:], recent[i:])
		recent[i] = o
	}
	for _, o := range recent {
		out.SampleIDs = append(out.SampleIDs, st.ids[o])
	}
	d, err := st.get(st.ids[cs.top])
	if err != nil && xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		return xinfang.Cluster{}, err
	}
	// A member deleted while the request ran has no stored reasons left.
	risk := st.effectiveRisk(cs.top, d.Analysis.Risk)
	if cs.level != noValue {
		risk.Level = levelCodes[cs.level-1]
	}
	// The recurrence reason first: it is what the cluster is about.
	if c.step > 0 {
		rr := recurReason(c.count)
		if i := slices.Index(risk.Reasons, rr); i > 0 {
			risk.Reasons = append([]string{rr}, slices.Delete(risk.Reasons, i, i+1)...)
		}
	}
	out.Risk = risk
	return out, nil
}

// Clusters returns recurring matters that have a record matching the query
// and filters, most records first. Count, first and last seen and the
// distinct complainants are over the whole cluster.
func (s *Store) Clusters(ctx context.Context, req xinfang.ClusterRequest) ([]xinfang.Cluster, error) {
	size, err := boardSize(req.Size)
	if err != nil {
		return nil, err
	}
	minCount := req.MinCount
	if minCount == 0 {
		minCount = 2
	}
	if minCount < 1 {
		return nil, xinfang.FieldError("min_count", "must be at least 1, not %d", req.MinCount)
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	pq.noExpand = req.NoExpand
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	st, release, _, err := s.admit(ctx, pq)
	if err != nil {
		return nil, err
	}
	defer release()
	cands, err := s.matchedClusters(ctx, st, pq, req.Filters, minCount)
	if err != nil {
		return nil, err
	}
	cands = topClusters(cands, size, func(a, b *clusterStats) bool {
		ca, cb := st.clusters.at(a.ci), st.clusters.at(b.ci)
		if ca.count != cb.count {
			return ca.count > cb.count
		}
		if a.last != b.last {
			return a.last > b.last
		}
		return ca.key < cb.key
	})
	return st.renderClusters(cands, size)
}

// topClusters returns the first k of cands in the order of before, sorted,
// without sorting all of them: a large index has many small clusters.
func topClusters(cands []clusterStats, k int, before func(a, b *clusterStats) bool) []clusterStats {
	var top []clusterStats // sorted, at most k
	for i := range cands {
		c := &cands[i]
		if len(top) == k && !before(c, &top[k-1]) {
			continue
		}
		j := sort.Search(len(top), func(j int) bool { return before(c, &top[j]) })
		if len(top) < k {
			top = append(top, clusterStats{})
		}
		copy(top[j+1:], top[j:])
		top[j] = *c
	}
	return top
}

func (st *reader) renderClusters(cands []clusterStats, size int) ([]xinfang.Cluster, error) {
	out := []xinfang.Cluster{}
	for i := 0; i < len(cands) && i < size; i++ {
		c, err := st.cluster(cands[i])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Risks ranks the matching records by effective risk score, then date, and
// the recurring clusters (2+ records) with a matching record by their
// highest score, then size.
func (s *Store) Risks(ctx context.Context, req xinfang.RiskRequest) (xinfang.RiskBoard, error) {
	size, err := boardSize(req.Size)
	if err != nil {
		return xinfang.RiskBoard{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	st, release, err := s.acquireScan(ctx)
	if err != nil {
		return xinfang.RiskBoard{}, err
	}
	defer release()
	sn, plan, err := st.plan(&parsedQuery{}, req.Filters, s)
	if err != nil {
		return xinfang.RiskBoard{}, err
	}
	if sn != nil {
		defer sn.close()
	}
	top := &topK{st: st.engine, sortBy: xinfang.SortRisk, k: size}
	hit := make([]bool, st.clusters.list.len())
	err = st.scan(ctx, sn, plan, false, func(o uint32, r *row, _ float64) {
		top.offer(o, r, 0)
		if r.cluster >= 0 {
			hit[r.cluster] = true
		}
	})
	if err != nil {
		return xinfang.RiskBoard{}, err
	}
	board := xinfang.RiskBoard{Records: []xinfang.Hit{}}
	for _, c := range top.sorted() {
		d, err := st.get(st.ids[c.ord])
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			continue // deleted while the request ran
		}
		if err != nil {
			return xinfang.RiskBoard{}, err
		}
		h := hitOf(&d, st.effectiveRisk(c.ord, d.Analysis.Risk))
		h.Snippet = snippet(s.seg, xinfang.MaskText(d.Content()), nil, nil)
		st.decorate(&h, &d, c.ord, plan.pred.now)
		board.Records = append(board.Records, h)
	}
	cands := st.candidates(hit, 2)
	cands = topClusters(cands, size, func(a, b *clusterStats) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		ca, cb := st.clusters.at(a.ci), st.clusters.at(b.ci)
		if ca.count != cb.count {
			return ca.count > cb.count
		}
		if a.last != b.last {
			return a.last > b.last
		}
		return ca.key < cb.key
	})
	board.Clusters, err = st.renderClusters(cands, size)
	if err != nil {
		return xinfang.RiskBoard{}, err
	}
	return board, nil
}
