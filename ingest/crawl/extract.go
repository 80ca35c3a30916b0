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

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

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

// findBody returns the node holding the article text: the site's selector,
// else the readability extractor on the page without its chrome, else the
// element with the most paragraph text.
func findBody(doc *goquery.Document, pageURL *url.URL, selector string) (*html.Node, error) {
	if selector != "" {
		if s := doc.Find(selector).First(); s.Length() > 0 {
			n := cloneNode(s.Nodes[0])
			stripChrome(goquery.NewDocumentFromNode(n).Selection)
			return n, nil
		}
	}
	root := cloneNode(doc.Nodes[0])
	stripChrome(goquery.NewDocumentFromNode(root).Selection)
	brToParagraphs(root)

	var best *html.Node
	parser := readability.NewParser()
	parser.CharThresholds = 100
	// Readability's scoring grows faster than the page; beyond this the
	// linear fallback below does the work.
	parser.MaxElemsToParse = 20000
	if art, err := parser.ParseDocument(root, pageURL); err == nil && art.Node != nil {
		if textRunes(art.Node) >= 40 {
			best = art.Node
		}
	}
	if best == nil {
		best = densest(root)
	}
	if best == nil {
		return nil, fmt.Errorf("no body text: %w", errNotArticle)
	}
	return best, nil
}

// brToParagraphs turns text separated by <br> inside a container other than
// a paragraph (a table cell, a div) into paragraphs, as old CMS templates
// should have written it, so that readability scores and keeps each one.
func brToParagraphs(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		brToParagraphs(c)
	}
	if n.Type != html.ElementNode || n.DataAtom == atom.P || n.DataAtom == atom.Pre {
		return
	}
	hasBr := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			hasBr = true
			break
		}
	}
	if !hasBr {
		return
	}
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		kids = append(kids, c)
	}
	var para *html.Node
	for _, c := range kids {
		n.RemoveChild(c)
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			para = nil
		case c.Type == html.ElementNode && blockElements[c.DataAtom]:
			para = nil
			n.AppendChild(c)
		default:
			if para == nil {
				if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
					n.AppendChild(c)
					continue
				}
				para = &html.Node{Type: html.ElementNode, DataAtom: atom.P, Data: "p"}
				n.AppendChild(para)
			}
			para.AppendChild(c)
		}
	}
}

// stripChrome removes what surrounds an article: navigation, headers and
// footers, breadcrumbs, share buttons, pagers, link lists and copyright
// notices.
func stripChrome(s *goquery.Selection) {
	s.Find("script,style,noscript,template,iframe,svg,form,button,select,input,textarea,nav,aside,footer,object,embed,map").Remove()
	s.Find("header").Each(func(_ int, h *goquery.Selection) {
		if h.Find("h1").Length() == 0 || textRunes(h.Nodes[0]) < 300 {
			h.Remove()
		}
	})
	s.Find("[class],[id]").Each(func(_ int, e *goquery.Selection) {
		// An unclosed <div class="nav"> can swallow the whole page: an
		// element with much text of its own is not chrome.
		if isChromeElement(e) && textRunes(e.Nodes[0])-linkRunes(e.Nodes[0]) < 150 {
			e.Remove()
		}
	})
	s.Find("h1,h2,h3,h4,h5,h6,div,p,span,strong,b,dt,th").Each(func(_ int, e *goquery.Selection) {
		if !noiseHeadingRe.MatchString(e.Text()) || utf8.RuneCountInString(normSpace(e.Text())) > 12 {
			return
		}
		// The heading and the link list that follows it.
		e.NextAllFiltered("ul,ol,div,dl,table").First().Remove()
		if p := e.Parent(); p.Length() > 0 && linkDensity(p) > 0.5 {
			p.Remove()
			return
		}
		e.Remove()
	})
	s.Find("ul,ol").Each(func(_ int, e *goquery.Selection) {
		if linkDensity(e) > 0.5 {
			e.Remove()
		}
	})
}

// chromeWords are class and id words of page chrome. A class token matches
// when it equals a word or ends in "-word" or "_word"; prefixOK words also
// match as "word-…".
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "footer": true, "foot": true, "header": true,
	"breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true, "position": true,
	"location": true, "share": true, "bdsharebuttonbox": true, "social": true, "related": true,
	"relate": true, "recommend": true, "tuijian": true, "xgxw": true, "xgwz": true, "prevnext": true,
	"prev-next": true, "pager": true, "page": true, "pages": true, "pagination": true, "sidebar": true,
	"copyright": true, "banner": true, "toolbar": true, "tools": true, "print": true, "comment": true,
	"comments": true, "ad": true, "ads": true, "advert": true, "logo": true, "topbar": true,
	"top": true,
}

var prefixOK = []string{"nav", "menu", "footer", "breadcrumb", "crumb", "share", "bdshare", "social", "related", "recommend", "pager", "pagination", "prev", "sidebar", "copyright", "comment", "advert"}

func isChromeElement(e *goquery.Selection) bool {
	var tokens []string
	if cls, ok := e.Attr("class"); ok {
		tokens = append(tokens, strings.Fields(strings.ToLower(cls))...)
	}
	if id, ok := e.Attr("id"); ok {
		tokens = append(tokens, strings.ToLower(strings.TrimSpace(id)))
	}
	for _, t := range tokens {
		if chromeWords[t] {
			return true
		}
		for w := range chromeWords {
			if len(w) >= 3 && (strings.HasSuffix(t, "-"+w) || strings.HasSuffix(t, "_"+w)) {
				return true
			}
		}
		for _, w := range prefixOK {
			if strings.HasPrefix(t, w+"-") || strings.HasPrefix(t, w+"_") {
				return true
			}
		}
	}
	return false
}

// densest returns the element whose own paragraphs hold the most text that
// is not link text: the fallback when readability finds nothing.
func densest(root *html.Node) *html.Node {
	var best *html.Node
	bestScore := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			score := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type == html.TextNode:
					score += utf8.RuneCountInString(strings.TrimSpace(c.Data))
				case c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.Br || c.DataAtom == atom.Span || c.DataAtom == atom.Font || c.DataAtom == atom.Strong):
					if c.DataAtom != atom.Br {
						score += textRunes(c) - linkRunes(c)
					}
				}
			}
			if score > bestScore {
				best, bestScore = n, score
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if bestScore < 20 {
		return nil
	}
	return best
}

// cleanBodyLines renders the body node as lines and drops the title, the
// metadata lines (作者：, 责任编辑：, 来源：…) and leftover page chrome.
func cleanBodyLines(n *html.Node, title string) []string {
	var out []string
	for _, l := range blockLines(goquery.NewDocumentFromNode(n).Selection) {
		n := utf8.RuneCountInString(l)
		switch {
		case n > 120: // a paragraph, not a label line
			out = append(out, l)
		case l == title:
		case metaLineRe.MatchString(l) && n <= 80:
		case noiseLineRe.MatchString(l):
		case countLabels(l) >= 2:
		default:
			out = append(out, l)
		}
	}
	return out
}

// countLabels counts metadata labels in a line such as
// "时间：2024-03-15 来源：兴安盟行政公署办公室 点击：356".
func countLabels(l string) int {
	return len(labelRe.FindAllStringIndex(l, -1))
}

// blockElements start a new line when rendering text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Center: true, atom.Hr: true,
	atom.Address: true, atom.Figure: true, atom.Figcaption: true, atom.Main: true, atom.Aside: true,
	atom.Nav: true, atom.Form: true, atom.Title: true, atom.Caption: true, atom.Tbody: true,
}

// blockLines renders the text of s as lines: one per block element or <br>,
// with white space collapsed, spaces between Chinese characters removed and
// empty lines dropped.
func blockLines(s *goquery.Selection) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if l := normSpace(cur.String()); l != "" {
			lines = append(lines, l)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				if n.DataAtom != atom.Head {
					return
				}
			}
			if blockElements[n.DataAtom] {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	flush()
	return lines
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

func textRunes(n *html.Node) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			c += utf8.RuneCountInString(strings.TrimSpace(n.Data))
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return c
}

func linkRunes(n *html.Node) int {
	c := 0
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			inLink = true
		}
		if n.Type == html.TextNode && inLink {
			c += utf8.RuneCountInString(strings.TrimSpace(n.Data))
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inLink)
		}
	}
	walk(n, false)
	return c
}

// linkDensity is the share of the text of s that is link text.
func linkDensity(s *goquery.Selection) float64 {
	var text, links int
	for _, n := range s.Nodes {
		text += textRunes(n)
		links += linkRunes(n)
	}
	if text == 0 {
		return 0
	}
	return float64(links) / float64(text)
}

// cloneNode deep-copies n so that cleaning a page never changes the caller's
// document.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
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
