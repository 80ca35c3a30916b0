// The body of an article page: the site's selector, else readability on the
// page without its chrome (navigation, share bars, footers), else the densest
// block of text; then rendered as lines without the title, metadata lines and
// leftover chrome.

package crawl

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
