package nlp

import (
	"cmp"
	"github.com/xinfang/xinfang/internal/cjk"
	"slices"
	"strings"
	"unicode/utf8"
)

// Repeated petitioning is often told without 多次 or 再次: a post that
// refers to its own earlier complaint (去年开始拨打12345…, 3月30日她曾在平台
// 留言), to a complaint that led nowhere (反复提意见成效甚微, 反映无果), or to
// the answer an office gave before (之前问政平台的回复都说…). priorPetition
// finds these in the petitioner's part of a text.

// priorAnchors before a petition verb in one clause place the petitioning
// in the past.
var priorAnchors = []string{"之前", "此前", "先前", "早前", "上次", "上一次", "前段时间", "前些日子", "去年", "上个月", "上月",
	"年初", "曾在", "曾于", "曾通过", "曾经", "月前", "周前", "早在", "一直在", "从去年", "多年来", "长期以来", "几年来",
	"开始向", "开始拨打", "开始反映", "开始投诉", "起就向"}

// priorVerbs name the petitioning (反应 is a common slip for 反映).
var priorVerbs = []string{"反映", "反应", "投诉", "留言", "问政", "拨打", "打过", "打了", "举报", "来信", "写信", "求助", "上访",
	"信访", "12345", "市长热线", "提意见", "找过", "讨要", "追讨", "索要", "讨薪", "咨询"}

// fruitless outcomes after a petition verb in one sentence: the petitioning
// led nowhere, so this is not the first time.
var fruitless = []string{"无果", "未果", "没有结果", "没结果", "成效甚微", "无济于事", "不了了之", "没有下文", "石沉大海", "杳无音信",
	"没有回音", "没有任何回复", "没人理", "无人理", "不予理睬", "至今未解决", "至今尚未解决", "至今没有解决", "至今没解决", "一直未解决",
	"一直没有解决", "一直没解决", "仍未解决", "仍然没有解决", "还未解决", "还没解决", "还没有解决", "没有得到解决", "未得到解决", "未能解决",
	"都不管了", "也不管", "踢皮球", "互相推诿", "相互推诿", "走过场", "没有任何进展", "没有任何效果", "没有效果",
	"不见行动", "不见动静", "没有动静", "没见动静", "毫无进展", "没有进展", "毫无结果", "没有任何改变", "依然如故",
	"迟迟没有解决", "迟迟未解决", "迟迟没解决", "迟迟未能解决", "迟迟得不到解决", "迟迟不解决"}

// replyWords name an office's answer; in the petitioner's part they are an
// answer to an earlier complaint unless asked for (请回复, 希望尽快答复).
var replyWords = []string{"回复", "答复", "回覆"}

var (
	askForReply  = []string{"请", "望", "希望", "期待", "尽快", "盼", "给予", "予以", "及时", "能否", "给个", "给我", "麻烦", "要求", "等待", "等", "求"}
	priorReplyBy = []string{"之前", "此前", "上次", "前期", "先前", "早前", "得到", "收到", "按照", "根据", "都说", "曾", "最早", "最新的",
		"书面", "给我们的", "给我的"}
	// countAfter a petition word makes it a statistic: 投诉量, 投诉12件.
	countAfter = []string{"量", "件", "率", "数", "同比", "占", "起", "总", "批", "人次", "情况", "运行", "共", "受理", "工作"}
	// scopeAfter an anchor makes the sentence a period's summary: 去年全区….
	scopeAfter = []string{"全区", "全市", "全盟", "全旗", "全县", "全省", "全国", "共", "累计", "全年", "以来"}
)

// priorPetition returns the stretch of s (up to end) that tells of earlier
// petitioning by the petitioners, as written, or "" when there is none. lex
// holds the matcher's matches of the report-reading words (ids less
// lexBase): the anchors, petition verbs, fruitless outcomes and reply words
// above are among them, so the text is not searched again.
func (a *Analyzer) priorPetition(s string, end int, lex []match) string {
	var anchors, verbs, outcomes, replies []match
	for _, m := range lex {
		if m.end > end {
			continue
		}
		switch a.lexWords[m.pat].class {
		case lexPriorAnchor:
			anchors = append(anchors, m)
		case lexPriorVerb:
			verbs = append(verbs, m)
		case lexFruitless:
			outcomes = append(outcomes, m)
		case lexReplyWord:
			replies = append(replies, m)
		}
	}
	if len(verbs) == 0 && len(replies) == 0 {
		return ""
	}
	byStart := func(x, y match) int { return cmp.Compare(x.start, y.start) }
	slices.SortFunc(anchors, byStart)
	slices.SortFunc(verbs, byStart)
	slices.SortFunc(outcomes, byStart)
	// An anchor, then a petition verb in the same clause.
	for _, an := range anchors {
		if _, ok := hasAnyPrefix(s[an.end:], scopeAfter); ok {
			continue
		}
		from := an.end
		if strings.HasPrefix(s[from:], ",") {
			// 年初，我们将此事进行投诉: an opening time adverbial.
			from += len(",")
		}
		limit := from + len(clauseAfter(s, from, 20))
		for _, v := range verbs {
			if v.start < an.end || v.end > limit {
				continue
			}
			// 上次活动中群众反映的问题: a summary of others' matters.
			rest := s[v.end:]
			// 上次我们兄弟俩向两位领导反映的…: the writers' own complaint,
			// named as a noun.
			own := containsAny(s[an.end:v.start], []string{"我们", "我", "本人", "俺"})
			if officialActs(s, v.start) || negatedRisk(s, v.start) || containsAny(clauseAfter(s, v.end, 5), countAfter) ||
				!own && (strings.HasPrefix(rest, "的") || strings.HasPrefix(rest, "问题的")) {
				continue
			}
			return shortQuote(s, an.start, v.end)
		}
	}
	// A petition verb, then a fruitless outcome in the same sentence.
	for _, v := range verbs {
		// Read with the verb, so that a respondent right before it is whom
		// the petitioner went to, 向 dropped (物业反应多次无果).
		if officialActs(s, v.end) || containsAny(clauseAfter(s, v.end, 5), countAfter) {
			continue
		}
		span := 30
		if strings.HasPrefix(s[v.end:], "的") {
			// 我向你们反映的某村…拖欠青苗补偿一事已经一个多月了: the
			// complaint named as a noun, its lapse at the end of a long
			// sentence.
			span = 64
		}
		limit := v.end + len(sentenceAfter(s, v.end, span))
		for _, o := range outcomes {
			// 希望这个留言不要石沉大海: a hope, not an outcome.
			if o.start < v.end || o.end > limit || strings.HasSuffix(s[:o.start], "不") || containsAny(before(s, o.start, 3), []string{"不要", "别", "不会", "免得", "以免"}) {
				continue
			}
			if a.lexWords[o.pat].weight == lapseWord {
				// 致电本报反映：小区回迁已经好几年了: the verb opens what is
				// told, and the time is the matter's, not the waiting.
				if _, told := hasAnyPrefix(s[v.end:], []string{":", "：", ",", "，"}); told || !lapse(s[o.end:limit]) {
					continue
				}
				return shortQuote(s, v.start, o.end+len(clauseAfter(s, o.end, 8)))
			}
			return shortQuote(s, v.start, o.end)
		}
	}
	// An office's earlier answer quoted by the petitioner.
	for _, r := range replies {
		// 希望能得到答复: an answer asked for, a few words back.
		if containsAny(before(s, r.start, 3), askForReply) || containsAny(clauseBefore(s, r.start, 6), []string{"希望", "期待", "期盼", "盼望", "请求"}) {
			continue
		}
		pre := clauseBefore(s, r.start, 8)
		// 进行了回复 is an answer given; 逐一进行了记录并回复 is the answer
		// of the day's report.
		// 27个问题由供热企业直接进行了答复: an office's tally of its
		// answers, not a petitioner's earlier answer.
		if countIn(clauseBefore(s, r.start, 20), []string{"个问题", "个诉求", "件诉求", "件问题", "个来电", "件"}) {
			continue
		}
		if (containsAny(pre, priorReplyBy) || strings.HasSuffix(pre, "进行了")) && !containsAny(clauseBefore(s, r.start, 14), []string{"没有得到", "未得到", "没得到", "没有收到", "未收到", "没收到"}) {
			return shortQuote(s, r.start-len(pre), r.end)
		}
	}
	return ""
}

// lapseWord marks 已经 among the fruitless words: it counts only when a
// time span follows (已经一个多月了).
const lapseWord = 1

// priorLexicon lists the patterns priorPetition reads, for the matcher.
func priorLexicon() ([]string, []lexWord) {
	var pats []string
	var words []lexWord
	for _, t := range priorAnchors {
		pats, words = append(pats, t), append(words, lexWord{class: lexPriorAnchor})
	}
	for _, t := range priorVerbs {
		pats, words = append(pats, t), append(words, lexWord{class: lexPriorVerb})
	}
	for _, t := range fruitless {
		pats, words = append(pats, t), append(words, lexWord{class: lexFruitless})
	}
	pats, words = append(pats, "已经"), append(words, lexWord{class: lexFruitless, weight: lapseWord})
	for _, t := range replyWords {
		pats, words = append(pats, t), append(words, lexWord{class: lexReplyWord})
	}
	return pats, words
}

// lapse reports a time span at the start of s, the text after 已经:
// 一个多月了, 半年了.
func lapse(s string) bool {
	span := clauseAfter(s, 0, 8)
	// 已经连续两天了: the nuisance goes on, nobody is waiting for an answer.
	return containsAny(span, []string{"月", "年", "周", "天", "星期"}) && cjk.Contains(span, "了") && !cjk.Contains(span, "连续")
}

// shortQuote returns s[from:to] trimmed to at most 16 runes from its end,
// without leading punctuation: a cue as written.
func shortQuote(s string, from, to int) string {
	q := s[from:to]
	for utf8.RuneCountInString(q) > 16 {
		_, w := utf8.DecodeRuneInString(q)
		q = q[w:]
	}
	return strings.TrimLeft(q, "，,、；; ")
}

// followUpMarkers open the petitioner's answer to a reply on a message
// board: what follows is the petitioner again, coming back.
var followUpMarkers = []string{"再次反馈", "补充内容", "网友追问", "追问:", "再次留言", "继续反映"}

// followUp reports a repeat cue at byte i that is itself, or follows, a
// petitioner's follow-up to a reply.
func followUp(s string, i int) bool {
	_, ok := hasAnyPrefix(s[i:], followUpMarkers)
	return ok || containsAny(sentenceBefore(s, i, 30), followUpMarkers)
}
