package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xinfang/xinfang"
)

// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body
// keyed with the watch's secret.
const SignatureHeader = "X-Xinfang-Signature"

// Payload is the JSON body POSTed to a webhook. AlertID is stable across
// retries: the receiver de-duplicates by it.
type Payload struct {
	AlertID   string                `json:"alert_id"`
	WatchID   string                `json:"watch_id"`
	WatchName string                `json:"watch_name"`
	Rule      xinfang.Rule          `json:"rule"`
	FiredAt   time.Time             `json:"fired_at"`
	Summary   string                `json:"summary"`
	Count     int                   `json:"count,omitempty"`
	Cluster   string                `json:"cluster,omitempty"`
	Series    string                `json:"series,omitempty"`
	Records   []xinfang.AlertRecord `json:"records"`
}

// Sign returns the signature header value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func (s *Service) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers the outbox until ctx ends: each alert is POSTed as soon as
// it is stored, and retried with exponential backoff until its webhook
// answers with a 2xx. Deliveries left by an earlier process resume.
// Senders POST in parallel; the outcomes are recorded by this loop, as
// many as have arrived in one transaction, so that a busy outbox costs one
// fsync per group of deliveries rather than one each.
func (s *Service) Run(ctx context.Context) error {
	jobs := make(chan delivery)
	results := make(chan outcome, s.opts.Senders)
	// Sends in flight at shutdown finish (within the client's timeout)
	// and are recorded, so that a clean stop repeats no delivery.
	sendCtx := context.WithoutCancel(ctx)
	var wg sync.WaitGroup
	for range s.opts.Senders {
		wg.Go(func() {
			for d := range jobs {
				results <- s.send(sendCtx, d)
			}
		})
	}
	defer func() {
		close(jobs)
		go func() {
			wg.Wait()
			close(results)
		}()
		var batch []outcome
		for o := range results {
			batch = append(batch, o)
		}
		if len(batch) == 0 {
			return
		}
		if err := s.record(batch); err != nil {
			s.opts.Logger.Error("watch: record deliveries", "error", err)
		}
	}()
	inFlight := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	var due []delivery
	var next time.Time
	// A wake brings new alerts, whose ids sort after every id seen: only
	// those are read then; the timer rescans the whole outbox for retries.
	var last string
	rescan, fresh := true, false
	for {
		if rescan || fresh {
			after := last
			if rescan {
				after, due = "", nil
			}
			more, at, seen, err := s.due(inFlight, after)
			if err != nil {
				s.opts.Logger.Error("watch: outbox", "error", err)
				at = s.opts.Now().Add(s.opts.RetryMin)
			}
			due = append(due, more...)
			if rescan || !at.IsZero() && (next.IsZero() || at.Before(next)) {
				next = at
			}
			if seen > last || rescan {
				last = seen
			}
			rescan, fresh = false, false
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = max(next.Sub(s.opts.Now()), 0)
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(wait)
		var send chan<- delivery
		var first delivery
		if len(due) > 0 {
			send, first = jobs, due[0]
		}
		select {
		case send <- first:
			inFlight[first.AlertID] = true
			due = due[1:]
		case o := <-results:
			batch := []outcome{o}
			for more := true; more; {
				select {
				case o := <-results:
					batch = append(batch, o)
				default:
					more = false
				}
			}
			if err := s.record(batch); err != nil {
				s.opts.Logger.Error("watch: record deliveries", "error", err)
			}
			for _, o := range batch {
				delete(inFlight, o.d.AlertID)
				if o.err != nil && (next.IsZero() || o.d.NextAt.Before(next)) {
					next = o.d.NextAt
				}
			}
		case <-s.wake:
			fresh = true
		case <-timer.C:
			rescan = true
		case <-ctx.Done():
			return nil
		}
	}
}

// outcome is the result of one delivery attempt; d carries the next
// attempt when err is set.
type outcome struct {
	d   delivery
	err error
	at  time.Time
}

// due returns the deliveries with ids after after whose time has come and
// are not in flight, the time of the next one, and the last id seen.
func (s *Service) due(inFlight map[string]bool, after string) (out []delivery, next time.Time, last string, err error) {
	now := s.opts.Now()
	last = after
	err = s.db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.Seek([]byte(after)); k != nil; k, v = c.Next() {
			if string(k) == after {
				continue
			}
			last = string(k)
			var d delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decode delivery %s: %w", k, err)
			}
			switch {
			case inFlight[d.AlertID]:
			case !d.NextAt.After(now):
				out = append(out, d)
			case next.IsZero() || d.NextAt.Before(next):
				next = d.NextAt
			}
		}
		return nil
	})
	return out, next, last, err
}

// send POSTs one alert once.
func (s *Service) send(ctx context.Context, d delivery) outcome {
	a, err := s.Alert(ctx, d.AlertID)
	if err != nil {
		return outcome{d: d, err: err, at: s.opts.Now()}
	}
	body, err := json.Marshal(Payload{
		AlertID: a.ID, WatchID: a.WatchID, WatchName: a.WatchName, Rule: a.Rule, FiredAt: a.FiredAt,
		Summary: a.Summary, Count: a.Count, Cluster: a.Cluster, Series: a.Series, Records: a.Records,
	})
	if err == nil {
		err = s.post(ctx, d, body)
	}
	o := outcome{d: d, err: err, at: s.opts.Now()}
	if err != nil {
		o.d.Attempt++
		o.d.NextAt = o.at.Add(backoff(o.d.Attempt, s.opts.RetryMin, s.opts.RetryMax))
		s.opts.Logger.Warn("watch: delivery failed", "alert", d.AlertID, "attempt", o.d.Attempt, "error", err)
	}
	return o
}

// record stores the outcomes of deliveries in one transaction: a success
// leaves the outbox, a failure waits there for its next attempt. A
// delivery cancelled meanwhile (its watch deleted) stays cancelled.
func (s *Service) record(batch []outcome) error {
	return s.db.bolt.Update(func(tx *bolt.Tx) error {
		out, alerts := tx.Bucket(bucketOutbox), tx.Bucket(bucketAlerts)
		for _, o := range batch {
			id := o.d.AlertID
			if out.Get([]byte(id)) == nil {
				continue
			}
			var a xinfang.Alert
			if ok, err := get(alerts, id, &a); err != nil || !ok {
				if err := out.Delete([]byte(id)); err != nil {
					return err
				}
				continue
			}
			a.Attempts++
			if o.err == nil {
				t := o.at.In(cst)
				a.Delivery, a.DeliveredAt, a.LastError = deliveryDelivered, &t, ""
				if err := out.Delete([]byte(id)); err != nil {
					return err
				}
			} else {
				a.LastError = xinfang.MaskText(o.err.Error())
				if err := put(out, id, o.d); err != nil {
					return err
				}
			}
			if err := put(alerts, id, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// post sends body to the delivery's webhook; an error unless it answers
// with a 2xx.
func (s *Service) post(ctx context.Context, d delivery, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(SignatureHeader, Sign(d.Secret, body))
	req.Header.Set("User-Agent", "xinfang-watch/1")
	resp, err := s.opts.Client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

// backoff is the delay before attempt+1: exponential from lo, capped at
// hi, with jitter.
func backoff(attempt int, lo, hi time.Duration) time.Duration {
	d := hi
	if attempt < 30 {
		d = min(lo<<(attempt-1), hi)
	}
	return d/2 + rand.N(d/2+1)
}

// Drain waits until every delivery in the outbox has been tried at least
// once (Run must be running), or ctx ends.
func (s *Service) Drain(ctx context.Context) error {
	for {
		untried := 0
		err := s.db.bolt.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
				var d delivery
				if err := json.Unmarshal(v, &d); err != nil {
					return fmt.Errorf("decode delivery %s: %w", k, err)
				}
				if d.Attempt == 0 {
					untried++
				}
				return nil
			})
		})
		if err != nil || untried == 0 {
			return err
		}
		if !sleep(ctx, 20*time.Millisecond) {
			return ctx.Err()
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
