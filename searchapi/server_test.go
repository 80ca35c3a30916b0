package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/searchapi/searchapitest"
)

// piiDocs are synthetic documents with phone and ID numbers written in
// their free text, where Record.Masked's field masking does not reach and
// only MaskText (and snippet handling) protects them.
func piiDocs() []xinfang.Document {
	at := time.Date(2024, 5, 6, 10, 0, 0, 0, shanghai)
	city, county := "兴安盟", "乌兰浩特市"
	n := 12
	rec := func(id, title, content, respondent string, p *xinfang.Person) xinfang.Document {
		r := &xinfang.Record{ID: id, ReceivedAt: at, Channel: xinfang.ChannelOnline, Title: title, Content: content,
			Respondent: respondent, Region: "内蒙古自治区兴安盟乌兰浩特市", Status: xinfang.StatusAccepted, Petitioner: p}
		return xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: r, ComplainantKey: "k-" + id, Analysis: xinfang.Analysis{
			ID: id, Categories: []string{xinfang.CategoryWageArrears}, City: &city, County: &county, Headcount: &n,
			Keywords: []string{"13900001234"}, Subjects: []string{respondent},
			Risk: xinfang.Risk{Level: xinfang.RiskMedium, Score: 50, Reasons: []string{"联系人13900001234多次反映"}},
		}}
	}
	return []xinfang.Document{
		rec("PII-1", "联系电话13900001234的来访", "工人讨薪，联系电话13900001234，身份证号152201199001010000，请回电。",
			"某劳务公司", &xinfang.Person{Name: "赵某某", Phone: "13900001234", IDNumber: "152201199001010000", Address: "内蒙古自治区兴安盟乌兰浩特市和平街道1号"}),
		rec("PII-2", "拖欠工资", "电话 139-0000-5678 反映拖欠工资，另一号码0471-6900123。",
			"某劳务公司 13900005678", &xinfang.Person{Name: "钱某", Phone: "139-0000-5678"}),
		// The same matter again: a cluster whose subject holds a phone.
		rec("PII-3", "再次反映拖欠工资", "第二次反映：某劳务公司（电话13900005678）仍拖欠工资，联系人身份证152201199001010000。",
			"某劳务公司 13900005678", &xinfang.Person{Name: "孙某某", Phone: "13900009999", IDNumber: "15220119900101000X"}),
	}
}

// piiRaw are the raw personal numbers of piiDocs, in every spelling used.
var piiRaw = []string{"13900001234", "152201199001010000", "13900005678", "139-0000-5678", "6900123", "和平街道1号", "13900009999", "15220119900101000X"}

// fixtureDocs turns the labeled fixtures into documents whose analysis is
// the gold labels, so that tests on the fake do not depend on nlp.
func fixtureDocs(t testing.TB) []xinfang.Document {
	t.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatalf("fixtures.Petitions: %v", err)
	}
	scores := map[string]int{xinfang.RiskLow: 10, xinfang.RiskMedium: 50, xinfang.RiskHigh: 85}
	var docs []xinfang.Document
	for _, l := range labeled {
		rec := l.Record
		a := xinfang.Analysis{
			ID: rec.ID, Categories: l.Gold.Categories, Evidence: map[string][]string{}, Headcount: l.Gold.Headcount,
			AmountsYuan: l.Gold.AmountsYuan, City: l.Gold.City, County: l.Gold.County, Places: []xinfang.Place{},
			Subjects: []string{}, Keywords: []string{},
			Risk: xinfang.Risk{Level: l.Gold.Risk, Score: scores[l.Gold.Risk], Reasons: []string{}},
		}
		if rec.Respondent != "" {
			a.Subjects = []string{rec.Respondent}
		}
		docs = append(docs, xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec, Analysis: a})
	}
	return docs
}

type testServer struct {
	*Server
	fake *searchapitest.Index
	reg  *prometheus.Registry
	logs *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ts := &testServer{reg: prometheus.NewRegistry(), logs: &syncBuffer{}}
	if cfg.Index == nil {
		ts.fake = searchapitest.New(append(fixtureDocs(t), piiDocs()...)...)
		cfg.Index = ts.fake
	}
	if cfg.Analyzer == nil {
		cfg.Analyzer = searchapitest.Analyzer{}
	}
	cfg.Registry = ts.reg
	cfg.Logger = slog.New(slog.NewTextHandler(ts.logs, nil))
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts.Server = srv
	return ts
}

// do serves one request and returns the recorder.
func (ts *testServer) do(method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	return rec
}

// decodeError checks that body is exactly the error envelope and returns it.
func decodeError(t *testing.T, body []byte) errorDetail {
	t.Helper()
	var e errorBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body %q is not the error envelope: %v", body, err)
	}
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body %q lacks code or message", body)
	}
	return e.Error
}

func TestRoutes(t *testing.T) {
	ts := newTestServer(t, Config{})
	big := `{"content":"` + strings.Repeat("长", 400_000) + `"}`
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		wantCode   string // error code, "" for success
		wantInMsg  string // the error message names this
	}{
		{name: "search", method: "GET", target: "/api/v1/search?q=工资", wantStatus: 200},
		{name: "search all filters", method: "GET", target: "/api/v1/search?q=工资&category=wage_arrears,noise&city=兴安盟&city=包头市&county=乌兰浩特市&kind=petition&channel=visit,phone&status=accepted&risk_level=high&headcount=5-29&headcount=30%2B&from=2023-01-01&to=2024-12-31T00:00:00%2B08:00&sort=date&size=5&interval=month", wantStatus: 200},
		{name: "search size 0", method: "GET", target: "/api/v1/search?size=0", wantStatus: 200},
		{name: "search size 100", method: "GET", target: "/api/v1/search?size=100", wantStatus: 200},
		{name: "search headcount 30 unescaped plus", method: "GET", target: "/api/v1/search?headcount=30+", wantStatus: 200},
		{name: "search size 101", method: "GET", target: "/api/v1/search?size=101", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "search size negative", method: "GET", target: "/api/v1/search?size=-1", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "search size not a number", method: "GET", target: "/api/v1/search?size=ten", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "search size twice", method: "GET", target: "/api/v1/search?size=1&size=2", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "search unknown param", method: "GET", target: "/api/v1/search?q=x&pagesize=3", wantStatus: 400, wantCode: "invalid", wantInMsg: "pagesize"},
		{name: "search q too long", method: "GET", target: "/api/v1/search?q=" + strings.Repeat("a", MaxQueryBytes+1), wantStatus: 400, wantCode: "invalid", wantInMsg: "q"},
		{name: "search query string too long", method: "GET", target: "/api/v1/search?city=" + strings.Repeat("a,", maxRawQueryBytes), wantStatus: 400, wantCode: "invalid", wantInMsg: "query string"},
		{name: "search malformed query", method: "GET", target: "/api/v1/search?q=%zz", wantStatus: 400, wantCode: "invalid", wantInMsg: "query string"},
		{name: "search invalid utf-8", method: "GET", target: "/api/v1/search?q=%ff%fe", wantStatus: 400, wantCode: "invalid", wantInMsg: "q"},
		{name: "search unknown category", method: "GET", target: "/api/v1/search?category=bogus", wantStatus: 400, wantCode: "invalid", wantInMsg: "category"},
		{name: "search unknown channel", method: "GET", target: "/api/v1/search?channel=fax", wantStatus: 400, wantCode: "invalid", wantInMsg: "channel"},
		{name: "search unknown kind", method: "GET", target: "/api/v1/search?kind=memo", wantStatus: 400, wantCode: "invalid", wantInMsg: "kind"},
		{name: "search unknown status", method: "GET", target: "/api/v1/search?status=done", wantStatus: 400, wantCode: "invalid", wantInMsg: "status"},
		{name: "search unknown risk level", method: "GET", target: "/api/v1/search?risk_level=extreme", wantStatus: 400, wantCode: "invalid", wantInMsg: "risk_level"},
		{name: "search unknown headcount", method: "GET", target: "/api/v1/search?headcount=3-7", wantStatus: 400, wantCode: "invalid", wantInMsg: "headcount"},
		{name: "search 50 values", method: "GET", target: "/api/v1/search?city=" + manyValues(50), wantStatus: 200},
		{name: "search too many values", method: "GET", target: "/api/v1/search?city=" + manyValues(51), wantStatus: 400, wantCode: "invalid", wantInMsg: "city"},
		{name: "search bad from", method: "GET", target: "/api/v1/search?from=2024-13-01", wantStatus: 400, wantCode: "invalid", wantInMsg: "from"},
		{name: "search to before from", method: "GET", target: "/api/v1/search?from=2024-05-01&to=2024-04-01", wantStatus: 400, wantCode: "invalid", wantInMsg: "to"},
		{name: "search bad sort", method: "GET", target: "/api/v1/search?sort=popular", wantStatus: 400, wantCode: "invalid", wantInMsg: "sort"},
		{name: "search bad interval", method: "GET", target: "/api/v1/search?interval=year", wantStatus: 400, wantCode: "invalid", wantInMsg: "interval"},
		{name: "search bad cursor", method: "GET", target: "/api/v1/search?cursor=not-a-cursor", wantStatus: 400, wantCode: "invalid", wantInMsg: "cursor"},
		{name: "search wrong method", method: "POST", target: "/api/v1/search", wantStatus: 405, wantCode: "invalid", wantInMsg: "POST"},
		{name: "document", method: "GET", target: "/api/v1/documents/FX-A-0001", wantStatus: 200},
		{name: "document missing", method: "GET", target: "/api/v1/documents/NO-SUCH-ID", wantStatus: 404, wantCode: "not_found"},
		{name: "document with param", method: "GET", target: "/api/v1/documents/FX-A-0001?full=1", wantStatus: 400, wantCode: "invalid", wantInMsg: "full"},
		{name: "document id too long", method: "GET", target: "/api/v1/documents/" + strings.Repeat("x", 201), wantStatus: 400, wantCode: "invalid", wantInMsg: "id"},
		{name: "document wrong method", method: "DELETE", target: "/api/v1/documents/FX-A-0001", wantStatus: 405, wantCode: "invalid"},
		{name: "trends", method: "GET", target: "/api/v1/trends?by=city&interval=month&category=wage_arrears", wantStatus: 200},
		{name: "trends default", method: "GET", target: "/api/v1/trends", wantStatus: 200},
		{name: "trends bad by", method: "GET", target: "/api/v1/trends?by=respondent", wantStatus: 400, wantCode: "invalid", wantInMsg: "by"},
		{name: "trends cursor not taken", method: "GET", target: "/api/v1/trends?cursor=x", wantStatus: 400, wantCode: "invalid", wantInMsg: "cursor"},
		{name: "clusters", method: "GET", target: "/api/v1/clusters?min_count=1&size=5", wantStatus: 200},
		{name: "clusters min_count 0", method: "GET", target: "/api/v1/clusters?min_count=0", wantStatus: 400, wantCode: "invalid", wantInMsg: "min_count"},
		{name: "clusters size 101", method: "GET", target: "/api/v1/clusters?size=101", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "risks", method: "GET", target: "/api/v1/risks?size=3&risk_level=high", wantStatus: 200},
		{name: "risks q not taken", method: "GET", target: "/api/v1/risks?q=x", wantStatus: 400, wantCode: "invalid", wantInMsg: "q"},
		{name: "risks size 0", method: "GET", target: "/api/v1/risks?size=0", wantStatus: 400, wantCode: "invalid", wantInMsg: "size"},
		{name: "analyze", method: "POST", target: "/api/v1/analyze", body: `{"id":"a1","title":"讨薪","content":"拖欠工资三个月"}`, header: []string{"Content-Type", "application/json"}, wantStatus: 200},
		{name: "analyze no content type", method: "POST", target: "/api/v1/analyze", body: `{"content":"拖欠工资"}`, wantStatus: 200},
		{name: "analyze empty body", method: "POST", target: "/api/v1/analyze", wantStatus: 400, wantCode: "invalid", wantInMsg: "body"},
		{name: "analyze no content", method: "POST", target: "/api/v1/analyze", body: `{"title":"x"}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "content"},
		{name: "analyze unknown field", method: "POST", target: "/api/v1/analyze", body: `{"content":"x","text":"y"}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "text"},
		{name: "analyze wrong type", method: "POST", target: "/api/v1/analyze", body: `{"content":12}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "content"},
		{name: "analyze not an object", method: "POST", target: "/api/v1/analyze", body: `["x"]`, wantStatus: 400, wantCode: "invalid", wantInMsg: "body"},
		{name: "analyze bad json", method: "POST", target: "/api/v1/analyze", body: `{"content":`, wantStatus: 400, wantCode: "invalid", wantInMsg: "body"},
		{name: "analyze trailing data", method: "POST", target: "/api/v1/analyze", body: `{"content":"x"} {}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "body"},
		{name: "analyze content too long", method: "POST", target: "/api/v1/analyze", body: `{"content":"` + strings.Repeat("a", xinfang.MaxContentBytes+1) + `"}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "content"},
		{name: "analyze huge body", method: "POST", target: "/api/v1/analyze", body: big, wantStatus: 413, wantCode: "invalid", wantInMsg: "limit"},
		{name: "analyze wrong content type", method: "POST", target: "/api/v1/analyze", body: `content=x`, header: []string{"Content-Type", "application/x-www-form-urlencoded"}, wantStatus: 415, wantCode: "invalid", wantInMsg: "Content-Type"},
		{name: "analyze with param", method: "POST", target: "/api/v1/analyze?lang=zh", body: `{"content":"x"}`, wantStatus: 400, wantCode: "invalid", wantInMsg: "lang"},
		{name: "analyze wrong method", method: "GET", target: "/api/v1/analyze", wantStatus: 405, wantCode: "invalid"},
		{name: "openapi", method: "GET", target: "/api/v1/openapi.json", wantStatus: 200},
		{name: "healthz", method: "GET", target: "/healthz", wantStatus: 200},
		{name: "readyz", method: "GET", target: "/readyz", wantStatus: 200},
		{name: "healthz wrong method", method: "POST", target: "/healthz", wantStatus: 405, wantCode: "invalid"},
		{name: "dashboard wrong method", method: "POST", target: "/", wantStatus: 405, wantCode: "invalid", wantInMsg: "POST"},
		{name: "unknown api route", method: "GET", target: "/api/v1/nothing", wantStatus: 404, wantCode: "not_found"},
		{name: "unknown api version", method: "GET", target: "/api/v2/search", wantStatus: 404, wantCode: "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			rec := ts.do(tt.method, tt.target, body, tt.header...)
			if rec.Code != tt.wantStatus {
				t.Fatalf("%s %s: status %d, want %d; body %.300s", tt.method, tt.target, rec.Code, tt.wantStatus, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q, want application/json; charset=utf-8", ct)
			}
			if tt.wantCode == "" {
				if !json.Valid(rec.Body.Bytes()) {
					t.Errorf("body is not JSON: %.300s", rec.Body)
				}
				return
			}
			e := decodeError(t, rec.Body.Bytes())
			if e.Code != tt.wantCode {
				t.Errorf("error code = %q, want %q (message %q)", e.Code, tt.wantCode, e.Message)
			}
			if !strings.Contains(e.Message, tt.wantInMsg) {
				t.Errorf("error message %q does not name %q", e.Message, tt.wantInMsg)
			}
		})
	}
}

func manyValues(n int) string {
	vals := make([]string, n)
	for i := range vals {
		vals[i] = fmt.Sprintf("v%d", i)
	}
	return strings.Join(vals, ",")
}

// TestSearchRequest checks what the handler asks of the index.
func TestSearchRequest(t *testing.T) {
	var got xinfang.SearchRequest
	idx := &recordingIndex{Index: searchapitest.New(), search: func(req xinfang.SearchRequest) { got = req }}
	ts := newTestServer(t, Config{Index: idx})
	rec := ts.do("GET", "/api/v1/search?q=+欠薪+&category=noise,wage_arrears&category=noise&headcount=30&from=2024-04-01&to=2024-04-30&sort=risk&size=7&cursor=abc&interval=day", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := xinfang.SearchRequest{
		Query: "欠薪",
		Filters: xinfang.Filters{
			Category:  []string{"noise", "wage_arrears"},
			Headcount: []string{"30+"},
			From:      time.Date(2024, 4, 1, 0, 0, 0, 0, shanghai),
			To:        time.Date(2024, 5, 1, 0, 0, 0, 0, shanghai),
		},
		Sort: "risk", Size: 7, Cursor: "abc", Interval: "day",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Search request mismatch (-want +got):\n%s", diff)
	}
	ts.do("GET", "/api/v1/search", nil)
	if got.Size != defaultSize {
		t.Errorf("default size = %d, want %d", got.Size, defaultSize)
	}
}

// recordingIndex wraps the fake and records the requests it sees.
type recordingIndex struct {
	*searchapitest.Index
	search func(xinfang.SearchRequest)
}

func (r *recordingIndex) Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error) {
	r.search(req)
	return xinfang.SearchResult{}, nil
}

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"invalid", xinfang.FieldError("q", "bad syntax"), 400, "invalid", "q: bad syntax"},
		{"not found", xinfang.Errorf(xinfang.ENOTFOUND, "gone"), 404, "not_found", "gone"},
		{"conflict", xinfang.Errorf(xinfang.ECONFLICT, "index locked"), 409, "conflict", "index locked"},
		{"unavailable", xinfang.Errorf(xinfang.EUNAVAILABLE, "index closed"), 503, "unavailable", "index closed"},
		{"internal hides cause", fmt.Errorf("index: search /srv/secret/path: %w", errors.New("disk on fire")), 500, "internal", "internal error"},
		{"internal error type hides cause", &xinfang.Error{Code: xinfang.EINTERNAL, Message: "bleve said /srv/secret", Err: errors.New("x")}, 500, "internal", "internal error"},
		{"deadline", fmt.Errorf("index: search: %w", context.DeadlineExceeded), 504, "unavailable", "request timed out"},
		{"message with a phone is masked", xinfang.FieldError("q", "cannot parse 13900001234"), 400, "invalid", "q: cannot parse 139****1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, Config{})
			ts.fake.Hook = func(context.Context, string) error { return tt.err }
			rec := ts.do("GET", "/api/v1/search?q=x", nil)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			e := decodeError(t, rec.Body.Bytes())
			if diff := cmp.Diff(errorDetail{Code: tt.wantCode, Message: tt.wantMsg}, e); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			if tt.wantCode == "internal" && !strings.Contains(ts.logs.String(), "internal error") {
				t.Errorf("internal cause not logged; log:\n%s", ts.logs)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	tests := []struct {
		name    string
		ignores bool // the hook ignores its context
		hook    func(ctx context.Context, op string, held <-chan struct{}) error
	}{
		{"index honours context", false, func(ctx context.Context, op string, _ <-chan struct{}) error {
			<-ctx.Done()
			return fmt.Errorf("fake: %s: %w", op, ctx.Err())
		}},
		// A call that ignores its context must not hold the response: it
		// runs until the test has the answer (or a minute, should the
		// answer wait for it).
		{"index ignores context", true, func(ctx context.Context, op string, held <-chan struct{}) error {
			select {
			case <-held:
			case <-time.After(time.Minute):
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, Config{RequestTimeout: 50 * time.Millisecond})
			held := make(chan struct{})
			var returned atomic.Bool
			ts.fake.Hook = func(ctx context.Context, op string) error {
				defer returned.Store(true)
				return tt.hook(ctx, op, held)
			}
			rec := ts.do("GET", "/api/v1/search", nil)
			if tt.ignores && returned.Load() {
				t.Errorf("the answer waited for an index call that ignores its context")
			}
			close(held)
			if rec.Code != http.StatusGatewayTimeout {
				t.Fatalf("status %d, want 504; body %s", rec.Code, rec.Body)
			}
			if e := decodeError(t, rec.Body.Bytes()); e.Code != "unavailable" {
				t.Errorf("error code %q, want unavailable", e.Code)
			}
		})
	}
}

func TestConcurrencyLimit(t *testing.T) {
	ts := newTestServer(t, Config{MaxInFlight: 2, RequestTimeout: 10 * time.Second})
	release := make(chan struct{})
	entered := make(chan struct{}, 2)
	ts.fake.Hook = func(ctx context.Context, op string) error {
		entered <- struct{}{}
		<-release
		return nil
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = ts.do("GET", "/api/v1/search", nil).Code
		}()
	}
	<-entered
	<-entered
	// Another client: the server's limit, not the client's.
	rec := ts.doAs(caller{remote: "192.0.2.9:4000"}, "GET", "/api/v1/trends", "")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("third request: status %d, want 503; body %s", rec.Code, rec.Body)
	} else if e := decodeError(t, rec.Body.Bytes()); e.Code != "unavailable" {
		t.Errorf("third request: code %q, want unavailable", e.Code)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Errorf("503 without Retry-After")
	}
	// Health checks are not limited.
	if c := ts.do("GET", "/healthz", nil).Code; c != 200 {
		t.Errorf("healthz under load: status %d", c)
	}
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != 200 {
			t.Errorf("blocked request %d: status %d, want 200", i, c)
		}
	}
	ts.fake.Hook = nil
	if c := ts.do("GET", "/api/v1/trends", nil).Code; c != 200 {
		t.Errorf("after release: status %d, want 200", c)
	}
}

func TestPanicRecovered(t *testing.T) {
	ts := newTestServer(t, Config{})
	ts.fake.Hook = func(ctx context.Context, op string) error { panic("index exploded at /srv/secret") }
	rec := ts.do("GET", "/api/v1/clusters", nil)
	if rec.Code != 500 {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	e := decodeError(t, rec.Body.Bytes())
	if diff := cmp.Diff(errorDetail{Code: "internal", Message: "internal error"}, e); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(ts.logs.String(), "index exploded") {
		t.Errorf("panic not logged; log:\n%s", ts.logs)
	}
	// The slot of the panicking request is free again.
	ts.fake.Hook = nil
	for range DefaultMaxInFlight + 1 {
		ts.fake.Hook = func(ctx context.Context, op string) error { panic("again") }
		ts.do("GET", "/api/v1/clusters", nil)
	}
	ts.fake.Hook = nil
	if c := ts.do("GET", "/api/v1/clusters", nil).Code; c != 200 {
		t.Errorf("after %d panics: status %d, want 200 (slots leaked?)", DefaultMaxInFlight+1, c)
	}
}

func TestReadyz(t *testing.T) {
	var mu sync.Mutex
	var readyErr error
	ts := newTestServer(t, Config{Ready: func() error { mu.Lock(); defer mu.Unlock(); return readyErr }})
	if rec := ts.do("GET", "/readyz", nil); rec.Code != 200 {
		t.Errorf("ready: status %d, want 200", rec.Code)
	}
	mu.Lock()
	readyErr = errors.New("index not open")
	mu.Unlock()
	rec := ts.do("GET", "/readyz", nil)
	if rec.Code != 503 {
		t.Errorf("not ready: status %d, want 503", rec.Code)
	}
	var got map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"status": "not ready", "reason": "index not open"}, got); diff != "" {
		t.Errorf("readyz body mismatch (-want +got):\n%s", diff)
	}
	if rec := ts.do("GET", "/healthz", nil); rec.Code != 200 {
		t.Errorf("healthz while not ready: status %d, want 200", rec.Code)
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, Config{Stats: func() (IndexStats, error) { return IndexStats{Documents: 77, SizeBytes: 4096}, nil }})
	ts.do("GET", "/api/v1/search?q=工资", nil)
	ts.do("GET", "/api/v1/search?size=101", nil)
	ts.do("GET", "/api/v1/documents/FX-A-0001", nil)
	ts.CountIndexed(5)
	rec := ts.do("GET", "/metrics", nil)
	if rec.Code != 200 {
		t.Fatalf("metrics: status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`xinfang_http_requests_total{code="200",route="GET /api/v1/search"} 1`,
		`xinfang_http_requests_total{code="400",route="GET /api/v1/search"} 1`,
		`xinfang_http_requests_total{code="200",route="GET /api/v1/documents/{id}"} 1`,
		`xinfang_http_request_duration_seconds_count{route="GET /api/v1/search"} 2`,
		`xinfang_index_documents 77`,
		`xinfang_index_size_bytes 4096`,
		`xinfang_indexed_documents_total 5`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestAccessLog(t *testing.T) {
	ts := newTestServer(t, Config{})
	ts.do("GET", "/api/v1/search?q=13900001234+张三", nil)
	ts.do("GET", "/api/v1/documents/PII-1", nil)
	logs := ts.logs.String()
	for _, want := range []string{`route="GET /api/v1/search"`, "status=200", "method=GET", "duration=", `route="GET /api/v1/documents/{id}"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("access log lacks %q:\n%s", want, logs)
		}
	}
	for _, leak := range []string{"13900001234", "PII-1", "张三", "q="} {
		if strings.Contains(logs, leak) {
			t.Errorf("access log holds %q:\n%s", leak, logs)
		}
	}
}

func TestNew(t *testing.T) {
	fake := searchapitest.New()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no index", Config{Analyzer: searchapitest.Analyzer{}}},
		{"no analyzer", Config{Index: fake}},
		{"negative timeout", Config{Index: fake, Analyzer: searchapitest.Analyzer{}, RequestTimeout: -1}},
		{"registerer without gatherer", Config{Index: fake, Analyzer: searchapitest.Analyzer{}, Registry: prometheus.WrapRegistererWithPrefix("x_", prometheus.NewRegistry())}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); err == nil {
				t.Errorf("New(%s) = nil error, want one", tt.name)
			}
		})
	}
	reg := prometheus.NewRegistry()
	if _, err := New(Config{Index: fake, Analyzer: searchapitest.Analyzer{}, Registry: reg}); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Index: fake, Analyzer: searchapitest.Analyzer{}, Registry: reg}); err == nil {
		t.Errorf("second New on one registry: nil error, want the duplicate registration reported")
	}
}

func TestMaskSnippet(t *testing.T) {
	tests := []struct{ in, want string }{
		{"联系电话13900001234", "联系电话139****1234"},
		{"<mark>工资</mark>，电话13900001234", "<mark>工资</mark>，电话139****1234"},
		{"电话139<mark>0000</mark>1234", "电话139****1234"},
		{"<mark>1520</mark>01199001010000号", "152001********0000号"},
		{"没有号码的<mark>片段</mark>", "没有号码的<mark>片段</mark>"},
	}
	for _, tt := range tests {
		if got := maskSnippet(tt.in); got != tt.want {
			t.Errorf("maskSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClientGone(t *testing.T) {
	ts := newTestServer(t, Config{RequestTimeout: 10 * time.Second})
	entered := make(chan struct{})
	ts.fake.Hook = func(ctx context.Context, op string) error {
		close(entered)
		<-ctx.Done()
		return ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", "/api/v1/search", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		ts.Handler().ServeHTTP(rec, req)
		close(done)
	}()
	<-entered
	cancel()
	<-done
	if rec.Code != statusClientClosed {
		t.Errorf("status %d, want %d", rec.Code, statusClientClosed)
	}
	if !strings.Contains(ts.logs.String(), "status=499") {
		t.Errorf("access log does not record the client leaving:\n%s", ts.logs)
	}
}

// TestRequestID checks that the request id is always the server's own; a
// caller's X-Request-Id is logged apart when it is a plain token.
func TestRequestID(t *testing.T) {
	ts := newTestServer(t, Config{})
	tests := []struct {
		name, in string
		logged   bool
	}{
		{"none", "", false},
		{"plain token logged apart", "req-42.a_b", true},
		{"odd characters dropped", "x y<script>", false},
		{"too long dropped", strings.Repeat("a", 65), false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr []string
			if tt.in != "" {
				hdr = []string{"X-Request-Id", tt.in}
			}
			got := ts.do("GET", "/healthz", nil, hdr...).Header().Get("X-Request-Id")
			if len(got) != 24 || got == tt.in || seen[got] {
				t.Fatalf("X-Request-Id %q for %q; want a fresh server id", got, tt.in)
			}
			seen[got] = true
			if !strings.Contains(ts.logs.String(), "request_id="+got) {
				t.Errorf("access log lacks request_id=%s", got)
			}
			if logged := strings.Contains(ts.logs.String(), "client_request_id="+tt.in+"\n"); tt.in != "" && logged != tt.logged {
				t.Errorf("client_request_id=%s logged = %v, want %v", tt.in, logged, tt.logged)
			}
		})
	}
}

func searchapitestAnalyzer() Analyzer { return searchapitest.Analyzer{} }
