package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
)

var cstTest = time.FixedZone("CST", 8*3600)

func ptr[T any](v T) *T { return &v }

// petition returns a hand-analysed petition received on day at 10:00.
func petition(id, title, content, city, cat, subject string, day string) xinfang.Document {
	date, err := time.ParseInLocation("2006-01-02", day, cstTest)
	if err != nil {
		panic(err)
	}
	r := &xinfang.Record{ID: id, ReceivedAt: date.Add(10 * time.Hour), Title: title, Content: content, Channel: xinfang.ChannelVisit, Status: xinfang.StatusAccepted}
	a := xinfang.Analysis{ID: id, Categories: []string{}, Risk: xinfang.Risk{Level: xinfang.RiskMedium, Score: 50, Reasons: []string{"27名工人多次讨要"}}}
	if cat != "" {
		a.Categories = []string{cat}
	}
	if city != "" {
		a.City = ptr(city)
	}
	if subject != "" {
		a.Subjects = []string{subject}
	}
	return xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: r, Analysis: a}
}

func wage(id, day string) xinfang.Document {
	return petition(id, "农民工讨要工资，电话13812345678", "某建筑公司拖欠农民工工资三个月，27名工人多次讨要未果。", "兴安盟", xinfang.CategoryWageArrears, "某建筑有限公司", day)
}

func noise(id, day string) xinfang.Document {
	return petition(id, "夜间施工噪声", "工地半夜还在施工，噪声扰民严重。", "包头市", xinfang.CategoryNoise, "", day)
}

// receiver is a webhook that records what it receives and answers with
// the statuses of fail first, then 204.
type receiver struct {
	*httptest.Server
	secret string

	mu       sync.Mutex
	fail     []int
	payloads []Payload
	bodies   [][]byte
	sigOK    []bool
	got      chan Payload
}

func newReceiver(t *testing.T, secret string, fail ...int) *receiver {
	rv := &receiver{secret: secret, fail: fail, got: make(chan Payload, 1000)}
	rv.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rv.mu.Lock()
		defer rv.mu.Unlock()
		if len(rv.fail) > 0 {
			code := rv.fail[0]
			rv.fail = rv.fail[1:]
			w.WriteHeader(code)
			return
		}
		var p Payload
		if err := json.Unmarshal(body, &p); err != nil {
			w.WriteHeader(400)
			return
		}
		rv.payloads = append(rv.payloads, p)
		rv.bodies = append(rv.bodies, body)
		rv.sigOK = append(rv.sigOK, r.Header.Get(SignatureHeader) == Sign(rv.secret, body) && r.Method == "POST")
		rv.got <- p
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rv.Close)
	return rv
}

// wait returns the next payload, failing after a minute.
func (rv *receiver) wait(t *testing.T) Payload {
	t.Helper()
	select {
	case p := <-rv.got:
		return p
	case <-time.After(time.Minute):
		t.Fatal("no webhook delivery within a minute")
	}
	return Payload{}
}

// harness is an index and a Service in one data directory, with the
// delivery loop running.
type harness struct {
	dir  string
	idx  *index.Store
	svc  *Service
	sink Sink
	stop func()
}

func openHarness(t *testing.T, dir string) *harness {
	t.Helper()
	idx, err := index.Open(dir, index.Options{SearchTimeout: time.Minute, Secret: []byte("test-secret-0123456789")})
	if err != nil {
		t.Fatalf("index.Open: %v", err)
	}
	svc, err := Open(dir, idx, Options{RetryMin: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond})
	if err != nil {
		idx.Close()
		t.Fatalf("Open: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	h := &harness{dir: dir, idx: idx, svc: svc, sink: Sink{Next: idx, Watches: svc}}
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			<-done
			svc.Close()
			idx.Close()
		})
	}
	t.Cleanup(h.stop)
	return h
}

func (h *harness) index(t *testing.T, docs ...xinfang.Document) {
	t.Helper()
	if err := h.sink.Index(context.Background(), docs); err != nil {
		t.Fatalf("Sink.Index: %v", err)
	}
}

func (h *harness) create(t *testing.T, w xinfang.Watch) xinfang.Watch {
	t.Helper()
	var f xinfang.Filters
	if c := w.Filters["category"]; len(c) > 0 {
		f.Category = c
	}
	if c := w.Filters["city"]; len(c) > 0 {
		f.City = c
	}
	got, err := h.svc.Create(context.Background(), w, f)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return got
}

func (h *harness) alerts(t *testing.T) []xinfang.Alert {
	t.Helper()
	as, err := h.svc.Alerts(context.Background(), xinfang.AlertFilter{Limit: 1000})
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	return as
}

func ids(rs []xinfang.AlertRecord) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprint(r.ID, " ")
	}
	return s
}

func asError(err error, target **xinfang.Error) bool { return errors.As(err, target) }
