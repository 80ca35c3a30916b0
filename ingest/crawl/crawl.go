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
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
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

// maxCrawlDelay bounds the Crawl-delay of a robots.txt that the crawler
// honours.
const maxCrawlDelay = 30 * time.Second

// crawlDelay lowers the request rate of a site to the Crawl-delay that its
// robots.txt asks of this crawler, if that is slower than configured.
func (c *Crawler) crawlDelay(u *url.URL, body []byte) {
	site := c.byHost[strings.ToLower(u.Hostname())]
	if site == nil {
		return
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		return // colly decides what an unreadable robots.txt allows
	}
	g := data.FindGroup(c.cfg.UserAgent)
	if g == nil || g.CrawlDelay <= 0 {
		return
	}
	d := min(g.CrawlDelay, maxCrawlDelay)
	lim := c.limiters[site]
	if r := rate.Every(d); r < lim.Limit() {
		lim.SetLimit(r)
		c.cfg.Logger.Info("crawl: robots.txt Crawl-delay", "site", site.Name, "host", u.Host, "delay", d)
	}
}

// collector sets colly up for fetching only: the crawler's own loop decides
// what to fetch, from its on-disk frontier, so colly's in-memory visited set
// and request queue are not used (AllowURLRevisit), and redirects come back
// as responses to be queued like links.
func (c *Crawler) collector(ctx context.Context, tr *transport) *colly.Collector {
	var domains []string
	for d := range c.byHost {
		domains = append(domains, d)
	}
	coll := colly.NewCollector(
		colly.UserAgent(c.cfg.UserAgent),
		colly.AllowedDomains(domains...),
		colly.AllowURLRevisit(),
		colly.ParseHTTPErrorResponse(),
		colly.StdlibContext(ctx),
		// The transport enforces the cap on the decompressed body; colly's
		// own limit would count the compressed bytes.
		colly.MaxBodySize(0),
	)
	// NewCollector lets COLLY_* environment variables override the
	// options; what the crawler's safety rests on is set again here.
	coll.UserAgent = c.cfg.UserAgent
	coll.AllowedDomains = domains
	coll.AllowURLRevisit = true
	coll.ParseHTTPErrorResponse = true
	coll.MaxBodySize = 0
	coll.MaxDepth = 0
	coll.CacheDir = ""
	coll.DetectCharset = false
	coll.IgnoreRobotsTxt = false
	coll.WithTransport(tr)
	coll.SetRequestTimeout(c.cfg.Timeout)
	coll.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	for _, s := range c.sites {
		for _, d := range s.AllowedDomains {
			for _, glob := range []string{d, d + ":*"} {
				// Limit never fails for a non-empty glob.
				_ = coll.Limit(&colly.LimitRule{DomainGlob: glob, Parallelism: s.Parallelism})
			}
		}
	}
	coll.OnResponseHeaders(func(r *colly.Response) {
		// Do not download what cannot be a page: PDFs, images, archives.
		if r.StatusCode == http.StatusOK && !isHTML(r.Headers.Get("Content-Type")) {
			r.Request.Abort()
			r.Ctx.Put("nothtml", r.Headers.Get("Content-Type"))
		}
	})
	coll.OnResponse(func(r *colly.Response) { r.Ctx.Put("resp", r) })
	coll.OnError(func(r *colly.Response, err error) {
		r.Ctx.Put("resp", r)
		r.Ctx.Put("err", err)
	})
	return coll
}

// work processes frontier items until there are none left and no other
// worker can add more, or the run stops.
func (r *run) work(site *Site) {
	for {
		p, ok := r.next(site)
		if !ok {
			return
		}
		err := r.process(p)
		r.mu.Lock()
		r.active--
		if err != nil && r.fatal == nil {
			r.fatal = err
		}
		r.wake.Broadcast()
		r.mu.Unlock()
	}
}

// popBatch is how many frontier items one store transaction moves to the
// in-flight set.
const popBatch = 16

// next hands out the next URL of site. Each site has its own workers and
// frontier, so that a slow or rate-limited site does not hold up the
// others. The run is done when no URL is waiting anywhere and no worker is
// busy (a busy worker may still add URLs).
func (r *run) next(site *Site) (popped, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if r.done || r.fatal != nil || r.ctx.Err() != nil {
			return popped{}, false
		}
		buf := r.buf[site.Name]
		if len(buf) == 0 {
			keys, items, err := r.store.popN(site.Name, popBatch)
			if err != nil {
				r.fatal = err
				r.wake.Broadcast()
				return popped{}, false
			}
			for i := range keys {
				buf = append(buf, popped{keys[i], items[i]})
			}
		}
		if len(buf) > 0 {
			r.buf[site.Name] = buf[1:]
			r.active++
			return buf[0], true
		}
		if r.active == 0 && r.buffered() == 0 {
			pending, err := r.store.pending()
			if err != nil {
				r.fatal = err
				r.wake.Broadcast()
				return popped{}, false
			}
			if !pending {
				r.done = true
				r.wake.Broadcast()
				return popped{}, false
			}
		}
		r.wake.Wait()
	}
}

// buffered counts the URLs popped from the store and not handed out yet.
func (r *run) buffered() int {
	n := 0
	for _, b := range r.buf {
		n += len(b)
	}
	return n
}

// result is one HTTP exchange as colly saw it.
type result struct {
	status int
	header http.Header
	body   []byte
	err    error
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

// process fetches one URL and records what came of it. Only failures that
// stop the whole crawl are returned.
func (r *run) process(p popped) error {
	it := p.it
	site := r.byHost[hostOf(it.URL)]
	if site == nil { // a state file from another configuration
		_, err := r.store.finish(p.key, it.URL, pageState{}, nil, nil)
		return err
	}
	prev, err := r.store.state(it.URL)
	if err != nil {
		return err
	}
	res, err := r.fetch(site, it.URL, prev)
	// A redirect to the page itself sets a cookie (WAFs of government
	// portals do this): ask again, with the cookie, a few times.
	hops := it.Hops
	for ; err == nil && hops < r.cfg.MaxRedirects && isRedirect(res.status) && sameURL(it.URL, res.header.Get("Location")); hops++ {
		r.count(func(s *Stats) { s.Redirects++ })
		res, err = r.fetch(site, it.URL, prev)
	}
	if err != nil {
		return err // cancelled
	}
	upd := pageState{Status: res.status, Fetched: r.now()}
	var links []string
	var next []item
	switch {
	case res.err != nil:
		switch {
		case errors.Is(res.err, colly.ErrRobotsTxtBlocked):
			r.count(func(s *Stats) { s.Disallowed++ })
		case errors.Is(res.err, colly.ErrAbortedAfterHeaders):
			// Not HTML: nothing to extract.
		default:
			r.fail(it.URL, res.status, res.err)
		}
	case res.status == http.StatusNotModified:
		r.count(func(s *Stats) { s.NotModified++ })
		// The page is as it was: walk on through the links it had.
		if links, err = r.store.links(it.URL); err != nil {
			return err
		}
		next = r.children(site, it, links)
		links = nil
	case isRedirect(res.status):
		r.count(func(s *Stats) { s.Redirects++ })
		loc := res.header.Get("Location")
		target, err := resolve(it.URL, loc)
		switch {
		case loc == "":
			r.fail(it.URL, res.status, errors.New("redirect without a Location"))
		case err != nil:
			r.fail(it.URL, res.status, fmt.Errorf("redirect: %w", err))
		case hops >= r.cfg.MaxRedirects:
			r.fail(it.URL, res.status, fmt.Errorf("stopped after %d redirects", hops))
		case r.byHost[hostOf(target)] == nil:
			r.fail(it.URL, res.status, fmt.Errorf("redirect to %s: outside the allowed domains", target))
		default:
			next = []item{{Site: r.byHost[hostOf(target)].Name, URL: target, Depth: it.Depth, Hops: hops + 1}}
		}
	case res.status == http.StatusOK:
		r.count(func(s *Stats) { s.Fetched++ })
		upd.ETag, upd.LastModified = res.header.Get("ETag"), res.header.Get("Last-Modified")
		var b *xinfang.Bulletin
		links, b = r.page(site, it, res)
		next = r.children(site, it, links)
		if links == nil {
			links = []string{}
		}
		if b != nil {
			return r.emit(p, b, upd, links, next)
		}
	default:
		r.fail(it.URL, res.status, fmt.Errorf("HTTP %d %s", res.status, http.StatusText(res.status)))
	}
	_, err = r.store.finish(p.key, it.URL, upd, links, next)
	return err
}

// fetch requests url, retrying 5xx answers, 429 and network timeouts with
// exponential backoff. The returned error is the context's, only.
func (r *run) fetch(site *Site, u string, prev pageState) (result, error) {
	for attempt := 0; ; attempt++ {
		if err := r.limiters[site].Wait(r.ctx); err != nil {
			return result{}, err
		}
		hdr := http.Header{}
		hdr.Set("User-Agent", r.cfg.UserAgent)
		hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
		hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
		if prev.ETag != "" {
			hdr.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			hdr.Set("If-Modified-Since", prev.LastModified)
		}
		r.count(func(s *Stats) { s.Requests++ })
		res := r.do(u, hdr)
		if err := r.ctx.Err(); err != nil {
			return result{}, err
		}
		if attempt >= r.cfg.Retries || !retryable(res) {
			return res, nil
		}
		r.count(func(s *Stats) { s.Retries++ })
		wait := backoff(r.cfg.RetryBase, attempt)
		if ra := retryAfter(res.header); ra > 0 && ra < time.Minute {
			wait = max(wait, ra)
		}
		t := time.NewTimer(wait)
		select {
		case <-r.ctx.Done():
			t.Stop()
			return result{}, r.ctx.Err()
		case <-t.C:
		}
	}
}

// do makes one request through colly and collects what its callbacks saw.
func (r *run) do(u string, hdr http.Header) result {
	cctx := colly.NewContext()
	err := r.coll.Request(http.MethodGet, u, nil, cctx, hdr)
	var res result
	if resp, ok := cctx.GetAny("resp").(*colly.Response); ok && resp != nil {
		res.status = resp.StatusCode
		if resp.Headers != nil {
			res.header = *resp.Headers
		}
		res.body = resp.Body
	}
	if e, ok := cctx.GetAny("err").(error); ok && e != nil {
		res.err = e
	} else if err != nil {
		res.err = err
	}
	if ct, ok := cctx.GetAny("nothtml").(string); ok {
		res.err = fmt.Errorf("%w: not HTML (%s)", colly.ErrAbortedAfterHeaders, ct)
	}
	if res.header == nil {
		res.header = http.Header{}
	}
	return res
}

func retryable(res result) bool {
	if res.err == nil {
		return res.status >= 500 || res.status == http.StatusTooManyRequests
	}
	if errors.Is(res.err, ErrBodyTooLarge) || errors.Is(res.err, colly.ErrRobotsTxtBlocked) ||
		errors.Is(res.err, colly.ErrForbiddenDomain) || errors.Is(res.err, colly.ErrAbortedAfterHeaders) {
		return false
	}
	var ne net.Error
	if errors.As(res.err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(res.err, context.DeadlineExceeded) || errors.Is(res.err, syscall.ECONNRESET) ||
		errors.Is(res.err, syscall.ECONNREFUSED) || errors.Is(res.err, syscall.EPIPE) ||
		strings.Contains(res.err.Error(), "unexpected EOF")
}

// backoff is base·2^attempt with up to 50% random jitter, at most 30s.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 10)
	d += time.Duration(rand.Int64N(int64(d)/2 + 1))
	return min(d, 30*time.Second)
}

func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// page handles a 200 answer: it finds the links and, on an article page,
// extracts the bulletin. It returns the links and the bulletin with its
// content hash (nil for other pages).
func (r *run) page(site *Site, it item, res result) ([]string, *xinfang.Bulletin) {
	pageURL, _ := url.Parse(it.URL)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(res.body))
	if err != nil {
		r.fail(it.URL, res.status, fmt.Errorf("parse HTML: %w", err))
		return nil, nil
	}
	links := r.links(site, doc, pageURL)
	if site.articleRe != nil && !site.articleRe.MatchString(it.URL) {
		return links, nil
	}
	b, err := parseArticle(doc, pageURL, site.Selectors)
	if err != nil {
		if site.articleRe != nil {
			r.fail(it.URL, res.status, err)
		}
		return links, nil
	}
	b.FetchedAt = r.now().In(cst).Truncate(time.Second)
	if err := b.Validate(); err != nil {
		r.fail(it.URL, res.status, fmt.Errorf("extracted bulletin: %w", err))
		return links, nil
	}
	r.count(func(s *Stats) { s.Articles++ })
	return links, &b
}

// emit sends b to the sink unless the page had the same content last time
// or another URL has it, and records the outcome with finish. Pages with the
// same content hash are serialised from the check to the record, so that
// two URLs of one article cannot both be emitted.
func (r *run) emit(p popped, b *xinfang.Bulletin, upd pageState, links []string, next []item) error {
	hash := contentHash(*b)
	mu := &r.hashLocks[hash[0]]
	mu.Lock()
	defer mu.Unlock()
	unchanged, owner, err := r.store.check(p.it.URL, hash)
	if err != nil {
		return err
	}
	switch {
	case unchanged:
		r.count(func(s *Stats) { s.Unchanged++ })
		upd.Hash = hash
	case owner != "":
		r.count(func(s *Stats) { s.Duplicates++ })
		r.cfg.Logger.Debug("crawl: duplicate article", "url", p.it.URL, "same_as", owner)
	default:
		if err := r.sink.Emit(r.ctx, *b); err != nil {
			return fmt.Errorf("crawl: emit %s: %w", p.it.URL, err)
		}
		r.count(func(s *Stats) { s.Emitted++ })
		upd.Hash = hash
	}
	_, err = r.store.finish(p.key, p.it.URL, upd, links, next)
	return err
}

// contentHash identifies an article's content, whatever URL it came from.
func contentHash(b xinfang.Bulletin) string {
	h := sha256.New()
	for _, s := range []string{b.Title, b.PublishedAt.UTC().Format(time.RFC3339), b.Source, b.Content} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// skipExt are file types that are never pages.
var skipExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".wps": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true,
	".svg": true, ".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tar": true, ".mp3": true,
	".mp4": true, ".avi": true, ".flv": true, ".wmv": true, ".mov": true, ".exe": true, ".apk": true,
	".css": true, ".js": true, ".xml": true, ".json": true, ".txt": true, ".ofd": true, ".et": true,
}

// links returns the canonical URLs of the page's links that belong to its
// site and, if the site has URL patterns, match one.
func (r *run) links(site *Site, doc *goquery.Document, pageURL *url.URL) []string {
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			base = b
		}
	}
	seen := map[string]bool{}
	var out []string
	doc.Find("a[href],area[href],frame[src],iframe[src],meta[http-equiv]").Each(func(_ int, a *goquery.Selection) {
		var href string
		switch goquery.NodeName(a) {
		case "frame", "iframe": // old portals are framesets
			href, _ = a.Attr("src")
		case "meta": // <meta http-equiv="refresh" content="0;url=index.shtml">
			if v, _ := a.Attr("http-equiv"); !strings.EqualFold(strings.TrimSpace(v), "refresh") {
				return
			}
			content, _ := a.Attr("content")
			href = refreshURL(content)
		default:
			href, _ = a.Attr("href")
		}
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return
		}
		u, err := base.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		if skipExt[strings.ToLower(path.Ext(u.Path))] {
			return
		}
		c, err := canonicalURL(u)
		if err != nil || seen[c] {
			return
		}
		if r.byHost[hostOf(c)] != site {
			return
		}
		if (site.listRe != nil || site.articleRe != nil) &&
			!(site.listRe != nil && site.listRe.MatchString(c)) && !(site.articleRe != nil && site.articleRe.MatchString(c)) {
			return
		}
		seen[c] = true
		out = append(out, c)
	})
	return out
}

// refreshURL returns the URL of a meta refresh ("5; url=/next.html").
func refreshURL(content string) string {
	_, after, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	after = strings.TrimSpace(after)
	if len(after) < 4 || !strings.EqualFold(after[:3], "url") {
		return ""
	}
	after = strings.TrimSpace(after[3:])
	after, ok = strings.CutPrefix(after, "=")
	if !ok {
		return ""
	}
	return strings.Trim(strings.TrimSpace(after), `"'`)
}

// children are the frontier items for the links of it, within the depth
// limit.
func (r *run) children(site *Site, it item, links []string) []item {
	if site.MaxDepth > 0 && it.Depth+1 > site.MaxDepth {
		return nil
	}
	out := make([]item, 0, len(links))
	for _, l := range links {
		if r.byHost[hostOf(l)] == site {
			out = append(out, item{Site: site.Name, URL: l, Depth: it.Depth + 1})
		}
	}
	return out
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// sameURL reports whether the redirect target ref is canonical itself.
func sameURL(canonical, ref string) bool {
	if ref == "" {
		return false
	}
	t, err := resolve(canonical, ref)
	return err == nil && t == canonical
}

func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u, err := b.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", err
	}
	return canonicalURL(u)
}

func hostOf(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
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
