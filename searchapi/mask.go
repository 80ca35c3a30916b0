package searchapi

import (
	"github.com/xinfang/xinfang"
)

// Masking at the edge: whatever the index returns, no response carries a raw
// phone or ID number. Records are masked field by field (Record.Masked);
// every other string that may quote the text goes through MaskText again, as
// defence in depth should the index have stored or highlighted raw text.

// maskText masks personal data in a string that may quote the text.
func maskText(s string) string { return xinfang.MaskText(s) }

func maskStrings(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = maskText(s)
	}
	return out
}

func maskRisk(r xinfang.Risk) xinfang.Risk {
	r.Reasons = maskStrings(r.Reasons)
	if r.Reasons == nil {
		r.Reasons = []string{}
	}
	return r
}

func maskAnalysis(a xinfang.Analysis) xinfang.Analysis {
	a.ID = maskText(a.ID)
	if a.Evidence != nil {
		ev := make(map[string][]string, len(a.Evidence))
		for k, v := range a.Evidence {
			ev[maskText(k)] = maskStrings(v)
		}
		a.Evidence = ev
	}
	a.Subjects = maskStrings(a.Subjects)
	a.Keywords = maskStrings(a.Keywords)
	a.Dates = maskStrings(a.Dates)
	if a.Places != nil {
		ps := make([]xinfang.Place, len(a.Places))
		for i, p := range a.Places {
			p.Name = maskText(p.Name)
			ps[i] = p
		}
		a.Places = ps
	}
	a.Risk = maskRisk(a.Risk)
	return a
}

// maskDocument masks a document for the default role. The complainant key
// is dropped too: it is a pseudonym of a person, and risk is about issues.
func maskDocument(d xinfang.Document) xinfang.Document {
	d.ID = maskText(d.ID)
	d.Record = d.Record.Masked()
	if d.Bulletin != nil {
		b := *d.Bulletin
		b.Title = maskText(b.Title)
		b.Content = maskText(b.Content)
		d.Bulletin = &b
	}
	d.Analysis = maskAnalysis(d.Analysis)
	d.ComplainantKey = ""
	d.Repeat = maskRepeat(d.Repeat)
	if d.Risk != nil {
		r := maskRisk(*d.Risk)
		d.Risk = &r
	}
	return d
}

func maskRepeat(r *xinfang.Repeat) *xinfang.Repeat {
	if r == nil {
		return nil
	}
	m := *r
	m.FirstID = maskText(m.FirstID)
	return &m
}

func maskHits(hits []xinfang.Hit) []xinfang.Hit {
	out := make([]xinfang.Hit, len(hits))
	for i, h := range hits {
		h.ID = maskText(h.ID)
		h.Title = maskText(h.Title)
		h.Snippet = maskSnippet(h.Snippet)
		h.TitleHTML = maskSnippet(h.TitleHTML)
		h.Risk = maskRisk(h.Risk)
		h.Repeat = maskRepeat(h.Repeat)
		if h.Categories == nil {
			h.Categories = []string{}
		}
		out[i] = h
	}
	return out
}

// maskSnippet masks a highlighted snippet. MaskText reads the <mark> tags
// inside a number (138<mark>0013</mark>8000) as separators, so a number
// split by highlighting is masked whole, tags and all.
func maskSnippet(s string) string { return xinfang.MaskText(s) }

func maskSearchResult(res xinfang.SearchResult) xinfang.SearchResult {
	res.Hits = maskHits(res.Hits)
	res.Suggestions = maskStrings(res.Suggestions)
	facets := make(map[string][]xinfang.FacetValue, len(res.Facets))
	for name, vals := range res.Facets {
		out := make([]xinfang.FacetValue, len(vals))
		for i, v := range vals {
			v.Value = maskText(v.Value)
			v.Label = maskText(v.Label)
			out[i] = v
		}
		facets[name] = out
	}
	res.Facets = facets
	if res.Histogram.Buckets == nil {
		res.Histogram.Buckets = []xinfang.Bucket{}
	}
	return res
}

func maskClusters(cs []xinfang.Cluster) []xinfang.Cluster {
	out := make([]xinfang.Cluster, len(cs))
	for i, c := range cs {
		// A key is a hash in hex, no personal data, and the handle that
		// opens the cluster (search?cluster=KEY): 16 hex digits often hold
		// a run that reads like an ID or a phone number, and a masked key
		// opens nothing.
		if !clusterKey.MatchString(c.Key) {
			c.Key = maskText(c.Key)
		}
		c.City = maskText(c.City)
		c.Subject = maskText(c.Subject)
		c.SampleIDs = maskStrings(c.SampleIDs)
		if c.SampleIDs == nil {
			c.SampleIDs = []string{}
		}
		c.Risk = maskRisk(c.Risk)
		out[i] = c
	}
	return out
}

func maskHandling(h xinfang.HandlingResult) xinfang.HandlingResult {
	mask := func(g xinfang.HandlingGroup) xinfang.HandlingGroup {
		g.Key, g.Label = maskText(g.Key), maskText(g.Label)
		return g
	}
	h.Overall = mask(h.Overall)
	groups := make([]xinfang.HandlingGroup, len(h.Groups))
	for i, g := range h.Groups {
		groups[i] = mask(g)
	}
	h.Groups = groups
	return h
}

func maskTrends(t xinfang.TrendResult) xinfang.TrendResult {
	series := make([]xinfang.TrendSeries, len(t.Series))
	for i, s := range t.Series {
		s.Key = maskText(s.Key)
		s.Label = maskText(s.Label)
		if s.Buckets == nil {
			s.Buckets = []xinfang.TrendBucket{}
		}
		series[i] = s
	}
	t.Series = series
	return t
}
