package nlp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGazetteerComplete(t *testing.T) {
	cities := Cities()
	want := []string{"呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市",
		"乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟"}
	if diff := cmp.Diff(want, cities); diff != "" {
		t.Errorf("Cities() mismatch (-want +got):\n%s", diff)
	}
	counties := Counties()
	if len(counties) != 103 {
		t.Errorf("Counties() has %d county-level units, want 103", len(counties))
	}
	perCity := map[string]int{}
	for _, c := range counties {
		perCity[c]++
	}
	wantPer := map[string]int{"呼和浩特市": 9, "包头市": 9, "乌海市": 3, "赤峰市": 12, "通辽市": 8, "鄂尔多斯市": 9,
		"呼伦贝尔市": 14, "巴彦淖尔市": 7, "乌兰察布市": 11, "兴安盟": 6, "锡林郭勒盟": 12, "阿拉善盟": 3}
	if diff := cmp.Diff(wantPer, perCity); diff != "" {
		t.Errorf("county-level units per 盟市 mismatch (-want +got):\n%s", diff)
	}
	// Every canonical name resolves to its own 盟市.
	g := NewGazetteer("")
	for county, city := range counties {
		e, ok := g.lookup(county, nil)
		if !ok || e.city != city || e.county != county || e.level != LevelCounty {
			t.Errorf("Lookup(%q) = %+v, %v; want county %s of %s", county, e, ok, county, city)
		}
	}
}

func TestResolve(t *testing.T) {
	g := NewGazetteer("")
	for name, want := range map[string]string{"土左旗": "土默特左旗/呼和浩特市", "达茂旗": "达尔罕茂明安联合旗/包头市",
		"呼市": "/呼和浩特市", "青山区": "青山区/包头市", "锡盟": "/锡林郭勒盟"} {
		p, ok := g.Resolve(name)
		if got := p.County + "/" + p.City; !ok || got != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", name, got, ok, want)
		}
	}
	if _, ok := g.Resolve("火星市"); ok {
		t.Error("Resolve(火星市) ok, want unknown")
	}
}

func TestGazetteerResolve(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		text, city, county string // "" for null
	}{
		{"乌兰浩特市某小区延期交房", "兴安盟", "乌兰浩特市"},
		{"额尔古纳市城区没有公交", "呼伦贝尔市", "额尔古纳市"},
		{"杭锦旗某嘎查草场纠纷", "鄂尔多斯市", "杭锦旗"},
		{"土左旗察素齐镇某工地", "呼和浩特市", "土默特左旗"},
		{"达旗树林召镇的农民工", "鄂尔多斯市", "达拉特旗"},
		{"准旗薛家湾镇某村", "鄂尔多斯市", "准格尔旗"},
		{"莫旗尼尔基镇某小区", "呼伦贝尔市", "莫力达瓦达斡尔族自治旗"},
		{"科右前旗某嘎查", "兴安盟", "科尔沁右翼前旗"},
		{"阿左旗巴彦浩特镇", "阿拉善盟", "阿拉善左旗"},
		{"阿右旗某苏木卫生院", "阿拉善盟", "阿拉善右旗"},
		{"鄂托克前旗某小区", "鄂尔多斯市", "鄂托克前旗"},
		{"乌拉特中旗某嘎查", "巴彦淖尔市", "乌拉特中旗"},
		{"察右前旗某村", "乌兰察布市", "察哈尔右翼前旗"},
		{"在呼市一家家政公司", "呼和浩特市", ""},
		{"昆区某楼盘，请问包头市有没有人管", "包头市", "昆都仑区"},
		{"内蒙古自治区兴安盟乌兰浩特市", "兴安盟", "乌兰浩特市"},
		{"包头市某建筑工地，位于青山区", "包头市", "青山区"},
		{"新城区某小区楼上装修", "呼和浩特市", "新城区"},
		{"海南区某化工厂", "乌海市", "海南区"},
		{"湖北省武汉市青山区某工地", "", ""},
		{"陕西省西安市新城区的房子", "", ""},
		{"我是赤峰市人，在东胜区某工地打工", "鄂尔多斯市", "东胜区"},
		{"商都县人，询问某小区住房什么时候能交", "乌兰察布市", "商都县"},
		{"想问问老家这边能不能管", "", ""},
		{"托县工业园区紧挨着我们村", "呼和浩特市", "托克托县"},
		{"达茂旗百灵庙镇", "包头市", "达尔罕茂明安联合旗"},
		{"锡盟某旗", "锡林郭勒盟", ""},
		{"副县长到巴彦高勒镇协调高铁征拆后续工作", "巴彦淖尔市", "磴口县"},
		{"新惠镇某小区回迁房迟迟不交", "赤峰市", "敖汉旗"},
		{"嘎鲁图镇某工地拖欠工资", "鄂尔多斯市", "乌审旗"},
		{"新疆托里县商都酒店旁商铺装修，噪声很大", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			if got := strOf(an.City); got != tt.city {
				t.Errorf("Analyze(%q).City = %q, want %q (places %+v)", tt.text, got, tt.city, an.Places)
			}
			if got := strOf(an.County); got != tt.county {
				t.Errorf("Analyze(%q).County = %q, want %q", tt.text, got, tt.county)
			}
		})
	}
}

func TestGazetteerOtherProvince(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("t", "", "湖北省武汉市青山区某工地拖欠工资")
	var got []string
	for _, p := range an.Places {
		got = append(got, p.Name+"/"+p.Province)
	}
	want := []string{"湖北省/湖北省", "武汉市/湖北省", "青山区/湖北省"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("places mismatch (-want +got):\n%s", diff)
	}
}

func strOf(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestOtherCitiesHideHomeAliases checks that a home alias inside another
// province's city (锡市 in 无锡市) is not the home county, and that the
// other cities known only with 市 stay words without it.
func TestOtherCitiesHideHomeAliases(t *testing.T) {
	a := testAnalyzer(t)
	for _, tt := range []struct{ text, city string }{
		{"无锡市长安某服装厂拖欠六十多名女工的工资。", ""},
		{"锡市一家饭店的油烟和噪音影响居民休息。", "锡林郭勒盟"},
		{"日照时间短，锡林浩特市的供暖期从十月开始。", "锡林郭勒盟"},
		{"苏州一家工厂拖欠包头籍工人工资，工人回到包头后向市人社局求助。", "包头市"},
	} {
		an := a.Analyze("t", "", tt.text)
		if got := strOf(an.City); got != tt.city {
			t.Errorf("Analyze(%q).City = %q, want %q", tt.text, got, tt.city)
		}
	}
}
