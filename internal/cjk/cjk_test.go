package cjk

import (
	"math/rand"
	"strings"
	"testing"
)

// randomText returns n runes over a small alphabet of Chinese, ASCII and
// broken bytes, where the byte-level shortcuts of this package could go
// wrong.
func randomText(rng *rand.Rand, n int) string {
	alphabet := []string{"拖", "欠", "工", "资", "款", "乌", "兰", "a", "1", "，", "𠀀", "\xe6", "\x8b", "\xff", "é"}
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[rng.Intn(len(alphabet))])
	}
	return b.String()
}

// TestIndexMatchesStrings compares Index with strings.Index on random text
// over a small alphabet of Chinese, ASCII and broken bytes.
func TestIndexMatchesStrings(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func(n int) string { return randomText(rng, n) }
	for range 20000 {
		s, sub := gen(rng.Intn(60)), gen(1+rng.Intn(3))
		if rng.Intn(3) == 0 && len(s) > 4 {
			a := rng.Intn(len(s))
			sub = s[a:min(len(s), a+1+rng.Intn(9))]
		}
		if got, want := Index(s, sub), strings.Index(s, sub); got != want {
			t.Fatalf("Index(%q, %q) = %d, want %d", s, sub, got, want)
		}
	}
	for _, c := range []struct{ s, sub string }{
		{"", ""}, {"工资工资工资工资工资工资", ""}, {"拖欠拖欠拖欠拖欠拖欠工资", "欠工资"}, {"拖欠拖欠拖欠拖欠拖欠拖欠", "欠工资"},
		{"xxxxxxxxxxxxxxxxxxxxxx工", "工资"}, {"工资工资工资工资工资工资", "工资工资工资工资工资工资工"},
	} {
		if got, want := Index(c.s, c.sub), strings.Index(c.s, c.sub); got != want {
			t.Errorf("Index(%q, %q) = %d, want %d", c.s, c.sub, got, want)
		}
	}
}

var (
	benchText  = strings.Repeat("某小区27名农民工讨要工资58万元，多次到信访局反映，但一直没有得到解决。业主们表示，如果再不解决，将集体到市政府上访。", 3)
	benchWords = []string{"得不到", "没有得到", "未得到", "堵路", "拉横幅", "静坐", "围堵", "聚集", "扬言", "集体", "抗议", "罢工", "维权群", "示威", "跳楼"}
)

func BenchmarkIndex(b *testing.B) {
	b.SetBytes(int64(len(benchText) * len(benchWords)))
	for b.Loop() {
		for _, w := range benchWords {
			Index(benchText, w)
		}
	}
}

func BenchmarkStringsIndex(b *testing.B) {
	b.SetBytes(int64(len(benchText) * len(benchWords)))
	for b.Loop() {
		for _, w := range benchWords {
			strings.Index(benchText, w)
		}
	}
}

func TestRuneSet(t *testing.T) {
	chars := "王李一龥，,。 \t\n𠀀é"
	s := NewRuneSet(chars, "张")
	for _, r := range []rune("王李一龥，,。 \t\n𠀀é张丁乂鿿㐀a.\x00�") {
		if got, want := s.Has(r), strings.ContainsRune(chars+"张", r); got != want {
			t.Errorf("Has(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestContainsAnyMatchesLoop compares ContainsAny with a loop of
// strings.Contains on random short and long texts and word lists.
func TestContainsAnyMatchesLoop(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	gen := func(n int) string { return randomText(rng, n) }
	for range 20000 {
		s := gen(rng.Intn(80))
		words := make([]string, rng.Intn(8))
		for i := range words {
			words[i] = gen(rng.Intn(4))
			if rng.Intn(4) == 0 && len(s) > 4 {
				a := rng.Intn(len(s))
				words[i] = s[a:min(len(s), a+1+rng.Intn(9))]
			}
		}
		want := false
		for _, w := range words {
			want = want || strings.Contains(s, w)
		}
		if got := ContainsAny(s, words); got != want {
			t.Fatalf("ContainsAny(%q, %q) = %v, want %v", s, words, got, want)
		}
	}
}
