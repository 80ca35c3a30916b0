//go:build unix

package index

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

// Benchmarks. Building a large index takes minutes, so BenchmarkQuery
// builds it once into XINFANG_BENCH_DIR (default: a directory under the
// system temp dir named after the size) and reuses it on later runs.
// XINFANG_BENCH_DOCS sets the corpus size (default 1000000).
//
//	go test -run XXX -bench Index -benchtime 20000x ./index
//	XINFANG_BENCH_DOCS=1000000 go test -run XXX -bench Query -benchtime 200x -timeout 2h ./index

const benchSeed = 42

// genDocs returns documents lo..hi-1 of the generator, analysed with a
// when not nil, using both cores.
func genDocs(g *gen.Generator, a *nlp.Analyzer, lo, hi int) []xinfang.Document {
	docs := make([]xinfang.Document, hi-lo)
	var wg sync.WaitGroup
	const workers = 2
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := lo + w; i < hi; i += workers {
				rec := g.Record(i)
				d := xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec}
				if a != nil {
					d.Analysis = a.Analyze(rec.ID, rec.Title, rec.Content)
				}
				docs[i-lo] = d
			}
		}(w)
	}
	wg.Wait()
	return docs
}

func BenchmarkIndex(b *testing.B) {
	a, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	g := gen.New(benchSeed)
	for _, tc := range []struct {
		name    string
		analyze bool
	}{{"analysed", true}, {"preanalysed", false}} {
		b.Run(tc.name, func(b *testing.B) {
			s, err := Open(b.TempDir(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			// Analysis outside the timer in the preanalysed case.
			var pre []xinfang.Document
			if !tc.analyze {
				pre = genDocs(g, a, 0, b.N)
			}
			const batch = 1000
			var bytes int64
			b.ReportAllocs()
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for lo := 0; lo < b.N; lo += batch {
				hi := min(lo+batch, b.N)
				var docs []xinfang.Document
				if tc.analyze {
					docs = genDocs(g, a, lo, hi)
				} else {
					docs = pre[lo:hi]
				}
				for i := range docs {
					bytes += int64(len(docs[i].Record.Content) + len(docs[i].Record.Title))
				}
				if err := s.Index(context.Background(), docs); err != nil {
					b.Fatal(err)
				}
			}
			el := time.Since(start)
			b.StopTimer()
			b.SetBytes(bytes / int64(b.N))
			b.ReportMetric(float64(b.N)/el.Seconds(), "docs/s")
			// The machine is shared: CPU time per document is the figure
			// that does not depend on the neighbours' load.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/doc")
		})
	}
}

// cpuTime is the CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var (
	benchOnce  sync.Once
	benchStore *Store
	benchErr   error
)

// benchIndex opens (building when needed) the shared benchmark index.
func benchIndex(b *testing.B) (*Store, int) {
	n := 1000000
	if v := os.Getenv("XINFANG_BENCH_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("XINFANG_BENCH_DOCS: %v", err)
		}
	}
	dir := os.Getenv("XINFANG_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("xinfang-bench-%d", n))
	}
	benchOnce.Do(func() {
		t0 := time.Now()
		s, err := Open(dir, Options{Timeout: 5 * time.Second})
		if err != nil {
			benchErr = err
			return
		}
		have, _ := s.Count()
		fmt.Fprintf(os.Stderr, "bench index: opened %s with %d documents in %v\n", dir, have, time.Since(t0).Round(time.Millisecond))
		if int(have) < n {
			a, err := nlp.Default()
			if err != nil {
				benchErr = err
				return
			}
			g := gen.New(benchSeed)
			start, cpu0 := time.Now(), cpuTime()
			const batch = 2000
			// Analyse the next batch while the current one is indexed.
			batches := make(chan []xinfang.Document, 1)
			go func() {
				defer close(batches)
				for lo := int(have); lo < n; lo += batch {
					batches <- genDocs(g, a, lo, min(lo+batch, n))
				}
			}()
			done := int(have)
			for docs := range batches {
				if benchErr != nil {
					continue // drain
				}
				if err := s.Index(context.Background(), docs); err != nil {
					benchErr = err
					continue
				}
				done += len(docs)
				if done%100000 == 0 || done == n {
					el := time.Since(start)
					fmt.Fprintf(os.Stderr, "bench index: %d docs, %.0f docs/s wall, %.3f cpu-ms/doc (generation, analysis and indexing) since the start of this build\n",
						done, float64(done-int(have))/el.Seconds(), float64((cpuTime()-cpu0).Microseconds())/1000/float64(done-int(have)))
				}
			}
			if benchErr != nil {
				return
			}
		}
		benchStore = s
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, n
}

// quarterQuery picks the candidate word whose hits are nearest a quarter
// of the corpus.
func quarterQuery(b *testing.B, s *Store, n int) (string, uint64) {
	best, bestTotal, bestDist := "", uint64(0), math.Inf(1)
	for _, q := range []string{"工资", "拖欠", "公司", "小区", "业主", "要求", "反映", "补偿", "施工", "噪声", "开发商", "交房", "群众", "工人", "问题", "解决", "多次"} {
		res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: q})
		if err != nil {
			b.Fatal(err)
		}
		if d := math.Abs(float64(res.Total)/float64(n) - 0.25); d < bestDist {
			best, bestTotal, bestDist = q, res.Total, d
		}
	}
	return best, bestTotal
}

func BenchmarkQuery(b *testing.B) {
	s, n := benchIndex(b)
	q, total := quarterQuery(b, s, n)
	b.Logf("query %q matches %d of %d (%.1f%%)", q, total, n, 100*float64(total)/float64(n))
	type bench struct {
		name string
		run  func() (uint64, error)
	}
	search := func(req xinfang.SearchRequest) func() (uint64, error) {
		return func() (uint64, error) {
			res, err := s.Search(context.Background(), req)
			return res.Total, err
		}
	}
	for _, tc := range []bench{
		{"quarter-text-relevance", search(xinfang.SearchRequest{Query: q, Size: 20})},
		{"quarter-text-date", search(xinfang.SearchRequest{Query: q, Size: 20, Sort: xinfang.SortDate})},
		{"quarter-text-cursor-page-2", func() (uint64, error) {
			res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: q, Size: 20})
			if err != nil {
				return 0, err
			}
			res, err = s.Search(context.Background(), xinfang.SearchRequest{Query: q, Size: 20, Cursor: res.Cursor})
			return res.Total, err
		}},
		{"filters-only", search(xinfang.SearchRequest{Filters: xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}, Size: 20})},
		{"all", search(xinfang.SearchRequest{Size: 20, Sort: xinfang.SortRisk})},
		{"text-and-filters", search(xinfang.SearchRequest{Query: q + " -噪声", Filters: xinfang.Filters{City: []string{"兴安盟", "呼和浩特市"}, Headcount: []string{"5-29", "30+"}}, Size: 20})},
		{"phrase-prefix", search(xinfang.SearchRequest{Query: `"拖欠 工资" -噪声 开发*`, Size: 20})},
		{"trends", func() (uint64, error) {
			_, err := s.Trends(context.Background(), xinfang.TrendRequest{})
			return 0, err
		}},
		{"clusters", func() (uint64, error) {
			_, err := s.Clusters(context.Background(), xinfang.ClusterRequest{})
			return 0, err
		}},
		{"risks", func() (uint64, error) {
			_, err := s.Risks(context.Background(), xinfang.RiskRequest{})
			return 0, err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			var total uint64
			timeouts := 0
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				var err error
				total, err = tc.run()
				if xinfang.ErrorCode(err) == xinfang.EUNAVAILABLE {
					timeouts++ // the search deadline: counted, not fatal
				} else if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			pct := func(p float64) float64 {
				return float64(lat[int(math.Ceil(p*float64(len(lat))))-1].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(total), "hits")
			b.ReportMetric(float64(timeouts), "timeouts")
		})
	}
}
