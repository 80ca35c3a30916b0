package nlp

import (
	"math"
	"strings"
	"unicode/utf8"
)

// number is a numeral found in a text.
type number struct {
	value  float64
	start  int  // byte offset of the first rune
	end    int  // byte offset after the numeral and its approximation marker
	approx bool // 多/余/来/几: value is a lower bound
	arabic bool // written with at least one Arabic digit
	// bare is true for a lone Chinese 一 (as in 一名, 一直), which is
	// usually an article rather than a count.
	bare bool
	// vague is a rough size with no digit before its unit: 数十, 几百, 上百.
	vague bool
}

// maxNumeralBytes bounds a numeral; longer runs of digits are read in parts,
// which keeps the scan linear on odd input.
const maxNumeralBytes = 64

// cnDigit returns the value of a Chinese digit, the financial forms
// (壹 贰 叁 … 玖, with 拾 佰 仟 in cnUnit) included: 约四佰元, 叁仟伍佰元.
func cnDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇', 'O':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '贰':
		return 2, true
	case '三', '叁':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

func cnUnit(r rune) float64 {
	switch r {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	}
	return 0
}

// financialDigits are the forms of the digits written on cheques and
// receipts.
const financialDigits = "壹贰叁肆伍陆柒捌玖"

// startsNumber reports whether a numeral can begin with r.
func startsNumber(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	if _, ok := cnDigit(r); ok && r != 'O' {
		return true
	}
	return r == '十' || r == '几' || r == '数' || r == '百' || r == '千' || r == '拾' || r == '佰' || r == '仟'
}

// parseNumber reads the numeral that starts at byte i of s (s is normalised,
// so digits are ASCII). It understands Arabic digits with thousands commas and
// decimals, Chinese numerals (二百五十, 一万二千, 二〇二三), mixtures
// (36.8万, 4万6千, 2.4亿), colloquial elisions (一千二 → 1200, 两万五 → 25000)
// and the lower-bound markers 多, 余, 来 and 几 (九十多 → 90, 十几 → 10).
func parseNumber(s string, i int) (number, bool) {
	n := number{start: i}
	// 大陆农民工 (大陸 folded), 叁 alone: a financial digit is a numeral
	// only beside another or before its unit (陆万元, 叁仟伍佰).
	if r, w := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune(financialDigits, r) {
		if next, _ := utf8.DecodeRuneInString(s[i+w:]); !strings.ContainsRune(financialDigits+"零拾佰仟万亿元圆角整", next) {
			return n, false
		}
	}
	var (
		total, section, cur float64
		hasCur              bool // cur holds a digit not yet scaled
		lastUnit            float64
		afterUnit           bool // the previous element was a unit (for 一千二)
		prevCnDigit         bool
		run                 int // consecutive Chinese digits
		lastDigitPos        int // byte offset of the last Chinese digit
		onlyJi              bool
		any                 bool // saw a digit or a unit
		digits              int  // Chinese digits seen
		digitAfterWan       bool // an Arabic digit right after 万/亿
		j                   = i
	)
loop:
	for j < len(s) {
		if j-i > maxNumeralBytes {
			break // no count or amount is written this long
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case r >= '0' && r <= '9':
			if hasCur && !afterUnit {
				break loop // 12 三 … : not one numeral
			}
			k := j
			spaced := false // 1 695 068.1: groups of three after a space
			for k < len(s) {
				if s[k] >= '0' && s[k] <= '9' {
					k++
					continue
				}
				group := k+3 < len(s) && isDigits(s[k+1:k+4]) && (k+4 == len(s) || s[k+4] < '0' || s[k+4] > '9')
				if group && (s[k] == ',' || s[k] == ' ' && (spaced || k-j <= 3)) {
					spaced = spaced || s[k] == ' '
					k++
					continue
				}
				break
			}
			if k+1 < len(s) && s[k] == '.' && s[k+1] >= '0' && s[k+1] <= '9' {
				m := k + 1
				for m < len(s) && s[m] >= '0' && s[m] <= '9' {
					m++
				}
				// 2023.12.31 is a date, not 2023.12.
				if !(m+1 < len(s) && s[m] == '.' && s[m+1] >= '0' && s[m+1] <= '9') {
					k = m
				}
			}
			cur = parseArabic(s[j:k])
			// 1万5: one digit right after 万 is its next place (15000).
			digitAfterWan = afterUnit && lastUnit >= 1e4 && k-j == 1
			hasCur, any, n.arabic, afterUnit, prevCnDigit = true, true, true, false, false
			j = k
			continue
		case r == '几' || r == '数':
			if r == '几' && hasCur && n.arabic && !afterUnit {
				break loop // 20几名: 几 after digits marks a lower bound
			}
			if r == '数' {
				nr, _ := utf8.DecodeRuneInString(s[j+w:])
				if cnUnit(nr) == 0 && nr != '万' && nr != '亿' {
					break loop
				}
			}
			n.approx = true
			if afterUnit {
				// 十几: the lower bound is the tens.
				j += w
				afterUnit = false
				continue
			}
			cur, hasCur, any, prevCnDigit = 1, true, true, false
			onlyJi = !n.arabic && digits == 0 && section == 0 && total == 0
		default:
			if d, ok := cnDigit(r); ok && (r != 'O' || prevCnDigit) {
				lastDigitPos = j
				if hasCur && !prevCnDigit && !afterUnit {
					break loop // 12三: not one numeral
				}
				nr, _ := utf8.DecodeRuneInString(s[j+w:])
				if _, nextDigit := cnDigit(nr); prevCnDigit && hasCur && run == 1 && (float64(d) == cur+1 && cur > 0 || cur == 3 && d == 5) && !nextDigit {
					// 四五十, 十七八, 三五个: a range; its lower end is the
					// bound. (一九九八 goes on with digits: a year.)
					n.approx = true
					j += w
					run++
					continue
				}
				if prevCnDigit && hasCur {
					cur = cur*10 + float64(d) // 二〇二三
				} else {
					cur = float64(d)
				}
				if r == '零' || r == '〇' {
					if lastUnit > 0 {
						// 一万零五百: a placeholder, not the start of a
						// digit run.
						hasCur, prevCnDigit, run = false, false, 0
						lastUnit = 0
						j += w
						continue
					}
					lastUnit = 0
				}
				hasCur, any, prevCnDigit = true, true, true
				digits++
				run++
				j += w
				// afterUnit stays set so that 一千二 can be read as 1200.
				continue
			}
			if u := cnUnit(r); u > 0 {
				if run >= 2 && !n.approx && prevCnDigit {
					// 下周一六十多户: 一 ends a word; the numeral starts at 六.
					return parseNumber(s, lastDigitPos)
				}
				if !hasCur {
					nr, _ := utf8.DecodeRuneInString(s[j+w:])
					if !any && u != 10 && nr != '余' && nr != '多' || any && lastUnit == 0 && section == 0 && total == 0 {
						break loop // 千万 is an adverb; only 十 starts a numeral
					}
					cur = 1
				}
				section += cur * u
				cur, hasCur, lastUnit, afterUnit, prevCnDigit, any = 0, false, u, true, false, true
				run = 0
				j += w
				continue
			}
			if r == '万' || r == '亿' {
				if !any {
					break loop
				}
				u := 1e4
				if r == '亿' {
					u = 1e8
				}
				v := section + cur
				if r == '万' {
					total += v * u
				} else {
					total = (total + v) * u
				}
				section, cur, hasCur, prevCnDigit = 0, 0, false, false
				lastUnit, afterUnit, run = u, true, 0
				j += w
				continue
			}
			break loop
		}
		j += w
		afterUnit = false
	}
	if !any || onlyJi && lastUnit == 0 {
		return n, false // 几个人: no number
	}
	if hasCur {
		if afterUnit && lastUnit >= 100 && !n.arabic || afterUnit && lastUnit >= 1e4 || digitAfterWan {
			// 一千二 = 1200, 两万五 = 25000, 4万6 = 46000.
			cur *= lastUnit / 10
		}
		section += cur
	}
	n.value = total + section
	n.bare = digits == 1 && lastUnit == 0 && !n.arabic && s[i:j] == "一"
	if r, _ := utf8.DecodeRuneInString(s[i:]); r == '几' || r == '数' {
		n.vague = true
	}
	// Lower-bound markers after the numeral; 1200 余户 has a space before
	// its 余.
	if k := j + len(" "); strings.HasPrefix(s[j:], " ") && (strings.HasPrefix(s[k:], "余") || strings.HasPrefix(s[k:], "多")) {
		if u, _ := utf8.DecodeRuneInString(s[k+len("余"):]); strings.ContainsRune("户名人位家万亿元个", u) {
			j = k
		}
	}
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if r == '多' || r == '余' || r == '来' || r == '几' {
			n.approx = true
			j += w
			continue
		}
		if n.approx && (r == '万' || r == '亿') {
			// 三十多万 = 300000+.
			if r == '万' {
				n.value *= 1e4
			} else {
				n.value *= 1e8
			}
			j += w
			continue
		}
		break
	}
	n.end = j
	if math.IsNaN(n.value) || math.IsInf(n.value, 0) {
		return n, false
	}
	return n, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseArabic parses digits with optional thousands commas and a decimal part.
func parseArabic(s string) float64 {
	var v, frac float64
	scale := 0.0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ',', c == ' ':
		case c == '.':
			scale = 1
		case scale > 0:
			scale /= 10
			frac += float64(c-'0') * scale
		default:
			v = v*10 + float64(c-'0')
		}
	}
	return v + frac
}

// ParseNumber parses a whole string as one numeral (see parseNumber) and
// returns its value and whether it is a lower bound. ok is false when s is
// not exactly one numeral.
func ParseNumber(s string) (value float64, approx, ok bool) {
	norm := normalizeText(s)
	n, ok := parseNumber(norm, 0)
	if !ok || n.end != len(norm) {
		return 0, false, false
	}
	return n.value, n.approx, true
}
