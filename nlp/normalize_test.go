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

func TestJoinWrappedLines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a page's wrap inside a word",
			"某厂工人讨薪\n据警方介绍，昨日下午某服装厂的二十多名工人因工资问题与厂方发生纠纷，相\n约到市政府门口聚集，其中两人爬上了门口的广告牌，导致周边\n交通堵塞。",
			"某厂工人讨薪\n据警方介绍，昨日下午某服装厂的二十多名工人因工资问题与厂方发生纠纷，相约到市政府门口聚集，其中两人爬上了门口的广告牌，导致周边交通堵塞。"},
		{"the title's break is kept", "这是一行很长的标题却没有任何标点符号所以看起来像正文\n正文从这里开始。", "这是一行很长的标题却没有任何标点符号所以看起来像正文\n正文从这里开始。"},
		{"short lines are items", "标题\n一、工资问题\n二、补偿问题\n", "标题\n一、工资问题\n二、补偿问题\n"},
		{"a sentence's end is kept", "标题\n某小区业主反映楼下的烧烤店每天营业到凌晨两点，噪音很大。\n物业回复：已经联系店主。", "标题\n某小区业主反映楼下的烧烤店每天营业到凌晨两点，噪音很大。\n物业回复：已经联系店主。"},
	}
	for _, tt := range tests {
		if got := joinWrappedLines(tt.in); got != tt.want {
			t.Errorf("%s: joinWrappedLines(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
