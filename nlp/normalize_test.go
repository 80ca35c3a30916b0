package nlp

import "testing"

func TestNormalize(t *testing.T) {
	for _, s := range []string{"", "普通文本", "ＡＢＣ１２３　，。", "\xff\xfe混合\xc3", "abc"} {
		want, offs := Normalize(s)
		if got := normalizeText(s); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q as Normalize gives", s, got, want)
		}
		if len(offs) != len(want)+1 || offs[len(want)] != len(s) {
			t.Errorf("Normalize(%q) offsets %v do not cover %d bytes", s, offs, len(want))
		}
	}
}

func TestStripPinyinNotes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"事情始終無(wú)法得到解決", "事情始終無法得到解決"},
		{"四川老鄉（xiāng）在異鄉(xiāng)", "四川老鄉在異鄉"},
		{"拨打(0471)热线", "拨打(0471)热线"},                 // digits are not pinyin
		{"见附件(a)和(b)", "见附件和"},                       // short Latin notes after Han go too
		{"Version(abc) stays", "Version(abc) stays"}, // only after a Chinese character
		{"未闭合(xiang", "未闭合(xiang"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stripPinyinNotes(tt.in); got != tt.want {
			t.Errorf("stripPinyinNotes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
