package searchapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// webFiles holds the analyst dashboard: plain HTML, CSS and ES modules with no
// build step, and the vendored Apache ECharts. Everything the page loads comes
// from here, so the dashboard works on a closed intranet.
//
//go:embed web
var webFiles embed.FS

// webVendorPrefix holds third-party files whose directory names carry their
// version, so that they can be cached for good.
const webVendorPrefix = "vendor/"

// webAsset is one embedded file, prepared once: its type, its validator and,
// for text, a gzip copy.
type webAsset struct {
	name        string
	contentType string
	body        []byte
	gzipBody    []byte // nil when not worth compressing
	etag        string
	cacheCtl    string
}

// webTypes are the content types of the files the dashboard ships; a file
// with another extension is served as application/octet-stream.
var webTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// webCSP keeps the page to its own origin: no inline scripts, no third-party
// hosts. Inline style attributes are allowed because ECharts' tooltips use them.
const webCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

var (
	webOnce   sync.Once
	webAssets map[string]*webAsset
	webErr    error
)

// loadWebAssets reads the embedded tree once and prepares every file.
func loadWebAssets() (map[string]*webAsset, error) {
	webOnce.Do(func() {
		root, err := fs.Sub(webFiles, "web")
		if err != nil {
			webErr = fmt.Errorf("searchapi: web assets: %w", err)
			return
		}
		assets := make(map[string]*webAsset)
		webErr = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			body, err := fs.ReadFile(root, name)
			if err != nil {
				return fmt.Errorf("searchapi: read web asset %s: %w", name, err)
			}
			a, err := newWebAsset(name, body)
			if err != nil {
				return err
			}
			assets[name] = a
			return nil
		})
		if webErr == nil {
			if _, ok := assets["index.html"]; !ok {
				webErr = fmt.Errorf("searchapi: web assets: index.html is missing")
			}
		}
		webAssets = assets
	})
	return webAssets, webErr
}

func newWebAsset(name string, body []byte) (*webAsset, error) {
	ct, ok := webTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		ct = "application/octet-stream"
	}
	sum := sha256.Sum256(body)
	a := &webAsset{
		name:        name,
		contentType: ct,
		body:        body,
		etag:        `"` + hex.EncodeToString(sum[:12]) + `"`,
		// Pages and modules have stable names, so browsers must revalidate
		// them (a 304 costs one round trip); vendored files carry their
		// version in the path and never change under one name.
		cacheCtl: "no-cache",
	}
	if strings.HasPrefix(name, webVendorPrefix) {
		a.cacheCtl = "public, max-age=31536000, immutable"
	}
	if compressible(ct) && len(body) > 1024 {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			return nil, fmt.Errorf("searchapi: gzip %s: %w", name, err)
		}
		if _, err := zw.Write(body); err != nil {
			return nil, fmt.Errorf("searchapi: gzip %s: %w", name, err)
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("searchapi: gzip %s: %w", name, err)
		}
		if buf.Len() < len(body)*9/10 {
			a.gzipBody = buf.Bytes()
		}
	}
	return a, nil
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") ||
		strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}

// WebHandler returns the handler of the analyst dashboard, to be mounted at
// GET /. It serves index.html for "/" and the embedded files below it, with
// their content types, an ETag (If-None-Match gives 304), Cache-Control
// (pages and modules are revalidated, versioned vendor files are immutable),
// gzip when the client accepts it, and a Content-Security-Policy that keeps
// the page to its own origin. Unknown paths are 404; paths under /api/ get
// the API's JSON error shape so that a mistyped API route does not answer
// with HTML.
func WebHandler() http.Handler {
	return http.HandlerFunc(serveWeb)
}

func serveWeb(w http.ResponseWriter, r *http.Request) {
	assets, err := loadWebAssets()
	if err != nil {
		// The embedded tree is fixed at build time; this is a broken build.
		http.Error(w, "dashboard unavailable: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusNotFound)
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		e.Error.Code = "not_found"
		e.Error.Message = "no API route " + r.Method + " " + p
		_ = json.NewEncoder(w).Encode(e) // a failed write means the client left
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "index.html"
	}
	a, ok := assets[name]
	if !ok {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		http.Error(w, "404 页面不存在 (page not found)", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", a.cacheCtl)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept-Encoding")
	if a.contentType == webTypes[".html"] {
		h.Set("Content-Security-Policy", webCSP)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
	}
	body, etag := a.body, a.etag
	if a.gzipBody != nil && acceptsGzip(r) {
		body = a.gzipBody
		// A different representation needs a different strong validator.
		etag = strings.TrimSuffix(a.etag, `"`) + `-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (a q=0 entry refuses it).
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				continue
			}
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
