package searchapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

// The browser test drives the embedded dashboard in headless Chromium
// against the real HTTP API, with the labeled petition corpus analysed by
// nlp.Default() as data. Environment:
//
//	XINFANG_CHROMIUM          the browser binary (default: chromium on $PATH)
//	XINFANG_ARTIFACTS         keep the screenshots in $XINFANG_ARTIFACTS/screenshots
//	                          (default: a temporary directory, removed after the test)
//	XINFANG_DOCS_SCREENSHOT   also write the large-screen overview to this PNG path
//	                          (the README's docs/dashboard.png)

// findChromium returns the browser to drive, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("XINFANG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("chromium not installed: apt-get install -y chromium")
	return ""
}

// xssID is the id of the test record whose fields hold markup;
// bulletinID the id of the one bulletin.
const (
	xssID      = "T-MARKUP-1"
	bulletinID = "b7e1c0de00000000000000000000000000000000000000000000000000000001"
)

// dashboardDocs turns the labeled corpus into indexed documents analysed by
// the default analyzer.
func dashboardDocs(t *testing.T) []xinfang.Document {
	t.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatalf("fixtures.Petitions: %v", err)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatalf("nlp.Default: %v", err)
	}
	// A record full of markup: the dashboard must show it as text.
	labeled = append(labeled, fixtures.Labeled{Record: xinfang.Record{
		ID:         xssID,
		ReceivedAt: time.Date(2024, 5, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Channel:    xinfang.ChannelOnline,
		Region:     "内蒙古自治区包头市昆都仑区",
		Respondent: `某<i>劳务</i>公司`,
		Title:      `<img src=x onerror="window.__xss=1">拖欠工资的反映`,
		Content:    `昆都仑区某工地老板拖欠工资三个月 <script>window.__xss=2</script> <b>标记测试</b> & "引号" 共5人。`,
		Petitioner: &xinfang.Person{Name: `<b>王某某</b>`, Phone: "13900001234"},
	}})
	docs := make([]xinfang.Document, 0, len(labeled))
	for _, l := range labeled {
		rec := l.Record
		a := an.Analyze(rec.ID, rec.Title, rec.Content)
		docs = append(docs, xinfang.Document{
			ID:        rec.ID,
			Kind:      xinfang.KindPetition,
			Record:    &rec,
			Analysis:  a,
			IndexedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		})
	}
	// And one bulletin, the other kind of document.
	b := xinfang.Bulletin{
		ID:          bulletinID,
		URL:         "https://www.example.gov.cn/xfj/2024/0612.html",
		Title:       "兴安盟开展领导接访下访活动",
		PublishedAt: time.Date(2024, 6, 12, 8, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Source:      "兴安盟信访局",
		Content:     "6月11日，兴安盟领导在乌兰浩特市接待群众3批12人次，现场协调解决欠薪问题，70多名农民工拿到了91万余元工资。",
		FetchedAt:   time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC),
	}
	docs = append(docs, xinfang.Document{
		ID: b.ID, Kind: xinfang.KindBulletin, Bulletin: &b,
		Analysis:  an.Analyze(b.ID, b.Title, b.Content),
		IndexedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	return docs
}

// flakyIndex is the real index with a switch that makes searches fail as
// an unavailable index does, to show the dashboard's error state.
type flakyIndex struct {
	*index.Store
	fail *atomicBool
}

func (f flakyIndex) Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error) {
	if f.fail.get() {
		return xinfang.SearchResult{}, xinfang.Errorf(xinfang.EUNAVAILABLE, "index is reopening")
	}
	return f.Store.Search(ctx, req)
}

// dashboardServer serves the API (and with it the dashboard) over docs held
// in an in-memory index. failSearch, when set, makes every search fail.
func dashboardServer(t *testing.T, docs []xinfang.Document, failSearch *atomicBool) *httptest.Server {
	t.Helper()
	an, err := nlp.Default()
	if err != nil {
		t.Fatalf("nlp.Default: %v", err)
	}
	store, err := index.OpenMem(index.Options{SearchTimeout: time.Minute, CategoryLabel: an.CategoryLabel})
	if err != nil {
		t.Fatalf("index.OpenMem: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.Index(context.Background(), docs); err != nil {
		t.Fatalf("index %d documents: %v", len(docs), err)
	}
	// The test is not about time limits: on a loaded machine under -race
	// the board's queries take seconds, which must not turn into errors.
	srv, err := searchapi.New(searchapi.Config{Index: flakyIndex{store, failSearch}, Analyzer: an, RequestTimeout: time.Minute})
	if err != nil {
		t.Fatalf("searchapi.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

type atomicBool struct {
	mu sync.Mutex
	v  bool
}

func (b *atomicBool) set(v bool) { b.mu.Lock(); b.v = v; b.mu.Unlock() }
func (b *atomicBool) get() bool  { b.mu.Lock(); defer b.mu.Unlock(); return b.v }

// page is one browser tab on the dashboard, with the helpers the test needs.
type page struct {
	t      *testing.T
	ctx    context.Context
	base   string
	shots  string
	mu     sync.Mutex
	errors []string // uncaught exceptions in the page
}

func newPage(t *testing.T, base string) *page {
	t.Helper()
	exe := findChromium(t)
	// Not t.TempDir: Chromium's helpers can still write into the profile for
	// a moment after the browser stops, and a failed removal would fail the
	// test.
	profile, err := os.MkdirTemp("", "xinfang-chromium-")
	if err != nil {
		t.Fatalf("profile: %v", err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Env("LANG=zh_CN.UTF-8", "LANGUAGE=zh_CN:zh"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	p := &page{t: t, ctx: ctx, base: base, shots: screenshotDir(t)}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			p.mu.Lock()
			p.errors = append(p.errors, msg)
			p.mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	p.do(chromedp.EmulateViewport(1366, 768))
	// A Chinese locale as analysts have, and a browser far from China: the
	// dashboard must still show times in China time.
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "zh_CN"}); err != nil {
		t.Fatalf("set locale: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/New_York"}); err != nil {
		t.Fatalf("set time zone: %v", err)
	}
	// Without chart animations a click lands on a point where it is drawn.
	p.media("")
	return p
}

// media emulates a CSS media type ("print"; "" for the screen) and keeps
// reduced motion.
func (p *page) media(typ string) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media:    typ,
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		p.t.Fatalf("emulate media %q: %v", typ, err)
	}
}

func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("XINFANG_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots: %v", err)
	}
	return dir
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls until the expression is truthy, then until the dashboard
// has no request in flight.
func (p *page) waitFor(what, expr string) {
	p.t.Helper()
	full := fmt.Sprintf(`(%s) && document.body.dataset.busy === "0"`, expr)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](full,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))); err != nil {
		p.t.Fatalf("waiting for %s (%s): %v\npage text:\n%s", what, expr, err, p.text("body"))
	}
}

func (p *page) text(sel string) string {
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q)||{}).innerText||""`, sel)))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return v
}

func (p *page) click(sel string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

func (p *page) total() int {
	p.t.Helper()
	return eval[int](p, `Number(document.getElementById("results-total").dataset.total)`)
}

func (p *page) search() string {
	p.t.Helper()
	return eval[string](p, `decodeURIComponent(location.search)`)
}

// shot saves a PNG of the whole page (or of the viewport) as name.png.
func (p *page) shot(name string, full bool) string {
	p.t.Helper()
	// Let the layout and the charts' resize settle.
	p.do(chromedp.Sleep(300 * time.Millisecond))
	var act chromedp.Action[[]byte]
	if full {
		act = chromedp.FullScreenshot(100)
	} else {
		act = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(p.ctx, act)
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(p.shots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	return path
}

// noOverflow fails the test when the page is wider than the window, the
// usual sign of a label or table that does not fit.
func (p *page) noOverflow(what string) {
	p.t.Helper()
	if w := eval[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		p.t.Errorf("%s is %dpx wide in a %dpx window", what, w[0], w[1])
	}
}

func (p *page) exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// readDownloadedCSV waits for the one file the browser downloads into dir
// and parses it as CSV with a UTF-8 byte-order mark.
func readDownloadedCSV(t *testing.T, dir string) [][]string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatalf("downloads: %v", err)
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".csv") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatalf("downloads: %v", err)
			}
			if !bytes.HasPrefix(data, []byte("\ufeff")) {
				t.Errorf("%s does not start with a UTF-8 BOM", e.Name())
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatalf("parse %s: %v", e.Name(), err)
			}
			return rows
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("no CSV downloaded into %s (it holds %v)", dir, names)
	return nil
}

var rawPhone = regexp.MustCompile(`(^|[^\d*])1[3-9]\d{9}([^\d]|$)`)

func TestDashboardBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	findChromium(t)
	docs := dashboardDocs(t)
	var failSearch atomicBool
	ts := dashboardServer(t, docs, &failSearch)
	p := newPage(t, ts.URL)
	defer func() {
		if ex := p.exceptions(); len(ex) > 0 {
			t.Errorf("uncaught exceptions in the page:\n%s", strings.Join(ex, "\n"))
		}
		t.Logf("screenshots in %s", p.shots)
	}()
	// Each step starts from its own URL, so that one failing step leaves
	// the others meaningful.
	step := func(name string, f func(t *testing.T)) {
		t.Run(name, func(t *testing.T) {
			parent := p.t
			p.t = t
			defer func() { p.t = parent }()
			f(t)
		})
	}
	open := func(t *testing.T, path string) {
		t.Helper()
		p.do(chromedp.Navigate(ts.URL + path))
		p.waitFor("the page "+path, `document.querySelector("#facets .facet") || document.querySelector(".state-error, .state-empty")`)
	}

	step("overview", func(t *testing.T) {
		open(t, "/")
		p.waitFor("the first results", `document.querySelector("#results-total")`)
		if all := p.total(); all != len(docs) {
			t.Errorf("overview total = %d, want all %d documents", all, len(docs))
		}
		if n := eval[int](p, `document.querySelectorAll("#results .hit").length`); n != 20 {
			t.Errorf("first page shows %d hits, want 20", n)
		}
		p.waitFor("the charts", `document.querySelector("#trend-chart canvas") && document.querySelector("#city-chart canvas")`)
		if title := eval[string](p, `document.title`); !strings.Contains(title, "信访数据分析平台") {
			t.Errorf("title = %q, want the product name", title)
		}
		// Nothing is loaded from outside the server: the page must work offline.
		if ext := eval[[]string](p, `performance.getEntriesByType("resource").map(e => e.name).filter(u => !u.startsWith(location.origin))`); len(ext) > 0 {
			t.Errorf("the dashboard loaded resources from other origins: %v", ext)
		}
		// Every control has a name a screen reader can say.
		if unnamed := eval[[]string](p, `[...document.querySelectorAll("button, a[href], input, select")]
			.filter(e => e.getClientRects().length > 0)
			.filter(e => !(e.getAttribute("aria-label") || e.textContent.trim() || e.title || (e.labels && [...e.labels].some(l => l.textContent.trim()))))
			.map(e => e.outerHTML.slice(0, 100))`); len(unnamed) > 0 {
			t.Errorf("controls without an accessible name:\n%s", strings.Join(unnamed, "\n"))
		}
		p.shot("01-overview-1366", true)
		p.shot("01-first-screen-1366x768", false)
		p.noOverflow("the overview")
	})

	step("modules", func(t *testing.T) {
		open(t, "/")
		// The pure helpers of the page, run where they run: in the browser.
		failures, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`(async () => {
			const st = await import("./js/state.js");
			const dom = await import("./js/dom.js");
			const ex = await import("./js/export.js");
			const out = [];
			const check = (name, got, want) => { if (JSON.stringify(got) !== JSON.stringify(want)) out.push(name + ": got " + JSON.stringify(got) + ", want " + JSON.stringify(want)); };

			const url = "?view=clusters&q=%E6%AC%A0%E8%96%AA+city%3A%E5%85%B4%E5%AE%89%E7%9B%9F&category=noise&category=wage_arrears&from=2024-01-01&to=2024-02-01&sort=date&by=city&min=3&doc=X1";
			check("state round trip", st.toQuery(st.parseState(url, null)), url);
			const bad = st.parseState("?view=nope&sort=x&from=2024-13&to=tomorrow&min=1&interval=year&category=", null);
			check("bad values dropped", [bad.view, bad.sort, bad.from, bad.to, bad.min, bad.interval, bad.filters.category], ["search", "relevance", "", "", 2, "", []]);
			check("pages from history", st.parseState("", {pages: ["", "c1"]}).pages, ["", "c1"]);
			check("interval of two weeks", st.trendInterval({interval: "", from: "2024-01-01", to: "2024-01-14"}), "day");
			check("interval of half a year", st.trendInterval({interval: "", from: "2024-01-01", to: "2024-06-30"}), "week");
			check("interval without range", st.trendInterval({interval: "", from: "", to: ""}), "month");
			check("interval chosen", st.trendInterval({interval: "day", from: "", to: ""}), "day");

			const div = document.createElement("div");
			div.append(dom.markedText("a &lt;b&gt; <mark>工资</mark> &amp; &#34;x&#34; <script>alert(1)</script><mark>二"));
			check("snippet text", div.textContent, 'a <b> 工资 & "x" <script>alert(1)</script>二');
			check("snippet marks", [...div.querySelectorAll("mark")].map(m => m.textContent), ["工资", "二"]);
			check("snippet elements", div.querySelectorAll("*").length, 2);
			check("unescape", dom.unescapeHTML("&lt;&gt;&amp;&quot;&#39;&#x4E00;&bogus;"), "<>&\"'一&bogus;");
			const hl = document.createElement("div");
			hl.append(dom.highlightTerms("拖欠工资和工程款，工资", ["工资", "工程款", ""], "ev"));
			check("highlight", [...hl.querySelectorAll("mark.ev")].map(m => m.textContent), ["工资", "工程款", "工资"]);

			check("csv plain", ex.csvCell("兴安盟"), "兴安盟");
			check("csv quotes", ex.csvCell('a,"b"'), '"a,""b"""');
			check("csv formula", ex.csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
			check("csv minus", ex.csvCell("-1+2"), "'-1+2");
			check("csv null", ex.csvCell(null), "");
			return out;
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("run the module checks: %v", err)
		}
		for _, f := range failures {
			t.Error(f)
		}
	})

	step("keyboard", func(t *testing.T) {
		open(t, "/")
		// "/" focuses the search box, Esc closes the syntax help, a facet
		// value toggles with Enter.
		p.do(chromedp.KeyEvent("/"))
		if id := eval[string](p, `document.activeElement.id`); id != "q" {
			t.Errorf(`after "/" the focus is on %q, want the search box`, id)
		}
		// CDP sends the key's character as an event of its own, which a page
		// cannot cancel; in a browser the handler's preventDefault keeps the
		// "/" out of the box.
		eval[chromedp.Void](p, `document.getElementById("q").value = ""`)
		p.click("#syntax-toggle")
		p.waitFor("the syntax help", `!document.getElementById("syntax").hidden`)
		p.shot("01-syntax-help", false)
		p.do(chromedp.KeyEvent("\u001b"))
		p.waitFor("the syntax help to close", `document.getElementById("syntax").hidden`)
		eval[chromedp.Void](p, `document.querySelector('#facets .facet-value[data-facet="risk_level"][data-value="medium"]').focus()`)
		p.do(chromedp.KeyEvent("\r"))
		p.waitFor("the keyboard filter", `location.search.includes("risk_level=medium") && document.querySelector("#results-total")`)
	})

	step("figures", func(t *testing.T) {
		open(t, "/")
		// The 高风险 figure filters to exactly its number.
		high := eval[int](p, `Number(document.querySelector(".kpi-high .kpi-value").textContent.replace(/,/g, ""))`)
		p.click(".kpi-high")
		p.waitFor("the high-risk filter", `location.search.includes("risk_level=high") && document.querySelector("#results-total")`)
		if got := p.total(); got != high || high == 0 {
			t.Errorf("高风险 figure %d → total %d, want the same and not 0", high, got)
		}
		// 信访件次 and 集体访 count petitions, never the bulletins (which
		// the documents hold and the total counts).
		var pet struct {
			Total  int `json:"total"`
			Facets map[string][]struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"facets"`
		}
		getAPI(t, ts.URL+"/api/v1/search?size=0&kind=petition", &pet)
		group := 0
		for _, f := range pet.Facets["headcount"] {
			if f.Value == "5-29" || f.Value == "30+" {
				group += f.Count
			}
		}
		open(t, "/")
		figure := func(class string) string {
			return fmt.Sprintf(`Number(document.querySelector(".%s .kpi-value").textContent.replace(/,/g, ""))`, class)
		}
		p.waitFor("the petitions' figures", figure("kpi-total")+` > 0 && !isNaN(`+figure("kpi-group")+`)`)
		if got, all := eval[int](p, figure("kpi-total")), p.total(); got != pet.Total || got == all {
			t.Errorf("信访件次 = %d, want the %d petitions (all documents: %d)", got, pet.Total, all)
		}
		if got := eval[int](p, figure("kpi-group")); got != group {
			t.Errorf("集体访 = %d, want the %d petitions of 5 or more people", got, group)
		}
		// 涉及盟市 follows the 盟市 filter.
		open(t, "/?city="+url.QueryEscape("兴安盟"))
		p.waitFor("the city's figures", `location.search.includes("city=") && document.querySelector("#results-total")`)
		if got := eval[int](p, figure("kpi-cities")); got != 1 {
			t.Errorf("涉及盟市 = %d with the 盟市 filter 兴安盟, want 1", got)
		}
		// Bulletins, older than the petitions, get their own trend.
		open(t, "/?kind=bulletin")
		p.waitFor("the bulletins' trend", `document.querySelector("#trend-chart canvas") || document.querySelector("#trend-chart .state")`)
		if eval[bool](p, `!document.querySelector("#trend-chart canvas")`) {
			t.Errorf("the bulletins show no trend: %s", p.text("#trend-chart"))
		}
	})

	step("trend drill-down", func(t *testing.T) {
		open(t, "/")
		p.waitFor("the trend chart", `document.querySelector("#trend-chart canvas")`)
		// A click on the largest point of the trend chart narrows to that
		// category and period, and finds as many documents as the point shows.
		point := eval[struct {
			X, Y  float64
			Name  string
			Count int
		}](p, `(() => {
			const el = document.getElementById("trend-chart");
			const c = echarts.getInstanceByDom(el);
			const series = c.getOption().series;
			let best = 0, most = -1;
			series.forEach((s, i) => { const m = Math.max(...s.data); if (m > most) { best = i; most = m; } });
			const data = series[best].data, j = data.indexOf(most);
			const [x, y] = c.convertToPixel({seriesIndex: best}, [j, most]);
			const r = el.getBoundingClientRect();
			return {X: r.left + x, Y: r.top + y, Name: series[best].name, Count: most};
		})()`)
		p.do(chromedp.MouseClickXY(point.X, point.Y))
		p.waitFor("the trend drill-down", `location.search.includes("from=") && location.search.includes("category=") && document.querySelector("#results-total")`)
		if got := p.total(); got != point.Count {
			t.Errorf("trend point %s (%d documents) → %s: total = %d, want %d", point.Name, point.Count, p.search(), got, point.Count)
		}
	})

	step("paging", func(t *testing.T) {
		open(t, "/")
		firstID := eval[string](p, `document.querySelector("#results .hit").dataset.id`)
		p.click("#page-next")
		p.waitFor("page 2", `document.querySelector(".pager-info") && document.querySelector(".pager-info").textContent.includes("第 2 ")`)
		if id := eval[string](p, `document.querySelector("#results .hit").dataset.id`); id == firstID {
			t.Errorf("page 2 starts with %s, the same document as page 1", id)
		}
		p.click("#page-prev")
		p.waitFor("page 1 again", `document.querySelector(".pager-info").textContent.includes("第 1 ")`)
		if id := eval[string](p, `document.querySelector("#results .hit").dataset.id`); id != firstID {
			t.Errorf("back on page 1 the first hit is %s, want %s", id, firstID)
		}
		// A stale cursor kept in history (after a reload, say) falls back to
		// page 1 instead of an error.
		eval[chromedp.Void](p, `history.replaceState({pages: ["", "c3RhbGU"], fromApp: true}, "", location.href)`)
		p.do(chromedp.Reload())
		p.waitFor("page 1 after a stale cursor", `document.querySelector(".pager-info") && document.querySelector(".pager-info").textContent.includes("第 1 ")`)
	})

	step("search, filter, export, open, go back", func(t *testing.T) {
		open(t, "/")
		all := p.total()
		// A search narrows the results and marks the matched words.
		p.do(chromedp.SendKeys(chromedp.ID("q"), "工资\r"))
		p.waitFor("the search for 工资", `location.search.includes("q=") && document.querySelector("#results-total")`)
		queried := p.total()
		if queried == 0 || queried >= all {
			t.Fatalf("search 工资: total = %d, want between 1 and %d", queried, all-1)
		}
		if n := eval[int](p, `document.querySelectorAll("#results .snippet mark").length`); n == 0 {
			t.Errorf("search 工资: no <mark> in the snippets")
		}
		if s := p.search(); !strings.Contains(s, "q=工资") {
			t.Errorf("URL query = %q, want q=工资", s)
		}
		if !strings.Contains(p.text("#chips"), "检索词：工资") {
			t.Errorf("chips = %q, want the query chip", p.text("#chips"))
		}

		// A click on a facet value filters to exactly its count.
		facet := eval[struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		}](p, `(() => { const b = [...document.querySelectorAll('#facets [data-facet="city"] .facet-value')]
			.find(b => Number(b.querySelector(".facet-count").textContent.replace(/,/g, "")) < Number(document.getElementById("results-total").dataset.total));
			return b ? {value: b.dataset.value, count: Number(b.querySelector(".facet-count").textContent.replace(/,/g, ""))} : {value: "", count: 0}; })()`)
		if facet.Value == "" {
			t.Fatalf("no city facet value with fewer than %d documents; facets:\n%s", queried, p.text("#facets"))
		}
		p.click(fmt.Sprintf(`#facets .facet-value[data-facet="city"][data-value=%q]`, facet.Value))
		p.waitFor("the city filter", fmt.Sprintf(`decodeURIComponent(location.search).includes("city=%s") && document.querySelector("#results-total")`, facet.Value))
		if got := p.total(); got != facet.Count || got == queried {
			t.Errorf("after clicking city %s (count %d): total = %d (was %d), want %d", facet.Value, facet.Count, got, queried, facet.Count)
		}
		if chips := p.text("#chips"); !strings.Contains(chips, "盟市："+facet.Value) {
			t.Errorf("chips = %q, want 盟市：%s", chips, facet.Value)
		}
		if on := eval[bool](p, fmt.Sprintf(`document.querySelector('#facets .facet-value[data-value=%q]').getAttribute("aria-pressed") === "true"`, facet.Value)); !on {
			t.Errorf("the clicked facet value is not shown as selected")
		}
		p.shot("02-search-filtered", true)

		// Export the filtered results as CSV: every hit, one row each.
		downloads := t.TempDir()
		if _, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		}); err != nil {
			t.Fatalf("allow downloads: %v", err)
		}
		p.click("#export-csv")
		p.waitFor("the export", `document.getElementById("export-csv").textContent.startsWith("已导出")`)
		rows := readDownloadedCSV(t, downloads)
		if len(rows) != facet.Count+1 || len(rows[0]) == 0 || rows[0][0] != "编号" {
			t.Errorf("exported CSV has %d rows (header %v), want a header and %d rows", len(rows), rows[0], facet.Count)
		}
		for _, r := range rows[1:] {
			if len(r) < 5 || r[4] != facet.Value {
				t.Errorf("exported row %v: 盟市 is not %s", r, facet.Value)
				break
			}
		}

		// Open a document: its masked text and its analysis.
		docID := eval[string](p, `document.querySelector("#results .hit").dataset.id`)
		p.click("#results .hit .hit-title")
		p.waitFor("the document", `document.querySelector("#doc-title") && !document.getElementById("doc-drawer").hidden`)
		if s := p.search(); !strings.Contains(s, "doc="+docID) {
			t.Errorf("URL query = %q, want doc=%s", s, docID)
		}
		drawer := p.text("#doc-drawer")
		for _, want := range []string{docID, "基本信息", "正文", "分析结果", "风险"} {
			if !strings.Contains(drawer, want) {
				t.Errorf("document view lacks %q:\n%s", want, drawer)
			}
		}
		if m := rawPhone.FindString(drawer); m != "" {
			t.Errorf("document view shows an unmasked phone number %q", m)
		}
		p.shot("03-document", false)

		// Printed, the document stands alone.
		p.media("print")
		if shown := eval[[]string](p, `[".topbar", ".sidebar", "#results", ".drawer-bar"].filter(s => document.querySelector(s).getClientRects().length > 0)`); len(shown) > 0 {
			t.Errorf("printing the document also prints %v", shown)
		}
		p.shot("03-document-print", true)
		p.media("")

		// Esc closes it; back and forward walk the filter history.
		p.do(chromedp.KeyEvent("\u001b"))
		p.waitFor("the drawer to close", `document.getElementById("doc-drawer").hidden && !location.search.includes("doc=")`)
		p.do(chromedp.NavigateBack())
		p.waitFor("the state before the city filter", `!decodeURIComponent(location.search).includes("city=") && document.querySelector("#results-total")`)
		if got := p.total(); got != queried {
			t.Errorf("after back: total = %d, want %d", got, queried)
		}
		p.do(chromedp.NavigateForward())
		p.waitFor("the city filter again", `decodeURIComponent(location.search).includes("city=") && document.querySelector("#results-total")`)
		if got := p.total(); got != facet.Count {
			t.Errorf("after forward: total = %d, want %d", got, facet.Count)
		}

		// A bookmarked URL restores the same view.
		url := eval[string](p, `location.href`)
		p.do(chromedp.Navigate(url))
		p.waitFor("the bookmarked view", `document.querySelector("#results-total")`)
		if got, q := p.total(), eval[string](p, `document.getElementById("q").value`); got != facet.Count || q != "工资" {
			t.Errorf("reloaded %s: total %d, q %q; want %d, 工资", url, got, q, facet.Count)
		}
	})

	step("risk board", func(t *testing.T) {
		open(t, "/?q=工资")
		p.click(`.tab[data-view="risks"]`)
		p.waitFor("the risk board", `document.querySelector(".risk-cols")`)
		for _, level := range []string{"high", "medium"} {
			if n := eval[int](p, fmt.Sprintf(`document.querySelectorAll(".risk-col-%s .risk-item").length`, level)); n == 0 {
				t.Errorf("the risk board lists no %s-risk record", level)
			}
			if bad := eval[int](p, fmt.Sprintf(`[...document.querySelectorAll(".risk-col-%[1]s .risk-badge")].filter(b => !b.classList.contains("risk-%[1]s")).length`, level)); bad > 0 {
				t.Errorf("%d records in the %s column are of another level", bad, level)
			}
			// Newest first.
			if dates := eval[[]string](p, fmt.Sprintf(`[...document.querySelectorAll(".risk-col-%s .risk-item .hit-meta span:first-child")].map(e => e.textContent)`, level)); !sort.IsSorted(sort.Reverse(sort.StringSlice(dates))) {
				t.Errorf("the %s column is not newest first: %v", level, dates)
			}
		}
		p.click(`#chips .filter-chip-x`) // drop the query: the board ignores it anyway
		p.waitFor("the board without the query", `!location.search.includes("q=") && document.querySelector(".risk-cols")`)
		p.shot("04-risks", true)
		p.noOverflow("the risk board")
	})

	step("trend tooltip", func(t *testing.T) {
		// The trend tooltip gives 人次 next to 件次.
		open(t, "/")
		p.waitFor("the trend chart", `window.echarts && echarts.getInstanceByDom(document.getElementById("trend-chart")) && echarts.getInstanceByDom(document.getElementById("trend-chart")).getOption().series.length > 0`)
		tip := eval[string](p, `(() => {
			const c = echarts.getInstanceByDom(document.getElementById("trend-chart"));
			const n = c.getOption().xAxis[0].data.length;
			c.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: n - 1 });
			const el = document.querySelector("#trend-chart div[style*='z-index']") || document.querySelector("#trend-chart");
			return el.textContent;
		})()`)
		if !strings.Contains(tip, "件次") || !strings.Contains(tip, "人次") {
			t.Errorf("trend tooltip %q, want 件次 and 人次", tip)
		}
	})

	step("handling", func(t *testing.T) {
		// The 超期 figure filters to exactly its number.
		open(t, "/")
		p.waitFor("the figures", `document.querySelector(".kpi-overdue .kpi-value") && /\d/.test(document.querySelector(".kpi-overdue .kpi-value").textContent)`)
		overdue := eval[int](p, `Number(document.querySelector(".kpi-overdue .kpi-value").textContent.replace(/,/g, ""))`)
		p.click(".kpi-overdue")
		p.waitFor("the overdue filter", `location.search.includes("overdue=true") && document.querySelector("#results-total")`)
		if got := p.total(); got != overdue || overdue == 0 {
			t.Errorf("超期 figure %d → total %d, want the same and not 0", overdue, got)
		}
		if n := eval[int](p, `document.querySelectorAll(".hit .badge-overdue").length`); n == 0 {
			t.Errorf("no overdue badge on the overdue hits")
		}
		// The 办理时效 view shows the API's figures.
		open(t, "/?view=handling")
		p.waitFor("the handling table", `document.querySelector("#handling-table tr.overall")`)
		resp, err := http.Get(ts.URL + "/api/v1/handling?by=city&size=50")
		if err != nil {
			t.Fatal(err)
		}
		var api struct {
			Overall struct {
				Records int `json:"records"`
				Overdue int `json:"overdue"`
			} `json:"overall"`
			Groups []struct{ Key string } `json:"groups"`
		}
		err = json.NewDecoder(resp.Body).Decode(&api)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		cells := eval[[]string](p, `[...document.querySelectorAll("#handling-table tr.overall td")].map(e => e.textContent.replace(/,/g, ""))`)
		if len(cells) < 5 || cells[1] != fmt.Sprint(api.Overall.Records) || cells[4] != fmt.Sprint(api.Overall.Overdue) {
			t.Errorf("overall row %v, want %d records and %d overdue as the API", cells, api.Overall.Records, api.Overall.Overdue)
		}
		if rows := eval[int](p, `document.querySelectorAll("#handling-table tbody tr:not(.overall)").length`); rows != len(api.Groups) {
			t.Errorf("%d group rows, want %d", rows, len(api.Groups))
		}
		p.shot("05-handling", true)
		// A 盟市 filters, and the view stays.
		p.click(`#handling-table tbody tr:not(.overall) a`)
		p.waitFor("the 盟市 filter", `location.search.includes("city=") && location.search.includes("view=handling") && document.querySelector("#handling-table tr.overall")`)
	})

	step("weekly report", func(t *testing.T) {
		// The briefing of the busiest week renders and shows the API's
		// totals for that week's petitions.
		getJSON := func(path string, v any) {
			t.Helper()
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
		}
		var hist xinfang.SearchResult
		getJSON("/api/v1/search?kind=petition&size=0&interval=week", &hist)
		var best xinfang.Bucket
		for _, b := range hist.Histogram.Buckets {
			if b.Count > best.Count {
				best = b
			}
		}
		y, w := best.Start.ISOWeek()
		week := fmt.Sprintf("%d-W%02d", y, w)
		var res xinfang.SearchResult
		getJSON("/api/v1/search?kind=petition&size=0&from="+best.Start.Format(time.DateOnly)+"&to="+best.Start.AddDate(0, 0, 6).Format(time.DateOnly), &res)
		p.do(chromedp.Navigate(ts.URL + "/api/v1/reports/weekly?week=" + week))
		// Not the dashboard: no busy mark to wait for.
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](`document.querySelector("#overdue") && document.querySelector("svg rect")`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("waiting for the briefing of %s: %v\npage text:\n%s", week, err, p.text("body"))
		}
		got := eval[[]string](p, `["records", "people"].map(k => document.querySelector('[data-k="' + k + '"]').textContent.replace(/,/g, ""))`)
		if want := []string{fmt.Sprint(res.Total), fmt.Sprint(res.People)}; strings.Join(got, " ") != strings.Join(want, " ") || res.Total == 0 {
			t.Errorf("briefing of %s shows 件次, 人次 %v, want %v as the API", week, got, want)
		}
		if n := eval[int](p, `document.querySelectorAll("svg rect").length`); n != 7 {
			t.Errorf("daily chart has %d bars, want 7", n)
		}
		p.shot("06-weekly-report", true)
	})

	step("clusters", func(t *testing.T) {
		open(t, "/?view=clusters")
		p.waitFor("the clusters", `document.querySelector("#clusters .card")`)
		if n := eval[int](p, `document.querySelectorAll("#clusters tbody tr").length`); n == 0 {
			t.Fatalf("no clusters in the corpus with the current analysis")
		}
		// A sample document opens from its cluster.
		p.click("#clusters tbody tr .sample-link")
		p.waitFor("a sample document", `document.querySelector("#doc-title")`)
		// Its similar records (the cluster's other members among them) and
		// its related bulletins, each link with its reasons.
		p.waitFor("the similar records", `document.querySelector("#doc-similar") && document.querySelector("#doc-bulletins")`)
		if n := eval[int](p, `document.querySelectorAll("#doc-similar .link-list li").length`); n == 0 {
			t.Errorf("a cluster's sample shows no similar records")
		}
		if r := p.text("#doc-similar .link-reasons"); r == "" {
			t.Errorf("a similar record shows no reason")
		}
		p.do(chromedp.KeyEvent("\u001b"))
		p.waitFor("the drawer to close", `document.getElementById("doc-drawer").hidden`)
		p.shot("05-clusters", true)
		p.noOverflow("the clusters")
		// A cluster's subject searches its documents.
		if eval[int](p, `document.querySelectorAll("#clusters tbody tr .cluster-subject button").length`) > 0 {
			count := eval[int](p, `Number(document.querySelector("#clusters tbody tr .cluster-subject button").closest("tr").querySelector("td.num").textContent.replace(/,/g, ""))`)
			p.click("#clusters tbody tr .cluster-subject button")
			p.waitFor("the subject search", `location.search.includes("q=subject") && document.querySelector("#results-total")`)
			if got := p.total(); got < count {
				t.Errorf("searching the subject of a cluster of %d documents found %d (%s)", count, got, p.search())
			}
		}
		// A cluster's count opens exactly its members.
		open(t, "/?view=clusters")
		p.waitFor("the clusters", `document.querySelector("#clusters tbody tr .cluster-open")`)
		n := eval[int](p, `document.querySelectorAll("#clusters tbody tr .cluster-open").length`)
		for i := 0; i < n && i < 3; i++ {
			if i > 0 {
				open(t, "/?view=clusters")
				p.waitFor("the clusters", `document.querySelector("#clusters tbody tr .cluster-open")`)
			}
			count := eval[int](p, fmt.Sprintf(`Number(document.querySelectorAll("#clusters tbody tr .cluster-open")[%d].textContent.replace(/,/g, ""))`, i))
			eval[bool](p, fmt.Sprintf(`(document.querySelectorAll("#clusters tbody tr .cluster-open")[%d].click(), true)`, i))
			p.waitFor("the cluster's members", `location.search.includes("cluster=") && document.querySelector("#cluster-note") && document.querySelector("#results-total")`)
			if got := p.total(); got != count {
				t.Errorf("cluster %d of %d records opens %d (%s)", i, count, got, p.search())
			}
		}
		p.click("#cluster-clear")
		p.waitFor("the cluster to be left", `!location.search.includes("cluster=") && !document.querySelector("#cluster-note")`)
	})

	step("concept search", func(t *testing.T) {
		open(t, "/?q="+url.QueryEscape("欠薪"))
		p.waitFor("the expansion note", `document.querySelector("#expansion-note #expand-off") && document.querySelector("#results-total")`)
		expanded := p.total()
		eval[bool](p, `(performance.clearResourceTimings(), true)`)
		p.click("#expand-off")
		p.waitFor("the words as written", `location.search.includes("expand=false") && document.querySelector("#expand-on")`)
		p.waitFor("the narrower total", fmt.Sprintf(`Number(document.querySelector("#results-total").dataset.total) < %d`, expanded))
		// The trend and the counts read the words as written too.
		asked := func(route string) string {
			return fmt.Sprintf(`performance.getEntriesByType("resource").some((e) => e.name.includes("/api/v1/%s?") && e.name.includes("expand=false"))`, route)
		}
		p.waitFor("the trend with expand=false", asked("trends"))
		for _, view := range []string{"clusters", "handling"} {
			eval[bool](p, `(performance.clearResourceTimings(), true)`)
			open(t, "/?view="+view+"&expand=false&q="+url.QueryEscape("欠薪"))
			p.waitFor(view+" with expand=false", asked(view))
		}
		open(t, "/?expand=false&q="+url.QueryEscape("欠薪"))
		p.waitFor("the words as written", `document.querySelector("#expand-on") && document.querySelector("#results-total")`)
		p.click("#expand-on")
		p.waitFor("expansion back on", `!location.search.includes("expand=false") && document.querySelector("#expand-off")`)
		// A typo: the intended word offered as a link that searches it.
		open(t, "/?q="+url.QueryEscape("扰名"))
		p.waitFor("the suggestion", `document.querySelector("#results a.suggestion")`)
		if first := p.text("#results a.suggestion"); first != "扰民" {
			t.Errorf("扰名: first suggestion %q, want 扰民", first)
		}
		p.click("#results a.suggestion")
		p.waitFor("the suggested search", `new URLSearchParams(location.search).get("q") === "扰民" && Number((document.querySelector("#results-total") || {dataset: {}}).dataset.total) > 0`)
	})

	step("error states", func(t *testing.T) {
		// No match: an empty state.
		open(t, "/?q="+"不存在的说法xyzzy")
		p.waitFor("the empty state", `document.querySelector("#results .state-empty")`)
		if msg := p.text("#results"); !strings.Contains(msg, "没有找到") {
			t.Errorf("empty state = %q, want 没有找到…", msg)
		}
		// A broken query: the API's reason, in a Chinese frame.
		open(t, "/?q="+"%22%E6%AC%A0%E8%96%AA") // "欠薪 with no closing quote
		p.waitFor("the query error", `document.querySelector("#results .state-error")`)
		if msg := p.text("#results"); !strings.Contains(msg, "请求有误") || !strings.Contains(msg, "检索语法") {
			t.Errorf("invalid query state = %q, want 请求有误 and a hint about the syntax", msg)
		}
		// The index away: 服务暂时不可用, and a retry that works.
		failSearch.set(true)
		defer failSearch.set(false)
		open(t, "/?q="+"拖欠")
		p.waitFor("the error", `document.querySelector("#results .state-error")`)
		if msg := p.text("#results"); !strings.Contains(msg, "服务暂时不可用") || !strings.Contains(msg, "重试") {
			t.Errorf("error state = %q, want 服务暂时不可用 and a 重试 button", msg)
		}
		p.shot("06-error", false)
		failSearch.set(false)
		p.click("#results .state-error button")
		p.waitFor("the results after retry", `document.querySelector("#results-total")`)
	})

	step("bulletin", func(t *testing.T) {
		open(t, "/")
		p.click(`#facets .facet-value[data-facet="kind"][data-value="bulletin"]`)
		p.waitFor("the bulletins", `location.search.includes("kind=bulletin") && document.querySelector("#results-total")`)
		if got := p.total(); got != 1 {
			t.Errorf("kind=bulletin: total = %d, want the one bulletin", got)
		}
		p.click("#results .hit .hit-title")
		p.waitFor("the bulletin", `document.querySelector("#doc-title")`)
		drawer := p.text("#doc-drawer")
		for _, want := range []string{"兴安盟开展领导接访下访活动", "来源", "兴安盟信访局", "发布时间", "2024-06-12 08:00", "公开通报"} {
			if !strings.Contains(drawer, want) {
				t.Errorf("bulletin view lacks %q:\n%s", want, drawer)
			}
		}
		if rel := eval[string](p, `document.querySelector("#doc-drawer a.ext-link").rel`); !strings.Contains(rel, "noopener") || !strings.Contains(rel, "noreferrer") {
			t.Errorf("the bulletin's link has rel %q, want noopener noreferrer", rel)
		}
		p.waitFor("the petitions of the bulletin", `document.querySelector("#doc-petitions")`)
	})

	step("markup in a record", func(t *testing.T) {
		// Shown as text, in the list and in the document; and times in
		// China time although the browser is in New York.
		open(t, "/?q="+"标记测试")
		p.waitFor("the record with markup", `document.querySelector("#results .hit")`)
		p.click("#results .hit .hit-title")
		p.waitFor("its document", `document.querySelector("#doc-title")`)
		if n := eval[int](p, `document.querySelectorAll("#results img, #results script, #results b, #doc-drawer img, #doc-drawer script, #doc-drawer b, #doc-drawer i").length`); n > 0 {
			t.Errorf("markup from a record became %d elements", n)
		}
		if xss := eval[bool](p, `window.__xss !== undefined`); xss {
			t.Errorf("a script from a record ran")
		}
		if title := p.text("#doc-title"); !strings.Contains(title, "<img") {
			t.Errorf("document title = %q, want the markup shown as text", title)
		}
		if hit := p.text("#results .hit-title"); !strings.Contains(hit, "<img") {
			t.Errorf("hit title = %q, want the markup shown as text", hit)
		}
		if drawer := p.text("#doc-drawer"); !strings.Contains(drawer, "2024-05-01 09:00") {
			t.Errorf("document view lacks the receipt time in China time, 2024-05-01 09:00:\n%s", drawer)
		}
	})

	step("dates typed key by key", func(t *testing.T) {
		// The field order of a date input follows the browser's language
		// (mm/dd/yyyy here, yyyy/mm/dd in a Chinese build): find it first.
		open(t, "/")
		keys := "03012024"
		p.do(chromedp.Focus("#from"), chromedp.SendKeys("#from", keys))
		if eval[string](p, `document.getElementById("from").value`) != "2024-03-01" {
			keys = "20240301"
		}
		open(t, "/")
		before := eval[int](p, `history.length`)
		searches := eval[int](p, `performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/search") && !e.name.includes("size=0")).length`)
		p.do(chromedp.Focus("#from"), chromedp.SendKeys("#from", keys))
		p.waitFor("the date search", `location.search.includes("from=2024-03-01")`)
		time.Sleep(800 * time.Millisecond) // no late search of a partial date
		if got := eval[int](p, `history.length`) - before; got > 1 {
			t.Errorf("typing a date made %d history entries, want 1", got)
		}
		if got := eval[int](p, `performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/search") && !e.name.includes("size=0")).length`) - searches; got > 2 {
			t.Errorf("typing a date ran %d searches", got)
		}
		if bad := eval[[]string](p, `performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/") && e.responseStatus >= 400).map((e) => e.responseStatus + " " + e.name)`); len(bad) > 0 {
			t.Errorf("typing a date made requests fail: %v", bad)
		}
		// A "to" before "from": a message, focus stays, nothing is cleared.
		toKeys := "01012023"
		if keys == "20240301" {
			toKeys = "20230101"
		}
		p.do(chromedp.Focus("#to"), chromedp.SendKeys("#to", toKeys))
		p.waitFor("the range message", `!document.getElementById("form-error").hidden`)
		if id := eval[string](p, `document.activeElement.id`); id != "to" {
			t.Errorf("focus moved to %q after an impossible range", id)
		}
		if v := eval[string](p, `document.getElementById("from").value`); v != "2024-03-01" {
			t.Errorf("from = %q after an impossible range, want it kept", v)
		}
		if strings.Contains(p.search(), "to=") {
			t.Errorf("an impossible range reached the URL: %s", p.search())
		}
	})

	// keyboardFlow goes from the search box to the first result by the
	// skip link and toggles a facet from the keyboard, at any width.
	keyboardFlow := func(t *testing.T) {
		open(t, "/")
		p.do(chromedp.Focus("#q"))
		presses := 0
		for ; presses < 12; presses++ {
			if eval[string](p, `document.activeElement.id`) == "skip-results" {
				break
			}
			p.do(chromedp.KeyEvent("\t"))
		}
		if presses == 12 {
			t.Fatalf("the skip link to the results is not within 12 Tab presses of the search box")
		}
		p.do(chromedp.KeyEvent("\r"))
		// The results' own controls (export) may come first; the first hit
		// within three presses.
		cls := ""
		for i := 0; i < 3 && !strings.Contains(cls, "hit-title"); i++ {
			p.do(chromedp.KeyEvent("\t"))
			cls = eval[string](p, `document.activeElement.className`)
		}
		if !strings.Contains(cls, "hit-title") {
			t.Errorf("after the skip link, Tab reaches %q, want the first result", cls)
		}
		// A facet toggled from the keyboard keeps the focus on its button.
		p.do(chromedp.Focus(`#facets .facet-value[data-facet="channel"]`))
		value := eval[string](p, `document.activeElement.dataset.value`)
		p.do(chromedp.KeyEvent("\r"))
		p.waitFor("the facet filter", `location.search.includes("channel=")`)
		p.waitFor("the facets again", `document.querySelector("#facets .facet-value") && !document.getElementById("facets").getAttribute("aria-busy")?.includes("true")`)
		time.Sleep(300 * time.Millisecond)
		if got := eval[string](p, `(document.activeElement.dataset || {}).value || document.activeElement.tagName`); got != value {
			t.Errorf("after toggling facet %q the focus is on %q", value, got)
		}
	}
	step("keyboard to results, focus after a facet", keyboardFlow)

	step("titles marked, trend range, fuzzy example", func(t *testing.T) {
		open(t, "/?q="+url.QueryEscape("工资"))
		p.waitFor("the results", `document.querySelector("#results .hit")`)
		if n := eval[int](p, `[...document.querySelectorAll("#results .hit")].filter((h) => h.querySelector(".hit-title").textContent.includes("工资") && !h.querySelector(".hit-title mark") && !h.querySelector(".hit-title .untitled")).length`); n > 0 {
			t.Errorf("%d hits with 工资 in the title show it unmarked: %v", n, eval[[]string](p, `[...document.querySelectorAll("#results .hit .hit-title")].filter((a) => a.textContent.includes("工资") && !a.querySelector("mark") && !a.querySelector(".untitled")).map((a) => a.innerHTML)`))
		}
		p.waitFor("the trend range", `document.querySelector("#trend-range") && /\d{4}-\d{2}-\d{2} 至/.test(document.querySelector("#trend-range").textContent)`)
		if m := p.text("#trend-note"); !strings.Contains(m, "判定方法：激增") {
			t.Errorf("the spike method is not in Chinese: %q", m)
		}
		open(t, "/?q="+url.QueryEscape("烂尾楼~"))
		p.waitFor("the fuzzy example", `document.querySelector("#results-total") || document.querySelector("#results .state-error")`)
		if eval[bool](p, `!!document.querySelector("#results .state-error")`) {
			t.Errorf("the syntax help's fuzzy example fails: %s", p.text("#results"))
		}
	})

	step("phone width", func(t *testing.T) {
		p.do(chromedp.EmulateViewport(390, 844))
		defer p.do(chromedp.EmulateViewport(1366, 768))
		open(t, "/")
		p.waitFor("the results", `document.querySelector("#results .hit")`)
		if clipped := eval[[]string](p, `[...document.querySelectorAll(".tab")].filter((a) => a.scrollWidth > a.clientWidth + 1 || a.getBoundingClientRect().right > innerWidth + 1).map((a) => a.textContent)`); len(clipped) > 0 {
			t.Errorf("tabs clipped at 390 px: %v", clipped)
		}
		if eval[bool](p, `document.getElementById("facets").getBoundingClientRect().top < document.getElementById("results").getBoundingClientRect().top`) {
			t.Errorf("at 390 px the facets stand before the results")
		}
		p.noOverflow("the phone layout")
		p.shot("08-phone-390", false)
		keyboardFlow(t)
	})

	step("large screen", func(t *testing.T) {
		// The README's picture.
		p.do(chromedp.EmulateViewport(1920, 1080))
		defer p.do(chromedp.EmulateViewport(1366, 768))
		open(t, "/?sort=risk")
		p.waitFor("the large overview", `document.querySelector("#results-total") && document.querySelector("#trend-chart canvas")`)
		p.noOverflow("the large overview")
		path := p.shot("07-overview-1920", false)
		if dst := os.Getenv("XINFANG_DOCS_SCREENSHOT"); dst != "" {
			data, err := os.ReadFile(path)
			if err == nil {
				err = os.WriteFile(dst, data, 0o644)
			}
			if err != nil {
				t.Errorf("write %s: %v", dst, err)
			}
		}
	})
}

// getAPI decodes the JSON answer of a GET to the test server.
func getAPI(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}
