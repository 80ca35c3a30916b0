package index

import (
	"context"
	"fmt"
	"math/bits"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/xinfang/xinfang"
)

// Related documents: records like a record (the document view's 相似信访件),
// bulletins about a petition or a cluster (was it reported resolved?), and
// the petitions a bulletin is about. Candidates come from the columns and
// the cluster set (same respondent, cluster, 盟市 and category, SimHash
// distance) and from one Bleve query over the source's keywords; each link
// says why it was made.

const (
	defaultRelated = 10
	maxRelated     = 50
	// relatedKeywords is how many of the source's keywords are searched.
	relatedKeywords = 8
	// keywordHits bounds the hits of the keyword query.
	keywordHits = 200
	// nearSimDistance is the largest SimHash distance of "内容相近".
	nearSimDistance = 10
)

// Scores of the reasons; a link needs linkMin.
const (
	scoreSubject  = 3.0
	scoreCluster  = 3.0
	scoreNear     = 3.0 // at distance 0, falling to 0 at nearSimDistance+1
	scorePlace    = 1.5 // same 盟市 and a shared category
	scoreKeywords = 2.0 // the best keyword match; others in proportion
	// A bulletin or petition is linked on one reason of weight; a similar
	// record needs more than the same 盟市 and category.
	linkMin    = 1.5
	similarMin = 2.0
)

type linkCand struct {
	score    float64
	reasons  []string
	keywords []string
}

type source struct {
	ord      uint32
	doc      xinfang.Document
	subjects []string // normalised, without placeholders
	names    map[string]string
}

// Similar returns records like document id, best first.
func (s *Store) Similar(ctx context.Context, id string, size int) ([]xinfang.Link, error) {
	return s.related(ctx, id, "", size, similarMin, func(src *source, st *reader) (want func(r *row) bool) {
		kind := st.rows.at(src.ord).kind
		return func(r *row) bool { return r.kind == kind }
	})
}

// Linked returns, for a petition, the bulletins about it; for a bulletin,
// the petitions it is about.
func (s *Store) Linked(ctx context.Context, id string, size int) ([]xinfang.Link, error) {
	return s.related(ctx, id, "", size, linkMin, func(src *source, st *reader) func(r *row) bool {
		other := enumCode(kindCodes, xinfang.KindBulletin)
		if src.doc.Kind == xinfang.KindBulletin {
			other = enumCode(kindCodes, xinfang.KindPetition)
		}
		return func(r *row) bool { return r.kind == other }
	})
}

// ClusterBulletins returns the bulletins about the matter of cluster key:
// its respondent, or its 盟市 and category.
func (s *Store) ClusterBulletins(ctx context.Context, key string, size int) ([]xinfang.Link, error) {
	return s.related(ctx, "", key, size, linkMin, func(src *source, st *reader) func(r *row) bool {
		b := enumCode(kindCodes, xinfang.KindBulletin)
		return func(r *row) bool { return r.kind == b }
	})
}

func relatedSize(n int) (int, error) {
	switch {
	case n == 0:
		return defaultRelated, nil
	case n < 0 || n > maxRelated:
		return 0, xinfang.FieldError("size", "must be between 1 and %d, not %d", maxRelated, n)
	}
	return n, nil
}

// related links the document id (or the cluster key: its riskiest member
// stands for it) to the documents that want accepts.
func (s *Store) related(ctx context.Context, id, key string, size int, min float64, target func(*source, *reader) func(*row) bool) ([]xinfang.Link, error) {
	size, err := relatedSize(size)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	st, release, err := s.acquireScan(ctx)
	if err != nil {
		return nil, err
	}
	defer release()

	var src source
	var members []uint32
	var ci int32
	var found bool
	st.lookup(func() {
		if key != "" {
			ci, found = st.clusters.byKey[key]
			// A key made after the view leads to a cluster it may not
			// have.
			found = found && int(ci) < st.clusters.list.len()
		} else {
			src.ord, found = st.ordOf(id)
		}
	})
	if key != "" {
		if !found || st.clusters.at(ci).count == 0 {
			return nil, xinfang.Errorf(xinfang.ENOTFOUND, "no cluster with key %q", key)
		}
		members = st.clusters.at(ci).members
		src.ord = st.clusters.at(ci).stats.top
	} else if !found || !st.rows.at(src.ord).alive {
		return nil, xinfang.Errorf(xinfang.ENOTFOUND, "no document with id %q", id)
	}
	if src.doc, err = st.get(st.ids[src.ord]); err != nil {
		return nil, err
	}
	src.names = map[string]string{}
	subj := append([]string(nil), src.doc.Analysis.Subjects...)
	if src.doc.Record != nil && src.doc.Record.Respondent != "" {
		subj = append(subj, src.doc.Record.Respondent)
	}
	for _, sj := range subj {
		ns := normSubject(sj)
		if ns == "" || placeholderSubject(sj) || src.names[ns] != "" {
			continue
		}
		src.names[ns] = xinfang.MaskText(sj)
		src.subjects = append(src.subjects, ns)
	}
	want := target(&src, st)
	self := map[uint32]bool{src.ord: true}
	for _, m := range members {
		self[m] = true // a cluster's own members are not linked to it
	}
	cands := map[uint32]*linkCand{}
	add := func(o uint32, score float64, reason string) {
		r := st.rows.at(o)
		if self[o] || !r.alive || !want(r) {
			return
		}
		c := cands[o]
		if c == nil {
			c = &linkCand{}
			cands[o] = c
		}
		c.score += score
		if reason != "" {
			c.reasons = append(c.reasons, reason)
		}
	}

	// The same respondent.
	for _, ns := range src.subjects {
		ords, err := st.termOrds(ctx, fieldSubjects, ns)
		if err != nil {
			return nil, err
		}
		for _, o := range ords {
			add(o, scoreSubject, "同一被反映单位："+src.names[ns])
		}
	}
	sr := st.rows.at(src.ord)
	// The same cluster (similar records of a petition).
	if key == "" && sr.cluster >= 0 {
		for _, o := range st.clusters.at(sr.cluster).members {
			add(o, scoreCluster, "同一重复信访组")
		}
	}
	// Near-duplicate text and the same 盟市 and category: one pass over
	// the rows. The place reason is the same for every row of one
	// category mask: built once per mask, not once per row.
	placeReasons := map[uint64]string{}
	for o := range st.rows.len() {
		r := st.rows.at(uint32(o))
		// The cheap column tests first: the map of the source's own rows
		// is looked up (by add) only for rows that have a reason.
		if !r.alive || !want(r) {
			continue
		}
		if sr.sim != 0 && r.sim != 0 {
			if d := bits.OnesCount64(sr.sim ^ r.sim); d <= nearSimDistance {
				add(uint32(o), scoreNear*float64(nearSimDistance+1-d)/float64(nearSimDistance+1), "内容相近")
			}
		}
		if sr.city != 0 && r.city == sr.city && r.cats&sr.cats != 0 {
			mask := r.cats & sr.cats
			reason, ok := placeReasons[mask]
			if !ok {
				reason = "同一盟市同类事项：" + st.cities.values[sr.city] + "·" + s.catLabels(st, mask)
				placeReasons[mask] = reason
			}
			add(uint32(o), scorePlace, reason)
		}
		if o&0xffff == 0 && ctx.Err() != nil {
			return nil, timeoutError(ctx)
		}
	}
	// Shared keywords.
	kws := src.doc.Analysis.Keywords
	if len(kws) > relatedKeywords {
		kws = kws[:relatedKeywords]
	}
	if err := st.keywordLinks(ctx, kws, cands, add); err != nil {
		return nil, err
	}

	type ranked struct {
		ord uint32
		c   *linkCand
	}
	var list []ranked
	for o, c := range cands {
		if c.score >= min {
			list = append(list, ranked{o, c})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].c.score != list[j].c.score {
			return list[i].c.score > list[j].c.score
		}
		return st.rows.at(list[i].ord).sec > st.rows.at(list[j].ord).sec
	})
	if len(list) > size {
		list = list[:size]
	}
	out := make([]xinfang.Link, 0, len(list))
	for _, x := range list {
		d, err := st.get(st.ids[x.ord])
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		marks := map[string]bool{}
		for _, k := range x.c.keywords {
			marks[k] = true
		}
		l := xinfang.Link{Hit: hitOf(&d, st.effectiveRisk(x.ord, d.Analysis.Risk)), Reasons: dedupe(x.c.reasons)}
		l.Snippet = snippet(s.seg, xinfang.MaskText(d.Content()), marks, nil)
		if d.Kind == xinfang.KindBulletin {
			l.Resolved, l.Resolution = d.Analysis.Resolved, d.Analysis.Resolution
		}
		out = append(out, l)
	}
	return out, nil
}

// termOrds returns the live documents holding term in field.
func (st *reader) termOrds(ctx context.Context, field, term string) ([]uint32, error) {
	req := bleve.NewSearchRequestOptions(termQuery(term, field), maxRelated*20, 0, false)
	res, err := st.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, timeoutError(ctx)
		}
		return nil, fmt.Errorf("index: related %s: %w", field, err)
	}
	out := make([]uint32, 0, len(res.Hits))
	st.lookup(func() {
		for _, h := range res.Hits {
			if o, ok := st.ordOf(h.ID); ok {
				out = append(out, o)
			}
		}
	})
	return out, nil
}

// catLabels names the categories of a mask.
func (s *Store) catLabels(st *reader, mask uint64) string {
	var out []string
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		mask &^= 1 << i
		code := st.cats.values[i+1]
		out = append(out, s.opts.CategoryLabel(code))
	}
	return strings.Join(out, "、")
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
