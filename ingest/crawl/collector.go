// Colly set up for fetching only, and the politeness the crawler owes a site:
// robots.txt (colly's check, plus the Crawl-delay it asks for, which lowers the
// site's rate limiter), per-domain parallelism, redirects returned as answers.

package crawl

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

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
