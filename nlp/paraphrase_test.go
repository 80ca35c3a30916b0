package nlp

import (
	"slices"
	"testing"
)

// TestParaphrases holds sentences written for this test from DOMAIN.md, in
// the many ways petitioners put things; none comes from the labeled corpora.
// They guard the lexicon's reach beyond the wording it was tuned on.
func TestParaphrases(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		text string
		want []string // categories that must be found
		not  []string // categories that must not be
	}{
		// 欠薪
		{"俺们在工地上干了大半年，老板一分钱工钱都没结，过年回不了家。", []string{"wage_arrears"}, nil},
		{"活干完了，钱却迟迟拿不到手，找老板就说下个月给。", []string{"wage_arrears"}, nil},
		{"包工头卷款跑路，十几个工友的血汗钱没了着落。", []string{"wage_arrears"}, nil},
		{"劳务公司压着我们三个月的工资不发，说是甲方没给工程款。", []string{"wage_arrears"}, nil},
		{"给饭店当了半年服务员，辞职的时候老板扣着最后两个月的工资不给。", []string{"wage_arrears"}, nil},
		{"快递站拖欠我们派件费两个多月了。", []string{"wage_arrears"}, nil},
		{"单位没给我交社保，我要求补缴。", []string{"social_security"}, []string{"wage_arrears"}},
		{"被公司辞退了，要求支付经济补偿。", []string{"labor_dispute"}, []string{"wage_arrears", "demolition_compensation"}},
		// 征收拆迁补偿
		{"村里修路把我家院子占了，说好的补偿到现在一分没给。", []string{"demolition_compensation"}, nil},
		{"半夜来了一帮人把我家房子推了，这不是强拆是什么？", []string{"demolition_compensation"}, []string{"noise"}},
		{"拆迁时承诺给两套回迁房，现在只给一套。", []string{"demolition_compensation"}, nil},
		{"征地的时候说每亩补三万，结果只给了两万。", []string{"demolition_compensation"}, nil},
		{"老房子被划进棚改范围，评估价太低，我们不同意签字。", []string{"demolition_compensation"}, nil},
		{"搬出来租房三年了，临时安置费停了一年多。", []string{"demolition_compensation"}, nil},
		{"车被撞了，保险公司理赔款拖了半年还没到。", nil, []string{"demolition_compensation"}},
		// 延期交房
		{"买的房子合同上写前年年底交钥匙，到现在楼还没封顶。", []string{"delayed_delivery"}, nil},
		{"开发商一拖再拖，交房时间一推再推，我们什么时候能住上新房？", []string{"delayed_delivery"}, nil},
		{"小区停工快一年了，工地上连个人影都没有，业主们都急了。", []string{"delayed_delivery"}, nil},
		{"首付交了，贷款也在还，房子却成了烂尾楼。", []string{"delayed_delivery"}, nil},
		{"回迁楼说好去年交，现在还是个空架子。", []string{"delayed_delivery"}, nil},
		{"收房以后发现墙体开裂，卫生间渗水，开发商不给修。", []string{"housing_quality"}, []string{"delayed_delivery"}},
		{"物业费一年比一年高，服务却越来越差。", []string{"property_management"}, []string{"delayed_delivery"}},
		// 噪声扰民
		{"隔壁的KTV天天唱到后半夜，吵得孩子没法写作业。", []string{"noise"}, nil},
		{"对面工地晚上十一点了还在打灰浇筑，机器轰隆隆的。", []string{"noise"}, nil},
		{"小区门口的商铺天天用喇叭循环播放广告，烦死了。", []string{"noise"}, nil},
		{"楼上邻居半夜在家蹦迪，音乐震天响。", []string{"noise"}, nil},
		{"广场上跳舞的音响从早上六点就开始放，声音特别大。", []string{"noise"}, nil},
		{"楼下饭店的油烟味顺着窗户往家里钻，熏得没法开窗。", []string{"environment"}, []string{"noise"}},
		{"养猪场臭气熏天，苍蝇到处都是。", []string{"environment"}, []string{"noise"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			for _, c := range tt.want {
				if !slices.Contains(an.Categories, c) {
					t.Errorf("Analyze(%q).Categories = %v, want %s (evidence %v)", tt.text, an.Categories, c, an.Evidence)
				}
			}
			for _, c := range tt.not {
				if slices.Contains(an.Categories, c) {
					t.Errorf("Analyze(%q).Categories = %v, must not hold %s (evidence %v)", tt.text, an.Categories, c, an.Evidence)
				}
			}
		})
	}
}

// TestParaphraseRisk holds risk cases written from the rubric, in everyday
// wording.
func TestParaphraseRisk(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct{ text, level string }{
		{"我们二十多个工人明天一起去市政府门口要工资。", "high"},
		{"五十多户业主今天上午把售楼处的大门堵了。", "high"},
		{"三十多名村民在镇政府门口坐着不走，要求给个说法。", "high"},
		{"一百多户业主建了微信群，正在商量联名去自治区反映。", "high"},
		{"工人们说再不发工资就去堵高速路口。", "medium"},
		{"这事我已经跑了七八趟了，次次都说等通知。", "medium"},
		{"我们八户村民的补偿款一直没到位。", "medium"},
		{"业主们在群里说要组织起来维权。", "medium"},
		{"我真是忍无可忍了，开发商就是骗子！", "medium"},
		{"来电咨询房产证办理需要什么材料。", "low"},
		{"楼上漏水，邻居不给修。", "low"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := a.Analyze("t", "", tt.text).Risk
			if r.Level != tt.level {
				t.Errorf("Analyze(%q).Risk = %+v, want %s", tt.text, r, tt.level)
			}
		})
	}
}
