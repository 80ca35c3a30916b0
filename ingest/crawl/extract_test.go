package crawl

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testBase is the origin under which fixture pages are parsed.
const testBase = "http://xinfang.test"

// fixturePage returns a fixture page as the crawler sees it: fetched through
// fixtures.SiteHandler and decoded to UTF-8.
func fixturePage(t testing.TB, path string) (*goquery.Document, *url.URL, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	fixtures.SiteHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d", path, rec.Code)
	}
	body, cs := decodeHTML(rec.Body.Bytes(), rec.Header().Get("Content-Type"))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	u, _ := url.Parse(testBase + path)
	return doc, u, cs
}

// fixtureArticles lists the article pages of the fixture site.
var fixtureArticles = []string{
	"/xfj/gzdt/202306/t20230612_2219034.html",
	"/xfj/gzdt/202307/t20230703_2231456.html",
	"/xfj/gzdt/202308/t20230822_2254120.html", // GBK, declared in <meta> only
	"/xfj/gzdt/202312/t20231215_2298810.html",
	"/fzrb/content/2023-06/28/content_8871230.html",
	"/fzrb/content/2023-07/03/content_8876543.html",
	"/fzrb/content/2023-07/05/content_8877102.html", // GB18030, declared in the header only
	"/fzrb/share/content_8876543.html",              // same article under a second URL
	"/xam/zwdt/202401/t20240112_088.html",
	"/xam/zwdt/202402/t20240220_095.html", // GB18030, no declaration
	"/xam/zwdt/202403/t20240315_101.html",
	"/xam/zwdt/202404/t20240419_120.html", // malformed HTML
}

// fixtureLists lists pages of the fixture site that are not articles.
var fixtureLists = []string{
	"/index.html",
	"/xfj/gzdt/index.html",
	"/xfj/gzdt/index_1.html",
	"/fzrb/index.html",
	"/fzrb/index_1.html",
	"/fzrb/index_2.html",
	"/xam/index.html", // a meta refresh to zwdt/index.html
	"/xam/zwdt/index.html",
	"/xam/zwdt/index_1.html",
}

func goldenName(path string) string {
	return filepath.Join("testdata", "extract", strings.ReplaceAll(strings.Trim(path, "/"), "/", "_")+".golden.json")
}

func TestParseArticleGolden(t *testing.T) {
	for _, path := range fixtureArticles {
		t.Run(path, func(t *testing.T) {
			doc, u, _ := fixturePage(t, path)
			got, err := parseArticle(doc, u, Selectors{})
			if err != nil {
				t.Fatalf("parseArticle(%s): %v", path, err)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("parseArticle(%s) is not a valid bulletin: %v", path, err)
			}
			data, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			data = append(data, '\n')
			golden := goldenName(path)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantData, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			want, err := xinfang.DecodeBulletin(wantData)
			if err != nil {
				t.Fatalf("golden %s: %v", golden, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("parseArticle(%s) mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestParseArticleRejectsLists(t *testing.T) {
	for _, path := range fixtureLists {
		t.Run(path, func(t *testing.T) {
			doc, u, _ := fixturePage(t, path)
			b, err := parseArticle(doc, u, Selectors{})
			if !errors.Is(err, errNotArticle) {
				t.Errorf("parseArticle(%s) = %q, %v; want errNotArticle", path, b.Title, err)
			}
		})
	}
}

// TestFixtureSiteComplete keeps the page lists above in step with the site.
func TestFixtureSiteComplete(t *testing.T) {
	known := map[string]bool{}
	for _, p := range append(append([]string{}, fixtureArticles...), fixtureLists...) {
		known[p] = true
	}
	err := fs.WalkDir(fixtures.Site, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.Contains(p, "/internal/") {
			return err
		}
		if p := strings.TrimPrefix(p, "site"); !known[p] {
			t.Errorf("fixture page %s is in neither fixtureArticles nor fixtureLists", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestParseArticleLayouts runs the extractor on small pages in layouts the
// fixture site does not have.
func TestParseArticleLayouts(t *testing.T) {
	const body = "<p>4月19日，乌兰浩特市信访局接待群众来访，反映某小区延期交房问题，涉及业主120户。</p><p>市住建局已责成开发企业制定复工计划，承诺6月底前交房。</p>"
	const wantContent = "4月19日，乌兰浩特市信访局接待群众来访，反映某小区延期交房问题，涉及业主120户。\n市住建局已责成开发企业制定复工计划，承诺6月底前交房。"
	tests := []struct {
		name, url, html string
		sel             Selectors
		want            xinfang.Bulletin
	}{
		{
			name: "title only in <title>, ASCII colons",
			url:  "http://a.cn/news/1.html",
			html: `<html><head><title>乌兰浩特市化解延期交房信访问题_乌兰浩特市人民政府</title></head><body><div class="top">乌兰浩特市人民政府</div><div>来源: 乌兰浩特市信访局 | 时间: 2024-04-20 08:10</div><div class="cont">` + body + `</div></body></html>`,
			want: xinfang.Bulletin{Title: "乌兰浩特市化解延期交房信访问题", Source: "乌兰浩特市信访局", PublishedAt: time.Date(2024, 4, 20, 8, 10, 0, 0, cst)},
		},
		{
			name: "og:title, article:published_time and ContentSource metadata",
			url:  "http://a.cn/news/2.html",
			html: `<html><head><title>首页</title><meta property="og:title" content="乌兰浩特市化解延期交房信访问题"><meta property="article:published_time" content="2024-04-20T00:10:00Z"><meta name="ContentSource" content="兴安日报"></head><body><div class="article">` + body + `</div></body></html>`,
			want: xinfang.Bulletin{Title: "乌兰浩特市化解延期交房信访问题", Source: "兴安日报", PublishedAt: time.Date(2024, 4, 20, 8, 10, 0, 0, cst)},
		},
		{
			name: "date only in the URL, 作者 and 责任编辑 lines in the body",
			url:  "http://a.cn/xwzx/202404/t20240420_99.html",
			html: `<html><head><title>乌兰浩特市化解延期交房信访问题 - 乌兰浩特市人民政府</title></head><body><h1>乌兰浩特市化解延期交房信访问题</h1><div id="zoom"><p>作者：记者 某某</p>` + body + `<p>（责任编辑：某某）</p></div></body></html>`,
			want: xinfang.Bulletin{Title: "乌兰浩特市化解延期交房信访问题", PublishedAt: time.Date(2024, 4, 20, 0, 0, 0, 0, cst)},
		},
		{
			name: "policy page: 成文日期 before 发布日期, 稿源",
			url:  "http://a.cn/zfxxgk/1.html",
			html: `<html><head><title>关于做好信访工作的通知</title></head><body><table class="xxgk"><tr><td>成文日期：2024-04-01</td><td>稿源：乌兰浩特市信访局</td></tr><tr><td>发布日期：2024-04-20</td></tr></table><h1>乌兰浩特市化解延期交房信访问题</h1><div id="zoom">` + body + `</div></body></html>`,
			want: xinfang.Bulletin{Title: "乌兰浩特市化解延期交房信访问题", Source: "乌兰浩特市信访局", PublishedAt: time.Date(2024, 4, 20, 0, 0, 0, 0, cst)},
		},
		{
			name: "site selectors",
			url:  "http://a.cn/p/3",
			html: `<html><head><title>x</title></head><body><div class="hd"><span class="t">乌兰浩特市化解延期交房信访问题</span></div><div class="when">2024年04月20日 08时10分</div><div class="from">兴安盟融媒体中心</div><div class="main">` + body + `</div><div class="side"><p>` + body + `</p></div></body></html>`,
			sel:  Selectors{Title: ".hd .t", Time: ".when", Source: ".from", Body: ".main"},
			want: xinfang.Bulletin{Title: "乌兰浩特市化解延期交房信访问题", Source: "兴安盟融媒体中心", PublishedAt: time.Date(2024, 4, 20, 8, 10, 0, 0, cst)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(tt.url)
			got, err := parseArticle(doc, u, tt.sel)
			if err != nil {
				t.Fatalf("parseArticle: %v", err)
			}
			tt.want.URL, tt.want.ID, tt.want.Content = tt.url, ID(tt.url), wantContent
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseArticle mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseArticleHugePage checks the fallback when a page has more
// elements than readability is given.
func TestParseArticleHugePage(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>乌兰浩特市信访工作通报 - 某网站</title></head><body><h1>乌兰浩特市信访工作通报</h1><div class="info">发布时间：2024-05-06 10:00</div><div id="content">`)
	for i := range 12000 { // 24,000 elements
		fmt.Fprintf(&b, "<p><span>第%d件已办结</span></p>", i)
	}
	b.WriteString(`</div></body></html>`)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://a.cn/huge.html")
	got, err := parseArticle(doc, u, Selectors{})
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(got.Content, "\n") + 1; lines != 12000 {
		t.Errorf("content has %d lines, want 12000", lines)
	}
}

func TestCleanSource(t *testing.T) {
	for in, want := range map[string]string{
		"法治日报":                      "法治日报",
		"法治日报作者：张三":                 "法治日报",
		"新华社2023-07-03 07:59":       "新华社",
		"兴安日报）":                     "兴安日报",
		"12345热线":                   "12345热线",
		strings.Repeat("很长的来源", 10): "",
	} {
		if got := cleanSource(in); got != want {
			t.Errorf("cleanSource(%q) = %q, want %q", in, got, want)
		}
	}
}
