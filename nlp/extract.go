package nlp

import (
	"fmt"
	"github.com/xinfang/xinfang/internal/cjk"
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
	headcount int // the count of people or households the text is about, 0 when none
	// group is the largest count that is not a statistic: the people who
	// may act together (0 when none); countLabel and countUnit describe it.
	group      int
	groupStart int    // byte offset of the group's count in the text
	headStart  int    // byte offset of the head count in the text
	countLabel string // the count as written, e.g. 二百五十余户 or 12户业主
	countUnit  string // 人 or 户
	aggregate  bool   // the head count is a statistic (为3100余名农民工追回欠薪)
	bulletin   bool   // the text is a report: its 人次 are statistics
	visitCount int    // the largest group that came in person (6 for 等6人到旗信访局)
	counts     []headCount
	// report is set for a bulletin whose opening speaks of a period
	// (上半年, 今年以来): its counts are statistics.
	report      bool
	amounts     []float64
	dates       []string
	repeats     int    // highest stated number of petitions (第三次 → 3), 0 when none
	repeatLabel string // e.g. 第三次来访
}

// peopleNouns may follow a count and name who is counted (12户业主).
var peopleNouns = []string{
	"被征收户", "购房户", "农民工", "村民代表", "业主", "村民", "居民", "职工", "工人", "牧民", "家长", "群众",
	"员工", "代表", "住户", "商户", "农户", "老人", "学生", "教师", "租户", "民工", "工友", "户主", "家属", "家庭", "服务员", "同事", "老乡", "同乡", "兄弟", "弟兄", "购房人",
	"保安", "保洁员", "司机", "快递员", "木工", "瓦工", "电工", "焊工", "钢筋工", "劳工",
}

// petitionVerbs mark a count of times (第三次, 四次, 十几趟) as petitioning.
var petitionVerbs = []string{
	"反映", "上访", "来访", "信访", "陈情", "投诉", "举报", "写信", "来信", "来电", "打电话", "打过", "电话", "找", "讨要",
	"求助", "网上", "留言", "热线", "12345", "诉求", "协商", "交涉", "跑了", "去了", "到市", "到县", "到旗", "催",
	"申请", "信息公开", "打了", "致电", "来了", "来旗", "来市", "来县", "来区", "来盟", "来这", "信了", "写的",
	"说了", "说过", "问了", "问过", "去了", "找过", "投诉过", "联系", "报警", "反应",
	"前往", "到镇", "到乡", "到区", "到盟", "去县", "去市", "去镇", "去区", "奔走", "奔波", "上告", "申诉",
}

// moneyContext makes a bare 万/亿 figure (工资8万多) count as money.
var moneyContext = []string{"钱", "款", "资", "费", "欠", "薪", "价", "金", "赔", "补偿", "产值", "营业额", "花了", "交了", "付了", "损失",
	"要了我", "收了", "给了", "给到", "说好", "剩下", "还差", "差了", "一共", "共计", "合计", "总共", "退", "补", "赚", "挣",
	"到手", "首付", "房租", "租金", "每月", "每年", "每人", "每亩", "一天", "少了", "差我", "就要", "那份", "多收", "耗资", "投资",
	"钞票", "收入", "涉额", "本金", "利息", "负债", "欠债", "举债", "借债", "外债", "给了地方", "国家给", "拨了", "拨付", "拨款", "下拨", "每户", "一户", "每平",
	"借了", "借来", "贷了", "凑了", "垫了", "垫付", "花费", "汇入", "汇款", "汇了", "转账", "打款", "到账",
	// 还剩5万不够发工资, 才拿了20多万, 每公里32.5万获标.
	"剩", "支出", "拿了", "拿到", "每公里", "每米", "每套", "每吨", "每间", "每栋"}

// moneyNouns after a bare 万 figure say what money it is: 数百万工资.
var moneyNouns = []string{"工资", "工钱", "补偿", "欠款", "货款", "工程款", "资金", "血汗钱", "劳务费", "房款", "赔偿", "现金", "薪",
	"积蓄", "存款", "全款", "收入", "财政", "补贴", "经费", "首付", "欠薪", "本金", "利息", "物业费", "费用", "租金", "房租"}

// loanNouns after 的 make a plain figure money: 5000的贷款.
var loanNouns = []string{"贷款", "房贷", "工资", "工钱", "房租", "租金", "补偿", "欠款", "罚款", "学费", "费用", "课时费", "货款", "押金", "房款", "工程款", "服务费", "培训费"}

// hasMoneyPrefix reports text that starts with a sum's name: 10000保释金.
func hasMoneyPrefix(rest string) bool {
	_, ok := hasAnyPrefix(rest, []string{"保释金", "押金", "保证金", "罚款", "赔偿金", "补偿款", "工资", "工钱", "欠款", "现金", "违约金"})
	return ok
}

// hasMoneySuffix reports text that ends with the name of a sum of money.
func hasMoneySuffix(pre string) bool {
	for _, w := range []string{"工资", "工钱", "欠款", "补偿款", "工程款", "货款", "劳务费", "欠薪", "房款", "金额", "定价", "售价", "单价", "均价", "标价"} {
		if strings.HasSuffix(pre, w) {
			return true
		}
	}
	return false
}

// bareEnd reports text after a figure that ends it: punctuation, a space,
// 以及/和, or nothing.
func bareEnd(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !isHan(r) && !(r >= '0' && r <= '9') && r != '.' && r != '%' || strings.HasPrefix(rest, "以及") || strings.HasPrefix(rest, "和")
}

// strongMoneyContext just before a 万/亿 figure makes it money whatever
// follows: 耗资50多亿打造.
var strongMoneyContext = []string{"耗资", "投资", "花了", "付了", "交了", "涉额", "涉及金额", "补贴款", "欠款", "总价", "造价", "资金",
	"欠薪", "拖欠", "欠下", "欠了", "所欠", "讨薪", "讨要", "索要", "借了", "借来", "贷了", "凑了", "垫了", "垫付", "花费"}

// notMoneyAfterKuai are things counted in 块 that are not money.
var notMoneyAfterKuai = []string{"户外", "广告", "地", "砖", "石", "玻璃", "木板", "板", "牌", "肉", "田", "钢", "布", "表", "屏", "蛋糕",
	"糖", "瓷砖", "骨头", "冰"}

// notMoneyAfter are measure words that make a 万 figure something else.
var notMoneyAfter = []string{"亩", "平", "人", "户", "名", "吨", "辆", "字", "册", "头", "只", "株", "棵", "公里", "米",
	"斤", "次", "件", "套", "间", "个", "条", "份", "余人", "多人", "千瓦", "方", "立方", "元"}

// batches returns the number of batches (批) written before a 人次 count
// at byte i (33批199人次 → 33), 0 if none.
func batches(s string, i int) int {
	pre := before(s, i, 6)
	j := strings.LastIndex(pre, "批")
	if k := strings.LastIndex(pre, "件次"); k > j {
		j = k
	}
	if j < 0 {
		return 0
	}
	k := j
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(pre[:k])
		if _, cn := cnDigit(r); !(r >= '0' && r <= '9' || cn || cnUnit(r) > 0) {
			break
		}
		k -= w
	}
	if k == j {
		return 0
	}
	n, ok := parseNumber(pre, k)
	if !ok {
		return 0
	}
	return int(n.value)
}

// severalMatters say a report lists several matters.
var severalMatters = []string{"等方面", "主要涉及", "涉及的问题", "等问题", "主要集中", "分别反映", "纠纷等", "问题涉及"}

// headCount is one count of people or households in a text.
type headCount struct {
	v         int
	vague     bool // 上百, 数十, 几十: a rough size
	nearly    bool // 近百, 近千: a rough size from above
	approx    bool // 三十多, 20余: a lower bound
	aggregate bool // a statistic over a period, region or campaign
	visits    bool // counted in 人次: the people received, all batches together
	benefit   bool // the people a campaign helped: 为2417名农民工追回工资
	start     int
	unit      string // 人 or 户
	label     string
}

// vaguePrefixes are rough sizes that parseNumber does not read: 上百名 → 100.
var vaguePrefixes = []struct {
	text  string
	value float64
}{
	{"上百", 100}, {"近百", 100}, {"成百", 100}, {"上千", 1000}, {"近千", 1000}, {"成千", 1000}, {"上万", 10000}, {"近万", 10000}, {"上亿", 1e8}, {"近亿", 1e8},
	{"数1000", 1000}, {"数100", 100}, {"数10", 10}, {"廿", 20}, {"卅", 30}, {"万", 10000}, {"千", 1000}, {"百十", 100}, {"百", 100}}

// bareHundreds reports a 万, 千 or 百 at byte i that stands alone for a
// rough size of people (千名环卫工人, 百余户, 万余户): no numeral before it,
// a count's unit or 余/多 after it.
func bareHundreds(s string, i int) bool {
	if p, _ := utf8.DecodeLastRuneInString(s[:i]); p >= '0' && p <= '9' || strings.ContainsRune("一二两三四五六七八九十百千万几数上近成过", p) {
		return false
	}
	nx, _ := utf8.DecodeRuneInString(s[i+len("千"):])
	// 万余户居民, 万多名工人, 追回工资万余元: ten thousand and more; a bare
	// 万 says no more than that (万元, 万名干部进万家).
	if strings.HasPrefix(s[i:], "万") {
		after, _ := utf8.DecodeRuneInString(s[min(len(s), i+len("万余")):])
		return (nx == '余' || nx == '多') && strings.ContainsRune("名人户位元", after)
	}
	// 百十户居民: a colloquial hundred or so.
	if nx == '十' && strings.HasPrefix(s[i:], "百十") {
		nx, _ = utf8.DecodeRuneInString(s[i+len("百十"):])
		return strings.ContainsRune("名人户个", nx)
	}
	// 百万元, 花了百万: a rough sum.
	return strings.ContainsRune("名人户余多万", nx)
}

// scanFigures reads head counts, money, dates and petition counts from the
// normalised text s.
//
// report says the text is a report of statistics: every count is one.
func scanFigures(s string, report, bulletin bool) figures {
	f := figures{report: report, bulletin: bulletin}
	yearCtx := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		// 成百上千的业主, 成千上万: a figure of speech for many, no count.
		if r == '成' {
			if p, ok := hasAnyPrefix(s[i:], []string{"成百上千", "成千上万", "成千成万", "成百成千"}); ok {
				i += len(p)
				continue
			}
		}
		// 廿余人, 卅多户, 廿五名: twenty, thirty, in the formal way of writing.
		if r == '廿' || r == '卅' {
			if d, ok := cnDigit(firstRuneAt(s, i+w)); ok && d > 0 {
				base := 20.0
				if r == '卅' {
					base = 30
				}
				n := number{value: base + float64(d), start: i, end: i + w + len("五")}
				if !f.money(s, n) {
					f.count(s, n)
				}
				i = n.end
				continue
			}
		}
		if r == '上' || r == '近' || r == '成' || r == '数' || (r == '廿' || r == '卅') || (r == '千' || r == '百' || r == '万') && bareHundreds(s, i) {
			if n, ok := vagueNumber(s, i); ok {
				if !f.money(s, n) {
					f.count(s, n)
				}
				i = n.end
				continue
			}
		}
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
	f.chooseCounts()
	if f.headcount == 1 && !oneCame(s, f.headStart) || f.headcount == 2 && !twoPetition(s, f.headStart) {
		// 一位网友反映, 一名男子爬到塔吊上, 一名村民告诉记者: one person
		// is a writer or a passer-by, and the head count is left open
		// (DOMAIN.md: null for one writer); one who came or called (一名
		// 农民工来到区信访局, 来电人一人) is counted.
		f.headcount, f.aggregate = 0, false
	}
	return f
}

// firstRuneAt returns the rune at byte i of s, utf8.RuneError past its end.
func firstRuneAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[min(i, len(s)):])
	return r
}

// placeBeforeNoun returns the length of a place name of at most ten
// characters that opens s and ends in an administrative unit, right before a
// noun of people (西安市西八里村保洁员), 0 when there is none.
func placeBeforeNoun(s string) int {
	best, n := 0, 0
	for i, r := range s {
		if n >= 10 || !isHan(r) {
			break
		}
		n++
		if strings.ContainsRune("村镇乡县市区旗", r) {
			end := i + utf8.RuneLen(r)
			if _, ok := hasAnyPrefix(s[end:], peopleNouns); ok {
				best = end
			}
		}
	}
	return best
}

// twoPetition reports whether the two people counted at byte i are the
// petitioners: the writer and one more (我和老伴两个人, 其与妻子), two who
// came or called, or two who act over the matter (两名民工爬塔吊讨薪); not
// two builders at work nor two neighbours in a quarrel.
func twoPetition(s string, i int) bool {
	if oneCame(s, i) || containsAny(clauseBefore(s, i, 12), []string{"我和", "他和", "她和", "其与", "我与", "他与", "她与", "我们", "他们", "我俩", "他俩"}) {
		return true
	}
	return containsAny(clauseAfter(s, i, 16), []string{"讨薪", "讨要", "讨工钱", "爬上", "爬到", "登上", "爬塔吊", "反映", "投诉", "举报", "维权", "求助"})
}

// oneCame reports whether the one person counted at byte i came to an
// office or called it: 一名村民来访, 一名农民工来到区信访局, 来电人一人,
// 代村民包某某一户反映.
func oneCame(s string, i int) bool {
	if _, ok := hasAnySuffix(before(s, i, 4), []string{"来电人", "来访人", "信访人", "反映人", "投诉人"}); ok {
		return true
	}
	after := clauseAfter(s, i, 20)
	if containsAny(after, []string{"来访", "来到", "来电", "上访", "信访", "到访"}) {
		return true
	}
	return cjk.Contains(clauseBefore(s, i, 12), "代") && cjk.Contains(after, "反映")
}

// vagueNumber reads a rough size at byte i (上百, 近千), with its lower-bound
// markers (上百多).
func vagueNumber(s string, i int) (number, bool) {
	for _, p := range vaguePrefixes {
		if strings.HasPrefix(s[i:], p.text) {
			n := number{value: p.value, start: i, end: i + len(p.text), approx: true, vague: true}
			for n.end < len(s) {
				r, w := utf8.DecodeRuneInString(s[n.end:])
				switch r {
				case '多', '余', '来':
				case '万':
					n.value *= 1e4
				case '亿':
					n.value *= 1e8
				default:
					return n, true
				}
				n.end += w
			}
			return n, true
		}
	}
	return number{}, false
}

// chooseCounts picks the head count and the group from the counts read: an
// exact count wins over a rough one (数十名 … 其中20人), then the largest.
func (f *figures) chooseCounts() {
	// A rough count that is larger than an exact one names the whole
	// group (上百名农民工 … 三四十名亲友): the larger wins, an exact count on
	// a tie.
	better := func(c, best *headCount) bool {
		if best == nil {
			return true
		}
		// 近百名 … 87名, 近200名 … 190多人: "nearly" a size, a count
		// below it is the same group told more precisely.
		if c.nearly && !best.nearly && best.v <= c.v && best.v*10 >= c.v*7 {
			return false
		}
		if best.nearly && !c.nearly && c.v <= best.v && c.v*10 >= best.v*7 {
			return true
		}
		if c.v != best.v {
			return c.v > best.v
		}
		return best.vague && !c.vague
	}
	// The head count is the group's when there is one: a statistic of the
	// region beside the matter (为1860余名农民工追回工资) does not replace
	// the 72 workers of the matter. A reception day's 4批15人次 stays the
	// head count (DOMAIN.md).
	var head, group *headCount
	for i := range f.counts {
		c := &f.counts[i]
		if better(c, head) {
			head = c
		}
		if !c.aggregate && better(c, group) {
			group = c
		}
	}
	// 20多名读者来电投诉 … 仅有1名市民表示: a report's tally of its
	// callers, beside one of them quoted, is the head count.
	if group != nil && !head.visits && !(f.bulletin && group.v <= 2 && head.aggregate && !head.benefit) {
		head = group
	}
	if group == nil {
		// A report of statistics: the people it helped, not the workers
		// inspected (涉及劳动者149399人次).
		var best *headCount
		for i := range f.counts {
			if c := &f.counts[i]; c.benefit && better(c, best) {
				best = c
			}
		}
		if best != nil {
			head = best
		}
	}
	if head != nil {
		f.headcount, f.aggregate, f.headStart = head.v, head.aggregate, head.start
		f.countUnit, f.countLabel = head.unit, head.label
	}
	if group != nil {
		f.group, f.groupStart = group.v, group.start
		f.countUnit, f.countLabel = group.unit, group.label
	}
}

// preferTitleCount makes an exact count of five or more in the title line (the text's
// first titleEnd bytes) the head count: a headline names the people of the
// matter (包工头拖欠11名农民工工资后潜逃, 为4621名农民工追付欠薪), where the body
// may go on to larger or nearby numbers (已拖欠190余名农民工, 范某某和30名
// 工友). The group who may act together is left as it was read.
//
// A headline's count of people held or punished (佛山18人被拘) is not the
// group: the body tells how many acted.
func (f *figures) preferTitleCount(s string, titleEnd int) {
	var best *headCount
	for i := range f.counts {
		c := &f.counts[i]
		if c.start < titleEnd && !c.vague && !c.approx && !c.nearly && c.v >= 5 && (best == nil || c.v > best.v) &&
			!containsAny(clauseAfter(s, c.start, 10), heldOrPunished) {
			best = c
		}
	}
	if best != nil && best.v != f.headcount {
		f.headcount, f.aggregate = best.v, best.aggregate
	}
}

// heldOrPunished follow a count of people held or punished.
var heldOrPunished = []string{"被拘", "被刑拘", "被行政拘留", "被抓", "被捕", "被逮捕", "被判", "被处罚", "被罚", "获刑", "被带走"}

// nounFirstCounts are people nouns a rough size may follow with no
// measure word: 居民上万.
var nounFirstCounts = []string{"居民", "业主", "村民", "牧民", "群众", "农民工", "民工", "工人", "职工", "住户", "市民", "商户", "农户", "员工"}

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

// clauseAfterComma returns up to k runes of the clause that follows a comma
// at byte i of s (a clause told after its subject: 帮助902农民工，追回…),
// and false when no comma stands at i.
func clauseAfterComma(s string, i, k int) (string, bool) {
	if i >= len(s) || s[i] != ',' && !strings.HasPrefix(s[i:], "，") {
		return "", false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return clauseAfter(s, i+w, k), true
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

// clauseBeforeList is clauseBefore carried across one 、, so that a list of
// places or offices (找村里、乡里领导) reads as one clause with its verb.
func clauseBeforeList(s string, i, k int) string {
	pre := clauseBefore(s, i, k)
	if j := i - len(pre); strings.HasSuffix(s[:j], "、") {
		pre = clauseBefore(s, j-len("、"), 8) + "、" + pre
	}
	return pre
}

// clauseAfterList is clauseAfter carried across the 、 of a list (到市、区政府
// 反映), up to k runes in all.
func clauseAfterList(s string, i, k int) string {
	j := i
	for k > 0 {
		c := clauseAfter(s, j, k)
		j += len(c)
		k -= utf8.RuneCountInString(c)
		if k <= 1 || !strings.HasPrefix(s[j:], "、") {
			break
		}
		j += len("、")
		k--
	}
	return s[i:j]
}

// hasAnySuffix reports whether s ends with one of list, and which.
func hasAnySuffix(s string, list []string) (string, bool) {
	for _, w := range list {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

// leisureWords near people make them people at leisure, whatever follows
// (十几个村民三三两两聚集在树荫下).
var leisureWords = []string{"三三两两", "三五成群", "闲聊", "聊天", "聊着", "乘凉", "晒太阳"}

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

func hasPrefixIn(s string, list []string) bool {
	_, ok := hasAnyPrefix(s, list)
	return ok
}

func hasAnyPrefix(s string, list []string) (string, bool) {
	for _, p := range list {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}

func containsAny(s string, list []string) bool { return cjk.ContainsAny(s, list) }

// isInt reports a whole number, allowing for the rounding of a decimal
// scaled by 万 (5.31万 is 53100.00000000001 in floating point).
func isInt(v float64) bool { return math.Abs(v-math.Round(v)) <= 1e-9*math.Max(1, math.Abs(v)) }

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

// rangeSeps join the two ends of a range: 300—400元, 2万至3万元.
var rangeSeps = []string{"—", "–", "-", "~", "～", "〜", "至", "到", "—", "－"}

// rangeBottom returns the lower end of a range that ends at n (60到70名,
// 三至五户, 四、五百人), if one does, and where that end starts.
func rangeBottom(s string, n number) (float64, int, bool) {
	pre := s[:n.start]
	// 四、五百人: two digits in a row with a mark between them, the unit
	// written once after the second.
	if strings.HasSuffix(pre, "、") {
		r1, w1 := utf8.DecodeLastRuneInString(pre[:len(pre)-len("、")])
		r0, _ := utf8.DecodeLastRuneInString(pre[:len(pre)-len("、")-w1])
		r2, _ := utf8.DecodeRuneInString(s[n.start:])
		d1, ok1 := cnDigit(r1)
		d2, ok2 := cnDigit(r2)
		if _, digitBefore := cnDigit(r0); ok1 && ok2 && d2 == d1+1 && d1 > 0 && !digitBefore && cnUnit(r0) == 0 && n.value > float64(d2) {
			return n.value / float64(d2) * float64(d1), n.start - len("、") - w1, true
		}
	}
	sep, ok := "", false
	for _, t := range rangeSeps {
		if strings.HasSuffix(pre, t) {
			sep, ok = t, true
			break
		}
	}
	if !ok {
		return 0, 0, false
	}
	end := len(pre) - len(sep)
	j := end
	for j > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if !(r >= '0' && r <= '9') && !strings.ContainsRune("零一二两三四五六七八九十百千", r) {
			break
		}
		j -= w
	}
	if j == end {
		return 0, 0, false
	}
	m, ok := parseNumber(s, j)
	if !ok || m.end != end || m.value <= 0 || m.value >= n.value {
		return 0, 0, false
	}
	return m.value, j, true
}

// scaled applies a 万/亿 written after a space (36.5 万元) or after 个
// (18个亿) to n, and returns n, the text after it and whether a unit of
// 万 or more was applied.
func scaled(s string, n number) (number, string, bool) {
	rest := after(s, n)
	if n.arabic && len(rest) < len(s)-n.end || strings.HasPrefix(rest, "个") {
		r := strings.TrimPrefix(strings.TrimPrefix(rest, "个"), "多")
		switch {
		case strings.HasPrefix(r, "万"):
			n.value *= 1e4
			return n, r[len("万"):], true
		case strings.HasPrefix(r, "亿"):
			n.value *= 1e8
			return n, r[len("亿"):], true
		}
	}
	return n, rest, false
}

// rangeScale gives the upper end of a Chinese range the unit that scaled
// applied to the lower end (a 万 after a space or after 个); units inside
// the numeral (二三十万) are already in top.
func rangeScale(s string, n number, top float64) float64 {
	lo, _, _ := scaled(s, n)
	if n.value > 0 && lo.value != n.value {
		return top * lo.value / n.value
	}
	return top
}

// rangeTop returns the upper end of a Chinese range numeral (二三十万 →
// 300000, 七八千 → 8000), or 0 when n is not one.
func rangeTop(s string, n number) float64 {
	span := s[n.start:n.end]
	r1, w1 := utf8.DecodeRuneInString(span)
	r2, w2 := utf8.DecodeRuneInString(span[w1:])
	d1, ok1 := cnDigit(r1)
	d2, ok2 := cnDigit(r2)
	if ok1 && !ok2 && cnUnit(r2) > 0 {
		// 一百七八十 → 180: the pair stands after a unit; the upper end
		// drops the first digit of the pair.
		rs := []rune(span)
		for k := 2; k+2 < len(rs); k++ {
			a, okA := cnDigit(rs[k])
			b, okB := cnDigit(rs[k+1])
			if okA && okB && b == a+1 && cnUnit(rs[k-1]) > 0 && cnUnit(rs[k+2]) > 0 {
				top, ok := parseNumber(string(rs[:k])+string(rs[k+1:]), 0)
				if !ok {
					return 0
				}
				return top.value
			}
		}
		return 0
	}
	if !ok1 || !ok2 || !(d2 == d1+1 || d1 == 3 && d2 == 5) || w1+w2 >= len(span) {
		return 0
	}
	top, ok := parseNumber(span[w1:], 0)
	if !ok {
		return 0
	}
	return top.value
}

// money reads amounts in 元, 块 and bare 万/亿 figures in a money context,
// and both ends of a range of money (300—400元, 3—5万元).
func (f *figures) money(s string, n number) bool {
	if f.moneyAt(s, n) {
		if top := rangeTop(s, n); top > 0 {
			// 二三十万元: both ends.
			f.addAmount(rangeScale(s, n, top))
		}
		return true
	}
	rest := after(s, n)
	if lo, ok := enumeratedRange(s, n, rest); ok {
		f.addAmount(lo)
		return true
	}
	sep, ok := hasAnyPrefix(rest, rangeSeps)
	if !ok {
		// 补 2 万至 3 万元: the lower end has its own spaced 万.
		if sn, srest, unit := scaled(s, n); unit {
			if sep, ok = hasAnyPrefix(srest, rangeSeps); ok {
				rest, n = srest, sn
			}
		}
	}
	if !ok {
		return false
	}
	j := len(s) - len(rest) + len(sep)
	for {
		// 3000---5000元: the dash written several times.
		t, ok := hasAnyPrefix(s[j:], []string{"—", "–", "-", "－", "~", "～"})
		if !ok {
			break
		}
		j += len(t)
	}
	j += len(s[j:]) - len(strings.TrimLeft(s[j:], " "))
	m, ok := parseNumber(s, j)
	mv := m.value
	if hm, _, u := scaled(s, m); ok && u {
		mv = hm.value // 3 万元
	}
	if !ok || m.end <= j || mv <= n.value && !strings.ContainsAny(s[m.start:m.end], "万亿") {
		return false
	}
	var probe figures
	if !probe.moneyAt(s, m) {
		return false
	}
	lo := n
	// 3—5万元: the lower end shares the upper end's 万.
	if !strings.ContainsAny(s[n.start:n.end], "万亿") {
		hi, _, _ := scaled(s, m)
		unit := s[m.start:min(len(s), m.end+len(" 万"))]
		switch {
		case cjk.Contains(unit, "亿") && n.value*1e8 <= hi.value:
			lo.value *= 1e8
		case cjk.Contains(unit, "万") && n.value*1e4 <= hi.value:
			lo.value *= 1e4
		}
	}
	f.addAmount(lo.value)
	return true
}

// enumeratedRange reads the lower end of a range written with a pause
// between two Chinese digits (五、六十万元 → 500000, 三、四千元 → 3000): the
// first digit takes the second's units.
//
// Arabic digits pair the same way: 每人被拖欠1、2万元 → 10000 and 20000.
func enumeratedRange(s string, n number, rest string) (float64, bool) {
	if !strings.HasPrefix(rest, "、") {
		return 0, false
	}
	digit := func(r rune) (int, bool) {
		if r >= '1' && r <= '9' {
			return int(r - '0'), true
		}
		return cnDigit(r)
	}
	r1, w1 := utf8.DecodeRuneInString(s[n.start:n.end])
	if w1 != n.end-n.start {
		return 0, false
	}
	d1, ok1 := digit(r1)
	j := len(s) - len(rest) + len("、")
	r2, _ := utf8.DecodeRuneInString(s[j:])
	d2, ok2 := digit(r2)
	if ok1 && ok2 && (r1 >= '1' && r1 <= '9') != (r2 >= '1' && r2 <= '9') {
		return 0, false // 一、2万元 mixes scripts: no pair
	}
	if r1 >= '1' && r1 <= '9' {
		// 诉求：1、2万元押金退还；3、…: the numbers of a list open a clause.
		if p, _ := utf8.DecodeLastRuneInString(s[:n.start]); !isHan(p) {
			return 0, false
		}
	}
	if !ok1 || !ok2 || d2 != d1+1 {
		return 0, false
	}
	m, ok := parseNumber(s, j)
	if !ok || m.end <= j || m.value < 10 {
		return 0, false
	}
	var probe figures
	if !probe.moneyAt(s, m) {
		return 0, false
	}
	hi, _, _ := scaled(s, m)
	return float64(d1) * hi.value / float64(d2), true
}

func (f *figures) addAmount(v float64) {
	if v <= 0 || v > 1e13 {
		return
	}
	v = math.Round(v*100) / 100
	if len(f.amounts) < maxFigures && !slices.Contains(f.amounts, v) {
		f.amounts = append(f.amounts, v)
	}
}

func (f *figures) moneyAt(s string, n number) bool {
	n, rest, unit := scaled(s, n)
	v := n.value
	isMoney := false
	switch {
	case strings.HasPrefix(rest, "元"), strings.HasPrefix(rest, "圆"), strings.HasPrefix(rest, "人民币"):
		isMoney = true
	case strings.HasPrefix(rest, "块钱"):
		isMoney = true
	case strings.HasPrefix(rest, "块"):
		// 两千块, 二千来块: not 一块地, 一块玻璃.
		nx := strings.TrimPrefix(rest, "块")
		r, _ := utf8.DecodeRuneInString(nx)
		_, thing := hasAnyPrefix(nx, notMoneyAfterKuai)
		// 24块LED屏, 3块PVC板: a thing named in Latin letters.
		thing = thing || len(nx) > 0 && (nx[0] >= 'A' && nx[0] <= 'Z' || nx[0] >= 'a' && nx[0] <= 'z')
		isMoney = (v >= 10 || n.approx) && !thing && r != '的'
		if r == '的' { // 三千块的工资, not 两块的地
			isMoney = (v >= 10 || n.approx) && containsAny(clauseAfter(nx, 0, 4), []string{"钱", "工资", "工钱", "费", "生活费", "款"})
		}
	case strings.HasSuffix(before(s, n.start, 1), "¥") || strings.HasSuffix(before(s, n.start, 1), "￥"):
		isMoney = true
	case n.arabic && v >= 100 && !unit && (hasMoneySuffix(before(s, n.start, 3)) && bareEnd(rest) ||
		strings.HasPrefix(rest, "的") && containsAny(clauseAfter(rest, len("的"), 3), loanNouns) ||
		hasMoneyPrefix(rest)):
		// 欠下工资167953, 还着5000的贷款: a plain figure named as money.
		isMoney = true
	default:
		// 工资8万多, 说好四千五, 要了我两千多: a figure with 百/千/万/亿 in a
		// money context, not followed by a measure word.
		span := s[n.start:n.end]
		spent := strings.HasSuffix(before(s, n.start, 1), "花") || containsAny(before(s, n.start, 2), []string{"花去", "花掉", "花了"}) // 花三百多万买的房, 花去十几万
		if (unit || strings.ContainsAny(span, "百千万亿")) && (spent || containsAny(sentenceBefore(s, n.start, 16), moneyContext) || moneyListed(s, rest, 6) ||
			containsAny(clauseAfter(s, n.end, 4), moneyNouns) || containsAny(clauseAfter(s, n.end, 2), []string{"块"}) ||
			// 包商全部65万，都没有给我: what was owed and not paid.
			containsAny(sentenceAfter(s, n.end, 8), []string{"没有给", "没给", "不给", "没付", "没有付", "没结", "没有结"})) {
			r, _ := utf8.DecodeRuneInString(rest)
			_, noun := hasAnyPrefix(rest, moneyNouns)
			noun = noun || containsAny(clauseAfter(rest, 0, 6), []string{"补偿款", "补偿费", "工资", "工钱"})
			strong := spent || containsAny(sentenceBefore(s, n.start, 8), strongMoneyContext)
			if _, bad := hasAnyPrefix(rest, notMoneyAfter); !bad && (rest == "" || !isHan(r) || noun || strong || strings.ContainsRune("不没就说还也都给的了左多余卖买获够才只赔", r) || hasPrefixIn(rest, []string{"中标", "成交", "拍得"})) {
				isMoney = true
			}
		}
	}
	if !isMoney || v <= 0 || v > 1e13 {
		return false
	}
	// 千万补偿仅付零头: a bare 千万 or 百万 without 元 is a size, not a sum.
	if span := s[n.start:n.end]; (span == "千万" || span == "百万" || span == "上千万" || span == "上百万") && !strings.HasPrefix(rest, "元") {
		return true
	}
	// 好几万, 几千元: no figure is stated (like 几名), though it is money.
	if r, w := utf8.DecodeRuneInString(s[n.start:]); r == '几' {
		if u, _ := utf8.DecodeRuneInString(s[n.start+w:]); u == '百' || u == '千' || u == '万' || u == '亿' {
			return true
		}
	}
	f.addAmount(v)
	return true
}

// moneyListed reports a list that goes on after rest to a sum in yuan (7万、
// 10万、15万元三种): the unit written once serves every figure. depth
// bounds the items read.
func moneyListed(s, rest string, depth int) bool {
	if depth == 0 || !strings.HasPrefix(rest, "、") {
		return false
	}
	j := len(s) - len(rest) + len("、")
	m, ok := parseNumber(s, j)
	if !ok || m.end <= j {
		return false
	}
	_, rest2, _ := scaled(s, m)
	if strings.HasPrefix(rest2, "元") || strings.HasPrefix(rest2, "块钱") {
		return true
	}
	return moneyListed(s, rest2, depth-1)
}

// digitNouns may follow bare digits as a count (20牧民); owners may not,
// since 901业主 is a flat number.
var digitNouns = []string{"牧民", "村民", "农民工", "民工", "工人", "职工", "劳工", "矿工"}

// employerWords before a count of 户 make it a count of firms.
var employerWords = []string{"单位", "企业", "公司", "厂家", "工地"}

// ordinalList reports a number that closes a list of ranks opened by 第:
// the 9 of 倒数第1、2、9位.
func ordinalList(s string, start int) bool {
	i, items := start, 0
	for {
		if !strings.HasSuffix(s[:i], "、") {
			break
		}
		i -= len("、")
		j := i
		for j > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:j])
			if !(r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)) {
				break
			}
			j -= size
		}
		if j == i {
			return false
		}
		i, items = j, items+1
	}
	return items > 0 && strings.HasSuffix(s[:i], "第")
}

// count reads head counts: 27人, 九十多名, 二百五十余户, 15人次, 18个人.
func (f *figures) count(s string, n number) bool {
	rest := after(s, n)
	// 60到70名, 四、五百人: a range of people counts from its lower end
	// (DOMAIN.md), and what stands before the range is read as before it.
	lo, loStart, isRange := rangeBottom(s, n)
	if isRange {
		n.start = loStart
	}
	prev := before(s, n.start, 2)
	// 第3名, 每5人, 前10名 are ranks and rates; 目前4名工人, 此前12户 are counts.
	if strings.HasSuffix(prev, "第") || ordinalList(s, n.start) || strings.HasSuffix(prev, "排名") || strings.HasSuffix(prev, "每") ||
		strings.HasSuffix(prev, "前") && !strings.HasSuffix(prev, "目前") && !strings.HasSuffix(prev, "此前") && !strings.HasSuffix(prev, "之前") && !strings.HasSuffix(prev, "当前") && !strings.HasSuffix(prev, "提前") {
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
	case strings.HasPrefix(rest, "户") && !strings.HasPrefix(rest, "户次") && !containsAny(before(s, n.start, 3), employerWords):
		// 检查用人单位1647户次, 企业30户 are employers, not households.
		unit, people = "户", "户"
	case strings.HasPrefix(rest, "口人"):
		unit = "口人"
	case strings.HasPrefix(rest, "口") && hasPrefixIn(strings.TrimPrefix(rest, "口"), peopleNouns):
		unit = "口" // 全村近三百口村民; 三口之家 is a household's size
	case strings.HasPrefix(rest, "号人"):
		unit = "号人" // 100多号人
	case strings.HasPrefix(rest, "号") && n.approx:
		// 400余号民工; 3号楼 is a building.
		if _, ok := hasAnyPrefix(strings.TrimPrefix(rest, "号"), peopleNouns); ok {
			unit = "号"
		}
	case strings.HasPrefix(rest, "个人"):
		unit = "个人"
	case strings.HasPrefix(rest, "个"):
		r := strings.TrimPrefix(rest, "个")
		// 一千多个蒙古牧民家庭: an origin between the measure and the noun.
		if q, ok := hasAnyPrefix(r, []string{"蒙古族", "蒙古", "汉族", "少数民族", "外地", "外省", "本地", "当地", "本村", "外来"}); ok {
			if _, people := hasAnyPrefix(r[len(q):], peopleNouns); people {
				r = r[len(q):]
			}
		}
		// 20多个西安市西八里村保洁员: a place between the measure and the
		// noun.
		if _, ok := hasAnyPrefix(r, peopleNouns); !ok {
			if k := placeBeforeNoun(r); k > 0 {
				r = r[k:]
			}
		}
		if noun, ok := hasAnyPrefix(r, peopleNouns); ok {
			unit = "个" + noun
		} else if strings.HasPrefix(r, "签名") && !n.vague {
			// 按着26个红手印写着36个签名: a joint letter's signers.
			unit = "个签名"
		} else if n.vague && goesToOffice(clauseAfter(s, len(s)-len(rest)+len("个"), 12)) {
			// 我们几十个到食药局办公室: people who went.
			unit = "个"
		}
	case strings.HasPrefix(rest, "辆") && hasPrefixIn(strings.TrimPrefix(rest, "辆"), []string{"出租车司机", "出租车的司机", "货车司机", "车的司机", "车司机", "车主", "的哥"}):
		unit = "辆" // 112辆出租车司机: drivers counted by their cars
	case strings.HasPrefix(rest, "个家庭"):
		unit, people = "个家庭", "户"
	case strings.HasPrefix(rest, "家庭"):
		unit, people = "家庭", "户"
	case n.arabic && !n.approx && isInt(n.value) && n.value >= 5 && n.value < 10000 && !strings.HasSuffix(before(s, n.start, 1), "第") && hasPrefixIn(rest, digitNouns):
		// 20牧民抵达北京: digits right before workers or villagers.
		unit, _ = hasAnyPrefix(rest, digitNouns)
	case n.arabic && isInt(n.value) && n.value >= 1000 && cjk.Contains(s[n.start:n.end], ",") && hasPrefixIn(rest, []string{"业主", "居民", "住户", "购房者", "苦主", "民众"}):
		// 3,000业主: a flat number is never written with a thousands comma.
		unit, _ = hasAnyPrefix(rest, []string{"业主", "居民", "住户", "购房者", "苦主", "民众"})
	case !n.bare && (n.approx || !n.arabic || cjk.Contains(s[n.start:n.end], "万")) && isInt(n.value) && n.value >= 5 && !strings.HasSuffix(before(s, n.start, 1), "第"):
		// 数百业主, 二十多牧民: a noun of people right after a rough or
		// Chinese number (901业主 is a flat number).
		// An origin or a word of feeling may come between: 千余川籍农民工,
		// 数百愤怒工人.
		r := rest
		if i := cjk.Index(clauseAfter(rest, 0, 4), "籍"); i > 0 {
			r = rest[i+len("籍"):]
		}
		nouns := []string{"业主", "村民", "牧民", "农民工", "民工", "工人", "居民", "住户", "群众", "商户", "职工", "购房户", "回迁户", "拆迁户",
			"返迁户", "棚改户", "安置户", "被征收户", "征收户", "动迁户", "搬迁户", "农户", "购房者", "民众", "矿工", "市民", "员工", "苦主"}
		for skip := 0; skip <= 2 && r != ""; skip++ {
			if noun, ok := hasAnyPrefix(r, nouns); ok {
				unit = rest[:len(rest)-len(r)] + noun
				if strings.HasSuffix(noun, "户") {
					people = "户"
				}
				break
			}
			// Only words between, never a unit (二百米，村民) or a pause.
			c, w := utf8.DecodeRuneInString(r)
			if !n.approx || !isHan(c) || strings.ContainsRune("米点号月日年岁次天时分秒元块个位名户人斤亩平方里公米倍楼层栋幢单元室", c) {
				break
			}
			r = r[w:]
		}
	case strings.HasPrefix(rest, "家"):
		if noun, ok := hasAnyPrefix(strings.TrimPrefix(rest, "家"), []string{"住户", "商户", "农户", "业主", "居民", "门市"}); ok {
			unit, people = "家"+noun, "户"
		}
	}
	nounFirst := false
	if unit == "" && n.vague && n.value >= 10 {
		// 周边小区居民上万, 业主近千: a rough size right after the noun of
		// its people, with no measure word (居民上万元 is money).
		if _, ok := hasAnySuffix(before(s, n.start, 3), nounFirstCounts); ok {
			if r, _ := utf8.DecodeRuneInString(rest); !isHan(r) || !strings.ContainsRune("元块米亩平方辆套间栋台头只斤吨次年月天万亿个名位户人口号家多余", r) {
				nounFirst = true
			}
		}
	}
	if unit == "" && !nounFirst {
		return false
	}
	// 4个农民工班组, 3个村民小组: teams and village groups counted, not
	// people.
	if _, ok := hasAnyPrefix(rest[len(unit):], []string{"班组", "小组", "代表队", "微信群"}); ok && unit != "人" && unit != "名" {
		return true
	}
	v := n.value
	if isRange {
		v = lo
	}
	if !isInt(v) || v < 1 || v >= 1e6 {
		return true
	}
	v = math.Round(v)
	// 一名 / 一位 / 一个 after 是 are an article ("我是一名农民工"), not a
	// count; 一人, 一户 and 一名村民来访 are counts.
	if n.bare {
		// 工地空无一人, 没有一人来: nobody, not a group of one.
		if containsAny(before(s, n.start, 2), []string{"无", "没有", "没", "未", "不见"}) {
			return true
		}
		tail := clauseAfter(s, n.end+len(unit), 10)
		// 一位村民说, 另一位业主表示: one voice quoted among many, not
		// a group of one.
		// 一位姓林的村民: one person described, not a group of one.
		// 由村主任一人说了算: the idiom of one man deciding.
		if speaker(tail) || strings.HasPrefix(tail, "姓") || containsAny(clauseAfter(tail, 0, 3), []string{"说了算", "独揽", "支配", "做主", "拍板", "决定"}) {
			return true
		}
		// 我是某某楼盘“天波公馆”的一位业主: the clause may be long.
		if containsAny(clauseBefore(s, n.start, 12), []string{"是", "作为", "身为"}) || containsAny(clauseBefore(s, n.start, 40), []string{"我是", "本人是"}) ||
			!containsAny(tail, []string{"来访", "反映", "来电", "上访", "到", "村民", "居民", "业主", "群众"}) && unit != "人" {
			return true
		}
	}
	unitEnd := len(s) - len(rest) + len(unit)
	if notPetitioners(s, n, unit, rest[len(unit):], unitEnd) {
		return true
	}
	// A report's 人次 add up visits: a statistic, whatever its size.
	agg := f.report || isAggregateCount(s, n, unitEnd) || unit == "人次" && f.bulletin && !containsAny(before(s, n.start, 6), []string{"批", "件次"})
	// 20多名读者通过电话投诉: a paper's or a post's tally of its callers
	// and commenters, who did not come together.
	if _, ok := hasAnyPrefix(rest[len(unit):], []string{"读者", "网友", "听众", "观众", "粉丝"}); ok && !containsAny(clauseAfter(s, unitEnd, 16), togetherPhrases) {
		agg = true
	}
	benefit := agg && benefactive(s, n, unitEnd)
	// 8月22日发放269人工资177.03万元: the people a payment reached, not a
	// group of the matter.
	if _, ok := hasAnySuffix(before(s, n.start, 3), []string{"发放", "发放了", "支付", "支付了", "兑付", "兑付了"}); ok && containsAny(clauseAfter(s, unitEnd, 3), []string{"工资", "薪", "工钱"}) {
		agg, benefit = true, true
	}
	if (unit == "人次" || unit == "人" || unit == "名") && containsAny(before(s, n.start, 6), []string{"批", "件次"}) && (containsAny(s, severalMatters) || batches(s, n.start) >= 5) {
		// 接待群众4批15人次，反映的问题主要涉及…等方面: batches on
		// several matters (4批15人次 about one project is one group).
		agg = true
	}
	// A group that comes in person is acting together: 等6人到旗信访局,
	// 9人来访, 5名工人一同来访, 十来户村民一起来到市信访局. Households
	// only when they come together explicitly (户 are often represented);
	// 人次 add up visits of several batches.
	tail := clauseAfter(s, unitEnd, 24)
	if next, ok := clauseAfterComma(s, unitEnd+len(tail), 24); ok {
		// 带着十多名务工人员,来到镇信访办: the people named, then what they
		// did after a comma; …工人被拖欠工资，一起向使馆投诉: the next
		// clause opens with an adverb, its subject is the same people.
		if _, ok := hasAnyPrefix(next, sameSubjectOpeners); ok || utf8.RuneCountInString(tail) <= 6 {
			tail += "," + next
		}
	}
	visits := false
	switch {
	case unit == "人次", agg:
	case batches(s, n.start) >= 2:
		// 接待来访群众3批5人: people who came in several batches, not
		// one group together.
	case people == "户":
		visits = containsAny(tail, togetherPhrases) || goesToOffice(tail) ||
			// 信访局接待了李某某等8户村民，反映…: the office received them.
			containsAny(clauseBefore(s, n.start, 16), []string{"接待了", "接待", "接访", "接谈", "迎来了"}) && containsAny(sentenceAfter(s, unitEnd, 12), []string{"反映", "来访", "上访", "诉求"})
	case containsAny(tail, []string{"推选", "委托", "代表"}) && !groupOfRepresentatives(tail):
		// 5人推选他一人来访: one came.
	default:
		visits = strings.HasPrefix(strings.TrimLeft(tail, "农民工业主村民居民职工工人"), "来访") || containsAny(tail, visitPhrases) || goesToOffice(tail) || petitionsOffice(tail) ||
			// 信访部门接待了蒲某某等10余名农民反映…: the office received them.
			containsAny(clauseBefore(s, n.start, 16), []string{"接待了", "接待", "接访", "接谈", "迎来了", "迎来"}) && containsAny(sentenceAfter(s, unitEnd, 10), []string{"反映", "来访", "上访", "诉求"}) ||
			// 工作站迎来了一群来访者——九位农民工: the visitors named first.
			containsAny(sentenceBefore(s, n.start, 16), []string{"来访者", "上访者", "来访群众"}) && !containsAny(clauseBefore(s, n.start, 6), []string{"接待", "共", "累计"})
	}
	// 联名写了一封感谢信送到派出所: thanks brought, not a grievance.
	// 260名农民工来到人社局…拿到了被拖欠的工资: they came to be paid.
	if visits && (containsAny(tail, []string{"锦旗", "感谢信", "表扬信", "致谢"}) || cameToBePaid(sentenceAfter(s, unitEnd, 60))) {
		visits = false
	}
	if visits && int(v) > f.visitCount {
		f.visitCount = int(v)
	}
	label := strings.TrimSpace(s[n.start:n.end]) + unit
	if !strings.HasPrefix(unit, "个") && !strings.HasPrefix(unit, "家") {
		if noun, ok := hasAnyPrefix(strings.TrimPrefix(rest, unit), peopleNouns); ok {
			label += noun
		}
	}
	// 郭先生和8名同事, 我和另外两个服务员, 我与其他10户: the one named
	// comes too.
	// A rough count (白某某和1300多户移民) is not made exact by one more.
	if pre := before(s, n.start, 3); !n.approx && strings.HasSuffix(pre, "和另外") || strings.HasSuffix(pre, "与另外") || strings.HasSuffix(pre, "和其他") || strings.HasSuffix(pre, "与其他") ||
		!n.approx && (strings.HasSuffix(pre, "和") || strings.HasSuffix(pre, "与")) && containsAny(clauseBefore(s, n.start, 6), []string{"我", "先生", "女士", "某"}) {
		v++
	}
	if len(f.counts) < maxFigures {
		f.counts = append(f.counts, headCount{v: int(v), vague: n.vague, approx: n.approx, nearly: strings.HasPrefix(s[n.start:], "近") || strings.HasSuffix(before(s, n.start, 1), "近"), aggregate: agg, benefit: benefit, visits: unit == "人次", start: n.start, unit: people, label: label})
	}
	return true
}

// speakerVerbs say that the person before them is quoted.
var speakerVerbs = []string{"说", "表示", "告诉", "称", "介绍", "坦言", "透露", "提到", "指出", "感叹", "抱怨", "回忆", "讲述", "插话"}

// speaker reports a tail that names a person and quotes them at once
// (村民说, 业主无奈地表示), with no act in between.
func speaker(tail string) bool {
	for _, v := range speakerVerbs {
		i := cjk.Index(tail, v)
		if i < 0 || utf8.RuneCountInString(tail[:i]) > 6 {
			continue
		}
		if !containsAny(tail[:i], []string{"来", "到", "访", "向", "找", "打", "拨"}) {
			return true
		}
	}
	return false
}

// trimPrefixes removes the first of words that opens s.
func trimPrefixes(s string, words ...string) string {
	if w, ok := hasAnyPrefix(s, words); ok {
		return s[len(w):]
	}
	return s
}

// staffNouns after a count name officials, respondents or others who are
// not the petitioning group: 3名包工头, 12名执行干警.
var staffNouns = []string{"负责人", "官兵", "消防官兵", "消防员", "消防队员", "救援人员", "武警", "特警", "干部", "官员", "政府官员", "政府工作", "领导", "工作人员", "民警", "警力", "干警", "执行干警", "执行人员", "公安", "警察", "法官", "执法人员", "律师", "记者", "包工头", "被告",
	"老板", "开发商", "企业", "公司", "被执行人", "嫌疑人", "犯罪嫌疑人", "工作组", "调解员", "网格员", "党员", "志愿者",
	"人大代表", "政协委员", "专家", "队员", "城管", "协警", "辅警", "代办员", "机关",
	"信访代办", "代办人员", "代理员", "公职人员", "工作队", "服务队", "监理", "施工员", "管理人员", "项目经理",
	"身穿", "迷彩", "黑衣", "防暴警", "全副武装", "打手", "黑社会", "保安人员", "不明身份", "外地人", "社会人员", "闲散人员", "拆迁队", "拆迁人员", "强拆人员", "施工人员", "执行局干警", "法警", "执行局"}

// staffBefore a count say it counts staff sent out: 出动执法人员12名.
var staffBefore = []string{"出动", "抽调", "派出", "选派", "推选", "选出", "约谈", "拘传", "拘留", "传唤", "抓获", "刑拘", "逮捕", "抓了", "抓走", "判处", "组建", "成立", "配备", "可安置", "规划入住", "可容纳", "容纳", "设计",
	"执法人员", "工作人员", "干警", "民警", "控告", "状告", "服务于", "服务周边", "服务周围", "负责周边", "负责附近", "供着", "供应着", "吸纳", "带动就业", "出警", "限高令", "限制高消费", "失信"}

// busyPhrases after a count say the people were doing something else:
// 工地上几十名工人照常施工.
var busyPhrases = []string{"照常", "正常施工", "正在施工", "在施工", "施工作业", "清扫", "打扫", "在岗", "值班", "加班加点",
	"连夜施工", "进场施工", "作业", "巡逻", "参加", "参与", "参会", "出席", "受训", "培训", "跳广场舞",
	"跳舞", "起舞", "随着音乐", "唱歌", "健身", "锻炼", "晨练", "晨运", "打太极", "太极拳", "遛狗", "打麻将", "喝酒", "吃烧烤", "就餐", "打牌", "居住", "常住", "人口", "入住", "上班", "上下班", "就业", "看热闹", "围观"}

// victimWords near a count say the people are the ones the matter is about.
var victimWords = []string{"欠", "讨", "工资", "工钱", "反映", "来访", "上访", "聚集", "维权", "被", "没", "未", "要求", "补偿",
	"拿不到", "等待", "交房"}

// notPetitioners reports a count that is not of the people concerned:
// staff and respondents, a policy condition (三人以上家庭), or people doing
// something else.
func notPetitioners(s string, n number, unit, after string, unitEnd int) bool {
	after = strings.TrimLeft(after, " ")
	if strings.HasPrefix(after, "以上") || strings.HasPrefix(after, "以下") || strings.HasPrefix(after, "及以上") || strings.HasPrefix(after, "左右的家庭") {
		return true
	}
	// 凑不成一个班（够20人）: a number a rule asks for.
	if _, ok := hasAnySuffix(before(s, n.start, 2), []string{"够", "凑够", "凑齐", "凑足"}); ok {
		return true
	}
	// 10名厅处级干部: a rank may stand before the staff noun.
	if _, ok := hasAnyPrefix(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(after, "厅"), "处"), "科"), []string{"级干部", "级领导", "级官员"}); ok {
		return true
	}
	// 35名持证专家: a qualifier may stand before the staff noun.
	if _, ok := hasAnyPrefix(after, staffNouns); ok {
		return true
	} else if q, ok := hasAnyPrefix(after, []string{"持证", "专职", "兼职", "资深", "执业", "在职", "驻村", "驻点"}); ok {
		if _, ok := hasAnyPrefix(after[len(q):], staffNouns); ok {
			return true
		}
	}
	// 市区60多万人当中: a place's population (全县30万人口 is a statistic,
	// isAggregateCount).
	if _, ok := hasAnyPrefix(after, []string{"当中", "之中", "中，", "中,", "居民中", "的城市", "的县城"}); ok && n.value >= 1000 &&
		containsAny(clauseBefore(s, n.start, 6), []string{"市区", "城区", "全市", "全县", "全旗", "全省", "全国", "该市", "该县", "全区", "总人口"}) {
		return true
	}
	// 项目经理召集50余人手持铁棍打向农民工: the other side's men.
	if pre := clauseBefore(s, n.start, 12); containsAny(pre, []string{"召集", "纠集", "雇来", "雇了", "雇佣", "叫来", "喊来", "带来"}) &&
		containsAny(pre, []string{"经理", "老板", "开发商", "包工头", "公司", "项目部", "拆迁办", "村干部", "书记", "主任", "对方"}) {
		return true
	}
	// 3名工人受伤, 2人遇难: the hurt of an accident or a clash, not the
	// people petitioning.
	if _, ok := hasAnyPrefix(strings.TrimLeft(trimPrefixes(after, "农民工", "民工", "工人", "村民", "群众", "业主", "职工"), "也都"), []string{"受伤", "受重伤", "受轻伤", "轻伤", "重伤", "遇难", "死亡", "身亡", "被困", "被埋", "伤亡", "当场死亡"}); ok {
		return true
	}
	// 16名村组干部, 3名乡镇领导: the level of the post before it.
	if lvl, ok := hasAnyPrefix(after, []string{"村组", "村两委", "两委", "乡镇", "镇村", "村级", "村委", "基层", "县乡", "县级", "乡级", "镇级", "镇", "乡", "村"}); ok {
		if _, ok := hasAnyPrefix(after[len(lvl):], []string{"干部", "领导", "官员", "工作人员", "党员干部", "负责人"}); ok {
			return true
		}
	}
	// 塔吊下围了上百名群众: onlookers.
	if strings.HasPrefix(after, "群众") || strings.HasPrefix(after, "路人") || strings.HasPrefix(after, "市民") {
		if _, ok := hasAnySuffix(clauseBefore(s, n.start, 4), []string{"围了", "围着", "围观", "吸引了", "引来"}); ok {
			return true
		}
	}
	// 党纪政纪处分6人, 移送司法机关1人, 问责3人, 58人被查处: officials
	// punished. 棚改任务1204户: a quota of households, not people.
	if _, ok := hasAnySuffix(before(s, n.start, 4), []string{"处分", "问责", "追责", "移送司法机关", "诫勉谈话", "立案审查", "留置", "任务", "任务有", "任务为", "任务共"}); ok {
		return true
	}
	if _, ok := hasAnyPrefix(after, []string{"被查处", "被处分", "被问责", "被追责", "被移送", "被立案审查", "被留置", "被党纪"}); ok {
		return true
	}
	// 一梯两户, 一层四户: how a building is laid out, not people.
	if _, ok := hasAnySuffix(before(s, n.start, 3), []string{"一梯", "每梯", "一层", "每层", "每个单元"}); ok && unit == "户" {
		return true
	}
	// 5名组织者被拘: the leaders of a group, not the group.
	if _, ok := hasAnyPrefix(after, []string{"组织者", "带头人", "牵头人", "为首者", "首要分子", "骨干"}); ok {
		return true
	}
	// 为周边数十万居民提供服务: the people a market or a firm serves.
	if cjk.Contains(clauseBefore(s, n.start, 6), "为") && containsAny(clauseAfter(s, unitEnd, 10), []string{"提供服务", "服务", "供应", "供暖", "供水"}) {
		return true
	}
	// 公司负责该小区2700余户的供暖: the customers a company serves.
	if strings.HasPrefix(after, "的") && containsAny(clauseBefore(s, n.start, 10), []string{"负责", "覆盖", "服务", "供应", "承担"}) {
		if _, ok := hasAnyPrefix(strings.TrimPrefix(after, "的"), []string{"供暖", "供热", "供水", "供电", "供气", "物业", "服务", "管理", "用水", "用电", "用气"}); ok {
			return true
		}
	}
	// 共有代办人员79名: staff named right before their count (信访代办员代
	// 18户村民反映 counts the villagers).
	if _, ok := hasAnySuffix(clauseBefore(s, n.start, 8), staffNouns); ok && !strings.HasSuffix(clauseBefore(s, n.start, 8), "公司") && !strings.HasSuffix(clauseBefore(s, n.start, 8), "企业") {
		return true
	}
	// 村委会召集11名村民代表开会: people called to a meeting.
	if containsAny(clauseBefore(s, n.start, 6), []string{"召集", "邀请", "组织"}) && containsAny(clauseAfter(s, unitEnd, 12), []string{"开会", "会议", "座谈", "协调会", "听证"}) {
		return true
	}
	// 二人台, 二人转: folk shows, not two people.
	if unit == "人" && n.value == 2 && (strings.HasPrefix(after, "台") || strings.HasPrefix(after, "转")) {
		return true
	}
	// 只有2000余人的村子: a population; 21个居民小区, 21个农民工工资案:
	// estates and cases.
	if _, ok := hasAnyPrefix(after, []string{"的村", "的小村", "的小区", "的社区", "的镇", "的乡"}); ok {
		return true
	}
	if strings.HasPrefix(unit, "个") {
		if _, ok := hasAnyPrefix(after, []string{"小区", "社区", "楼", "区", "点", "村"}); ok || cjk.Contains(clauseAfter(after, 0, 4), "案") {
			return true
		}
	}
	// 25户劳动保障失信企业: firms counted in 户.
	if firms := clauseAfter(after, 0, 8); strings.HasPrefix(s[unitEnd-len("户"):], "户") && containsAny(firms, []string{"企业", "公司", "单位", "商家", "工厂"}) &&
		!containsAny(firms, []string{"职工", "员工", "工人", "在", "到", "去", "门口"}) {
		return true
	}
	// 总人口约260人: the village, not a group; 使用农民工人数达5365人: a
	// workforce.
	if containsAny(clauseBefore(s, n.start, 6), staffBefore) || containsAny(clauseBefore(s, n.start, 5), []string{"人口", "用工人数", "务工人数", "工人数", "工人人数", "职工人数", "在岗", "经济成员", "组织成员"}) {
		return true
	}
	// 特警和警察来了200人: the noun of the staff before the count.
	if pre := clauseBefore(s, n.start, 8); containsAny(pre, []string{"特警", "警察", "民警", "武警", "防暴", "城管", "保安", "拆迁队", "执法人员", "工作人员"}) && !containsAny(pre, []string{"工人", "农民工", "民工", "村民", "业主", "居民", "群众", "牧民", "职工", "我们"}) {
		return true
	}
	tail := clauseAfter(s, unitEnd, 8)
	if cjk.Contains(clauseBefore(s, n.start, 4), "我们") {
		return false // 我们这718位农民分别居住在…: the petitioners themselves
	}
	if population(s, n, unitEnd) {
		return true
	}
	// 十几个村民三三两两聚集在树荫下: people at leisure, whatever follows.
	if containsAny(tail, leisureWords) {
		return true
	}
	// 九名购房人参加会议 of their 维权小组: a meeting of their own cause.
	if containsAny(tail, []string{"参加", "参与", "参会", "出席"}) && containsAny(sentenceBefore(s, n.start, 40)+clauseAfter(s, unitEnd, 16), []string{"维权", "讨薪", "上访", "信访", "群体性事件", "群体事件", "聚集", "冲突", "抗议", "游行", "静坐"}) {
		return false
	}
	// 大多无法入住: a busy word negated is the grievance, not a pastime.
	return containsAny(tail, busyPhrases) && !containsAny(tail, victimWords) && !containsAny(tail, []string{"无法", "不能", "没法", "未能"})
}

// settingWords before "有 N 人" place a count in a workplace or a
// community: 车间里共有140多名员工, 在工地劳动的农民工有8万多人.
var settingWords = []string{"车间", "厂房", "厂内", "公司里", "单位里", "厂里", "厂区", "工厂", "企业", "工地上", "工地劳动", "工地务工", "劳动的", "务工的", "工作的", "就业的", "居住的", "生活的",
	"全村", "村里", "全镇", "全乡", "全市", "全县", "全旗", "全州", "全区", "辖区", "现有",
	"班有", "班级", "全班", "全校", "学校", "年级", "一层", "每层", "一个单元", "每个单元", "楼里",
	"全栋", "整栋", "每栋", "全幢", "整幢", "每幢", "全楼", "整座", "最高峰", "高峰时", "鼎盛时"}

// population reports a count that tells how many people a place holds or
// employs rather than who the matter is about: 车间里共有140多名员工,
// 在各建设项目工地劳动的农民工有8万多人, 一村好几千人的身体. A tail
// naming the grievance (有50名工人至今未拿到工资) keeps the count.
func population(s string, n number, unitEnd int) bool {
	// 车间里共有一百二十多名职工，…只有我这三个月的工资…: the writer is
	// set apart from the workforce, whose grievance the tail is not.
	// Read only when a workplace or a grievance is near: most counts have
	// neither.
	apartRead, apartSet := false, false
	apart := func() bool {
		if !apartRead {
			apartRead = true
			apartSet = containsAny(sentenceAfter(s, unitEnd, 40), []string{"只有我", "唯独我", "就我一个", "除了我", "单单我", "偏偏我", "只有我们", "唯独我们", "只剩他们", "只剩我", "就剩我", "别人都已", "别人都结", "其他人都已", "其他人都结"})
		}
		return apartSet
	}
	// 项目上前后干过两百来号人，别人都已结清，只剩他们两个人: the site's
	// workforce, from which the writers are set apart.
	if containsAny(clauseBefore(s, n.start, 10), []string{"干过", "项目上", "工地上", "厂里", "车间", "公司里", "共有", "一共"}) && apart() {
		return true
	}
	// 仅释出103户, 新建安置房200户: homes offered or built, not households.
	if _, ok := hasAnySuffix(strings.TrimRight(clauseBefore(s, n.start, 16), "约近达了仅只共"), []string{"释出", "推出", "供应", "建成", "新建"}); ok && cjk.Contains(s[n.end:unitEnd], "户") {
		return true
	}
	if tail := sentenceAfter(s, unitEnd, 12); containsAny(tail, victimWords) && !apart() || containsAny(tail, []string{"无法", "不能", "没法", "未能", "至今", "联名", "签", "一起", "一同", "集体", "准备", "群", "召集", "号召"}) {
		return false
	}
	pre := clauseBefore(s, n.start, 16)
	if _, ok := hasAnySuffix(strings.TrimRight(pre, "约近达好"), []string{"一村", "一个村"}); ok {
		return true
	}
	// 我们小区一共住着一千多户: the estate's households, not a group; 板房里
	// 住着上百户拆迁户 are the people moved out, who are.
	if _, ok := hasAnySuffix(strings.TrimRight(pre, "约近达"), []string{"住着", "住了", "居住着", "生活着", "住有"}); ok {
		_, moved := hasAnyPrefix(s[unitEnd:], []string{"拆迁户", "被拆迁户", "回迁户", "被征收户", "安置户", "过渡户", "失地"})
		return !moved
	}
	if _, ok := hasAnySuffix(strings.TrimRight(pre, "约近达"), []string{"共有", "有", "现有", "总共"}); !ok {
		return false
	}
	// 我村…全村有61户: the writers speak for the whole village, whose
	// households are the group.
	return containsAny(pre, settingWords) && (!cjk.Contains(pre, "我们") && !ownPlace(s[:n.start]) || apart())
}

// ownPlace reports text in which the writers name their own village or
// estate (我村, 本村, 我北腰村, 我们小区).
func ownPlace(s string) bool {
	for i := 0; ; {
		j := cjk.Index(s[i:], "我")
		if j < 0 {
			return cjk.Contains(s, "本村")
		}
		i += j + len("我")
		if containsAny(clauseAfter(s, i, 6), []string{"村", "小区", "厂"}) {
			return true
		}
	}
}

// cameToBePaid reports a group's visit told with the pay it took home (来到
// 人社局…高兴地拿到了被拖欠的工资): a payment, not a petition. 没有拿到
// is not, nor 包工头在拿到了全部工程款后, another's taking.
func cameToBePaid(after string) bool {
	return containsAny(after, moneyReceived) && anyOccurrence(after, []string{"领取", "领到", "拿到", "领回", "签收"}, func(start, _ int) bool {
		pre := clauseBefore(after, start, 12)
		// 从执法人员手中领到: who hands the money over is no taker.
		if i := strings.LastIndex(pre, "从"); i >= 0 {
			pre = pre[:i]
		}
		return !containsAny(before(after, start, 2), []string{"没", "未", "不", "无", "能"}) &&
			!containsAny(pre, officialActors) && !containsAny(pre, []string{"包工头", "工头", "老板", "老闆", "包工頭", "某", "他", "她"})
	})
}

// groupOfRepresentatives reports a count of representatives who act
// themselves (二三百名工人代表向…部门反映), not people who chose one.
func groupOfRepresentatives(tail string) bool {
	i := cjk.Index(tail, "代表")
	return i >= 0 && !containsAny(tail[:i], []string{"推选", "委托", "选出", "派", "推举"}) &&
		utf8.RuneCountInString(strings.TrimLeft(tail[:i], "农民工业主村民居民职工工人牧民户")) == 0
}

// petitionsOffice reports a clause that says people took the matter to an
// office themselves: 向区劳动保障部门反映, 向市政府讨说法.
func petitionsOffice(tail string) bool {
	i := cjk.Index(tail, "向")
	if i < 0 {
		return false
	}
	rest := clauseAfter(tail, i+len("向"), 20)
	for _, o := range offices {
		if j := cjk.Index(rest, o); j >= 0 && containsAny(rest[j:], []string{"反映", "投诉", "上访", "讨要", "讨说法", "求助", "请愿", "讨薪", "报案", "举报"}) {
			return true
		}
	}
	return false
}

// goVerbs and offices: 等19人便到桑植县人力资源和社会保障局.
var (
	goVerbs = []string{"到", "前往", "来到", "赶到", "赶往", "奔赴", "去", "走进", "踏进"}
	offices = []string{"局", "政府", "信访", "委", "法院", "项目部", "售楼", "指挥部", "办事处", "人力资源", "监察", "大队", "支队", "中队", "部门", "单位",
		"调处中心", "接待中心", "服务中心", "接访中心", "公司总部", "使馆", "领事馆", "拆迁办", "征收办", "街道办", "派出所", "检察院", "人大",
		"法庭", "司法所", "法律援助", "工会", "综治中心", "调解中心", "矛调中心", "保障所", "劳动站", "内政部", "监察院", "立法院", "行政院"}
)

// goesToOffice reports a clause that says people went to an office.
func goesToOffice(tail string) bool {
	// 到法院领取工资 is collecting pay, not petitioning.
	for _, w := range []string{"领取", "领到", "拿到", "领工资", "签字", "签约", "办理", "参加", "接受", "起诉", "诉至", "诉到", "申请执行", "仲裁"} {
		// 还未拿到工资，找到了镇政府: pay not collected is the grievance.
		if i := cjk.Index(tail, w); i >= 0 && !containsAny(before(tail, i, 2), []string{"未", "没", "不"}) {
			return false
		}
	}
	// 来到某装饰公司讨要工钱, 多次到承包人家讨要工资: to an employer or a
	// debtor, to demand what is owed; 得到/收到/找到 are no going there;
	// 三十多名员工跟他一样，几次到公司讨要 go each on his own.
	eachOnOwn := containsAny(tail, []string{"一样", "各自", "分别", "有的", "轮流"})
	// 将感谢锦旗送到了县劳动监察大队: thanks brought, not a grievance.
	if containsAny(tail, []string{"锦旗", "感谢信", "表扬信", "致谢"}) {
		return false
	}
	return anyOccurrence(tail, goVerbs, func(start, end int) bool {
		v := tail[start:end]
		if v == "去" && (strings.HasPrefix(tail[end:], "年") || containsAny(before(tail, start, 1), []string{"过", "失", "除", "死"})) {
			return false // 去年, 过去采用单位自建锅炉, 失去: no going
		}
		// 工资款汇到法院指定的账户: money sent there, not people.
		if v == "到" && containsAny(before(tail, start, 1), []string{"汇", "寄", "存", "划", "拨"}) {
			return false
		}
		dest := clauseAfterList(tail, end, 14)
		if containsAny(dest, offices) {
			return true
		}
		if v == "到" && containsAny(before(tail, start, 1), []string{"得", "收", "受", "找", "遇", "想", "感", "达", "直", "拿", "领", "听", "看", "做", "办", "提", "报", "转", "送", "迟", "等", "落", "用"}) {
			return false
		}
		return containsAny(dest, demandVerbs) && !eachOnOwn
	})
}

// anyOccurrence reports whether ok holds at some occurrence of one of words
// in s; ok is given the byte offsets where that occurrence starts and ends.
func anyOccurrence(s string, words []string, ok func(start, end int) bool) bool {
	b := cjk.BytesOf(s)
	for _, w := range words {
		if !b.MayHold(w) {
			continue
		}
		for from := 0; ; {
			i := cjk.Index(s[from:], w)
			if i < 0 {
				break
			}
			start := from + i
			from = start + len(w)
			if ok(start, from) {
				return true
			}
		}
	}
	return false
}

// sameSubjectOpeners open a clause whose subject is left out because it is
// the previous clause's: 二十多名瓦工找不到老板，一直到包工头家讨要.
var sameSubjectOpeners = []string{"一起", "一同", "一块", "集体", "这几天", "一直", "又", "便", "就", "于是", "只好", "只能", "先后", "多次", "再次",
	"随后", "然后", "都", "也", "遂", "还", "曾", "纷纷", "相继", "连日",
	"找到", "来到", "前往", "赶到", "赶往", "到了", "向",
	// 近百名劳工，今天早上前往劳工局陈情: a time, then what they did.
	"今天早上", "今天上午", "今天下午", "今日上午", "昨天上午", "昨天下午", "昨日上午", "昨日下午", "当天上午", "当天下午"}

// demandVerbs after going somewhere make the going a demand for what is
// owed: 到老板家讨要工资, 来到公司讨说法.
var demandVerbs = []string{"讨要", "讨薪", "讨说法", "要钱", "要工钱", "讨工钱", "讨债", "维权", "索要", "讨还", "要工资", "要账", "讨个说法", "要说法", "陈情", "抗议"}

// togetherPhrases after a count of households say they came together.
var togetherPhrases = []string{"一起来到", "一起来", "一同来", "一起到", "一同到", "集体到", "集体来", "集体上访", "一起去"}

// visitPhrases after a count say the group came in person.
var visitPhrases = []string{"到派出所", "来到派出所", "到劳动监察", "到人社", "到住建", "到项目部", "到售楼", "报警", "一同来访", "一起来访", "一同到", "一起到", "来访", "集体到", "前来", "到信访", "到市信访", "到旗信访",
	"到县信访", "到区信访", "到盟信访", "信访局", "到政府", "到旗政府", "到市政府", "到县政府", "到区政府", "到盟政府", "上访",
	// 带着200名农民工踏上讨薪之路: the counted group set out together.
	"踏上讨薪之路", "踏上了讨薪之路", "踏上艰难讨薪之路", "踏上艰难的讨薪之路", "踏上维权之路", "踏上了维权之路", "踏上上访之路", "踏上了上访之路"}

// repeat reads how many times the matter was petitioned: 第三次来访,
// 反映过四次, 十几趟.
func (f *figures) repeat(s string, n number) {
	rest := after(s, n)
	unit, ok := hasAnyPrefix(rest, []string{"次", "趟", "回", "封"})
	if !ok || !isInt(n.value) || n.value < 2 || n.value > 50 { // 累计投诉500余次 counts many people's complaints
		return
	}
	ordinal := strings.HasSuffix(before(s, n.start, 1), "第")
	start := n.start
	if ordinal {
		start -= len("第")
	}
	end := n.end + len(unit)
	ctx := clauseBefore(s, start, 8) + "|" + clauseAfter(s, end, 10)
	// 第三回了 alone counts; 第50次会议 and 两次 without a petition verb do not.
	bareOrdinal := ordinal && (strings.HasPrefix(clauseAfter(s, end, 2), "了") || clauseAfter(s, end, 1) == "")
	if !bareOrdinal && !containsAny(ctx, petitionVerbs) || containsAny(ctx, []string{"邻居", "敲门", "楼上", "对门"}) || officialActs(s, start) {
		return
	}
	// 先后2次深入信访局接访大厅现场接访, 3次主持召开座谈会: an official's
	// rounds, not a petitioner's.
	if containsAny(clauseAfter(s, end, 10), officialRounds) {
		return
	}
	if int(n.value) > f.repeats {
		f.repeats = int(n.value)
		verb := "反映"
		for _, v := range []string{"来访", "上访", "写信", "来电", "投诉", "反映"} {
			if cjk.Contains(ctx, v) {
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

// officialRounds after a count of times make them an official's: receiving
// petitioners, inspecting, chairing.
var officialRounds = []string{"接访", "接待来访", "调研", "深入", "主持", "督导", "督办", "走访", "下访", "约访", "包案", "入户", "回访"}

// sentenceAfter returns up to k runes after byte i, stopping at the end of
// the sentence (commas do not stop it).
func sentenceAfter(s string, i, k int) string {
	j := i
	for ; k > 0 && j < len(s); k-- {
		r, w := utf8.DecodeRuneInString(s[j:])
		if isSentenceEnd(r) {
			break
		}
		j += w
	}
	return s[i:j]
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
