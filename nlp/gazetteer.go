package nlp

import (
	"strings"

	"github.com/xinfang/xinfang"
)

// Place levels of xinfang.Place.
const (
	LevelProvince = "province"
	LevelCity     = "city"
	LevelCounty   = "county"
)

// HomeProvinceDefault is the province that wins ties between place names that
// exist in several provinces.
const HomeProvinceDefault = "内蒙古自治区"

// gazCity is one 盟市 of Inner Mongolia with its county-level units. Each
// county is written "canonical|short|short…"; short forms are the ways people
// write the name (土左旗 for 土默特左旗).
type gazCity struct {
	name    string
	aliases []string
	// counties in the official order of the administrative division code.
	counties []string
}

// innerMongolia lists the 12 盟市 and all 103 county-level units (23
// districts, 11 county-level cities, 17 counties, 49 banners and 3 autonomous
// banners) of Inner Mongolia, with the short forms in common use and, for a
// unit whose seat town has a name of its own, that town (巴彦高勒镇 is where
// 磴口县's offices are; news often names only the town). A zone that
// is no county-level unit (乌拉盖管理区, 包头's 稀土高新区) is an alias of its
// 盟市.
var innerMongolia = []gazCity{
	{"呼和浩特市", []string{"呼和浩特", "呼市"}, []string{
		"新城区", "回民区", "玉泉区", "赛罕区|赛罕",
		"土默特左旗|土左旗|土左|察素齐镇", "托克托县|托县|双河镇", "和林格尔县|和林县|和林格尔",
		"清水河县", "武川县|武川|可可以力更镇",
	}},
	{"包头市", []string{"包头", "稀土高新区"}, []string{
		"东河区", "昆都仑区|昆区|昆都仑", "青山区", "石拐区", "白云鄂博矿区|白云矿区|白云鄂博",
		"九原区", "土默特右旗|土右旗|土右|萨拉齐镇", "固阳县|固阳",
		"达尔罕茂明安联合旗|达茂旗|达茂联合旗|达茂|百灵庙镇",
	}},
	{"乌海市", []string{"乌海"}, []string{"海勃湾区|海勃湾", "海南区", "乌达区"}},
	{"赤峰市", []string{"赤峰"}, []string{
		"红山区", "元宝山区", "松山区", "阿鲁科尔沁旗|阿鲁科尔沁|阿旗",
		"巴林左旗|巴左旗|林东镇", "巴林右旗|巴右旗|大板镇", "林西县|林西镇",
		"克什克腾旗|克旗|克什克腾|经棚镇", "翁牛特旗|翁旗|翁牛特|乌丹镇", "喀喇沁旗|喀旗|喀喇沁|锦山镇",
		"宁城县|天义镇", "敖汉旗|敖汉|新惠镇",
	}},
	{"通辽市", []string{"通辽"}, []string{
		"科尔沁区", "科尔沁左翼中旗|科左中旗|保康镇", "科尔沁左翼后旗|科左后旗|甘旗卡镇",
		"开鲁县|开鲁|开鲁镇", "库伦旗|库伦镇", "奈曼旗|奈曼|大沁他拉镇", "扎鲁特旗|扎鲁特|扎旗|鲁北镇",
		"霍林郭勒市|霍林郭勒|霍市",
	}},
	{"鄂尔多斯市", []string{"鄂尔多斯"}, []string{
		"东胜区|东胜", "康巴什区|康巴什", "达拉特旗|达旗|达拉特|树林召镇", "准格尔旗|准旗|准格尔|薛家湾镇",
		"鄂托克前旗|鄂前旗|鄂托克前|敖勒召其镇", "鄂托克旗|鄂旗|乌兰镇", "杭锦旗|锡尼镇", "乌审旗|乌审|嘎鲁图镇",
		"伊金霍洛旗|伊旗|伊金霍洛|阿勒腾席热镇",
	}},
	{"呼伦贝尔市", []string{"呼伦贝尔"}, []string{
		"海拉尔区|海拉尔", "扎赉诺尔区|扎赉诺尔", "阿荣旗|那吉镇",
		"莫力达瓦达斡尔族自治旗|莫力达瓦旗|莫旗|莫力达瓦|尼尔基镇", "鄂伦春自治旗|鄂伦春旗|鄂伦春|阿里河镇",
		"鄂温克族自治旗|鄂温克旗|鄂温克|巴彦托海镇", "陈巴尔虎旗|陈旗|陈巴尔虎|巴彦库仁镇",
		"新巴尔虎左旗|新左旗|阿木古郎镇", "新巴尔虎右旗|新右旗|阿拉坦额莫勒镇",
		"满洲里市|满洲里", "牙克石市|牙克石", "扎兰屯市|扎兰屯", "额尔古纳市|额尔古纳", "根河市|根河",
	}},
	{"巴彦淖尔市", []string{"巴彦淖尔", "巴市"}, []string{
		"临河区", "五原县|五原|隆兴昌镇", "磴口县|磴口|巴彦高勒镇", "乌拉特前旗|乌前旗|乌拉山镇", "乌拉特中旗|乌中旗|海流图镇",
		"乌拉特后旗|乌后旗|巴音宝力格镇", "杭锦后旗|杭后旗|杭后|陕坝镇",
	}},
	{"乌兰察布市", []string{"乌兰察布"}, []string{
		"集宁区|集宁", "卓资县|卓资|卓资山镇", "化德县|长顺镇", "商都县|商都|七台镇", "兴和县", "凉城县|凉城|岱海镇",
		"察哈尔右翼前旗|察右前旗|土贵乌拉镇", "察哈尔右翼中旗|察右中旗|科布尔镇", "察哈尔右翼后旗|察右后旗|白音察干镇",
		"四子王旗|四子王|乌兰花镇", "丰镇市|丰镇",
	}},
	{"兴安盟", nil, []string{
		"乌兰浩特市|乌兰浩特", "阿尔山市|阿尔山", "科尔沁右翼前旗|科右前旗",
		"科尔沁右翼中旗|科右中旗|巴彦呼舒镇", "扎赉特旗|扎赉特|音德尔镇", "突泉县|突泉|突泉镇",
	}},
	{"锡林郭勒盟", []string{"锡林郭勒", "锡盟", "乌拉盖管理区", "乌拉盖"}, []string{
		"二连浩特市|二连浩特|二连", "锡林浩特市|锡林浩特|锡市", "阿巴嘎旗|阿巴嘎|别力古台镇",
		"苏尼特左旗|苏左旗|满都拉图镇", "苏尼特右旗|苏右旗|赛汉塔拉镇", "东乌珠穆沁旗|东乌旗|乌里雅斯太镇",
		"西乌珠穆沁旗|西乌旗|巴拉嘎尔高勒镇", "太仆寺旗|太旗|宝昌镇", "镶黄旗|新宝拉格镇", "正镶白旗|正镶白|明安图镇", "正蓝旗|上都镇",
		"多伦县|多伦淖尔镇",
	}},
	{"阿拉善盟", []string{"阿拉善", "阿盟"}, []string{
		"阿拉善左旗|阿左旗|巴彦浩特镇", "阿拉善右旗|阿右旗|额肯呼都格镇", "额济纳旗|额济纳|达来呼布镇",
	}},
}

// elsewhere are places outside the home province: the provinces and a few
// capitals, and the other homes of county names that Inner Mongolia shares
// (新城区, 青山区, 松山区…). Each entry is "name|province|city".
var elsewhere = []string{
	"北京市|北京市|北京市", "北京|北京市|北京市", "天津市|天津市|天津市", "上海市|上海市|上海市",
	"重庆市|重庆市|重庆市", "河北省|河北省|", "石家庄市|河北省|石家庄市", "石家庄|河北省|石家庄市",
	"山西省|山西省|", "太原市|山西省|太原市", "太原|山西省|太原市", "大同市|山西省|大同市",
	"辽宁省|辽宁省|", "沈阳市|辽宁省|沈阳市", "沈阳|辽宁省|沈阳市", "吉林省|吉林省|",
	"长春市|吉林省|长春市", "黑龙江省|黑龙江省|", "哈尔滨市|黑龙江省|哈尔滨市", "哈尔滨|黑龙江省|哈尔滨市",
	"陕西省|陕西省|", "西安市|陕西省|西安市", "西安|陕西省|西安市", "宁夏回族自治区|宁夏回族自治区|",
	"宁夏|宁夏回族自治区|", "银川市|宁夏回族自治区|银川市", "银川|宁夏回族自治区|银川市",
	"甘肃省|甘肃省|", "兰州市|甘肃省|兰州市", "兰州|甘肃省|兰州市", "湖北省|湖北省|",
	"武汉市|湖北省|武汉市", "武汉|湖北省|武汉市", "山东省|山东省|", "济南市|山东省|济南市",
	"河南省|河南省|", "郑州市|河南省|郑州市", "江苏省|江苏省|", "南京市|江苏省|南京市",
	"浙江省|浙江省|", "杭州市|浙江省|杭州市", "广东省|广东省|", "广州市|广东省|广州市",
	"深圳市|广东省|深圳市", "四川省|四川省|", "成都市|四川省|成都市", "新疆维吾尔自治区|新疆维吾尔自治区|",
	"乌鲁木齐市|新疆维吾尔自治区|乌鲁木齐市", "青海省|青海省|", "西宁市|青海省|西宁市",
	"西藏自治区|西藏自治区|", "拉萨市|西藏自治区|拉萨市", "海南省|海南省|", "海口市|海南省|海口市",
	"湖南省|湖南省|", "长沙市|湖南省|长沙市", "安徽省|安徽省|", "合肥市|安徽省|合肥市",
	"江西省|江西省|", "南昌市|江西省|南昌市", "福建省|福建省|", "福州市|福建省|福州市",
	"广西壮族自治区|广西壮族自治区|", "南宁市|广西壮族自治区|南宁市", "贵州省|贵州省|",
	"贵阳市|贵州省|贵阳市", "云南省|云南省|", "昆明市|云南省|昆明市",
}

// shared names: county-level names of the home province that also exist in
// another province, keyed by name, valued by "province|city" of the other home.
var sharedCounties = map[string][]string{
	"新城区": {"陕西省|西安市", "吉林省|长春市"},
	"青山区": {"湖北省|武汉市"},
	"松山区": {"台湾省|台北市"},
	"城关区": {"甘肃省|兰州市", "西藏自治区|拉萨市"},
}

// placeEntry is one spelling of a place in the gazetteer.
type placeEntry struct {
	name     string // as written
	level    string
	county   string // canonical county-level name
	city     string // canonical 盟市 (or other province's city)
	province string
	home     bool // in the home province
}

// Gazetteer resolves place names. It is read-only after construction and
// safe for concurrent use.
type Gazetteer struct {
	home    string
	entries map[string][]placeEntry // by spelling; several when the name is shared
}

// NewGazetteer builds the gazetteer of Inner Mongolia plus the capitals of
// the other provinces. home names the deployment's home province (default
// 内蒙古自治区); it wins ties between shared names.
func NewGazetteer(home string) *Gazetteer {
	if home == "" {
		home = HomeProvinceDefault
	}
	g := &Gazetteer{home: home, entries: map[string][]placeEntry{}}
	const im = "内蒙古自治区"
	imHome := home == im
	for _, sp := range []string{"内蒙古自治区", "内蒙古", "内蒙"} {
		g.add(placeEntry{name: sp, level: LevelProvince, province: im, home: imHome})
	}
	for _, c := range innerMongolia {
		for _, sp := range append([]string{c.name}, c.aliases...) {
			g.add(placeEntry{name: sp, level: LevelCity, city: c.name, province: im, home: imHome})
		}
		for _, county := range c.counties {
			names := strings.Split(county, "|")
			for _, sp := range names {
				g.add(placeEntry{name: sp, level: LevelCounty, county: names[0], city: c.name, province: im, home: imHome})
			}
		}
	}
	for _, e := range elsewhere {
		f := strings.Split(e, "|")
		lvl := LevelCity
		if f[2] == "" {
			lvl = LevelProvince
		}
		g.add(placeEntry{name: f[0], level: lvl, city: f[2], province: f[1], home: f[1] == home})
	}
	for name, others := range sharedCounties {
		for _, o := range others {
			f := strings.Split(o, "|")
			g.add(placeEntry{name: name, level: LevelCounty, county: name, city: f[1], province: f[0], home: f[0] == home})
		}
	}
	return g
}

func (g *Gazetteer) add(e placeEntry) {
	for _, old := range g.entries[e.name] {
		if old == e {
			return
		}
	}
	g.entries[e.name] = append(g.entries[e.name], e)
}

// Names returns every spelling the gazetteer knows, for the segmenter's
// dictionary and the matcher.
func (g *Gazetteer) Names() []string {
	out := make([]string, 0, len(g.entries))
	for n := range g.entries {
		out = append(out, n)
	}
	return out
}

// Resolve resolves one spelling of a place on its own (the home province
// wins ties): 土左旗 gives county 土默特左旗 of 呼和浩特市. ok is false for
// names the gazetteer does not know.
func (g *Gazetteer) Resolve(name string) (xinfang.Place, bool) {
	e, ok := g.lookup(name, nil)
	if !ok {
		return xinfang.Place{}, false
	}
	return xinfang.Place{Name: name, Level: e.level, County: e.county, City: e.city, Province: e.province}, true
}

// lookup resolves one spelling. prev is the place written just before it
// (nil when none): a shared name that follows another province or city
// resolves there; otherwise the home province wins.
func (g *Gazetteer) lookup(name string, prev *placeEntry) (placeEntry, bool) {
	es := g.entries[name]
	if len(es) == 0 {
		return placeEntry{}, false
	}
	if len(es) == 1 {
		return es[0], true
	}
	if prev != nil {
		for _, e := range es {
			if (prev.city != "" && e.city == prev.city) || (prev.level == LevelProvince && e.province == prev.province) {
				return e, true
			}
		}
	}
	for _, e := range es {
		if e.province == g.home {
			return e, true
		}
	}
	return es[0], true
}

// Cities returns the 12 盟市 of Inner Mongolia in official order.
func Cities() []string {
	out := make([]string, len(innerMongolia))
	for i, c := range innerMongolia {
		out[i] = c.name
	}
	return out
}

// Counties returns the canonical names of the 103 county-level units of
// Inner Mongolia, mapped to their 盟市.
func Counties() map[string]string {
	out := map[string]string{}
	for _, c := range innerMongolia {
		for _, county := range c.counties {
			out[strings.SplitN(county, "|", 2)[0]] = c.name
		}
	}
	return out
}
