package nlp

import (
	"fmt"
	"testing"
)

// TestExtractionParaphrases checks head count, amounts and place on
// sentences written for this test, not taken from the corpora.
func TestExtractionParaphrases(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		text         string
		head         int // 0: none
		amounts      string
		city, county string
	}{
		{"来访人李某等三十二名农民工反映，被拖欠工资共计六十八万七千元。", 32, "[687000]", "", ""},
		{"巴彦淖尔市临河区某小区一百五十多户业主反映逾期交房。", 150, "[]", "巴彦淖尔市", "临河区"},
		{"我在包头市东河区打工，老家是赤峰的，欠我工资一万八。", 0, "[18000]", "包头市", "东河区"},
		{"库伦旗某村七户村民反映补偿款每户少给了五千多块。", 7, "[5000]", "通辽市", "库伦旗"},
		{"鄂温克旗某牧场四名工人被欠工资共计3.2万元。", 4, "[32000]", "呼伦贝尔市", "鄂温克族自治旗"},
		{"二连浩特市某小区业主约两百户，购房款共计约一亿二千万元。", 200, "[1.2e+08]", "锡林郭勒盟", "二连浩特市"},
		{"正镶白旗某工地拖欠农民工工资28.5万元，涉及工人16名。", 16, "[285000]", "锡林郭勒盟", "正镶白旗"},
		{"苏尼特右旗某牧户的草场被占用了三百亩，补偿每亩八百元。", 0, "[800]", "锡林郭勒盟", "苏尼特右旗"},
		{"扎赉特旗某村十几户村民反映低保被取消。", 10, "[]", "兴安盟", "扎赉特旗"},
		{"科左后旗甘旗卡镇某工地欠我们5个人两个月工资，一人一个月6000元。", 5, "[6000]", "通辽市", "科尔沁左翼后旗"},
		{"杭锦后旗陕坝镇某商铺延期交付，违约金应为每天万分之五。", 0, "[]", "巴彦淖尔市", "杭锦后旗"},
		{"乌审旗某小区二三十户业主联名反映。", 20, "[]", "鄂尔多斯市", "乌审旗"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			h := 0
			if an.Headcount != nil {
				h = *an.Headcount
			}
			if h != tt.head {
				t.Errorf("Analyze(%q).Headcount = %d, want %d", tt.text, h, tt.head)
			}
			if got := fmt.Sprint(an.AmountsYuan); got != tt.amounts {
				t.Errorf("Analyze(%q).AmountsYuan = %s, want %s", tt.text, got, tt.amounts)
			}
			if strOf(an.City) != tt.city || strOf(an.County) != tt.county {
				t.Errorf("Analyze(%q) place = %s/%s, want %s/%s", tt.text, strOf(an.City), strOf(an.County), tt.city, tt.county)
			}
		})
	}
}
