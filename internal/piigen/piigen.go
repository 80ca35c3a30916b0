// Package piigen generates personal data written the many ways people write
// it (numbers grouped and separated at will, in full-width or Chinese
// digits, with zero-width characters; landlines with area codes; ID numbers
// in groups, with X or a wrong check digit; names after the words that
// introduce a person; addresses down to the flat), embedded in petition
// sentences, for tests that no raw value gets through masking.
//
// Every value is synthetic: mobiles carry 0000 as digits 4–7, ID numbers
// are random and most have a wrong check digit.
package piigen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Variant is one sentence holding one piece of personal data.
type Variant struct {
	Kind string // mobile, landline, local, id, name, address
	Text string
	// Raw are the values that must not survive masking: digit strings (to
	// be compared with Fold of the output) or names and house numbers as
	// written.
	Raw []string
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

// write renders ASCII digits in a script: ASCII, full width or Chinese.
func (g *Generator) write(d string) string {
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

var numberFrames = []string{
	"联系电话：%s。", "有事请打%s找我", "我的手机是%s，二十四小时开机", "电话 %s 反映工资被拖欠",
	"举报电话%s（白天）", "请回电%s。", "联系方式%s；地址不详", "号码%s，多次拨打无人接听", "本人电话%s 希望尽快处理",
	"，%s，", "call %s please", "微信同号%s",
}

// Mobile is a mobile number.
func (g *Generator) Mobile() Variant {
	d := "1" + string(rune('3'+g.r.IntN(7))) + g.digits(1) + "0000" + g.digits(4)
	layouts := [][]int{{3, 4, 4}, {3, 8}, {11}, {4, 4}, {3, 3, 5}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {3, 4}, {7}}
	w := g.grouped(d, g.pick2(layouts))
	switch g.r.IntN(6) {
	case 0:
		w = "+86 " + w
	case 1:
		w = "86-" + w
	case 2:
		w = "（+86）" + w
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
	return Variant{Kind: "landline", Text: fmt.Sprintf(g.pick(numberFrames), w), Raw: []string{area + local, local}}
}

// Local is a local number without area code after a phone keyword.
func (g *Generator) Local() Variant {
	local := string(rune('2'+g.r.IntN(7))) + g.digits(6+g.r.IntN(2))
	kw := g.pick([]string{"电话", "座机", "家里电话：", "单位电话 ", "联系电话:", "固话号码", "Tel: "})
	return Variant{Kind: "local", Text: kw + g.grouped(local, []int{3}) + "，请转告。", Raw: []string{local}}
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
	switch g.r.IntN(5) {
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
)

// Name is a personal name after a cue.
func (g *Generator) Name() Variant {
	name := g.pick(familyNames)
	for range 1 + g.r.IntN(2) {
		name += string(givenChars[g.r.IntN(len(givenChars))])
	}
	text := g.pick([]string{"", "今年三月，", "2024年5月，", "据反映，"}) + g.pick(nameCues) + name + g.pick(nameAfter) + "工资问题一直没有解决。"
	return Variant{Kind: "name", Text: text, Raw: []string{name}}
}

// Address is a home address down to the flat.
func (g *Generator) Address() Variant {
	flat := fmt.Sprintf("%d号楼%d单元%d室", 1+g.r.IntN(30), 1+g.r.IntN(6), 101+g.r.IntN(1800))
	street := g.pick([]string{"和平街道", "胜利路", "新华街道", "兴安南路", "红山路"})
	text := g.pick([]string{"家住", "住址：", "现住", "家庭住址为"}) + g.pick([]string{"乌兰浩特市", "呼和浩特市新城区", "包头市昆都仑区", "赤峰市红山区"}) +
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
	for _, r := range text {
		if v := foldDigit(r); v >= 0 {
			b.WriteByte(byte('0' + v))
			continue
		}
		if strings.ContainsRune(" -._/+·•()[]（）【】－‐‑‒–—―．／＿＋、\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff", r) {
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
	return -1
}

// Leaks returns the raw values of v found in text: digit strings in
// Fold(text), names and house numbers as written.
func (v Variant) Leaks(text, folded string) []string {
	var out []string
	for _, raw := range v.Raw {
		hay := text
		if isDigits(raw) {
			hay = folded
		}
		if strings.Contains(hay, raw) {
			out = append(out, raw)
		}
	}
	return out
}

func isDigits(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && c != 'X' {
			return false
		}
	}
	return s != ""
}
