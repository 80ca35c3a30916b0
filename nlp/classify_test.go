package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestClassify covers the borders and traps of DOMAIN.md and the everyday
// wording that avoids textbook terms.
func TestClassify(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text string
		want       []string // exact categories, sorted as the analyzer sorts them
	}{
		// Everyday wording.
		{"upstairs children playing at night", "楼上两个孩子每天晚上十点还在玩闹，老人根本睡不着。", []string{"noise"}},
		{"a shaker against upstairs", "楼下住户买了震楼器回击楼上。", []string{"noise"}},
		{"land taken back by the government", "政府刊宪启动收地程序，三条村的村民须在年底前迁出，村民批评安置方案交代不清。", []string{"demolition_compensation"}},
		{"a renewal body's offer to owners", "重建项目内一百多个旧楼单位的业主不满市建局开出的收购价，认为无法在同区买回同等面积的单位。", []string{"demolition_compensation"}},
		{"a farm pulled down, its owners unpaid", "镇里说猪场影响环境，去年秋天把它强制拆了，我们跑了十几趟要求赔偿，到现在没有得到一分钱赔偿。", []string{"demolition_compensation"}},
		{"scaffolding taken down is no demolition", "工地把脚手架拆除了，一根钢管砸坏了楼下的车，车主要求赔偿。", []string{}},
		{"a month's 薪金 owed", "茶餐厅突然结业，老板失联，十几名员工被拖欠上月薪金。", []string{"wage_arrears"}},
		{"a tower that never rose", "交了首付一年多，工地上还没起楼，开发商说资金紧张。", []string{"delayed_delivery"}},
		{"a receiving place is no land taken", "这批移民的接收地在邻县，安家的事项由当地负责。村里向商户收地摊费也有人不满。", []string{}},
		{"blasting that cracked houses", "风电场施工爆破震裂了村民的房屋，占地补偿款也迟迟没有到位。", []string{"demolition_compensation"}},
		{"辛苦钱", "我们的辛苦钱要不回来，老板天天躲着。", []string{"wage_arrears"}},
		{"一分钱没拿到", "在工地干了一年活一分钱没拿到。", []string{"wage_arrears"}},
		{"包工头跑了", "干完活包工头跑了，电话也打不通。", []string{"wage_arrears"}},
		{"a stoppage in a wage story", "11月27日项目停工后，我们找工头要钱，工头给每个人打了欠条。", []string{"wage_arrears"}},
		{"asking whether resettlement flats will be handed over", "回迁房交付及安置费问题\n片区拆迁已近五年，小区主体已建成，请问今年能否交房？", []string{"demolition_compensation", "delayed_delivery"}},
		{"land taken for a road, no compensation", "村里修路占了我家将近1亩承包地，问了村干部和镇干部，答复都是没有补偿。", []string{"demolition_compensation", "land_dispute"}},
		{"wages named only in the office's reply", "小区延期交房两年了，什么时候能交？\n答复意见：经调查，该项目存在农民工工资支付问题，尚有多起欠薪投诉未处理，整改后即可复工。", []string{"delayed_delivery"}},
		{"a reply quoted, then the petitioners speak again", "我们是拆迁安置户，三次联名向市长信箱反映过渡费的事，回复：已转交有关部门落实，请耐心等待。我们就一直等啊等，安置户的回迁房到现在也没音信。", []string{"demolition_compensation", "delayed_delivery"}},
		{"land money called 血汗钱", "县里十年前征用了我们村的土地，补偿款至今没有付清，村民们只想讨回被拖欠多年的血汗钱。", []string{"demolition_compensation"}},
		{"an uproar is no noise", "拆迁安置方案迟迟不出，补偿标准也没人说清楚，村里吵得沸沸扬扬。", []string{"demolition_compensation"}},
		{"handover of a block put off", "因开发商与建筑商的工程款纠纷，小区先后6次推迟交楼，业主等了三年。", []string{"delayed_delivery"}},
		{"a redevelopment stalled, buyers waiting", "工程目前陷入完全停滞，购房者的耐心慢慢变成了愤怒。", []string{"delayed_delivery"}},
		{"收房日期一改再改", "收房日期一改再改，开发商一点说法都没有。", []string{"delayed_delivery"}},
		{"还是个框架", "说好去年交房，到现在还是个框架。", []string{"delayed_delivery"}},
		{"paid in full and still cannot move in", "八年前全款买的房子至今无法入住，开发商一直说再等等。", []string{"delayed_delivery"}},
		{"resettlement flats years after the clearance", "我们村的安置房问题望尽快解决，自拆迁至今已经七年。", []string{"demolition_compensation", "delayed_delivery"}},
		{"an old estate's renovation is no late flat", "我们家属院说好今年列入老旧小区改造，到现在还没开工，楼道墙皮一直往下掉。", []string{}},
		{"owners cannot take their flats", "开发商发来短信说房屋进度跟不上，原定月底的接房暂时不能接房了。", []string{"delayed_delivery"}},
		{"wages nowhere in sight", "厂房盖好一年多了，两百来个工人的工钱还是遥遥无期。", []string{"wage_arrears"}},
		{"an illegal shed left standing", "幼儿园墙外有一处铁皮违章建筑，城管说已责令自行拆除，一个多月了一拖再拖，这个违建房子为什么不强制拆除？", []string{}},
		{"施工队半夜还在干", "小区旁边施工队半夜还在干，根本睡不着。", []string{"noise"}},

		{"parties quarrelling for hours", "几方代表在街道办从下午吵到晚上十点，工人们被拖欠的工钱还是没有着落。", []string{"wage_arrears"}},
		{"a cutter used once on a fence", "天不亮，一群人用切割机割开村委会的铁栅栏，撬开了大门。", []string{}},
		{"a drill upstairs at night", "楼上装修天天用电钻，晚上九点还在响。", []string{"noise"}},

		{"烧烤店吵到凌晨", "楼下烧烤店吵到凌晨。", []string{"noise"}},
		{"广场舞音响", "每天晚上广场舞音响开得特别大。", []string{"noise"}},
		{"房子被强拆", "我家房子被强拆了，到现在没人管。", []string{"demolition_compensation"}},
		{"补偿款没到位", "补偿款没到位，一家人没地方住。", []string{"demolition_compensation"}},
		{"安置房", "安置房分配不公，干部亲属多分。", []string{"demolition_compensation"}},
		{"过渡费", "过渡费从去年起就停发了。", []string{"demolition_compensation"}},
		{"双拖欠", "开发商拖欠工程款，导致施工方无法支付农民工工资。", []string{"wage_arrears"}},
		{"差我一万七", "在工地干钢筋活，说好月底结账，拖了半年，一共差我一万七千块。", []string{"wage_arrears"}},
		{"商铺过了约定时间", "买的商铺说好去年五月交铺，现在已经过了约定时间还没有消息。", []string{"delayed_delivery"}},
		{"搬迁时的承诺", "村里整体搬迁的时候乡里承诺每户安排一个公益岗，三年了没人兑现。", []string{"demolition_compensation"}},
		{"敲敲打打", "楼下汽修厂天天敲敲打打，附近居民都有意见。", []string{"noise"}},
		{"水泵一大早", "洗车行的高压水泵一大早就开，影响休息。", []string{"noise"}},
		{"拆除范围的评估面积", "我家房屋被列入环境整治拆除范围，对评估面积有异议。", []string{"demolition_compensation"}},
		// Traps.
		{"resettlement flats as the site of a wage story", "我们13个人在某镇安置房工地干了大半年，工头至今拖欠工资十几万元。", []string{"wage_arrears"}},
		{"herders who were moved", "基地建设时的搬迁牧民要求公开拨款去向，说好的钱到现在没给清。", []string{"demolition_compensation"}},
		{"hurt at work at noon", "农民工张某中午12点多在公司作业时不慎摔倒，经鉴定为工伤，向公司索要医疗费时产生纠纷。", []string{"labor_dispute"}},
		{"works going on till midnight", "旁边工地每天施工到12点，根本没法睡。", []string{"noise"}},
		{"拆迁 only as a topic of a reception day", "区长在热线接听日接到6个电话，居民问的是小区电梯坏了、路灯不亮，他还就旧城拆迁进度等问题作了解答。", []string{"property_management"}},
		{"拆迁 only as the area an old block stands in", "东关片区拆迁后就剩我们这几栋老楼，房子质量差，阳台一块块往下掉，希望尽早纳入老旧小区改造。", []string{"housing_quality"}},
		{"拆迁 paid not by the rules", "高铁拆迁不按政策赔偿，窑洞按个算，一个只给一千元。", []string{"demolition_compensation"}},
		{"拆迁 with the family's stake beside it", "我家老房子2019年拆迁，当时说好补一套两居室，现在还没给。", []string{"demolition_compensation"}},
		{"years since the keys were handed over", "从接房至今才三年，小区电梯隔三差五就坏，物业只会收钱。", []string{"property_management"}},
		{"moved in years ago, the garage still shut", "业主2016年交房入住至今，地下车库一直漏水，物业拖着不修。", []string{"property_management"}},
		{"a lived-in block's heating works stopped", "我们小区8号楼今年换供热管网，施工到一半停工了，住户担心影响今年供暖。", []string{}},
		{"征拆改造项目只是项目名", "我在某征拆改造项目干了半年木工活，包工头至今拖欠工资两万元。", []string{"wage_arrears"}},
		{"旧房改造只是项目名", "单位旧房改造的楼盘停工三年，至今没有交房。", []string{"delayed_delivery"}},
		{"棚改拆除工地的噪声", "棚户区改造项目征收范围内的房屋拆除工地，每晚挖机作业到凌晨，噪音扰民。", []string{"noise"}},
		{"拆除工地噪声但要补偿", "拆迁工地夜里施工噪音太大，我们的补偿款也还没到位。", []string{"demolition_compensation", "noise"}},
		{"经济补偿金不是拆迁", "公司辞退我，只给了一个月工资，经济补偿金一分没给。", []string{"labor_dispute"}},
		{"气味不是噪声", "楼下饭店油烟和异味扰民，熏得人头疼。", []string{"environment"}},
		{"物业费不是延期交房", "交房以后物业费从每平米1元涨到2元，没有公示。", []string{"property_management"}},
		{"车险理赔不是拆迁", "保险公司核定赔偿36.8万元，理赔款迟迟不到位。", []string{"consumer"}},
		{"交房后质量不是延期", "去年收的房，住进来才发现卫生间漏水，墙面开裂，开发商不管。", []string{"housing_quality"}},
		{"社保不是欠薪", "单位拖欠我们的养老保险，一直没缴。", []string{"social_security"}},
		{"邻居装修裂缝", "楼上邻居装修砸墙，把我家墙面震出裂缝。", []string{}},
		{"办证不是延期交房", "2021年就收房入住了，可到现在房产证一直办不下来。", []string{"property_registration"}},
		{"不吵", "工地晚上倒是不干活，也不吵，就是扬尘太严重了。", []string{"environment"}},
		{"否定", "经核实，该公司不存在拖欠工资问题。", []string{}},
		{"无类别", "建议增开一条公交线路，老年人出行不方便。", []string{}},
		// Several categories.
		{"停工欠薪又延期", "项目全面停工，九十多名农民工被拖欠工资，业主也迟迟拿不到房。", []string{"wage_arrears", "delayed_delivery"}},
		{"回迁延期", "签协议时承诺两年内回迁，现在回迁日期一拖再拖，过渡费也停发了。", []string{"demolition_compensation", "delayed_delivery"}},
		{"money handed over is not a flat", "前年干活的工钱拖到现在都还没交付，包工头一直说等甲方。", []string{"wage_arrears"}},
		{"an employer gone is not a developer gone", "包工头把工钱拖了一年，我们去公司找，早就人去楼空了。", []string{"wage_arrears"}},
		{"a sales office emptied", "交了首付两年，开发商的售楼部早已人去楼空，业主们到处找人。", []string{"delayed_delivery"}},
		{"a buyer's savings are not wages", "我们贷款交了首付，每月还房贷，每一分钱都是血汗钱，可楼盘停工一年了还没复工。", []string{"delayed_delivery"}},
		{"villagers against clearance for a new town", "约四十名村民在会场外举牌，要求当局对新发展区内的村落不迁不拆，并交出安置方案。", []string{"demolition_compensation"}},
		{"迁拆 of villages with rehousing beside it", "新发展区涉及三条村的迁拆，政府称会尽量原区安置受影响的住户。", []string{"demolition_compensation"}},
		{"迁拆 of a stall", "小贩摊档迁拆后，夜市的人流少了许多。", []string{}},
		{"workers reporting their pay to a labour office", "地盘七名外地雇员今早到劳工局反映工资问题，劳工局已约见判头了解情况。", []string{"wage_arrears"}},
		{"a pay scale is no arrears", "多名教师反映工资问题，称与公务员相比待遇偏低，希望上级调整。", []string{}},
		{"a worker's 血汗钱", "去年给老板盖了三个月的牛棚，血汗钱拖了一年还没给。", []string{"wage_arrears"}},
		{"a migrants' village is only where they live", "我家住在移民新村，小区的路灯坏了半年，希望社区安排人修一修。", []string{}},
		{"the sound of a night demolition is its scene", "半夜两点，挖掘机轰隆隆开进村里，没签补偿协议的三户房子被强行拆除了。", []string{"demolition_compensation"}},
		{"a noisy site that also owes wages", "工地晚上施工噪音太大，吵得我们睡不着；听说工人的工资也拖欠了半年。", []string{"wage_arrears", "noise"}},
		{"waiting in rented rooms", "老屋拆迁快五年，说好的新房连影子都没有，我们一家还在外租房，房租全靠自己掏。", []string{"demolition_compensation", "delayed_delivery"}},
		{"resettlement flats never built", "村里十几户的宅基地征用以后，承诺的安置房至今未修建，拆迁补偿也只给了一半。", []string{"demolition_compensation", "delayed_delivery"}},
		{"land resettlement is not a flat", "二十多户牧民的草场被征收多年，至今没有得到安置，补偿标准也太低。", []string{"demolition_compensation"}},
		{"firecrackers of a celebration", "村民们放了一挂鞭炮，庆祝这块地复耕，可我们村的承包地被占用四年了还没退回来。", []string{"land_dispute"}},
		{"firecrackers every night", "楼下饭店办酒席天天放鞭炮，晚上十点还在放，孩子根本睡不着。", []string{"noise"}},
		{"a crane climbed for wages", "一名女工为讨要工钱爬上塔吊，在民警劝说下拿到工钱后才下来，钻进了旁边的住宅楼。", []string{"wage_arrears"}},
		{"a resettlement project as the noise's source", "经核查，噪声来自棚户区改造项目安置房建设项目的工地，夜间作业至凌晨。", []string{"noise"}},
		{"grassland taken by force", "我们嘎查二十多户牧民承包的草场被强征，至今没有说法。", []string{"demolition_compensation", "land_dispute"}},
		{"a site levelled in a quarrel", "包工头不给工钱，工人开着挖掘机说要把工地铲平。", []string{"wage_arrears"}},
		{"噪声和扬尘", "挖掘机响到半夜一两点，刮风天尘土满天飞。", []string{"noise", "environment"}},
		{"a driver's takings are no shop at night", "跑夜班的网约车司机说，从傍晚一直跑到凌晨，营业额扣掉油费和平台抽成只剩一百出头。", []string{}},
		{"a judgment on a claim for pay", "原告与被告间请求给付工资事件，本院判决被告应给付原告二万一千元。", []string{"wage_arrears", "litigation"}},
		{"ex-gratia payment for resumed land", "当局表示，受影响的住户中已有三百多户领取特惠补偿，其余仍未接受资格审核。", []string{"demolition_compensation"}},
		{"squatters awaiting rehousing", "政府宣布重建寮屋区后，居民担心原区安置落空，关注组批评当局沟通太少。", []string{"demolition_compensation"}},
		{"clearing hawkers' stalls", "食环署昨日清拆街头多个无牌摊档，并检走一批杂物。", []string{}},
		{"clearing an illegal rooftop structure", "屋宇署限期业主清拆天台僭建物，逾期将检控。", []string{}},
		{"a shop open at night is", "楼下烧烤店营业到凌晨两三点，划拳喝酒的声音吵得人睡不着。", []string{"noise"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			if diff := cmp.Diff(tt.want, an.Categories); diff != "" {
				t.Errorf("Analyze(%q).Categories mismatch (-want +got):\n%s\nevidence %v", tt.text, diff, an.Evidence)
			}
			for _, c := range an.Categories {
				if len(an.Evidence[c]) == 0 {
					t.Errorf("category %s has no evidence", c)
				}
			}
		})
	}
}

func TestCategoriesOrder(t *testing.T) {
	a := testAnalyzer(t)
	cats := a.Categories()
	if len(cats) != 15 {
		t.Errorf("Categories() has %d categories, want 15", len(cats))
	}
	var codes []string
	for _, c := range cats[:4] {
		codes = append(codes, c.Code)
	}
	if diff := cmp.Diff([]string{"wage_arrears", "demolition_compensation", "delayed_delivery", "noise"}, codes); diff != "" {
		t.Errorf("core categories first mismatch (-want +got):\n%s", diff)
	}
	if got := a.CategoryLabel("noise"); got != "噪声扰民" {
		t.Errorf("CategoryLabel(noise) = %q, want 噪声扰民", got)
	}
	if got := a.CategoryLabel("nope"); got != "nope" {
		t.Errorf("CategoryLabel(nope) = %q, want the code", got)
	}
	// Analyses list the core categories first too.
	an := a.Analyze("t", "", "物业费乱收费，楼下烧烤店吵到凌晨")
	if !slices.Equal(an.Categories, []string{"noise", "property_management"}) {
		t.Errorf("categories %v, want [noise property_management]", an.Categories)
	}
}

func TestTaxonomyFile(t *testing.T) {
	dir := t.TempDir()
	custom := `categories:
- code: heating
  label: 供暖
  rules:
  - weight: 2
    terms: [暖气不热, 供暖]
`
	path := dir + "/tax.yaml"
	if err := writeFile(path, custom); err != nil {
		t.Fatal(err)
	}
	a, err := Load(Options{TaxonomyFile: path})
	if err != nil {
		t.Fatal(err)
	}
	an := a.Analyze("t", "", "家里暖气不热")
	if diff := cmp.Diff([]string{"heating"}, an.Categories); diff != "" {
		t.Errorf("custom taxonomy categories mismatch (-want +got):\n%s", diff)
	}
	for name, bad := range map[string]string{
		"no categories": "negators: [没有]\n",
		"no terms":      "categories:\n- code: x\n  label: X\n  rules:\n  - weight: 1\n",
		"unknown field": "categories:\n- code: x\n  label: X\n  colour: red\n",
		"duplicate":     "categories:\n- code: x\n  label: X\n- code: x\n  label: Y\n",
		"not yaml":      "categories: [",
	} {
		path := dir + "/" + strings.ReplaceAll(name, " ", "_") + ".yaml"
		if err := writeFile(path, bad); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(Options{TaxonomyFile: path}); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("Load(%s): err = %v, want an error naming the file", name, err)
		}
	}
	if _, err := Load(Options{TaxonomyFile: dir + "/missing.yaml"}); err == nil {
		t.Error("Load with a missing taxonomy file: want an error")
	}
}

// TestBroadcasterIsNoEvidence checks that a broadcaster named as a source
// (中国广播网) is not quoted as evidence of noise.
func TestBroadcasterIsNoEvidence(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("t", "", "来源：中国广播网。村民说，晚上睡觉都能听见采石场放炮的声音。")
	if !slices.Contains(an.Categories, "noise") {
		t.Fatalf("categories %v, want noise", an.Categories)
	}
	if slices.Contains(an.Evidence["noise"], "广播") {
		t.Errorf("noise evidence %q quotes the broadcaster", an.Evidence["noise"])
	}
}
