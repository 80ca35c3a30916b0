package crawl

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gocolly/colly/v2"

	"github.com/xinfang/xinfang/fixtures"
)

// TestCollyCharsetHandling documents why the crawler decodes pages itself:
// what colly's own charset handling (with and without DetectCharset) makes
// of the legacy-encoded fixture pages. It never fails on colly's behaviour;
// it logs it, and checks that the crawler's decoding gets every page right.
func TestCollyCharsetHandling(t *testing.T) {
	srv := httptest.NewServer(fixtures.SiteHandler())
	defer srv.Close()
	pages := map[string]string{
		"/xfj/gzdt/202308/t20230822_2254120.html":       "科右前旗推行信访代办制度",      // GBK, <meta> only
		"/fzrb/content/2023-07/05/content_8877102.html": "包头市开展矛盾纠纷排查化解专项行动", // GB18030, header only
		"/xam/zwdt/202402/t20240220_095.html":           "突泉县开展重复信访治理攻坚行动",   // GB18030, bytes only
	}
	for path, title := range pages {
		for _, detect := range []bool{false, true} {
			c := colly.NewCollector()
			c.DetectCharset = detect
			var body string
			c.OnResponse(func(r *colly.Response) { body = string(r.Body) })
			if err := c.Visit(srv.URL + path); err != nil {
				t.Logf("colly DetectCharset=%v %s: %v", detect, path, err)
				continue
			}
			t.Logf("colly DetectCharset=%v %s: title decoded: %v", detect, path, strings.Contains(body, title))
		}
		doc, _, _ := fixturePage(t, path)
		if got := doc.Find("title").Text(); !strings.Contains(got, title) {
			t.Errorf("crawler decoding of %s: title %q, want %q", path, got, title)
		}
	}
}
