package ingest

import (
	"fmt"
	"math"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/xinfang/xinfang"
)

// Metrics are the ingest pipeline's Prometheus collectors. One Metrics may
// be shared by a Queue and a Consumer of the same process.
type Metrics struct {
	consumed     *prometheus.CounterVec // topic
	indexed      *prometheus.CounterVec // kind
	deadLettered *prometheus.CounterVec // topic, reason
	retries      prometheus.Counter
	lag          *prometheus.GaugeVec // topic, partition
	// newest is the produce time, in Unix nanoseconds, of the newest
	// message made durable in the index.
	newest atomic.Int64
}

// NewMetrics creates the ingest metrics and registers them on reg:
// xinfang_ingest_consumed_total{topic}, xinfang_ingest_indexed_total{kind},
// xinfang_ingest_dead_lettered_total{topic,reason},
// xinfang_ingest_retries_total, xinfang_kafka_consumer_lag{topic,partition}
// and xinfang_ingest_newest_indexed_age_seconds.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		consumed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xinfang_ingest_consumed_total",
			Help: "Messages taken into the ingest pipeline, by topic.",
		}, []string{"topic"}),
		indexed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xinfang_ingest_indexed_total",
			Help: "Documents made durable in the index by the ingest pipeline, by kind (petition, bulletin).",
		}, []string{"kind"}),
		deadLettered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xinfang_ingest_dead_lettered_total",
			Help: "Messages that can never be indexed, sent to the dead-letter topic (or reported, in embedded mode), by topic and reason.",
		}, []string{"topic", "reason"}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xinfang_ingest_retries_total",
			Help: "Retries of transient failures (index, dead-letter write, commit, fetch).",
		}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "xinfang_kafka_consumer_lag",
			Help: "Messages behind the partition's high-water mark at the last fetch, by topic and partition.",
		}, []string{"topic", "partition"}),
	}
	age := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "xinfang_ingest_newest_indexed_age_seconds",
		Help: "Seconds since the newest message made durable in the index was produced (NaN before the first); growing means ingest has stalled or input has stopped.",
	}, m.newestAge)
	for _, c := range []prometheus.Collector{m.consumed, m.indexed, m.deadLettered, m.retries, m.lag, age} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("ingest: register metrics: %w", err)
		}
	}
	return m, nil
}

func (m *Metrics) newestAge() float64 {
	ns := m.newest.Load()
	if ns == 0 {
		return math.NaN()
	}
	return time.Since(time.Unix(0, ns)).Seconds()
}

// fetched records a message taken in.
func (m *Metrics) fetched(msg *Message) {
	m.consumed.WithLabelValues(msg.Topic).Inc()
	if msg.HighWaterMark > 0 {
		lag := max(msg.HighWaterMark-msg.Offset-1, 0)
		m.lag.WithLabelValues(msg.Topic, strconv.Itoa(msg.Partition)).Set(float64(lag))
	}
}

// indexedDocs records a durable batch: docs minus the refused ones.
func (m *Metrics) indexedDocs(docs []xinfang.Document, refused map[int]error, jobs []*job) {
	for i, d := range docs {
		if _, bad := refused[i]; !bad {
			m.indexed.WithLabelValues(d.Kind).Inc()
		}
	}
	var newest int64
	for _, j := range jobs {
		if j.rej == nil && !j.msg.Time.IsZero() {
			newest = max(newest, j.msg.Time.UnixNano())
		}
	}
	for {
		old := m.newest.Load()
		if newest <= old || m.newest.CompareAndSwap(old, newest) {
			return
		}
	}
}
