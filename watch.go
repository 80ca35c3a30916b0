package xinfang

import "time"

// Rule types of a watch.
const (
	RuleMatch   = "match"   // each new matching record
	RuleCount   = "count"   // at least Count matching records in one window
	RuleSpike   = "spike"   // the trend of the matching records flags a spike
	RuleCluster = "cluster" // a matching record's cluster reaches Count records
)

// Watch is a stored search that raises alerts as records are indexed.
type Watch struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Query and Filters have the syntax and meaning of GET /api/v1/search;
	// Filters holds the parameter values as given, by parameter name.
	Query   string              `json:"q"`
	Filters map[string][]string `json:"filters"`
	Rule    Rule                `json:"rule"`
	Webhook *Webhook            `json:"webhook,omitempty"`
	Created time.Time           `json:"created_at"`
}

// Rule says when a watch fires.
type Rule struct {
	Type string `json:"type"`
	// Count is the N of count (matching records in a window) and cluster
	// (records of the cluster) rules.
	Count int `json:"count,omitempty"`
	// Window is the window of a count rule, e.g. "24h" or "7d". Windows are
	// consecutive, aligned to midnight in China Standard Time.
	Window string `json:"window,omitempty"`
	// Interval (day, week, month) and By (category, city) choose the trend
	// whose spike flag a spike rule follows; defaults day and category.
	Interval string `json:"interval,omitempty"`
	By       string `json:"by,omitempty"`
}

// Webhook is where a watch's alerts are POSTed, signed with Secret
// (X-Xinfang-Signature: sha256=HMAC-SHA256 of the body, hex).
type Webhook struct {
	URL    string `json:"url"`
	Secret string `json:"secret,omitempty"`
}

// Alert is what a watch raised: stored, listed, acknowledged, assigned and
// delivered to the watch's webhook.
type Alert struct {
	ID        string        `json:"id"`
	WatchID   string        `json:"watch_id"`
	WatchName string        `json:"watch_name"`
	Rule      Rule          `json:"rule"`
	FiredAt   time.Time     `json:"fired_at"`
	Summary   string        `json:"summary"` // one line in Chinese
	Records   []AlertRecord `json:"records"`
	// Count is the number that fired a count or cluster rule, or the
	// bucket count of a spike.
	Count int `json:"count,omitempty"`
	// Cluster is the key of the cluster of a cluster rule; Series the
	// category or city of a spike.
	Cluster string `json:"cluster,omitempty"`
	Series  string `json:"series,omitempty"`

	AckedAt    *time.Time `json:"acked_at,omitempty"`
	AckedBy    string     `json:"acked_by,omitempty"`
	Assignee   string     `json:"assignee,omitempty"`
	AssignedAt *time.Time `json:"assigned_at,omitempty"`
	// Delivery is none (no webhook), pending, delivered or cancelled (the
	// watch was deleted before delivery).
	Delivery    string     `json:"delivery"`
	Attempts    int        `json:"attempts"`
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	LastError   string     `json:"last_error,omitempty"`
}

// AlertRecord is one record of an alert, with personal data masked.
type AlertRecord struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Title      string    `json:"title"`
	Date       time.Time `json:"date"`
	City       string    `json:"city,omitempty"`
	County     string    `json:"county,omitempty"`
	Categories []string  `json:"categories"`
	Risk       Risk      `json:"risk"`
	Headcount  *int      `json:"headcount"`
}

// AlertFilter selects alerts.
type AlertFilter struct {
	WatchID string
	// State is open (not acknowledged), acked, or "" for all.
	State string
	// Assignee keeps the alerts assigned to this person.
	Assignee string
	Limit    int // default 100, at most 1000
}

// MatchRequest is a stored search evaluated against new documents.
type MatchRequest struct {
	Query   string
	Filters Filters
}

// Match is a new document that matches a MatchRequest.
type Match struct {
	ID   string
	Date time.Time
	// Cluster is the key of the document's recurring matter and
	// ClusterCount its size; "" and 0 when it has none.
	Cluster      string
	ClusterCount int
}
