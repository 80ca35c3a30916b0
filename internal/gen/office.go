package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/xinfang/xinfang"
)

// The office profile: a year of one regional petition office's work for the
// demo, unlike the benchmark generator above (New, Record), whose output
// stays as it is. Petitions are about named (invented) respondents; most
// matters come once, some twice, a few keep coming back (the clusters worth
// opening); most petitions are one person's, a few are groups acting
// together, so that the analyzer rates a few percent high risk, as offices
// see. Each petition tells one matter whose category words, respondent,
// place, people and amount agree. Dates run over the year before now, case
// handling follows the age of each petition, and bulletins of the office's
// news page report some recurring matters resolved, naming the same
// respondent and place.

// OfficeYear is the demo's data.
type OfficeYear struct {
	Petitions []xinfang.Record
	Bulletins []OfficeBulletin
}

// OfficeBulletin is one news page of the office's site: Path is its URL path
// (under /gen/), PublishedAt its time, Paragraphs its body.
type OfficeBulletin struct {
	Path        string
	Title       string
	Source      string
	PublishedAt time.Time
	Paragraphs  []string
	// Resolves is the respondent of the matter the bulletin reports
	// resolved, "" for a report of another kind.
	Resolves string
}

// Shares of the office profile's petitions: in matters that come back three
// or more times (each of which the index raises one risk level), in matters
// that come twice, and, of the others, those a group acts on (high) and
// those with a sign of escalation (medium).
const (
	officeRecurringShare = 0.10
	officePairShare      = 0.10
	officeHighShare      = 0.03
	officeMediumShare    = 0.08
)

// Office returns n petitions received over the year before now and the
// bulletins of the same year. The same seed, now and n give the same data.
func Office(seed int64, now time.Time, n int) OfficeYear {
	r := rand.New(rand.NewPCG(mix(uint64(seed)), mix(uint64(seed)^0x0ff1ce)))
	o := &office{r: r, b: builder{r: r}, now: now, names: map[string]bool{}}
	total := 0
	for _, w := range cityWeights {
		total += w
		o.cityCum = append(o.cityCum, total)
	}
	o.plan(n)
	var out OfficeYear
	for i := range o.matters {
		m := &o.matters[i]
		for j := 0; j < m.size; j++ {
			out.Petitions = append(out.Petitions, o.petition(m, j))
		}
	}
	sort.SliceStable(out.Petitions, func(i, j int) bool { return out.Petitions[i].ReceivedAt.Before(out.Petitions[j].ReceivedAt) })
	for i := range out.Petitions {
		out.Petitions[i].ID = fmt.Sprintf("XF-%05d", i+1)
	}
	out.Bulletins = o.bulletins()
	return out
}

type office struct {
	r       *rand.Rand
	b       builder
	now     time.Time
	cityCum []int
	names   map[string]bool
	matters []matter
}

// matter is one issue that petitions are about.
type matter struct {
	kind    int    // index in officeKinds
	resp    string // the respondent, a named body
	project string
	cat     string
	city    int
	county  int
	people  int // how many are concerned (1 for an individual's matter)
	amount  int // yuan at stake, 0 when the category has none
	size    int // petitions about it
	first   time.Time
	span    time.Duration // from the first petition to the last
	level   string        // of a one-off or twice-told matter's petitions; "" is low
	// escalate: the last petition of a recurring matter is a group acting.
	escalate bool
	resolved time.Time // when a bulletin reported it resolved; zero if none
	lead     *xinfang.Person
}

// plan lays out the matters of n petitions.
func (o *office) plan(n int) {
	r := o.r
	left := n
	recurring := int(float64(n) * officeRecurringShare)
	for recurring >= 3 && left >= 3 {
		size := min(3+int(r.ExpFloat64()*4), 16, recurring, left)
		if recurring-size < 3 {
			size = recurring
		}
		o.addMatter(size)
		recurring -= size
		left -= size
	}
	for pairs := int(float64(n) * officePairShare / 2); pairs > 0 && left >= 2; pairs-- {
		o.addMatter(2)
		left -= 2
	}
	for ; left > 0; left-- {
		o.addMatter(1)
	}
	// A third of the recurring matters that ended a month ago or more
	// were reported resolved by a bulletin one to four weeks after their
	// last petition.
	for i := range o.matters {
		m := &o.matters[i]
		last := m.first.Add(m.span)
		if m.size >= 3 && o.now.Sub(last) > 35*24*time.Hour && r.IntN(3) == 0 {
			m.resolved = last.Add(time.Duration(7*24+r.IntN(21*24)) * time.Hour)
			m.resolved = time.Date(m.resolved.Year(), m.resolved.Month(), m.resolved.Day(), 9+r.IntN(8), r.IntN(60), 0, 0, m.resolved.Location())
		}
	}
	// Levels of the one-off and twice-told matters' petitions.
	var small []int
	for i := range o.matters {
		if o.matters[i].size < 3 {
			small = append(small, i)
		}
	}
	r.Shuffle(len(small), func(i, j int) { small[i], small[j] = small[j], small[i] })
	high := int(float64(n)*officeHighShare + 0.5)
	medium := int(float64(n)*officeMediumShare + 0.5)
	for _, i := range small {
		m := &o.matters[i]
		switch {
		case high > 0:
			m.level = xinfang.RiskHigh
			high -= m.size
		case medium > 0:
			m.level = xinfang.RiskMedium
			medium -= m.size
		default:
			continue
		}
		if m.people < 5 && (m.level == xinfang.RiskHigh || r.IntN(2) == 0) {
			m.people = 5 + r.IntN(40)
		}
	}
}

// officeKind is a respondent's trade: its name forms and the matters
// petitions bring about it.
type officeKind struct {
	weight   int
	suffixes []string
	place    bool // named after its county (赛罕区…) rather than its 盟市
	cats     []string
	projects []string
	people   [2]int // the people a matter concerns, low and high
	amount   [2]int // yuan, low and high; 0 for none
}

// Indexes of officeKinds that the texts treat apart.
const (
	kindOfficeBuilder = iota
	kindOfficeDeveloper
	kindOfficeExpropriation
	kindOfficeProperty
	kindOfficeEmployer
	kindOfficeFactory
	kindOfficeMerchant
	kindOfficeVenue
)

var officeKinds = []officeKind{
	{30, []string{"建筑劳务有限公司", "建设工程有限公司", "建筑安装工程有限公司"}, true, []string{"wage_arrears", "wage_arrears", "wage_arrears", "noise"},
		[]string{"花园小区二期工地", "家园三期工地", "商业综合体工地", "安置小区工地", "学校教学楼工地"}, [2]int{3, 60}, [2]int{20000, 3000000}},
	{14, []string{"置业有限公司", "房地产开发有限公司"}, false, []string{"delayed_delivery", "delayed_delivery", "housing_quality", "property_registration"},
		[]string{"花园", "家园", "名苑", "新城"}, [2]int{10, 400}, [2]int{0, 0}},
	{10, []string{"片区棚户区改造项目", "城中村改造项目", "道路拓宽项目"}, true, []string{"demolition_compensation"},
		nil, [2]int{3, 200}, [2]int{50000, 5000000}},
	{12, []string{"物业有限公司"}, true, []string{"property_management", "property_management", "noise"},
		[]string{"小区"}, [2]int{1, 300}, [2]int{0, 0}},
	{12, []string{"商贸有限公司", "物流有限公司", "餐饮有限公司", "劳务派遣有限公司"}, false, []string{"wage_arrears", "labor_dispute", "social_security"},
		nil, [2]int{1, 30}, [2]int{3000, 200000}},
	{8, []string{"化工有限公司", "建材有限公司", "煤业有限公司"}, false, []string{"environment", "noise"},
		[]string{"厂区"}, [2]int{1, 200}, [2]int{0, 0}},
	{8, []string{"教育培训学校有限公司", "健身有限公司", "汽车销售有限公司"}, true, []string{"consumer"},
		nil, [2]int{1, 80}, [2]int{800, 60000}},
	{6, []string{"娱乐有限公司", "烧烤餐饮有限公司"}, true, []string{"noise"},
		nil, [2]int{1, 40}, [2]int{0, 0}},
}

var (
	tradeFirst  = []rune("鑫恒宏金华瑞广隆德泰永兴天祥通盛博众嘉汇荣福正诚安昌振卓锦鼎裕丰")
	tradeSecond = []rune("达远辉盛源润丰鼎利通泰安兴隆昌泽晟宇诚嘉信鑫旺宸")
	areaNames   = []string{"金河", "南湖", "北苑", "东岸", "西园", "光明", "新华", "胜利", "团结", "和平", "长青", "兴隆", "民主", "红星", "前进"}
)

// addMatter makes a matter with a new respondent; size petitions are about it.
func (o *office) addMatter(size int) {
	r := o.r
	w := 0
	for _, k := range officeKinds {
		w += k.weight
	}
	x := r.IntN(w)
	ki := 0
	for x >= officeKinds[ki].weight {
		x -= officeKinds[ki].weight
		ki++
	}
	k := &officeKinds[ki]
	city := pickCum(r, o.cityCum)
	c := &cities[city]
	county := r.IntN(len(c.counties))
	m := matter{kind: ki, city: city, county: county, size: size, cat: k.cats[r.IntN(len(k.cats))]}
	for {
		trade := string(tradeFirst[r.IntN(len(tradeFirst))]) + string(tradeSecond[r.IntN(len(tradeSecond))])
		place := c.name
		if k.place {
			place = c.counties[county].name
		}
		suffix := k.suffixes[r.IntN(len(k.suffixes))]
		if ki == kindOfficeExpropriation {
			trade = areaNames[r.IntN(len(areaNames))] // a project is named after its area
		}
		m.resp = place + trade + suffix
		if o.names[m.resp] {
			continue
		}
		o.names[m.resp] = true
		switch {
		case k.projects != nil:
			p := k.projects[r.IntN(len(k.projects))]
			m.project = string(tradeSecond[r.IntN(len(tradeSecond))]) + string(tradeFirst[r.IntN(len(tradeFirst))]) + p
			if ki == kindOfficeDeveloper || ki == kindOfficeProperty { // their estates bear the trade name
				m.project = trade + p
			}
		default:
			m.project = m.resp
		}
		break
	}
	if size >= 3 || r.IntN(3) > 0 {
		m.people = k.people[0] + r.IntN(k.people[1]-k.people[0]+1)
	} else {
		m.people = 1
	}
	if m.cat == "noise" || m.cat == "consumer" || m.cat == "labor_dispute" || m.cat == "social_security" {
		if r.IntN(2) == 0 {
			m.people = 1
		}
	}
	if k.amount[1] > 0 && m.cat != "noise" && m.cat != "labor_dispute" && m.cat != "social_security" {
		v := float64(k.amount[0]) * math.Pow(float64(k.amount[1])/float64(k.amount[0]), r.Float64())
		m.amount = int(v) / 100 * 100
		if m.cat == "wage_arrears" {
			// The sum owed is what the matter's workers are owed.
			m.amount = m.people * (3000 + r.IntN(370)*100)
		}
	}
	year := 365 * 24 * time.Hour
	if size >= 3 {
		m.span = time.Duration(20+r.IntN(140)) * 24 * time.Hour
		m.escalate = r.IntN(5) < 2
	} else if size == 2 {
		m.span = time.Duration(5+r.IntN(60)) * 24 * time.Hour
	}
	day := 24 * time.Hour
	m.first = o.now.Add(-year + day + time.Duration(r.Int64N(int64(year-m.span-2*day))))
	m.first = workingHours(r, m.first)
	m.lead = o.person(&m)
	if m.escalate && m.people < 5 {
		m.people = 8 + r.IntN(50)
	}
	o.matters = append(o.matters, m)
}

func pickCum(r *rand.Rand, cum []int) int {
	n := r.IntN(cum[len(cum)-1])
	for i, c := range cum {
		if n < c {
			return i
		}
	}
	return len(cum) - 1
}

// workingHours moves t into office hours of its day.
func workingHours(r *rand.Rand, t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 8+r.IntN(9), r.IntN(60), 0, 0, t.Location())
}

var givenNames = []string{"建军", "海军", "秀英", "桂兰", "志强", "丽娟", "文华", "玉梅", "国庆", "春花", "金山", "巴特尔", "乌云", "其其格", "宝音", "永红", "晓东", "淑珍", "德胜", "小军"}

// person makes a synthetic petitioner of matter m: phone digits 4–7 are 0000
// and the ID number's check digit is wrong, as every fixture's.
func (o *office) person(m *matter) *xinfang.Person {
	r := o.r
	c := &cities[m.city]
	p := &xinfang.Person{Name: string(surnames[r.IntN(len(surnames))]) + givenNames[r.IntN(len(givenNames))], Phone: fakePhone(r)}
	if r.IntN(10) < 7 {
		p.IDNumber = FakeIDNumber(r, c.idPrefix+fmt.Sprintf("%02d", 1+r.IntN(30)))
	}
	if r.IntN(2) == 0 {
		p.Address = "内蒙古自治区" + c.name + c.counties[m.county].name + o.b.pick(towns) + o.b.pick(villages) + strconv.Itoa(1+r.IntN(40)) + "号"
	}
	return p
}
