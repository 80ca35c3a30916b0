package nlp

import "github.com/xinfang/xinfang/internal/fold"

// Traditional characters are folded to simplified ones before analysis and
// segmentation, so that 農民工討薪 is read like 农民工讨薪; the table is
// internal/fold's (OpenCC's t2s, rune by rune, byte length kept), which
// masking uses too.

// FoldTraditional folds the traditional characters of s to simplified ones
// of the same byte length; offsets into the result are offsets into s.
func FoldTraditional(s string) string { return fold.String(s) }
