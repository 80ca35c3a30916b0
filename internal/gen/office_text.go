package gen

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xinfang/xinfang"
)

// petition writes the j-th petition of matter m: its time, channel, people,
// handling and a text that tells the matter and nothing else.
func (o *office) petition(m *matter, j int) xinfang.Record {
	r := o.r
	at := m.first
	if m.size > 1 {
		at = m.first.Add(m.span * time.Duration(j) / time.Duration(m.size-1))
		if j > 0 {
			at = workingHours(r, at)
		}
	}
	if at.After(o.now) {
		at = o.now.Add(-time.Hour)
	}
	level := m.level
	if m.size >= 3 {
		level = xinfang.RiskLow
		if m.escalate && j == m.size-1 {
			level = xinfang.RiskHigh
		}
	}
	// The people this petition speaks for: a group only when the group
	// acts or the level says so; an individual's own case otherwise.
	n := 1
	switch {
	case level == xinfang.RiskHigh:
		n = max(m.people, 5)
	case level == xinfang.RiskMedium && m.people >= 5 && m.people < 30:
		n = m.people
	case m.people > 1 && r.IntN(3) == 0:
		n = min(m.people, 2+r.IntN(3))
	}
	var channel xinfang.Channel
	switch {
	case level == xinfang.RiskHigh:
		channel = xinfang.ChannelVisit
	default:
		channel = xinfang.Channels[weighted(r, []int{20, 15, 35, 27, 3})]
	}
	if channel == xinfang.ChannelPhone && j == 0 && m.size == 1 {
		at = at.Add(time.Duration(r.IntN(5)) * time.Hour) // the hotline answers after hours too
		if at.After(o.now) {
			at = o.now.Add(-time.Hour)
		}
	}
	c := &cities[m.city]
	co := &c.counties[m.county]
	t := &text{o: o, m: m, n: n, due: m.first.AddDate(0, -3-r.IntN(24), 0)}
	t.opening(channel)
	t.body()
	t.risk(level, channel)
	t.w(o.b.pick([]string{"请求有关部门尽快解决。", "希望领导给予重视。", "要求依法处理。", "请求协调解决。", ""}))

	rec := xinfang.Record{
		ReceivedAt: at,
		Channel:    channel,
		Region:     "内蒙古自治区" + c.name + co.name,
		Respondent: m.resp,
		Content:    t.s.String(),
	}
	if r.IntN(4) > 0 {
		label := titleLabels[m.cat]
		if m.cat == "property_management" {
			label = "物业服务" // 物业问题 after a name reads as a name ending in 物业
		}
		rec.Title = "关于" + m.resp + label + "的反映"
	}
	if n > 1 && channel == xinfang.ChannelVisit {
		rec.Headcount = &n
	}
	// The same petitioner files again on a matter told twice, and leads
	// the recurring ones now and then: 重件 as offices record them.
	switch {
	case j == 0, m.size == 2 && m.lead.Phone[10]%2 == 0, m.size >= 3 && r.IntN(4) == 0:
		rec.Petitioner = m.lead
	default:
		rec.Petitioner = o.person(m)
	}
	if channel == xinfang.ChannelOther {
		rec.Agent = &xinfang.Agent{Name: string(surnames[r.IntN(len(surnames))]) + givenNames[r.IntN(len(givenNames))], Role: "信访代办员"}
	}
	o.handle(&rec, m)
	return rec
}

// handle gives rec the status and times of its age: recent petitions are
// being accepted or handled, older ones mostly closed, some overdue, and
// those of a matter reported resolved closed before the report.
func (o *office) handle(rec *xinfang.Record, m *matter) {
	r := o.r
	day := 24 * time.Hour
	age := o.now.Sub(rec.ReceivedAt)
	accept := rec.ReceivedAt.Add(time.Duration(2+r.IntN(5*24)) * time.Hour)
	if age < 3*day || accept.After(o.now) {
		rec.Status = xinfang.StatusAccepted
		if r.IntN(2) == 0 {
			rec.Status = ""
		}
		return
	}
	rec.AcceptedAt, rec.UpdatedAt = accept, accept
	closeBy := o.now
	if !m.resolved.IsZero() && m.resolved.Before(closeBy) {
		closeBy = m.resolved
	}
	closed := accept.Add(time.Duration(8+r.IntN(50)) * day)
	switch {
	case !m.resolved.IsZero() && accept.Before(closeBy):
		if closed.After(closeBy) {
			closed = closeBy.Add(-time.Duration(1+r.IntN(48)) * time.Hour)
		}
		if closed.Before(accept) {
			closed = accept.Add(time.Hour)
		}
	case closed.After(o.now) || r.IntN(10) == 0:
		// Still being handled; one in ten of the older ones is overdue.
		rec.Status = xinfang.StatusAssigned
		if age > 10*day {
			rec.Status = xinfang.StatusInProgress
		}
		return
	}
	rec.Status = xinfang.StatusClosed
	rec.ClosedAt, rec.UpdatedAt = closed, closed
	if fu := closed.Add(time.Duration(5+r.IntN(20)) * day); fu.Before(o.now) && r.IntN(4) == 0 {
		rec.Status, rec.UpdatedAt = xinfang.StatusFollowUp, fu
	}
}

// text is one petition's content being written.
type text struct {
	o   *office
	m   *matter
	n   int
	due time.Time // the contract's handover date, before the matter began
	s   strings.Builder
}

func (t *text) w(parts ...string) {
	for _, p := range parts {
		t.s.WriteString(p)
	}
}

func (t *text) pick(xs []string) string { return t.o.b.pick(xs) }

// people writes a head count: 12名工人, 三十多户, 十来户.
func (t *text) people(n int, unit string) string {
	r := t.o.r
	switch x := r.IntN(10); {
	case n == 2:
		return "两" + unit
	case x < 5:
		return strconv.Itoa(n) + unit
	case x < 7 && n >= 20:
		return chineseNumber(n/10*10) + t.pick([]string{"多", "余"}) + unit
	case x < 8 && n >= 10 && n < 20:
		return "十来" + unit
	default:
		return chineseNumber(n) + unit
	}
}

// unit is how the matter's people are counted.
func (t *text) unit() string {
	switch t.m.cat {
	case "wage_arrears", "labor_dispute", "social_security":
		return t.pick([]string{"名工人", "名农民工", "人"})
	case "delayed_delivery", "housing_quality", "property_registration", "property_management":
		return "户业主"
	case "demolition_compensation":
		return "户被征收户"
	}
	return t.pick([]string{"户居民", "人"})
}

// where names the matter's place as people do: the county, its short
// form, or the 盟市 and the county.
func (t *text) where() string {
	c := &cities[t.m.city]
	co := &c.counties[t.m.county]
	switch x := t.o.r.IntN(10); {
	case x < 2 && co.short != "":
		return co.short
	case x < 4:
		return c.name + co.name
	default:
		return co.name
	}
}

func (t *text) opening(ch xinfang.Channel) {
	r := t.o.r
	we := "我"
	if t.n > 1 {
		we = "我们"
	}
	switch ch {
	case xinfang.ChannelVisit:
		if t.n >= 2 {
			t.w("来访人", string(surnames[r.IntN(len(surnames))]), "某某等", t.people(t.n, "人"), "反映：")
		} else {
			t.w("来访人反映：")
		}
	case xinfang.ChannelPhone:
		t.w(t.pick([]string{"来电人称，", "市民来电反映：", "12345热线来电："}))
	case xinfang.ChannelLetter:
		t.w(t.pick([]string{"尊敬的领导：\n", "信访局领导：\n"}), we, "是", t.where(), "的群众。")
	case xinfang.ChannelOnline:
		t.w(t.pick([]string{"领导您好，", "您好！", ""}))
	default:
		t.w("【信访代办】", t.where(), "代办员受群众委托反映：")
	}
	if t.n > 1 && ch != xinfang.ChannelVisit {
		t.w("我们一共", t.people(t.n, t.unit()), "，")
	}
}

// body tells the matter: the respondent first, then the project, the
// place, the amount.
func (t *text) body() {
	m, r := t.m, t.o.r
	b := &t.o.b
	we, my := "我", "我"
	if t.n > 1 {
		we, my = "我们", "我们"
	}
	place := t.where()
	month := strconv.Itoa(1+r.IntN(12)) + "月"
	owed := m.amount
	if m.cat == "wage_arrears" && t.n < m.people {
		owed = m.amount / m.people * t.n / 100 * 100 // the petitioners' part of the sum
	}
	// 喀旗的赤峰市瑞旺建材有限公司, but not 青山区的青山区昌信健身有限公司.
	placeOf := place + "的"
	if strings.HasPrefix(m.resp, cities[m.city].counties[m.county].name) {
		placeOf = ""
	}
	switch m.cat {
	case "wage_arrears":
		if m.kind == kindOfficeBuilder {
			t.w(we, "在", m.resp, "承建的", place, m.project, "干", t.pick([]string{"钢筋", "木工", "瓦工", "水电", "小工"}), "活，",
				m.resp, "至今拖欠", my, "工资", b.amount(owed), "，", t.pick([]string{"项目部一直推说开发商没拨工程款", "包工头说要等结算", "项目部说没钱", "包工头已经联系不上"}), "。")
		} else {
			t.w(we, "在", placeOf, m.resp, "上班，", m.resp, "拖欠", my, strconv.Itoa(2+r.IntN(6)), "个月工资", b.amount(owed), "，",
				t.pick([]string{"离职后一直不结清", "说等公司回款再发", "老板一直躲着不见"}), "。")
		}
	case "labor_dispute":
		t.w(we, "在", placeOf, m.resp, "工作", strconv.Itoa(1+r.IntN(8)), "年，", m.resp,
			t.pick([]string{"单方面解除劳动合同，不支付经济补偿金", "不给申报工伤", "长期加班不给加班费", "一直不签劳动合同"}), "。")
	case "social_security":
		t.w(placeOf, m.resp, t.pick([]string{"入职几年一直没有给职工缴纳社会保险", "停缴了职工养老保险，影响退休办理", "拖着不给办理医保转移手续"}), "。")
	case "delayed_delivery":
		t.w(we, "购买的", m.resp, "开发的", place, m.project, "住房，合同约定", t.due.Format("2006年1月"), "交房，",
			t.pick([]string{"至今没有交付", "工地已经停工半年多", "收房日期一改再改"}), "，", m.resp, t.pick([]string{"一直推脱", "说资金紧张", "只说再等等"}), "，",
			t.pick([]string{"我们还要每月还房贷", "只能在外面租房住", "孩子上学的事也耽误了"}), "。")
	case "housing_quality":
		t.w(we, "买的", m.resp, "开发的", place, m.project, "交房后", t.pick([]string{"屋顶漏水", "墙体开裂", "实测面积缩水"}), "，", m.resp, t.pick([]string{"拒绝维修", "一直拖着不修"}), "。")
	case "property_registration":
		t.w(m.resp, "开发的", place, m.project, "交房", strconv.Itoa(2+r.IntN(5)), "年了，", my, "的房产证一直办不下来，", m.resp, "说是", t.pick([]string{"土地手续没办完", "配套没验收"}), "。")
	case "demolition_compensation":
		area := 40 + r.IntN(120)
		t.w(m.resp, "征收", my, "在", place, "的房屋", strconv.Itoa(area), "平方米，")
		switch r.IntN(3) {
		case 0:
			t.w("补偿标准每平方米", strconv.Itoa(2000+r.IntN(40)*100), "元，明显低于周边，申请调整没有结果。")
		case 1:
			t.w("签了安置协议，承诺的安置房至今没有落实，过渡费从", month, "起停发。")
		default:
			t.w("补偿款", b.amount(max(owed, 50000)), "至今没有到位。")
		}
	case "property_management":
		t.w(m.resp, "管理的", place, m.project, t.pick([]string{"电梯经常坏没人修", "暖气不热还催缴取暖费", "乱收停车费", "物业费年年涨服务却很差"}), "。")
	case "noise":
		switch m.kind {
		case kindOfficeBuilder:
			t.w(m.resp, "在", place, m.project, "夜间施工，", t.pick([]string{"半夜十二点还在干", "凌晨还在打桩", "每天干到后半夜"}), "，噪音很大，")
		case kindOfficeProperty:
			t.w(m.resp, "管理的", place, m.project, "地下水泵房设备噪声日夜不停，")
		case kindOfficeFactory:
			t.w(placeOf, m.resp, "厂区设备噪声日夜不停，")
		default:
			if strings.Contains(m.resp, "娱乐") {
				t.w(placeOf, m.resp, "经营的KTV营业到凌晨，音响声音太大，")
			} else {
				t.w(placeOf, m.resp, "的烧烤店营业到凌晨，露天音响噪音扰民，")
			}
		}
		t.w(t.pick([]string{"严重影响休息", "老人孩子都睡不着觉", "晚上根本没法睡"}), "。")
	case "environment":
		t.w(placeOf, m.resp, t.pick([]string{"粉尘污染严重", "排放刺鼻气味", "污水直排河道"}), "，", t.pick([]string{"附近居民生活受到影响", "窗户都不敢开"}), "。")
	case "consumer":
		t.w(we, "在", placeOf, m.resp, t.pick([]string{"办的预付卡，店家不给退款", "报的课程，退费被拒"}), "，涉及金额", b.amount(max(owed, 800)), "。")
	}
}

// risk adds the signs of the petition's level: a group acting for high; a
// sign of escalation (repetition, anger, organising) or a group with no
// action yet for medium; nothing for low.
func (t *text) risk(level string, ch xinfang.Channel) {
	m := t.m
	c := &cities[m.city]
	switch level {
	case xinfang.RiskHigh:
		group := t.people(t.n, t.unit())
		switch m.cat {
		case "wage_arrears":
			t.w("今天", group, "一起到", c.name, "信访局讨薪，", t.pick([]string{"要求当面给个说法", "说拿不到钱就不走"}), "。")
		case "delayed_delivery", "housing_quality", "property_registration", "property_management":
			t.w(group, t.pick([]string{"今天在售楼处门口聚集，拉了横幅", "今天一起到", "商量好下周一起去自治区信访局上访"}))
			if strings.HasSuffix(t.s.String(), "一起到") {
				t.w(c.name, "政府门口反映")
			}
			t.w("。")
		case "demolition_compensation":
			t.w(group, "今天集体到", c.name, "信访局上访，要求重新评估。")
		default:
			t.w("周边", group, "今天一起到", c.name, "信访局集体上访。")
		}
	case xinfang.RiskMedium:
		if t.n >= 5 {
			return // a group with no action yet is the sign
		}
		t.w(t.pick([]string{"这已经是第三次反映了。", "跑了十几趟没人管，大家都很气愤。", "群众情绪激动。", "这是第四次反映了。"}))
	}
}

// bulletins are the office's news pages over the year: reports of
// recurring matters resolved (naming the respondent and the place),
// quarterly reviews and leaders' reception days.
func (o *office) bulletins() []OfficeBulletin {
	var out []OfficeBulletin
	for i := range o.matters {
		m := &o.matters[i]
		if m.resolved.IsZero() {
			continue
		}
		out = append(out, o.resolution(m))
	}
	// Quarterly reviews and reception days of the office at the center.
	home := &cities[0]
	for q := 1; q <= 4; q++ {
		at := o.now.AddDate(0, -3*q+1, 0)
		at = time.Date(at.Year(), at.Month(), 8+o.r.IntN(10), 15, o.r.IntN(60), 0, 0, at.Location())
		if at.After(o.now) {
			continue
		}
		total := 300 + o.r.IntN(200)
		// The meeting reviews the quarter before the one it is held in.
		reviewed := time.Date(at.Year(), (at.Month()-1)/3*3+1, 1, 0, 0, 0, 0, at.Location()).AddDate(0, 0, -1)
		quarter := fmt.Sprintf("%d年第%s季度", reviewed.Year(), cnDigits[(int(reviewed.Month())+2)/3])
		out = append(out, OfficeBulletin{
			Title:  home.name + "信访局召开" + quarter + "信访形势分析会",
			Source: home.name + "信访局",
			Paragraphs: []string{
				fmt.Sprintf("%d月%d日，%s信访局召开信访形势分析会，通报%s全市信访工作情况。", at.Month(), at.Day(), home.name, quarter),
				fmt.Sprintf("%s全市共受理群众信访事项%d件，同比下降%d%%，其中欠薪、物业服务、延期交房问题较为集中，办结率%d%%。", quarter, total, 3+o.r.IntN(9), 88+o.r.IntN(10)),
				"会议要求，各旗县区要落实领导接访下访制度，对重复信访事项逐件化解，做到件件有着落、事事有回音。",
			},
			PublishedAt: at,
		})
		rec := at.AddDate(0, 0, 12+o.r.IntN(5))
		if rec.After(o.now) {
			continue
		}
		co := home.counties[o.r.IntN(len(home.counties))].name
		out = append(out, OfficeBulletin{
			Title:  home.name + "开展领导干部接访日活动",
			Source: home.name + "信访局",
			Paragraphs: []string{
				fmt.Sprintf("%d月%d日，%s领导在%s信访接待中心接待来访群众%d批%d人次，现场交办事项%d件。", rec.Month(), rec.Day(), home.name, co, 5+o.r.IntN(8), 20+o.r.IntN(30), 4+o.r.IntN(6)),
				"接访中，群众反映的问题主要涉及工程款和农民工工资、房屋征收补偿、小区物业服务等。对能够当场解决的，现场协调解决；对需要调查核实的，明确责任单位和办理时限。",
			},
			PublishedAt: rec,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PublishedAt.Before(out[j].PublishedAt) })
	for i := range out {
		b := &out[i]
		b.Path = fmt.Sprintf("/gen/xfj/%s/t%s_%04d.html", b.PublishedAt.Format("200601"), b.PublishedAt.Format("20060102"), i+1)
	}
	return out
}

// resolution is the bulletin that reports matter m resolved.
func (o *office) resolution(m *matter) OfficeBulletin {
	c := &cities[m.city]
	co := c.counties[m.county].name
	at := m.resolved
	date := fmt.Sprintf("%d月%d日", at.Month(), at.Day())
	by := co // who acted, unless the respondent's name already says where
	if strings.HasPrefix(m.resp, co) {
		by = ""
	}
	n := max(m.people, 1)
	amount := o.b.amount(max(m.amount, 10000))
	var title string
	var ps []string
	switch m.cat {
	case "wage_arrears", "labor_dispute", "social_security":
		title = by + "化解" + m.resp + "欠薪问题"
		ps = []string{
			fmt.Sprintf("近日，%s人力资源和社会保障局接到群众反映%s拖欠工资的信访诉求后，会同住建部门约谈企业负责人，调查核实用工和工资支付情况。", co, m.resp),
			fmt.Sprintf("%s，经协调，%s筹措资金%s，%d名工人的工资已全部发放到位，案结事了。", date, m.resp, amount, n),
			"下一步，将持续加强工资支付监管，对拒不支付劳动报酬的行为依法查处。",
		}
	case "demolition_compensation":
		title = m.resp + "征收补偿问题得到妥善解决"
		ps = []string{
			fmt.Sprintf("针对群众反映的%s补偿问题，%s信访联席会议办公室组织征收、自然资源等部门逐户核实，重新核定附属设施评估。", m.resp, co),
			fmt.Sprintf("%s，%d户被征收户已签订补偿协议，补偿款%s已发放到位。", date, n, amount),
		}
	case "delayed_delivery", "property_registration", "housing_quality":
		title = m.project + "问题楼盘顺利交付"
		ps = []string{
			fmt.Sprintf("%s，%s开发的%s%s举行交付仪式，%d户业主领到钥匙。", date, m.resp, co, m.project, n),
			fmt.Sprintf("该项目曾因资金链紧张停工，%s住建部门派驻工作专班，监管预售资金，推动复工续建，业主反映的问题得到妥善解决。", co),
		}
	case "consumer":
		title = by + "调解" + m.resp + "预付费退费纠纷"
		ps = []string{
			fmt.Sprintf("近日，%s市场监督管理局接到消费者反映%s预付费不予退还的投诉后，约谈经营者，组织双方调解。", co, m.resp),
			fmt.Sprintf("%s，经调解，%s同意退还消费者预付费用%s，双方达成和解。", date, m.resp, o.b.amount(max(m.amount, 800))),
		}
	default:
		title = by + "督促" + m.resp + "整改群众反映问题"
		ps = []string{
			fmt.Sprintf("近日，群众反映%s%s的问题。%s相关部门现场核查后约谈企业负责人，提出整改要求。", by, m.resp, co),
			fmt.Sprintf("%s复查时，%s已完成整改，问题已整改到位，周边群众表示满意。", date, m.resp),
		}
	}
	return OfficeBulletin{Title: title, Source: c.name + "信访局", PublishedAt: at, Paragraphs: ps, Resolves: m.resp}
}
