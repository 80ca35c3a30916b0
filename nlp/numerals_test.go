package nlp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in     string
		want   float64
		approx bool
	}{
		{"27", 27, false},
		{"919730", 919730, false},
		{"46,000", 46000, false},
		{"36.8万", 368000, false},
		{"2.4亿", 240000000, false},
		{"58万", 580000, false},
		{"四万六千", 46000, false},
		{"一万二千", 12000, false},
		{"二百五十", 250, false},
		{"二百五十余", 250, true},
		{"九十多", 90, true},
		{"20几", 20, true},
		{"十来", 10, true},
		{"十几", 10, true},
		{"三十多万", 300000, true},
		{"七千万", 70000000, false},
		{"1.2万余", 12000, true},
		{"一千二", 1200, false},
		{"两万五", 25000, false},
		{"4万6千", 46000, false},
		{"一千零二", 1002, false},
		{"二〇二三", 2023, false},
		{"四五十", 40, true},
		{"十七八", 17, true},
		{"一百二十多", 120, true},
		{"两", 2, false},
		{"十二", 12, false},
		{"１２３", 123, false}, // full-width digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, approx, ok := ParseNumber(tt.in)
			if !ok || got != tt.want || approx != tt.approx {
				t.Errorf("ParseNumber(%q) = %v, %v, %v; want %v, %v, true", tt.in, got, approx, ok, tt.want, tt.approx)
			}
		})
	}
	for _, bad := range []string{"", "万", "千万", "几", "abc", "人民"} {
		if v, _, ok := ParseNumber(bad); ok {
			t.Errorf("ParseNumber(%q) = %v, ok; want not a numeral", bad, v)
		}
	}
}

func TestHeadcount(t *testing.T) {
	tests := []struct {
		text string
		want int // 0: none
	}{
		{"来访人王某某等27人反映拖欠工资", 27},
		{"九十多名农民工被拖欠工资", 90},
		{"二百五十余户被征收户反映", 250},
		{"来访人包某某等十来户村民反映", 10},
		{"接待群众4批15人次", 15},
		{"共接待3批12人次，其中集体访2批", 12},
		{"小区3栋楼5年没有交房", 0},
		{"我是一名农民工，被拖欠工资", 0},
		{"我在工地干了半年", 0},
		{"一名村民来访，反映补偿款没到位", 1},
		{"补偿款迟迟不到位，一位村民无奈地说：我们找了好多次", 0},
		{"一位业主告诉记者，交房日期已经推迟两次", 0},
		{"三十到四十名保洁员停工讨要工资", 30},
		{"我与其他6户人家的补偿款被扣下了", 7},
		{"全县百万人口，外出务工的多", 0},
		{"近300名工人被欠薪，人社部门核实共有280多人未拿到工资", 280},
		{"他和工友两人在工地干活", 2},
		{"我们一共18个人", 18},
		{"四五十个业主聚集在售楼部", 40},
		{"下周一六十多户一起去市里上访", 60},
		{"工地上好像没几个人在干活", 0},
		{"五十多名村民堵住大门，其中5名代表进屋座谈", 50},
		{"今年七十多岁，住在18层", 0},
		{"2022年海拉尔区人民法院判决", 0},
		{"三十余户征收户在工地门口阻拦施工", 30},
		{"代本嘎查村民包某某一户反映", 1},
		{"一户人家在院里开了个作坊", 0},
		{"全乡共有代办人员86名，今年已走访两千多户", 2000},
		{"广场上有人唱二人台，声音特别大", 0},
		{"某农牧公司三十二名饲养员到旗政府反映", 32},
		{"学校家委会收班费，某班有52人", 0},
		{"村委会召集11名村民代表开会", 0},
		{"全村近三百口村民签字同意", 300},
		{"我们是三口之家", 0},
		{"噪音吵得五六楼住户都睡不着", 0},
		{"清退草场涉及6个单位和6名公职人员", 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			norm, _ := Normalize(tt.text)
			if got := scanFigures(norm, false, false).headcount; got != tt.want {
				t.Errorf("headcount of %q = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestAmounts(t *testing.T) {
	tests := []struct {
		text string
		want []float64
	}{
		{"拖欠工资共计919730元", []float64{919730}},
		{"培训班关门了，我还剩13860的课时费没退", []float64{13860}},
		{"开发商欠着我们百万元的工程尾款", []float64{1000000}},
		{"流转费58万元，违约金36.8万元", []float64{580000, 368000}},
		{"收取购房款约1.2亿元，欠款2.4亿元", []float64{120000000, 240000000}},
		{"经济补偿金四万六千元", []float64{46000}},
		{"工程款三十多万元", []float64{300000}},
		{"抵押贷款约七千万元", []float64{70000000}},
		{"拖欠劳务费1.2万余元", []float64{12000}},
		{"被欠了工钱，二千来块钱", []float64{2000}},
		{"说好四千五，到现在就给了个欠条", []float64{4500}},
		{"换完要了我两千多，说是进口胎", []float64{2000}},
		{"每平方米4200元，隔壁村5600元", []float64{4200, 5600}},
		{"12亩耕地，建筑面积120平方米，干了5年", []float64{}},
		{"窗户玻璃也震裂了一块。", []float64{}},
		{"两块地都被占了", []float64{}},
		{"2023年4月19日交了3000元，4月19日又交了3000元", []float64{3000}},
		{"花了1,280元", []float64{1280}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			norm, _ := Normalize(tt.text)
			got := scanFigures(norm, false, false).amounts
			if got == nil {
				got = []float64{}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("amounts of %q mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"2023年4月19日上午，4月20日又来", []string{"2023-04-19", "2023-04-20"}},
		{"发布时间：2023-07-03 07:59", []string{"2023-07-03"}},
		{"2023/7/3 和 2023.12.31", []string{"2023-07-03", "2023-12-31"}},
		{"二〇二三年四月十九日", []string{"2023-04-19"}},
		{"4月19日来访", nil}, // no year in the text
		{"2023年2月30日", nil},
		{"2023年4月至10月", nil},
		{"３月１５日", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			norm, _ := Normalize(tt.text)
			if diff := cmp.Diff(tt.want, scanFigures(norm, false, false).dates); diff != "" {
				t.Errorf("dates of %q mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestHeadcountChoice covers the choice among several counts: a rough total
// larger than an exact subgroup, 近百 above an exact count of the same group,
// colloquial units and onlookers.
func TestHeadcountChoice(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"上百名农民工被欠下数百万工资，肖某带着三四十名亲友来打工。", 100},
		{"因涉及近百名农民工工资，法院集中发还，87名申请人领到案款。", 87},
		{"数十名村民堵住村委会大门，其中20人是老人。", 20},
		{"工地上100多号人的工钱到现在一分没给。", 100},
		{"开发商欠了我们近60人的工钱，周围站满了上百名看热闹的市民。", 60},
		{"目前4名工人被拖欠的尾款总计达数万元。", 4},
		{"洗车机从早响到晚，影响的是我们这栋楼百十户居民。", 100},
		{"牧民说，数百名政府官员占用集体草场，一千多个牧民家庭受到影响。", 1000},
		{"他们找了三位领导都没有结果，二十多户居民至今没拿到补偿。", 20},
		{"楼里一梯两户，电梯外呼板坏了三个月，物业一直不修。", 0},
		{"安置楼每层30户只有两部小电梯，12户业主联名要求加装。", 12},
		// A range written with a mark between its digits counts from its
		// lower end; the people sued and a number a rule asks for are no group.
		{"厂里欠着工人工资，四、五百人天天去厂门口等。", 400},
		{"物业公司控告三名业主拒交维修费，法院判物业公司赔偿3名被告的讼费。", 0},
		{"教委说孩子凑不成一个班（够20人），所以不能开小学。", 0},
		{"拆迁后全组集体经济成员128人只有一半拿到补偿。", 0},
		// A building's size and the homes a scheme offers are no group.
		{"清洁工负责倒垃圾，这栋旧楼高二十层，整栋楼共有960户。工人们准备罢工讨要遣散费。", 0},
		{"首批公租房申请超过三千件，最终只释出86户，中签的住户发现墙面开裂。", 0},
	}
	for _, tt := range tests {
		norm := normalizeText(tt.text)
		if got := scanFigures(norm, false, false).headcount; got != tt.want {
			t.Errorf("headcount(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestTitleCount: an exact count of five or more in a headline names the
// people of the matter; the body may go on to larger or nearby numbers.
func TestTitleCount(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		title, content string
		want           int
	}{
		{"包工头拖欠11名农民工工资后潜逃被抓", "去年他在县里承包的工程一度拖欠190余名农民工数百万元，政府协调解决了大部分，最后仍有11名农民工的工资没有着落。", 11},
		{"人社局为30名农民工讨回13万元工资", "农民工范某某和30名工友拿到了人社局追回的工资，激动地表示感谢。", 30},
		// A rough count in the headline does not replace the exact one.
		{"三十多号人的工钱没着落", "我们一共三十七个人，在小区干抹灰，包工头把钱领走就跑了。", 37},
		// A small count in the headline is the few who act, not the group.
		// A quota of households and cadres punished are not the group.
		{"拆迁农户补助未兑现", "今年县里完成棚改任务1380户，其中铁路拆迁安置的96户农户补助资金一直没有兑现。", 96},
		{"征地补偿款被套取", "一个村的村民说补偿款被村干部套取，26户村民至今没领到。专项检查后，41人被查处，9人被移送司法机关。", 26},
		// The people a payment reached are not the group of the matter.
		{"提前发薪", "调研组了解到项目有31名退场工人生活困难，当场协调施工单位提前支付。8月20日发放214人工资95万元。", 31},
		// Those held or punished, named in the headline, are not the group.
		{"讨薪围堵厂门 12人被行政拘留", "六十多名工人因工厂欠薪两个月，昨天上午围堵厂区大门，其中12名工人推倒了门卫室的围栏。", 60},
		{"四名农民工街头说快板讨薪", "一起被拖欠工资的有27名工友，四人打着竹板在街头讨要工钱。", 27},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			an := a.Analyze("t", tt.title, tt.content)
			if an.Headcount == nil || *an.Headcount != tt.want {
				t.Errorf("headcount = %v, want %d", an.Headcount, tt.want)
			}
		})
	}
}

// TestFinancialThree checks 參/参 read as three before a unit of number or
// money, as traditional judgments write sums, and as a word elsewhere.
func TestFinancialThree(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		text string
		want []float64
	}{
		{"判決被告應給付原告工資新臺幣參萬伍仟柒佰壹拾捌元及利息。", []float64{35718}},
		{"法院判令公司支付拖欠的工资参仟贰佰元。", []float64{3200}},
		{"二十多名工人参加了协调会，公司承诺月底前发放工资8万元。", []float64{80000}},
	}
	for _, tt := range tests {
		got := a.Analyze("", "", tt.text).AmountsYuan
		if got == nil {
			got = []float64{}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("amounts of %q mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
}
