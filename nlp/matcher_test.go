package nlp

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMatcher compares the Aho–Corasick scan with a naive search.
func TestMatcher(t *testing.T) {
	pats := []string{"拖欠", "拖欠工资", "欠工资", "工资", "he", "she", "his", "hers", "资", "乌兰浩特", "乌兰浩特市", "a", "aa", "aaa", "，乌", "𠀀欠", "ü资", "拖欠"}
	m := newMatcher(pats)
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"拖", "欠", "工", "资", "乌", "兰", "浩", "特", "市", "h", "e", "s", "i", "r", "a", "，", "\xff", "\xe6", "\xe6\x8b", "𠀀", "ü", "u", "〇"}
	for n := range 300 {
		var b strings.Builder
		for range rng.Intn(40) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		text := b.String()
		if n == 0 {
			text = "公司拖欠工资，乌兰浩特市ushers aaaa"
		}
		got := m.findAll(text, nil)
		var want []match
		for end := 1; end <= len(text); end++ {
			for id, p := range pats {
				if end >= len(p) && text[end-len(p):end] == p {
					want = append(want, match{pat: int32(id), start: end - len(p), end: end})
				}
			}
		}
		order := func(a, b match) int {
			if a.end != b.end {
				return a.end - b.end
			}
			return int(a.pat - b.pat)
		}
		slices.SortFunc(got, order)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(match{})); diff != "" {
			t.Fatalf("findAll(%q) mismatch (-want +got):\n%s", text, diff)
		}
	}
}
