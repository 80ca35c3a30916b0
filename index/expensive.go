package index

import (
	"context"
	"fmt"
	"sync"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
)

// Expensive searches. A search whose quoted phrases read more than
// Options.ExpensivePostings postings (phraseCost: the documents holding each
// of their words, counted from the term dictionaries before anything runs)
// is expensive. One asked for by a client (xinfang.ClientFrom: the HTTP
// layer names each request's principal or address) needs a slot of a small
// budget, one per client with a rest between two (see budget), and is
// refused at once with xinfang.ErrOverBudget when none is free rather than
// queued. An admitted one runs on one worker beside the scan gate, not through it, so
// that cheap reads never wait behind it and it never takes more than one
// core; the request deadline, checked inside Bleve's term readers
// (deadline.go), bounds its time. The node's own reads (watches, reports),
// which name no client, are never refused: they pass the scan gate as any
// read does.

// A client runs one expensive search at a time, and after one has ended
// it rests as long as that one ran before it may start the next: one
// client's expensive searches then take at most half of one core, however
// fast it asks, and the slots come free for other clients in between.

// budget counts the expensive searches running, in all and per client.
type budget struct {
	mu      sync.Mutex
	slots   int
	running int
	// clients holds the clients running an expensive search (busy) or
	// resting after one (until).
	clients map[string]clientBudget
	now     func() time.Time
}

type clientBudget struct {
	busy  bool
	until time.Time
}

func newBudget(slots int) *budget {
	return &budget{slots: slots, clients: map[string]clientBudget{}, now: time.Now}
}

// take takes a slot for client or refuses with ErrOverBudget; cost names
// the postings in the refusal.
func (b *budget) take(client string, cost uint64) (func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	const narrow = "或缩小范围（减少引号内的常用词、加筛选条件或日期范围）"
	const narrowEn = "or narrow it: fewer common words in quotes, a filter, a date range"
	c := b.clients[client]
	switch {
	case c.busy:
		return nil, overBudget("查询开销过大：引号内的短语需读取 %d 条倒排记录，本客户端已有一个此类查询在运行；请等它结束后重试，%s "+
			"(expensive query: its phrases read %d postings, and this client already runs one such search; retry when it ends, %s)",
			cost, narrow, cost, narrowEn)
	case now.Before(c.until):
		ms := (c.until.Sub(now) + time.Millisecond - 1) / time.Millisecond
		return nil, overBudget("查询开销过大：引号内的短语需读取 %d 条倒排记录，本客户端刚运行过一个此类查询，%d 毫秒后才能运行下一个；请稍后重试，%s "+
			"(expensive query: its phrases read %d postings, and this client's last such search ended just now; the next may start in %d ms, %s)",
			cost, ms, narrow, cost, ms, narrowEn)
	case b.running >= b.slots:
		return nil, overBudget("查询开销过大：引号内的短语需读取 %d 条倒排记录，同时允许的 %d 个此类查询都在运行；请稍后重试，%s "+
			"(expensive query: its phrases read %d postings, and the %d searches of that cost allowed at once are running; retry later, %s)",
			cost, b.slots, narrow, cost, b.slots, narrowEn)
	}
	b.running++
	b.clients[client] = clientBudget{busy: true}
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		end := b.now()
		b.running--
		for k, c := range b.clients {
			if !c.busy && !end.Before(c.until) {
				delete(b.clients, k)
			}
		}
		b.clients[client] = clientBudget{until: end.Add(end.Sub(now))}
	}, nil
}

func overBudget(format string, args ...any) error {
	return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Err: xinfang.ErrOverBudget, Message: fmt.Sprintf(format, args...)}
}

// admit admits a read that runs pq and returns a reader of the state,
// valid until release, and the number of workers the read may use: an
// expensive one of a client takes a slot of the budget (or is refused at
// once) and one worker; any other passes the scan gate (acquireScan).
func (s *Store) admit(ctx context.Context, pq *parsedQuery) (*reader, func(), int, error) {
	if client, lim := xinfang.ClientFrom(ctx), s.opts.ExpensivePostings; client != "" && lim > 0 {
		cost, err := s.phraseCost(pq)
		if err != nil {
			return nil, nil, 0, err
		}
		if cost > uint64(lim) {
			done, err := s.expensive.take(client, cost)
			if err != nil {
				return nil, nil, 0, err
			}
			st, release, err := s.acquire()
			if err != nil {
				done()
				return nil, nil, 0, err
			}
			return st.reader(), func() {
				release()
				done()
			}, 1, nil
		}
	}
	st, release, err := s.acquireScan(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	return st, release, st.workers(), nil
}

// phraseCost returns the postings the quoted phrases of pq read: for each
// phrase of two words or more, the documents holding each word in each
// field it is looked for in. Queries without such phrases cost 0 and open
// nothing.
func (s *Store) phraseCost(pq *parsedQuery) (uint64, error) {
	type phrase struct {
		words []string
		field string // see textClause
	}
	var phrases []phrase
	for i := range pq.clauses {
		cl := &pq.clauses[i]
		if !cl.phrase || !cl.textual() || cl.field == "subject" {
			continue
		}
		toks := s.seg.Tokens(cl.value)
		if len(toks) < 2 {
			continue // one word is a term query
		}
		p := phrase{words: make([]string, len(toks)), field: fieldContent}
		for j, t := range toks {
			p.words[j] = t.Term
		}
		if cl.field == "title" {
			p.field = fieldTitle
		}
		phrases = append(phrases, p)
	}
	if len(phrases) == 0 {
		return 0, nil
	}
	st, release, err := s.acquire()
	if err != nil {
		return 0, err
	}
	defer release()
	adv, err := st.idx.Advanced()
	if err != nil {
		return 0, fmt.Errorf("index: reader: %w", err)
	}
	var reader bindex.IndexReader
	if reader, err = adv.Reader(); err != nil {
		return 0, fmt.Errorf("index: reader: %w", err)
	}
	defer reader.Close()
	var cost uint64
	for _, p := range phrases {
		for _, w := range p.words {
			cost += postings(reader, w, p.field)
		}
	}
	return cost, nil
}
