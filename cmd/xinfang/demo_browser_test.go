package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDemoBrowser opens the dashboard of a running `xinfang demo` (data that
// came through Kafka and the crawler) in headless Chromium, as an analyst
// would: it searches, clicks a facet and sees the count change, and opens a
// document. Screenshots go to $XINFANG_ARTIFACTS/screenshots (or a
// temporary directory). The dashboard's own detailed browser test is
// searchapi's TestDashboardBrowser.
func TestDemoBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline and a browser")
	}
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Skip("chromium not installed: apt-get install -y chromium")
	}
	shots := t.TempDir()
	if dir := os.Getenv("XINFANG_ARTIFACTS"); dir != "" {
		shots = filepath.Join(dir, "screenshots")
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, _, _ := startDemo(t, ctx, "--generate", "300")
	defer func() {
		cancel()
		<-done
	}()

	profile, err := os.MkdirTemp("", "xinfang-demo-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	defer cancelAlloc()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 10*time.Minute)
	defer cancelT()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		do("settle", chromedp.Sleep(300*time.Millisecond))
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	total := func() int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`Number(document.getElementById("results-total").dataset.total)`))
		if err != nil {
			t.Fatalf("read the total: %v", err)
		}
		return n
	}
	// waitFor polls until expr is truthy and the dashboard has no request in flight.
	waitFor := func(what, expr string) {
		t.Helper()
		full := fmt.Sprintf(`(%s) && document.body.dataset.busy === "0"`, expr)
		if _, err := chromedp.Run(bctx, chromedp.Poll[chromedp.Void](full,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
	waitTotal := func(what, ok string) {
		t.Helper()
		waitFor(what, `document.querySelector("#results-total") && (`+ok+`)`)
	}

	do("open the dashboard", chromedp.Navigate(base))
	waitTotal("the first results", "true")
	all := total()
	if all < 300 {
		t.Fatalf("dashboard total = %d, want the demo's documents (at least 300)", all)
	}
	shot("demo-01-overview")

	do("search", chromedp.SendKeys(chromedp.ID("q"), "工资\r"))
	waitTotal("the search results", `decodeURIComponent(location.search).includes("q=工资")`)
	queried := total()
	if queried == 0 || queried >= all {
		t.Fatalf("searching 工资: total %d, want some of the %d documents", queried, all)
	}

	facet, err := chromedp.Run(bctx, chromedp.Evaluate[struct {
		Value string
		Count int
	}](`(() => {
		const b = [...document.querySelectorAll('#facets [data-facet="city"] .facet-value')]
			.find(b => Number(b.querySelector(".facet-count").textContent.replace(/,/g, "")) < Number(document.getElementById("results-total").dataset.total));
		return b ? {value: b.dataset.value, count: Number(b.querySelector(".facet-count").textContent.replace(/,/g, ""))} : {value: "", count: 0}; })()`))
	if err != nil {
		t.Fatalf("pick a city facet: %v", err)
	}
	if facet.Value == "" {
		t.Fatal("no city facet value with fewer documents than the search")
	}
	do("click the facet", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#facets .facet-value[data-facet="city"][data-value=%q]`, facet.Value)), chromedp.NodeVisible))
	waitTotal("the filtered results", fmt.Sprintf(`decodeURIComponent(location.search).includes("city=%s")`, facet.Value))
	if got := total(); got != facet.Count || got == queried {
		t.Errorf("after clicking city %s (count %d): total %d (was %d), want %d", facet.Value, facet.Count, got, queried, facet.Count)
	}
	shot("demo-02-filtered")

	do("open a document", chromedp.Click(chromedp.CSS("#results .hit .hit-title"), chromedp.NodeVisible))
	waitFor("the document view", `document.querySelector("#doc-title") && !document.getElementById("doc-drawer").hidden && document.getElementById("doc-drawer").textContent.includes("`+facet.Value+`")`)
	shot("demo-03-document")
	t.Logf("screenshots in %s", shots)
}
