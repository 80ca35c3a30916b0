package searchapi

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// TestPerClientLimit: one client's crowd gets 429 while another client is
// served.
func TestPerClientLimit(t *testing.T) {
	ts := newTestServer(t, Config{MaxInFlight: 8, MaxPerClient: 2, RequestTimeout: 10 * time.Second})
	release := make(chan struct{})
	entered := make(chan struct{}, 8)
	ts.fake.Hook = func(ctx context.Context, op string) error {
		entered <- struct{}{}
		<-release
		return nil
	}
	crowd := caller{remote: "192.0.2.50:1000"}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ts.doAs(crowd, "GET", "/api/v1/search?size=0", "")
		}()
	}
	<-entered
	<-entered
	rec := ts.doAs(crowd, "GET", "/api/v1/search?size=0", "")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Errorf("third request of one client: %d %s, want 429 with Retry-After", rec.Code, rec.Body)
	}
	other := make(chan int, 1)
	go func() { other <- ts.doAs(caller{remote: "192.0.2.51:1000"}, "GET", "/api/v1/search?size=0", "").Code }()
	<-entered
	close(release)
	if c := <-other; c != 200 {
		t.Errorf("another client: status %d, want 200", c)
	}
	wg.Wait()
}

// slowBody sends one byte, then nothing until closed.
type slowBody struct {
	sent bool
	stop chan struct{}
}

func (b *slowBody) Read(p []byte) (int, error) {
	if !b.sent {
		b.sent = true
		p[0] = '{'
		return 1, nil
	}
	<-b.stop
	return 0, io.EOF
}

// TestSlowBodies: bodies that trickle in are cut after BodyTimeout and
// hold no in-flight slot meanwhile, so that other requests are served.
func TestSlowBodies(t *testing.T) {
	ts := newTestServer(t, Config{MaxInFlight: 2, BodyTimeout: 300 * time.Millisecond})
	srv := httptest.NewServer(ts.Handler())
	defer srv.Close()
	stop := make(chan struct{})
	defer close(stop)
	codes := make(chan int, 6)
	for range 6 {
		go func() {
			req, _ := http.NewRequest("POST", srv.URL+"/api/v1/analyze", &slowBody{stop: stop})
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	time.Sleep(100 * time.Millisecond)
	// Six slow senders, two slots: a search still gets through.
	resp, err := http.Get(srv.URL + "/api/v1/search?q=" + "工资")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("search beside slow bodies: status %d, want 200", resp.StatusCode)
	}
	for range 6 {
		select {
		case c := <-codes:
			if c != http.StatusRequestTimeout && c != 0 {
				t.Errorf("slow body: status %d, want 408", c)
			}
		case <-time.After(time.Minute):
			t.Fatal("a slow body was not cut within a minute")
		}
	}
	body := strings.NewReader(`{"content":"拖欠工资"}`)
	resp, err = http.Post(srv.URL+"/api/v1/analyze", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("a whole body after the slow ones: status %d, want 200", resp.StatusCode)
	}
}

// TestExpensiveRefusal: a search the index refuses because the expensive
// budget is spent answers 429 with Retry-After and the index's message, and
// is audited as a refusal; the index learns which client asks, and another
// client's search is answered meanwhile.
func TestExpensiveRefusal(t *testing.T) {
	ts, audit := newAuthServer(t)
	const msg = "查询开销过大：同时允许的 1 个此类查询都在运行 (expensive query: retry later)"
	var mu sync.Mutex
	var clients []string
	ts.fake.Hook = func(ctx context.Context, op string) error {
		mu.Lock()
		clients = append(clients, xinfang.ClientFrom(ctx))
		mu.Unlock()
		if xinfang.ClientFrom(ctx) == "principal:analyst-1" {
			return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: msg, Err: xinfang.ErrOverBudget}
		}
		return nil
	}
	analyst := caller{header: []string{"Authorization", "Bearer tok-analyst"}}
	viewer := caller{header: []string{"Authorization", "Bearer tok-viewer"}}
	rec := ts.doAs(analyst, "GET", `/api/v1/search?size=5&q=%22%E5%B7%A5%E8%B5%84+%E6%8B%96%E6%AC%A0%22`, "")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("expensive search over budget: %d, Retry-After %q; want 429, 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Message != msg || body.Error.Code != xinfang.EUNAVAILABLE {
		t.Errorf("refusal body %s, want code unavailable and the index's message", rec.Body)
	}
	if rec := ts.doAs(viewer, "GET", "/api/v1/search?size=0&q=噪音", ""); rec.Code != http.StatusOK {
		t.Errorf("another client's search while the first is refused: %d %s", rec.Code, rec.Body)
	}
	mu.Lock()
	if len(clients) != 2 || clients[0] != "principal:analyst-1" || clients[1] != "principal:viewer-1" {
		t.Errorf("the index heard clients %q, want the analyst's then the viewer's principal", clients)
	}
	mu.Unlock()
	ev := audit.take()
	if len(ev) != 2 || ev[0].Action != actionRefused || ev[0].Status != http.StatusTooManyRequests || ev[0].Refusal != msg || ev[0].Principal != "analyst-1" {
		t.Errorf("audit of the refusal: %+v, want refused, 429, the message, analyst-1", ev)
	}
}
