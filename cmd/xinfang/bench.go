package main

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

// processStart is as close to process start as Go code gets: package
// variables are initialised before init functions and main.
var processStart = time.Now()

// benchModes are the measurements of `xinfang bench`; other files add theirs
// in init functions.
var benchModes = map[string]struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}{
	"analyze": {"analysis throughput (MB/s) next to raw gse segmentation, start-up time and heap", benchAnalyze},
	"index":   {"indexing throughput (records/s) of generated records, with analysis, into a fresh on-disk index", benchIndex},
	"query":   {"query latency p50/p99 of a query matching about a quarter of the index, with all facets and the histogram", benchQuery},
}

func init() {
	register(command{name: "bench", summary: "measure analysis, indexing and query speed", run: runBench})
}

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(e.stderr, "Usage: xinfang bench <mode> [flags]\n\nModes:")
		names := make([]string, 0, len(benchModes))
		for n := range benchModes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(e.stderr, "  %-8s %s\n", n, benchModes[n].summary)
		}
		return errUsage
	}
	m, ok := benchModes[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "xinfang bench: unknown mode %q\n", args[0])
		return errUsage
	}
	return m.run(ctx, e, args[1:])
}

// benchAnalyze measures, in this process: the time from process start to the
// first analysis, the heap after loading, and the throughput of full analysis
// and of raw segmentation over the fixture corpus on one goroutine.
func benchAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench analyze", "bench analyze [--duration D]")
	dur := fs.Duration("duration", 5*time.Second, "how long to run each throughput measurement")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	an.Analyze("warmup", "", "乌兰浩特市某小区27名农民工讨要工资58万元")
	firstAnalysis := time.Since(processStart)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	labeled, err := fixtures.Petitions()
	if err != nil {
		return err
	}
	texts := make([]string, len(labeled))
	var corpusBytes int
	for i, l := range labeled {
		texts[i] = l.Record.Content
		corpusBytes += len(l.Record.Content)
	}
	measure := func(fn func(string)) (mbps float64, passes int) {
		start := time.Now()
		var n int
		for time.Since(start) < *dur && ctx.Err() == nil {
			for _, t := range texts {
				fn(t)
			}
			n += corpusBytes
			passes++
		}
		return float64(n) / 1e6 / time.Since(start).Seconds(), passes
	}
	seg := an.Segmenter()
	segMBps, _ := measure(func(t string) { seg.Tokens(t) })
	anMBps, passes := measure(func(t string) { an.Analyze("", "", t) })

	fmt.Fprintf(e.stdout, "cores (GOMAXPROCS)        %d\n", runtime.GOMAXPROCS(0))
	fmt.Fprintf(e.stdout, "corpus                    %d texts, %d bytes (fixtures), %d passes\n", len(texts), corpusBytes, passes)
	fmt.Fprintf(e.stdout, "start to first analysis   %s\n", firstAnalysis.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "heap after load           %.1f MB (HeapAlloc after GC)\n", float64(ms.HeapAlloc)/1e6)
	fmt.Fprintf(e.stdout, "segmentation (Tokens)     %.2f MB/s on one goroutine (gse dictionary and model)\n", segMBps)
	fmt.Fprintf(e.stdout, "full analysis             %.2f MB/s on one goroutine\n", anMBps)
	return nil
}

// benchIndex generates n records, analyses them on all cores and indexes
// them in batches into a fresh on-disk index, reporting the rate, the heap
// and the resident memory per slice of the run so that a slowdown or a
// growth as the index grows is visible.
func benchIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench index", "bench index [-n N] [--data DIR] [--batch B]")
	n := fs.Int("n", 100000, "records to generate and index")
	data := fs.String("data", "", "data directory for the index (default: a temporary directory, removed at the end)")
	batch := fs.Int("batch", 1000, "documents per index batch")
	seed := fs.Int64("seed", 1, "generator seed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, cleanup, err := dataDir(*data, "xinfang-bench-")
	if err != nil {
		return err
	}
	defer cleanup()
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	st, err := openIndex(dir, an)
	if err != nil {
		return err
	}
	defer st.Close()

	fmt.Fprintf(e.stdout, "indexing %d generated records into %s (GOMAXPROCS %d, batch %d); heap and RSS after a collection\n", *n, dir, runtime.GOMAXPROCS(0), *batch)
	heap0, rss0, anon0 := memoryNow()
	start := time.Now()
	sliceStart, sliceDone := start, 0
	step := max(*n/10, *batch)
	done, err := indexGenerated(ctx, st, an, *n, *batch, *seed, func(done, batch int) {
		sliceDone += batch
		if sliceDone >= step || done == *n {
			el := time.Since(sliceStart)
			heap, rss, anon := memoryNow()
			per := func(now, then float64) float64 { return (now - then) / 1e6 / float64(done) * 1e5 }
			fmt.Fprintf(e.stdout, "  %8d records  %7.0f records/s (this slice)  %7.0f records/s (overall)  heap %5.0f MB  RSS %5.0f MB (anonymous %5.0f)  per 100k since the start: heap +%.0f, RSS +%.0f (anonymous +%.0f) MB\n",
				done, float64(sliceDone)/el.Seconds(), float64(done)/time.Since(start).Seconds(),
				heap/1e6, rss/1e6, anon/1e6, per(heap, heap0), per(rss, rss0), per(anon, anon0))
			sliceStart, sliceDone = time.Now(), 0
		}
	})
	if err != nil {
		return err
	}
	total := time.Since(start)
	stats, err := st.Stats()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "indexed %d records in %s: %.0f records/s overall; index %d documents, %.1f MB on disk\n",
		done, total.Round(time.Millisecond), float64(done)/total.Seconds(), stats.Documents, float64(stats.DiskBytes)/1e6)
	return nil
}

// indexGenerated generates n records with the seed, analyses them on a
// worker pool and indexes them in batches, calling progress after each
// batch. It returns the number indexed.
func indexGenerated(ctx context.Context, st *index.Store, an *nlp.Analyzer, n, batch int, seed int64, progress func(done, batch int)) (int, error) {
	g := gen.New(seed)
	workers := runtime.GOMAXPROCS(0)
	batches := make(chan []xinfang.Document, workers)
	var wg sync.WaitGroup
	next := make(chan int)
	go func() {
		defer close(next)
		for start := 0; start < n; start += batch {
			select {
			case next <- start:
			case <-ctx.Done():
				return
			}
		}
	}()
	now := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range next {
				end := min(start+batch, n)
				docs := make([]xinfang.Document, 0, end-start)
				for i := start; i < end; i++ {
					rec := g.Record(i)
					docs = append(docs, xinfang.Document{
						ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec,
						Analysis: an.Analyze(rec.ID, rec.Title, rec.Content), IndexedAt: now,
					})
				}
				select {
				case batches <- docs:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(batches) }()
	done := 0
	for docs := range batches {
		if err := st.Index(ctx, docs); err != nil {
			return done, err
		}
		done += len(docs)
		progress(done, len(docs))
	}
	return done, ctx.Err()
}

// benchQuery runs a query that matches about a quarter of the index, with
// every facet and the histogram, and reports latency percentiles.
func benchQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench query", "bench query --data DIR [-n N] [--q QUERY] [--expand=false]")
	data := fs.String("data", "", "data directory of an index built by 'xinfang bench index --data DIR' (required)")
	n := fs.Int("n", 200, "queries to run")
	q := fs.String("q", "", "the query string (default: the candidate whose hit count is closest to 25% of the index)")
	expand := fs.Bool("expand", true, "concept expansion and compound matching, as the API's expand; false searches the words as written")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" {
		fmt.Fprintln(e.stderr, "xinfang bench query: --data is required")
		return errUsage
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	st, err := openIndex(*data, an)
	if err != nil {
		return err
	}
	defer st.Close()
	total, err := st.Count()
	if err != nil {
		return err
	}
	if total == 0 {
		return fmt.Errorf("bench query: the index at %s is empty", *data)
	}
	query := *q
	if query == "" {
		best := 2.0
		for _, c := range []string{"工资", "小区", "补偿", "业主", "施工", "反映", "拖欠", "公司", "农民工", "噪音"} {
			res, err := st.Search(ctx, xinfang.SearchRequest{Query: c, Size: 0, NoExpand: !*expand})
			if err != nil {
				return err
			}
			frac := float64(res.Total) / float64(total)
			if d := abs(frac - 0.25); d < best {
				best, query = d, c
			}
		}
	}
	req := xinfang.SearchRequest{Query: query, Size: 20, Sort: xinfang.SortRelevance, NoExpand: !*expand}
	lat := make([]time.Duration, 0, *n)
	var hits uint64
	var suggestions []string
	for i := 0; i < *n && ctx.Err() == nil; i++ {
		t := time.Now()
		res, err := st.Search(ctx, req)
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
		hits, suggestions = res.Total, res.Suggestions
		// A query that finds nothing (a typo) has neither.
		if hits > 0 && (len(res.Facets) == 0 || len(res.Histogram.Buckets) == 0) {
			return fmt.Errorf("bench query: the result has no facets or histogram")
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Fprintf(e.stdout, "query %q (expand=%t): %d of %d documents (%.1f%%), all facets + histogram, size 20, GOMAXPROCS %d\n",
		query, *expand, hits, total, 100*float64(hits)/float64(total), runtime.GOMAXPROCS(0))
	fmt.Fprintf(e.stdout, "  %d runs: p50 %s  p90 %s  p99 %s  max %s\n", len(lat),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	if len(suggestions) > 0 {
		fmt.Fprintf(e.stdout, "  suggestions: %s\n", strings.Join(suggestions, ", "))
	}
	return nil
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
