// Link following: the links of a page that belong to its site (anchors,
// frames, meta refresh), and the URL helpers for links and redirects.

package crawl

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

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
