package xinfang_test

import (
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/piigen"
)

// TestMaskGenerated masks 20,000 generated variants of personal data in
// sentences and finds none of the raw values in the output.
func TestMaskGenerated(t *testing.T) {
	vs := piigen.New(11).Variants(20000)
	byKind := map[string]int{}
	for _, v := range vs {
		// The check sees the raw value before masking.
		if len(v.Leaks(v.Text, piigen.Fold(v.Text))) != len(v.Raw) {
			t.Fatalf("leak check misses raw %q in %q", v.Raw, v.Text)
		}
		got := xinfang.MaskText(v.Text)
		if leaks := v.Leaks(got, piigen.Fold(got)); len(leaks) > 0 {
			byKind[v.Kind]++
			if byKind[v.Kind] <= 5 {
				t.Errorf("%s: MaskText(%q) = %q keeps %q", v.Kind, v.Text, got, leaks)
			}
		}
	}
	if len(byKind) > 0 {
		t.Errorf("leaks by kind of 20000 variants: %v", byKind)
	}
}
