package watch

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

// benchWatches returns n watches like an office's: seven in ten match
// rules on a word (a third also on a 盟市, a third on high risk), the rest
// count, cluster and spike rules.
func benchWatches(n int) []storedWatch {
	words := []string{"工资", "拖欠", "噪音", "交房", "征收", "补偿", "物业", "社保", "停工", "包工头",
		"烂尾楼", "强拆", "安置房", "施工", "医疗事故", "预付卡", "草场", "养老保险", "劳动合同", "粉尘"}
	cities := []string{"呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟"}
	out := make([]storedWatch, n)
	for i := range out {
		w := storedWatch{Watch: xinfang.Watch{Name: fmt.Sprintf("watch %d", i), Query: words[i%len(words)], Filters: map[string][]string{}}}
		switch i % 3 {
		case 1:
			w.Filters.City = []string{cities[i%len(cities)]}
		case 2:
			w.Filters.RiskLevel = []string{"high"}
		}
		switch i % 10 {
		case 7:
			w.Watch.Rule = xinfang.Rule{Type: xinfang.RuleCount, Count: 20, Window: "1d"}
		case 8:
			w.Watch.Rule = xinfang.Rule{Type: xinfang.RuleCluster, Count: 10}
		case 9:
			w.Watch.Rule = xinfang.Rule{Type: xinfang.RuleSpike, Interval: "day", By: "category"}
		default:
			w.Watch.Rule = xinfang.Rule{Type: xinfang.RuleMatch}
		}
		out[i] = w
	}
	return out
}

// BenchmarkBatch indexes batches of live records (received now) into an
// index of 20,000, without watches and with 100; the difference is what
// the watches cost per batch. Records are analysed before the timer starts:
// the figure is the index's share of the pipeline, to which the watches
// add theirs.
func BenchmarkBatch(b *testing.B) {
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	g := gen.New(7)
	docs := func(from, n int, now time.Time) []xinfang.Document {
		out := make([]xinfang.Document, n)
		for i := range out {
			r := g.Record(from + i)
			if !now.IsZero() {
				gen.Live(&r, now)
			}
			out[i] = xinfang.Document{ID: r.ID, Record: &r, Analysis: an.Analyze(r.ID, r.Title, r.Content)}
		}
		return out
	}
	base := docs(0, 20000, time.Time{})
	for _, size := range []int{20, 500} {
		for _, nw := range []int{0, 100} {
			b.Run(fmt.Sprintf("batch=%d/watches=%d", size, nw), func(b *testing.B) {
				dir := b.TempDir()
				idx, err := index.Open(dir, index.Options{CategoryLabel: an.CategoryLabel})
				if err != nil {
					b.Fatal(err)
				}
				defer idx.Close()
				svc, err := Open(dir, idx, Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer svc.Close()
				ctx := context.Background()
				for lo := 0; lo < len(base); lo += 2000 {
					if err := idx.Index(ctx, base[lo:lo+2000]); err != nil {
						b.Fatal(err)
					}
				}
				for _, w := range benchWatches(nw) {
					if _, err := svc.Create(ctx, w.Watch, w.Filters); err != nil {
						b.Fatal(err)
					}
				}
				sink := Sink{Next: idx, Watches: svc}
				batches := make([][]xinfang.Document, b.N)
				for i := range batches {
					batches[i] = docs(100000+i*size, size, time.Now())
				}
				b.ResetTimer()
				cpu := processCPU()
				var inWatches time.Duration
				for i := 0; i < b.N; i++ {
					// What Sink.Index does, timed in two parts.
					if err := sink.Next.Index(ctx, batches[i]); err != nil {
						b.Fatal(err)
					}
					t0 := time.Now()
					if err := sink.Watches.Indexed(ctx, batches[i]); err != nil {
						b.Fatal(err)
					}
					inWatches += time.Since(t0)
				}
				b.ReportMetric(float64(inWatches.Microseconds())/1e3/float64(b.N), "watch-ms/batch")
				b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "records/s")
				// CPU time is what the watches take from indexing on a
				// busy machine, where wall time mostly measures the others.
				if cpu >= 0 {
					b.ReportMetric(float64(processCPU()-cpu)/1e3/float64(b.N*size), "cpu-µs/record")
				}
			})
		}
	}
}
