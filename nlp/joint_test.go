package nlp

import "testing"

func TestSignedJointly(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"我们32户业主联名反映小区延期交房问题。", true},
		{"附联名信一份，请领导查收。", true},
		{"全体工人共同签名，要求尽快发放工资。", true},
		{"27名工人在信上签名按手印。", true},
		{"三十多户村民签字反映拆迁补偿不到位。", true},
		{"业主们准备联名向上级反映。", false},
		{"大家打算联名写信。", false},
		{"本人签名：张某某。", false},
		{"施工队半夜还在干，噪音很大。", false},
		{"工人们多次讨要工资未果。", false},
	} {
		if got := SignedJointly(tc.text); got != tc.want {
			t.Errorf("SignedJointly(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
