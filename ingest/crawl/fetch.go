package crawl

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
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
