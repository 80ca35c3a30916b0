package nlp

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/cjk"
)

// originMarkers before a place say it is where the petitioner comes from,
// not where the matter is.
var originMarkers = []string{"老家", "户籍", "原籍", "祖籍", "籍贯", "户口在", "户口", "来自", "总部在", "总部位于", "注册在", "注册地", "家住"}

// places resolves the place names in the text and picks the best single
// 盟市 and county of the matter: the first home-province place that is not
// the petitioner's origin; when that is a 盟市, the first county of that
// 盟市 named anywhere in the text.
func (a *Analyzer) places(t *text, ms []match, sc *analysisScratch) ([]xinfang.Place, *string, *string) {
	cand := sc.places[:0]
	for _, m := range ms {
		if m.pat >= a.placeBase && m.pat < a.riskBase {
			cand = append(cand, m)
		}
	}
	sc.places = cand
	out := []xinfang.Place{}
	if len(cand) == 0 {
		return out, nil, nil
	}
	// Leftmost-longest, without overlaps.
	// Place names are distinct, so a span is one match and the order total.
	slices.SortFunc(cand, func(x, y match) int {
		if x.start != y.start {
			return cmp.Compare(x.start, y.start)
		}
		return cmp.Compare(y.end, x.end)
	})
	type found struct {
		e      placeEntry
		m      match
		origin bool // the petitioner's or a company's origin, or a comparison
		shared bool // the name exists in another province too
		filed  bool // a news dateline or a border port passed: never the matter
	}
	var got []found
	lastEnd := -1
	var prev *placeEntry
	prevEnd := -1
	for _, m := range cand {
		if m.start < lastEnd {
			continue
		}
		name := a.placeNames[m.pat-a.placeBase]
		var p *placeEntry
		if prev != nil && m.start-prevEnd <= 3 {
			p = prev
		}
		e, ok := a.gaz.lookup(name, p)
		if ok && partOfTownName(t.norm, m.start, name) {
			// 万宁市长丰镇: another town whose name ends in 丰镇.
			continue
		}
		if ok && name == "新城区" && containsAny(before(t.norm, m.start, 1), []string{"建", "的", "个", "成", "片", "座", "为"}) {
			// 绥德县建新城区的一部分: a new town area, not Hohhot's district.
			continue
		}
		if ok && name == "包头" && (strings.HasPrefix(t.norm[m.end:], "工") || containsAny(before(t.norm, m.start, 1), []string{"包", "工", "小", "大", "二"})) {
			// 包头工, 小包头, 包工包头: a labour boss, not Baotou.
			continue
		}
		if ok && strings.HasPrefix(name, "商") && containsAny(before(t.norm, m.start, 1), []string{"发", "厂", "包", "应", "销", "电", "客", "外", "招", "营", "务", "货", "协"}) {
			// 开发商都没有给出答复: 商 ends 开发商, no 商都县.
			continue
		}
		if ok && e.level == LevelCounty && name != e.county && !hasAdminSuffix(name) && isBusinessName(t.norm, m.end) {
			// 托里县商都酒店: a hotel named after a county, elsewhere.
			continue
		}
		if !ok || isStreet(t.norm, m.end) {
			// 巴彦淖尔快速路, 鄂尔多斯大街: streets of Hohhot, not the 盟市.
			continue
		}
		lastEnd = m.end
		if e.home && p == nil && foreignBefore(t.norm, m.start) {
			// 兰州市城关区, 郑州市新城区: a district under a city or
			// province the gazetteer does not know is not the home one.
			e.home = false
		}
		f := found{e: e, m: m, origin: isOrigin(t.norm, m) || isComparison(t.norm, m), filed: dateline(t.norm, m) || borderCrossing(t.norm, m), shared: len(a.gaz.entries[name]) > 1}
		got = append(got, f)
		prev, prevEnd = &got[len(got)-1].e, m.end
	}
	seen := map[xinfang.Place]bool{}
	for _, f := range got {
		p := xinfang.Place{Name: t.norm[f.m.start:f.m.end], Level: f.e.level, County: f.e.county, City: f.e.city, Province: f.e.province}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	var city, county *string
	// The place of the matter; the petitioner's origin only when the text
	// names no other.
	anyMatter, elsewhere := false, false
	var cities []string
	mentions := map[string]int{}
	for _, f := range got {
		if f.e.home && !f.origin && !f.filed && f.e.level != LevelProvince {
			anyMatter = true
			if !slices.Contains(cities, f.e.city) {
				cities = append(cities, f.e.city)
			}
			mentions[f.e.city]++
		}
		if !f.e.home && !f.origin && f.e.province != "" {
			elsewhere = true
		}
	}
	// A text about the whole region, or listing several 盟市, has no single
	// place of the matter, unless one of them comes back again and again
	// while the others are named in passing (a court's case in 武川县, told
	// with where the workers came from and went on to work).
	only := ""
	if len(cities) >= 3 || len(cities) == 2 && containsAny(t.norm, regionWide) {
		only = dominantCity(cities, mentions)
		if only == "" {
			return out, nil, nil
		}
	}
	for i, f := range got {
		if !f.e.home || f.origin && anyMatter || f.e.level == LevelProvince || f.filed || only != "" && f.e.city != only {
			continue
		}
		if f.shared && elsewhere {
			// 新城区 in a text about another province is that province's.
			continue
		}
		c := f.e.city
		city = &c
		// 涉及新城区3件、玉泉区1件、赛罕区2件、托克托县3件…: four or more of a
		// city's counties make no single county.
		var counties []string
		for _, g := range got {
			if g.e.home && !g.origin && g.e.level == LevelCounty && g.e.city == c && !slices.Contains(counties, g.e.county) {
				counties = append(counties, g.e.county)
			}
		}
		if len(counties) >= 4 {
			break
		}
		if f.e.level == LevelCounty {
			k := f.e.county
			county = &k
			break
		}
		for _, g := range got[i+1:] {
			if g.e.home && (!g.origin || !anyMatter) && g.e.level == LevelCounty && g.e.city == c {
				k := g.e.county
				county = &k
				break
			}
		}
		break
	}
	return out, city, county
}

// dominantCity returns the city named at least four times and more often
// than all the others together, "" when there is none.
func dominantCity(cities []string, mentions map[string]int) string {
	top, rest := "", 0
	for _, c := range cities {
		if top == "" || mentions[c] > mentions[top] {
			top = c
		}
		rest += mentions[c]
	}
	rest -= mentions[top]
	if mentions[top] >= 4 && mentions[top] > rest {
		return top
	}
	return ""
}

// partOfTownName reports a two-character short name ending in 镇 (丰镇 for
// 丰镇市) that is the tail of a longer town's name: a Han character other
// than a preposition or particle stands right before it.
func partOfTownName(s string, i int, name string) bool {
	if !strings.HasSuffix(name, "镇") || utf8.RuneCountInString(name) != 2 || i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isHan(r) && !strings.ContainsRune("在到去从于至往的和与及了是住回赴来离", r)
}

// streetSuffixes after a place name make it the name of a street.
var streetSuffixes = []string{"路", "大街", "街", "大道", "快速路", "巷", "大桥", "桥", "东路", "西路", "南路", "北路", "中路",
	"东街", "西街", "南街", "北街", "广场", "版块", "板块"}

// businessSuffixes after a county's short name make it the name of a
// business: 商都酒店, 开鲁商贸公司.
var businessSuffixes = []string{"酒店", "大酒店", "宾馆", "饭店", "大厦", "商场", "超市", "商城", "商贸", "集团", "公司", "国际", "餐厅", "饭庄", "酒楼"}

func isBusinessName(s string, end int) bool {
	_, ok := hasAnyPrefix(s[end:], businessSuffixes)
	return ok
}

// hasAdminSuffix reports a name that ends like an administrative unit.
func hasAdminSuffix(name string) bool {
	_, ok := hasAnySuffix(name, []string{"市", "旗", "县", "区", "盟", "镇"})
	return ok
}

func isStreet(s string, end int) bool {
	_, ok := hasAnyPrefix(s[end:], streetSuffixes)
	return ok
}

// regionWide words say a text is about the whole region.
var regionWide = []string{"各盟市", "全区各", "全自治区", "12个盟市", "十二个盟市", "自治区各地", "全区共", "全区累计"}

// comparisonBefore and comparisonAfter mark a place named as a comparison:
// 比邻县暖气还差, 和赤峰那边一样.
var (
	comparisonBefore = []string{"比", "不如", "参照", "参考", "像", "对比", "隔壁", "相邻的", "邻近的", "周边的", "人家", "别的地方", "其他地方", "其它地方", "别的旗县", "别的县", "别处", "外地如"}
	comparisonAfter  = []string{"相比", "一样", "那边", "那里都", "都给", "都发", "都已", "早就", "比我们", "的标准", "的做法"}
)

func isComparison(s string, m match) bool {
	// The marker may stand before the first name of a list: 别的地方集宁、
	// 镶黄旗等都供暖.
	pre := clauseBefore(s, m.start, 5)
	if j := m.start - len(pre); strings.HasSuffix(s[:j], "、") {
		pre = clauseBefore(s, j-len("、"), 10)
	}
	return containsAny(pre, comparisonBefore) || containsAny(clauseAfterList(s, m.end, 12), comparisonAfter)
}

// dateline reports a place that opens a news dateline (新华社呼和浩特
// 1月6日电, 本报包头讯, 新华网呼和浩特10月7日电): where the reporter files
// from, not the matter.
func dateline(s string, m match) bool {
	pre := before(s, m.start, 4)
	rest := clauseAfter(s, m.end, 10)
	if strings.HasPrefix(rest, "讯") || strings.HasPrefix(rest, "电") {
		return containsAny(pre, datelineSources)
	}
	if !cjk.Contains(rest, "日电") && !cjk.Contains(rest, "日讯") {
		return false
	}
	// A source's name, or nothing: the dateline opens the text or a line.
	return containsAny(pre, datelineSources) || m.start == 0 || strings.HasSuffix(s[:m.start], "\n")
}

// datelineSources end the names of news agencies, papers, sites and
// stations that open a dateline (新华社, 本报, 人民网, 内蒙古日报, 央视台).
var datelineSources = []string{"社", "本报", "本网", "网", "报", "台", "电讯", "网讯", "报讯"}

// foreignBefore reports a place name right after another administrative
// unit's name that is not in the gazetteer (X市, X省, X州, X县): the name
// belongs to that unit.
func foreignBefore(s string, i int) bool {
	r, w := utf8.DecodeLastRuneInString(s[:i])
	if r != '市' && r != '省' && r != '州' && r != '县' && r != '区' {
		return false
	}
	// 虹口区凉城版块: a district the gazetteer does not know; 园区, 小区,
	// 城区 are no districts.
	if r == '区' && containsAny(before(s, i, 2), genericAreas) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i-w])
	return isHan(p)
}

// genericAreas end in 区 without naming a district.
var genericAreas = []string{"园区", "开发区", "新区", "矿区", "景区", "城区", "社区", "辖区", "片区", "小区", "市区", "地区", "郊区", "牧区", "山区", "林区", "灾区", "示范区", "试验区", "保护区", "功能区", "街区", "校区", "厂区", "库区", "垦区", "老区", "边区", "特区", "全区", "本区", "该区", "我区", "各区"}

// borderCrossing reports a border port passed on the way abroad
// (从二连浩特口岸出境到蒙古国务工): never the place of the matter.
func borderCrossing(s string, m match) bool {
	return strings.HasPrefix(s[m.end:], "口岸") && containsAny(clauseAfter(s, m.end, 10)+clauseBefore(s, m.start, 6), []string{"出境", "入境", "出关", "入关", "过境", "通关"})
}

// isOrigin reports whether the place at m is the petitioner's origin:
// 赤峰市人, 老家在通辽.
func isOrigin(s string, m match) bool {
	rest := s[m.end:]
	if strings.HasPrefix(rest, "人") && !strings.HasPrefix(rest, "人民") && !strings.HasPrefix(rest, "人社") {
		if r, _ := utf8.DecodeRuneInString(rest[len("人"):]); r == ',' || r == '，' || r == '。' || r == ' ' || r == '的' || r == ')' || r == utf8.RuneError {
			return true
		}
	}
	if containsAny(clauseBefore(s, m.start, 5), originMarkers) {
		return true
	}
	// 家住内蒙古鄂尔多斯市东胜区的郝某: every unit of the address after
	// 家住 is where the person lives, which yields to the place of the
	// matter when the text names one.
	if cjk.Contains(clauseBefore(s, m.start, 16), "家住") {
		return true
	}
	// 我们十二个人是察右前旗和卓资县的，在集宁区干活: who they are, said
	// with 是…的 closing the clause.
	if tail := clauseAfter(s, m.end, 8); strings.HasSuffix(tail, "的") && utf8.RuneCountInString(tail) <= 6 && len(tail)+m.end < len(s) &&
		cjk.Contains(clauseBeforeList(s, m.start, 10), "是") && !cjk.Contains(tail, "是") {
		return true
	}
	return false
}
