package nlp

import (
	"github.com/xinfang/xinfang/internal/cjk"
	"regexp"
	"strings"
	"unicode/utf8"
)

// SignedJointly reports whether a petition's text says that several
// people signed it (a 联名件): 联名信, 联名反映, 32户业主签名, 集体签名,
// 共同署名. A joint letter that is only planned (准备联名, 打算联名) is a
// sign of organising for the risk rules, not a signed record; a single
// signature (本人签名) is not joint.
func SignedJointly(text string) bool {
	if !cjk.Contains(text, "联名") && !cjk.Contains(text, "签") && !cjk.Contains(text, "署名") && !cjk.Contains(text, "手印") {
		return false
	}
	for _, loc := range jointWord.FindAllStringIndex(text, -1) {
		if !plannedBefore(text, loc[0]) {
			return true
		}
	}
	for _, loc := range jointCount.FindAllStringIndex(text, -1) {
		if !plannedBefore(text, loc[0]) {
			return true
		}
	}
	return false
}

var (
	// jointWord: 联名 in any use but a plan, and signing done together.
	jointWord = regexp.MustCompile(`联名|(?:集体|共同|联合|一起|全体|大家|多人|众人)(?:签名|署名|签字|按手印|摁手印|按了手印)`)
	// jointCount: a number of people who signed (27名工人签名, 三十多户签字).
	jointCount = regexp.MustCompile(`(?:[0-9]+|[一二两三四五六七八九十百几数]+)[多余来]?(?:名|位|户|人)[^，。；！？,;!?]{0,10}?(?:签名|署名|签字|按手印|摁手印|按了手印)`)
	// jointPlan: words just before a cue that make it a plan or a refusal.
	jointPlan = []string{"准备", "打算", "计划", "商量", "酝酿", "要", "将", "想", "正在", "发起", "组织", "号召", "召集", "不愿", "没有", "未", "议论"}
)

// plannedBefore reports whether the few characters before byte offset at
// hold a plan word.
func plannedBefore(text string, at int) bool {
	lo := at - 4*3 // four CJK characters
	if lo < 0 {
		lo = 0
	}
	for lo < at && !utf8.RuneStart(text[lo]) {
		lo++
	}
	before := text[lo:at]
	for _, w := range jointPlan {
		if strings.HasSuffix(before, w) || cjk.Contains(before, w) && len(w) > 3 {
			return true
		}
	}
	return false
}
