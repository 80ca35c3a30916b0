package searchapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

// TestDashboardToken drives the dashboard against a server with access
// control: it asks for a token on 401, keeps it for the tab only
// (sessionStorage), asks again when the token is refused, and a viewer's
// token shows counts while hits are refused.
func TestDashboardToken(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	findChromium(t)
	docs := dashboardDocs(t)
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenMem(index.Options{SearchTimeout: time.Minute, CategoryLabel: an.CategoryLabel})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { b := sha256.Sum256([]byte(s)); return hex.EncodeToString(b[:]) }
	srv, err := searchapi.New(searchapi.Config{Index: store, Analyzer: an, RequestTimeout: time.Minute,
		Principals: []searchapi.Principal{
			{Name: "analyst-1", TokenSHA256: sum("analyst-token"), Roles: []string{searchapi.RoleAnalyst}},
			{Name: "viewer-1", TokenSHA256: sum("viewer-token"), Roles: []string{searchapi.RoleViewer}},
		},
		Audit: func(context.Context, searchapi.AuditEvent) error { return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	// The first trend request, sent before any token was given, is answered
	// (401) only once the analyst's token is in use, as a slow server may:
	// that late refusal must neither drop the token entered meanwhile nor
	// ask for it again.
	analyst := make(chan struct{})
	var sawAnalyst, held atomic.Bool
	api := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch auth := r.Header.Get("Authorization"); {
		case auth == "Bearer analyst-token" && sawAnalyst.CompareAndSwap(false, true):
			close(analyst)
		case auth == "" && r.URL.Path == "/api/v1/trends" && held.CompareAndSwap(false, true):
			select {
			case <-analyst:
			case <-r.Context().Done():
				t.Errorf("the first trend request was abandoned before the analyst's token was in use")
				return
			}
		}
		api.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	p := newPage(t, ts.URL)

	dialog := func(what string) {
		t.Helper()
		var err error
		// A reload under way loses the page's context: poll again.
		for range 10 {
			if _, err = chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](`document.querySelector("#token-dialog[open]")`,
				chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))); err == nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Fatalf("waiting for the token dialog (%s): %v\npage text:\n%s", what, err, p.text("body"))
	}
	enter := func(token string) {
		t.Helper()
		p.do(chromedp.SendKeys(chromedp.CSS("#token-input"), token), chromedp.Click(chromedp.CSS("#token-ok"), chromedp.NodeVisible))
	}

	p.do(chromedp.Navigate(ts.URL + "/"))
	dialog("first visit")
	if eval[int](p, `document.querySelectorAll("#results .hit").length`) != 0 {
		t.Errorf("hits shown before a token was given")
	}
	enter("wrong-token")
	dialog("a wrong token")
	if eval[bool](p, `document.querySelector("#token-dialog .form-error").hidden`) {
		t.Errorf("the dialog does not say that the token was refused")
	}
	enter("analyst-token")
	p.waitFor("the results with the analyst's token", `document.querySelector("#results-total") && document.querySelectorAll("#results .hit").length > 0`)
	if got := p.total(); got != len(docs) {
		t.Errorf("total %d, want %d", got, len(docs))
	}
	if tok := eval[string](p, `sessionStorage.getItem("xinfang.token") + "|" + localStorage.length + "|" + document.cookie`); tok != "analyst-token|0|" {
		t.Errorf("token storage = %q, want it in sessionStorage only", tok)
	}
	if eval[bool](p, `document.getElementById("switch-token").hidden`) {
		t.Errorf("切换令牌 is hidden while a token is kept")
	}
	// The tab keeps it across a reload: no second prompt.
	p.do(chromedp.Reload())
	p.waitFor("the results after a reload", `document.querySelectorAll("#results .hit").length > 0`)
	if eval[bool](p, `Boolean(document.querySelector("#token-dialog"))`) {
		t.Errorf("token asked again after a reload in the same tab")
	}

	// 切换令牌 to a viewer: counts and facets, hits refused with a message.
	// The button forgets the token and reloads the page.
	p.click("#switch-token")
	dialog("after 切换令牌")
	enter("viewer-token")
	p.waitFor("the viewer's page", `document.querySelector("#facets .facet") && document.querySelector("#results .state-error")`)
	if msg := p.text("#results"); !strings.Contains(msg, "无权") {
		t.Errorf("viewer's results panel says %q, want a refusal in Chinese", msg)
	}
	if n := eval[int](p, `document.querySelectorAll("#results .hit").length`); n != 0 {
		t.Errorf("viewer sees %d hits", n)
	}
	p.shot("20-token-viewer", false)
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("uncaught exceptions in the page:\n%s", strings.Join(ex, "\n"))
	}
}
