// Package gen generates large volumes of realistic synthetic petition
// records for benchmarks and load tests: varied categories, places (all 103
// county-level units of Inner Mongolia, often in short forms), dates over
// two years, channels, head counts and amounts in the written forms of
// real records, and a skewed pool of respondents so that recurring clusters
// exist. Output is deterministic: the same seed and index give the same
// record, whatever the order of calls.
//
// Personal data is synthetic and follows the fixture rules: phone numbers
// have 0000 as digits 4–7 and ID numbers a wrong GB 11643 check digit.
package gen

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/xinfang/xinfang"
)

// Start is the earliest received_at of generated records; they spread over
// Span after it.
var Start = time.Date(2023, 1, 1, 0, 0, 0, 0, xinfang.ChinaTime)

// Span is the period over which received_at is spread.
const Span = 730 * 24 * time.Hour

// Generator makes records for one seed. It is safe for concurrent use.
type Generator struct {
	seed        int64
	respondents []respondent
	cityCum     []int
}

// respondent is one recurring company, office or project that records are
// about.
type respondent struct {
	name    string
	project string
	cats    []string // categories its records draw, the first the most likely
	city    int
	county  int
}

// kind is the sort of respondent: it decides the categories and names.
type kind int

const (
	kindBuilder kind = iota
	kindDeveloper
	kindExpropriation
	kindEmployer
	kindProperty
	kindFactory
	kindMerchant
	kindPublic
	numKinds
)

// New returns a Generator for seed. The respondent pool is derived from the
// seed, so two Generators with the same seed make identical records.
func New(seed int64) *Generator {
	g := &Generator{seed: seed}
	r := rand.New(rand.NewPCG(mix(uint64(seed)), mix(uint64(seed)^0x5bd1e995)))
	total := 0
	for _, w := range cityWeights {
		total += w
		g.cityCum = append(g.cityCum, total)
	}
	const pool = 600
	for i := 0; i < pool; i++ {
		c := g.pickCity(r)
		k := kind(r.IntN(int(numKinds)))
		name, cats := respondentName(r, k)
		g.respondents = append(g.respondents, respondent{
			name:    name,
			cats:    cats,
			project: projectName(r, k),
			city:    c,
			county:  r.IntN(len(cities[c].counties)),
		})
	}
	return g
}

func (g *Generator) pickCity(r *rand.Rand) int {
	n := r.IntN(g.cityCum[len(g.cityCum)-1])
	for i, c := range g.cityCum {
		if n < c {
			return i
		}
	}
	return len(g.cityCum) - 1
}

// mix is splitmix64's finaliser: it spreads nearby seeds over the state space.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Record returns the i-th record of the generator's sequence.
func (g *Generator) Record(i int) xinfang.Record {
	var src rand.PCG
	src.Seed(mix(uint64(g.seed)), mix(uint64(i)^mix(uint64(g.seed)+1)))
	r := rand.New(&src)
	b := builder{r: r, g: g}
	return b.record(i)
}

// WriteJSONL writes records 0…n-1 of seed as JSON Lines, in order. The
// records are made and encoded on all CPUs in chunks.
func WriteJSONL(w io.Writer, n int, seed int64) error {
	g := New(seed)
	const chunk = 512
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		start, end int
		out        chan []byte
	}
	jobs := make(chan job, workers)
	order := make(chan chan []byte, 2*workers)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(jobs)
		defer close(order)
		for s := 0; s < n; s += chunk {
			j := job{s, min(s+chunk, n), make(chan []byte, 1)}
			select {
			case order <- j.out:
			case <-done:
				return
			}
			select {
			case jobs <- j:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				buf := make([]byte, 0, (j.end-j.start)*900)
				for i := j.start; i < j.end; i++ {
					rec := g.Record(i)
					buf = AppendJSON(buf, &rec)
				}
				j.out <- buf
			}
		}()
	}
	written := 0
	for out := range order {
		b := <-out
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("gen: write after %d records: %w", written, err)
		}
		written += bytes.Count(b, []byte{'\n'})
	}
	return nil
}

// builder holds the state of one record being made.
type builder struct {
	r *rand.Rand
	g *Generator
	s strings.Builder
}

func (b *builder) pick(xs []string) string { return xs[b.r.IntN(len(xs))] }

func (b *builder) record(i int) xinfang.Record {
	r := b.r
	// Respondents are drawn with a power law: a few come back very often.
	resp := &b.g.respondents[int(float64(len(b.g.respondents))*math.Pow(r.Float64(), 2.2))]
	cats := resp.cats
	cat := cats[r.IntN(len(cats))]
	var second string
	if r.IntN(10) == 0 {
		second = cats[r.IntN(len(cats))]
		if second == cat {
			second = ""
		}
	}
	c := &cities[resp.city]
	co := &c.counties[resp.county]

	at := Start.Add(time.Duration(r.Int64N(int64(Span/time.Minute))) * time.Minute)
	channel := xinfang.Channels[weighted(r, []int{30, 20, 25, 22, 3})]
	if channel != xinfang.ChannelPhone {
		// Offices receive in working hours.
		h := 8 + r.IntN(10)
		at = time.Date(at.Year(), at.Month(), at.Day(), h, r.IntN(60), 0, 0, at.Location())
	}

	// Group size: most records are one person.
	var n int
	switch x := r.IntN(100); {
	case x < 55:
	case x < 70:
		n = 2 + r.IntN(3)
	case x < 88:
		n = 5 + r.IntN(25)
	default:
		n = 30 + r.IntN(300)
	}

	unit := "户"
	if cat == "wage_arrears" || cat == "labor_dispute" {
		unit = b.pick([]string{"人", "名农民工", "名工人"})
	} else if r.IntN(2) == 0 {
		unit = b.pick([]string{"人", "名群众"})
	}
	b.place(c, co, channel, n, unit)
	b.body(cat, resp, n)
	if second != "" {
		b.body(second, resp, 0)
	}
	b.risk(n)
	b.demand()

	rec := xinfang.Record{
		ID:         "GEN" + strconv.FormatInt(b.g.seed, 10) + "-" + pad8(i),
		ReceivedAt: at,
		Channel:    channel,
		Region:     "内蒙古自治区" + c.name + co.name,
		Respondent: resp.name,
		Title:      b.title(cat, resp, co),
		Content:    b.s.String(),
		Status:     xinfang.Statuses[weighted(r, []int{20, 25, 25, 20, 10})],
	}
	if n > 0 && channel == xinfang.ChannelVisit {
		rec.Headcount = &n
	}
	caseTimes(r, &rec)
	if r.IntN(10) < 9 {
		rec.Petitioner = b.person(c, co)
	}
	if channel == xinfang.ChannelOther || r.IntN(20) == 0 {
		rec.Agent = &xinfang.Agent{Name: string(surnames[r.IntN(len(surnames))]) + "某某", Role: "信访代办员"}
	}
	return rec
}

// caseTimes gives rec the times of its status as a source system would:
// most are accepted within 0–12 days (some leave accepted_at out); closed
// ones are closed 3–80 days later, so some late; a few open ones have an
// extended deadline; updated_at is the latest of them.
func caseTimes(r *rand.Rand, rec *xinfang.Record) {
	hours := func(lo, hi int) time.Duration { return time.Duration(lo*24+r.IntN((hi-lo)*24+1)) * time.Hour }
	if r.IntN(10) == 0 {
		return
	}
	rec.AcceptedAt = rec.ReceivedAt.Add(hours(0, 12))
	rec.UpdatedAt = rec.AcceptedAt
	switch rec.Status {
	case xinfang.StatusClosed, xinfang.StatusFollowUp:
		rec.ClosedAt = rec.AcceptedAt.Add(hours(3, 80))
		rec.UpdatedAt = rec.ClosedAt
	case xinfang.StatusInProgress:
		if r.IntN(10) == 0 {
			rec.DeadlineAt = rec.AcceptedAt.Add(90 * 24 * time.Hour) // extended by 30 days
			rec.UpdatedAt = rec.AcceptedAt.Add(hours(50, 60))
		}
	}
}

// pad8 writes i with at least 8 digits.
func pad8(i int) string {
	s := strconv.Itoa(i)
	if len(s) < 8 {
		s = "00000000"[len(s):] + s
	}
	return s
}

func weighted(r *rand.Rand, ws []int) int {
	t := 0
	for _, w := range ws {
		t += w
	}
	n := r.IntN(t)
	for i, w := range ws {
		if n < w {
			return i
		}
		n -= w
	}
	return len(ws) - 1
}

// w appends parts to the content.
func (b *builder) w(parts ...string) {
	for _, p := range parts {
		b.s.WriteString(p)
	}
}

// place opens the content in the register of the channel, naming the place
// in one of the ways people do.
func (b *builder) place(c *city, co *county, ch xinfang.Channel, n int, unit string) {
	r := b.r
	var where string
	switch x := r.IntN(20); {
	case x < 10:
		where = co.name
	case x < 15 && co.short != "":
		where = co.short
	case x < 16 && c.short != "":
		where = c.short
	case x < 18:
		where = c.name + co.name
	case x < 19:
		where = ""
	default:
		where = co.name
	}
	if where != "" {
		where += b.pick(towns)
	}
	switch ch {
	case xinfang.ChannelVisit:
		if n >= 5 {
			b.w("来访人", string(surnames[r.IntN(len(surnames))]), "某某等", b.count(n, unit), "反映：")
		} else {
			b.w("来访人反映：")
		}
		if where != "" {
			b.w("其在", where, "，")
		}
		return
	case xinfang.ChannelPhone:
		b.w(b.pick([]string{"来电人称", "市民来电反映：", "来电人说，", "12345热线来电："}))
		if where != "" {
			b.w("在", where, "，")
		}
	case xinfang.ChannelLetter:
		b.w(b.pick([]string{"尊敬的领导：\n我是", "各位领导：\n我们是", "信访局领导：\n本人是"}))
		if where == "" {
			where = "本地"
		}
		b.w(where, "的群众。")
	case xinfang.ChannelOnline:
		if where != "" {
			b.w(b.pick([]string{"我是", "本人在", "我家在"}), where, "。")
		}
	default:
		b.w("【信访代办】", where, "代办员受群众委托反映：")
	}
	if n >= 2 {
		b.w("我们一共", b.count(n, unit), "，")
	}
}

// count writes a head count in one of the forms of real records; unit is
// 人, 名, 户 or the like.
func (b *builder) count(n int, unit string) string {
	r := b.r
	var s string
	switch x := r.IntN(10); {
	case x < 4:
		s = strconv.Itoa(n) + unit
	case x < 6 && n >= 20:
		s = chineseNumber(n/10*10) + b.pick([]string{"多", "余"}) + unit
	case x < 7 && n < 20 && n >= 10:
		s = "十来" + unit
	case x < 8 && n >= 4 && unit != "户":
		s = strconv.Itoa(1+r.IntN(4)) + "批" + strconv.Itoa(n) + "人次"
	default:
		s = chineseNumber(n) + unit
	}
	if r.IntN(40) == 0 {
		s = fullWidth(s)
	}
	return s
}

// amount writes a sum of money in one of the forms of real records.
func (b *builder) amount(yuan int) string {
	r := b.r
	var s string
	switch x := r.IntN(10); {
	case x < 3:
		s = strconv.Itoa(yuan) + "元"
	case x < 5 && yuan >= 10000:
		s = strconv.FormatFloat(float64(yuan/1000)/10, 'f', -1, 64) + "万元"
	case x < 6 && yuan >= 100000000:
		s = "约" + strconv.FormatFloat(float64(yuan/10000000)/10, 'f', -1, 64) + "亿元"
	case x < 7 && yuan >= 100000:
		s = chineseNumber(yuan/100000*10) + "多万元"
	case x < 8 && yuan < 100000:
		s = chineseNumber(yuan/1000*1000) + "元"
	case x < 9 && yuan >= 10000:
		s = "约" + chineseNumber(yuan/10000) + "万元"
	default:
		s = strconv.Itoa(yuan) + "元"
	}
	if r.IntN(40) == 0 {
		s = fullWidth(s)
	}
	return s
}

func (b *builder) money(min, max int) string {
	// Log-uniform between min and max.
	v := math.Exp(math.Log(float64(min)) + b.r.Float64()*(math.Log(float64(max))-math.Log(float64(min))))
	return b.amount(int(v))
}

func (b *builder) body(cat string, resp *respondent, n int) {
	r := b.r
	p, name := resp.project, resp.name
	month := strconv.Itoa(1+r.IntN(12)) + "月"
	year := strconv.Itoa(2019+r.IntN(5)) + "年"
	switch cat {
	case "wage_arrears":
		switch r.IntN(5) {
		case 0:
			b.w(year, month, "起在", p, "干活，", name, "拖欠工资", b.money(3000, 5000000), "，", b.pick([]string{"说是开发商没给工程款", "包工头已经联系不上", "说要等审计结算", "一拖再拖"}), "。")
		case 1:
			b.w(p, "的包工头干完活就跑了，辛苦钱要不回来，", name, "说钱早就付给包工头了，不管。")
		case 2:
			b.w("建设单位拖欠", name, "工程款", b.money(500000, 300000000), "，导致农民工工资无法支付，工人们", b.pick([]string{"过年都回不了家", "生活没有着落", "只能借钱度日"}), "。")
		case 3:
			b.w("给", name, "干了", strconv.Itoa(1+r.IntN(11)), "个月，老板一直不给钱，还差", b.money(2000, 60000), "。")
		default:
			b.w(name, "以", b.pick([]string{"效益不好", "没完成任务", "工程没验收"}), "为由扣着工资不发，", b.pick([]string{"已经三个月了", "从去年拖到现在", "讨要多次无果"}), "。")
		}
	case "demolition_compensation":
		switch r.IntN(5) {
		case 0:
			b.w(p, "房屋征收，补偿标准每平方米", strconv.Itoa(2000+r.IntN(60)*100), "元，明显低于周边，", name, "不予调整。")
		case 1:
			b.w(year, "签订征收安置协议，", p, "承诺的安置房至今未落实，过渡费从", month, "起停发。")
		case 2:
			b.w(name, "在没有签订补偿协议的情况下强拆了房屋，", b.pick([]string{"家里东西都埋在里面", "至今没有任何说法", "补偿款一分没见到"}), "。")
		case 3:
			b.w(name, "征收集体土地", strconv.Itoa(10+r.IntN(900)), "亩，征地补偿款", b.money(100000, 70000000), "被截留，村民没有拿到。")
		default:
			b.w(p, "评估公司对房屋的评估价明显偏低，", b.pick([]string{"附属设施漏评", "面积少算了", "门市房按住宅算"}), "，申请复核后维持原结果。")
		}
	case "delayed_delivery":
		b.w("购买的", p, "住房，合同约定", strconv.Itoa(2021+r.IntN(3)), "年", month, "交房，", b.pick([]string{"至今未交付", "工地已经停工一年多", "收房日期一改再改", "项目成了烂尾楼"}), "，", b.pick([]string{"开发商一直推脱", "还要每月还房贷", "只能在外面租房住"}), "。")
	case "noise":
		b.w(p, b.pick([]string{"施工队半夜还在干", "夜间施工噪音很大", "设备噪声日夜不停", "旁边广场舞音响声音太大", "楼下烧烤店、KTV营业到凌晨"}), "，", b.pick([]string{"严重影响休息", "老人孩子都睡不着觉", "打电话投诉过也没用"}), "。")
	case "labor_dispute":
		b.w(name, b.pick([]string{"单方面解除劳动合同，不支付经济补偿金", "不给申报工伤", "逼员工签自愿离职", "长期加班不给加班费", "不签劳动合同"}), "。")
	case "social_security":
		b.w(name, b.pick([]string{"一直没有给缴纳社会保险", "养老保险断缴多年，影响退休", "医保报销迟迟办不下来", "低保被无故取消", "残疾人补贴停发"}), "。")
	case "property_management":
		b.w(p, "的", name, b.pick([]string{"物业费年年涨服务却很差", "暖气不热还催缴取暖费", "电梯经常坏没人修", "乱收停车费"}), "。")
	case "environment":
		b.w(p, b.pick([]string{"粉尘污染严重", "排放刺鼻气味", "污水直排河道", "垃圾长期堆放发臭"}), "，", b.pick([]string{"周边居民意见很大", "窗户都不敢开"}), "。")
	case "housing_quality":
		b.w(p, "交房后", b.pick([]string{"屋顶漏水", "墙体开裂", "实测面积缩水", "暖气不热"}), "，开发商", b.pick([]string{"拒绝维修", "一直拖着不修"}), "。")
	case "property_registration":
		b.w(p, "交房", strconv.Itoa(2+r.IntN(6)), "年了，房产证一直办不下来。")
	case "land_dispute":
		b.w(b.pick([]string{"家里的草场边界与邻近嘎查有争议，对方拉了网围栏", "家里的承包地被村里收回后转包给了外村人", "土地流转费已经两年没给了", "村集体土地收入从不公开"}), "。")
	case "litigation":
		b.w(b.pick([]string{"法院判决生效后一直执行不到位", "对公安机关不予立案不服", "不服法院判决，申请再审被驳回"}), "，", name, "说没有办法。")
	case "education":
		b.w(name, b.pick([]string{"拒收孩子入学", "乱收费", "拖欠代课教师工资补贴"}), "。")
	case "medical":
		b.w(name, b.pick([]string{"手术出现医疗事故", "乱收检查费", "医疗纠纷调解无果"}), "，", b.pick([]string{"家属要求说法", "患者至今没有康复"}), "。")
	case "consumer":
		b.w(name, b.pick([]string{"办的预付卡无法退款", "培训课程退费被拒", "卖的产品有质量问题拒不退换", "虚假宣传"}), "，涉及金额", b.money(500, 200000), "。")
	}
	if n > 0 && r.IntN(4) == 0 {
		b.w("涉及群众", b.count(n, "人"), "。")
	}
}

// risk adds the signs of collective-petition risk in proportion to the group.
func (b *builder) risk(n int) {
	r := b.r
	switch {
	case n >= 5 && r.IntN(3) == 0:
		b.w(b.pick([]string{"今天在政府门口聚集", "在项目部门口拉横幅", "扬言要堵路", "计划一起去北京上访", "在门口静坐", "已经集体停工"}), "。")
	case n >= 30 && r.IntN(2) == 0:
		b.s.WriteString(b.pick([]string{"大家建了微信群商量一起去市里。", "写了联名信准备递交。"}))
	}
	if r.IntN(6) == 0 {
		b.w("这已经是第", b.pick([]string{"三", "四", "五", "3", "6"}), "次反映了。")
	} else if r.IntN(8) == 0 {
		b.s.WriteString(b.pick([]string{"多次反映无果。", "跑了十几趟没人管。", "群众情绪激动。"}))
	}
	if r.IntN(12) == 0 {
		b.w("联系电话", fakePhone(r), "。")
	}
}

func (b *builder) demand() {
	b.s.WriteString(b.pick([]string{"请求有关部门尽快解决。", "希望领导给予重视。", "要求依法处理。", "请求协调解决。", ""}))
}

func (b *builder) title(cat string, resp *respondent, co *county) string {
	if b.r.IntN(3) == 0 {
		return ""
	}
	return "关于" + co.name + resp.name + titleLabels[cat] + "的反映"
}

// titleLabels are the topic words of generated titles.
var titleLabels = map[string]string{
	"wage_arrears": "拖欠工资", "demolition_compensation": "征收补偿", "delayed_delivery": "延期交房",
	"noise": "噪音扰民", "labor_dispute": "劳动争议", "social_security": "社保问题", "property_management": "物业问题",
	"environment": "环境污染", "housing_quality": "房屋质量", "property_registration": "办证难",
	"land_dispute": "土地纠纷", "litigation": "涉法涉诉", "education": "教育问题", "medical": "医疗纠纷", "consumer": "消费维权",
}

func (b *builder) person(c *city, co *county) *xinfang.Person {
	r := b.r
	p := &xinfang.Person{
		Name: string(surnames[r.IntN(len(surnames))]) + b.pick([]string{"某某", "某", "某甲", "某乙", "某某"}),
	}
	p.Phone = fakePhone(r)
	if r.IntN(10) < 7 {
		p.IDNumber = FakeIDNumber(r, c.idPrefix+fmt.Sprintf("%02d", 1+r.IntN(30)))
	}
	if r.IntN(2) == 0 {
		p.Address = "内蒙古自治区" + c.name + co.name + b.pick(towns) + b.pick(villages) + strconv.Itoa(1+r.IntN(40)) + "号"
	}
	return p
}

// fakePhone returns a mobile number with 0000 as digits 4–7.
func fakePhone(r *rand.Rand) string {
	var d [11]byte
	d[0], d[1], d[2] = '1', byte('3'+r.IntN(7)), byte('0'+r.IntN(10))
	copy(d[3:7], "0000")
	n := r.IntN(10000)
	for i := 10; i >= 7; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return string(d[:])
}

// FakeIDNumber returns an 18-character ID number with area code area (6
// digits), a plausible birth date and a check digit that is deliberately
// wrong under GB 11643, so that it can never be a real person's.
func FakeIDNumber(r *rand.Rand, area string) string {
	body := fmt.Sprintf("%s%04d%02d%02d%03d", area, 1950+r.IntN(55), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
	valid := CheckDigit(body)
	const alphabet = "0123456789X"
	c := alphabet[r.IntN(len(alphabet))]
	if c == valid {
		// Move to the next character: any other one is wrong.
		c = alphabet[(strings.IndexByte(alphabet, c)+1)%len(alphabet)]
	}
	return body + string(c)
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CheckDigit returns the GB 11643 check character of the first 17 digits
// of an ID number.
func CheckDigit(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11]
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNumber writes 0 < n < 100000000 in Chinese numerals: 46000 → 四万六千.
func chineseNumber(n int) string {
	if n <= 0 {
		return "零"
	}
	if n >= 10000 {
		hi, lo := n/10000, n%10000
		s := chineseNumber(hi) + "万"
		if lo == 0 {
			return s
		}
		if lo < 1000 {
			s += "零"
		}
		return s + chineseSmall(lo, false)
	}
	return chineseSmall(n, true)
}

// chineseSmall writes 0 < n < 10000; lead says whether 10–19 may drop the
// leading 一 (十五 rather than 一十五).
func chineseSmall(n int, lead bool) string {
	var sb strings.Builder
	units := []struct {
		v int
		s string
	}{{1000, "千"}, {100, "百"}, {10, "十"}}
	zero := false
	started := false
	for _, u := range units {
		d := n / u.v
		n %= u.v
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			sb.WriteString("零")
			zero = false
		}
		if !(u.v == 10 && d == 1 && !started && lead) {
			sb.WriteString(cnDigits[d])
		}
		sb.WriteString(u.s)
		started = true
	}
	if n > 0 {
		if zero {
			sb.WriteString("零")
		}
		sb.WriteString(cnDigits[n])
	}
	return sb.String()
}

// fullWidth turns ASCII digits into full-width ones, as some typists write.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '０' + (r - '0')
		}
		return r
	}, s)
}

var namePrefixes = []string{"鑫盛", "恒达", "宏远", "金辉", "华泰", "瑞丰", "广源", "隆基", "德润", "泰和", "永兴", "兴旺", "天骄", "北疆", "蒙源", "草原", "祥和", "通达", "盛世", "中联", "博远", "众鑫", "嘉禾", "汇丰", "荣盛", "福润", "正元", "诚信", "安泰", "昌盛"}

// respondentName makes the name of a respondent of kind k and the
// categories its records draw from, the first the most likely.
func respondentName(r *rand.Rand, k kind) (string, []string) {
	p := namePrefixes[r.IntN(len(namePrefixes))] + namePrefixes[r.IntN(len(namePrefixes))][:3]
	type opt struct {
		suffix string
		cats   []string
	}
	var opts []opt
	switch k {
	case kindBuilder:
		cats := []string{"wage_arrears", "wage_arrears", "wage_arrears", "noise", "delayed_delivery", "environment"}
		opts = []opt{{"建筑劳务有限公司", cats}, {"建设工程有限公司", cats}, {"市政工程有限公司", cats}, {"路桥工程有限公司", cats}}
	case kindDeveloper:
		opts = []opt{{"房地产开发有限公司", []string{"delayed_delivery", "delayed_delivery", "housing_quality", "property_registration", "noise", "wage_arrears"}}}
	case kindExpropriation:
		cats := []string{"demolition_compensation", "demolition_compensation", "demolition_compensation", "delayed_delivery", "land_dispute"}
		opts = []opt{{"#某区房屋征收与补偿管理办公室", cats}, {"#某旗人民政府", cats}, {"#某镇人民政府", cats}, {"#某街道办事处", cats}, {"#某开发区管理委员会", cats}}
	case kindEmployer:
		cats := []string{"wage_arrears", "labor_dispute", "labor_dispute", "social_security"}
		opts = []opt{{"商贸有限公司", cats}, {"劳务派遣有限公司", cats}, {"物流有限公司", cats}, {"矿业有限公司", cats}}
	case kindProperty:
		opts = []opt{{"物业服务有限公司", []string{"property_management", "property_management", "noise", "housing_quality"}}}
	case kindFactory:
		cats := []string{"environment", "noise", "noise", "wage_arrears", "labor_dispute"}
		opts = []opt{{"化工有限公司", cats}, {"煤业有限公司", cats}, {"建材有限公司", cats}}
	case kindMerchant:
		opts = []opt{{"培训学校", []string{"consumer", "consumer", "education"}}, {"健身会所", []string{"consumer", "consumer", "noise"}},
			{"汽车销售服务有限公司", []string{"consumer"}}, {"家政服务有限公司", []string{"consumer", "wage_arrears"}}}
	default:
		opts = []opt{{"#某旗人力资源和社会保障局", []string{"social_security", "labor_dispute"}}, {"#某区人民法院", []string{"litigation"}},
			{"#某县医疗保障局", []string{"social_security"}}, {"#某中学", []string{"education"}}, {"#某旗人民医院", []string{"medical"}},
			{"#某苏木人民政府", []string{"land_dispute", "land_dispute", "demolition_compensation"}}}
	}
	o := opts[r.IntN(len(opts))]
	if strings.HasPrefix(o.suffix, "#") {
		return o.suffix[1:], o.cats
	}
	return p + o.suffix, o.cats
}

func projectName(r *rand.Rand, k kind) string {
	p := namePrefixes[r.IntN(len(namePrefixes))]
	switch k {
	case kindBuilder, kindDeveloper, kindProperty:
		return p + []string{"家园", "花园小区", "新城", "名苑", "商业广场", "安置小区"}[r.IntN(6)] + []string{"", "二期", "三期"}[r.IntN(3)]
	case kindExpropriation:
		return p + []string{"片区棚户区改造项目", "城中村改造项目", "工业园区征地项目", "道路拓宽工程"}[r.IntN(4)]
	case kindFactory:
		return p + "厂区"
	}
	return p + "项目"
}
