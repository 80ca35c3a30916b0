package nlp

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFigures bounds the distinct amounts and dates kept per text.
const maxFigures = 64

// figures are the numbers of one text, read in a single pass.
type figures struct {
	headcount   int    // largest count of people or households, 0 when none
	countLabel  string // the count as written, e.g. 二百五十余户 or 12户业主
	countUnit   string // 人 or 户
	visitCount  int    // the largest group that came in person (6 for 等6人到旗信访局)
	amounts     []float64
	dates       []string
	repeats     int    // highest stated number of petitions (第三次 → 3), 0 when none
	repeatLabel string // e.g. 第三次来访
}

// peopleNouns may follow a count and name who is counted (12户业主).
var peopleNouns = []string{
	"被征收户", "购房户", "农民工", "村民代表", "业主", "村民", "居民", "职工", "工人", "牧民", "家长", "群众",
	"员工", "代表", "住户", "商户", "农户", "老人", "学生", "教师", "租户", "民工", "工友", "户主", "家属",
}

// petitionVerbs mark a count of times (第三次, 四次, 十几趟) as petitioning.
var petitionVerbs = []string{
	"反映", "上访", "来访", "信访", "投诉", "举报", "写信", "来信", "来电", "打电话", "打过", "电话", "找", "讨要",
	"求助", "网上", "留言", "热线", "12345", "诉求", "协商", "交涉", "跑了", "去了", "到市", "到县", "到旗", "催",
	"申请", "信息公开", "打了", "致电", "来了", "来旗", "来市", "来县", "来区", "来盟", "来这", "信了", "写的",
	"说了", "说过", "问了", "问过", "去了", "找过", "投诉过", "联系",
}

// moneyContext makes a bare 万/亿 figure (工资8万多) count as money.
var moneyContext = []string{"钱", "款", "资", "费", "欠", "薪", "价", "金", "赔", "补偿", "花了", "交了", "付了", "损失",
	"要了我", "收了", "给了", "说好", "剩下", "还差", "差了", "一共", "共计", "合计", "总共", "退", "补", "赚", "挣",
	"到手", "首付", "房租", "租金", "每月", "每年", "每人", "每亩", "一天", "少了", "差我", "就要", "那份", "多收"}

// notMoneyAfterKuai are things counted in 块 that are not money.
var notMoneyAfterKuai = []string{"地", "砖", "石", "玻璃", "木板", "板", "牌", "肉", "田", "钢", "布", "表", "屏", "蛋糕",
	"糖", "瓷砖", "骨头", "冰"}

// notMoneyAfter are measure words that make a 万 figure something else.
var notMoneyAfter = []string{"亩", "平", "人", "户", "名", "吨", "辆", "字", "册", "头", "只", "株", "棵", "公里", "米",
	"斤", "次", "件", "套", "间", "个", "条", "份", "余人", "多人", "千瓦", "方", "立方", "元"}

// scanFigures reads head counts, money, dates and petition counts from the
// normalised text s.
func scanFigures(s string) figures {
	var f figures
	yearCtx := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !startsNumber(r) || i > 0 && (s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '.') {
			i += w
			continue
		}
		n, ok := parseNumber(s, i)
		if !ok || n.end <= i {
			i = max(i+w, n.end) // do not re-read a failed numeral rune by rune
			continue
		}
		next := n.end
		if end, ok := f.date(s, n, &yearCtx); ok {
			next = end
		} else if !f.money(s, n) && !f.count(s, n) {
			f.repeat(s, n)
		}
		i = next
	}
	return f
}

// after returns the text after the numeral, skipping spaces.
func after(s string, n number) string {
	return strings.TrimLeft(s[n.end:], " \t")
}

// before returns up to k runes before byte i.
func before(s string, i, k int) string {
	j := i
	for ; k > 0 && j > 0; k-- {
		_, w := utf8.DecodeLastRuneInString(s[:j])
		j -= w
	}
	return s[j:i]
}

// clause returns up to k runes after byte i, stopping at sentence punctuation.
func clauseAfter(s string, i, k int) string {
	j := i
	for ; k > 0 && j < len(s); k-- {
		r, w := utf8.DecodeRuneInString(s[j:])
		if isClauseEnd(r) {
			break
		}
		j += w
	}
	return s[i:j]
}

func clauseBefore(s string, i, k int) string {
	j := i
	for ; k > 0 && j > 0; k-- {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if isClauseEnd(r) {
			break
		}
		j -= w
	}
	return s[j:i]
}

func isClauseEnd(r rune) bool {
	switch r {
	case '。', '!', '?', ';', '\n', '！', '？', '；', ',', '，', '、':
		return true
	}
	return false
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '?', '\n', '！', '？', ';', '；':
		return true
	}
	return false
}

func hasAnyPrefix(s string, list []string) (string, bool) {
	for _, p := range list {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}

func containsAny(s string, list []string) bool {
	for _, p := range list {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func isInt(v float64) bool { return v == math.Trunc(v) }

// date reads 2023年4月19日, 4月19日 (year from context) and 2023-07-03.
func (f *figures) date(s string, n number, yearCtx *int) (int, bool) {
	rest := s[n.end:]
	if n.approx {
		return 0, false
	}
	v := n.value
	switch {
	case isInt(v) && v >= 1900 && v <= 2100 && strings.HasPrefix(rest, "年"):
		*yearCtx = int(v)
		end := n.end + len("年")
		if m, d, e, ok := monthDay(s, end); ok {
			f.addDate(int(v), m, d)
			return e, true
		}
		return end, true
	case isInt(v) && v >= 1900 && v <= 2100 && n.arabic && len(rest) > 0 && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.'):
		sep := rest[0]
		m, e1 := digitsAt(s, n.end+1, 2)
		if m < 1 || m > 12 || e1 >= len(s) || s[e1] != sep {
			return 0, false
		}
		d, e2 := digitsAt(s, e1+1, 2)
		if d < 1 || d > 31 {
			return 0, false
		}
		*yearCtx = int(v)
		f.addDate(int(v), m, d)
		return e2, true
	case isInt(v) && v >= 1 && v <= 12 && strings.HasPrefix(rest, "月") && !strings.HasSuffix(before(s, n.start, 1), "个"):
		if m, d, e, ok := monthDay(s, n.start); ok {
			if *yearCtx > 0 {
				f.addDate(*yearCtx, m, d)
			}
			return e, true
		}
	}
	return 0, false
}

// monthDay reads "4月19日" (or 号) at byte i.
func monthDay(s string, i int) (m, d, end int, ok bool) {
	mn, ok1 := parseNumber(s, i)
	if !ok1 || mn.approx || !isInt(mn.value) || mn.value < 1 || mn.value > 12 || !strings.HasPrefix(s[mn.end:], "月") {
		return 0, 0, 0, false
	}
	j := mn.end + len("月")
	dn, ok2 := parseNumber(s, j)
	if !ok2 || dn.approx || !isInt(dn.value) || dn.value < 1 || dn.value > 31 {
		return 0, 0, 0, false
	}
	rest := s[dn.end:]
	switch {
	case strings.HasPrefix(rest, "日"):
		return int(mn.value), int(dn.value), dn.end + len("日"), true
	case strings.HasPrefix(rest, "号"):
		return int(mn.value), int(dn.value), dn.end + len("号"), true
	}
	return 0, 0, 0, false
}

func digitsAt(s string, i, max int) (int, int) {
	v, j := 0, i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		v = v*10 + int(s[j]-'0')
		j++
	}
	if j == i {
		return -1, i
	}
	return v, j
}

func (f *figures) addDate(y, m, d int) {
	if d > daysIn(y, m) {
		return
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if len(f.dates) < maxFigures && !slices.Contains(f.dates, iso) {
		f.dates = append(f.dates, iso)
	}
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// money reads amounts in 元, 块 and bare 万/亿 figures in a money context.
func (f *figures) money(s string, n number) bool {
	rest := after(s, n)
	v := n.value
	isMoney := false
	switch {
	case strings.HasPrefix(rest, "元"), strings.HasPrefix(rest, "圆"):
		isMoney = true
	case strings.HasPrefix(rest, "块钱"):
		isMoney = true
	case strings.HasPrefix(rest, "块"):
		// 两千块, 二千来块: not 一块地, 一块玻璃.
		nx := strings.TrimPrefix(rest, "块")
		r, _ := utf8.DecodeRuneInString(nx)
		_, thing := hasAnyPrefix(nx, notMoneyAfterKuai)
		isMoney = (v >= 10 || n.approx) && !thing && r != '的'
		if r == '的' { // 三千块的工资, not 两块的地
			isMoney = (v >= 10 || n.approx) && containsAny(clauseAfter(nx, 0, 4), []string{"钱", "工资", "工钱", "费", "生活费"})
		}
	case strings.HasSuffix(before(s, n.start, 1), "¥") || strings.HasSuffix(before(s, n.start, 1), "￥"):
		isMoney = true
	default:
		// 工资8万多, 说好四千五, 要了我两千多: a figure with 百/千/万/亿 in a
		// money context, not followed by a measure word.
		span := s[n.start:n.end]
		if strings.ContainsAny(span, "百千万亿") && (containsAny(sentenceBefore(s, n.start, 10), moneyContext) ||
			containsAny(clauseAfter(s, n.end, 4), []string{"的工资", "的工钱", "工资", "块"})) {
			r, _ := utf8.DecodeRuneInString(rest)
			if _, bad := hasAnyPrefix(rest, notMoneyAfter); !bad && (rest == "" || !isHan(r) || strings.ContainsRune("不没就说还也都给的了左", r)) {
				isMoney = true
			}
		}
	}
	if !isMoney || v <= 0 || v > 1e13 {
		return false
	}
	v = math.Round(v*100) / 100
	if len(f.amounts) < maxFigures && !slices.Contains(f.amounts, v) {
		f.amounts = append(f.amounts, v)
	}
	return true
}

// count reads head counts: 27人, 九十多名, 二百五十余户, 15人次, 18个人.
func (f *figures) count(s string, n number) bool {
	rest := after(s, n)
	prev := before(s, n.start, 2)
	if strings.HasSuffix(prev, "第") || strings.HasSuffix(prev, "排名") || strings.HasSuffix(prev, "每") || strings.HasSuffix(prev, "前") {
		return false
	}
	unit, people := "", "人"
	switch {
	case strings.HasPrefix(rest, "人次"):
		unit = "人次"
	case strings.HasPrefix(rest, "人") && !strings.HasPrefix(rest, "人民") && !strings.HasPrefix(rest, "人均"):
		unit = "人"
	case strings.HasPrefix(rest, "名") && !strings.HasPrefix(rest, "名额") && !strings.HasPrefix(rest, "名次"):
		unit = "名"
	case strings.HasPrefix(rest, "位") && !strings.HasPrefix(rest, "位数") && !strings.HasPrefix(rest, "位置") && !strings.HasPrefix(rest, "位于"):
		unit = "位"
	case strings.HasPrefix(rest, "户"):
		unit, people = "户", "户"
	case strings.HasPrefix(rest, "口人"):
		unit = "口人"
	case strings.HasPrefix(rest, "个人"):
		unit = "个人"
	case strings.HasPrefix(rest, "个"):
		if noun, ok := hasAnyPrefix(strings.TrimPrefix(rest, "个"), peopleNouns); ok {
			unit = "个" + noun
		}
	case strings.HasPrefix(rest, "家"):
		if noun, ok := hasAnyPrefix(strings.TrimPrefix(rest, "家"), []string{"住户", "商户", "农户", "业主", "居民", "门市"}); ok {
			unit, people = "家"+noun, "户"
		}
	}
	if unit == "" {
		return false
	}
	v := n.value
	if !isInt(v) || v < 1 || v > 1e6 {
		return true
	}
	// 一名 / 一位 / 一个 after 是 are an article ("我是一名农民工"), not a
	// count; 一人, 一户 and 一名村民来访 are counts.
	if n.bare {
		tail := clauseAfter(s, n.end+len(unit), 6)
		if containsAny(clauseBefore(s, n.start, 12), []string{"是", "作为", "身为"}) ||
			!containsAny(tail, []string{"来访", "反映", "来电", "上访", "到", "村民", "居民", "业主", "群众"}) && unit != "人" {
			return true
		}
	}
	// A group that comes in person is acting together: 等6人到旗信访局,
	// 9人来访, 5名工人一同来访, 十来户村民一起来到市信访局. Households
	// only when they come together explicitly (户 are often represented);
	// 人次 add up visits of several batches.
	tail := clauseAfter(s, n.end+len(unit), 14)
	visits := false
	switch {
	case unit == "人次":
	case people == "户":
		visits = containsAny(tail, togetherPhrases)
	case containsAny(tail, []string{"推选", "委托", "代表"}):
		// 5人推选他一人来访: one came.
	default:
		visits = strings.HasPrefix(strings.TrimLeft(tail, "农民工业主村民居民职工工人"), "来访") || containsAny(tail, visitPhrases)
	}
	if visits && int(v) > f.visitCount {
		f.visitCount = int(v)
	}
	if int(v) > f.headcount {
		f.headcount = int(v)
		f.countUnit = people
		label := strings.TrimSpace(s[n.start:n.end]) + unit
		if !strings.HasPrefix(unit, "个") && !strings.HasPrefix(unit, "家") {
			if noun, ok := hasAnyPrefix(strings.TrimPrefix(rest, unit), peopleNouns); ok {
				label += noun
			}
		}
		f.countLabel = label
	}
	return true
}

// togetherPhrases after a count of households say they came together.
var togetherPhrases = []string{"一起来到", "一起来", "一同来", "一起到", "一同到", "集体到", "集体来", "集体上访", "一起去"}

// visitPhrases after a count say the group came in person.
var visitPhrases = []string{"一同来访", "一起来访", "一同到", "一起到", "来访", "集体到", "前来", "到信访", "到市信访", "到旗信访",
	"到县信访", "到区信访", "到盟信访", "信访局", "到政府", "到旗政府", "到市政府", "到县政府", "到区政府", "到盟政府", "上访"}

// repeat reads how many times the matter was petitioned: 第三次来访,
// 反映过四次, 十几趟.
func (f *figures) repeat(s string, n number) {
	rest := after(s, n)
	unit, ok := hasAnyPrefix(rest, []string{"次", "趟", "回", "封"})
	if !ok || !isInt(n.value) || n.value < 2 || n.value > 1000 {
		return
	}
	ordinal := strings.HasSuffix(before(s, n.start, 1), "第")
	start := n.start
	if ordinal {
		start -= len("第")
	}
	end := n.end + len(unit)
	ctx := clauseBefore(s, start, 8) + "|" + clauseAfter(s, end, 10)
	if !ordinal && (!containsAny(ctx, petitionVerbs) || containsAny(ctx, []string{"邻居", "敲门", "楼上", "对门"})) {
		return
	}
	if int(n.value) > f.repeats {
		f.repeats = int(n.value)
		verb := "反映"
		for _, v := range []string{"来访", "上访", "写信", "来电", "投诉", "反映"} {
			if strings.Contains(ctx, v) {
				verb = v
				break
			}
		}
		if ordinal {
			f.repeatLabel = "第" + s[n.start:n.end] + unit + verb
		} else {
			f.repeatLabel = verb + s[n.start:n.end] + unit
		}
	}
}

// sentenceBefore returns up to k runes before byte i, stopping at the end of
// the previous sentence (commas do not stop it).
func sentenceBefore(s string, i, k int) string {
	j := i
	for ; k > 0 && j > 0; k-- {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if isSentenceEnd(r) {
			break
		}
		j -= w
	}
	return s[j:i]
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && unicode.Is(unicode.Han, r)
}
