package xinfang

import "testing"

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
