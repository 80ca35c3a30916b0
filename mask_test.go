package xinfang

import (
	"strings"
	"testing"
)

func TestMaskText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mobile", "联系电话13812348000。", "联系电话138****8000。"},
		{"mobile with +86", "电话+86 138-1234-8000", "电话+86 138****8000"},
		{"id number", "身份证号150102198801011234，", "身份证号150102********1234，"},
		{"id number X", "身份证15010219880101123X", "身份证150102********123X"},
		{"landline", "座机0471-6612345", "座机0471-****2345"},
		{"two phones", "13812348000、13912348001", "138****8000、139****8001"},
		{"money untouched", "拖欠工资919730元", "拖欠工资919730元"},
		{"long number untouched", "合同编号2023138123480001234", "合同编号2023138123480001234"},
		{"no digits", "没有数字", "没有数字"},
		{"full-width mobile", "电话１３９００００１２３４，", "电话139****1234，"},
		{"full-width id number", "身份证１５０１０２１９８８０１０１１２３４", "身份证150102********1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskText(tt.in); got != tt.want {
				t.Errorf("MaskText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaskFields(t *testing.T) {
	p := (&Person{Name: "张三丰", Phone: "13812348000", IDNumber: "150102198801011234", Address: "内蒙古自治区兴安盟乌兰浩特市和平街道幸福小区3号楼"}).Masked()
	want := Person{Name: "张**", Phone: "138****8000", IDNumber: "150102********1234", Address: "内蒙古自治区兴安盟乌兰浩特市***"}
	if *p != want {
		t.Errorf("Masked() = %+v, want %+v", *p, want)
	}
}

// TestMaskTextForms covers the ways people write numbers, names and
// addresses. The inputs were written as petitioners write, not from the
// patterns.
func TestMaskTextForms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mobile with dots", "有事打139.0000.5601找我", "有事打139****5601找我"},
		{"mobile with a zero-width space", "手机1390000\u200b5601。", "手机139****5601。"},
		{"mobile in 3-4-4 with spaces", "联系 139 0000 5601 谢谢", "联系 139****5601 谢谢"},
		{"mobile one digit at a time", "1 3 9 0 0 0 0 5 6 0 1", "139****5601"},
		{"mobile in Chinese numerals", "电话一三九零零零零五六零一", "电话139****5601"},
		{"mobile with full-width dashes", "１３９－００００－５６０１", "139****5601"},
		{"mobile with 86", "86-139-0000-5601", "86-139****5601"},
		{"mobile split by highlight", "电话139<mark>0000</mark>5601", "电话139****5601"},
		{"landline with dash", "座机0471-6612346转", "座机0471-****2346转"},
		{"landline in brackets", "电话（0471）6612346", "电话（0471-****2346"},
		{"landline in ASCII brackets and space", "tel:(0477) 831 2346", "tel:(0477-****2346"},
		{"landline run together", "请拨04716612346", "请拨0471-****2346"},
		{"Beijing landline", "010-66012346", "010-****2346"},
		{"local number after a keyword", "家里电话：6612346", "家里电话：***2346"},
		{"seven digits alone untouched", "共计6612346元", "共计6612346元"},
		{"ID with spaces", "身份证 152201 19900101 0013", "身份证 152201********0013"},
		{"ID with a wrong check digit", "152201199013320017", "152201********0017"},
		{"ID with x", "15220119900101001x号", "152201********001X号"},
		{"old 15-digit ID", "证件号152201900101001", "证件号152201*****1001"},
		{"two phones with 、", "13900005601、13900005602", "139****5601、139****5602"},
		{"two phones with a space", "13900005601 13900005602", "139****5601 139****5602"},
		{"date untouched", "2024-04-19 09:30来访", "2024-04-19 09:30来访"},
		{"record id untouched", "NM-2024-000123号件", "NM-2024-000123号件"},
		{"hash untouched", "b7e1c0de13900005601ab", "b7e1c0de13900005601ab"},
		{"amount untouched", "拖欠1,380,000元和36.5 万元", "拖欠1,380,000元和36.5 万元"},
		{"name after 本人", "本人王建国，男，", "本人王**，男，"},
		{"name after 举报人 with colon", "举报人：刘芳反映", "举报人：刘*反映"},
		{"name after 来访人", "来访人陈志强称其工资被拖欠", "来访人陈**称其工资被拖欠"},
		{"name after 我叫", "我叫欧阳娜娜，在工地干活", "我叫欧***，在工地干活"},
		{"respondent's name", "包工头孙大海拖欠我们工资", "包工头孙**拖欠我们工资"},
		{"boss who ran", "老板周斌跑路了", "老板周*跑路了"},
		{"already anonymous", "举报人赵某某反映", "举报人赵某某反映"},
		{"title only", "负责人张先生说", "负责人张先生说"},
		{"no name after the cue", "负责人安排工人加班", "负责人安排工人加班"},
		{"a word, not a name", "本人关于拖欠工资的反映", "本人关于拖欠工资的反映"},
		{"address after 家住", "家住乌兰浩特市和平街道幸福小区3号楼，", "家住乌兰浩特市***，"},
		{"the address ends before a count", "住在危窑中的7户村民拒绝搬迁，", "住在***的7户村民拒绝搬迁，"},
		{"households are no address", "我们27家住户至今无家可归，", "我们27家住户至今无家可归，"},
		{"house numbers", "在幸福小区12号楼3单元501室", "在幸福小区**号楼*单元***室"},
		{"street number", "胜利路18号门口", "胜利路**号门口"},
		{"counts untouched", "27户业主和3栋楼", "27户业主和3栋楼"},
		{"building and flat", "住6栋2单元", "住*栋*单元"},
		{"highlight around a number", "电话<mark>13900005601</mark>。", "电话139****5601。"},
		{"highlight ending inside", "<mark>电话139</mark>00005601", "<mark>电话</mark>139****5601"},
		{"highlight starting inside", "139<mark>00005601</mark>号", "139****5601号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MaskText(tt.in)
			if got != tt.want {
				t.Errorf("MaskText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := MaskText(got); again != got {
				t.Errorf("MaskText not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestMaskRespondent(t *testing.T) {
	for in, want := range map[string]string{
		"张伟":              "张*",
		"司马光明":            "司***",
		"某劳务公司":           "某劳务公司",
		"包工头李大成":          "包工头李**",
		"某公司 13900005678": "某公司 139****5678",
	} {
		if got := MaskRespondent(in); got != want {
			t.Errorf("MaskRespondent(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkMaskText masks a petition of ordinary length with a phone, an ID
// number, a name and an address in it.
func BenchmarkMaskText(b *testing.B) {
	text := strings.Repeat("乌兰浩特市某小区27户业主反映，开发商承诺2023年6月交房，至今已拖延一年多，多次到住建局反映未果。", 4) +
		"本人王建国，电话139 0000 5601，身份证152201199001010013，家住乌兰浩特市和平街道幸福小区3号楼2单元501室。"
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		MaskText(text)
	}
}
