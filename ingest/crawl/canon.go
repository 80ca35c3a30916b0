package crawl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that only say where a click came from;
// they never change the page, so they are dropped from canonical URLs.
var trackingParams = map[string]bool{
	"spm": true, "from": true, "isappinstalled": true, "scene": true, "wfr": true,
	"share_source": true, "share_medium": true, "fbclid": true, "gclid": true,
	"yclid": true, "mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true,
}

// Canonical returns the canonical form of an absolute http(s) URL: scheme and
// host in lower case, default port removed, dot segments resolved, fragment
// and tracking parameters (utm_*, spm, from, …) dropped, and the remaining
// query parameters sorted by name. Two links to the same page give the same
// string, which is what the crawl state and the bulletin id are keyed by.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("crawl: canonical %q: %w", raw, err)
	}
	return canonicalURL(u)
}

func canonicalURL(in *url.URL) (string, error) {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("crawl: canonical %q: not an http(s) URL", in.String())
	}
	if u.Host == "" {
		return "", fmt.Errorf("crawl: canonical %q: no host", in.String())
	}
	u.User = nil
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.Opaque = ""

	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	trailing := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
	p = path.Clean("/" + p)
	if trailing && p != "/" {
		p += "/"
	}
	unescaped, err := url.PathUnescape(p)
	if err != nil {
		return "", fmt.Errorf("crawl: canonical %q: %w", in.String(), err)
	}
	u.Path, u.RawPath = unescaped, ""

	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			// Keep a query we cannot parse as it is: dropping it could merge
			// distinct pages.
			q = nil
		} else {
			for k := range q {
				lk := strings.ToLower(k)
				if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
					delete(q, k)
				}
			}
			keys := make([]string, 0, len(q))
			for k := range q {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var b strings.Builder
			for _, k := range keys {
				for _, v := range q[k] {
					if b.Len() > 0 {
						b.WriteByte('&')
					}
					b.WriteString(url.QueryEscape(k))
					b.WriteByte('=')
					b.WriteString(url.QueryEscape(v))
				}
			}
			u.RawQuery = b.String()
		}
	}
	u.ForceQuery = false
	return u.String(), nil
}

// ID returns the bulletin id of a canonical URL: the hex SHA-256 of it.
func ID(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(sum[:])
}
