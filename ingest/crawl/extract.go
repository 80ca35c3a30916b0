// Extraction of a bulletin from an article page never seen before: the
// title, the publication time, the source, and the body (body.go), each
// from the site's selector when it has one, else by heuristics.

package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/xinfang/xinfang"
)

// Selectors are CSS selectors for the parts of one site's article pages.
// An empty selector leaves that part to the heuristics, which work on sites
// never seen before.
type Selectors struct {
	Title  string `yaml:"title"`
	Time   string `yaml:"time"`
	Source string `yaml:"source"`
	Body   string `yaml:"body"`
}

// errNotArticle is returned by parseArticle for a page without an article:
// no title, no body text or no publication time.
var errNotArticle = errors.New("not an article")

var (
	// timeLabelRes find a labelled publication time (发布时间：2023-07-03
	// 07:59:36), the labels that name publication first: a policy page
	// gives 成文日期 before 发布日期.
	timeLabelRes = []*regexp.Regexp{
		regexp.MustCompile(`(?:发布时间|发布日期|发表时间|发稿时间|发布)\s*[：:]\s*`),
		regexp.MustCompile(`(?:时间|日期)\s*[：:]\s*`),
	}
	// sourceLabelRe finds a labelled source: 来源：法治日报, 信息来源：兴安盟信访局.
	sourceLabelRe = regexp.MustCompile(`(?:信息来源|文章来源|稿件来源|新闻来源|来源|稿源)\s*[：:]\s*([^\s　|｜·【\[（(]+)`)
	// metaLineRe matches body lines that only carry page metadata.
	metaLineRe = regexp.MustCompile(`^[【\[（(]?\s*(?:责任编辑|编辑|作者|来源|信息来源|文章来源|审核|审校|校对|初审|复审|终审|发布时间|发布日期|时间|日期|浏览次数|阅读次数|点击|点击数|字号|字体|摄影|记者)\s*[：:]`)
	// noiseLineRe matches page chrome that readability sometimes keeps.
	noiseLineRe = regexp.MustCompile(`^[【\[]?\s*(?:打印本页|关闭窗口|打印|关闭|分享到|分享|上一篇|下一篇|当前位置|您现在的位置|您当前的位置|版权所有|Copyright|扫一扫|返回顶部|【字体)`)
	// noiseHeadingRe matches headings of link lists around an article.
	noiseHeadingRe = regexp.MustCompile(`^\s*(?:推荐阅读|相关新闻|相关阅读|相关链接|相关文章|热点推荐|热门推荐|延伸阅读|猜你喜欢|精彩推荐|最新文章|图片新闻|友情链接)`)
	// labelRe finds the labels of metadata lines.
	labelRe = regexp.MustCompile(`(?:时间|日期|来源|作者|编辑|点击|浏览次数|字号|字体)\s*[：:]`)
	// titleSepRe splits a <title> into the article title and the site name.
	titleSepRe = regexp.MustCompile(`\s*(?:_|\s-\s|\s–\s|\s—\s|——|\s\|\s|｜|\|)\s*`)
)

// parseArticle extracts a bulletin from an article page: title, publication
// time, source and body text (paragraphs joined with "\n"). sel overrides the
// heuristics part by part. It sets ID and URL from pageURL, which must be
// canonical, and leaves FetchedAt to the caller. It returns an error wrapping
// errNotArticle when the page has no title, body or publication time.
func parseArticle(doc *goquery.Document, pageURL *url.URL, sel Selectors) (xinfang.Bulletin, error) {
	canon, err := canonicalURL(pageURL)
	if err != nil {
		return xinfang.Bulletin{}, err
	}
	b := xinfang.Bulletin{ID: ID(canon), URL: canon}

	// light: the page without scripts and styles, for titles and labels.
	light := goquery.NewDocumentFromNode(cloneNode(doc.Nodes[0]))
	light.Find("script,style,noscript,template,iframe,svg").Remove()

	b.Title = findTitle(light, sel.Title)
	if b.Title == "" {
		return b, fmt.Errorf("crawl: extract %s: no title: %w", canon, errNotArticle)
	}

	lines := blockLines(light.Selection)
	published, ok := findPublished(light, pageURL, lines, b.Title, sel.Time)
	if !ok {
		return b, fmt.Errorf("crawl: extract %s: no publication time: %w", canon, errNotArticle)
	}
	b.PublishedAt = published
	b.Source = findSource(light, lines, sel.Source)

	body, err := findBody(light, pageURL, sel.Body)
	if err != nil {
		return b, fmt.Errorf("crawl: extract %s: %w", canon, err)
	}
	if d := linkDensity(goquery.NewDocumentFromNode(body).Selection); d > 0.4 {
		return b, fmt.Errorf("crawl: extract %s: %.0f%% of the body is link text: %w", canon, d*100, errNotArticle)
	}
	b.Content = strings.Join(cleanBodyLines(body, b.Title), "\n")
	if utf8.RuneCountInString(b.Content) < 30 {
		return b, fmt.Errorf("crawl: extract %s: body has %d characters: %w", canon, utf8.RuneCountInString(b.Content), errNotArticle)
	}
	if len(b.Content) > xinfang.MaxContentBytes {
		b.Content = truncateUTF8(b.Content, xinfang.MaxContentBytes)
	}
	return b, nil
}

// findTitle prefers the site's selector, then the article's h1 (not a logo
// h1), then title metadata, then a title-like element, then <title> without
// its " - 站点名" suffix.
func findTitle(doc *goquery.Document, selector string) string {
	if selector != "" {
		if t := normSpace(doc.Find(selector).First().Text()); t != "" {
			return t
		}
	}
	pageTitle := normSpace(doc.Find("title").First().Text())
	metaTitle := firstMeta(doc, "ArticleTitle", "og:title", "twitter:title")
	matches := func(t string) bool {
		return t != "" && (strings.Contains(pageTitle, t) || strings.Contains(metaTitle, t) || (metaTitle != "" && strings.Contains(t, metaTitle)))
	}
	var h1s []string
	doc.Find("h1").Each(func(_ int, s *goquery.Selection) {
		if s.Closest("a").Length() > 0 || s.Find("a,img").Length() > 0 && len(s.Find("a").Text()) == len(s.Text()) {
			return // a logo
		}
		if cls, _ := s.Attr("class"); strings.Contains(strings.ToLower(cls), "logo") {
			return
		}
		if t := normSpace(s.Text()); utf8.RuneCountInString(t) >= 4 {
			h1s = append(h1s, t)
		}
	})
	for _, t := range h1s {
		if matches(t) {
			return t
		}
	}
	if metaTitle != "" {
		return metaTitle
	}
	// Old layouts put the title in a cell or div whose class says so.
	var found string
	doc.Find(`[class*="title"],[id*="title"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if goquery.NodeName(s) == "title" {
			return true
		}
		if t := normSpace(s.Text()); utf8.RuneCountInString(t) >= 4 && matches(t) {
			found = t
			return false
		}
		return true
	})
	if found != "" {
		return found
	}
	if len(h1s) > 0 {
		return h1s[0]
	}
	if parts := titleSepRe.Split(pageTitle, -1); len(parts) > 0 {
		return parts[0]
	}
	return pageTitle
}

// findPublished looks for the publication time: the selector, a labelled
// time (发布时间：…), metadata, a <time> element, a date in the lines right
// after the title, and the date in the URL.
func findPublished(doc *goquery.Document, pageURL *url.URL, lines []string, title, selector string) (time.Time, bool) {
	if selector != "" {
		s := doc.Find(selector).First()
		if dt, ok := s.Attr("datetime"); ok {
			if t, ok := parseTimeAttr(dt); ok {
				return t, true
			}
		}
		if t, ok := findDate(s.Text()); ok {
			return t, true
		}
	}
	for _, re := range timeLabelRes {
		for _, l := range lines {
			if !strings.ContainsAny(l, ":：") {
				continue
			}
			for _, loc := range re.FindAllStringIndex(l, -1) {
				if m := dateRe.FindStringSubmatchIndex(l[loc[1]:]); m != nil && m[0] == 0 {
					if t, ok := findDate(l[loc[1]:]); ok {
						return t, true
					}
				}
			}
		}
	}
	for _, name := range []string{"PubDate", "pubdate", "publishdate", "article:published_time", "datePublished", "og:release_date", "dc.date", "DC.Date"} {
		if v := firstMeta(doc, name); v != "" {
			if t, ok := parseTimeAttr(v); ok {
				return t, true
			}
		}
	}
	if dt, ok := doc.Find("time[datetime]").First().Attr("datetime"); ok {
		if t, ok := parseTimeAttr(dt); ok {
			return t, true
		}
	}
	for i, l := range lines {
		if l != title {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			if t, ok := findDate(lines[j]); ok {
				return t, true
			}
		}
		break
	}
	return dateFromURL(pageURL)
}

// urlDateRe finds the date in the article URLs of common Chinese CMSs:
// /202307/t20230703_2231456.html (TRS) and /content/2023-07/03/content_1.html.
var urlDateRe = regexp.MustCompile(`/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+\.s?html?$|/((?:19|20)\d{2})-(\d{2})/(\d{2})/[^/]+$`)

// dateFromURL is the last resort for the publication date: the date that
// the CMS put in the article's URL, at midnight.
func dateFromURL(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	m := urlDateRe.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}, false
	}
	if m[1] == "" {
		m = []string{m[0], m[4], m[5], m[6], "", "", ""}
	} else {
		m = []string{m[0], m[1], m[2], m[3], "", "", ""}
	}
	return dateFromMatch(m)
}

// findSource looks for the source: the selector, a labelled source
// (来源：…), then the ContentSource meta tag of government CMSs.
func findSource(doc *goquery.Document, lines []string, selector string) string {
	if selector != "" {
		s := normSpace(doc.Find(selector).First().Text())
		if m := sourceLabelRe.FindStringSubmatch(s); m != nil {
			return cleanSource(m[1])
		}
		if s != "" {
			return cleanSource(s)
		}
	}
	for _, l := range lines {
		if !strings.Contains(l, "来源") && !strings.Contains(l, "稿源") {
			continue
		}
		if m := sourceLabelRe.FindStringSubmatch(l); m != nil {
			if s := cleanSource(m[1]); s != "" {
				return s
			}
		}
	}
	return cleanSource(firstMeta(doc, "ContentSource", "source", "article:source"))
}

// sourceEndRe finds where a source that was written without a space before
// the next field ends: 来源：法治日报作者：… or 来源：新华社2023-07-03.
var sourceEndRe = regexp.MustCompile(`(?:作者|记者|编辑|责任编辑|发布|时间|日期|浏览|点击|阅读)[：:]|(?:19|20)\d{2}[-/.年]\d{1,2}`)

func cleanSource(s string) string {
	s = strings.TrimSpace(s)
	if loc := sourceEndRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	s = strings.TrimRight(s, "）)】]，,。;；")
	if utf8.RuneCountInString(s) > 40 {
		return ""
	}
	return s
}

// normSpace collapses white space (including no-break and ideographic
// spaces) to single spaces and trims the ends. White space that holds a line
// break and sits between two Chinese characters is dropped: it comes from
// the layout of the HTML source, not from the text.
func normSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, newline := false, false
	var prev rune
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff' {
			space = true
			newline = newline || r == '\n' || r == '\r'
			continue
		}
		if space && b.Len() > 0 && !(newline && isWide(prev) && isWide(r)) {
			b.WriteByte(' ')
		}
		space, newline = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isWide reports whether r is a Han character or full-width punctuation,
// between which Chinese text has no spaces.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '“' || r == '”'
}

func firstMeta(doc *goquery.Document, names ...string) string {
	for _, name := range names {
		var v string
		doc.Find("meta").EachWithBreak(func(_ int, m *goquery.Selection) bool {
			n, _ := m.Attr("name")
			if n == "" {
				n, _ = m.Attr("property")
			}
			if n == "" {
				n, _ = m.Attr("itemprop")
			}
			if strings.EqualFold(n, name) {
				v, _ = m.Attr("content")
				v = normSpace(v)
				return v == ""
			}
			return true
		})
		if v != "" {
			return v
		}
	}
	return ""
}

func truncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
