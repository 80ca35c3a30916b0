package xinfang

import "time"

// Document kinds.
const (
	KindPetition = "petition"
	KindBulletin = "bulletin"
)

// Document is one indexed item: a petition or a bulletin with its analysis.
// Exactly one of Record and Bulletin is set.
type Document struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	Record   *Record   `json:"record,omitempty"`
	Bulletin *Bulletin `json:"bulletin,omitempty"`
	Analysis Analysis  `json:"analysis"`
	// ComplainantKey is a keyed hash of the petitioner's phone or ID number,
	// used to count distinct complainants; never the raw value.
	ComplainantKey string    `json:"complainant_key,omitempty"`
	IndexedAt      time.Time `json:"indexed_at"`
	// StatusHistory is the record's status changes, oldest first, carried
	// over from copy to copy of the record (Supersede).
	StatusHistory []StatusChange `json:"status_history,omitempty"`
	// Case, Repeat and Risk are computed by the index when the document
	// is read (overdue depends on the time of reading); never stored.
	// Risk is the effective risk: the analysis' raised by a recurring
	// cluster and by repeat petitions, as hits show it.
	Case   *CaseState `json:"case,omitempty"`
	Repeat *Repeat    `json:"repeat,omitempty"`
	Risk   *Risk      `json:"risk,omitempty"`
}

// Repeat places a petition among those of the same petitioner about the
// same matter (初件/重件): the first one, this one's order number (1 is
// the 初件) and how many there are so far.
type Repeat struct {
	FirstID string `json:"first_id"`
	Order   int    `json:"order"`
	Count   int    `json:"count"`
}

// IsRepeat reports whether the petition is a 重件 (order 2 or later).
func (r *Repeat) IsRepeat() bool { return r != nil && r.Order > 1 }

// Date is the date the document is filed under: received_at for a petition,
// published_at (or fetched_at) for a bulletin.
func (d *Document) Date() time.Time {
	switch {
	case d.Record != nil:
		return d.Record.ReceivedAt
	case d.Bulletin != nil:
		if !d.Bulletin.PublishedAt.IsZero() {
			return d.Bulletin.PublishedAt
		}
		return d.Bulletin.FetchedAt
	}
	return time.Time{}
}

// Title is the record's or bulletin's title.
func (d *Document) Title() string {
	switch {
	case d.Record != nil:
		return d.Record.Title
	case d.Bulletin != nil:
		return d.Bulletin.Title
	}
	return ""
}

// Content is the record's or bulletin's text.
func (d *Document) Content() string {
	switch {
	case d.Record != nil:
		return d.Record.Content
	case d.Bulletin != nil:
		return d.Bulletin.Content
	}
	return ""
}

// Filters narrow a search, trend or board. Values within one field are ORed,
// fields are ANDed. Headcount holds range buckets: "1", "2-4", "5-29", "30+".
type Filters struct {
	Category  []string `json:"category,omitempty"`
	City      []string `json:"city,omitempty"`
	County    []string `json:"county,omitempty"`
	Kind      []string `json:"kind,omitempty"`
	Channel   []string `json:"channel,omitempty"`
	Status    []string `json:"status,omitempty"`
	RiskLevel []string `json:"risk_level,omitempty"`
	Headcount []string `json:"headcount,omitempty"`
	// Overdue holds "true", "false" or an overdue kind ("acceptance",
	// "handling"); decided at the time of the query. Repeat ("true": 重件,
	// "false": 初件) and Joint ("true": 联名件) hold "true" or "false".
	// These three select petitions only.
	Overdue []string  `json:"overdue,omitempty"`
	Repeat  []string  `json:"repeat,omitempty"`
	Joint   []string  `json:"joint,omitempty"`
	From    time.Time `json:"from,omitempty"` // inclusive
	To      time.Time `json:"to,omitempty"`   // exclusive
	// Cluster is the key of a recurring-issue cluster: exactly its
	// members, as many as the cluster's count.
	Cluster string `json:"cluster,omitempty"`
}

// Sort orders of a search.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortRisk      = "risk"
)

// Histogram intervals.
const (
	IntervalDay   = "day"
	IntervalWeek  = "week"
	IntervalMonth = "month"
)

// MaxSearchSize bounds the number of hits of one search page.
const MaxSearchSize = 100

// SearchRequest is a faceted search.
type SearchRequest struct {
	Query    string // the user's query string
	Filters  Filters
	Sort     string // relevance (default), date, risk
	Size     int    // 0..MaxSearchSize; 0 gives counts and facets only
	Cursor   string // opaque, from the previous SearchResult
	Interval string // histogram interval; "" picks one from the range
	// NoExpand turns off concept expansion and compound matching: every
	// word is searched as written (expand=false).
	NoExpand bool
}

// SearchResult is one page of a search with facets and a date histogram.
type SearchResult struct {
	Total uint64 `json:"total"` // 件次: matching documents
	// People is 人次: the head counts of the matching petitions summed,
	// 1 for a petition that gives none.
	People    uint64                  `json:"people"`
	Hits      []Hit                   `json:"hits"`
	Facets    map[string][]FacetValue `json:"facets"`
	Histogram Histogram               `json:"histogram"`
	Cursor    string                  `json:"cursor,omitempty"`
	// Suggestions are queries that would find more, offered when the
	// search found little (a typo: 躁音 → 噪音).
	Suggestions []string `json:"suggestions,omitempty"`
	// Expansions say how query words were widened (concept terms, the
	// records of a category, the parts of a compound); expand=false turns
	// them off.
	Expansions []Expansion `json:"expansions,omitempty"`
	TookMS     float64     `json:"took_ms"`
}

// Expansion is how one query word was widened.
type Expansion struct {
	Word string `json:"word"`
	// Concept is the name of the concept the word belongs to; Terms are the
	// other words searched with it, and Category the category whose
	// records it also finds ("" when the index predates category keywords:
	// run xinfang reindex).
	Concept  string `json:"concept,omitempty"`
	Category string `json:"category,omitempty"`
	// Risk is the risk level whose records the word also finds (集体上访).
	Risk  string   `json:"risk,omitempty"`
	Terms []string `json:"terms,omitempty"`
	// Place is the 盟市 or 旗县 the word names: the word also finds the
	// records filed under it (呼和浩特 → 呼和浩特市, 新城区…).
	Place string `json:"place,omitempty"`
	// Parts are the words of a compound that also match in this order with
	// at most two words between them (补偿标准: 补偿的标准, 补偿和安置标准).
	Parts []string `json:"parts,omitempty"`
}

// Hit is one search result.
type Hit struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Title      string    `json:"title"`
	Date       time.Time `json:"date"`
	City       string    `json:"city,omitempty"`
	County     string    `json:"county,omitempty"`
	Categories []string  `json:"categories"`
	Risk       Risk      `json:"risk"`
	Headcount  *int      `json:"headcount"`
	Snippet    string    `json:"snippet"` // HTML-escaped text with <mark> around matched words
	// Case fields of a petition: its status, the overdue kind and the
	// started days past the deadline when overdue (at the time of the
	// search), its place among repeats, and the 联名件 flag.
	Status      string    `json:"status,omitempty"`
	Deadline    time.Time `json:"deadline,omitzero"`
	Overdue     string    `json:"overdue,omitempty"`
	DaysOverdue int       `json:"days_overdue,omitempty"`
	Repeat      *Repeat   `json:"repeat,omitempty"`
	Joint       bool      `json:"joint,omitempty"`
	// TitleHTML is the title, HTML-escaped, with <mark> around matched
	// words; absent when no word of the query is in the title.
	TitleHTML string `json:"title_html,omitempty"`
}

// FacetValue is one value of a facet with its Chinese label and count;
// filtering on Value returns exactly Count documents.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Histogram counts documents per interval.
type Histogram struct {
	Interval string   `json:"interval"`
	Buckets  []Bucket `json:"buckets"`
}

// Bucket is one interval of a histogram, starting at Start.
type Bucket struct {
	Start time.Time `json:"start"`
	Count int       `json:"count"`
}

// TrendIntervals is the number of intervals a trend shows when its
// request has no Filters.From: those that end with the latest match (or
// Filters.To).
const TrendIntervals = 12

// TrendRequest asks for counts per category (or city) per interval.
type TrendRequest struct {
	Query    string
	Filters  Filters
	By       string // "category" (default) or "city"
	Interval string // day, week (default), month
	// NoExpand searches the query's words as written (expand=false), as
	// in SearchRequest.
	NoExpand bool
}

// TrendResult holds one series per category or city.
type TrendResult struct {
	By       string `json:"by"`
	Interval string `json:"interval"`
	Method   string `json:"method"` // how spikes are decided, in words
	MethodZh string `json:"method_zh"`
	// From and To bound the intervals shown: [From, To).
	From   time.Time     `json:"from,omitzero"`
	To     time.Time     `json:"to,omitzero"`
	Series []TrendSeries `json:"series"`
}

// TrendSeries is the counts of one category or city over time.
type TrendSeries struct {
	Key     string        `json:"key"`
	Label   string        `json:"label"`
	Total   int           `json:"total"`  // 件次
	People  int           `json:"people"` // 人次 (see SearchResult.People)
	Buckets []TrendBucket `json:"buckets"`
	Spike   bool          `json:"spike"` // the last bucket is a spike
}

// TrendBucket is one interval of a trend series.
type TrendBucket struct {
	Start    time.Time `json:"start"`
	Count    int       `json:"count"`    // 件次
	People   int       `json:"people"`   // 人次
	Baseline float64   `json:"baseline"` // mean of the trailing window
	Spike    bool      `json:"spike"`
}

// Cluster is a recurring issue: records about the same matter.
type Cluster struct {
	Key          string    `json:"key"`
	Category     string    `json:"category"`
	City         string    `json:"city,omitempty"`
	Subject      string    `json:"subject,omitempty"`
	Count        int       `json:"count"`
	Complainants int       `json:"complainants"` // distinct, from keyed hashes
	FirstSeen    time.Time `json:"first_seen"`
	LastSeen     time.Time `json:"last_seen"`
	SampleIDs    []string  `json:"sample_ids"`
	Risk         Risk      `json:"risk"`
}

// ClusterRequest selects clusters.
type ClusterRequest struct {
	Query    string
	Filters  Filters
	MinCount int // default 2
	Size     int // default 20, at most 100
	// NoExpand searches the query's words as written (expand=false), as
	// in SearchRequest.
	NoExpand bool
}

// RiskBoard ranks records and clusters by risk.
type RiskBoard struct {
	Records  []Hit     `json:"records"`
	Clusters []Cluster `json:"clusters"`
}

// RiskRequest selects the risk board.
type RiskRequest struct {
	Filters Filters
	Size    int // default 20, at most 100
}

// Link is a document related to another, with the reasons in Chinese.
type Link struct {
	Hit
	Reasons []string `json:"reasons"`
	// Resolved is set for a bulletin that reports its matter resolved;
	// Resolution quotes the words.
	Resolved   bool   `json:"resolved,omitempty"`
	Resolution string `json:"resolution,omitempty"`
}

// Related is what the index links to one document or cluster.
type Related struct {
	// Similar holds records like the document: same respondent, the same
	// recurring-issue cluster, near-duplicate text, shared keywords.
	Similar []Link `json:"similar,omitempty"`
	// Bulletins about a petition's (or cluster's) respondent, or its 盟市
	// and category; Petitions a bulletin is about.
	Bulletins []Link `json:"bulletins,omitempty"`
	Petitions []Link `json:"petitions,omitempty"`
}
