package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang/internal/cjk"
	"github.com/xinfang/xinfang/internal/fold"
)

// Normalize folds full-width ASCII letters, digits and the ideographic space
// to their half-width forms. It returns the normalised text and a map from
// each byte offset of the result (and its length) to the byte offset in text.
//
// Traditional characters are folded to simplified ones too (see
// FoldTraditional).
func Normalize(text string) (string, []int) {
	ft, _ := fold.Load()
	out := make([]byte, 0, len(text))
	offs := make([]int, 0, len(text)+1)
	for i, r := range text {
		n := r
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			n = r - 0xFEE0
		case r == 0x3000:
			n = ' '
		case r == utf8.RuneError:
			n = r
		case ft != nil && ft.Has(r):
			n = ft.To(r)
		}
		before := len(out)
		out = utf8.AppendRune(out, n)
		for j := before; j < len(out); j++ {
			offs = append(offs, i)
		}
	}
	offs = append(offs, len(text))
	return string(out), offs
}

// normalizeText is Normalize without the offset map, for analysis, which
// reports no offsets. Text that needs no folding is returned as is.
func normalizeText(text string) string {
	text = financialThree(unquoteSaying(text))
	clean := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 0x80 {
			r, w := utf8.DecodeRuneInString(text[i:])
			if r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 || r == utf8.RuneError && w == 1 {
				clean = false
				break
			}
			i += w - 1
		}
	}
	if clean {
		return text
	}
	out := make([]byte, 0, len(text))
	for _, r := range text {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

func isWord(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF || r < 0x80 && isASCIIAlnum(byte(r)) {
			return true // the common cases without a table search
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases ASCII letters only; Chinese text is left alone and
// the byte length never changes.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// stripPinyinNotes removes the pinyin some sites print after a character in
// brackets (鄉(xiāng), 無(wú)法): left in, the note splits words (无法 is not
// found in 無(wú)法). The analysis quotes words, not offsets, so it reads the
// text without them.
func stripPinyinNotes(s string) string {
	var out []byte
	last := 0
	prevHan := false
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if prevHan && (r == '(' || r == '（') {
			if n := pinyinNote(s[i+w:]); n > 0 {
				if out == nil {
					out = make([]byte, 0, len(s))
				}
				out = append(out, s[last:i]...)
				i += w + n
				last = i
				continue
			}
		}
		prevHan = isHan(r)
		i += w
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

// joinWrappedLines removes the line breaks a page's fixed-width layout put
// inside sentences (…相\n约到广州市的海珠桥…), which split words and
// clauses. A break is joined when the line before it is long (wrapLine
// runes or more), ends inside a sentence (a Han character, a digit or a
// comma) and the next line goes on with one. The first break, after a
// title or a headline, is kept, as are breaks after short lines (titles,
// list items) and after a sentence's end.
func joinWrappedLines(s string) string {
	first := strings.IndexByte(s, '\n')
	if first < 0 || strings.IndexByte(s[first+1:], '\n') < 0 {
		return s
	}
	var out []byte
	last := 0
	for ls, i := first+1, first+1; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		line := strings.TrimRight(s[ls:i], " \r\t")
		lineEnd := ls + len(line)
		next := strings.TrimLeft(s[i+1:], " \t\u3000")
		ls = i + 1
		if utf8.RuneCountInString(line) < wrapLine || next == "" {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(line)
		r, _ := utf8.DecodeRuneInString(next)
		if !(isHan(prev) || prev >= '0' && prev <= '9' || prev == '，' || prev == ',' || prev == '、') || !(isHan(r) || r >= '0' && r <= '9') {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(s))
		}
		out = append(out, s[last:lineEnd]...)
		last = len(s) - len(next)
		i = last - 1
		ls = last
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

// wrapLine is the shortest line (in runes) whose break may be a page's
// wrapping rather than the end of a title or an item.
const wrapLine = 24

// pinyinNote returns the length of "xiāng)" at the start of s: one to seven
// lower-case pinyin letters (tone marks allowed) and a closing bracket; 0 if
// s does not start with one.
func pinyinNote(s string) int {
	letters := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ')' || r == '）':
			if letters == 0 {
				return 0
			}
			return i + w
		case r >= 'a' && r <= 'z' || strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", r):
			letters++
			if letters > 7 {
				return 0
			}
		default:
			return 0
		}
		i += w
	}
	return 0
}

// quotedSayings writes the idiom 讨说法 (to demand an explanation) as news
// often quotes it, with marks round its noun; the risk cues know it bare.
var quotedSayings = strings.NewReplacer(
	"讨“说法”", "讨说法", "讨个“说法”", "讨个说法", "要“说法”", "要说法", "要个“说法”", "要个说法",
	"讨‘说法’", "讨说法", "讨个‘说法’", "讨个说法", "讨「说法」", "讨说法", "讨个「说法」", "讨个说法",
	`讨"说法"`, "讨说法", `讨个"说法"`, "讨个说法", "讨＂说法＂", "讨说法", "讨個“說法”", "讨個說法", "討“說法”", "討說法", "討個“說法”", "討個說法")

func unquoteSaying(text string) string {
	if !cjk.Contains(text, "说法") && !cjk.Contains(text, "說法") {
		return text
	}
	return quotedSayings.Replace(text)
}

// financialThree writes 叁 for 參/参 where it is the financial form of three,
// as traditional text writes it (新臺幣參萬伍仟柒佰壹拾捌元): before a unit
// of number or money. Elsewhere 参 is a word of its own (参加, 参与).
func financialThree(text string) string {
	if !cjk.Contains(text, "參") && !cjk.Contains(text, "参") {
		return text
	}
	var b []byte
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if r == '參' || r == '参' {
			if next, _ := utf8.DecodeRuneInString(text[i+w:]); strings.ContainsRune("拾佰仟萬万億亿元圓", next) {
				if b == nil {
					b = append(make([]byte, 0, len(text)), text[:i]...)
				}
				b = append(b, "叁"...)
				i += w
				continue
			}
		}
		if b != nil {
			b = append(b, text[i:i+w]...)
		}
		i += w
	}
	if b == nil {
		return text
	}
	return string(b)
}
