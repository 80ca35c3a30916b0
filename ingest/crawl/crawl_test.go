package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/time/rate"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
)

// testSite serves fixtures.Site plus the trap pages the front page links
// to, gzip-compressed when asked, and counts requests per path.
type testSite struct {
	*httptest.Server
	mu      sync.Mutex
	hits    map[string]int
	overlay map[string]string // path → replacement page (UTF-8)
}

const (
	testMaxBody = 256 << 10
	testTimeout = 500 * time.Millisecond
	testRetries = 2
)

var (
	bombOnce sync.Once
	bomb     []byte
)

// gzipBomb is a small gzip stream that inflates to 64 MiB: one member
// holding 1 MiB of zeros, repeated (gzip readers read concatenated members
// as one stream), so that it is cheap to make even under the race detector.
func gzipBomb() []byte {
	bombOnce.Do(func() { bomb = makeBomb(64) })
	return bomb
}

func makeBomb(mib int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), mib)
}

func newTestSite(t testing.TB) *testSite {
	ts := &testSite{hits: map[string]int{}, overlay: map[string]string{}}
	static := fixtures.SiteHandler()
	gzipBomb()
	mux := http.NewServeMux()
	mux.HandleFunc("/trap/slow.html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * testTimeout):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/trap/loop-a.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/trap/loop-b.html", http.StatusFound)
	})
	mux.HandleFunc("/trap/loop-b.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/trap/loop-a.html?utm_source=loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/trap/waf.html", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("waf"); err != nil || c.Value != "ok" {
			http.SetCookie(w, &http.Cookie{Name: "waf", Value: "ok", Path: "/"})
			http.Redirect(w, r, "/trap/waf.html", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>网上信访大厅</title></head><body><a href="/xam/zwdt/index.html">政务动态</a></body></html>`)
	})
	mux.HandleFunc("/trap/big.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		line := []byte("<p>" + strings.Repeat("超大页面", 100) + "</p>\n")
		for written := 0; written < 4*testMaxBody; written += len(line) {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/trap/bomb.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb())
	})
	mux.HandleFunc("/trap/error.html", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "服务器内部错误", http.StatusInternalServerError)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		page, ok := ts.overlay[r.URL.Path]
		ts.mu.Unlock()
		if ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("ETag", fmt.Sprintf(`"o%x"`, len(page)))
			if r.Header.Get("If-None-Match") == w.Header().Get("ETag") {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write([]byte(page))
			return
		}
		static.ServeHTTP(w, r)
	})
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		ts.hits[r.URL.Path]++
		ts.mu.Unlock()
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && strings.HasPrefix(r.URL.Path, "/fzrb/") {
			gzipHandler(mux).ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// gzipHandler compresses the answers of h.
func gzipHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		if rec.Code != http.StatusOK {
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(rec.Body.Bytes())
		zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(buf.Bytes())
	})
}

func (ts *testSite) hitCount(path string) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.hits[path]
}

func (ts *testSite) resetHits() {
	ts.mu.Lock()
	ts.hits = map[string]int{}
	ts.mu.Unlock()
}

// collect is a Sink that keeps what it gets.
type collect struct {
	mu sync.Mutex
	bs []xinfang.Bulletin
}

func (c *collect) Emit(_ context.Context, b xinfang.Bulletin) error {
	c.mu.Lock()
	c.bs = append(c.bs, b)
	c.mu.Unlock()
	return nil
}

func (c *collect) take() []xinfang.Bulletin {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.bs
	c.bs = nil
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

func testConfig(ts *testSite, stateDir string) Config {
	return Config{
		Sites: []Site{{
			Name:        "fixture",
			Seeds:       []string{ts.URL + "/index.html"},
			Rate:        -1,
			Parallelism: 4,
		}},
		StateDir:     stateDir,
		Timeout:      testTimeout,
		MaxBodyBytes: testMaxBody,
		Retries:      testRetries,
		RetryBase:    5 * time.Millisecond,
	}
}

func runCrawl(t *testing.T, cfg Config, sink Sink) Stats {
	t.Helper()
	c, err := New(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stats, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("Run: %v (stats %+v)", err, stats)
	}
	return stats
}

// wantArticles are the goldens of the distinct articles of the fixture site,
// by path; the share/ copy of content_8876543 is a duplicate.
func wantArticles(t *testing.T, base string) map[string]xinfang.Bulletin {
	t.Helper()
	want := map[string]xinfang.Bulletin{}
	for _, p := range fixtureArticles {
		if strings.HasPrefix(p, "/fzrb/share/") {
			continue
		}
		data, err := os.ReadFile(goldenName(p))
		if err != nil {
			t.Fatal(err)
		}
		b, err := xinfang.DecodeBulletin(data)
		if err != nil {
			t.Fatal(err)
		}
		b.URL = base + p
		b.ID = ID(b.URL)
		want[p] = b
	}
	return want
}

func TestCrawlFixtureSite(t *testing.T) {
	ts := newTestSite(t)
	cfg := testConfig(ts, t.TempDir())
	sink := &collect{}

	start := time.Now()
	stats := runCrawl(t, cfg, sink)
	got := sink.take()
	t.Logf("first run in %v: %+v", time.Since(start), stats)

	// Every article exactly once, extracted as in the goldens.
	want := wantArticles(t, ts.URL)
	byTitle := map[string]int{}
	for _, b := range got {
		byTitle[b.Title]++
		if b.FetchedAt.IsZero() || b.FetchedAt.After(time.Now()) {
			t.Errorf("%s: fetched_at %v", b.URL, b.FetchedAt)
		}
		if _, off := b.FetchedAt.Zone(); off != 8*3600 {
			t.Errorf("%s: fetched_at %v is not in +08:00", b.URL, b.FetchedAt)
		}
	}
	for title, n := range byTitle {
		if n != 1 {
			t.Errorf("article %q emitted %d times, want once", title, n)
		}
	}
	var wantList []xinfang.Bulletin
	for _, b := range want {
		wantList = append(wantList, b)
	}
	sort.Slice(wantList, func(i, j int) bool { return wantList[i].URL < wantList[j].URL })
	// The duplicate is emitted under whichever URL was crawled first.
	for i := range got {
		if strings.Contains(got[i].URL, "/fzrb/share/") {
			got[i].URL = strings.Replace(got[i].URL, "/fzrb/share/", "/fzrb/content/2023-07/03/", 1)
			got[i].ID = ID(got[i].URL)
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].URL < got[j].URL })
	if diff := cmp.Diff(wantList, got, cmpopts.IgnoreFields(xinfang.Bulletin{}, "FetchedAt")); diff != "" {
		t.Errorf("first run bulletins mismatch (-want +got):\n%s", diff)
	}
	if stats.Duplicates != 1 {
		t.Errorf("Duplicates = %d, want 1 (fzrb/share copy)", stats.Duplicates)
	}

	// Politeness and safety.
	for path, want := range map[string]int{
		"/robots.txt":                      1,
		"/xfj/internal/index.html":         0, // disallowed by robots.txt
		"/admin/login.html":                0,
		"/trap/missing.html":               1, // 404: not retried
		"/trap/error.html":                 testRetries + 1,
		"/trap/slow.html":                  testRetries + 1,
		"/trap/big.html":                   1,
		"/trap/bomb.html":                  1,
		"/trap/loop-a.html":                1, // the loop is cut at the second visit
		"/trap/loop-b.html":                1,
		"/xfj/gzdt/index.html":             1,
		"/xam/index.html":                  1,
		"/fzrb/share/content_8876543.html": 1,
	} {
		if got := ts.hitCount(path); got != want {
			t.Errorf("requests to %s = %d, want %d", path, got, want)
		}
	}
	if stats.Disallowed < 2 {
		t.Errorf("Disallowed = %d, want ≥ 2", stats.Disallowed)
	}
	failed := map[string]error{}
	for _, e := range stats.Errors {
		failed[strings.TrimPrefix(e.URL, ts.URL)] = e.Err
	}
	for path, check := range map[string]func(error) bool{
		"/trap/big.html":     func(err error) bool { return errors.Is(err, ErrBodyTooLarge) },
		"/trap/bomb.html":    func(err error) bool { return errors.Is(err, ErrBodyTooLarge) },
		"/trap/missing.html": func(err error) bool { return err != nil && strings.Contains(err.Error(), "404") },
		"/trap/error.html":   func(err error) bool { return err != nil && strings.Contains(err.Error(), "500") },
		"/trap/slow.html":    func(err error) bool { return err != nil },
	} {
		if err := failed[path]; !check(err) {
			t.Errorf("failure of %s = %v, not the expected kind", path, err)
		}
	}

	// Second run: conditional requests, nothing new.
	ts.resetHits()
	stats = runCrawl(t, cfg, sink)
	if got := sink.take(); len(got) != 0 {
		t.Errorf("second run emitted %d bulletins, want 0: %v", len(got), titles(got))
	}
	if stats.NotModified < len(want) {
		t.Errorf("second run: NotModified = %d, want ≥ %d (stats %+v)", stats.NotModified, len(want), stats)
	}
	if n := ts.hitCount("/xam/zwdt/202401/t20240112_088.html"); n != 1 {
		t.Errorf("second run: requests to an article behind 304 list pages = %d, want 1", n)
	}

	// A changed page is emitted again, alone.
	changedPath := "/xfj/gzdt/202312/t20231215_2298810.html"
	doc, _, _ := fixturePage(t, changedPath)
	html, _ := doc.Html()
	html = strings.Replace(html, "目前已为326名农民工追回工资款919730元", "目前已为412名农民工追回工资款1236500元", 1)
	ts.mu.Lock()
	ts.overlay[changedPath] = html
	ts.mu.Unlock()
	stats = runCrawl(t, cfg, sink)
	got = sink.take()
	if len(got) != 1 || got[0].URL != ts.URL+changedPath || !strings.Contains(got[0].Content, "412名农民工") {
		t.Fatalf("third run emitted %v, want only the changed %s (stats %+v)", titles(got), changedPath, stats)
	}
	if got[0].ID != want[changedPath].ID {
		t.Errorf("changed page id = %s, want the same id %s", got[0].ID, want[changedPath].ID)
	}
}

func titles(bs []xinfang.Bulletin) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.URL+" "+b.Title)
	}
	return out
}

// TestCrawlResume kills a crawl (cancels it) after a few bulletins and
// checks that the next run resumes it: every article is emitted exactly once
// over the two runs.
func TestCrawlResume(t *testing.T) {
	ts := newTestSite(t)
	cfg := testConfig(ts, t.TempDir())
	cfg.Sites[0].Parallelism = 2
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := &collect{}
	var n atomic.Int32
	c, err := New(cfg, SinkFunc(func(ctx context.Context, b xinfang.Bulletin) error {
		first.Emit(ctx, b)
		if n.Add(1) == 3 {
			cancel()
		}
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Run = %v, want context.Canceled", err)
	}
	second := &collect{}
	stats := runCrawl(t, cfg, second)
	if !stats.Resumed {
		t.Errorf("second run did not resume the first")
	}
	seen := map[string]int{}
	for _, b := range append(first.take(), second.take()...) {
		seen[b.Title]++
	}
	if len(seen) != 11 {
		t.Errorf("emitted %d distinct articles over both runs, want 11: %v", len(seen), seen)
	}
	for title, k := range seen {
		if k != 1 {
			t.Errorf("article %q emitted %d times over both runs, want once", title, k)
		}
	}
}

// TestCrawlSinkFailure checks that a failing sink stops the crawl and that
// the article is emitted by the next run.
func TestCrawlSinkFailure(t *testing.T) {
	ts := newTestSite(t)
	cfg := testConfig(ts, t.TempDir())
	broken := errors.New("kafka unavailable")
	c, err := New(cfg, SinkFunc(func(context.Context, xinfang.Bulletin) error { return broken }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background()); !errors.Is(err, broken) {
		t.Fatalf("Run with a failing sink = %v, want %v", err, broken)
	}
	sink := &collect{}
	runCrawl(t, cfg, sink)
	if got := sink.take(); len(got) != 11 {
		t.Errorf("run after the failure emitted %d bulletins, want 11", len(got))
	}
}

// TestCrawlSiteConfig crawls one section with URL patterns and selectors.
func TestCrawlSiteConfig(t *testing.T) {
	ts := newTestSite(t)
	cfg := testConfig(ts, t.TempDir())
	cfg.Sites[0].Seeds = []string{ts.URL + "/xfj/gzdt/index.html"}
	cfg.Sites[0].ListPattern = `/xfj/gzdt/index(_\d+)?\.html$`
	cfg.Sites[0].ArticlePattern = `/xfj/gzdt/\d{6}/t\d{8}_\d+\.html$`
	cfg.Sites[0].Selectors = Selectors{Title: "h1.xl_title", Time: ".xl_info", Source: ".xl_info", Body: "#zoom"}
	sink := &collect{}
	stats := runCrawl(t, cfg, sink)
	got := sink.take()
	want := wantArticles(t, ts.URL)
	if len(got) != 4 {
		t.Fatalf("emitted %v, want the 4 articles of /xfj/gzdt/ (stats %+v)", titles(got), stats)
	}
	for _, b := range got {
		w := want[strings.TrimPrefix(b.URL, ts.URL)]
		if diff := cmp.Diff(w, b, cmpopts.IgnoreFields(xinfang.Bulletin{}, "FetchedAt")); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", b.URL, diff)
		}
	}
	for _, p := range []string{"/index.html", "/fzrb/index.html", "/trap/slow.html"} {
		if n := ts.hitCount(p); n != 0 {
			t.Errorf("requests to %s = %d, want 0: outside the patterns", p, n)
		}
	}
}

func TestSchedule(t *testing.T) {
	ts := newTestSite(t)
	cfg := testConfig(ts, t.TempDir())
	cfg.Sites[0].Seeds = []string{ts.URL + "/xam/zwdt/index.html"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &collect{}
	done := make(chan error, 1)
	go func() { done <- Schedule(ctx, cfg, 50*time.Millisecond, sink) }()
	deadline := time.After(30 * time.Second)
	for ts.hitCount("/xam/zwdt/index.html") < 3 {
		select {
		case <-deadline:
			t.Fatalf("the list page was fetched %d times, want 3 runs", ts.hitCount("/xam/zwdt/index.html"))
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Schedule = %v, want nil after cancel", err)
	}
	if got := sink.take(); len(got) != 4 {
		t.Errorf("three scheduled runs emitted %v, want the 4 articles once", titles(got))
	}
	if err := Schedule(context.Background(), cfg, 0, sink); err == nil {
		t.Error("Schedule with interval 0 succeeded")
	}
}

// TestCrawlSitesIndependent crawls a rate-limited site and a fast one at
// once: the fast one must not wait behind the slow one's queue.
func TestCrawlSitesIndependent(t *testing.T) {
	if testing.Short() {
		t.Skip("rate-limited: takes seconds")
	}
	var mu sync.Mutex
	var order []string
	logged := func(name string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/robots.txt" {
				mu.Lock()
				order = append(order, name)
				mu.Unlock()
			}
			h.ServeHTTP(w, r)
		})
	}
	slow := httptest.NewServer(logged("slow", genSite(8, 4)))
	defer slow.Close()
	fast := httptest.NewServer(logged("fast", fixtures.SiteHandler()))
	defer fast.Close()
	fastURL := strings.Replace(fast.URL, "127.0.0.1", "localhost", 1)
	cfg := Config{
		StateDir: t.TempDir(),
		Timeout:  testTimeout,
		Sites: []Site{
			{Name: "slow", Seeds: []string{slow.URL + "/gen/index.html"}, Rate: 2, Parallelism: 2, MaxDepth: -1},
			{Name: "fast", Seeds: []string{fastURL + "/xam/zwdt/index.html"}, Rate: -1, Parallelism: 2},
		},
	}
	sink := &collect{}
	runCrawl(t, cfg, sink)
	if got := len(sink.take()); got != 8+4 {
		t.Errorf("emitted %d bulletins, want 12", got)
	}
	mu.Lock()
	defer mu.Unlock()
	slowSeen := 0
	fastLeft := 6 // 2 list pages and 4 articles
	for _, name := range order {
		if name == "fast" {
			fastLeft--
			if fastLeft == 0 {
				break
			}
			continue
		}
		slowSeen++
	}
	if fastLeft > 0 || slowSeen > 4 {
		t.Errorf("requests in order %v: the fast site finished after %d requests to the slow one, want ≤ 4", order, slowSeen)
	}
}

// TestCrawlLimits checks the depth limit and the limit on redirect chains
// that never come back to a known URL.
func TestCrawlLimits(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		var n int
		switch {
		case r.URL.Path == "/":
			fmt.Fprint(w, `<html><body><a href="/deep/1.html">深</a> <a href="/chain/1">链</a></body></html>`)
		case strings.HasPrefix(r.URL.Path, "/chain/"):
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/deep/"):
			fmt.Sscanf(r.URL.Path, "/deep/%d.html", &n)
			fmt.Fprintf(w, `<html><body><a href="/deep/%d.html">下一层</a></body></html>`, n+1)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := Config{
		StateDir:     t.TempDir(),
		Timeout:      testTimeout,
		MaxRedirects: 3,
		Sites:        []Site{{Seeds: []string{srv.URL + "/"}, Rate: -1, MaxDepth: 3}},
	}
	stats := runCrawl(t, cfg, &collect{})
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string]int{
		"/deep/1.html": 1, "/deep/2.html": 1, "/deep/3.html": 1, "/deep/4.html": 0,
		"/chain/1": 1, "/chain/2": 1, "/chain/3": 1, "/chain/4": 1, "/chain/5": 0,
	} {
		if hits[path] != want {
			t.Errorf("requests to %s = %d, want %d", path, hits[path], want)
		}
	}
	var stopped bool
	for _, e := range stats.Errors {
		stopped = stopped || (strings.HasSuffix(e.URL, "/chain/4") && strings.Contains(e.Err.Error(), "stopped after 3 redirects"))
	}
	if !stopped {
		t.Errorf("errors %v, want /chain/4 stopped after 3 redirects", stats.Errors)
	}
}

func TestRefreshURL(t *testing.T) {
	for in, want := range map[string]string{
		"0;url=index.shtml":        "index.shtml",
		"5; URL='/xfj/index.html'": "/xfj/index.html",
		`0; url = "http://a.cn/x"`: "http://a.cn/x",
		"30":                       "",
		"0;javascript:alert(1)":    "",
	} {
		if got := refreshURL(in); got != want {
			t.Errorf("refreshURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCrawlDelay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.05\n\nUser-agent: XinfangCrawler\nCrawl-delay: 0.1\nDisallow: /private/\n")
		default:
			fmt.Fprint(w, `<html><body><a href="/private/x.html">x</a></body></html>`)
		}
	}))
	defer srv.Close()
	cfg := Config{StateDir: t.TempDir(), Sites: []Site{{Seeds: []string{srv.URL + "/"}, Rate: -1}}}
	c, err := New(cfg, &collect{})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.limiters[c.sites[0]].Limit(), rate.Every(100*time.Millisecond); got != want {
		t.Errorf("rate after robots.txt = %v, want %v (its Crawl-delay for XinfangCrawler)", got, want)
	}
	if stats.Disallowed != 1 {
		t.Errorf("Disallowed = %d, want 1: the group of XinfangCrawler disallows /private/", stats.Disallowed)
	}
}

// TestCrawlLastModified checks conditional requests against a server that
// gives Last-Modified and no ETag.
func TestCrawlLastModified(t *testing.T) {
	modified := time.Date(2024, 4, 19, 8, 0, 0, 0, time.UTC)
	doc, _, _ := fixturePage(t, "/xam/zwdt/202404/t20240419_120.html")
	page, _ := doc.Html()
	var mu sync.Mutex
	status := map[int]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/a.html" {
			http.NotFound(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(rec, r, "a.html", modified, strings.NewReader(page))
		mu.Lock()
		status[rec.code]++
		mu.Unlock()
	}))
	defer srv.Close()
	cfg := Config{StateDir: t.TempDir(), Sites: []Site{{Seeds: []string{srv.URL + "/a.html"}, Rate: -1}}}
	sink := &collect{}
	runCrawl(t, cfg, sink)
	runCrawl(t, cfg, sink)
	if got := len(sink.take()); got != 1 {
		t.Errorf("two runs emitted %d bulletins, want 1", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if status[http.StatusOK] != 1 || status[http.StatusNotModified] != 1 {
		t.Errorf("answers %v, want one 200 and one 304", status)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}
