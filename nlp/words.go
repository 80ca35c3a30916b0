package nlp

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/cjk"
)

// span is a word of a normalised text, as byte offsets into it, with its
// dictionary frequency (0 when the segmenter did not know it).
type span struct {
	start, end int
	freq       float64
	id         int32 // the word's id in the word table, 0 when unknown
}

// spans segments the normalised text norm into words, dropping whitespace
// and punctuation.
func (s *Segmenter) spans(norm string) []span { return s.words.segment(lowerASCII(norm), nil) }

// subjectSuffixes end the names of respondents: companies (the legal forms
// of xinfang.CompanyForms), developers, projects, communities, sites.
var subjectSuffixes = append(slices.Clone(xinfang.CompanyForms), "项目", "小区", "花园", "工地", "物业", "楼盘", "家园")

// subjectSuffixEnds holds the last three bytes (one character) of every
// subject suffix.
var subjectSuffixEnds = map[string]bool{}

func init() {
	for _, x := range subjectSuffixes {
		subjectSuffixEnds[x[len(x)-3:]] = true
	}
}

// companySuffix reports a suffix that ends a company's name.
func companySuffix(suf string) bool {
	return slices.Contains(xinfang.CompanyForms, suf)
}

// businessWords may stand inside a company's name before its suffix.
var businessWords = map[string]bool{"管理": true, "服务": true, "开发": true, "建设": true, "投资": true}

// subjectStops end a name when walking back from its suffix.
var subjectStops = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`在 的 了 和 与 及 被 向 对 是 于 由 到 给 从 把 将 为 因 称 等 一家 一个 个 该 此 这 那 其
		这家 那家 这个 那个 我们 他们 我 他 她 你 您 反映 投诉 举报 拖欠 位于 购买 买 买了 入住 居住 住 承建 要求 关于 其中 业主
		所在 家住 住在 说 找 去 来 欠 告 起诉 以及 还 也 都 就 又 即 或 跟 同 让 叫 请 帮 旁边 附近 对面 隔壁 楼下 楼上
		门口 里 上 中 内 外 一 两 几 家 所 座 处 片 年 月 日 号 今年 去年 目前 现在 当时 反映人 来访人 来电人 表示
		代表 被反映 涉及 签订 开发商 工作 上班 打工 干活 务工 干了 代 称其 其母亲 其父亲 市民 居民 村民 该项目 该公司
		各 多家 几家 一些 整个 全 新 老 原 自己 本 贵 涉事 被告 原告 以 之 及其 或者 并 且 而 但 却 后 前 时 期间
		当地 附近 周边 东侧 西侧 南侧 北侧 南边 北边 东边 西边 一座 一处 一片 个别 部分 全体 所有 每个 多个 两个 三个
		承揽 承接 分包 转包 施工方 开发 建设 实施 新建 在建 所属 下属 旗下 名下 投资 进驻 负责 管理 服务 一期 二期
		督促 责令 协调 约谈 敦促 指导 会同 督办 查处 处罚 立案 通知 告知 催促 监督 联系 追回 讨回 帮助 协助 依法 经 后`) {
		subjectStops[w] = true
	}
}

// genericPrefixes alone before a suffix make a kind of business, not a name
// (劳务公司, 保险公司).
var genericPrefixes = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`劳务 保险 物业 装饰 装修 供热 家政 物流 开发 建筑 施工 化工 商贸 矿业 工程 投资 科技
		评估 中介 房地产 房地产开发 培训 管理 运输 建设 担保 小贷 贷款 网络 电商 快递 外卖 铸造 焦化 煤矿 供暖 热力 燃气
		自来水 电力 通信 移动 联通 电信 银行 金融 信托 证券 租赁 安保 保安 保洁 餐饮 酒店 旅游 文化 传媒 广告 医药
		农业 牧业 养殖 食品 汽车 二手车 驾校 教育 劳务派遣 人力资源 市政 市政工程 园林 绿化 混凝土 搅拌 钢结构 新 老
		这个 那个 整个 住宅 商住 回迁 安置 棚改 一个 附近 旁边 对面 所在 本 该 涉事 我们 我家 我们家 他们 开发的 商业`) {
		genericPrefixes[w] = true
	}
}

// maxSubjects bounds the subjects reported for one text.
const maxSubjects = 32

// subjects finds the respondents named in the text: …有限公司, …集团,
// …项目, …小区, …花园, …工地, 某某物业.
func subjects(norm string, sp []span) []string {
	type cand struct {
		start int
		name  string
	}
	var found []cand
	for i := range sp {
		w := norm[sp[i].start:sp[i].end]
		if len(w) < 3 || !subjectSuffixEnds[w[len(w)-3:]] {
			continue // the common case: no suffix ends so
		}
		suf := ""
		for _, x := range subjectSuffixes {
			if strings.HasSuffix(w, x) {
				suf = x
				break
			}
		}
		if suf == "" {
			continue
		}
		if i+1 < len(sp) && sp[i+1].start == sp[i].end {
			next := norm[sp[i+1].start:sp[i+1].end]
			if suf == "物业" && (strings.HasPrefix(next, "费") || strings.HasPrefix(next, "公司") || strings.HasPrefix(next, "管理") || strings.HasPrefix(next, "服务")) {
				continue
			}
			if suf == "项目" && strings.HasPrefix(next, "部") {
				continue
			}
		}
		// Walk back over adjacent name-like words.
		start := sp[i].start
		runes := utf8.RuneCountInString(w)
		if w == suf {
			for j := i - 1; j >= 0 && i-j <= 8; j-- {
				pw := norm[sp[j].start:sp[j].end]
				// 物业服务有限公司, 餐饮管理有限公司: business words are
				// part of a company's name, though they end other names.
				stop := subjectStops[pw] && !(companySuffix(suf) && businessWords[pw])
				if sp[j].end != start || stop || !nameLike(pw) {
					break
				}
				runes += utf8.RuneCountInString(pw)
				if runes > 24 {
					break
				}
				start = sp[j].start
				if strings.HasPrefix(pw, "某") {
					break
				}
			}
		}
		name := norm[start:sp[i].end]
		prefix := strings.TrimSuffix(name, suf)
		if !validSubjectPrefix(prefix) {
			continue
		}
		if suf == "物业" && (strings.HasSuffix(prefix, "公司") || strings.HasSuffix(prefix, "集团")) {
			continue // 万达物业有限公司物业问题: the company, then a topic
		}
		found = append(found, cand{start, name})
	}
	out := []string{}
	seen := map[string]bool{}
	for i, c := range found {
		// 某小区 then 某小区物业: keep the longer name only.
		if i+1 < len(found) && found[i+1].start == c.start && strings.HasPrefix(found[i+1].name, c.name) {
			continue
		}
		if !seen[c.name] {
			seen[c.name] = true
			out = append(out, c.name)
			if len(out) == maxSubjects {
				break
			}
		}
	}
	return out
}

func nameLike(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func validSubjectPrefix(p string) bool {
	if p == "" || genericPrefixes[p] {
		return false
	}
	n := utf8.RuneCountInString(p)
	if cjk.Contains(p, "某") {
		return true
	}
	if n < 2 {
		return false
	}
	// A generic business word after a short qualifier is still generic
	// (外地劳务, 一家装修).
	for g := range genericPrefixes {
		if strings.HasSuffix(p, g) && utf8.RuneCountInString(g) >= n-1 {
			return false
		}
	}
	return n >= 2
}

// keywordStops are words too common in petitions to be keywords.
var keywordStops = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`反映 来电 来访 来信 来访人 来电人 反映人 要求 请求 希望 领导 有关部门 相关部门 现在 今年 去年 已经
		一直 没有 我们 他们 情况 问题 目前 至今 表示 进行 处理 解决 协调 帮助 部门 工作人员 尊敬 您好 谢谢 一个 时候
		什么 怎么 这个 那个 可以 不能 还是 如果 但是 因为 所以 自己 今天 今日 上午 下午 晚上 每天 天天 多次 一下 一点
		以后 之后 之前 当时 后来 结果 到底 实在 非常 特别 还有 以及 其中 某某 本人 家里 这样 那样 这些 那些 出现 发现
		告知 答复 回复 反应 知道 说是 一起 大家 有人 没人 不是 就是 只是 还在 一样 这种 那种 起来 出来 过来 回来 下来
		上来 所有 之间 左右 多名 一名 两个 几个 好几 一次 一年 半年 个月 多月 万元 要求 尽快 督促 有关 相关 同志 您们
		请问 麻烦 一些 而且 然后 或者 并且 由于 对方 双方 为由 为了 关于 没有 还没 不了 不到 不行 不管 应该 应当 需要
		准备 打算 今年 明年 前年 当年 当天 月底 年底 年初 今后 以来 期间 一家 这家 那家 这里 那里 哪里 怎么办 为什么`) {
		keywordStops[w] = true
	}
}

// keywords returns up to k words of the text ranked by TF-IDF, with the
// inverse document frequency estimated from gse's dictionary frequencies.
// Stop words, single characters, numbers and place names are left out.
func (a *Analyzer) keywords(low string, sp []span, k int, sc *analysisScratch) []string {
	idx := sc.kwIdx
	list := sc.kws[:0]
	defer func() { clear(list); sc.kws = list[:0] }()
	for i, s := range sp {
		if s.end-s.start < 4 {
			continue // one Chinese character or a short ASCII word
		}
		w := low[s.start:s.end]
		if idx0, ok := idx[w]; ok {
			if idx0 >= 0 {
				list[idx0].tf++
			}
			continue
		}
		if s.id > 0 && !a.kwWord[s.id-1] || s.id == 0 && (!keywordCandidate(w) || a.notKeyword[w]) {
			idx[w] = -1
			continue
		}
		idx[w] = len(list)
		list = append(list, kwCand{word: w, tf: 1, first: i, freq: s.freq})
	}
	if len(list) == 0 {
		return []string{}
	}
	total := a.seg.totalFreq()
	maxIDF := math.Log(total / minTokenFreq)
	for i := range list {
		f := list[i].freq
		idf := maxIDF
		if f > 0 {
			idf = math.Log(total / f)
		}
		list[i].score = float64(list[i].tf) * idf
	}
	// The k best by score, earlier first among equals: a strict order
	// (first is unique), so picking them one by one gives what a full sort
	// would.
	n := min(k, len(list))
	out := make([]string, n)
	for i := range n {
		best := i
		for j := i + 1; j < len(list); j++ {
			if list[j].better(&list[best]) {
				best = j
			}
		}
		list[i], list[best] = list[best], list[i]
		out[i] = list[i].word
	}
	return out
}

// kwCand is a keyword candidate of one text.
type kwCand struct {
	word  string
	tf    int
	first int
	freq  float64
	score float64
}

func (x *kwCand) better(y *kwCand) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	return x.first < y.first
}

func keywordCandidate(w string) bool {
	n, han := 0, 0
	for _, r := range w {
		n++
		switch {
		case unicode.IsDigit(r):
			return false
		case r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && unicode.Is(unicode.Han, r):
			if _, d := cnDigit(r); d || cnUnit(r) > 0 || r == '万' || r == '亿' || r == '某' {
				continue
			}
			han++
		case unicode.IsLetter(r):
			han++
		default:
			return false
		}
	}
	return n >= 2 && han >= 1 && !(n == han && n < 2)
}
