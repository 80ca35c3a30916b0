package index

import (
	"hash/fnv"
	"testing"
	"unicode"

	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

// simhashRef is simhash written plainly with hash/fnv: the fast one must
// give the same hashes, or stored SimHashes stop matching new ones.
func simhashRef(text string) uint64 {
	var v [64]int32
	var prev rune = -1
	n := 0
	h := fnv.New64a()
	var buf [8]byte
	for _, r := range text {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		if prev >= 0 {
			h.Reset()
			buf[0], buf[1], buf[2], buf[3] = byte(prev), byte(prev>>8), byte(prev>>16), byte(prev>>24)
			buf[4], buf[5], buf[6], buf[7] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
			h.Write(buf[:])
			x := h.Sum64()
			for i := 0; i < 64; i++ {
				if x&(1<<uint(i)) != 0 {
					v[i]++
				} else {
					v[i]--
				}
			}
			n++
		}
		prev = r
	}
	if n == 0 {
		return 0
	}
	var out uint64
	for i := 0; i < 64; i++ {
		if v[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

func TestSimhashMatchesReference(t *testing.T) {
	texts := []string{"", "a", "ab", "，。", "拖欠 工资", "😀😁x", "\xff\xfe无效"}
	ls, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		texts = append(texts, l.Record.Content)
	}
	g := gen.New(7)
	for i := 0; i < 500; i++ {
		texts = append(texts, g.Record(i).Content)
	}
	for _, s := range texts {
		if got, want := simhash(s), simhashRef(s); got != want {
			t.Errorf("simhash(%q) = %#x, want %#x", s, got, want)
		}
	}
}

func BenchmarkSimhash(b *testing.B) {
	text := gen.New(7).Record(1).Content
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		simhash(text)
	}
}

func BenchmarkTokenize(b *testing.B) {
	seg, err := nlp.DefaultSegmenter()
	if err != nil {
		b.Fatal(err)
	}
	t := NewTokenizer(seg)
	rec := gen.New(7).Record(1)
	text := []byte(rec.Title + "\n" + rec.Content)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		t.Tokenize(text)
	}
}
