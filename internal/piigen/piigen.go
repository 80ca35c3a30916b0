// Package piigen generates personal data written the many ways people write
// it (numbers grouped and separated at will, in full-width or Chinese
// digits, with zero-width characters; landlines with area codes; ID numbers
// in groups, with X or a wrong check digit; names after the words that
// introduce a person; addresses down to the flat), embedded in petition
// sentences, for tests that no raw value gets through masking. Session 7
// added the forms of issue 11's held-out check: numbers over line breaks,
// in comma groups, with 0086, in financial numerals, circled digits or
// with letters typed for digits (l39OOOO…); landlines with an extension;
// QQ and WeChat IDs, e-mail addresses, bank cards and licence plates; ID
// numbers over a line break or given in two parts; flats written 3-2-501,
// 12栋3门401, B座1203; names without a common family name (巴特尔,
// 阿依古丽·买买提, 于海波), partly hidden (张某伟), after 家属, 经办人,
// 我是, 姓X名, and opening a sentence before 反映. Session 12 added names
// after a word for a person by role or kin (村民, 原告, 63岁的, 户名：), in
// lists joined by 、, after the cue words of letters and court papers
// (发件人, 申诉人, 落款), and before a title word (王建国同志, 张海峰经理).
//
// Every value is synthetic: mobiles carry 0000 as digits 4–7, ID numbers
// are random and most have a wrong check digit.
package piigen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// Variant is one sentence holding one piece of personal data.
type Variant struct {
	Kind string // mobile, landline, local, id, name, address
	Text string
	// Raw are the values that must not survive masking: digit strings (to
	// be compared with Fold of the output) or names and house numbers as
	// written.
	Raw []string
	// Person is the whole name of a name variant, as a record's field
	// would hold it (the text may show only the given name: 姓王名建国).
	Person string
}

// Generator makes variants from a seed; the same seed gives the same ones.
type Generator struct{ r *rand.Rand }

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *Generator) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *Generator) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// Variants returns n variants of all kinds.
func (g *Generator) Variants(n int) []Variant {
	out := make([]Variant, n)
	makers := []func() Variant{g.Mobile, g.Mobile, g.Landline, g.Local, g.ID, g.Name, g.Name, g.Address}
	for i := range out {
		out[i] = makers[i%len(makers)]()
	}
	return out
}

var separators = []string{" ", "-", ".", "\u200b", "－", "·", " - ", "\u3000", "—", "\u00a0", "．", " . ", "\u2060", "_", "/"}

var cnDigits = [][]string{
	{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
	{"零", "幺", "二", "三", "四", "五", "六", "七", "八", "九"},
}

var (
	financialDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	circledDigits   = []string{"⓪", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"}
)

// write renders ASCII digits in a script: ASCII, full width, Chinese,
// financial or circled numerals, or ASCII with letters typed for 0 and 1.
func (g *Generator) write(d string) string {
	switch g.r.IntN(9) {
	case 6, 7:
		set := financialDigits
		if g.r.IntN(2) == 0 {
			set = circledDigits
		}
		var b strings.Builder
		for _, c := range d {
			if c >= '0' && c <= '9' {
				b.WriteString(set[c-'0'])
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	case 8:
		// O for 0 and l or I for 1, where a digit stands next to them.
		rs := []rune(d)
		out := []rune(d)
		for i, c := range rs {
			near := i > 0 && rs[i-1] >= '2' && rs[i-1] <= '9' || i+1 < len(rs) && rs[i+1] >= '2' && rs[i+1] <= '9'
			if !near || g.r.IntN(2) == 0 {
				continue
			}
			switch c {
			case '0':
				out[i] = 'O'
			case '1':
				out[i] = []rune("lI")[g.r.IntN(2)]
			}
		}
		return string(out)
	}
	switch g.r.IntN(6) {
	case 0:
		var b strings.Builder
		for _, c := range d {
			if c >= '0' && c <= '9' {
				c = '０' + (c - '0')
			}
			b.WriteRune(c)
		}
		return b.String()
	case 1:
		set := cnDigits[g.r.IntN(2)]
		var b strings.Builder
		for _, c := range d {
			if c >= '0' && c <= '9' {
				b.WriteString(set[c-'0'])
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	return d
}

// grouped writes d split into groups of the given sizes, joined by one
// separator (or, sometimes, a different one each time).
func (g *Generator) grouped(d string, sizes []int) string {
	sep := g.pick(separators)
	mixed := g.r.IntN(4) == 0
	var parts []string
	for _, n := range sizes {
		parts = append(parts, g.write(d[:n]))
		d = d[n:]
	}
	if d != "" {
		parts = append(parts, g.write(d))
	}
	if !mixed {
		return strings.Join(parts, sep)
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(g.pick(separators))
		}
		b.WriteString(p)
	}
	return b.String()
}

// groupedWith writes d split into groups of the given sizes joined by sep.
func (g *Generator) groupedWith(d string, sizes []int, sep string) string {
	var parts []string
	for _, n := range sizes {
		parts = append(parts, g.write(d[:n]))
		d = d[n:]
	}
	if d != "" {
		parts = append(parts, g.write(d))
	}
	return strings.Join(parts, sep)
}

var numberFrames = []string{
	"联系电话：%s。", "有事请打%s找我", "我的手机是%s，二十四小时开机", "电话 %s 反映工资被拖欠",
	"举报电话%s（白天）", "请回电%s。", "联系方式%s；地址不详", "号码%s，多次拨打无人接听", "本人电话%s 希望尽快处理",
	"，%s，", "call %s please", "微信同号%s",
}

// Mobile is a mobile number.
func (g *Generator) Mobile() Variant {
	d := "1" + string(rune('3'+g.r.IntN(7))) + g.digits(1) + "0000" + g.digits(4)
	layouts := [][]int{{3, 4, 4}, {3, 8}, {11}, {4, 4}, {3, 3, 5}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {3, 4}, {7}}
	var w string
	if g.r.IntN(4) == 0 {
		// A line break, a comma or a tilde between groups.
		sizes := g.pick2([][]int{{3, 4, 4}, {7}, {3, 8}, {4, 4}})
		w = g.groupedWith(d, sizes, g.pick([]string{"\n", "\r\n", "，", ",", "~", "～", " \n"}))
	} else {
		w = g.grouped(d, g.pick2(layouts))
	}
	switch g.r.IntN(8) {
	case 0:
		w = "+86 " + w
	case 1:
		w = "86-" + w
	case 2:
		w = "（+86）" + w
	case 3:
		w = g.pick([]string{"0086 ", "0086-", "0086"}) + w
	}
	return Variant{Kind: "mobile", Text: fmt.Sprintf(g.pick(numberFrames), w), Raw: []string{d}}
}

func (g *Generator) pick2(l [][]int) []int { return l[g.r.IntN(len(l))] }

var areaCodes = []string{"0471", "0472", "0473", "0474", "0475", "0476", "0477", "0478", "0479", "0470", "0482", "0483", "010", "021", "024", "029"}

// Landline is a number with its area code.
func (g *Generator) Landline() Variant {
	area := g.pick(areaCodes)
	local := string(rune('2'+g.r.IntN(7))) + g.digits(6+g.r.IntN(2))
	var w string
	switch g.r.IntN(7) {
	case 0:
		w = area + "-" + local
	case 1:
		w = "（" + area + "）" + local
	case 2:
		w = "(" + area + ") " + g.grouped(local, []int{3})
	case 3:
		w = area + local
	case 4:
		w = g.grouped(area+local, []int{len(area), 3})
	case 5:
		w = g.write(area) + g.pick(separators) + g.write(local)
	default:
		w = area + "—" + local
	}
	if g.r.IntN(4) == 0 {
		w += g.pick([]string{"转", "转分机", "-"}) + g.digits(3+g.r.IntN(2))
	}
	return Variant{Kind: "landline", Text: fmt.Sprintf(g.pick(numberFrames), w), Raw: []string{area + local, local}}
}

// Local is a local number without area code after a phone keyword, or
// (half the time) another contact: QQ, WeChat, e-mail, bank card, plate.
func (g *Generator) Local() Variant {
	if g.r.IntN(2) == 0 {
		return g.Contact()
	}
	local := string(rune('2'+g.r.IntN(7))) + g.digits(6+g.r.IntN(2))
	kw := g.pick([]string{"电话", "座机", "家里电话：", "单位电话 ", "联系电话:", "固话号码", "Tel: "})
	return Variant{Kind: "local", Text: kw + g.grouped(local, []int{3}) + "，请转告。", Raw: []string{local}}
}

// latin are the letters of invented WeChat IDs and e-mail addresses.
const latin = "abcdefghijkmnpqrstuvwxyz"

func (g *Generator) word(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(latin[g.r.IntN(len(latin))])
	}
	return b.String()
}

// Contact is a QQ number, WeChat ID, e-mail address, bank card, licence
// plate, document number (passport, travel permit, Hong Kong or Taiwan
// identity card) or another app's account.
func (g *Generator) Contact() Variant {
	switch g.r.IntN(7) {
	case 5:
		// A passport, a travel permit, or a Hong Kong or Taiwan identity
		// card (session 12): a letter and digits, a check digit in brackets.
		letters := "CEGHKMRPF"
		num := string(letters[g.r.IntN(len(letters))]) + g.digits(8)
		kw := g.pick([]string{"护照号码：", "护照号", "港澳通行证", "台胞证号", "身分證字號", "證件號碼：", "居留证"})
		if g.r.IntN(3) == 0 {
			num = string(letters[g.r.IntN(len(letters))]) + g.digits(6) + "(" + g.digits(1) + ")"
			kw = g.pick([]string{"香港身份证号码", "香港身份證", "身份证号码："})
		}
		return Variant{Kind: "document", Text: kw + num + "，请核实。", Raw: []string{num[1:]}}
	case 6:
		id := g.word(2+g.r.IntN(4)) + g.pick([]string{"_", ""}) + g.digits(3+g.r.IntN(3))
		kw := g.pick([]string{"抖音号：", "快手号 ", "微博：", "抖音号"})
		return Variant{Kind: "account", Text: kw + id + "，工资的事情请联系。", Raw: []string{id}}
	case 0:
		qq := string(rune('1'+g.r.IntN(9))) + g.digits(6+g.r.IntN(4))
		kw := g.pick([]string{"QQ：", "QQ号", "qq ", "扣扣", "我的QQ是"})
		return Variant{Kind: "qq", Text: kw + g.grouped(qq, []int{len(qq)}) + "，请加好友。", Raw: []string{qq}}
	case 1:
		id := g.word(1) + g.word(3+g.r.IntN(4)) + g.pick([]string{"_", "-", ""}) + g.digits(2+g.r.IntN(3))
		kw := g.pick([]string{"微信号：", "微信：", "微信 ", "vx:", "wx：", "加我微信", "WeChat: "})
		return Variant{Kind: "wechat", Text: kw + id + "，工资的事情请联系。", Raw: []string{id}}
	case 2:
		local := g.word(2+g.r.IntN(5)) + g.pick([]string{".", "_", ""}) + g.word(2) + g.digits(g.r.IntN(4))
		addr := local + "@" + g.pick([]string{"163.com", "qq.com", "126.com", "sina.cn", "nm.gov.cn"})
		return Variant{Kind: "email", Text: g.pick([]string{"邮箱", "可发邮件到 ", "电子邮件：", "E-mail:"}) + addr + "，请回复。", Raw: []string{addr, local}}
	case 3:
		card := g.pick([]string{"6222", "6228", "6217", "6214"}) + g.digits(12+g.r.IntN(4))
		w := g.grouped(card, []int{4, 4, 4, 4})
		if g.r.IntN(3) == 0 {
			w = card
		}
		kw := g.pick([]string{"银行卡", "工资卡号：", "农行卡号", "账号 ", "请打到我的卡上："})
		return Variant{Kind: "card", Text: kw + w + "，开户行某某支行。", Raw: []string{card}}
	}
	letters := "ABCDEFGHJKLM"
	body := string(letters[g.r.IntN(len(letters))]) + g.digits(2) + string(letters[g.r.IntN(len(letters))]) + g.digits(2)
	if g.r.IntN(2) == 0 {
		body = g.digits(5)
	}
	prov := g.pick([]string{"蒙", "京", "冀", "晋", "辽"})
	city := string(letters[g.r.IntN(len(letters))])
	plate := prov + city + g.pick([]string{"·", "", " ", "-"}) + body
	// The raw value is the plate after the province (B·15838), matched as
	// written: five digits alone are found by chance in folded answers.
	return Variant{Kind: "plate", Text: g.pick([]string{"车牌号", "车牌", "一辆"}) + plate + "的渣土车半夜拉土。", Raw: []string{strings.TrimPrefix(plate, prov)}}
}

// ID is an ID-card number, 18 or 15 digits.
func (g *Generator) ID() Variant {
	region := "15" + g.digits(4)
	var d string
	if g.r.IntN(8) == 0 {
		d = region + fmt.Sprintf("%02d%02d%02d", 50+g.r.IntN(40), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.digits(3)
	} else {
		check := g.digits(1)
		if g.r.IntN(4) == 0 {
			check = g.pick([]string{"X", "x"})
		}
		d = region + fmt.Sprintf("%d%02d%02d", 1950+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.digits(3) + check
	}
	var w string
	switch g.r.IntN(7) {
	case 5:
		if len(d) == 18 {
			// Given in two parts: the region code, then the rest.
			head, tail := d[:6], d[6:]
			text := g.pick([]string{"身份证前六位是%s，后面是%s。", "身份证号%s，后十二位%s，", "证件号码开头%s，后面%s。"})
			return Variant{Kind: "id", Text: fmt.Sprintf(text, head, tail), Raw: []string{strings.ToUpper(tail)}}
		}
		w = d
	case 6:
		w = g.groupedWith(d, []int{6 + g.r.IntN(8)}, g.pick([]string{"\n", "\r\n", " \n"}))
	case 0:
		w = d
	case 1:
		w = g.grouped(d, []int{6, 8})
	case 2:
		w = g.grouped(d, []int{6, 4, 4})
	case 3:
		w = g.grouped(d, []int{3, 3, 4, 4})
	default:
		w = g.write(d[:len(d)-1]) + d[len(d)-1:]
	}
	frame := g.pick([]string{"身份证号%s。", "身份证号码：%s，", "证件号 %s 的", "（身份证%s）", "身份证%s反映"})
	return Variant{Kind: "id", Text: fmt.Sprintf(frame, w), Raw: []string{strings.ToUpper(d)}}
}

var (
	nameCues    = []string{"本人", "举报人", "举报人：", "来访人", "反映人", "信访人:", "我叫", "投诉人", "包工头", "老板", "负责人", "法人代表", "联系人", "申请人", "工头"}
	familyNames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "林", "何", "高", "罗", "郑", "梁", "谢", "韩", "唐", "冯", "董", "曹", "袁", "邓", "欧阳", "司马"}
	givenChars  = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志海文红玉兰春生福宝成德俊斌鹏飞龙云辉波宁晨旭东亮")
	nameAfter   = []string{"，", "反映", "称", "拖欠", "跑路了", "说", "。", "（男，", "身份证号", " ", "等人", "多次", "至今", "不接电话"}
	// personCues introduce a person by name: after them a name may lack a
	// common family name.
	personCues = []string{"联系人：", "当事人", "投诉人", "申请人", "代理人", "委托人", "家属", "经办人", "我是", "信访人", "来访人", "反映人：", "包工头", "农民工代表", "户主", "受害人"}
	// Names without a common family name: Mongolian, Tibetan and Uyghur
	// names as written in Chinese, and rarer family names.
	translitNames = []string{"巴特尔", "乌日娜", "其其格", "额尔敦巴雅尔", "斯琴高娃", "那日苏", "敖登格日勒", "宝音图", "萨仁高娃", "孟和巴特尔", "苏日娜", "额尔德木图", "阿拉坦仓", "朝鲁", "哈斯", "乌力吉", "达赖", "格根塔娜", "吉日嘎拉", "扎西次仁", "阿依古丽·买买提", "艾力·吐尔逊", "宝力道", "乌云毕力格", "阿拉腾其其格", "孟克巴雅尔", "阿不都热合曼·买买提", "阿不来提"}
	rareFamily    = []string{"于", "向", "关"}
	// roleWords name a person by role or kin before the name; roleAfter
	// follow it.
	roleWords = []string{"村民", "业主", "农民工", "居民", "工友", "被执行人", "原告", "妻子", "丈夫", "63岁的", "车主", "户名：", "牧民", "邻居", "母亲", "民警", "执行法官", "检察官", "调解员", "女婿", "前妻", "舅舅", "实际控制人", "股东"}
	roleAfter = []string{"称", "说", "反映", "介绍", "告诉记者", "，", "等人", "多次"}
	paperCues = []string{"发件人：", "留言人：", "申诉人", "报案人", "落款：", "被申请人", "欠款人：", "请求人 ", "证人：", "经手人：", "开户人", "落款：村民 "}
	// titleWords follow a full name.
	titleWords = []string{"同志", "先生", "女士", "经理", "书记", "主任", "老师", "师傅", "大姐", "律师", "局长", "队长"}
)

// Name is a personal name after a cue (or, a few times, opening a
// sentence before 反映, or as a given name after 姓X名).
func (g *Generator) Name() Variant {
	name := g.pick(familyNames)
	for range 1 + g.r.IntN(2) {
		name += string(givenChars[g.r.IntN(len(givenChars))])
	}
	lead := g.pick([]string{"", "今年三月，", "2024年5月，", "据反映，"})
	switch g.r.IntN(19) {
	case 14:
		// A given name opening with 小 (马小军), after a role word or a cue.
		name = g.pick(familyNames[:20]) + "小" + string(givenChars[g.r.IntN(len(givenChars))])
		return Variant{Kind: "name", Text: lead + g.pick([]string{"工人", "村民", "投诉人", "业主", "农民工"}) + name + g.pick([]string{"说", "反映", "，", "称"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 15:
		// After 叫 with a pronoun or a word for kin (我爸叫王德福), or three
		// names closed by their count (李大山、王二虎、赵小龙三人).
		name = g.pick(familyNames[:20]) + g.roleGiven()
		if g.r.IntN(2) == 0 {
			return Variant{Kind: "name", Text: lead + g.pick([]string{"我爸叫", "我妈叫", "他叫", "她叫", "父亲叫", "母亲叫"}) + name + "，工资问题一直没有解决。", Raw: []string{name}, Person: name}
		}
		b, c := g.pick(familyNames[:20])+g.roleGiven(), g.pick(familyNames[:20])+g.roleGiven()
		if g.r.IntN(3) == 0 {
			// Two names joined by 和 or 与, then their count (王建国和李秀英等五人).
			return Variant{Kind: "name", Text: lead + name + g.pick([]string{"和", "与"}) + b + g.pick([]string{"等五人", "等人", "夫妇", "俩兄弟"}) + "反映工资问题一直没有解决。", Raw: []string{name, b}, Person: name}
		}
		return Variant{Kind: "name", Text: lead + g.pick(roleWords) + name + "、" + b + "、" + c + g.pick([]string{"三人", "3人", "三名工人"}) + "反映工资问题一直没有解决。", Raw: []string{name, b, c}, Person: name}
	case 18:
		// A name field after a colon and the names listed with it
		// (代表姓名：色尔道、陶力德), or a name given by its sound (刘刚（音）).
		a, b := g.pick(translitNames), g.pick(familyNames[:20])+g.roleGiven()
		switch g.r.IntN(3) {
		case 0:
			return Variant{Kind: "name", Text: g.pick([]string{"代表姓名：", "留言人：", "来信人："}) + a + "、" + b + "，工资问题一直没有解决。", Raw: []string{a, b}, Person: b}
		case 1:
			// A numbered list of names (名单：1.马建华 2.高秀兰), or a
			// semicolon typed for the field's colon (姓名;谢小军 电话).
			c := g.pick(familyNames[:20]) + g.roleGiven()
			if g.r.IntN(3) == 0 {
				return Variant{Kind: "name", Text: g.pick([]string{"姓名;", "姓名；", "联系人;"}) + b + g.pick([]string{" 电话;", "；住址", " "}) + "工资问题一直没有解决。", Raw: []string{b}, Person: b}
			}
			nums := [][2]string{{"1.", " 2."}, {"1、", "；2、"}, {"（1）", "（2）"}, {"①", "，②"}}[g.r.IntN(4)]
			one, two := nums[0], nums[1]
			return Variant{Kind: "name", Text: g.pick([]string{"上访人员名单：", "申请人：", "代表名单："}) + one + b + two + c + "，工资问题一直没有解决。", Raw: []string{b, c}, Person: b}
		}
		if g.r.IntN(2) == 0 {
			// The person whose home is given first (家住东胜区某小区的郝海刚今年…).
			return Variant{Kind: "name", Text: "家住" + g.pick([]string{"东胜区", "赛罕区", "锡林浩特市", "松山区"}) + g.pick([]string{"", "富康小区", "白银库伦牧场"}) + "的" + b + g.pick([]string{"今年56岁", "怎么也想不通", "说", "告诉记者"}) + "，工资问题一直没有解决。", Raw: []string{b}, Person: b}
		}
		return Variant{Kind: "name", Text: lead + "据股东" + b + "（音）介绍，工资问题一直没有解决。", Raw: []string{b}, Person: b}
	case 16:
		if g.r.IntN(4) == 0 {
			// A full name in brackets after the way a text calls the person (老杨（杨振东）).
			fam := []rune(name)[0]
			return Variant{Kind: "name", Text: lead + g.pick([]string{"工人老", "负责人小"}) + string(fam) + "（" + name + "）" + g.pick([]string{"说", "称", "，"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
		}
		if g.r.IntN(4) == 0 {
			// A reply's bracketed or @ address of the writer (关于您（祁永红）反映的, @王丽华 你好).
			return Variant{Kind: "name", Text: g.pick([]string{"关于您（" + name + "）反映的", "@" + name + " 你好，关于你反映的", "本人（" + name + "）反映"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
		}
		if g.r.IntN(4) == 0 {
			// A full name opening a sentence before a verb of saying (…。许爱军告诉记者).
			name = g.pick(familyNames[:20]) + g.roleGiven()
			if g.r.IntN(3) == 0 {
				// Before 等 and a count (朱声远等19人).
				return Variant{Kind: "name", Text: g.pick([]string{"劳动者", "近日，", "我市"}) + name + "等" + g.pick([]string{"19人", "18位农民工", "4名民工", "人"}) + "反映工资问题一直没有解决。", Raw: []string{name}, Person: name}
			}
			if g.r.IntN(2) == 0 {
				// After a preposition (据王福元说, 向赵庆利反映).
				return Variant{Kind: "name", Text: "工资问题一直没有解决，" + g.pick([]string{"据", "向", "和"}) + name + g.pick([]string{"说", "反映", "介绍"}) + "，他们还在等。", Raw: []string{name}, Person: name}
			}
			// …after a closing quotation mark, as news names who spoke
			// (“…”王俊林说), and before 指出 or 向记者.
			return Variant{Kind: "name", Text: g.pick([]string{"工资问题一直没有解决。", "“工资一直没有发。”", "「工资一直没有发。」"}) + name + g.pick([]string{"说", "表示", "告诉记者", "介绍", "和工友们", "的家人", "指出", "坦言", "向记者说", "对记者说"}) + "，他们还在等。", Raw: []string{name}, Person: name}
		}
		if g.r.IntN(4) == 0 {
			// A speaker's line in a transcript, or a letter's signature
			// (张建国：…, 此致敬礼 温秀兰 2023.6.1).
			if g.r.IntN(2) == 0 {
				return Variant{Kind: "name", Text: "\n" + name + g.pick([]string{"：", ":"}) + "工资问题一直没有解决。\n", Raw: []string{name}, Person: name}
			}
			return Variant{Kind: "name", Text: "工资问题一直没有解决。此致敬礼" + g.pick([]string{" ", "！ ", "！\n"}) + name + " 2024年5月", Raw: []string{name}, Person: name}
		}
		if g.r.IntN(3) == 0 {
			// A name right before its bearer's ID or phone (王海军（身份证号：…）).
			return Variant{Kind: "name", Text: g.pick([]string{"", "村民", "据了解，"}) + name + g.pick([]string{"（身份证号：", "，身份证号", "（电话", "，手机"}) + g.digits(11) + g.pick([]string{"）", "，"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
		}
		// The head of a record or a court paper: name, sex, age (李桂芝，女，62岁).
		return Variant{Kind: "name", Text: g.pick([]string{"", "一、", "来访人员："}) + name + g.pick([]string{"，男，", "，女，", "（男，", "（女，"}) + g.pick([]string{"56岁", "1968年生", "汉族"}) + "，工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 17:
		if g.r.IntN(3) == 0 {
			// Written in traditional characters (業主陳美玲表示).
			name = g.pick([]string{"陳", "黃", "劉", "張", "楊", "趙", "吳", "鄭", "孫", "馮", "韓", "鄧"}) + g.roleGiven()
			return Variant{Kind: "name", Text: lead + g.pick([]string{"投訴人", "業主", "農民工", "居民", "村民", "申請人", "聯繫人："}) + name + g.pick([]string{"表示", "說", "，", "稱"}) + "工資問題一直沒有解決。", Raw: []string{name}, Person: name}
		}
		// After a trade or 大名 (外卖员孟凡超称, 大名赵德胜).
		name = g.pick(familyNames[:20]) + g.roleGiven()
		return Variant{Kind: "name", Text: lead + g.pick([]string{"外卖员", "快递员", "养殖户", "网格员", "保洁员", "大名", "律师", "厨师", "死者", "镇干部", "带班的叫", "答复人：", "钢筋工", "铁工厂商", "移民", "副总"}) + name + g.pick([]string{"说", "反映", "，", "称", "生前"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 13:
		// Before a title word: 王建国同志, 张海峰经理, 李秀英大姐.
		name = g.pick(familyNames[:20]) + g.roleGiven()
		return Variant{Kind: "name", Text: lead + name + g.pick(titleWords) + g.pick([]string{"说", "答应", "表示", "，"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 10, 11:
		// After a word for a person by role or kin, as news and petitions
		// name people (村民王建军称, 63岁的徐仁忠, 被执行人赵德福), or in a
		// list joined by 、.
		name = g.pick(familyNames) + g.roleGiven()
		role := g.pick(roleWords)
		if g.r.IntN(3) == 0 {
			other := g.pick(familyNames[:20]) + g.roleGiven()
			return Variant{Kind: "name", Text: lead + role + name + "、" + other + g.pick([]string{"等人", "等", "两人"}) + "反映工资问题一直没有解决。", Raw: []string{name, other}, Person: name}
		}
		return Variant{Kind: "name", Text: lead + role + name + g.pick(roleAfter) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 12:
		// After the cue words of letters and court papers: 发件人, 申诉人, 落款.
		return Variant{Kind: "name", Text: lead + g.pick(paperCues) + name + g.pick([]string{"，", "反映", "称", " ", "。"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 0, 1, 2:
		// After a word that introduces a person: a name without a common
		// family name, a rarer family name, or one partly hidden by 某.
		switch g.r.IntN(4) {
		case 0:
			name = g.pick(rareFamily) + string(givenChars[g.r.IntN(len(givenChars))]) + string(givenChars[g.r.IntN(len(givenChars))])
		case 1:
			name = g.pick(familyNames[:20]) + "某" + string(givenChars[g.r.IntN(len(givenChars))])
		default:
			name = g.pick(translitNames)
		}
		after := g.pick([]string{"，", "反映", "称", "跑路了", "说", "。", "（男，", " ", "至今", "代为反映"})
		return Variant{Kind: "name", Text: lead + g.pick(personCues) + name + after + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 3:
		if len([]rune(name)) < 3 {
			name += string(givenChars[g.r.IntN(len(givenChars))])
		}
		if g.r.IntN(2) == 0 {
			name = g.pick(translitNames[:10])
		}
		return Variant{Kind: "name", Text: g.pick([]string{"。", "工资至今未发。", "，", "）"}) + name + g.pick([]string{"反映", "称", "来访称", "等十几名工人反映"}) + "工资问题一直没有解决。", Raw: []string{name}, Person: name}
	case 4:
		fam := g.pick(familyNames[:20])
		given := string(givenChars[g.r.IntN(len(givenChars))]) + string(givenChars[g.r.IntN(len(givenChars))])
		return Variant{Kind: "name", Text: "本人姓" + fam + "名" + given + "，工资问题一直没有解决。", Raw: []string{given}, Person: fam + given}
	}
	written := name
	if g.r.IntN(10) == 0 && !strings.HasPrefix(name, "欧阳") && !strings.HasPrefix(name, "司马") {
		// A space between family and given name: 刘 伟.
		fam, given := []rune(name)[:1], []rune(name)[1:]
		written = string(fam) + g.pick([]string{" ", "\u3000"}) + string(given)
	}
	text := lead + g.pick(nameCues) + written + g.pick(nameAfter) + "工资问题一直没有解决。"
	return Variant{Kind: "name", Text: text, Raw: []string{written}, Person: name}
}

// roleGiven is a given name of two characters for a name after a role
// word. Its first character makes no common word with a family name
// (王国, 李娜, 韩国): masking leaves such a name readable after a role word
// unless a verb of saying follows it (a limit the README states).
func (g *Generator) roleGiven() string {
	for {
		a, b := givenChars[g.r.IntN(len(givenChars))], givenChars[g.r.IntN(len(givenChars))]
		if !strings.ContainsRune(pairFirst, a) {
			return string(a) + string(b)
		}
	}
}

// pairFirst are the given characters that make a dictionary word with a
// family name of familyNames or of the traditional forms the generator
// writes (王国, 王平, 李娜, 高明, 黄海, 张飞, 鄧軍).
const pairFirst = "国平明娜宁德敏海秀红超飞鹏龙俊刚军"

// Address is a home address down to the flat.
func (g *Generator) Address() Variant {
	flat := fmt.Sprintf("%d号楼%d单元%d室", 1+g.r.IntN(30), 1+g.r.IntN(6), 101+g.r.IntN(1800))
	switch g.r.IntN(6) {
	case 0:
		flat = fmt.Sprintf("%d-%d-%d", 1+g.r.IntN(30), 1+g.r.IntN(6), 101+g.r.IntN(1800))
	case 1:
		flat = fmt.Sprintf("%d栋%d门%d", 1+g.r.IntN(30), 1+g.r.IntN(6), 101+g.r.IntN(1800))
	case 2:
		flat = fmt.Sprintf("%c座%d室", 'A'+g.r.IntN(4), 101+g.r.IntN(1800))
	case 3:
		flat = fmt.Sprintf("%d号楼%d单元%d", 1+g.r.IntN(30), 1+g.r.IntN(6), 101+g.r.IntN(1800))
	}
	if g.r.IntN(3) == 0 {
		// No word introduces the address: only the flat number shows it.
		text := "我是" + g.pick([]string{"幸福小区", "阳光花园", "富康家园"}) + flat + "的业主，楼上噪音扰民。"
		return Variant{Kind: "address", Text: text, Raw: []string{flat}}
	}
	street := g.pick([]string{"和平街道", "胜利路", "新华街道", "兴安南路", "红山路"})
	text := g.pick([]string{"家住", "住址：", "现住", "家庭住址为", "住所为", "现居"}) + g.pick([]string{"乌兰浩特市", "呼和浩特市新城区", "包头市昆都仑区", "赤峰市红山区"}) +
		street + g.pick([]string{"幸福小区", "阳光花园", "富康家园"}) + flat + g.pick([]string{"，", "。", " "}) + "多次反映楼上噪音扰民。"
	return Variant{Kind: "address", Text: text, Raw: []string{flat}}
}

// Fold reads text for raw digit strings: digits of every script become
// ASCII, and the characters that may separate the groups of a number (and
// highlight tags) are dropped, so that a raw number split any way is
// found whole. Stars, which masking writes, are kept.
func Fold(text string) string {
	text = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(text)
	var b strings.Builder
	rs := []rune(text)
	for i, r := range rs {
		if v := foldDigit(r); v >= 0 {
			b.WriteByte(byte('0' + v))
			continue
		}
		// A letter typed for a digit, next to a digit.
		if strings.ContainsRune("OolI", r) && (i > 0 && foldDigit(rs[i-1]) >= 0 || i+1 < len(rs) && foldDigit(rs[i+1]) >= 0) {
			b.WriteByte("01"[strings.IndexRune("OolI", r)/2])
			continue
		}
		if strings.ContainsRune(" -._/+·•()[]（）【】－‐‑‒–—―．／＿＋、,，~～\n\r\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff", r) {
			continue
		}
		if r == 'x' || r == 'Ｘ' || r == 'ｘ' {
			r = 'X'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func foldDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return len([]rune("〇一二三四五六七八九"[:i]))
	}
	switch r {
	case '零':
		return 0
	case '幺':
		return 1
	}
	if i := strings.IndexRune("⓪①②③④⑤⑥⑦⑧⑨", r); i >= 0 {
		return len([]rune("⓪①②③④⑤⑥⑦⑧⑨"[:i]))
	}
	if i := strings.IndexRune("零壹贰叁肆伍陆柒捌玖", r); i >= 0 {
		return len([]rune("零壹贰叁肆伍陆柒捌玖"[:i]))
	}
	return -1
}

// Leaks returns the raw values of v found in text: digit strings in
// Fold(text), names and house numbers as written. A raw value with Latin
// letters (an e-mail's local part, a WeChat id) counts only as a word of
// its own: baaf3 inside a record's hex id 5cbaaf3e… tells nothing of it.
func (v Variant) Leaks(text, folded string) []string {
	var out []string
	for _, raw := range v.Raw {
		hay := text
		if isDigits(raw) {
			hay = folded
		}
		if hasLetter(raw) && containsWord(hay, raw) || !hasLetter(raw) && strings.Contains(hay, raw) {
			out = append(out, raw)
		}
	}
	return out
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) >= 0
}

// containsWord reports whether w stands in s with no ASCII letter or digit
// right before or after it.
func containsWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(w)
		if (start == 0 || !isASCIIAlnum(s[start-1])) && (end == len(s) || !isASCIIAlnum(s[end])) {
			return true
		}
		from = start + 1
	}
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigits(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && c != 'X' {
			return false
		}
	}
	return s != ""
}
