// Package crawl is the bulletin crawler: it fetches news and government
// pages with colly, politely (robots.txt, per-site rate and parallelism
// limits, timeouts, size caps, bounded retries and redirects), extracts
// bulletins from article pages it has never seen the layout of, and emits
// each new or changed article once.
//
// The crawl state (seen URLs, ETag and Last-Modified validators, content
// hashes and the frontier) is a bbolt file, so that a second run sends
// conditional requests and emits only what changed, a killed run resumes
// where it stopped, and memory stays flat however large the site.
package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/time/rate"

	"github.com/xinfang/xinfang"
)

// Sink receives the bulletins of a crawl. Emit is called from several
// goroutines at once. An error stops the crawl; the page is fetched and
// emitted again by the next run.
type Sink interface {
	Emit(ctx context.Context, b xinfang.Bulletin) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, b xinfang.Bulletin) error

// Emit calls f.
func (f SinkFunc) Emit(ctx context.Context, b xinfang.Bulletin) error { return f(ctx, b) }

// PageError is a page that could not be fetched or extracted.
type PageError struct {
	URL    string
	Status int // HTTP status, 0 when there was no answer
	Err    error
}

// Error returns "URL: cause".
func (e PageError) Error() string { return e.URL + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e PageError) Unwrap() error { return e.Err }

// maxPageErrors bounds Stats.Errors; Stats.Failed counts all of them.
const maxPageErrors = 100

// Stats counts what a run did.
type Stats struct {
	Resumed     bool // the run continued one that had been interrupted
	Requests    int  // HTTP requests, retries included
	Fetched     int  // pages answered 200
	Articles    int  // pages extracted as articles
	Emitted     int  // bulletins emitted
	NotModified int  // pages answered 304
	Unchanged   int  // articles whose content hash had not changed
	Duplicates  int  // articles whose content another URL already has
	Disallowed  int  // URLs blocked by robots.txt
	Redirects   int
	Retries     int
	Failed      int
	Errors      []PageError // the first failures, at most 100
}

// Crawler runs crawls of a configuration into a sink.
type Crawler struct {
	cfg      Config
	sink     Sink
	sites    []*Site
	byHost   map[string]*Site
	limiters map[*Site]*rate.Limiter
	now      func() time.Time
}

// New checks cfg and returns a crawler that emits to sink.
func New(cfg Config, sink Sink) (*Crawler, error) {
	if sink == nil {
		return nil, errors.New("crawl: new: nil sink")
	}
	cfg.Sites = append([]Site(nil), cfg.Sites...)
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	c := &Crawler{cfg: cfg, sink: sink, byHost: map[string]*Site{}, limiters: map[*Site]*rate.Limiter{}, now: time.Now}
	for i := range c.cfg.Sites {
		s := &c.cfg.Sites[i]
		c.sites = append(c.sites, s)
		for _, d := range s.AllowedDomains {
			c.byHost[d] = s
		}
		lim := rate.Inf
		if s.Rate > 0 {
			lim = rate.Limit(s.Rate)
		}
		c.limiters[s] = rate.NewLimiter(lim, 1)
	}
	return c, nil
}

// run is the state of one Run call.
type run struct {
	*Crawler
	ctx   context.Context
	store *store
	coll  *colly.Collector

	// hashLocks serialise the pages of one content hash (by its first
	// byte) from the duplicate check to the record.
	hashLocks [256]sync.Mutex

	mu     sync.Mutex
	stats  Stats
	fatal  error
	buf    map[string][]popped // by site: items popped from the store, not yet handed out
	active int                 // items being processed
	wake   *sync.Cond
	done   bool
}

type popped struct {
	key uint64
	it  item
}

// Run crawls every site once: seeds, then the links found, within the
// limits. Runs of one Crawler, or of two on the same StateDir, must not
// overlap (the second fails to open the state). It returns an error only when the crawl could not go on (the
// state store failed, the sink failed, ctx was cancelled); page failures are
// counted in Stats. A run that was interrupted resumes with its frontier.
func (c *Crawler) Run(ctx context.Context) (Stats, error) {
	st, err := openStore(filepath.Join(c.cfg.StateDir, "state.db"), c.cfg.NoSync)
	if err != nil {
		return Stats{}, err
	}
	defer st.close()
	r := &run{Crawler: c, ctx: ctx, store: st, buf: map[string][]popped{}}
	r.wake = sync.NewCond(&r.mu)
	if r.stats.Resumed, err = st.beginRun(); err != nil {
		return Stats{}, err
	}
	tr := newTransport(c.cfg.MaxBodyBytes, c.cfg.Timeout)
	tr.onRobots = c.crawlDelay
	defer tr.base.(*http.Transport).CloseIdleConnections()
	r.coll = c.collector(ctx, tr)

	var seeds []item
	for _, s := range c.sites {
		for _, raw := range s.Seeds {
			u, err := Canonical(raw)
			if err != nil {
				return Stats{}, err
			}
			seeds = append(seeds, item{Site: s.Name, URL: u})
		}
	}
	if _, err := st.enqueue(seeds); err != nil {
		return Stats{}, err
	}

	stop := context.AfterFunc(ctx, func() {
		r.mu.Lock()
		r.wake.Broadcast()
		r.mu.Unlock()
	})
	defer stop()
	if c.cfg.Progress != nil {
		stopProgress := make(chan struct{})
		progressDone := make(chan struct{})
		go func() {
			defer close(progressDone)
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-stopProgress:
					return
				case <-tick.C:
					r.mu.Lock()
					s := r.stats
					s.Errors = nil
					r.mu.Unlock()
					c.cfg.Progress(s)
				}
			}
		}()
		defer func() {
			close(stopProgress)
			<-progressDone
		}()
	}
	var wg sync.WaitGroup
	for _, s := range c.sites {
		for range min(s.Parallelism, 32) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r.work(s)
			}()
		}
	}
	wg.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fatal != nil {
		return r.stats, r.fatal
	}
	if err := ctx.Err(); err != nil {
		return r.stats, err
	}
	return r.stats, st.endRun()
}

func (r *run) count(f func(*Stats)) {
	r.mu.Lock()
	f(&r.stats)
	r.mu.Unlock()
}

func (r *run) fail(url string, status int, err error) {
	r.cfg.Logger.Warn("crawl: page failed", "url", url, "status", status, "err", err)
	r.count(func(s *Stats) {
		s.Failed++
		if len(s.Errors) < maxPageErrors {
			s.Errors = append(s.Errors, PageError{URL: url, Status: status, Err: err})
		}
	})
}

// Schedule runs a crawl of cfg into sink every interval until ctx is
// cancelled, starting at once. Failed runs are logged to cfg.Logger and
// retried at the next tick. It returns nil when ctx is cancelled and an
// error only for an invalid configuration.
func Schedule(ctx context.Context, cfg Config, interval time.Duration, sink Sink) error {
	if interval <= 0 {
		return fmt.Errorf("crawl: schedule: interval %v is not positive", interval)
	}
	c, err := New(cfg, sink)
	if err != nil {
		return err
	}
	log := c.cfg.Logger
	for {
		start := time.Now()
		stats, err := c.Run(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			log.Error("crawl: scheduled run failed", "err", err)
		} else {
			log.Info("crawl: scheduled run done", "emitted", stats.Emitted, "fetched", stats.Fetched,
				"not_modified", stats.NotModified, "failed", stats.Failed, "took", time.Since(start).Round(time.Millisecond))
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}
