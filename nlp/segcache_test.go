package nlp

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xinfang/xinfang/fixtures"
)

// TestSegmenterCacheRoundTrip checks that a segmenter read back from its
// cache is the one written, and that an analyzer on it analyses the
// labeled corpus exactly as one on the segmenter built from gse.
func TestSegmenterCacheRoundTrip(t *testing.T) {
	built := testAnalyzer(t).Segmenter()
	key := segCacheKey("test", DomainWords())
	read, err := decodeSegmenter(encodeSegmenter(built, key), key)
	if err != nil {
		t.Fatal(err)
	}
	if read.seg != nil {
		t.Error("a segmenter read from the cache holds gse's")
	}
	if read.total != built.total || read.total == 0 {
		t.Errorf("total frequency %v, want %v", read.total, built.total)
	}
	if !reflect.DeepEqual(read.words, built.words) {
		t.Error("the word table read differs from the one written")
	}
	if a, b := slices.Sorted(slices.Values(read.stops)), slices.Sorted(slices.Values(built.stops)); len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("%d stop words read, %d written", len(a), len(b))
	}
	fromCache, err := newAnalyzer(read, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fromGse := testAnalyzer(t)
	recs, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		want := fromGse.Analyze(r.Record.ID, r.Record.Title, r.Record.Content)
		if got := fromCache.Analyze(r.Record.ID, r.Record.Title, r.Record.Content); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: analysis on the cached segmenter\n%+v\nwant\n%+v", r.Record.ID, got, want)
		}
	}
	for _, w := range []string{"拖欠工资", "拖欠农民工工资", "征地补偿款", "噪音扰民问题"} {
		if got, want := read.Parts(w), built.Parts(w); !slices.Equal(got, want) {
			t.Errorf("Parts(%s) = %q on the cached segmenter, %q on gse's", w, got, want)
		}
	}
}

// TestSegmenterCacheRefused checks that a cache of another key, cut short
// or damaged is refused, never read as a wrong table.
func TestSegmenterCacheRefused(t *testing.T) {
	built := testAnalyzer(t).Segmenter()
	key := segCacheKey("test", DomainWords())
	b := encodeSegmenter(built, key)
	damaged := slices.Clone(b)
	damaged[len(damaged)/2] ^= 1
	for name, c := range map[string]struct {
		b   []byte
		key []byte
	}{
		"other gse":   {b, segCacheKey("other", DomainWords())},
		"other words": {b, segCacheKey("test", append(DomainWords(), "新词"))},
		"cut short":   {b[:len(b)-100], key},
		"damaged":     {damaged, key},
		"not a cache": {[]byte("hello"), key},
	} {
		if _, err := decodeSegmenter(c.b, c.key); err == nil {
			t.Errorf("%s: read", name)
		}
	}
}

// TestLoadSegmenterCached checks the file: built and written when absent,
// read when it matches, rebuilt and rewritten when damaged.
func TestLoadSegmenterCached(t *testing.T) {
	extra := []string{"征收补偿", "噪音扰民"}
	path := filepath.Join(t.TempDir(), "cache", "segmenter")
	s1, how, err := loadSegmenterCached(path, "test", extra)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(how, "cache written") || s1.seg == nil {
		t.Fatalf("first load: %s", how)
	}
	s2, how, err := loadSegmenterCached(path, "test", extra)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(how, "read from the cache") || s2.seg != nil {
		t.Fatalf("second load: %s", how)
	}
	if got, want := s2.Tokens("开发商延期交房，征收补偿不到位，噪音扰民"), s1.Tokens("开发商延期交房，征收补偿不到位，噪音扰民"); !reflect.DeepEqual(got, want) {
		t.Errorf("tokens from the cache %v, want %v", got, want)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, how, err = loadSegmenterCached(path, "test", extra); err != nil || !strings.Contains(how, "checksum mismatch") || !strings.Contains(how, "cache written") {
		t.Fatalf("damaged cache: %s, %v", how, err)
	}
	if _, how, _ = loadSegmenterCached(path, "test", extra); !strings.HasPrefix(how, "read from the cache") {
		t.Fatalf("after the rewrite: %s", how)
	}
	if _, how, _ = loadSegmenterCached(path, "test", []string{"噪音扰民", "征收补偿", "征收补偿"}); !strings.HasPrefix(how, "read from the cache") {
		t.Fatalf("the same words in another order: %s", how)
	}
	if _, how, _ = loadSegmenterCached(path, "newer gse", extra); !strings.Contains(how, "another dictionary or version") {
		t.Fatalf("another gse: %s", how)
	}
	if tmp, _ := filepath.Glob(path + ".tmp-*"); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
