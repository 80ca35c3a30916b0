package crawl

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
