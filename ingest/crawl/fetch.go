// Fetching: the transport that bounds every response and decodes it to
// UTF-8, and one request of a run through colly with retries (5xx, 429,
// timeouts) under exponential backoff and Retry-After.

package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"
)

// ErrBodyTooLarge is the error of a response whose body, after
// decompression, is larger than Config.MaxBodyBytes.
var ErrBodyTooLarge = errors.New("response body too large")

// charsetHeader tells the crawler which encoding a page was decoded from.
const charsetHeader = "X-Crawl-Charset"

// transport wraps an http.RoundTripper so that every response the crawler
// sees is bounded and in UTF-8:
//
//   - it asks for gzip itself and decompresses with a limit, because colly
//     applies MaxBodySize to the compressed stream and a small gzip bomb
//     would otherwise decompress into gigabytes;
//   - it fails with ErrBodyTooLarge, rather than truncating, when the
//     decompressed body exceeds maxBody;
//   - it decodes HTML bodies to UTF-8 (decodeHTML) and labels them
//     "charset=utf-8", so that colly does not convert them again.
type transport struct {
	base    http.RoundTripper
	maxBody int64
	// onRobots, when set, sees the body of every robots.txt fetched (colly
	// fetches them itself and keeps them private; the crawler reads the
	// Crawl-delay from them).
	onRobots func(u *url.URL, body []byte)
}

func newTransport(maxBody int64, timeout time.Duration) *transport {
	base := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   timeout,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		ExpectContinueTimeout: time.Second,
		// The wrapper below asks for gzip and decompresses it within the cap.
		DisableCompression:     true,
		MaxResponseHeaderBytes: 64 << 10,
	}
	return &transport{base: base, maxBody: maxBody}
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Accept-Encoding", "gzip")
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.maxBody && resp.Header.Get("Content-Encoding") == "" {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: Content-Length %d > %d bytes", ErrBodyTooLarge, resp.ContentLength, t.maxBody)
	}
	var body io.Reader = resp.Body
	noBody := resp.StatusCode == http.StatusNotModified || resp.StatusCode == http.StatusNoContent || req.Method == http.MethodHead
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); {
	case noBody, enc == "", enc == "identity":
	case enc == "gzip", enc == "x-gzip":
		// The compressed stream is bounded too: a server could send an
		// endless stream that decompresses to little.
		gz, err := gzip.NewReader(&cappedReader{r: resp.Body, max: t.maxBody})
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		body = gz
	default:
		resp.Body.Close()
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	capped := &cappedReader{r: body, max: t.maxBody}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true

	if t.onRobots != nil && req.URL.Path == "/robots.txt" && resp.StatusCode == http.StatusOK {
		raw, err := io.ReadAll(capped)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		t.onRobots(req.URL, raw)
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		return resp, nil
	}
	if noBody || !isHTML(resp.Header.Get("Content-Type")) {
		resp.Body = readCloser{capped, resp.Body}
		return resp, nil
	}
	// Decode HTML here, within the client's timeout and the size cap.
	raw, err := io.ReadAll(capped)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	utf8Body, name := decodeHTML(raw, resp.Header.Get("Content-Type"))
	resp.Header.Set(charsetHeader, name)
	resp.Header.Set("Content-Type", "text/html; charset=utf-8")
	resp.Body = io.NopCloser(bytes.NewReader(utf8Body))
	return resp, nil
}

// isHTML reports whether a Content-Type is HTML, or absent (many servers of
// old portals send none).
func isHTML(contentType string) bool {
	if strings.TrimSpace(contentType) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.Contains(strings.ToLower(contentType), "html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// cappedReader fails with ErrBodyTooLarge after max bytes.
type cappedReader struct {
	r   io.Reader
	max int64
	n   int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n >= c.max {
		// One more byte tells a body of exactly max bytes from a longer one.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, c.max)
		}
		return 0, err
	}
	if rest := c.max - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type readCloser struct {
	io.Reader
	io.Closer
}

// result is one HTTP exchange as colly saw it.
type result struct {
	status int
	header http.Header
	body   []byte
	err    error
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
