package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// genSite serves a generated portal from memory: list pages
// /gen/index.html, /gen/index_1.html … with perPage article links each and
// a link to the next list page, and articles /gen/a/K.html in the 信访局
// layout with distinct text.
func genSite(articles, perPage int) http.Handler {
	lists := (articles + perPage - 1) / perPage
	para := []string{
		"%d月%d日，某旗信访局接待群众来访%d批%d人次，涉及拖欠农民工工资、征地拆迁补偿等问题，现场协调解决%d件。",
		"针对某建筑公司拖欠%d名农民工工资问题，人社、住建部门联合督办，%d日内将%d元工资足额发放到位。",
		"今年以来，全旗累计化解信访事项%d件，化解率达到%d%%，群众满意率持续提升，信访总量同比下降%d%%。",
		"下一步，将持续开展矛盾纠纷排查化解，对涉及人数较多的诉求提前介入，确保问题在基层得到解决，编号%d。",
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		p := r.URL.Path
		switch {
		case p == "/robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
		case strings.HasPrefix(p, "/gen/index"):
			k := 0
			if s := strings.TrimSuffix(strings.TrimPrefix(p, "/gen/index_"), ".html"); s != p && s != "/gen/index" {
				k, _ = strconv.Atoi(s)
			}
			var b strings.Builder
			b.WriteString(`<html><head><meta charset="utf-8"><title>工作动态_某盟信访局</title></head><body><div class="nav"><a href="/gen/index.html">首页</a></div><ul class="list">`)
			for j := k * perPage; j < min((k+1)*perPage, articles); j++ {
				fmt.Fprintf(&b, `<li><a href="a/%d.html">某旗信访工作动态第%d期</a><span>2024-01-%02d</span></li>`, j, j, j%28+1)
			}
			b.WriteString(`</ul><div class="page">`)
			if k+1 < lists {
				fmt.Fprintf(&b, `<a href="index_%d.html">下一页</a>`, k+1)
			}
			b.WriteString(`</div></body></html>`)
			w.Write([]byte(b.String()))
		case strings.HasPrefix(p, "/gen/a/"):
			j, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/gen/a/"), ".html"))
			if err != nil || j >= articles {
				http.NotFound(w, r)
				return
			}
			var b strings.Builder
			fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>某旗信访工作动态第%d期_某盟信访局</title></head><body>`, j)
			b.WriteString(`<div class="nav"><a href="/gen/index.html">首页</a><a href="/gen/index.html">工作动态</a></div>`)
			fmt.Fprintf(&b, `<div class="xl_main"><h1 class="xl_title">某旗信访工作动态第%d期</h1><div class="xl_info">发布时间：2024-01-%02d 09:%02d:00　来源：某旗信访局</div><div id="zoom">`, j, j%28+1, j%60)
			for i, f := range para {
				b.WriteString("<p>　　")
				switch i {
				case 0:
					fmt.Fprintf(&b, f, j%12+1, j%28+1, j%9+1, j%40+3, j%7+1)
				case 1:
					fmt.Fprintf(&b, f, j%80+5, j%30+1, 10000+j*37)
				case 2:
					fmt.Fprintf(&b, f, j%500, j%40+60, j%20)
				case 3:
					fmt.Fprintf(&b, f, j)
				}
				b.WriteString("</p>")
			}
			b.WriteString(`</div><div class="xl_editor">责任编辑：某某</div><div class="xl_page"><a href="/gen/index.html">返回列表</a></div></div><div class="foot">版权所有</div></body></html>`)
			w.Write([]byte(b.String()))
		default:
			http.NotFound(w, r)
		}
	})
}

type countSink struct{ n atomic.Int64 }

func (s *countSink) Emit(context.Context, xinfang.Bulletin) error {
	s.n.Add(1)
	return nil
}

// BenchmarkCrawl crawls a generated site of 1,000 and 10,000 articles with
// politeness off (with and without an fsync per state commit) and reports pages per second and the heap in use (sampled
// every 50ms): its peak, and its peak over the first and the last fifth of
// the crawl, which stay level when memory does not grow with the site.
func BenchmarkCrawl(b *testing.B) {
	for _, bc := range []struct {
		n      int
		noSync bool
	}{{1000, false}, {1000, true}, {10000, false}} {
		n := bc.n
		b.Run(fmt.Sprintf("articles=%d/nosync=%v", n, bc.noSync), func(b *testing.B) {
			srv := httptest.NewServer(genSite(n, 20))
			defer srv.Close()
			var pages int
			var elapsed time.Duration
			var peak, early, late uint64
			for range b.N {
				sink := &countSink{}
				cfg := Config{
					Sites: []Site{{
						Seeds: []string{srv.URL + "/gen/index.html"}, Rate: -1,
						Parallelism: runtime.GOMAXPROCS(0) * 2, MaxDepth: -1,
					}},
					StateDir: b.TempDir(),
					Timeout:  10 * time.Second,
					NoSync:   bc.noSync,
				}
				c, err := New(cfg, sink)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var samples []uint64
				var mu sync.Mutex
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer wg.Done()
					t := time.NewTicker(50 * time.Millisecond)
					defer t.Stop()
					for {
						select {
						case <-stop:
							return
						case <-t.C:
							var ms runtime.MemStats
							runtime.ReadMemStats(&ms)
							mu.Lock()
							samples = append(samples, ms.HeapInuse)
							mu.Unlock()
						}
					}
				}()
				start := time.Now()
				stats, err := c.Run(context.Background())
				elapsed += time.Since(start)
				close(stop)
				wg.Wait()
				if err != nil {
					b.Fatal(err)
				}
				if int(sink.n.Load()) != n {
					b.Fatalf("emitted %d of %d articles (stats %+v)", sink.n.Load(), n, stats)
				}
				pages += stats.Fetched
				fifth := max(len(samples)/5, 1)
				for i, s := range samples {
					peak = max(peak, s)
					if i < fifth {
						early = max(early, s)
					}
					if i >= len(samples)-fifth {
						late = max(late, s)
					}
				}
			}
			b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(early)/(1<<20), "early-heap-MiB")
			b.ReportMetric(float64(late)/(1<<20), "late-heap-MiB")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkParseArticle measures the extraction of one article page.
func BenchmarkParseArticle(b *testing.B) {
	doc, u, _ := fixturePage(b, "/fzrb/content/2023-07/03/content_8876543.html")
	html, _ := doc.Html()
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseArticle(doc, u, Selectors{}); err != nil {
			b.Fatal(err)
		}
	}
}
