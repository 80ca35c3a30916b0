// Ranking: the best k candidates by relevance, date or risk, after a
// cursor, merged across scan workers; the cursor of the next page.

package index

import (
	"container/heap"
	"encoding/base64"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/xinfang/xinfang"
)

// cursor is the position after the last hit of a page.
type cursor struct {
	sortBy string
	key    float64 // score, seconds or risk score
	sec    int64   // date, for the risk order
	id     string
}

func (c *cursor) encode() string {
	s := c.sortBy + "\x00" + strconv.FormatFloat(c.key, 'g', -1, 64) + "\x00" + strconv.FormatInt(c.sec, 10) + "\x00" + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(s, sortBy string) (*cursor, error) {
	bad := xinfang.FieldError("cursor", "is not a cursor of this search; pass the cursor of the previous page unchanged")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	parts := strings.SplitN(string(b), "\x00", 4)
	if len(parts) != 4 || parts[0] != sortBy {
		return nil, bad
	}
	key, err1 := strconv.ParseFloat(parts[1], 64)
	sec, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || math.IsNaN(key) {
		return nil, bad
	}
	return &cursor{sortBy: sortBy, key: key, sec: sec, id: parts[3]}, nil
}

// cand is a ranked candidate hit.
type cand struct {
	ord uint32
	key float64
	sec int64
}

// topK keeps the best k candidates after the cursor.
type topK struct {
	st         *engine
	sortBy     string
	k          int
	after      *cursor
	afterCount int
	h          []cand // worst first
}

// before reports whether a ranks before b.
func (t *topK) before(a, b cand) bool {
	if a.key != b.key {
		return a.key > b.key
	}
	if a.sec != b.sec {
		return a.sec > b.sec
	}
	return t.st.ids[a.ord] < t.st.ids[b.ord]
}

func (t *topK) Len() int           { return len(t.h) }
func (t *topK) Less(i, j int) bool { return t.before(t.h[j], t.h[i]) }
func (t *topK) Swap(i, j int)      { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topK) Push(x any)         { t.h = append(t.h, x.(cand)) }
func (t *topK) Pop() any {
	x := t.h[len(t.h)-1]
	t.h = t.h[:len(t.h)-1]
	return x
}

func (t *topK) candOf(o uint32, r *row, score float64) cand {
	switch t.sortBy {
	case xinfang.SortRelevance:
		return cand{ord: o, key: score, sec: r.sec}
	case xinfang.SortRisk:
		return cand{ord: o, key: float64(r.score), sec: r.sec}
	}
	return cand{ord: o, key: float64(r.sec)}
}

func (t *topK) offer(o uint32, r *row, score float64) {
	c := t.candOf(o, r, score)
	if t.after != nil {
		a := t.after
		if c.key != a.key {
			if c.key > a.key {
				return
			}
		} else if c.sec != a.sec {
			if c.sec > a.sec {
				return
			}
		} else if t.st.ids[o] <= a.id {
			return
		}
	}
	t.afterCount++
	t.insert(c)
}

// merge adds the candidates of u, a topK of the same request, to t.
func (t *topK) merge(u *topK) {
	t.afterCount += u.afterCount
	for _, c := range u.h {
		t.insert(c)
	}
}

func (t *topK) insert(c cand) {
	if t.k == 0 {
		return
	}
	if len(t.h) < t.k {
		heap.Push(t, c)
		return
	}
	if t.before(c, t.h[0]) {
		t.h[0] = c
		heap.Fix(t, 0)
	}
}

func (t *topK) sorted() []cand {
	out := append([]cand(nil), t.h...)
	sort.Slice(out, func(i, j int) bool { return t.before(out[i], out[j]) })
	return out
}

func (t *topK) cursorOf(c cand) string {
	return (&cursor{sortBy: t.sortBy, key: c.key, sec: c.sec, id: t.st.ids[c.ord]}).encode()
}
