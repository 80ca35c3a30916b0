package watch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/xinfang/xinfang"
)

// Index is what the watches call on the search index.
type Index interface {
	// Match returns, per request, the documents among ids that match it.
	Match(ctx context.Context, reqs []xinfang.MatchRequest, ids []string) ([][]xinfang.Match, []error, error)
	// CountMatches counts the documents Search finds.
	CountMatches(ctx context.Context, query string, f xinfang.Filters) (int, error)
	Trends(ctx context.Context, req xinfang.TrendRequest) (xinfang.TrendResult, error)
	Get(ctx context.Context, id string) (xinfang.Document, error)
}

// Options configure a Service. The zero value is usable.
type Options struct {
	// Client sends the webhooks (default: a client with a 10s timeout).
	Client *http.Client
	// RetryMin and RetryMax bound the backoff between deliveries of one
	// alert (defaults 1s and 5m); it is retried until a 2xx.
	RetryMin, RetryMax time.Duration
	// Senders is the number of deliveries in flight at once (default 8).
	Senders int
	// Logger receives failed deliveries and watches that cannot be
	// evaluated; nil discards.
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if o.RetryMin <= 0 {
		o.RetryMin = time.Second
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = max(5*time.Minute, o.RetryMin)
	}
	if o.Senders <= 0 {
		o.Senders = 8
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Service holds the watches and alerts of one data directory. It is safe
// for concurrent use.
type Service struct {
	db   *db
	idx  Index
	opts Options

	mu      sync.RWMutex
	watches []storedWatch // cache of the bucket, oldest first

	wake chan struct{} // a delivery is due
}

// Open opens (or creates) the watch database in dir.
func Open(dir string, idx Index, opts Options) (*Service, error) {
	d, err := openDB(dir)
	if err != nil {
		return nil, err
	}
	ws, err := d.loadWatches()
	if err != nil {
		d.close()
		return nil, err
	}
	return &Service{db: d, idx: idx, opts: opts.withDefaults(), watches: ws, wake: make(chan struct{}, 1)}, nil
}

// Close closes the database. Run must have returned.
func (s *Service) Close() error {
	if err := s.db.close(); err != nil {
		return fmt.Errorf("watch: close: %w", err)
	}
	return nil
}

// Create stores a new watch whose filters, given by parameter name, parse
// to f, and returns it with its id.
func (s *Service) Create(ctx context.Context, w xinfang.Watch, f xinfang.Filters) (xinfang.Watch, error) {
	if err := validate(&w); err != nil {
		return xinfang.Watch{}, err
	}
	if w.Filters == nil {
		w.Filters = map[string][]string{}
	}
	w.Created = s.opts.Now().In(cst)
	err := s.db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWatches)
		id, err := newID(b, "w")
		if err != nil {
			return err
		}
		w.ID = id
		return put(b, id, storedWatch{Watch: w, Filters: f})
	})
	if err != nil {
		return xinfang.Watch{}, fmt.Errorf("watch: create: %w", err)
	}
	s.mu.Lock()
	s.watches = append(s.watches, storedWatch{Watch: w, Filters: f})
	s.mu.Unlock()
	return public(w), nil
}

// public is w without its webhook's secret.
func public(w xinfang.Watch) xinfang.Watch {
	if w.Webhook != nil {
		w.Webhook = &xinfang.Webhook{URL: w.Webhook.URL}
	}
	return w
}

// Watches returns every watch, oldest first, without secrets.
func (s *Service) Watches(ctx context.Context) ([]xinfang.Watch, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]xinfang.Watch, len(s.watches))
	for i, w := range s.watches {
		out[i] = public(w.Watch)
	}
	return out, nil
}

// Watch returns one watch without its secret; ENOTFOUND when unknown.
func (s *Service) Watch(ctx context.Context, id string) (xinfang.Watch, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, w := range s.watches {
		if w.Watch.ID == id {
			return public(w.Watch), nil
		}
	}
	return xinfang.Watch{}, notFound("watch", id)
}

func notFound(what, id string) error {
	if len(id) > 40 || !utf8.ValidString(id) {
		return xinfang.Errorf(xinfang.ENOTFOUND, "no such %s", what)
	}
	return xinfang.Errorf(xinfang.ENOTFOUND, "no %s with id %q", what, id)
}

// Delete removes a watch. Its alerts stay in the inbox; those not yet
// delivered are cancelled.
func (s *Service) Delete(ctx context.Context, id string) error {
	now := s.opts.Now()
	found := false
	err := s.db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWatches)
		if b.Get([]byte(id)) == nil {
			return nil
		}
		found = true
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		fc := tx.Bucket(bucketFired).Cursor()
		prefix := firedKey(id, "")
		for k, _ := fc.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = fc.Seek(prefix) {
			if err := fc.Delete(); err != nil {
				return err
			}
		}
		out, alerts := tx.Bucket(bucketOutbox), tx.Bucket(bucketAlerts)
		var cancel []string
		err := out.ForEach(func(k, v []byte) error {
			var d delivery
			if _, err := get(out, string(k), &d); err != nil {
				return err
			}
			if d.WatchID == id {
				cancel = append(cancel, d.AlertID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, aid := range cancel {
			if err := out.Delete([]byte(aid)); err != nil {
				return err
			}
			var a xinfang.Alert
			if ok, err := get(alerts, aid, &a); err != nil || !ok {
				continue
			}
			a.Delivery = deliveryCancelled
			a.LastError = fmt.Sprintf("watch deleted at %s", now.In(cst).Format(time.RFC3339))
			if err := put(alerts, aid, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("watch: delete %s: %w", id, err)
	}
	if !found {
		return notFound("watch", id)
	}
	s.mu.Lock()
	s.watches = slices.DeleteFunc(s.watches, func(w storedWatch) bool { return w.Watch.ID == id })
	s.mu.Unlock()
	return nil
}

// Delivery states of an alert.
const (
	deliveryNone      = "none"
	deliveryPending   = "pending"
	deliveryDelivered = "delivered"
	deliveryCancelled = "cancelled"
)

// Alerts returns the alerts that pass f, newest first.
func (s *Service) Alerts(ctx context.Context, f xinfang.AlertFilter) ([]xinfang.Alert, error) {
	switch f.State {
	case "", "open", "acked":
	default:
		return nil, xinfang.FieldError("state", "unknown value %q (want open or acked)", f.State)
	}
	switch {
	case f.Limit == 0:
		f.Limit = 100
	case f.Limit < 0 || f.Limit > 1000:
		return nil, xinfang.FieldError("limit", "must be between 1 and 1000, not %d", f.Limit)
	}
	out := []xinfang.Alert{}
	err := s.db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAlerts).Cursor()
		for k, _ := c.Last(); k != nil && len(out) < f.Limit; k, _ = c.Prev() {
			var a xinfang.Alert
			if _, err := get(tx.Bucket(bucketAlerts), string(k), &a); err != nil {
				return err
			}
			switch {
			case f.WatchID != "" && a.WatchID != f.WatchID,
				f.State == "open" && a.AckedAt != nil,
				f.State == "acked" && a.AckedAt == nil,
				f.Assignee != "" && a.Assignee != f.Assignee:
				continue
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("watch: alerts: %w", err)
	}
	return out, nil
}

// Alert returns one alert; ENOTFOUND when unknown.
func (s *Service) Alert(ctx context.Context, id string) (xinfang.Alert, error) {
	var a xinfang.Alert
	var found bool
	err := s.db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		found, err = get(tx.Bucket(bucketAlerts), id, &a)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("watch: alert %s: %w", id, err)
	}
	if !found {
		return a, notFound("alert", id)
	}
	return a, nil
}

// maxPersonRunes bounds who acknowledges and who is assigned.
const maxPersonRunes = 50

func checkPerson(field, v string) (string, error) {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > maxPersonRunes {
		return "", xinfang.FieldError(field, "is longer than %d characters", maxPersonRunes)
	}
	return v, nil
}

// Ack marks an alert acknowledged by by (may be empty); acknowledging
// twice keeps the first time.
func (s *Service) Ack(ctx context.Context, id, by string) (xinfang.Alert, error) {
	by, err := checkPerson("by", by)
	if err != nil {
		return xinfang.Alert{}, err
	}
	return s.updateAlert(id, func(a *xinfang.Alert) {
		if a.AckedAt == nil {
			now := s.opts.Now().In(cst)
			a.AckedAt, a.AckedBy = &now, by
		}
	})
}

// Assign gives an alert to assignee (required).
func (s *Service) Assign(ctx context.Context, id, assignee string) (xinfang.Alert, error) {
	assignee, err := checkPerson("assignee", assignee)
	if err != nil {
		return xinfang.Alert{}, err
	}
	if assignee == "" {
		return xinfang.Alert{}, xinfang.FieldError("assignee", "is required")
	}
	return s.updateAlert(id, func(a *xinfang.Alert) {
		now := s.opts.Now().In(cst)
		a.Assignee, a.AssignedAt = assignee, &now
	})
}

func (s *Service) updateAlert(id string, f func(a *xinfang.Alert)) (xinfang.Alert, error) {
	var a xinfang.Alert
	var found bool
	err := s.db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAlerts)
		var err error
		if found, err = get(b, id, &a); err != nil || !found {
			return err
		}
		f(&a)
		return put(b, id, a)
	})
	if err != nil {
		return a, fmt.Errorf("watch: alert %s: %w", id, err)
	}
	if !found {
		return a, notFound("alert", id)
	}
	return a, nil
}
