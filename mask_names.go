package xinfang

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xinfang/xinfang/internal/cjk"
	"github.com/xinfang/xinfang/internal/fold"
)

// Names in free text. A name is recognised after the words that introduce a
// person (本人, 举报人, 来访人, 我叫, 包工头, 老板, 负责人…) when it starts with a
// family name; it is masked to the family name and stars (张**). A name
// of the 某 form (赵某某) is already anonymous.

//go:embed commonwords.txt
var commonWordsText string

// nameCueWords are the words that introduce a person's name; nameCues
// finds them.
var (
	nameCueWords = append(slices.Clone(personCueWords),
		"的叫", "个叫", "老板", "负责人", "法定代表人", "法人代表", "法人", "项目经理", "经理", "承包人", "承包商", "分包人", "个体户", "房东",
		"村主任", "村支书", "支书", "书记", "村长", "队长", "班长", "组长", "会计", "出纳", "主任", "局长", "科长", "所长", "镇长", "乡长", "县长", "旗长", "盟长", "副市长", "副区长", "、市长", "、区长", "嘎查长", "嘎查达", "苏木达", "站长", "厂长", "校长", "院长", "董事长", "总经理", "老总", "工程师", "技术员", "安全员", "质检员", "施工员", "干部")
	nameCues = newCueSet(nameCueWords...)
)

// personCueWords introduce a person by name rather than by office: after
// them a name may also be one without a common family name (巴特尔,
// 乌日娜, 于海波).
var personCueWords = []string{"本人", "举报人", "来访人", "反映人", "信访人", "投诉人", "申请人", "上访人", "求助人", "来信人", "来电人", "联系人", "代理人", "当事人", "委托人", "我叫", "名叫", "叫做", "姓名", "签名", "署名", "具名",
	"被投诉人", "被反映人", "被举报人", "受害人", "户主", "家属", "经办人", "我是", "名字叫", "名字是", "，叫", ",叫", "代表",
	"包工头", "工头",
	"发件人", "写信人", "留言人", "寄件人", "收件人", "报案人", "申诉人", "控告人", "检举人", "被申请人", "监护人", "承办人",
	"领款人", "借款人", "出借人", "担保人", "求助者", "落款", "欠款人", "债务人", "债权人", "请求人", "老板娘",
	"诉求人", "致电人", "咨询人", "建议人", "经手人", "证人", "持卡人", "开户人", "签字人", "见证人", "联名人", "联系人员", "来访者", "投诉者", "举报者", "反映者", "他叫", "她叫", "爸叫", "妈叫", "致电人员", "来电人员", "大名", "真名", "本名", "全名", "实名", "尊敬的", "代表人", "代理人员", "@", "＠", "敬礼", "敬礼！", "敬礼!", "敬礼\n", "敬礼！\n", "敬礼!\n", "名单", "答复人", "回复人", "办理人", "死者", "遇难者", "伤者", "逝者", "亡者"}

var personCues = wordSet(personCueWords)

// nameCueSeparators may stand between a cue and the name (举报人：张三).
const nameCueSeparators = "：: \t，,、是为叫系即（(“「"

// cueSet finds words in a text: the words by the bytes of their first
// rune, longest first, so that one pass over the text finds them all. A
// bit per first rune (hashed) lets the pass skip most runes without a map
// lookup or a full UTF-8 decode: masking runs on every text indexed.
type cueSet struct {
	byLead map[uint32][]string
	bits   *[1 << 10]uint64
}

// leadKey packs the bytes of the rune starting s (at most three) and
// returns its length in bytes (1 for a byte that starts no rune).
func leadKey(s string) (uint32, int) {
	b := s[0]
	switch {
	case b < 0x80:
		return uint32(b), 1
	case b >= 0xC0 && b < 0xE0 && len(s) >= 2:
		return uint32(b)<<8 | uint32(s[1]), 2
	case b >= 0xE0 && b < 0xF0 && len(s) >= 3:
		return uint32(b)<<16 | uint32(s[1])<<8 | uint32(s[2]), 3
	case b >= 0xF0 && len(s) >= 4:
		return uint32(b)<<16 | uint32(s[1])<<8 | uint32(s[2]), 4
	}
	return uint32(b), 1
}

func leadBit(k uint32) (int, uint64) {
	h := (k * 2654435761) >> 16 & (1<<16 - 1)
	return int(h >> 6), 1 << (h & 63)
}

func newCueSet(words ...string) cueSet {
	c := cueSet{byLead: map[uint32][]string{}, bits: new([1 << 10]uint64)}
	for _, w := range words {
		k, _ := leadKey(w)
		c.byLead[k] = append(c.byLead[k], w)
		i, bit := leadBit(k)
		c.bits[i] |= bit
	}
	for _, ws := range c.byLead {
		slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
	}
	return c
}

// find calls f with the end of each cue found in s, from the left; f
// returns where to go on from (at least the end it was given).
func (c cueSet) find(s string, f func(end int) int) {
	c.findWord(s, func(_ string, end int) int { return f(end) })
}

// findWord is find that also names the cue found.
func (c cueSet) findWord(s string, f func(word string, end int) int) {
	for i := 0; i < len(s); {
		k, size := leadKey(s[i:])
		next := i + size
		if j, bit := leadBit(k); c.bits[j]&bit != 0 {
			for _, w := range c.byLead[k] {
				if strings.HasPrefix(s[i:], w) {
					next = f(w, i+len(w))
					break
				}
			}
		}
		i = next
	}
}

// startsCue reports whether a cue word starts s.
func (c cueSet) startsCue(s string) bool {
	if s == "" {
		return false
	}
	k, _ := leadKey(s)
	for _, w := range c.byLead[k] {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// skipSeparators returns at moved past up to max runes of seps.
func skipSeparators(s string, at, max int, seps string) int {
	for k := 0; k < max && at < len(s); k++ {
		r, size := utf8.DecodeRuneInString(s[at:])
		if !strings.ContainsRune(seps, r) {
			break
		}
		at += size
	}
	return at
}

// The character lists below as sets, for the tests made at every
// character of a scan.
var (
	surnameSet      = cjk.NewRuneSet(surnames)
	extraSurnameSet = cjk.NewRuneSet(extraSurnames)
	nameFollowSet   = cjk.NewRuneSet(nameFollow)
	nameBoundSet    = cjk.NewRuneSet(nameBounds)
	nounEndSet      = cjk.NewRuneSet(nounEnds)
	translitSet     = cjk.NewRuneSet(translitChars)
)

// surnames are the single-character family names of about 99% of the
// population; 于, 向, 关, 单, 商 and 路 are left out, being far more often
// the first character of a word (关于, 单位).
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤易常乔赖文庞樊兰殷施洪翟安颜倪牛温芦季俞章鲁葛伍申尤毕聂丛焦柴包司岳齐邢祝冉甘鞠鲍蓝柳麦佟卜苗宁仲纪景郎吉阎牟霍云宫奚左甄寇栾盛辛靳耿骆屠宗卓桑谷荣艾阮符柏凌滕储裴房晏茅项邬廉饶卫秋岑苑阙钮苟卞欧尚佘曲谈邝隋习戚巫晋庄屈简池边扈燕冷鄢凤闻钦贝喻舒蔺荀仇虞粟党涂蒲郁冀练冼井游危裘阳缪丰邸祁臧闵阚荆褚仝逄姬穆萧楚戈"

// compoundSurnames are two-character family names.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "令狐", "皇甫", "尉迟", "公孙", "慕容", "夏侯", "长孙", "宇文", "司徒", "端木"}

// nameFollow are the characters that may follow a name in a sentence:
// punctuation, and the first characters of the verbs, particles and nouns
// that come after one (反映, 称, 于, 拖欠, 跑路, 身份证, 电话…). A candidate
// name not followed by one of them is taken for an ordinary word.
const nameFollow = "，,。.；;：:、！!？?）)（(“”\"' \t\n代反投举称说讲喊表于在因等向到来去的男女身电手联住家现系是今年带拖欠共多再及和与同一本之老经先师夫承负雇招组开名个户要请诉至拒迟仍未没不跑失卷逃躲以把将让给对被答已曾也都还就又并却才只所为从自当等两兄姐父母介告俩牵话想"

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// maskNames masks the names that follow a cue word (a word that introduces
// a person, or a word for a person by role or kin), a given name after
// 姓X名, a name that opens a sentence with 反映, 称 or the like, and names
// listed with them.
func maskNames(s string) string {
	var w nameWriter
	walkWords.findWord(s, func(cue string, end int) int {
		if prepositionSet[cue] {
			if n := prepositionNameLen(s, end-len(cue)); n > 0 {
				w.mask(s, end, end+n)
				return end + n
			}
			return end
		}
		var at, n int
		if roleWords[cue] {
			at = skipSeparators(s, end, 1, "：: 叫“「")
			if strings.HasSuffix(cue, "工") && startsWithAny(s[at:], tradeWordTails) {
				return end // 土木工程, 电工作业: the trade in a longer word
			}
			if cueWords.startsCue(s[at:]) {
				return end // 村民代表王某, 业主委托人: the next cue decides
			}
			n = roleNameLen(s[at:])
		} else {
			at = skipSeparators(s, end, 2, nameCueSeparators)
			if nameCues.startsCue(s[at:]) {
				return end // 我是包工头: a cue, not a name
			}
			field := personCues[cue] && strings.ContainsAny(s[end:at], "：:")
			if !field && personCues[cue] && at == end {
				// 姓名;谢小军: a semicolon typed for the colon of a field.
				if k := skipSeparators(s, end, 1, ";；"); k > end {
					at, field = skipSeparators(s, k, 1, " "), true
				}
			}
			if field {
				at += enumeratorLen(s[at:]) // 名单：1.马建华 2.高秀兰
			} else if cue == "名单" {
				return end // 名单张贴在: a list is a cue only as a field
			}
			n = cueNameLen(s[at:], cue)
			if field {
				// 留言人：阿斯钢，; 代表姓名：色尔道、陶力德、胡达兰太: the
				// value of a name field, and the names listed with it.
				if n == 0 {
					n = fieldNameLen(s[at:], 4)
				}
				if n == 0 || familyAndPost(s[at:]) {
					return end // 经办人：刘主任, a family name and a post
				}
				w.mask(s, at, at+n)
				p := at + n
				for {
					q, m := nextListedName(s, p)
					if m == 0 {
						break
					}
					w.mask(s, q, q+m)
					p = q + m
				}
				return p
			}
			if n == 0 && !slices.Contains(placePosts, cue) && !slices.Contains(looseCues, cue) {
				n = roleNameLen(s[at:]) // 包工头周海涛索要: three characters whatever follows
			}
			if n > 0 && startsWithAny(s[at+utf8.RuneLen(firstRune(s[at:])):], postsAfterFamily) {
				return end // 尊敬的王局长, 包工头陈经理: a family name and a post, no full name
			}
		}
		if n == 0 {
			return end
		}
		w.mask(s, at, at+n)
		return at + n
	})
	s, found := w.result(s), w.found // the names masked, to mask their other mentions
	s = maskOpeningNames(maskGivenAfterSurname(s), &found)
	s = maskNamesBeforeTitles(s, &found)
	s = maskNamesBeforeSex(s, &found)
	s = maskNamesBeforeIDs(s, &found)
	s = maskBracketedNames(s, &found)
	s = maskSoundNames(s, &found)
	s = maskNamesBeforeCounts(s, &found)
	s = maskNamesAfterHomes(s, &found)
	s = maskNamesBeforeFamily(s, &found)
	// The names a list's neighbours gave away are masked at their other
	// mentions too (段红霞家中 before the list that holds 段**).
	s, listed := maskListNeighbors(maskHalfAnonymous(maskMentions(maskNameLists(s, &found), found)))
	return maskMentions(s, listed)
}

// halfAnonymousStops may follow 王某 as a word of the sentence, not as the
// last character of a name (王某说, 王某等, 王某的).
const halfAnonymousStops = "说等和与及的在向称表因将把被已于到从为是也又便就则还均曾并仍所对给才欠拖未不要会能可自即系以让"

// halfAnonymousVerbs open the verbs that follow 某 most (孙某声称, 谭某清偿,
// 王某承认, 李某支付).
const halfAnonymousVerbs = "声清投承提支拒签告讨发认组带找收逃经私多先后再随同无没均曾"

// clip returns at most n bytes of s, cut at a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// containsAnyWord reports whether s holds any of words.
func containsAnyWord(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// maskHalfAnonymous masks a name a source left half anonymous, a family
// name, 某 and one given character (王某东, 霍某丰), when it is written at
// least twice: the given character still names the person.
func maskHalfAnonymous(s string) string {
	if !cjk.Contains(s, "某") {
		return s
	}
	var seen map[string]int
	for k := 0; ; {
		at := cjk.Index(s[k:], "某")
		if at < 0 {
			break
		}
		i := k + at
		k = i + len("某")
		r, size := utf8.DecodeLastRuneInString(s[:i])
		g, gs := utf8.DecodeRuneInString(s[i+len("某"):])
		if size == 0 || gs == 0 || !surnameSet.Has(r) || !isHan(g) || g == '某' || strings.ContainsRune(halfAnonymousStops, g) ||
			strings.ContainsRune("一二三四五六七八九十两百千万几家父母子女妻夫兄弟姐妹哥嫂叔婶", g) {
			continue
		}
		// 孙某声称, 谭某清偿, 广安某投资控股有限公司: the character opens a
		// word of the sentence, or a firm's name goes on.
		rest := s[i+len("某"):]
		if nx, _ := utf8.DecodeRuneInString(rest[gs:]); commonPairs[string(g)+string(nx)] || wordPairs[string(g)+string(nx)] ||
			strings.ContainsRune(halfAnonymousVerbs, g) || containsAnyWord(clip(rest, 10*3), "公司", "有限", "集团", "控股", "银行") {
			continue
		}
		if seen == nil {
			seen = map[string]int{}
		}
		seen[s[i-size:i+len("某")+gs]]++
	}
	for name, n := range seen {
		if n >= 2 {
			r, _ := utf8.DecodeRuneInString(name)
			s = strings.ReplaceAll(s, name, string(r)+"**")
		}
	}
	return s
}

// maskListNeighbors masks the other names of a list one of whose names
// was masked (赵海明、赵海亮、孙立军、张**、赵海林): an item of two or three
// characters that opens with a family name, between list marks.
func maskListNeighbors(s string) (string, []string) {
	if !strings.Contains(s, "*") || !strings.Contains(s, "、") {
		return s, nil // no name masked, or no list
	}
	isItem := func(t string) bool {
		n := utf8.RuneCountInString(t)
		r, _ := utf8.DecodeRuneInString(t)
		return n >= 2 && n <= 3 && isHanRunes(t) && surnameSet.Has(r) && !commonPairs[t] && !wordPairs[t]
	}
	masked := func(t string) bool {
		r, size := utf8.DecodeRuneInString(t)
		rest := t[size:]
		return surnameSet.Has(r) && (rest == "*" || rest == "**")
	}
	var b strings.Builder
	var names []string
	last := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "、")
		if j < 0 {
			break
		}
		// The run of items joined by 、 around this mark.
		start := i + j
		for start > 0 {
			k := strings.LastIndex(s[:start], "、")
			if k < 0 || start-k > 3*4+len("、") {
				break
			}
			start = k
		}
		end := i + j
		for {
			k := strings.Index(s[end+len("、"):], "、")
			if k < 0 || k > 3*4 {
				break
			}
			end += len("、") + k
		}
		// Items: the one before the first mark, those between, the one
		// after the last.
		left := start
		for left > 0 {
			r, w := utf8.DecodeLastRuneInString(s[:left])
			if !isHan(r) && r != '*' || start-(left-w) > 3*3 {
				break
			}
			left -= w
		}
		right := end + len("、")
		for right < len(s) {
			r, w := utf8.DecodeRuneInString(s[right:])
			if !isHan(r) && r != '*' || right+w-(end+len("、")) > 3*3 {
				break
			}
			right += w
		}
		if !strings.Contains(s[left:right], "*") {
			i = max(right, i+j+len("、"))
			continue // no item masked
		}
		items := strings.Split(s[left:right], "、")
		// The first and last items may run into the words around them:
		// keep them only when they are whole (the mark or a list end
		// bounds them).
		anyMasked := false
		for _, t := range items {
			if masked(t) {
				anyMasked = true
			}
		}
		if anyMasked && len(items) >= 3 {
			p := left
			for _, t := range items {
				if isItem(t) && !masked(t) && last <= p {
					b.WriteString(s[last:p])
					b.WriteString(MaskName(t))
					names = append(names, t)
					last = p + len(t)
				}
				p += len(t) + len("、")
			}
		}
		i = max(right, i+j+len("、"))
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), names
}

// titleCues follow a full name as a form of address or a post: 王建国同志,
// 张海峰经理, 赵卫东师傅, 李秀英大姐. A family name alone before them (王经理,
// 李老师) is no name to mask.
var titleCues = newCueSet(titleWords...)

var titleWords = []string{"同志", "先生", "女士", "经理", "总经理", "副经理", "书记", "副书记", "主任", "副主任", "老师", "师傅",
	"大姐", "大哥", "大爷", "大妈", "大娘", "阿姨", "律师", "医生", "局长", "副局长", "队长", "厂长", "站长", "所长", "科长", "院长",
	"校长", "会计", "总监", "董事长", "总裁", "本人", "同学", "老板", "包工头", "您好", "你好"}

// nameBounds may stand right before a name that a title follows: words
// that join or introduce (和, 是, 向), and the ends of places and bodies
// (伊图里河镇刘丽萍女士, 市委何健书记, 公司王强经理). Any other Han character
// before the candidate makes it likely part of a word (感谢警察同志,
// 购房者王女士), and it is left alone.
const nameBounds = "的和与及同跟是给向找请让对被把为由叫称即于在从据经将问见映诉报系知访到致镇乡村区县旗市省盟委局队厅处科所院校站部组办会司厂店"

// maskNamesBeforeTitles masks a personal name right before a title word.
func maskNamesBeforeTitles(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	titleCues.findWord(s, func(title string, end int) int {
		start := end - len(title)
		if n := titledNameStart(s[w.last:start]); n >= 0 {
			w.mask(s, w.last+n, start)
		}
		return end
	})
	return w.result(s)
}

// titledNameStart returns where the name that ends pre starts, -1 for
// none: a family name with one or two given characters (a compound family
// name with one or two). Common words (项目经理, 党委书记, 司机师傅), places
// and bodies (高新区主任, 办公室主任) and a family name followed by another
// (向王先生) are no name.
func titledNameStart(pre string) int {
	for _, c := range compoundSurnames {
		for _, k := range []int{2, 1} {
			if i := hanTail(pre, k); i >= len(c) && strings.HasSuffix(pre[:i], c) && isHanRunes(pre[i-len(c):]) {
				return i - len(c)
			}
		}
	}
	for _, k := range []int{3, 2} {
		i := hanTail(pre, k)
		if i < 0 {
			continue
		}
		if b, _ := utf8.DecodeLastRuneInString(pre[:i]); i > 0 && isHan(b) && !nameBoundSet.Has(b) {
			continue
		}
		cand := pre[i:]
		first, fs := utf8.DecodeRuneInString(cand)
		second, ss := utf8.DecodeRuneInString(cand[fs:])
		last, _ := utf8.DecodeLastRuneInString(cand)
		if !surnameSet.Has(first) || k == 2 && surnameSet.Has(second) ||
			commonPairs[cand[:fs+ss]] || strings.ContainsAny(cand[fs:], nameFollow+"某") ||
			(nounEndSet.Has(last) || strings.ContainsRune("室厅组科处股部委党", last)) || startsWithAny(cand[fs:], notGiven) {
			continue
		}
		return i
	}
	return -1
}

// hanTail returns the offset in s where its last k runes begin when they
// are all Han characters, -1 otherwise.
func hanTail(s string, k int) int {
	i := len(s)
	for range k {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if size == 0 || !isHan(r) {
			return -1
		}
		i -= size
	}
	return i
}

// isHanRunes reports whether s is all Han characters.
func isHanRunes(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// cueNameLen returns the length of the name that starts s after the word
// cue that introduces a person, 0 when none.
func cueNameLen(s, cue string) int {
	n := nameLen(s)
	if n == 0 && personCues[cue] {
		n = personNameLen(s)
	}
	if n == 0 {
		n = spacedNameLen(s)
	}
	if cue == "代表" && utf8.RuneCountInString(s[:n]) < 3 && !isTranslitName(s[:n]) {
		// 代表谈判, 推选代表、包车: after 代表 a name with a family
		// name has three characters (张伟 is missed there).
		return 0
	}
	return n
}

// nameWriter copies a text with the names it is given masked, and keeps
// the names masked so that their other mentions can be masked too.
type nameWriter struct {
	b     strings.Builder
	last  int      // end of the text copied so far
	found []string // the names masked
}

// mask masks the name s[from:to], which starts at or after the text copied.
func (w *nameWriter) mask(s string, from, to int) {
	if placeOrAddressed(s, from, to) {
		return // left as written; the next span copies it
	}
	to = from + verbTrimmed(s[from:to], s[to:])
	w.b.WriteString(s[w.last:from])
	w.b.WriteString(MaskName(s[from:to]))
	w.found = append(w.found, s[from:to])
	w.last = to
}

// verbTrimmed returns the length of a three-character name without its
// last character when that character is a verb an aspect particle follows
// (班组长王平望着…: 王平, not 王平望); the name's length otherwise.
func verbTrimmed(name, rest string) int {
	if utf8.RuneCountInString(name) != 3 {
		return len(name)
	}
	p, w := utf8.DecodeRuneInString(rest)
	next, _ := utf8.DecodeRuneInString(rest[w:])
	var words string
	switch p {
	case '着', '著':
		words = "急手想力重实眼落陆凉迷火名作称" // 着急, 著名
	case '了':
		words = "解结却然得" // 了解, 了结
	case '过', '過':
		words = "去来年节程问度失错滤往" // 过去, 过年
	default:
		return len(name)
	}
	if strings.ContainsRune(words, next) {
		return len(name)
	}
	_, l := utf8.DecodeLastRuneInString(name)
	return len(name) - l
}

// placeOrAddressed reports a candidate name s[from:to] that is the head of
// a place (彭阳县, 马鞍社区: an administrative unit follows) or a family
// name with a form of address (黄姑娘), which is no full name.
func placeOrAddressed(s string, from, to int) bool {
	rest := s[to:]
	// 杜占贵旗委书记, 李明县长: a post of the unit after a name.
	if r, w := utf8.DecodeRuneInString(rest); strings.ContainsRune("县縣区區镇鎮乡鄉旗", r) {
		if next, _ := utf8.DecodeRuneInString(rest[w:]); !strings.ContainsRune("委长長政人纪紀党黨", next) {
			return true
		}
	}
	name := s[from:to]
	// 昆都仑苏木党支部: the township word of Inner Mongolia.
	if strings.HasPrefix(name, "苏木") || strings.HasPrefix(name, "蘇木") {
		return true
	}
	if strings.HasSuffix(name, "社") && (strings.HasPrefix(rest, "区") || strings.HasPrefix(rest, "區")) {
		return true
	}
	_, size := utf8.DecodeRuneInString(name)
	return startsWithAny(s[from+size:], []string{"姑娘", "小姐", "大姐", "大哥", "阿姨", "大爷", "大妈", "大娘", "师傅", "先生", "女士", "老师"}) && to-from <= size+len("姑娘")
}

// result returns s with the names masked (s itself when there were none).
func (w *nameWriter) result(s string) string {
	if w.last == 0 {
		return s
	}
	w.b.WriteString(s[w.last:])
	return w.b.String()
}

// maskNameLists masks the names of a list joined by 、 (刘义财、郑有全和…,
// 张三丰、李四光、王五等人): a list one of whose names is masked already,
// or that ends in 等 and a count or 人.
func maskNameLists(s string, found *[]string) string {
	if !cjk.Contains(s, "、") {
		return maskNamePairs(s, found)
	}
	type span struct{ a, b int }
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for i := 0; i < len(s); {
		j := cjk.Index(s[i:], "、")
		if j < 0 {
			break
		}
		sep := i + j
		// The list's first name ends at sep: walk back over up to four runes.
		// bare is a first name with no clause start or cue before it (我们有
		// 张国庆、刘建设和我共三人): the list must then be closed by its count.
		start, bare := -1, -1
		for k, back := sep, 0; k > w.last && back < 4; back++ {
			_, size := utf8.DecodeLastRuneInString(s[:k])
			k -= size
			if n := listNameLen(s[k:], false); k+n == sep && n > 0 {
				if k == 0 || !isHanBefore(s, k) || opensClause(s, k) || endsWithCue(s[:k]) || strings.HasSuffix(s[:k], "的") {
					start = k
				} else {
					bare = k
				}
			}
		}
		weak := start < 0
		if weak {
			start = bare
		}
		if start < 0 {
			i = sep + len("、")
			continue
		}
		names := []span{{start, sep}}
		at := sep
		for {
			next := at + len("、")
			if !strings.HasPrefix(s[at:], "、") {
				if strings.HasPrefix(s[at:], "和") || strings.HasPrefix(s[at:], "与") || strings.HasPrefix(s[at:], "及") {
					next = at + len("和")
				} else {
					break
				}
			}
			n := listNameLen(s[next:], true)
			if n == 0 {
				break
			}
			names = append(names, span{next, next + n})
			at = next + n
		}
		masked, counted := false, false
		for _, nm := range names {
			masked = masked || strings.ContainsRune(s[nm.a:nm.b], '*')
		}
		// 等五人, 王建国、刘秀英夫妇, 王志国、李建华、赵海峰三名工人: the
		// list's count right after it.
		counted = countFollows(s[at:])
		if len(names) < 2 || !masked && !counted || weak && !counted {
			i = sep + len("、")
			continue
		}
		for _, nm := range names {
			if !strings.ContainsAny(s[nm.a:nm.b], "*某") {
				w.mask(s, nm.a, nm.b)
			}
		}
		i = max(at, sep+len("、"))
	}
	return maskNamePairs(w.result(s), found)
}

// maskNamePairs masks two names joined by 和, 与 or 及 with no 、 between
// them when the count of the pair follows (王建国和李秀英等五人来访,
// 高文斌与高文杰兄弟): without the count, 和 joins too many other things.
func maskNamePairs(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	next := [3]int{-1, -1, -1} // the next 和, 与, 及 at or after i (-2: none left)
	for i := 0; ; {
		sep := -1
		for c, word := range [3]string{"和", "与", "及"} {
			if next[c] != -2 && next[c] < i {
				if k := cjk.Index(s[i:], word); k >= 0 {
					next[c] = i + k
				} else {
					next[c] = -2
				}
			}
			if next[c] >= 0 && (sep < 0 || next[c] < sep) {
				sep = next[c]
			}
		}
		if sep < 0 {
			break
		}
		j := sep + len("和")
		i = j
		// Most 和 join no names: the count must come within the next
		// name's length, or nothing here is a pair of names.
		// 调解员魏*和马立新: the name after a masked one needs no count.
		afterMasked := strings.HasSuffix(s[:sep], "*")
		if sep < w.last || !afterMasked && !countNear(s[j:min(len(s), j+6*len("和"))]) {
			continue
		}
		n := listNameLen(s[j:], true)
		if n == 0 || !afterMasked && !countFollows(s[j+n:]) {
			continue
		}
		start := -1
		for k, back := sep, 0; k > w.last && back < 4; back++ {
			_, size := utf8.DecodeLastRuneInString(s[:k])
			k -= size
			if m := listNameLen(s[k:], false); k+m == sep && m > 0 && (k == 0 || !isHanBefore(s, k) || opensClause(s, k) || endsWithCue(s[:k]) || strings.HasSuffix(s[:k], "的")) {
				start = k
			}
		}
		if start < 0 {
			continue
		}
		for _, nm := range [][2]int{{start, sep}, {j, j + n}} {
			if !strings.ContainsAny(s[nm[0]:nm[1]], "*某") {
				w.mask(s, nm[0], nm[1])
			}
		}
	}
	return w.result(s)
}

// countNear reports whether s holds a rune that may open the count of a
// list of people: 等, a word for kin, a numeral.
func countNear(s string) bool {
	for _, r := range s {
		switch r {
		case '等', '夫', '兄', '姐', '母', '父', '两', '俩', '二', '三', '四', '五', '六', '七', '八', '九', '十':
			return true
		}
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// familyAndPost reports whether s opens with a family name and a post that
// close the run of Han characters (刘主任，, 王经理 电话): no full name.
func familyAndPost(s string) bool {
	size := utf8.RuneLen(firstRune(s))
	if size < 1 {
		return false
	}
	for _, p := range postsAfterFamily {
		if strings.HasPrefix(s[size:], p) && !isHan(firstRune(s[size+len(p):])) {
			return true
		}
	}
	return false
}

// countFollows reports whether the count of a list of people opens rest:
// 等五人, 等人, 夫妇, 二人, 三名.
func countFollows(rest string) bool {
	// 张国庆、刘建设和我共三人: the writer closes the list.
	for _, p := range []string{"和我", "与我", "及我", "共", "一共", "总共"} {
		rest = strings.TrimPrefix(rest, p)
	}
	if strings.HasPrefix(rest, "等") {
		r, _ := utf8.DecodeRuneInString(rest[len("等"):])
		return r == '人' || digitValue(r) >= 0 || strings.ContainsRune("几多数十百", r)
	}
	if startsWithAny(strings.TrimPrefix(strings.TrimPrefix(rest, "俩"), "两"), kinPairs) {
		return true // 夫妇, 俩兄弟
	}
	if r, size := utf8.DecodeRuneInString(rest); digitValue(r) >= 0 || r == '两' {
		r2, _ := utf8.DecodeRuneInString(rest[size:])
		return strings.ContainsRune("人名位", r2)
	}
	return false
}

// anonymousLen returns the length of a name already anonymous that opens
// s (甲某, 乙某, 王某, 李某某; first rune r of size bytes), 0 for none.
func anonymousLen(s string, r rune, size int) int {
	if !(surnameSet.Has(r) || strings.ContainsRune("甲乙丙丁戊", r)) || !strings.HasPrefix(s[size:], "某") {
		return 0
	}
	n := size + len("某")
	if strings.HasPrefix(s[n:], "某") {
		n += len("某")
	}
	return n
}

// listNameLen returns the length of a name in a list: a family name and
// one or two given characters, or one already masked (刘**), followed by
// what may follow a name.
//
// A name after the first (later) may start with a common word (张**、王明磊等):
// the list has shown what it holds.
func listNameLen(s string, later bool) int {
	r, size := utf8.DecodeRuneInString(s)
	if later && extraSurnameSet.Has(r) {
		// 韩宝山、何秀云、于海波等: a rarer family name within a list.
		if n := givenLen(s, size, false); n > 0 {
			return n
		}
	}
	if n := anonymousLen(s, r, size); n > 0 {
		return n // 甲某、乙某和郭长青: anonymous already, but a member of the list
	}
	if !surnameSet.Has(r) {
		return 0
	}
	if n := size + len(s[size:]) - len(strings.TrimLeft(s[size:], "*")); n > size {
		return n // 刘**
	}
	n := nameLen(s)
	if n == 0 && later {
		n = countedNameLen(s, size)
	}
	if n == 0 && later {
		n = listedGivenLen(s, size)
	}
	if n == 0 || !later && commonPairs[s[:size+utf8.RuneLen(firstRune(s[size:]))]] || startsWithAny(s[size:], notGiven) {
		return 0
	}
	if l, _ := utf8.DecodeLastRuneInString(s[:n]); nounEndSet.Has(l) && !givenEnd(s[:n], l) {
		return 0
	}
	return n
}

// postsAfterFamily follow a family name as a form of address (王局长,
// 陈经理, 李网友): the two make no full name.
// They are the title words, and the posts of places and bodies that are no
// title after a full name (武川县长 is a county's head, not 武川's title).
var postsAfterFamily = append(slices.Clone(titleWords), "小姐",
	"市长", "副市长", "区长", "副区长", "县长", "副县长", "旗长", "盟长", "镇长", "乡长", "村长", "委员", "代表", "网友", "網友",
	"省长", "副省长", "州长", "部长", "主席", "区長", "區長", "市長", "縣長", "委員", "处长", "厅长", "总", "董", "工", "法官", "警官")

// longPosts are the posts of postsAfterFamily of two characters or more.
var longPosts = func() []string {
	var l []string
	for _, p := range postsAfterFamily {
		if utf8.RuneCountInString(p) >= 2 {
			l = append(l, p)
		}
	}
	return l
}()

// looseCues may be followed by a place, a body or a word as well as a name
// (我是彭州中学…的家长, 推选代表、包车): after them a name must show itself
// by what follows it.
var looseCues = []string{"我是", "代表", "名字是", "，叫", ",叫", "叫做", "家属", "户主", "本人"}

// afterNameWords are verbs that often follow an official's name in a
// report: 主任郭青前往, 局长王强主持.
var afterNameWords = []string{"前往", "表示", "介绍", "主持", "参加", "出席", "陪同", "带领", "率领", "强调", "指出", "要求", "认为", "告诉", "透露",
	"来到", "到达", "接待", "回复", "答复", "带队", "听取", "察看", "调研", "检查", "督导", "看望", "慰问", "批示", "签字", "签发", "亲自", "热情", "现场",
	"求助", "询问", "索要", "讨要", "拒绝", "承诺", "答应", "声称", "坚持", "靠前", "打通", "打电话", "打来", "从全", "从中"}

// placePosts also end inside names of places (长宁县长宁镇: 县长 then 宁镇滨):
// after them a name must show itself by what follows it.
var placePosts = []string{"县长", "镇长", "乡长", "村长", "市长", "旗长", "区长", "州长", "省长", "站长", "所长", "副市长", "副区长", "、市长", "、区长", "盟长"}

// kinPairs close a list of names of one family: 王建国、刘秀英夫妇.
var kinPairs = []string{"夫妇", "夫妻", "兄弟", "姐妹", "兄妹", "姐弟", "母子", "父子", "母女", "父女", "二人"}

// countedNameLen returns the length of a three-character name (family
// name s[:fam]) that the count of the list follows (…、赵小龙三人), 0 for
// none.
func countedNameLen(s string, fam int) int {
	n := fam
	for k := 0; k < 2; k++ {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isHan(r) || nameFollowSet.Has(r) || digitValue(r) >= 0 {
			return 0
		}
		n += size
	}
	r, size := utf8.DecodeRuneInString(s[n:])
	if digitValue(r) < 0 && r != '两' {
		return 0
	}
	if r2, _ := utf8.DecodeRuneInString(s[n+size:]); !strings.ContainsRune("人名位", r2) {
		return 0
	}
	return n
}

// listedGivenLen returns the length of a family name and two given
// characters that stand as a later name of a list, whatever the given
// characters (樊先贵, whose 先 may elsewhere follow a name), when what
// comes after closes a list's item: 、, 和, 等, a pause or 便是.
func listedGivenLen(s string, fam int) int {
	n := fam
	for range 2 {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isHan(r) || r == '某' || strings.ContainsRune("的了是在和与及等们", r) || digitValue(r) >= 0 {
			return 0
		}
		n += size
	}
	if rest := s[n:]; rest == "" || startsWithAny(rest, []string{"、", "和", "与", "及", "等", "，", ",", "。", "；", "便是", "都是", "两人", "二人", "三人"}) {
		return n
	}
	return 0
}

// firstRune returns the first rune of s, utf8.RuneError for none.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isHanBefore reports whether a Han character ends s[:i].
func isHanBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isHan(r)
}

// endsWithCue reports whether a cue word (of either kind) ends s.
func endsWithCue(s string) bool {
	for k, n := len(s), 0; k > 0 && n < 5; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:k])
		k -= size
		if cueWordSet[s[k:]] {
			return true
		}
	}
	return false
}

// roleWordList are the words for a person by role or kin that a name
// often follows in news and petitions (村民王建军, 业主刘芳芳称, 63岁的徐仁忠,
// 被执行人赵德福). After them an ordinary word may follow as well (村民房屋,
// 居民安全, 业主方面), so a name there needs more than after nameCues: see
// roleNameLen.
var roleWordList = []string{
	"村民", "牧民", "农民", "居民", "市民", "业主", "住户", "租户", "商户", "店主", "车主", "房主", "户名", "收款人",
	"农民工", "民工", "工人", "职工", "员工", "工友", "保安", "司机", "老人", "患者", "病人", "家长", "学生", "邻居", "同事",
	"妻子", "丈夫", "爱人", "老婆", "老公", "媳妇", "父亲", "母亲", "妈妈", "爸爸", "儿子", "女儿", "老伴", "哥哥", "姐姐", "弟弟", "妹妹",
	"原告", "被告", "被告人", "被执行人", "申请执行人", "执行申请人", "上诉人", "被上诉人", "第三人", "犯罪嫌疑人", "嫌疑人",
	"网友", "外卖员", "快递员", "骑手", "教师", "医生", "护士", "保洁员", "厨师", "店员", "营业员", "网格员", "农户", "养殖户", "种植户",
	"租客", "房客", "乘客", "游客", "消费者", "拆迁户", "被征收人", "被拆迁人", "律师", "岁的",
	"民警", "法官", "检察官", "警官", "审判员", "书记员", "调解员", "执行员", "法警", "辅警",
	"孙子", "孙女", "外孙", "外孙女", "女婿", "儿媳", "儿媳妇", "前妻", "前夫", "舅舅", "叔叔", "姑姑", "姨妈", "伯伯", "侄子", "侄女", "外甥", "外甥女",
	"岳父", "岳母", "公公", "嫂子", "弟媳", "表哥", "表弟", "表姐", "表妹", "堂哥", "堂弟", "姐夫", "妹夫",
	"股东", "实际控制人", "控制人", "合伙人", "投资人", "经营者", "店长", "推举", "推选",
	// Trades and standings a story names a person by (钢筋工张威, 铁工厂商叶长成：,
	// 康巴什村移民白文义, 联盟成员苏凯琦, 来访的格希格布仁).
	"钢筋工", "木工", "瓦工", "电工", "焊工", "架子工", "油漆工", "水电工", "抹灰工", "泥瓦工", "带班", "领班",
	"厂商", "移民", "成员", "副总", "联户长", "场长", "来访的"}

// tradeWordTails after a trade ending in 工 make a longer word of it
// (土木工程款, 水电工资).
var tradeWordTails = []string{"程", "作", "资", "钱", "期", "龄", "种", "人", "友", "厂", "地", "队", "具", "艺", "序", "位", "时"}

// roleWords holds roleWordList; cueWords finds the words of both kinds in
// one pass, and cueWordSet holds them all.
var (
	roleWords  = wordSet(roleWordList)
	cueWords   = newCueSet(append(slices.Clone(nameCueWords), roleWordList...)...)
	cueWordSet = wordSet(append(slices.Clone(nameCueWords), roleWordList...))
	// walkWords are the cue words and namePrepositions, found in one walk.
	walkWords      = newCueSet(append(append(slices.Clone(nameCueWords), roleWordList...), namePrepositions...)...)
	prepositionSet = wordSet(namePrepositions)
)

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// commonPairs are common two-character words that begin with a
// family-name character (房屋, 安全, 周边); wordPairs are all but the rarest
// such words that are not names (安稳, 温习). Both come from gse's
// dictionary (commonwords.txt, written by gen_commonwords.go).
//
//go:generate go run gen_commonwords.go
var commonPairs, wordPairs = func() (common, words map[string]bool) {
	common, words = map[string]bool{}, map[string]bool{}
	var m map[string]bool
	for _, line := range strings.Split(commonWordsText, "\n") {
		switch {
		case line == "## common":
			m = common
		case line == "## word":
			m = words
		case strings.HasPrefix(line, "#") || m == nil:
		default:
			for _, w := range strings.Fields(line) {
				m[w] = true
			}
		}
	}
	return common, words
}()

// roleVerbs are words that gse's dictionary tags as names but that follow
// a word for people as verbs (工人齐聚, 母亲闻听); notGiven are words after
// a family name that are no given name: kin and forms of address (李阿姨,
// 张大爷), and what is paid (给农民工付工资).
var (
	roleVerbs = []string{"闻听", "齐聚", "张贴", "张罗", "齐心", "万般"}
	notGiven  = []string{"阿姨", "大爷", "大妈", "大娘", "大叔", "大伯", "大哥", "大姐", "大嫂", "奶奶", "爷爷", "婆婆", "师傅", "老师", "工资", "工程", "工钱", "薪水",
		"记者", "副", "总支", "事件", "尝试", "妥", "站天台", "站在"}
)

// rolePlaces are places whose names begin with a family-name character and
// may follow a word for people (农民工包头讨薪, 居民安徽人).
var rolePlaces = []string{"包头", "石拐", "白云鄂博", "武川", "宁城", "林西", "敖汉", "霍林郭勒", "卓资", "丰镇", "苏尼特", "陈巴尔虎", "莫力达瓦",
	"安徽", "江苏", "江西", "宁夏", "云南", "贵州", "武汉", "郑州", "兰州", "石家庄", "沈阳", "吉林", "金华", "温州", "常州", "苏州", "杭州", "韩国", "秦皇岛", "邯郸", "邢台", "唐山", "廊坊", "张家口", "承德", "沧州"}

// roleNameLen returns the length of the name that starts s after a word
// for a person by role or kin, 0 when none: a family name and one or two
// given characters, or a Mongolian, Tibetan or Uyghur name of three or more
// characters. The candidate is no name when its first two characters make a
// common word (村民房屋被拆, 工人文化宫), when it ends in a character of a
// common noun (村民王家庄) or when a character that follows names is inside
// it (业主方称). A three-character name needs nothing after it (车主周立新
// 长期占用), a shorter one what may follow a name.
func roleNameLen(s string) int {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			return givenLen(s, len(c), false) // 居民欧阳霞介绍
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	if !surnameSet.Has(r) || strings.ContainsRune("先女老小", r) {
		if n := translitNameLen(s); utf8.RuneCountInString(s[:n]) >= 3 {
			return n
		}
		if roleSurnameSet.Has(r) {
			return roleOnlyNameLen(s)
		}
		return 0
	}
	r2, size2 := utf8.DecodeRuneInString(s[size:])
	translit := translitNameLen(s)
	if utf8.RuneCountInString(s[:translit]) < 3 {
		translit = 0
	}
	if !isHan(r2) || r2 == r || (nameFollowSet.Has(r2) || strings.ContainsRune("先女老某", r2)) ||
		startsWithAny(s, rolePlaces) || startsWithAny(s, roleVerbs) || startsWithAny(s[size:], notGiven) {
		return translit // 业主陆陆续续, 农民工包头讨薪, 居民李阿姨; 牧民其其格
	}
	if commonPairs[s[:size+size2]] {
		// 居民安全, 村民房屋: a common word, unless a verb of saying shows
		// it a name (村民王国强称, 业主李娜说).
		return max(translit, spokenNameLen(s, size+size2))
	}
	n := nameLen(s)
	if r3, size3 := utf8.DecodeRuneInString(s[size+size2:]); n < size+size2+size3 && isHan(r3) && !wordPairs[s[:size+size2]] &&
		!(nameFollowSet.Has(r3) || strings.ContainsRune("某们的了着过", r3)) {
		n = size + size2 + size3 // 周立新长期: three characters whatever follows
		if startsWithAny(s[size+size2:], afterNameWords) || startsWithAny(s[size+size2:], longPosts) {
			n = size + size2 // 郭青前往, 张莹网友: a verb or a post follows a two-character name
		}
	}
	if l, _ := utf8.DecodeLastRuneInString(s[:n]); n == 0 || nounEndSet.Has(l) && !givenEnd(s[:n], l) {
		n = 0
	}
	if n > 0 && startsWithAny(s[n:], firmWords) {
		n = 0 // 大股东「金怡合企业」: a firm's name
	}
	if translit > n {
		return translit // 牧民吉日木图先生
	}
	return n
}

// roleSurnames are family names that more often open a word (代表, 单位,
// 连续, 海关): after a role word (农民代永平, 居民单立新) they are a name
// only when what follows the two or three characters closes a name.
const roleSurnames = "代单麻菅海连商路于关那敖战种查盖仇"

var roleSurnameSet = cjk.NewRuneSet(roleSurnames)

// roleOnlyNameLen returns the length of a name of a role-only family name
// at the start of s, 0 when the characters after it do not close a name.
func roleOnlyNameLen(s string) int {
	n, k := 0, 0
	for i, r := range s {
		if k == 4 {
			break
		}
		// Two characters (单位, 连续) close a name only before a verb
		// of telling or 等; three also before a pause or 和.
		if k == 2 && strings.ContainsRune("等说称介讲告", r) || k == 3 && strings.ContainsRune("等说称介讲，,。、和与仍也已曾（(告", r) {
			n = i
			break
		}
		if !isHan(r) || nameFollowSet.Has(r) && k > 0 {
			return 0
		}
		k++
	}
	if n == 0 || commonPairs[s[:n]] || wordPairs[s[:n]] {
		return 0
	}
	return n
}

// firmWords end the name of a firm: what precedes them is no person's name.
var firmWords = []string{"企业", "公司", "集团", "有限", "实业", "置业", "建设", "工程", "商贸", "科技", "物业", "地产"}

// givenEnd reports whether the last character l of the three-character
// candidate name s, one that also ends nouns of places, ends a given name
// there: 山 does (农民工李大山) unless 家 is before it (村民李家山).
func givenEnd(s string, l rune) bool {
	if l != '山' || utf8.RuneCountInString(s) != 3 {
		return false
	}
	_, size := utf8.DecodeRuneInString(s)
	mid, _ := utf8.DecodeRuneInString(s[size:])
	return mid != '家'
}

// speechAfter are the words that follow a person's name as its verb of
// saying, or join it to the next name.
var speechAfter = []string{"称", "说", "讲", "反映", "表示", "介绍", "告诉", "话", "等人", "两人", "、"}

// spokenNameLen returns the length of a name of two Han characters (n
// bytes) or three that a word of speechAfter follows, 0 for none.
func spokenNameLen(s string, n int) int {
	if startsWithAny(s[n:], speechAfter) {
		return n
	}
	if r, size := utf8.DecodeRuneInString(s[n:]); isHan(r) && !(nameFollowSet.Has(r) || nounEndSet.Has(r)) && startsWithAny(s[n+size:], speechAfter) {
		return n + size
	}
	return 0
}

// maskMentions masks the other mentions of names found in s: a name is
// recognised where a cue or its place in the sentence shows it (王会军等30
// 多名打工者…), and written again where nothing does (心切的王会军等万般无奈).
func maskMentions(s string, found []string) string {
	for i, name := range found {
		r, _ := utf8.DecodeRuneInString(name)
		// A Mongolian or transliterated name (巴图其木格, 乌日古木拉) has no
		// family name; three characters or more of it are distinctive
		// enough to find again.
		n := utf8.RuneCountInString(name)
		if n < 2 || n > 6 || n > 4 && surnameSet.Has(r) || !surnameSet.Has(r) && (n < 3 || !isHanRunes(name)) ||
			strings.ContainsAny(name, "*某") || slices.Contains(found[:i], name) || !cjk.Contains(s, name) {
			continue
		}
		// 彭阳 found as a name is not masked in 彭阳县.
		var b strings.Builder
		last := 0
		for _, i := range occurrences(s, name) {
			if i < last || placeOrAddressed(s, i, i+len(name)) {
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString(MaskName(name))
			last = i + len(name)
		}
		b.WriteString(s[last:])
		s = b.String()
	}
	return s
}

// spacedNameLen returns the length of a name written with a space
// between family and given name (刘 伟), 0 when none.
func spacedNameLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if !surnameSet.Has(r) {
		return 0
	}
	sp, n := utf8.DecodeRuneInString(s[size:])
	if sp != ' ' && sp != '\u3000' {
		return 0
	}
	return givenLen(s, size+n, false)
}

// extraSurnames are family names left out of surnames because they more
// often start a word (关于, 向上); right after a word that introduces a
// person (信访人向东来) they are names. 单, 商 and 路 stay out (被反映人
// (单位)).
const extraSurnames = "于向关那敖"

// personNameLen returns the byte length of a name at the start of s after
// a word that introduces a person: a name with one of extraSurnames, a
// name whose 某 hides only part of it (张某伟), or a name written in the
// characters of Mongolian, Tibetan and Uyghur names (巴特尔, 额尔敦巴雅尔,
// 阿依古丽·买买提).
func personNameLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[size:]); extraSurnameSet.Has(r) && !nameFollowSet.Has(next) || surnameSet.Has(r) {
		if n := givenLen(s, size, true); n > 0 {
			return n
		}
	}
	return translitNameLen(s)
}

// givenLen returns the length of a name of family name s[:fam] and one
// or two given characters, when what follows may follow a name; partly
// says that one 某 may stand for one of two given characters.
func givenLen(s string, fam int, partly bool) int {
	for given := 2; given >= 1; given-- {
		n := fam
		ok := true
		mou, follow := 0, false
		for k := 0; k < given; k++ {
			r, size := utf8.DecodeRuneInString(s[n:])
			if r == '某' {
				mou++
			} else if nameFollowSet.Has(r) {
				follow = true
			}
			if !isHan(r) || r == '俩' || (r == '某' && !partly) || (k == 0 && strings.ContainsRune("先女老姓氏", r)) || (k == 0 && r == '小' && !smallGiven(s[n:], given)) {
				ok = false
				break
			}
			n += size
		}
		// 张某伟 hides part of a name; 张某称 and 张某某 hide all of it.
		if !ok || mou == given || mou > 0 && (given == 1 || follow) {
			continue
		}
		if commonGiven[s[fam:n]] {
			continue
		}
		// 李明告诉记者, 刘洋说：: the second character opens the verb of
		// saying; the name has one given character.
		if given == 2 {
			if _, size := utf8.DecodeRuneInString(s[fam:]); startsWithAny(s[fam+size:], speechAfter) || startsWithAny(s[fam+size:], afterNameWords) {
				continue
			}
		}
		if next, _ := utf8.DecodeRuneInString(s[n:]); n == len(s) || nameFollowSet.Has(next) || strings.HasPrefix(s[n:], "生前") ||
			given == 1 && (startsWithAny(s[n:], speechAfter) || startsWithAny(s[n:], afterNameWords)) {
			return n // 魏震陪同
		}
	}
	return 0
}

// smallGiven reports whether 小 at the start of s opens a given name of
// the given number of characters: 马小军 has one, 马小姐 and 张小区 have not
// (小 then makes a common word), and a one-character 小 (王小) is a form
// of address.
func smallGiven(s string, given int) bool {
	if given != 2 {
		return false
	}
	_, size := utf8.DecodeRuneInString(s)
	r, size2 := utf8.DecodeRuneInString(s[size:])
	return isHan(r) && !nameFollowSet.Has(r) && !commonPairs[s[:size+size2]] && !wordPairs[s[:size+size2]]
}

// commonGiven are words that follow a family-name character without
// being a given name (于近日, 向上级, 关于).
var commonGiven = map[string]bool{"近日": true, "今年": true, "去年": true, "本月": true, "当日": true, "次日": true, "同日": true, "上级": true, "有关": true, "此事": true, "于": true, "上": true, "系": true, "副": true, "组长": true}

// translitChars are the characters of Mongolian (and Tibetan, Uyghur)
// names written in Chinese. A run of them after a word that introduces a
// person is a name.
const translitChars = "来里云腾西逊音道阿巴宝包彦布朝鲁达赖德登额尔敦格根古哈罕赫呼吉嘎乌日娜其苏和木图力孟萨仁琴高娃斯雅勒敖那特钦毕希桑扎玛满拉沁吐门森坦仓塔莲琪丽依买提艾米尼次卓丹增旺姆央楞诺敏庆舍贺斌岱泰汗热克孜帕吾热合曼努尔麦玉素甫"

// translitNameLen returns the length of a name of 2 to 6 translitChars
// (parts joined by a middle dot, up to 12) followed by what may follow a
// name.
func translitNameLen(s string) int {
	n, runes, part := 0, 0, 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if (r == '·' || r == '•' || r == '・') && part >= 2 {
			if r2, _ := utf8.DecodeRuneInString(s[n+size:]); translitSet.Has(r2) {
				n += size
				part = 0
				continue
			}
		}
		// 阿不都, 阿不来提: Uyghur names begin with 阿不 (Abdu-, Abla-).
		abdu := part == 1 && r == '不' && strings.HasSuffix(s[:n], "阿") || part == 2 && r == '都' && strings.HasSuffix(s[:n], "阿不")
		if !translitSet.Has(r) && !abdu || runes >= 12 {
			break
		}
		n += size
		runes++
		part++
	}
	if runes < 2 || part < 2 {
		return 0
	}
	// The name ends where a name may end; a run longer than six (巴特尔和
	// 乌日娜) ends at a character that may follow a name.
	for k := n; k > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		next, _ := utf8.DecodeRuneInString(s[k:])
		c := utf8.RuneCountInString(s[:k])
		if c >= 2 && c <= 6 || strings.ContainsAny(s[:k], "·•・") && c <= 13 {
			if k == len(s) || (nameFollowSet.Has(next) || strings.ContainsRune("代找", next)) {
				return k
			}
		}
		if r == '·' || r == '•' || r == '・' {
			return 0
		}
		k -= size
	}
	return 0
}

// maskGivenAfterSurname masks the given name in 本人姓孙名志刚: 姓孙名**.
func maskGivenAfterSurname(s string) string {
	if !cjk.Contains(s, "姓") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := cjk.Index(s[i:], "姓")
		if j < 0 {
			break
		}
		at := i + j + len("姓")
		r, size := utf8.DecodeRuneInString(s[at:])
		i = at
		// 姓孙名志刚, 姓秦，名晓燕.
		sep := 0
		for _, mark := range []string{"，", ",", " ", "、"} {
			if strings.HasPrefix(s[at+size:], mark) {
				sep = len(mark)
				break
			}
		}
		if !isHan(r) || !strings.HasPrefix(s[at+size+sep:], "名") {
			continue
		}
		g := at + size + sep + len("名")
		n := givenLen(s[at:], g-at, false)
		if n == 0 {
			continue
		}
		end := at + n
		b.WriteString(s[last:g])
		b.WriteString(strings.Repeat("*", utf8.RuneCountInString(s[g:end])))
		last, i = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// openingVerbs follow a name that opens a sentence: 王建国反映…, 其其格木称….
var openingVerbs = []string{"反映", "称", "投诉", "来访", "举报", "诉称", "来信", "来电", "等", "系"}

// personAfter follow a full name that opens a sentence in news and
// stories (许爱军告诉记者, 王亲臣和工友, 何彬其的房子): they are said of
// people, but a common word may stand before them too, so a name whose
// first two characters make one (安置后的房子) is left.
var personAfter = []string{"说", "表示", "告诉", "介绍", "向记者", "对记者",
	"和工友", "与工友", "和其他", "与其他", "和老伴", "和家人", "和妻子", "和丈夫", "的妻子", "的丈夫", "的儿子", "的女儿", "的家", "的房子"}

// opensClause reports whether byte i opens the text, a sentence or a
// clause (after 。！？；，） or their ASCII forms, a line break or a space),
// by the bytes before it: it runs for every rune of every text.
func opensClause(s string, i int) bool {
	if i == 0 {
		return true
	}
	switch s[i-1] {
	case ';', '!', '?', '\n', ',', ')', ' ':
		return true
	}
	if i >= 3 {
		switch s[i-3 : i] {
		case "。", "！", "？", "；", "，", "）":
			return true
		}
	}
	return false
}

// fieldNameLen returns the length of the value of a name field (留言人：
// 阿斯钢，): two to most Han characters that end the field, 0 for none
// and for a value that is no name (来信人：市民, 留言人：张女士).
func fieldNameLen(s string, most int) int {
	n, runes := 0, 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isHan(r) {
			break
		}
		n += size
		runes++
		if runes > most {
			return 0
		}
	}
	if runes < 2 || strings.ContainsRune(s[:n], '某') || cueWordSet[s[:n]] || slices.Contains(fieldNotNames, s[:n]) ||
		startsWithAny(s[utf8.RuneLen(firstRune(s)):n], notGivenInField) {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(s[n:]); n < len(s) && !strings.ContainsRune("，,。；; \t\n（(、", r) {
		return 0
	}
	return n
}

// nextListedName finds the next name of a list in a name field that ends
// at p: after 、 (其木格、邬建平), or after a comma, a space or an item's
// number when it starts with a family name (代表：赵立新，孙海燕; 1.马建华
// 2.高秀兰; （二）郑春生). It returns where the name starts and
// its length, 0 for none.
func nextListedName(s string, p int) (int, int) {
	if strings.HasPrefix(s[p:], "、") {
		q := p + len("、")
		return q, fieldNameLen(s[q:], 5)
	}
	q := skipSeparators(s, p, 3, " \t\u3000，,；;")
	q += enumeratorLen(s[q:])
	if q == p {
		return p, 0
	}
	q = skipSeparators(s, q, 2, " \t\u3000")
	// Only a family name and one or two characters: 代表：赵立新，感谢,
	// 姓名;谢小军 电话 and 投诉人：刘大伟 1.噪音问题 are no list.
	if m := fieldNameLen(s[q:], 3); m > 0 && surnameSet.Has(firstRune(s[q:])) {
		return q, m
	}
	return p, 0
}

// enumeratorLen returns the length of the item number that opens s (1.
// 2、 (3) （四） ⑤), 0 for none.
func enumeratorLen(s string) int {
	if r, size := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return size
	}
	open := 0
	if strings.HasPrefix(s, "（") {
		open = len("（")
	} else if strings.HasPrefix(s, "(") {
		open = 1
	}
	n := open
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("一二三四五六七八九十", r)) || n-open >= 6 {
			break
		}
		n += size
	}
	if n == open {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[n:])
	switch {
	case open > 0 && (r == '）' || r == ')'):
		return n + size
	case open == 0 && strings.ContainsRune(".．、)）", r):
		if r == '.' && n+1 < len(s) && s[n+1] >= '0' && s[n+1] <= '9' {
			return 0 // 1.5万: a number
		}
		return n + size
	}
	return 0
}

// notGivenInField follow a family name in a name field without making a
// name: forms of address (张女士, 李阿姨).
var notGivenInField = append(slices.Clip(notGiven), "女士", "先生", "小姐", "同志")

// fieldNotNames are values of a name field that name nobody.
var fieldNotNames = []string{"市民", "群众", "网友", "网民", "匿名", "本人", "村民", "居民", "业主", "职工", "工人", "农民工", "家长", "学生", "保密", "不详", "未知", "无"}

// maskSoundNames masks a name given by its sound (股东刘刚（音）): news
// marks a name heard, not seen, with （音）.
func maskSoundNames(s string, found *[]string) string {
	if !cjk.Contains(s, "音)") && !cjk.Contains(s, "音）") {
		return s
	}
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for i := 0; i < len(s); {
		j := cjk.Index(s[i:], "音")
		if j < 0 {
			break
		}
		j += i
		open, _ := utf8.DecodeLastRuneInString(s[:j])
		close, _ := utf8.DecodeRuneInString(s[j+len("音"):])
		if (open == '（' || open == '(') && (close == '）' || close == ')') {
			end := j - utf8.RuneLen(open)
			if k := nameEndingAt(s, w.last, end); k >= 0 {
				w.mask(s, k, end)
			}
		}
		i = j + len("音")
	}
	return w.result(s)
}

// maskNamesBeforeSex masks the name in the head of a record or a court
// paper: a name followed by its bearer's sex in brackets or between commas
// (李桂芝，女，62岁; 一、王建军（男，1969年生）; 来访人员：谷强，男; 证件号…的
// 周华旭，男). Four characters are a name only with a compound family name
// or in the characters of Mongolian names, so that a word before the name
// is not taken into it.
func maskNamesBeforeSex(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for i := 0; i < len(s); {
		j := sexMarkAt(s, i)
		if j < 0 {
			break
		}
		next := j + len("男")
		// The name ends at the separator before 男/女.
		_, sep := utf8.DecodeLastRuneInString(s[:j])
		if k := nameEndingAt(s, w.last, j-sep); k >= 0 {
			w.mask(s, k, j-sep)
		}
		i = next
	}
	return w.result(s)
}

// maskBracketedNames masks a full name given in brackets after the way a
// text calls the person (工人老杨（杨振东）说, 负责人周某（周建设）, 张先生
// （张海军）).
func maskBracketedNames(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for _, open := range occurrences(s, "（", "(") {
		k := open + runeLenAt(s[open])
		if open < w.last || !calledBefore(s[:open]) {
			continue
		}
		end := strings.IndexAny(s[k:min(len(s), k+16)], "）)")
		if end < 2 || !looksLikeName(s[k:k+end]) {
			continue
		}
		w.mask(s, k, k+end)
	}
	return w.result(s)
}

// namePrepositions stand before a person named as a source, a partner or
// an addressee: 据王福元说, 和李本秀反映, 向赵庆利反映, 对张勇来说.
var namePrepositions = []string{"据", "和", "与", "同", "跟", "向", "对"}

// maskNamesAfterHomes masks the name of the person whose home a text
// gives before it: 家住锡林浩特市某小区的王晓红说, 家住东胜区的郝海刚今年34岁.
// The address itself is masked later, with the other addresses.
func maskNamesAfterHomes(s string, found *[]string) string {
	if !cjk.Contains(s, "家住") {
		return s
	}
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for _, p := range occurrences(s, "家住") {
		// The 的 that closes the address, within the clause.
		i, runes := p+len("家住"), 0
		for i < len(s) && runes < 24 && !strings.HasPrefix(s[i:], "的") {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isHan(r) && !unicode.IsDigit(r) && r != '-' && r != '#' {
				i = len(s)
				break
			}
			i += size
			runes++
		}
		if i >= len(s) || runes == 0 || !strings.HasPrefix(s[i:], "的") || i+len("的") < w.last {
			continue
		}
		at := i + len("的")
		if n := roleNameLen(s[at:]); n > 0 {
			w.mask(s, at, at+n)
		}
	}
	return w.result(s)
}

// maskNamesBeforeCounts masks a full name right before 等 and a count of
// people (李恺等18位农民工, 朱声远等19人, 卢强等人): the one named for the
// group. A name whose first two characters make a common word, or that
// ends like a place or a noun (龙潭村等), is left.
func maskNamesBeforeCounts(s string, found *[]string) string {
	if !cjk.Contains(s, "等") {
		return s
	}
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for _, p := range occurrences(s, "等") {
		// 赵岩涛等共几十名矿工: 共 or 约 may come before the count.
		q := p + len("等")
		q += len(startsWithWord(s[q:], []string{"一共", "共", "约", "近"}))
		if !strings.HasPrefix(s[p+len("等"):], "人") && !peopleCountAt(s, q) {
			continue
		}
		if from := nameEndingBefore(s, p, w.last); from >= 0 {
			w.mask(s, from, p)
		}
	}
	return w.result(s)
}

// nameEndingBefore returns where a full name ending at byte p starts (-1
// for none, or one starting before last): three characters, or two that
// open their clause or follow a cue (群众卢强等人). A name whose first two
// characters make a common word, or that ends like a place or a noun
// (龙潭村等), is none.
func nameEndingBefore(s string, p, last int) int {
	for _, runes := range []int{3, 2} {
		from := hanTail(s[:p], runes)
		if from < 0 || from < last {
			continue
		}
		// s is folded (maskNamesFolded): its family names and common
		// words are simplified.
		name := s[from:p]
		r1, size1 := utf8.DecodeRuneInString(name)
		r2, size2 := utf8.DecodeRuneInString(name[size1:])
		end, _ := utf8.DecodeLastRuneInString(name)
		if !looksLikeName(name) || strings.ContainsRune(name, '某') || !surnameSet.Has(r1) || commonPairs[name[:size1+size2]] ||
			nounEndSet.Has(end) || nameFollowSet.Has(r2) ||
			startsWithAny(name[size1:], notGiven) || startsWithAny(name[size1:], postsAfterFamily) || startsWithAny(name[size1:], kinAddress) ||
			runes == 2 && strings.ContainsRune("伯叔婶嫂爷婆妈哥姐妹弟姨舅", r2) { // 黄伯, 王叔: a family name and kin
			continue
		}
		cueBefore := func(k int) bool {
			i := hanTail(s[:from], k)
			return i >= 0 && cueWordSet[s[i:from]]
		}
		if prev, _ := utf8.DecodeLastRuneInString(s[:from]); runes == 2 && from > 0 && isHan(prev) && !cueBefore(2) && !cueBefore(1) &&
			!strings.ContainsRune("到了的是由让给与和同对向据将把被", prev) {
			continue
		}
		return from
	}
	return -1
}

// familyAfterName follow a full name as the household it heads: 郝世军一家人
// 忧心忡忡, 王海林一家三口.
var familyAfterName = []string{"一家人", "一家老小", "一家几口", "一家三口", "一家四口", "一家五口", "一家六口", "一家子", "全家人", "夫妇俩", "夫妻俩", "一家的", "家中", "家里"}

// maskNamesBeforeFamily masks a full name right before the household it
// heads (郝世军一家人): a place or a firm before 一家 (包头一家企业) has no
// family word after it.
func maskNamesBeforeFamily(s string, found *[]string) string {
	if !cjk.Contains(s, "一家") && !cjk.Contains(s, "全家") && !cjk.Contains(s, "俩") && !cjk.Contains(s, "家中") && !cjk.Contains(s, "家里") {
		return s
	}
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for _, p := range occurrences(s, familyAfterName...) {
		if prev, _ := utf8.DecodeLastRuneInString(s[:p]); strings.ContainsRune("这那们的全", prev) {
			continue // 刘高明这一家人: the name ends before 这
		}
		if from := nameEndingBefore(s, p, w.last); from >= 0 {
			w.mask(s, from, p)
		}
	}
	return w.result(s)
}

// prepositionWords are words that one of namePrepositions makes with a
// family-name character: no name follows them.
var prepositionWords = []string{"对方", "对付", "向阳", "和田", "和林", "与会", "同江", "对于"}

// prepositionNameLen returns the length of the name after the preposition
// at byte at of s when a verb of saying follows it (spokenNameLen), 0 for
// none; a name whose first two characters make a common word (高层反映) is
// left.
func prepositionNameLen(s string, at int) int {
	k := at + runeLenAt(s[at])
	if k >= len(s) {
		return 0
	}
	// s is folded (maskNamesFolded): 據, 對, 與 read as 据, 对, 与.
	r, size := utf8.DecodeRuneInString(s[k:])
	// 对方表示: the preposition and the family name make a word.
	if !surnameSet.Has(r) || k+size >= len(s) || slices.Contains(prepositionWords, s[at:k+size]) {
		return 0
	}
	r2, size2 := utf8.DecodeRuneInString(s[k+size:])
	if !isHan(r2) || r2 == '某' || nameFollowSet.Has(r2) || commonPairs[s[k:k+size+size2]] ||
		startsWithAny(s[k:], rolePlaces) || startsWithAny(s[k+size:], notGiven) || strings.HasPrefix(s[k:], "苏木") {
		return 0 // 林某 is anonymous already; 跟苏木说: a sumu, not a name
	}
	n := spokenNameLen(s[k:], size+size2)
	if strings.HasPrefix(s[k+n:], "、") && n == size+size2 {
		return 0
	}
	return n
}

// occurrences returns the byte offsets of every occurrence of the words in
// s, in order.
func occurrences(s string, words ...string) []int {
	var at []int
	for _, word := range words {
		for i := 0; ; {
			k := cjk.Index(s[i:], word)
			if k < 0 {
				break
			}
			at = append(at, i+k)
			i += k + len(word)
		}
	}
	slices.Sort(at)
	return at
}

// calledBefore reports whether s ends with the way a text calls a person
// short of a full name: 老杨, 小王, 周某, 周某某, 张先生, 李女士, 王师傅.
func calledBefore(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	if !isHan(r) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
	if r == '某' || prev == '老' || prev == '小' && surnameSet.Has(r) {
		return true
	}
	// 关于您（祁永红）反映的问题: a reply names the writer it answers.
	if r == '您' || r == '你' || strings.HasSuffix(s, "本人") {
		return true
	}
	for _, t := range []string{"先生", "女士", "师傅", "阿姨", "大爷", "大妈"} {
		if strings.HasSuffix(s, t) {
			return true
		}
	}
	return false
}

// idWords follow a name with the bearer's ID or phone after a bracket or a
// comma: 王海军（身份证号：…）, 李娜，电话139…, 周强（联系电话…）.
var idWords = []string{"身份证", "电话", "手机"}

// maskNamesBeforeIDs masks a name right before its bearer's ID number or
// phone (王海军（身份证号：150102…）系该村村民). A family name and a post
// (王经理，电话…) is no name.
func maskNamesBeforeIDs(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for _, k := range occurrences(s, idWords...) {
		p := k
		if strings.HasPrefix(s[k:], "电话") && strings.HasSuffix(s[:p], "联系") {
			p -= len("联系")
		}
		// The name would end at the bracket or comma before the word.
		sep := ""
		for _, c := range []string{"（", "(", "，", ","} {
			if strings.HasSuffix(s[:p], c) {
				sep = c
				break
			}
		}
		if j := p - len(sep); sep != "" && j > w.last {
			if n := nameEndingAt(s, w.last, j); n >= 0 && !familyAndPost(s[n:]) {
				w.mask(s, n, j)
			}
		}
	}
	return w.result(s)
}

// nameEndingAt returns the start of a name of two to four characters that
// ends at byte end and starts at or after from (what is masked already),
// -1 for none: four characters, then three, then two. Four characters are
// a name only with a compound family name or in the characters of
// Mongolian names (村民王建军，男: 民王建军 is no name).
func nameEndingAt(s string, from, end int) int {
	for back := 4; back >= 2; back-- {
		k := end
		for c := 0; c < back && k > from; c++ {
			_, size := utf8.DecodeLastRuneInString(s[:k])
			k -= size
		}
		if utf8.RuneCountInString(s[k:end]) != back || strings.ContainsRune(s[k:end], '*') {
			continue
		}
		if back == 4 && !startsWithAny(s[k:], compoundSurnames) && translitNameLen(s[k:]) != end-k {
			continue
		}
		if max(nameLen(s[k:]), personNameLen(s[k:])) == end-k {
			return k
		}
	}
	return -1
}

// sexMarkAt returns the index of the first 男 or 女 at or after i that
// stands for a person's sex after a name: between a comma or an opening
// bracket and a comma, a closing bracket or 性. It returns -1 for none.
func sexMarkAt(s string, i int) int {
	for i < len(s) {
		m, f := cjk.Index(s[i:], "男"), cjk.Index(s[i:], "女")
		j := m
		if j < 0 || f >= 0 && f < j {
			j = f
		}
		if j < 0 {
			return -1
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len("男"):])
		if strings.ContainsRune("，,（(", before) && strings.ContainsRune("，,）)性", after) && j > len("，") {
			return j
		}
		i = j + len("男")
	}
	return -1
}

// maskOpeningNames masks a name of three or more characters that opens the
// text, a sentence or a clause and is followed by one of openingVerbs; a name with a
// family name must not end in a character of a common noun (施工方称,
// 包工头称, 项目名称).
func maskOpeningNames(s string, found *[]string) string {
	w := nameWriter{found: *found}
	defer func() { *found = w.found }()
	for i := 0; i < len(s); {
		if !opensClause(s, i) && !afterClosingQuote(s, i) {
			i += runeLenAt(s[i])
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHan(r) || nameCues.startsCue(s[i:]) {
			i += size
			continue
		}
		n := nameLen(s[i:])
		if l, _ := utf8.DecodeLastRuneInString(s[i : i+n]); n > 0 && (nounEndSet.Has(l) || strings.ContainsAny(s[i+size:i+n], nameFollow)) {
			n = 0 // 施工方称, 苏木说等
		}
		if n == 0 {
			n = nameBeforeSaying(s[i:])
		}
		if n == 0 {
			n = translitNameLen(s[i:])
		}
		// 张建国：我们的工资…: a speaker's name opening a line of a
		// dialogue or an interview.
		speaker := (i == 0 || s[i-1] == '\n') && n > 0 && (strings.HasPrefix(s[i+n:], "：") || strings.HasPrefix(s[i+n:], ":")) &&
			!startsWithAny(s[i+size:], postsAfterFamily) && !startsWithAny(s[i+size:], kinAddress) // 王经理：, 何阿姨：

		// 王大爷说, 李书记告诉: a family name and a form of address.
		if n > 0 && (startsWithAny(s[i+size:], postsAfterFamily) || startsWithAny(s[i+size:], kinAddress)) {
			n = 0
		}
		opens := n > 0 && (startsWithAny(s[i+n:], openingVerbs) || towardOffice(s[i+n:]) || (startsWithAny(s[i+n:], personAfter) || startsWithAny(s[i+n:], sayingAfterName)) &&
			(startsWithAny(s[i:], compoundSurnames) || !commonPairs[s[i:i+size+runeLenAt(s[i+size])]]))
		if n == 0 || !speaker && (utf8.RuneCountInString(s[i:i+n]) < 3 || !opens) {
			i += size
			continue
		}
		w.mask(s, i, i+n)
		i += n
	}
	return w.result(s)
}

// towardOffice reports whether s opens with 向 and an office to which the
// sentence then complains or petitions (胡春燕向区信访局反映): 卫生间向楼下漏水
// turns to no office.
func towardOffice(s string) bool {
	if !strings.HasPrefix(s, "向") {
		return false
	}
	end := len(s)
	if k := strings.IndexAny(s, "。！？!?；;\n"); k >= 0 {
		end = k
	}
	for _, v := range petitionVerbs {
		if cjk.Contains(s[:end], v) {
			return true
		}
	}
	return false
}

// petitionVerbs are what a person does toward an office.
var petitionVerbs = []string{"反映", "投诉", "举报", "求助", "讨要", "信访", "上访", "申请", "起诉", "报案", "申诉", "控告", "提出"}

// sayingAfterName are verbs of saying whose first character is not one
// that may follow a name (nameFollow), so that nameLen does not end a name
// before them: 徐位建指出.
var sayingAfterName = []string{"指出", "坦言", "透露", "直言", "回忆说", "无奈地说", "气愤地说"}

// nameBeforeSaying returns the length of a family name and two given
// characters right before one of sayingAfterName, 0 when there is none.
func nameBeforeSaying(s string) int {
	r, fam := utf8.DecodeRuneInString(s)
	if !surnameSet.Has(r) {
		return 0
	}
	n := fam
	for range 2 {
		g, size := utf8.DecodeRuneInString(s[n:])
		if !isHan(g) || g == '某' || nameFollowSet.Has(g) {
			return 0
		}
		n += size
	}
	if commonGiven[s[fam:n]] || !startsWithAny(s[n:], sayingAfterName) {
		return 0
	}
	return n
}

// afterClosingQuote reports whether byte i follows a closing quotation
// mark, after which news names who spoke (“…”王俊林说).
func afterClosingQuote(s string, i int) bool {
	if i >= 3 {
		switch s[i-3 : i] {
		case "”", "」", "』":
			return true
		}
	}
	return false
}

// runeLenAt returns the length of the UTF-8 sequence that lead byte b
// starts (1 for a byte that starts none), without decoding it: the walk
// only needs to get past runes that open no clause.
func runeLenAt(b byte) int {
	switch {
	case b < 0xC0:
		return 1
	case b < 0xE0:
		return 2
	case b < 0xF0:
		return 3
	}
	return 4
}

// kinAddress follow a family name as a way to address an elder or a
// friend (王爷爷, 李朋友): no full name.
var kinAddress = []string{"爷爷", "奶奶", "叔叔", "伯伯", "大伯", "大叔", "大婶", "婶婶", "阿婆", "阿伯", "姐姐", "哥哥", "朋友", "老弟", "小姐", "太太", "姨", "老汉", "老太", "婆婆"}

// nounEnds end common nouns that begin with a family-name character.
const nounEnds = "工方目名员队部门区司局委会厂店业主户民人家长头商场院站所处科组办校村镇县市旗盟省路街楼房屋地里面庄州城山河湖园"

// startsWithWord returns the first of words that starts s, "" for none.
func startsWithWord(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

func startsWithAny(s string, words []string) bool { return startsWithWord(s, words) != "" }

// nameLen returns the byte length of the personal name at the start of s,
// 0 when none: a family name and one or two given characters, followed by
// what may follow a name.
func nameLen(s string) int {
	fam := 0
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			fam = len(c)
			break
		}
	}
	if fam == 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !surnameSet.Has(r) {
			return 0
		}
		fam = size
	}
	return givenLen(s, fam, false)
}

// isTranslitName reports whether s is a bare name in the characters of
// Mongolian, Tibetan or Uyghur names (宝音图, 乌日娜).
func isTranslitName(s string) bool {
	return s != "" && !strings.ContainsRune(s, '*') && translitNameLen(s) == len(s)
}

// looksLikeName reports whether s is a bare personal name: two to four Han
// characters starting with a family name.
func looksLikeName(s string) bool {
	s = fold.String(s) // 楊亮成 like 杨亮成
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || strings.ContainsRune(s, '*') {
		return false
	}
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	// A rarer family name (于海波) or a partly hidden name (张某伟) counts
	// when the whole field is the name.
	return nameLen(s) == len(s) || personNameLen(s) == len(s)
}

// Addresses in free text: after 住址/家住/住在 the address is cut below the
// district like MaskAddress, and house numbers anywhere (3号楼2单元501室,
// 胜利路12号) lose their digits.

// addressCues introduce a home address.
var addressCues = newCueSet("，住", ",住", "男，住", "女，住", "住址", "家住", "住在", "现住", "现居", "居住在", "居住于", "家庭住址", "户籍地址", "户籍地", "地址", "住所", "居所", "住处")

// houseUnits follow the number of a building, entrance or flat; a number
// ending in 号 is a house number after one of streetUnits.
var (
	houseUnits  = []string{"号楼", "号院", "单元", "室", "號樓", "號院", "單元"}
	streetUnits = "路街巷道里弄同组队村屯庄湾坊仓組隊"
)

func maskAddresses(s string) string {
	var b strings.Builder
	last := 0
	addressCues.find(s, func(end int) int {
		if strings.HasSuffix(s[:end], "家住") && (strings.HasPrefix(s[end:], "户") || strings.HasPrefix(s[end:], "戶")) {
			return end // 27家住户: households, not a home address
		}
		if w := lastCueWord(s[:end], looseAddressCues); w != "" && !looksLikeAddress(s[end:]) {
			return end // 住在老房子里, 住所封锁: no address follows
		}
		if strings.HasSuffix(s[:end], "，住") || strings.HasSuffix(s[:end], ",住") {
			// ，住在 and ，住址 are cues of their own; a bare ，住 needs
			// a place after it (，住房困难, ，住建局 are no address).
			if w := startsWithWord(s[end:], []string{"在", "址", "所", "处"}); w != "" {
				end += len(w)
			} else if !looksLikeAddress(s[end:]) {
				return end
			}
		}
		from := skipSeparators(s, end, 2, "：: 为是")
		to := from
		for to < len(s) {
			r, size := utf8.DecodeRuneInString(s[to:])
			if !(isHan(r) || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '#') || digitValue(r) >= 0) {
				break
			}
			if peopleCountAt(s, to) {
				// 住在危窑中的7户村民: the address ended before a count of
				// people.
				break
			}
			if to > from && (r == '的' || startsWithAny(s[to:], addressEnds)) {
				// 家住海湖新区一小区的江女士告诉记者, 家住市中区幸福小区张先生
				// 拨打热线: the person and what they did are no address.
				break
			}
			to += size
		}
		to = from + len(strings.TrimSuffix(s[from:to], "的"))
		if to == from {
			return end
		}
		b.WriteString(s[last:from])
		b.WriteString(MaskAddress(s[from:to]))
		last = to
		return to
	})
	if last > 0 {
		b.WriteString(s[last:])
		s = b.String()
	}
	return maskHouseNumbers(maskFlatTriples(s))
}

// looseAddressCues introduce an address only when a place follows them:
// 住在幸福小区 is one, 住在老房子里 and 住所封锁 are not.
var looseAddressCues = []string{"住在", "居住在", "住所", "居所", "住处", "现住"}

// addressEnds end an address in free text: the person who lives there
// and what they did.
var addressEnds = []string{"女士", "先生", "老人", "大爷", "大妈", "阿姨", "村民", "居民", "业主", "网民", "网友", "市民", "拨打", "反映", "告诉", "表示", "通过", "介绍", "来电", "致电", "投诉", "感到", "近来", "最近", "说", "称"}

// lastCueWord returns the word of words that s ends with, "" for none.
func lastCueWord(s string, words []string) string {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return w
		}
	}
	return ""
}

// looksLikeAddress reports whether s starts with a place: an
// administrative unit (市, 区, 旗, 镇, 村, 嘎查…) within its first ten
// characters, before any punctuation, and not a word that starts with 住
// (住房, 住院, 住建局).
func looksLikeAddress(s string) bool {
	if startsWithAny(s, []string{"房", "院", "宅", "宿", "建", "户", "手", "口", "嘴", "了", "着", "过", "不", "的", "得", "进", "满"}) {
		return false
	}
	n := 0
	for i, r := range s {
		if !isHan(r) || n >= 10 {
			return false
		}
		for _, u := range []string{"省", "市", "区", "县", "旗", "盟", "镇", "乡", "苏木", "村", "嘎查", "街道", "社区", "小区", "路", "街", "巷", "楼", "号", "院", "弄", "组"} {
			if strings.HasPrefix(s[i:], u) && n > 0 {
				return true
			}
		}
		n++
	}
	return false
}

// peopleCountAt reports a count of people or households starting at byte
// i: 7户, 十几位, 20名 (house numbers end in 号, 栋, 单元 or 室).
func peopleCountAt(s string, i int) bool {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsDigit(r) && digitValue(r) < 0 && !strings.ContainsRune("十百千几多余两数", r) {
			break
		}
		j += size
	}
	if j == i {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsDigit(r) || digitValue(r) >= 0 {
		return false // inside a number
	}
	for _, u := range []string{"户", "名", "位", "人", "个人"} {
		if strings.HasPrefix(s[j:], u) {
			return true
		}
	}
	return false
}

// maskHouseNumbers stars the digits of 3号楼2单元501室 and 胜利路18号.
func maskHouseNumbers(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHouseDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isHouseDigit(r) {
				break
			}
			j += size
		}
		if isHouseNumber(s, i, j) {
			b.WriteString(s[last:i])
			b.WriteString(strings.Repeat("*", utf8.RuneCountInString(s[i:j])))
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isHouseDigit reports a digit of a house number: ASCII, full width or
// plain Chinese numerals (not financial ones: 万基城贰号院 names a project).
func isHouseDigit(r rune) bool {
	return digitValue(r) >= 0 && !strings.ContainsRune("壹贰叁肆伍陆柒捌玖⓪①②③④⑤⑥⑦⑧⑨", r) || r == '十' || r == '百'
}

// isUnitMark reports whether s ends in what numbers an entrance or a
// block: a digit, a star of a masked one, or a letter (B座).
func isUnitMark(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isHouseDigit(r) || r == '*' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 'Ａ' && r <= 'Ｚ'
}

// maskFlatTriples stars building-entrance-flat numbers written with
// dashes (3-2-501): one to three digits, one or two, then three or four.
func maskFlatTriples(s string) string {
	if strings.Count(s, "-") < 2 {
		return s
	}
	isD := func(c byte) bool { return c >= '0' && c <= '9' }
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if !isD(s[i]) || i > 0 && (isD(s[i-1]) || s[i-1] == '-' || s[i-1] == '.' || s[i-1] < utf8.RuneSelf && unicode.IsLetter(rune(s[i-1]))) {
			continue
		}
		var lens [3]int
		j := i
		ok := true
		for g := 0; g < 3 && ok; g++ {
			k := j
			for k < len(s) && isD(s[k]) {
				k++
			}
			lens[g] = k - j
			j = k
			if g < 2 {
				ok = j < len(s) && s[j] == '-'
				j++
			}
		}
		if !ok || lens[0] < 1 || lens[0] > 3 || lens[1] < 1 || lens[1] > 2 || lens[2] < 3 || lens[2] > 4 {
			continue
		}
		if j < len(s) && (isD(s[j]) || s[j] == '-' || s[j] == '.') {
			continue
		}
		b.WriteString(s[last:i])
		for _, c := range []byte(s[i:j]) {
			if c == '-' {
				b.WriteByte('-')
			} else {
				b.WriteByte('*')
			}
		}
		last, i = j, j-1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isHouseNumber reports whether the number s[i:j] numbers a building,
// entrance, flat or house.
func isHouseNumber(s string, i, j int) bool {
	for _, u := range houseUnits {
		if strings.HasPrefix(s[j:], u) {
			return true
		}
	}
	// A flat after its entrance or block: 2单元302, 3门401, B座1203 (not
	// a count: 3个单元120户).
	if next, _ := utf8.DecodeRuneInString(s[j:]); i > 0 && !strings.ContainsRune("户人名位家套间个栋层年月日元万", next) {
		for _, u := range []string{"单元", "门", "座"} {
			if before, ok := strings.CutSuffix(s[:i], u); ok && (u == "单元" || before != "" && isUnitMark(before)) {
				return true
			}
		}
	}
	// 3栋2单元 is an address, 3栋楼 a count of buildings; 3门401 too.
	for _, u := range []string{"栋", "幢", "门"} {
		if rest, ok := strings.CutPrefix(s[j:], u); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return isHouseDigit(r) || r == '-'
		}
	}
	if !strings.HasPrefix(s[j:], "号") && !strings.HasPrefix(s[j:], "號") || i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return strings.ContainsRune(streetUnits, prev)
}

// MaskSearchTerms masks personal data in what a user typed to search for,
// as the audit log keeps it: MaskText, then each bare word that may be
// personal on its own, since no cue says what it is — a run of Han
// characters that is a name (王建国, 巴特尔; words of the domain such as
// 包工头 stay), and an ASCII word of five or more characters holding a
// digit, '_', '.' or '@' (a QQ number, a WeChat ID, a part of an e-mail
// address). It masks more than MaskText: a search for 高楼 is logged as
// 高*.
func MaskSearchTerms(s string) string {
	s = MaskText(s)
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i
		switch {
		case isHan(r):
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isHan(r) && r != '·' {
					break
				}
				j += size
			}
			if w := s[i:j]; !nameCues.startsCue(w) && !domainWords[w] && (looksLikeName(w) || isTranslitName(w)) {
				b.WriteString(s[last:i])
				b.WriteString(MaskName(w))
				last = j
			}
		case r < utf8.RuneSelf && (isIDByte(byte(r)) || r == '.' || r == '@'):
			special := false
			for j < len(s) && (isIDByte(s[j]) || s[j] == '.' || s[j] == '@') {
				special = special || s[j] >= '0' && s[j] <= '9' || s[j] == '_' || s[j] == '.' || s[j] == '@'
				j++
			}
			if w := s[i:j]; special && len(w) >= 5 && !cjk.Contains(w, "*") {
				b.WriteString(s[last:i])
				b.WriteString(w[:1] + strings.Repeat("*", len(w)-1))
				last = j
			}
		default:
			j = i + size
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// domainWords are words of petitions that have the shape of a name.
var domainWords = map[string]bool{"包工头": true, "安置房": true, "安置": true, "高楼": true, "高层": true, "房屋": true, "房子": true, "房东": true, "房产": true, "房租": true, "金额": true, "方案": true, "常年": true, "钱款": true, "田地": true, "白天": true, "夏天": true, "程序": true, "任务": true, "严重": true, "温度": true, "毛坯": true, "江边": true, "石材": true, "万元": true, "黄河": true}
