// What comes of one URL: process dispatches on the answer (robots, 304,
// redirect, 200, failure), page extracts the bulletin of an article page, and
// emit sends a new or changed article to the sink once, whatever URLs carry it.

package crawl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/xinfang/xinfang"
)

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
