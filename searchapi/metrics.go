package searchapi

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the server's Prometheus collectors.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	rejected prometheus.Counter
	indexed  prometheus.Counter
}

func newMetrics(reg prometheus.Registerer, stats func() (IndexStats, error)) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xinfang_http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "xinfang_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "xinfang_http_in_flight_requests",
			Help: "API requests being served now (bounded by the concurrency limit).",
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xinfang_http_rejected_total",
			Help: "API requests refused because a limit was reached: 503 for the in-flight limit, 429 for a client's limit, rate or expensive-search budget.",
		}),
		indexed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xinfang_indexed_documents_total",
			Help: "Documents made durable in the index by this process.",
		}),
	}
	cs := []prometheus.Collector{m.requests, m.duration, m.inFlight, m.rejected, m.indexed}
	if stats != nil {
		cs = append(cs,
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "xinfang_index_documents",
				Help: "Documents in the index.",
			}, func() float64 {
				st, err := stats()
				if err != nil {
					return -1
				}
				return float64(st.Documents)
			}),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "xinfang_index_size_bytes",
				Help: "Size of the index in bytes (0 when unknown).",
			}, func() float64 {
				st, err := stats()
				if err != nil {
					return -1
				}
				return float64(st.SizeBytes)
			}),
		)
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	return m, nil
}

func (m *metrics) observe(route string, status int, seconds float64) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(seconds)
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.metricsHandler.ServeHTTP(w, r)
}

// slogPrinter adapts the server's logger to promhttp's ErrorLog.
type slogPrinter struct{ s *Server }

func (p slogPrinter) Println(v ...any) { p.s.log.Error("metrics: " + fmt.Sprint(v...)) }
