package nlp

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang/fixtures"
)

// benchCorpus is the contents of the labeled fixtures (or the sample texts
// when the corpus is empty), the realistic input of the benchmarks.
func benchCorpus(b *testing.B) []string {
	b.Helper()
	recs, err := fixtures.Petitions()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Record.Title+"\n"+r.Record.Content)
	}
	if len(out) == 0 {
		out = sampleTexts
	}
	return out
}

// cpuThroughput starts measuring the process's CPU time; the returned
// function reports the throughput over that time as "cpu-MB/s". On a shared
// machine it varies far less than the wall-clock MB/s, since waiting for a
// core does not count; with -cpu 1 it includes the garbage collector's work.
func cpuThroughput(b *testing.B, bytesPerOp int64) func() {
	b.Helper()
	start := processCPU()
	return func() {
		end := processCPU()
		if start < 0 || end <= start || b.N == 0 {
			return
		}
		b.ReportMetric(float64(bytesPerOp)*float64(b.N)/(float64(end-start)/1e9)/1e6, "cpu-MB/s")
	}
}

func corpusBytes(c []string) int64 {
	n := 0
	for _, s := range c {
		n += len(s)
	}
	return int64(n)
}

// BenchmarkAnalyze measures the full analysis; run with -cpu 1 to compare
// with the 4 MB/s target of one core.
func BenchmarkAnalyze(b *testing.B) {
	a := testAnalyzer(b)
	c := benchCorpus(b)
	b.SetBytes(corpusBytes(c))
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuThroughput(b, corpusBytes(c))()
	for b.Loop() {
		for _, s := range c {
			a.Analyze("b", "", s)
		}
	}
}

// BenchmarkSegment is raw gse segmentation of the same corpus, the floor
// under BenchmarkAnalyze.
func BenchmarkSegment(b *testing.B) {
	s := testAnalyzer(b).Segmenter()
	c := benchCorpus(b)
	b.SetBytes(corpusBytes(c))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range c {
			s.seg.Segment([]byte(t))
		}
	}
}

// BenchmarkAnalyzeLong analyses one long bulletin-sized text (about 1 MB).
func BenchmarkAnalyzeLong(b *testing.B) {
	a := testAnalyzer(b)
	text := strings.Join(benchCorpus(b), "\n")
	for len(text) < 1<<20 {
		text += "\n" + text
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a.Analyze("b", "", text)
	}
}

// BenchmarkLoad measures a cold start: loading the dictionary, building
// the analyzer and analysing a first text (target < 2 s), and reports the
// heap in use after loading (target < 300 MB).
func BenchmarkLoad(b *testing.B) {
	var heap uint64
	for b.Loop() {
		start := time.Now()
		seg, err := NewSegmenter(DomainWords())
		if err != nil {
			b.Fatal(err)
		}
		a, err := newAnalyzer(seg, Options{})
		if err != nil {
			b.Fatal(err)
		}
		a.Analyze("b", "", sampleTexts[0])
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-first-analysis")
		b.StopTimer()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		heap = m.HeapAlloc
		runtime.KeepAlive(a)
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

// BenchmarkTokens is the segmentation the analyzer and the index use:
// gse's dictionary and model on a hash table (see wordTable).
func BenchmarkTokens(b *testing.B) {
	s := testAnalyzer(b).Segmenter()
	c := benchCorpus(b)
	b.SetBytes(corpusBytes(c))
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuThroughput(b, corpusBytes(c))()
	for b.Loop() {
		for _, t := range c {
			s.Tokens(t)
		}
	}
}
