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
