// Package fold folds traditional Chinese characters to simplified ones, rune
// by rune. The table comes from OpenCC's t2s dictionaries: a rune is folded
// only to one of the same UTF-8 length, so that byte offsets into the
// folded text are offsets into the original too (snippets and evidence
// quote what was written, and masking finds a name in the folded text and
// hides it in the original).
package fold

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// foldRange bounds the runes looked at: the CJK blocks, where every
// traditional character of the dictionary lives.
const (
	foldLo = 0x3400
	foldHi = 0xFAFF
)

// Table maps traditional runes to simplified ones.
type Table struct {
	bits []uint64      // rune-foldLo → has a simplified form
	to   map[rune]rune // the simplified form
}

var (
	foldOnce sync.Once
	table    *Table
	foldErr  error
)

// Load builds the table (once) by converting every rune of the CJK blocks
// with OpenCC's t2s conversion, one per line so that no phrase spans two.
func Load() (*Table, error) {
	foldOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err != nil {
			foldErr = err
			return
		}
		var b strings.Builder
		var runes []rune
		for _, blk := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}} {
			for r := blk[0]; r <= blk[1]; r++ {
				runes = append(runes, r)
				b.WriteRune(r)
				b.WriteByte('\n')
			}
		}
		out, err := cc.Convert(b.String())
		if err != nil {
			foldErr = err
			return
		}
		lines := strings.Split(out, "\n")
		t := &Table{bits: make([]uint64, (foldHi-foldLo)/64+1), to: map[rune]rune{}}
		for i, r := range runes {
			if i >= len(lines) {
				break
			}
			s, n := utf8.DecodeRuneInString(lines[i])
			if n != len(lines[i]) || s == r || s == utf8.RuneError || utf8.RuneLen(s) != utf8.RuneLen(r) {
				continue
			}
			t.to[r] = s
			t.bits[(r-foldLo)/64] |= 1 << ((r - foldLo) % 64)
		}
		table = t
	})
	return table, foldErr
}

// Has reports whether r has a simplified form.
func (t *Table) Has(r rune) bool {
	return r >= foldLo && r <= foldHi && t.bits[(r-foldLo)/64]&(1<<((r-foldLo)%64)) != 0
}

// Fold returns s with traditional characters replaced by simplified ones of
// the same byte length; s itself when it has none.
func (t *Table) Fold(s string) string {
	if t == nil {
		return s
	}
	first := -1
	for i := 0; i < len(s); {
		b := s[i]
		if b < 0xE3 { // ASCII, Latin, punctuation below U+3000
			i++
			continue
		}
		if b < 0xF0 && i+2 < len(s) {
			// Three bytes, decoded here: every rune of the table has three.
			r := rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if t.Has(r) {
				first = i
				break
			}
			i += 3
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if t.Has(r) {
			first = i
			break
		}
		i += w
	}
	if first < 0 {
		return s
	}
	b := []byte(s)
	for i := first; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if t.Has(r) {
			utf8.EncodeRune(b[i:], t.to[r])
		}
		i += w
	}
	foldParticles(b)
	return string(b)
}

// zhuWords are the words in which 著 is zhù (著名, 显著) and stays; elsewhere
// in a traditional text 著 is the particle, simplified 着 (圍著 → 围着,
// 隨著 → 随着), which no rune-by-rune table can tell.
var zhuWords = []string{"著名", "著作", "著称", "著述", "著书", "著录", "著者", "著有", "著成", "著文", "显著", "土著", "卓著", "昭著", "名著", "原著", "巨著", "论著", "编著", "专著", "遗著", "新著", "拙著", "合著", "译著", "所著", "撰著", "著说"}

// foldParticles folds, in a traditional text b, the particles that share
// their form with another word: 著 → 着 outside zhuWords, and 瞭 before 解
// → 了 (瞭解, 了解; 瞭望 stays).
func foldParticles(b []byte) {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		switch {
		case r == '著':
			prev, _ := utf8.DecodeLastRune(b[:i])
			next, _ := utf8.DecodeRune(b[i+w:])
			if !slices.Contains(zhuWords, string(prev)+"著") && !slices.Contains(zhuWords, "著"+string(next)) {
				utf8.EncodeRune(b[i:], '着')
			}
		case r == '瞭':
			if next, _ := utf8.DecodeRune(b[i+w:]); next == '解' {
				utf8.EncodeRune(b[i:], '了')
			}
		}
		i += w
	}
}

// To returns the simplified form of r, which Has reports.
func (t *Table) To(r rune) rune { return t.to[r] }

// String folds the traditional characters of s to simplified ones of the
// same byte length; offsets into the result are offsets into s. s comes back
// unchanged when the table cannot be built.
func String(s string) string {
	t, err := Load()
	if err != nil {
		return s
	}
	return t.Fold(s)
}
