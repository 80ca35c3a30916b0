package watch

import (
	"context"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xinfang/xinfang"
)

// maxTrendSpan bounds the intervals of one trend a spike rule asks for
// (the index refuses more than 400).
const maxTrendSpan = 300

// maxAlertRecords bounds the records of one alert; more new matches of a
// match rule make several alerts.
const maxAlertRecords = 100

// candidate is an alert a batch may raise, with the key that makes it
// happen once.
type candidate struct {
	w     *storedWatch
	key   string   // de-duplication key within the watch; "" for a match rule, whose keys are its records
	ids   []string // record ids
	alert xinfang.Alert
}

// batch is the documents of one Indexed call by id: the source of the
// alerts' records, so that alerting reads nothing back from the index.
type batch map[string]*xinfang.Document

// doc returns the document id of the batch, or reads it from the index.
func (s *Service) doc(ctx context.Context, b batch, id string) (*xinfang.Document, error) {
	if d, ok := b[id]; ok {
		return d, nil
	}
	d, err := s.idx.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	b[id] = &d
	return &d, nil
}

// Indexed evaluates every watch on docs, which are durable in the index,
// and commits the alerts they raise, with their
// de-duplication keys and deliveries, before it returns. Calling it again
// with the same ids raises nothing new. A watch that cannot be evaluated
// is logged and skipped; an error means nothing was committed and the
// caller must retry (the indexer then does not acknowledge the batch).
func (s *Service) Indexed(ctx context.Context, docs []xinfang.Document) error {
	s.mu.RLock()
	ws := slices.Clone(s.watches)
	s.mu.RUnlock()
	if len(ws) == 0 || len(docs) == 0 {
		return nil
	}
	b := make(batch, len(docs))
	ids := make([]string, len(docs))
	for i := range docs {
		b[docs[i].ID] = &docs[i]
		ids[i] = docs[i].ID
	}
	reqs := make([]xinfang.MatchRequest, len(ws))
	for i, w := range ws {
		reqs[i] = xinfang.MatchRequest{Query: w.Watch.Query, Filters: w.Filters}
	}
	matches, errs, err := s.idx.Match(ctx, reqs, ids)
	if err != nil {
		return fmt.Errorf("watch: match: %w", err)
	}
	var cands []candidate
	for i := range ws {
		if errs[i] != nil {
			s.opts.Logger.Warn("watch: cannot evaluate", "watch", ws[i].Watch.ID, "error", errs[i])
			continue
		}
		if len(matches[i]) == 0 {
			continue
		}
		cs, err := s.evaluate(ctx, b, &ws[i], matches[i])
		if err != nil {
			if ctx.Err() != nil || xinfang.ErrorCode(err) == xinfang.EUNAVAILABLE {
				return fmt.Errorf("watch: evaluate %s: %w", ws[i].Watch.ID, err)
			}
			s.opts.Logger.Warn("watch: cannot evaluate", "watch", ws[i].Watch.ID, "error", err)
			continue
		}
		cands = append(cands, cs...)
	}
	if len(cands) == 0 {
		return nil
	}
	n, err := s.commit(ctx, b, cands)
	if err != nil {
		return err
	}
	if n > 0 {
		s.notify()
	}
	return nil
}

// evaluate applies w's rule to its new matches.
func (s *Service) evaluate(ctx context.Context, b batch, w *storedWatch, ms []xinfang.Match) ([]candidate, error) {
	rule := w.Watch.Rule
	var out []candidate
	mk := func(key string, ids []string) candidate {
		return candidate{w: w, key: key, ids: ids, alert: xinfang.Alert{Rule: rule, Count: len(ids)}}
	}
	switch rule.Type {
	case xinfang.RuleMatch:
		// One key per record: a record is alerted once, however often it
		// is indexed again.
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.ID
		}
		for lo := 0; lo < len(ids); lo += maxAlertRecords {
			chunk := ids[lo:min(lo+maxAlertRecords, len(ids))]
			out = append(out, mk("", chunk))
		}
	case xinfang.RuleCount:
		d, err := parseWindow(rule.Window)
		if err != nil {
			return nil, err
		}
		byWin := map[time.Time][]string{}
		var starts []time.Time
		for _, m := range ms {
			start, _ := window(m.Date, d)
			if _, ok := byWin[start]; !ok {
				starts = append(starts, start)
			}
			byWin[start] = append(byWin[start], m.ID)
		}
		for _, start := range starts {
			key := "c:" + start.Format(time.RFC3339)
			// A window that has fired needs no count.
			if fired, err := s.fired(w.Watch.ID, key); err != nil || fired {
				if err != nil {
					return nil, err
				}
				continue
			}
			f := w.Filters
			end := start.Add(d)
			if f.From.IsZero() || f.From.Before(start) {
				f.From = start
			}
			if f.To.IsZero() || f.To.After(end) {
				f.To = end
			}
			total, err := s.idx.CountMatches(ctx, w.Watch.Query, f)
			if err != nil {
				return nil, err
			}
			if total < rule.Count {
				continue
			}
			c := mk(key, first(byWin[start]))
			c.alert.Count = total
			c.alert.Summary = fmt.Sprintf("%s起%s内匹配记录达到%d件（阈值%d件）", start.Format("2006-01-02 15:04"), rule.Window, total, rule.Count)
			out = append(out, c)
		}
	case xinfang.RuleSpike:
		byBucket := map[time.Time][]string{}
		var starts []time.Time
		for _, m := range ms {
			start, _ := bucket(m.Date, rule.Interval)
			if _, ok := byBucket[start]; !ok {
				starts = append(starts, start)
			}
			byBucket[start] = append(byBucket[start], m.ID)
		}
		// One trend per span of at most maxTrendSpan intervals: Trends
		// flags every interval it shows against its own trailing baseline.
		slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
		for len(starts) > 0 {
			n := 1
			for n < len(starts) && starts[n].Before(addIntervals(starts[0], rule.Interval, maxTrendSpan)) {
				n++
			}
			chunk := starts[:n]
			starts = starts[n:]
			_, end := bucket(chunk[n-1], rule.Interval)
			f := w.Filters
			if !f.To.IsZero() && f.To.Before(end) {
				end = f.To // the watch does not look past its To
			}
			f.From, f.To = chunk[0], end
			tr, err := s.idx.Trends(ctx, xinfang.TrendRequest{Query: w.Watch.Query, Filters: f, By: rule.By, Interval: rule.Interval})
			if err != nil {
				return nil, err
			}
			for _, ser := range tr.Series {
				for _, bk := range ser.Buckets {
					if !bk.Spike || byBucket[bk.Start.In(cst)] == nil {
						continue
					}
					ids, err := s.inSeries(ctx, b, byBucket[bk.Start.In(cst)], rule.By, ser.Key)
					if err != nil {
						return nil, err
					}
					if len(ids) == 0 {
						continue
					}
					c := mk("s:"+ser.Key+":"+bk.Start.In(cst).Format(time.RFC3339), first(ids))
					c.alert.Count, c.alert.Series = bk.Count, ser.Key
					c.alert.Summary = fmt.Sprintf("%s %s起异常增长：%d件，基线%.1f件", ser.Label, bk.Start.In(cst).Format("2006-01-02"), bk.Count, bk.Baseline)
					out = append(out, c)
				}
			}
		}
	case xinfang.RuleCluster:
		byCluster := map[string][]string{}
		size := map[string]int{}
		var keys []string
		for _, m := range ms {
			if m.Cluster == "" || m.ClusterCount < rule.Count {
				continue
			}
			if _, ok := byCluster[m.Cluster]; !ok {
				keys = append(keys, m.Cluster)
			}
			byCluster[m.Cluster] = append(byCluster[m.Cluster], m.ID)
			size[m.Cluster] = max(size[m.Cluster], m.ClusterCount)
		}
		for _, k := range keys {
			c := mk("k:"+k, first(byCluster[k]))
			c.alert.Count, c.alert.Cluster = size[k], k
			c.alert.Summary = fmt.Sprintf("同一事项已累计%d件（阈值%d件）", size[k], rule.Count)
			out = append(out, c)
		}
	}
	return out, nil
}

// fired reports whether the watch has fired for key.
func (s *Service) fired(watchID, key string) (bool, error) {
	var ok bool
	err := s.db.bolt.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketFired).Get(firedKey(watchID, key)) != nil
		return nil
	})
	return ok, err
}

func first(ids []string) []string { return ids[:min(len(ids), maxAlertRecords)] }

// inSeries keeps the ids whose category (or city) is key.
func (s *Service) inSeries(ctx context.Context, b batch, ids []string, by, key string) ([]string, error) {
	var out []string
	for _, id := range ids {
		d, err := s.doc(ctx, b, id)
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		a := d.Analysis
		if by == "city" && a.City != nil && *a.City == key || by != "city" && slices.Contains(a.Categories, key) {
			out = append(out, id)
		}
	}
	return out, nil
}

// commit stores the candidates whose keys have not fired, with their
// records and deliveries, in one transaction, and returns how many alerts
// it stored.
func (s *Service) commit(ctx context.Context, b batch, cands []candidate) (int, error) {
	now := s.opts.Now().In(cst)
	recs := map[string]xinfang.AlertRecord{}
	for _, c := range cands {
		for _, id := range c.ids {
			if _, ok := recs[id]; ok {
				continue
			}
			d, err := s.doc(ctx, b, id)
			if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
				continue // deleted since
			}
			if err != nil {
				return 0, fmt.Errorf("watch: record %s: %w", id, err)
			}
			recs[id] = alertRecord(*d)
		}
	}
	n := 0
	err := s.db.bolt.Update(func(tx *bolt.Tx) error {
		fired, alerts, outbox := tx.Bucket(bucketFired), tx.Bucket(bucketAlerts), tx.Bucket(bucketOutbox)
		for _, c := range cands {
			wid := c.w.Watch.ID
			if tx.Bucket(bucketWatches).Get([]byte(wid)) == nil {
				continue // deleted while the batch was evaluated
			}
			// A match rule alerts the records not alerted yet; the other
			// rules fire once per key.
			var ids []string
			for _, id := range c.ids {
				if c.key == "" && fired.Get(firedKey(wid, "r:"+id)) != nil {
					continue
				}
				ids = append(ids, id)
			}
			if len(ids) == 0 || c.key != "" && fired.Get(firedKey(wid, c.key)) != nil {
				continue
			}
			id, err := newID(alerts, "a")
			if err != nil {
				return err
			}
			a := c.alert
			a.ID, a.WatchID, a.WatchName, a.FiredAt = id, wid, c.w.Watch.Name, now
			a.Records = make([]xinfang.AlertRecord, 0, len(ids))
			for _, rid := range ids {
				if r, ok := recs[rid]; ok {
					a.Records = append(a.Records, r)
				}
			}
			if c.key == "" {
				a.Count = len(a.Records)
				a.Summary = fmt.Sprintf("新增%d件匹配记录", len(a.Records))
				for _, rid := range ids {
					if err := fired.Put(firedKey(wid, "r:"+rid), []byte(id)); err != nil {
						return err
					}
				}
			} else if err := fired.Put(firedKey(wid, c.key), []byte(id)); err != nil {
				return err
			}
			a.Delivery = deliveryNone
			if h := c.w.Watch.Webhook; h != nil {
				a.Delivery = deliveryPending
				d := delivery{AlertID: id, WatchID: wid, URL: h.URL, Secret: h.Secret, NextAt: now}
				if err := put(outbox, id, d); err != nil {
					return err
				}
			}
			if err := put(alerts, id, a); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("watch: store alerts: %w", err)
	}
	return n, nil
}

// alertRecord is d as an alert shows it, personal data masked.
func alertRecord(d xinfang.Document) xinfang.AlertRecord {
	a := d.Analysis
	r := xinfang.AlertRecord{
		ID:         d.ID,
		Kind:       d.Kind,
		Title:      xinfang.MaskText(d.Title()),
		Date:       d.Date().In(cst),
		Categories: a.Categories,
		Risk:       a.Risk,
		Headcount:  a.Headcount,
	}
	if r.Kind == "" {
		r.Kind = xinfang.KindBulletin
		if d.Record != nil {
			r.Kind = xinfang.KindPetition
		}
	}
	if r.Categories == nil {
		r.Categories = []string{}
	}
	if d.Record != nil && d.Record.Headcount != nil {
		r.Headcount = d.Record.Headcount
	}
	if a.City != nil {
		r.City = *a.City
	}
	if a.County != nil {
		r.County = *a.County
	}
	reasons := make([]string, len(a.Risk.Reasons))
	for i, s := range a.Risk.Reasons {
		reasons[i] = xinfang.MaskText(s)
	}
	r.Risk.Reasons = reasons
	return r
}
