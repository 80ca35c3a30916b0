package xinfang

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names in free text. A name is recognised after the words that introduce a
// person (本人, 举报人, 来访人, 我叫, 包工头, 老板, 负责人…) when it starts with a
// family name; it is masked to the family name and stars (张**). A name
// of the 某 form (赵某某) is already anonymous.

// nameCues are the words that introduce a person's name.
var nameCues = newCueSet("本人", "举报人", "来访人", "反映人", "信访人", "投诉人", "申请人", "上访人", "求助人", "来信人", "来电人", "联系人", "代理人", "当事人", "委托人", "我叫", "名叫", "叫做", "姓名", "签名", "署名", "具名",
	"包工头", "工头", "老板", "负责人", "法定代表人", "法人代表", "法人", "项目经理", "经理", "承包人", "承包商", "分包人", "个体户", "房东",
	"村主任", "村支书", "支书", "书记", "村长", "队长", "班长", "组长", "会计", "出纳", "主任", "局长", "科长", "所长", "镇长", "乡长", "县长", "站长", "厂长", "校长", "院长", "董事长", "总经理", "老总")

// nameCueSeparators may stand between a cue and the name (举报人：张三).
const nameCueSeparators = "：: \t，,、是为叫系即（("

// cueSet finds words in a text: the words by their first rune, longest
// first, so that one pass over the runes finds them all.
type cueSet map[rune][]string

func newCueSet(words ...string) cueSet {
	c := cueSet{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		c[r] = append(c[r], w)
	}
	for _, ws := range c {
		slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	}
	return c
}

// find calls f with the end of each cue found in s, from the left; f
// returns where to go on from (at least the end it was given).
func (c cueSet) find(s string, f func(end int) int) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		for _, w := range c[r] {
			if strings.HasPrefix(s[i:], w) {
				next = f(i + len(w))
				break
			}
		}
		i = next
	}
}

// skipSeparators returns at moved past up to max runes of seps.
func skipSeparators(s string, at, max int, seps string) int {
	for k := 0; k < max && at < len(s); k++ {
		r, size := utf8.DecodeRuneInString(s[at:])
		if !strings.ContainsRune(seps, r) {
			break
		}
		at += size
	}
	return at
}

// surnames are the single-character family names of about 99% of the
// population; 于, 向, 关, 单, 商 and 路 are left out, being far more often
// the first character of a word (关于, 单位).
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤易常乔赖文庞樊兰殷施洪翟安颜倪牛温芦季俞章鲁葛伍申尤毕聂丛焦柴包司岳齐邢祝冉甘鞠鲍蓝柳麦佟卜苗宁仲纪景郎吉阎牟霍云宫奚左甄寇栾盛辛靳耿骆屠宗卓桑谷荣艾阮符柏凌滕储裴房晏茅项邬廉饶卫秋岑苑阙钮苟卞欧尚佘曲谈邝隋习戚巫晋庄屈简池边扈燕冷鄢凤闻钦贝喻舒蔺荀仇虞粟党涂蒲郁冀练冼井游危裘阳缪丰邸"

// compoundSurnames are two-character family names.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "令狐", "皇甫", "尉迟", "公孙", "慕容", "夏侯", "长孙", "宇文", "司徒", "端木"}

// nameFollow are the characters that may follow a name in a sentence:
// punctuation, and the first characters of the verbs, particles and nouns
// that come after one (反映, 称, 于, 拖欠, 跑路, 身份证, 电话…). A candidate
// name not followed by one of them is taken for an ordinary word.
const nameFollow = "，,。.；;：:、！!？?）)（(“”\"' \t\n反投举称说讲表于在因等向到来去的男女身电手联住家现系是今年带拖欠共多再及和与同一本之老经先师夫承负雇招组开名个户要请诉至拒迟仍未没不跑失卷逃躲以把将让给对被答已曾也都还就又并却才只所为从自当等"

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// maskNames masks the names that follow a cue.
func maskNames(s string) string {
	var b strings.Builder
	last := 0
	nameCues.find(s, func(end int) int {
		at := skipSeparators(s, end, 2, nameCueSeparators)
		n := nameLen(s[at:])
		if n == 0 {
			return end
		}
		b.WriteString(s[last:at])
		b.WriteString(MaskName(s[at : at+n]))
		last = at + n
		return last
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// nameLen returns the byte length of the personal name at the start of s,
// 0 when none: a family name and one or two given characters, followed by
// what may follow a name.
func nameLen(s string) int {
	fam := 0
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			fam = len(c)
			break
		}
	}
	if fam == 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !strings.ContainsRune(surnames, r) {
			return 0
		}
		fam = size
	}
	// Two given characters, else one, when what follows may follow a name.
	for given := 2; given >= 1; given-- {
		n := fam
		ok := true
		for k := 0; k < given; k++ {
			r, size := utf8.DecodeRuneInString(s[n:])
			if !isHan(r) || r == '某' || (k == 0 && strings.ContainsRune("先女老小姓氏", r)) {
				ok = false
				break
			}
			n += size
		}
		if !ok {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[n:]); n == len(s) || strings.ContainsRune(nameFollow, next) {
			return n
		}
	}
	return 0
}

// looksLikeName reports whether s is a bare personal name: two to four Han
// characters starting with a family name.
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || strings.ContainsRune(s, '某') || strings.ContainsRune(s, '*') {
		return false
	}
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return nameLen(s) == len(s)
}

// Addresses in free text: after 住址/家住/住在 the address is cut below the
// district like MaskAddress, and house numbers anywhere (3号楼2单元501室,
// 胜利路12号) lose their digits.

// addressCues introduce a home address.
var addressCues = newCueSet("住址", "家住", "住在", "现住", "居住在", "居住于", "家庭住址", "户籍地址", "户籍地", "地址")

// houseUnits follow the number of a building, entrance or flat; a number
// ending in 号 is a house number after one of streetUnits.
var (
	houseUnits  = []string{"号楼", "号院", "单元", "室"}
	streetUnits = "路街巷道里弄同组队"
)

func maskAddresses(s string) string {
	var b strings.Builder
	last := 0
	addressCues.find(s, func(end int) int {
		if strings.HasSuffix(s[:end], "家住") && strings.HasPrefix(s[end:], "户") {
			return end // 27家住户: households, not a home address
		}
		from := skipSeparators(s, end, 2, "：: 为是")
		to := from
		for to < len(s) {
			r, size := utf8.DecodeRuneInString(s[to:])
			if !(isHan(r) || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '#') || digitValue(r) >= 0) {
				break
			}
			if peopleCountAt(s, to) {
				// 住在危窑中的7户村民: the address ended before a count of
				// people.
				break
			}
			to += size
		}
		to = from + len(strings.TrimSuffix(s[from:to], "的"))
		if to == from {
			return end
		}
		b.WriteString(s[last:from])
		b.WriteString(MaskAddress(s[from:to]))
		last = to
		return to
	})
	if last > 0 {
		b.WriteString(s[last:])
		s = b.String()
	}
	return maskHouseNumbers(s)
}

// peopleCountAt reports a count of people or households starting at byte
// i: 7户, 十几位, 20名 (house numbers end in 号, 栋, 单元 or 室).
func peopleCountAt(s string, i int) bool {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsDigit(r) && digitValue(r) < 0 && !strings.ContainsRune("十百千几多余", r) {
			break
		}
		j += size
	}
	if j == i {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsDigit(r) || digitValue(r) >= 0 {
		return false // inside a number
	}
	for _, u := range []string{"户", "名", "位", "人", "个人"} {
		if strings.HasPrefix(s[j:], u) {
			return true
		}
	}
	return false
}

// maskHouseNumbers stars the digits of 3号楼2单元501室 and 胜利路18号.
func maskHouseNumbers(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHouseDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isHouseDigit(r) {
				break
			}
			j += size
		}
		if isHouseNumber(s, i, j) {
			b.WriteString(s[last:i])
			b.WriteString(strings.Repeat("*", utf8.RuneCountInString(s[i:j])))
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isHouseDigit(r rune) bool { return digitValue(r) >= 0 || r == '十' || r == '百' }

// isHouseNumber reports whether the number s[i:j] numbers a building,
// entrance, flat or house.
func isHouseNumber(s string, i, j int) bool {
	for _, u := range houseUnits {
		if strings.HasPrefix(s[j:], u) {
			return true
		}
	}
	// 3栋2单元 is an address, 3栋楼 a count of buildings.
	for _, u := range []string{"栋", "幢"} {
		if rest, ok := strings.CutPrefix(s[j:], u); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return isHouseDigit(r) || r == '-'
		}
	}
	if !strings.HasPrefix(s[j:], "号") || i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return strings.ContainsRune(streetUnits, prev)
}
