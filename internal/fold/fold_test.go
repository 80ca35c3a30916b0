package fold

import "testing"

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"農民工討薪":        "农民工讨薪",
		"投訴人陳大文先生表示":   "投诉人陈大文先生表示",
		"鄰居裝修噪音 2024年": "邻居装修噪音 2024年",
		"已经是简体字，不变":    "已经是简体字，不变",
		"":             "",
		"abc 123 ①②":   "abc 123 ①②",
		"工人圍著經理，隨著音樂":  "工人围着经理，随着音乐",
		"著名律師的著作很顯著":   "著名律师的著作很显著",
		"記者瞭解到，瞭望塔":    "记者了解到，瞭望塔",
		"他的名著，著名的":     "他的名著，著名的",
		"看著他們":         "看着他们",
	} {
		got := String(in)
		if got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		if len(got) != len(in) {
			t.Errorf("String(%q) changed the byte length: %d → %d", in, len(in), len(got))
		}
	}
}

func TestTable(t *testing.T) {
	tb, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !tb.Has('陳') || tb.To('陳') != '陈' {
		t.Errorf("陳: Has %v, To %q", tb.Has('陳'), tb.To('陳'))
	}
	if tb.Has('陈') || tb.Has('a') {
		t.Error("a simplified rune or ASCII has a fold")
	}
	if s := "简体"; tb.Fold(s) != s {
		t.Error("Fold of simplified text is not the text itself")
	}
}
