package nlp

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/cjk"
)

// signal is a kind of risk cue in a text.
type signal uint8

const (
	sigAction     signal = iota + 1 // the group acts together: 聚集, 堵路, 拉横幅, 静坐, 罢工
	sigCollective                   // the act is named collective, which implies 5+ people: 集体上访
	sigEscalate                     // going to a higher level: 去市里, 进京, 越级
	sigOrganise                     // organising: 微信群, 联名信, 网上召集
	sigThreat                       // threats: 扬言, 如不解决
	sigPlan                         // plans: 准备, 商量好, 打算 (only with an act)
	sigRepeat                       // repeated petitioning: 多次, 反复 (with a petition verb)
	sigAnger                        // visible anger: 情绪激动, 忍无可忍
)

// riskTerms maps each cue to its kind. Chinese labels for reasons are the
// terms themselves.
var riskTerms = map[signal][]string{
	sigAction: {"成群结队", "拉闸断电", "关闭电源", "闯入工地", "爆发冲突", "聚集", "闹事", "请愿", "标语", "围堵", "抗议", "堵死", "阻工", "下跪", "跪地", "跪拜", "长跪", "堵过", "上访路", "阻碍", "阻挠", "阻扰", "挤满", "涌入", "挤入", "挤进", "涌进", "拥进", "堵路", "堵门", "堵住", "堵着", "拦车", "拦路", "堵塞交通", "拉横幅", "打横幅", "一起讨薪", "结伙",
		"一起讨要", "共同讨要", "共同讨薪", "结伴讨薪", "联合讨薪", "一同讨薪", "一起维权", "共同维权", "一起找", "一同找",
		"一起来到", "一同来到", "一起,来到", "一同,来到", "一起,到", "一起,去", "相约", "围在", "守在", "聚在", "聚着", "坐在", "躺在", "睡在", "堵在门口", "一块去", "一块儿去", "一块到",
		"企跳", "出口被堵", "出入口被堵", "大门被堵", "厂门被堵", "校门被堵", "路口被堵", "拉起横幅", "拉了横幅", "举横幅", "挂横幅", "横幅", "拉起横额", "拉横额", "横额", "危站", "连日维权", "天进行维权", "天维权", "日进行维权", "静坐", "罢工", "上街", "游行", "冲击", "围攻", "一起去",
		"一起到", "一同前往", "一起上访", "结伴", "群体性事件", "跳楼", "自焚", "以死相逼", "喝农药", "政府门口", "政府大门",
		"门口讨说法", "门口静坐", "门口聚集", "讨说法", "停工讨薪", "堵厂门", "堵在", "围住", "围了", "拦着", "拦住", "阻拦",
		"拦截", "阻挡", "阻止施工", "不让干", "不让施工", "推搡", "肢体冲突", "打起来", "扭打", "爬上",
		"塔吊上", "跳河", "局门口", "门口等着", "大门堵了", "门给堵了", "把大门堵", "把门堵", "把路堵", "路给堵了", "路堵了",
		"门口堵了", "堵了", "不复工", "拒绝复工", "停工", "不走了", "就不走", "赖着不走", "扣下来", "拔音响", "集结", "集合", "集中到", "门口集中", "滞留",
		"上访之路", "坐了", "合力推倒", "轮流值守", "轮流蹲守", "轮流守在", "轮流守着", "阻止出货", "不让出货", "锁住车间", "锁了车间", "锁住厂门", "锁了厂门", "罢运", "罢课", "罢教", "罢市", "参与停运", "参加停运", "堵展厅", "堵售楼", "堵工地", "堵公司", "堵校门", "围起来", "围了起来", "挤得满满", "挤得水泄不通", "围得水泄不通", "站满了人", "激烈冲突", "选出代表", "推选代表", "推选出代表", "派出代表", "派代表", "高呼",
		// Smashing, moving into the stalled tower, camping on the land, a
		// crowd on the march.
		"砸了", "砸坏", "砸毁", "打砸", "集体搬进", "集体搬入", "集体入住", "强行入住", "强行搬入", "搭窝棚", "搭起窝棚", "搭帐篷", "搭起帐篷", "浩浩荡荡",
		// A clash with the police or the builders, a site held, a wage
		// protest the news names as such, a crowd at the gate.
		"与警察发生冲突", "与警方发生冲突", "和警察发生冲突", "同警察发生冲突", "与警察冲突", "与警方冲突", "与施工方发生冲突", "与施工人员发生冲突",
		"与施工队发生冲突", "与拆迁人员发生冲突", "与城管发生冲突", "与保安发生冲突", "占据着工地", "占据着施工", "占据施工", "占据工地", "占领工地",
		"讨薪风波", "对峙", "发生冲突", "发生了冲突", "大闹", "门口站了", "门口站着", "门前站了", "门前站着", "示威"},
	sigCollective: {"集体上访", "集体来访", "集体访", "集体到", "集体去", "集体来向", "集体来找", "集体讨薪", "集体反映", "集体前往", "集体维权", "集体向",
		"集体举报", "集体投诉", "集体找", "集体跪", "集体下跪", "集体阻工", "群体冲突", "群体事件",
		"集体走访", "集体请愿", "群体访", "群访", "集体行动", "群至", "群赴", "群体到", "群体前往",
		"集体罢工", "集体罢课", "集体罢教", "集体罢运", "集体停运", "集体停工", "集体停课", "聚众扰乱", "聚众闹事", "聚众堵塞", "聚众冲击", "集访"},
	sigEscalate: {"进京", "赴京", "到北京", "去北京", "上北京", "去了北京", "到了北京", "越级", "到自治区", "去自治区", "到市里", "去市里", "到盟里",
		"去盟里", "到区里", "去区里", "到省里", "去省里", "到市政府", "去市政府", "到盟政府", "去盟政府", "到区政府",
		"去区政府", "抵达北京", "来到北京", "到京", "到旗政府", "去旗政府", "到县政府", "去县政府", "到市委", "去市委", "到县委", "去县委", "到旗委", "去旗委", "到了县委", "到了市委", "到了县政府", "到了市政府", "到了旗政府", "国家信访局", "到呼市",
		"去呼市", "到首府", "去首府", "到上级", "找上级", "往上反映", "往上告", "上访", "到市级", "去市级", "向市级", "到省级", "去省级", "向省级", "到上一级", "向上一级",
		// The central inspection team, which people go to over the local
		// offices' heads.
		"向中央巡视组", "找中央巡视组", "到中央巡视组", "向巡视组", "找巡视组", "到巡视组", "向督察组", "找督察组", "到督察组"},
	sigOrganise: {"我们是一群", "呼吁社会各界", "请求声援", "求声援", "声援", "公开信", "按指印", "按手印", "按了手印", "摁手印", "带头反对", "微信群", "业主群", "维权群", "工友群", "群里", "建群", "建了个群", "拉群", "联名", "联名信", "签名",
		"联合签名", "共同签名", "集体签名", "联合来信", "联合致信", "代表全体", "全体业主", "全体村民", "全体工人",
		"联合起诉", "共同起诉", "集体诉讼", "联名起诉", "集体起诉", "委托其中", "委托代表", "推举代表", "连署", "联署", "亲笔签署", "集体状告", "集体告状", "联合状告", "集体告他", "集体告开发", "集体告物业", "集体告公司",
		"召集", "网上召集", "发帖召集", "集体投票", "串联", "串连", "号召", "组织大家", "群聊", "qq群", "媒体曝光", "找媒体", "自发组织", "组织起来"},
	sigThreat: {"扬言", "威胁", "声称要", "如不解决", "如果不解决", "如再不解决", "再不解决", "不解决就", "不给解决就",
		"再不给", "如果还不", "还不解决", "否则就", "就去", "就要去", "再不发", "再不付", "再不还", "要去上访", "去上访", "讨个说法", "要个说法", "要是再不",
		"再不兑现", "就去把", "有人说要", "再不停", "去告", "联合起来", "扬言要", "去闹", "要闹", "闹一闹", "再不答复", "不给钱就", "不给个说法", "不解决我们就", "找媒体"},
	sigPlan: {"准备", "打算", "商量好", "商量", "约定", "约好", "计划", "要去", "将到", "将去", "将集体", "还要去",
		"下个月", "明天", "择日"},
	// The words that name the petitioning itself (selfRepeats), then those
	// that need a petition verb near them.
	sigRepeat: append(slices.Clip(selfRepeats), "曾多次", "多次", "反复", "屡次", "再三", "一而再", "一再", "好几次", "几次", "数次", "三番五次", "再次", "又一次", "无数次", "多年",
		"多趟", "好几趟", "几趟", "多回", "一次又一次", "屡屡", "始终没", "一直没有解决", "至今没有解决", "石沉大海",
		"好几年", "几年了", "不断有", "多少电话", "多少次", "好多次", "又来", "又一次来", "好几回", "几回", "好多回", "多少回", "数十次", "几十次", "上百次",
		"每当", "每次去", "每次找", "不断向", "不断投诉", "不断地投诉", "不断地反映", "每一次去", "天天去", "每天都去", "每周都去", "每个月都去", "隔三差五", "三天两头", "天天找", "天天跑", "年复一年", "每年都去", "年年去", "年年找"),
	sigAnger: {"情绪激动", "情绪较大", "情绪很大", "情绪失控", "情绪激烈", "情绪不稳", "情绪很激动", "非常气愤", "很气愤",
		"愤怒", "强烈不满", "极度不满", "忍无可忍", "走投无路", "寒心", "过激", "拼命", "以死", "同归于尽", "不想活",
		"活不下去", "没法活", "要不要活", "扛不住", "逼上绝路", "欺人太甚", "到底有没有人管", "有没有人管", "还有没有王法",
		"无法无天", "天理何在", "忍不下去", "强烈要求", "气死", "逼得", "憋屈", "受够了", "凭什么", "骗了又骗", "拖了又拖",
		"耍我们", "穿一条裤子", "官商勾结", "在骂", "天天骂", "没活路", "靠什么活", "急眼", "恼火", "气人", "糟蹋",
		"装聋作哑", "逼疯", "欺负老百姓", "到底管不管", "欺骗", "寒了心", "绝望", "心寒", "打水漂了",
		"骗人", "画饼", "这叫什么事", "欺负人", "让不让人活", "快疯了", "良心", "明目张胆",
		"议论纷纷", "不像话", "没天理", "死活", "拼了", "气炸了", "跟他拼", "忍不了", "受不了了", "意见很大", "意见非常大", "意见特别大", "强烈反对", "矛盾激化", "矛盾有所激化", "视而不见", "气愤", "无法忍受", "忍受不了",
		"气不打一处来", "公理何在", "王法何在", "公道何在", "正义何在", "天理难容", "一听就火", "一听说火", "听了就火", "顿时火了", "当时就火了", "气坏了",
		"生气地说", "气愤地说", "愤愤地说", "愤怒地说", "熟视无睹", "有视无睹", "置若罔闻", "无动于衷", "敢怒不敢言", "愤愤不平", "还有王法吗", "还有法律吗", "欺凌弱小", "欺压百姓"},
}

// riskNegators before a cue mean it did not happen or is prevented:
// 防止聚集, 未发生堵路, 避免群体性事件.
var riskNegators = []string{"防止", "避免", "未发生", "没有发生", "杜绝", "未出现", "没有出现", "未", "没有", "不要", "劝离", "严禁", "禁止", "预防", "不想", "不愿",
	"不得", "不准", "不许",
	// 乱挂横幅, 私搭帐篷: disorder a city's inspectors put right, in a list of
	// what they forbid, not a protest.
	"乱", "乱挂", "乱拉", "乱贴", "私搭", "私挂", "私拉"}

// riskPetitionVerbs make 多次/反复 a sign of repeated petitioning.
var riskPetitionVerbs = []string{"索要", "反映", "转办", "上访", "来访", "信访", "投诉", "举报", "找", "讨要", "打电话", "电话", "写信", "来电",
	"协商", "求助", "申请", "催", "跑", "网上", "留言", "热线", "诉求", "交涉", "沟通", "讨薪", "维权", "说了", "说过", "问了",
	"问过", "去了", "找过", "投诉过", "跟", "问", "12345", "打了", "拨打", "追讨", "追要", "讨", "去找", "找到", "咨询", "询问", "向", "奔走", "奔波", "申诉", "上告", "反应", "去要", "白跑", "要钱", "要账"}

// weakActs are acts only when a petition destination follows (一起去医院 is
// not one; 一起去区里讨说法 is).
var weakActs = []string{"选出代表", "推选代表", "推选出代表", "派出代表", "派代表", "结伙", "一起去", "一起到", "一块去", "一块儿去", "一块到", "聚着", "一同前往", "结伴", "拉起", "一起来到", "一同来到", "一起,来到", "一同,来到", "一起,到", "一起,去", "一起找", "一同找", "相约",
	"围在", "守在", "聚在", "坐在", "躺在", "睡在", "集合", "集中到", "门口集中", "滞留"}

// selfRepeats are repeat cues that name the petitioning itself (重申, 再次反映)
// and need no petition verb around them.
var selfRepeats = []string{"此前曾", "曾向", "曾经向", "之前向", "此前向", "经常去", "经常找", "多次要求", "一再要求", "反复要求", "多次索要", "多次讨要", "不断反映", "一直在反映", "四处反映", "到处反映", "多方反映", "多方讨要", "四处奔走", "不断来信", "多次来信", "重申", "曾反映", "反映过", "投诉过", "之前反映", "此前反映", "上次反映", "再次反映", "再次投诉", "再次来信",
	"又一次反映", "重复反映", "重复投诉", "多次投诉", "经常投诉", "曾拨打", "又来信", "再次致信",
	// 对《答复》…不予认可，现提出以下异议: an objection to the office's
	// answer is the matter raised again.
	"提出以下异议", "提出异议", "不予认可", "复查请求", "复核请求",
	"到处联络", "四处联络", "到处联系", "四处联系", "不断收到",
	"多次无果", "多次未果", "屡次无果", "多次均无果",
	"迁延数年", "久拖不决", "久拖未决", "悬而未决", "多年未决", "多年未解决", "数年未解决", "仍无定论", "由来已久",
	"再次反馈", "再次留言", "再次投诉", "四处奔波", "到处奔波", "什么投诉电话都打", "各种投诉电话", "也打过", "打过电话", "都打过",
	"咨询过", "每次问", "每次打电话", "奔走诉求", "奔走多年", "奔走了", "问过很多部门", "找过很多部门", "跑了很多部门", "跑遍了", "找遍了",
	"进行过投诉", "进行过反映", "进行过举报", "就投诉过", "曾投诉", "曾举报",
	"讨薪之路", "维权之路", "维权之战", "漫长的维权", "继续讨薪", "继续维权", "继续上访", "长期投诉", "长期反映", "多年投诉", "多年反映", "反映多年", "投诉多年",
	"纷纷投诉", "纷纷反映", "纷纷举报", "持续拨打", "持续反映", "持续投诉", "陆续接到多起",
	"多种途径", "多种渠道", "各种途径", "各种渠道", "多方途径",
	"每年都会去找", "每年都去找", "每年都找", "每年都反映", "年年找", "年年反映", "年年投诉"}

// actDestinations complete a weak act.
var actDestinations = []string{"政府", "信访", "上访", "反映", "市里", "区里", "盟里", "旗里", "县里", "镇里", "自治区", "北京",
	"讨说法", "要说法", "要个说法", "门口", "大门", "讨薪", "维权", "来访", "住建", "人社", "局", "派出所", "项目部", "售楼", "公司", "工地", "厂", "省城",
	"综治中心", "窗口", "接待", "街道办", "办事处", "居委会", "村委会", "车间", "老板", "包工头", "工头", "法院", "法庭", "司法所", "监察", "求助",
	// 村民们守在地里, 坐在田里: holding the land taken from them.
	"田里", "地里", "田间", "田头"}

// cueLabels rename cues in reasons where the bare term reads badly.
var cueLabels = map[string]string{
	"集体到": "集体上访", "集体去": "集体上访", "集体前往": "集体上访", "集体访": "集体上访", "集体走访": "集体上访",
	"群体访": "集体上访", "群访": "集体上访", "一起到": "一起上访", "一起去": "一起上访", "一同前往": "一起上访",
	"堵住": "堵门堵路", "堵着": "堵门", "坐了": "静坐", "群里": "群内串联", "不干了": "扬言停工", "横额": "拉横额", "横幅": "拉横幅", "天进行维权": "连日维权", "天维权": "连日维权", "日进行维权": "连日维权",
}

func label(term string) string {
	if l, ok := cueLabels[term]; ok {
		return l
	}
	return term
}

// petitionVerbsInLabel in a repeat cue make it a reason as it stands;
// another cue (多次) gets 反映 after it.
var petitionVerbsInLabel = []string{"反映", "投诉", "上访", "信访", "举报", "追讨", "讨要", "讨薪", "来信", "来电"}

// escalateLeads before a 到… cue make it something else than going there:
// 受到市委关注, 报到市里, 转到区里.
var escalateLeads = []string{"受", "得", "报", "转", "交", "送", "提", "达", "收", "传", "反映", "接", "寄", "调"}

// ruleCase reports a cue in the case a regulation or a notice provides
// for: its clause ends in 的 and what follows prescribes (应当, 不得, 依法,
// 予以, 将).
func ruleCase(s string, c *riskCue) bool {
	// 《集会游行示威法》: a law's name; 应当推选代表: what the rule asks.
	if pre := before(s, c.start, 20); strings.LastIndex(pre, "《") > strings.LastIndex(pre, "》") {
		return true
	}
	if _, ok := hasAnySuffix(before(s, c.start, 3), []string{"应当", "应", "须", "必须", "不得", "禁止", "严禁"}); ok {
		return true
	}
	after := clauseAfterList(s, c.end, 20)
	k := c.end + len(after)
	if !strings.HasSuffix(after, "的") && !(after == "" && strings.HasSuffix(s[:c.end], "的")) {
		return false
	}
	if k >= len(s) {
		return false
	}
	_, w := utf8.DecodeRuneInString(s[k:])
	next := clauseAfter(s, k+w, 14)
	_, ok := hasAnyPrefix(next, []string{"应当", "应", "须", "必须", "不得", "依法", "予以", "将依法", "公安机关", "一律", "由"})
	return ok
}

// petitionersAct reports whether the people petitioning (or affected) are
// the actor of the cue c in s, as DOMAIN.md asks: an official's 情绪激烈, a
// government's 多次沟通, a reporter's 曝光, 受到市委关注, a wall that 阻挡
// noise are not signs.
func petitionersAct(s string, c *riskCue) bool {
	// 群众进京走访4人次, 到市集访76批: a count of visits over a period, not
	// an event.
	if c.kind != sigAnger && visitTally(clauseAfter(s, c.end, 16)) {
		return false
	}
	// 有上访苗头: a warning sign, not a visit.
	if _, ok := hasAnyPrefix(s[c.end:], []string{"苗头", "倾向", "隐患"}); ok {
		return false
	}
	// 电梯“罢工”困人: a machine that stopped, not a strike.
	if c.term == "罢工" && (strings.HasSuffix(before(s, c.start, 1), "“") || strings.HasSuffix(before(s, c.start, 1), "\"") ||
		containsAny(clauseBefore(s, c.start, 10), []string{"电梯", "空调", "机器", "设备", "电脑", "手机", "汽车", "车子", "水泵", "路灯", "暖气"})) {
		return false
	}
	// 近千条相关咨询涌入: messages pour in, not people.
	if (c.term == "涌入" || c.term == "涌进" || c.term == "拥进") && containsAny(clauseBefore(s, c.start, 10), []string{"条", "咨询", "留言", "投诉", "来电", "信件", "订单", "资金", "游客"}) {
		return false
	}
	// 生命受到严重的威胁, 对居民构成威胁: a danger, not a threat made.
	if c.term == "威胁" && (strings.HasSuffix(before(s, c.start, 1), "的") || containsAny(clauseBefore(s, c.start, 8), []string{"受到", "遭受", "构成", "造成", "带来", "存在"})) {
		return false
	}
	// 公开信息里没有…: public information, not an open letter.
	if c.term == "公开信" && strings.HasPrefix(s[c.end:], "息") {
		return false
	}
	// 要求组织集会游行、静坐示威的，应当…; 多人上访的，应当推选代表: a
	// rule's case, which no one has done.
	if c.kind != sigAnger && ruleCase(s, c) {
		return false
	}
	// 下水道却堵死了, 马桶堵了: a pipe blocked, not people blocking.
	if strings.HasPrefix(c.term, "堵") && containsAny(clauseBefore(s, c.start, 8)+"|"+clauseAfter(s, c.end, 6), []string{"下水", "管道", "马桶", "排水", "烟道", "化粪", "污水", "地漏", "水管", "管子", "堵车", "车堵", "交通", "心里"}) {
		return false
	}
	switch c.kind {
	case sigEscalate:
		if c.term == "上访" && strings.HasSuffix(before(s, c.start, 2), "集体") && collectiveTally(s, c.start-len("集体"), c.end) {
			return false
		}
		// 受理集体进京上访179批: visits an office received, counted.
		if containsAny(clauseBefore(s, c.start, 6), []string{"受理", "接待", "登记"}) && countIn(clauseAfter(s, c.end, 10), []string{"批", "人次", "件"}) {
			return false
		}
		if strings.HasPrefix(c.term, "到") || strings.HasPrefix(c.term, "去") {
			if containsAny(before(s, c.start, 2), escalateLeads) {
				return false
			}
		}
		// 老乡介绍来到北京打工: people who came to work, not to petition.
		if _, ok := hasAnyPrefix(clauseAfter(s, c.end, 6), migrationAims); ok {
			return false
		}
		// 来到京康公司: 到京 at the head of a name.
		if c.term == "到京" {
			if r, _ := utf8.DecodeRuneInString(s[c.end:]); isHan(r) && !strings.ContainsRune("上反后城告找请访", r) {
				return false
			}
		}
		// 进京上访同比下降12%: a statistic, not an event.
		if collectiveTally(s, c.start, c.end) {
			return false
		}
		// 国家信访局向各地转送…: the bureau acting, not people going to it.
		if c.term == "国家信访局" && !containsAny(before(s, c.start, 3), []string{"到", "去", "赴", "向", "找", "往", "进"}) {
			return false
		}
		return !officialActsAt(s, c)
	case sigAction:
		if disposedBy(s, c) {
			return false
		}
		// 被工厂层层包围起来, 用围挡围起来: a place enclosed, not a person
		// surrounded by a crowd.
		if strings.HasSuffix(c.term, "围起来") && (strings.HasSuffix(before(s, c.start, 1), "包") || containsAny(clauseBefore(s, c.start, 12), []string{"被", "围挡", "围栏", "铁皮", "栏杆"})) {
			return false
		}
		// 他们就把这个围起来 (a balcony built in): what 把 takes is a thing,
		// not a person surrounded.
		if strings.HasSuffix(c.term, "围起来") {
			if pre := clauseBefore(s, c.start, 10); cjk.Contains(pre, "把") && !containsAny(pre[strings.LastIndex(pre, "把"):], surroundedPeople) {
				return false
			}
		}
		// 居民围住记者说: people crowding round a reporter to tell him.
		if (c.term == "围住" || c.term == "围了") && containsAny(clauseAfter(s, c.end, 3), []string{"记者", "采访"}) {
			return false
		}
		// 上班上学上街的人: going into town, one of a day's errands.
		if c.term == "上街" && (containsAny(before(s, c.start, 2), []string{"上班", "上学", "出门", "买菜", "逛街"}) || containsAny(clauseAfter(s, c.end, 3), []string{"的人", "买", "购物", "逛", "遛"})) {
			return false
		}
		// 与物业一同前往现场查看: staff going to look, not people acting.
		if _, ok := hasAnyPrefix(clauseAfter(s, c.end, 8), inspectionWords); ok || containsAny(clauseBefore(s, c.start, 8), []string{"与物业", "会同", "与相关部门", "与执法", "联合执法"}) {
			return false
		}
		// 进行第二批拆除时，在村民出面阻挠时: the work named before.
		if obstructed := []string{"施工", "工程", "进场", "拆", "测量", "作业", "开工", "征地", "复工", "建设", "修路", "公路", "铁路"}; (c.term == "阻碍" || c.term == "阻挠" || c.term == "阻扰") &&
			!containsAny(clauseAfter(s, c.end, 6), obstructed) && !containsAny(sentenceBefore(s, c.start, 24), obstructed) {
			// 会遇到一些问题和阻碍: the noun, not people obstructing work.
			return false
		}
		// 厂门口站了许多人: a crowd at the gate; 门口站着一个保安 is no act.
		if strings.HasPrefix(c.term, "门口站") || strings.HasPrefix(c.term, "门前站") {
			if !crowdIn(clauseAfter(s, c.end, 6)) {
				return false
			}
		}
		// 门窗紧闭也难以阻挡: what cannot be kept out, not people blocking.
		if containsAny(before(s, c.start, 2), []string{"难以", "无法", "不能", "不住"}) && (strings.HasPrefix(c.term, "阻") || strings.HasPrefix(c.term, "拦") || strings.HasPrefix(c.term, "挡")) {
			return false
		}
		if strings.HasPrefix(c.term, "阻") || strings.HasPrefix(c.term, "拦") {
			// Sound, light, a staircase blocking an exit: things, not people.
			// A dam that 拦截 a river is no blockade either.
			if containsAny(clauseBefore(s, c.start, 10)+clauseAfter(s, c.end, 10), []string{"声", "音", "噪", "光", "灰", "尘", "风", "通道", "视线", "楼梯", "杂物", "违章", "车位", "水库", "河道", "河水", "洪水", "雨水"}) {
				return false
			}
		}
		// 城区内聚集了大量平房, 产业聚集: things or trades gathered in a
		// place, not people.
		if after := strings.TrimLeft(clauseAfter(s, c.end, 10), "了着"); c.term == "聚集" && !strings.HasPrefix(after, "在") && !strings.HasPrefix(after, "到") && !strings.HasPrefix(after, "于") &&
			(containsAny(after, gatheredThings) || containsAny(before(s, c.start, 4), gatheredThings)) {
			return false
		}
		// 周围住了很多人: 围住 inside 周围.
		if strings.HasPrefix(c.term, "围") && strings.HasSuffix(before(s, c.start, 1), "周") {
			return false
		}
		// 曾因欠薪引发集体投诉或群体性事件的企业: a kind of firm, not an event.
		if c.term == "群体性事件" && collectiveTally(s, c.start, c.end) {
			return false
		}
		// 制定处置群体性事件的应急预案: an event planned for, not one.
		if c.term == "群体性事件" && containsAny(clauseBefore(s, c.start, 10)+clauseAfter(s, c.end, 6), []string{"防范", "处置", "预案", "应急", "应对", "化解", "稳控", "排查", "苗头"}) {
			return false
		}
		// 私搭帐篷, 乱搭窝棚: structures a city's inspectors remove.
		if strings.HasPrefix(c.term, "搭") && containsAny(before(s, c.start, 2), []string{"私", "乱", "违规", "违章"}) {
			return false
		}
		// 砸了售楼处, 砸坏3辆拉煤车: things smashed; 砸了饭碗 is a job lost.
		if strings.HasPrefix(c.term, "砸") || c.term == "打砸" {
			if !containsAny(clauseAfter(s, c.end, 8), []string{"售楼", "办公", "车", "门", "玻璃", "窗", "设备", "电脑", "桌", "牌", "物品", "东西", "公司", "工地", "政府", "项目部"}) {
				return false
			}
		}
		// 对牧业的冲击更为直接: an impact, not a crowd storming a place.
		if c.term == "冲击" && !containsAny(clauseAfter(s, c.end, 6), []string{"政府", "工地", "大门", "售楼", "办公", "派出所", "会场", "机关", "大院", "大楼", "警戒", "厂区", "公司", "项目部", "现场", "信访", "指挥部", "街道", "镇", "县", "市"}) {
			return false
		}
		// 徒步爬上18楼: climbing the stairs home, not onto a crane or a roof.
		if c.term == "爬上" && !containsAny(clauseAfter(s, c.end, 10), []string{"塔吊", "吊车", "楼顶", "屋顶", "房顶", "脚手架", "广告牌", "烟囱", "高架", "大桥", "桥上", "龙门吊", "电线杆", "铁塔", "高处",
			"米高", "大门", "校门", "门楼", "顶部", "顶上", "围墙", "墙头", "水塔", "楼上"}) {
			return false
		}
		// 挂着“欢迎回家”的横幅: a welcome, not a protest; 张贴宣传标语 is a
		// campaign's publicity.
		if (cjk.Contains(c.term, "横幅") || cjk.Contains(c.term, "横额") || cjk.Contains(c.term, "标语")) && containsAny(clauseBefore(s, c.start, 16), []string{"欢迎", "庆祝", "热烈", "喜迎", "宣传", "感谢"}) {
			return false
		}
		return !officialActsAt(s, c)
	case sigOrganise:
		if c.term == "我们是一群" {
			return true // the writers themselves
		}
		// 致沈阳市人民政府市长的一封公开信: the office is whom the letter
		// is addressed to.
		if cjk.Contains(c.term, "信") && cjk.Contains(clauseBefore(s, c.start, 30), "致") {
			return true
		}
		// 她从小区的业主微信群里得知: a chat read as a source of news, not
		// people organising in it.
		// 她的羊群里死了四五十头羊, 人群里: a flock or a crowd, no chat.
		if c.term == "群里" && strings.ContainsRune("羊牛马驼鸡鸭鹅鱼鸟狼人蜂畜", lastRune(s[:c.start])) {
			return false
		}
		if strings.HasSuffix(c.term, "群") || c.term == "群里" || c.term == "群聊" {
			// 业主群起反对: 群起 (rising together) is no chat group.
			if strings.HasSuffix(c.term, "群") && strings.HasPrefix(s[c.end:], "起") {
				return false
			}
			// 发到她们和雇主的工作沟通群里: a chat for the work, shared
			// with the other side.
			if containsAny(before(s, c.start, 4), []string{"工作", "沟通", "雇主", "公司", "单位"}) {
				return false
			}
			// 居民在业主群里要求物业及时维修: the chat is the channel to
			// the management, not people organising.
			if containsAny(clauseAfter(s, c.end, 10), []string{"要求物业", "联系物业", "通知物业", "找物业", "问物业", "@物业", "物业回复", "物业称", "物业说"}) {
				return false
			}
			// 她退出了业主群: leaving a chat is no organising.
			if containsAny(before(s, c.start, 4), []string{"退出", "退了", "屏蔽", "退群"}) {
				return false
			}
			if _, ok := hasAnyPrefix(strings.TrimPrefix(clauseAfter(s, c.end, 8), "里"), []string{"得知", "看到", "获悉", "了解到", "知道", "听说", "刷到", "有人说", "有人称", "有消息"}); ok ||
				cjk.Contains(clauseBefore(s, c.start, 10), "从") && containsAny(clauseAfter(s, c.end, 8), []string{"得知", "看到", "获悉", "了解到", "知道", "听说"}) {
				return false
			}
		}
		// 13名打工者联名写的感谢信: thanks, not a demand.
		if (cjk.Contains(c.term, "联名") || cjk.Contains(c.term, "签名")) && containsAny(clauseAfter(s, c.end, 12), []string{"感谢", "锦旗", "表扬", "致谢"}) {
			return false
		}
		// 欠条仅有两名包工头的签名及手印: a signature on a paper of the
		// debt or the job, not people organising.
		if slices.Contains([]string{"签名", "按指印", "按手印", "按了手印", "摁手印"}, c.term) &&
			containsAny(sentenceBefore(s, c.start, 16)+clauseAfter(s, c.end, 12), []string{"欠条", "借条", "合同", "协议", "收据", "工资表", "领条", "确认书", "承诺书", "结算单", "白条"}) {
			return false
		}
		// 召集各部门召开协调会: the office organising a meeting.
		// 响应政府号召: answering the government's call, not organising.
		// 为响应荆州市"壮腰工程"号召: the call is named between.
		if c.term == "号召" && (containsAny(before(s, c.start, 4), []string{"响应", "积极", "政府", "国家", "党的"}) || cjk.Contains(clauseBefore(s, c.start, 20), "响应")) {
			return false
		}
		// 召集工人召开职工大会, 组织业主开座谈会: a meeting called by the
		// office or the company.
		// 收集签名要求召开业主大会 is the owners organising: a meeting they
		// demand is no meeting called for them.
		if after := clauseAfter(s, c.end, 16); containsAny(after, []string{"召开", "会议", "大会", "协调会", "座谈", "开会", "见面会", "听证会"}) &&
			!containsAny(after, []string{"要求召开", "要求开", "申请召开", "请求召开", "要求举行"}) {
			return false
		}
		if (c.term == "召集" || c.term == "号召") && containsAny(clauseAfter(s, c.end, 12), []string{"干部", "部门", "对策", "研究", "商量", "负责人", "一把手", "协商", "双方", "开发商", "企业", "业主代表", "见面", "沟通"}) {
			return false
		}
		// 广场舞由居民自发组织: a pastime organised, not a protest; people
		// who 自发组织找居委会讨要… are organising.
		if (c.term == "自发组织" || c.term == "组织起来") && !containsAny(clauseAfter(s, c.end, 12), []string{"找", "到", "去", "前往", "讨要", "维权", "上访", "反映", "要求", "讨说法"}) {
			return false
		}
		return !officialActs(s, c.start)
	case sigAnger:
		// 矛盾激化, 议论纷纷: feelings of a situation, with no one speaking.
		if slices.Contains(actorlessAnger, c.term) {
			return true
		}
		return !officialActs(s, c.start)
	case sigRepeat, sigThreat:
		// 每当我们去询问: the petitioners named right after the cue act,
		// whoever the sentence addresses before it.
		if off, ok := firstActor(clauseAfter(s, c.end, 4)); ok && !off {
			return true
		}
		return !officialActs(s, c.start)
	case sigCollective:
		// 集体访量同比下降, 集体维权占5.1%: a statistic, not an event.
		// …曾因欠薪引发集体投诉的企业: a kind of firm, not an event.
		return !collectiveTally(s, c.start, c.end)
	}
	return true
}

// groupActs are acts that people do as a body (牧民在市政府大楼拉横幅,
// 工人们堵住大门); going to a higher level (村民进京) is one too.
var groupActs = []string{"拉横幅", "打横幅", "举横幅", "挂横幅", "拉起横幅", "拉了横幅", "横幅", "拉起横额", "拉横额", "横额", "连日维权", "天进行维权", "天维权", "日进行维权", "标语", "抗议", "静坐", "游行", "罢工", "堵路", "堵门", "围堵",
	"堵住", "堵在", "堵厂门", "拦路", "拦车", "聚集", "门口聚集", "集结", "请愿", "阻工", "阻挠", "阻扰", "停工", "停工讨薪", "不复工", "拒绝复工",
	"围攻", "冲击", "挤满", "涌入", "涌进", "拥进", "政府门口", "政府大门", "门口静坐", "堵死", "阻止施工", "阻止出货", "不让出货", "锁住车间", "锁了车间", "锁住厂门", "锁了厂门",
	"轮流值守", "轮流蹲守", "罢运", "罢课", "罢教", "堵展厅", "堵售楼", "堵工地", "堵公司", "堵校门", "围起来", "围了起来"}

// strikeActs are done by a body of people by their nature: no one strikes
// alone.
var strikeActs = []string{"罢工", "罢运", "罢课", "罢教", "罢市", "停工", "参与停运", "参加停运", "不复工", "拒绝复工"}

// singleSpeaker reports a clause whose actor is the writer alone (我停工
// 了, not 我们).
func singleSpeaker(clause string) bool {
	i := cjk.Index(clause, "我")
	return i >= 0 && !strings.HasPrefix(clause[i+len("我"):], "们")
}

// officialActsAt is officialActs for the cue c, which may open a relative
// clause whose actor follows it: 在市政府上访的村民王某, 在门口聚集的业主.
func officialActsAt(s string, c *riskCue) bool {
	// 引发200余人参与的群体性事件, 讨薪风波由此爆发: an event named as
	// such; whoever set it off, the people took part.
	if slices.Contains(eventNouns, c.term) && (containsAny(clauseBefore(s, c.start, 16), []string{"引发", "爆发", "发生", "酿成", "演变成", "导致"}) ||
		containsAny(clauseAfter(s, c.end, 6), []string{"爆发", "发生", "由此"})) {
		return false
	}
	if strings.HasPrefix(s[c.end:], "的") {
		if off, ok := firstActor(clauseAfter(s, c.end+len("的"), 12)); ok {
			return off
		}
	}
	return officialActs(s, c.start)
}

// eventNouns name a collective event itself.
var eventNouns = []string{"讨薪风波", "群体性事件", "群体事件"}

// numeralBefore reports a numeral at the end of s: 二十二名 is not 二名.
func numeralBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= '0' && r <= '9' || strings.ContainsRune("零一二两三四五六七八九十百千几", r)
}

// fewNumerals before a people noun name fewer than five.
var fewNumerals = []string{"一名", "一位", "一个", "两名", "两位", "两个", "二名", "三名", "三位", "三个", "四名", "四位", "四个", "几名", "几位", "几个"}

// groupNounActs reports an act done by people named with a bare group noun
// (牧民, 村民们) in its clause: the noun names a body of people, not one.
func groupNounActs(s string, c *riskCue) bool {
	switch c.kind {
	case sigAction:
		if !slices.Contains(groupActs, c.term) {
			return false
		}
	case sigEscalate:
		if c.term == "上访" || c.term == "越级" {
			return false // what every petitioner does, or a word for it
		}
	default:
		return false
	}
	pre := clauseBeforeList(s, c.start, 16)
	if !containsAny(pre, bareGroupNouns) && !containsAny(pre, groupPlurals) {
		return false
	}
	return !smallActors(s, c)
}

// hasAnySuffixIn reports whether s ends with a word of any of the lists.
func hasAnySuffixIn(s string, lists ...[]string) bool {
	for _, l := range lists {
		if _, ok := hasAnySuffix(s, l); ok {
			return true
		}
	}
	return false
}

// migrationAims after going to a city say why people went there: to work or
// study, not to petition.
var migrationAims = []string{"打工", "务工", "工作", "做工", "干活", "谋生", "上学", "读书", "看病", "就医", "旅游", "发展", "创业", "闯荡", "定居"}

// inspectionWords after an act make it staff going to look: 一同前往现场查看.
var inspectionWords = []string{"现场查看", "查看", "核查", "核实", "调查", "检查", "督查", "巡查", "走访", "察看", "勘察", "了解情况"}

// collectiveTally reports a collective petition named as a statistic or
// a kind (集体访量同比下降, 集体维权占5.1%, 出现集体上访增多, 受理集体进京上访
// 179批, …曾因欠薪引发集体投诉的企业) rather than an event; start and end
// bound the cue.
func collectiveTally(s string, start, end int) bool {
	return containsAny(clauseAfter(s, end, 8), []string{"量", "率", "%", "％", "占", "下降", "上升", "同比", "件", "批", "人次", "数量", "增多", "增加", "减少", "多发", "高发", "频发", "趋势", "形势", "问题突出", "原因", "诱因"}) ||
		containsAny(clauseBefore(s, start, 6), []string{"受理", "接待", "登记", "化解", "处置"}) && countIn(clauseAfter(s, end, 10), []string{"批", "人次", "件", "起"}) ||
		containsAny(sentenceAfter(s, end, 20), []string{"的企业", "的单位", "的项目", "等企业"})
}

// countedSubject reports a counted group of five or more that opens a
// clause of the sentence in which it goes to demand an explanation
// (248户准业主…多次与开发公司交涉未果后，遂向当地镇政府讨说法), with no one
// singled out between (其中一位业主).
func countedSubject(s string, f *figures, c *riskCue) bool {
	if c.term != "讨说法" || f.group < 5 {
		return false
	}
	sent := sentenceBefore(s, c.start, 80)
	from := c.start - len(sent)
	for _, hc := range f.counts {
		if hc.v < 5 || hc.aggregate || hc.visits || hc.benefit || hc.start < from || hc.start >= c.start ||
			utf8.RuneCountInString(clauseBefore(s, hc.start, 8)) > 4 {
			continue
		}
		if !containsAny(s[hc.start:c.start], []string{"其中", "有的", "个别", "部分", "一位", "一名", "一户", "一人", "少数", "代表", "要求", "如果", "若"}) {
			return true
		}
	}
	return false
}

// disposedBy reports an act told with 把/将 whose object holds the people
// or whose subject is a thing: 10号楼把我们业主的出路堵死了, 把开发商和民工聚集
// 到一起 (officials brought them together), 围栏将整个片区围住. 工人们把大门
// 堵住 stays the workers' act.
func disposedBy(s string, c *riskCue) bool {
	if strings.HasPrefix(c.term, "守") && strings.HasSuffix(s[:c.start], "把") {
		return false // 纷纷把守在田里: 把守 is to guard, not 把 and its object
	}
	pre := clauseBefore(s, c.start, 24)
	if blocking := containsAny(c.term, []string{"堵", "围", "拦", "挡", "阻"}); blocking {
		if j := strings.LastIndex(pre, "被"); j >= 0 && utf8.RuneCountInString(pre[j:]) <= 5 {
			// Told in the passive: 消防通道被车堵死 (a thing did it),
			// 下水道被堵死, 进村的路被大雪堵死 (no place of protest, or
			// weather); 村委办公楼被堵死 is a blockade of an office.
			agent, object := pre[j+len("被"):], pre[:j]
			// 大门被铲车堵死: a machine someone drove there, unlike a
			// parked car.
			if (containsAny(agent, thingSubjects) || containsAny(agent, []string{"车", "雪", "冰", "泥", "石", "土"})) && !containsAny(agent, drivenMachines) {
				return true
			}
			// 企业无故被堵门: the term names the gate or road blocked.
			if agent == "" && (!containsAny(object, blockedPlaces) && !containsAny(c.term, []string{"门", "路"}) || containsAny(sentenceBefore(s, c.start, 20)+sentenceAfter(s, c.end, 12), []string{"大雪", "积雪", "暴雨", "塌方", "泥石流", "车辆", "乱停", "垃圾", "淤泥"})) {
				return true
			}
		}
	}
	// 围挡围了一年, 商业楼把路堵死了: a thing right before the act is its
	// subject.
	if t, ok := hasAnySuffix(strings.TrimSuffix(strings.TrimSuffix(pre, "又"), "都"), thingSubjects); ok && containsAny(c.term, []string{"堵", "围", "拦", "挡", "阻"}) &&
		!containsAny(before(pre, len(pre)-len(t), 5), []string{"在", "到", "去", "往", "进"}) && !containsAny(pre, []string{"把", "将"}) {
		return true
	}
	i := disposalAt(pre) // not 将近, 把握
	if strings.HasPrefix(c.term, "把") || strings.HasPrefix(c.term, "将") {
		i = len(pre) // the cue holds its 把: 楼把路堵
	}
	if i < 0 {
		return false
	}
	obj := ""
	if i < len(pre) {
		obj = pre[i+len("把"):]
		if _, ok := hasAnyPrefix(obj, []string{"于", "在", "会", "要", "到", "去", "赴", "前往", "集体", "再次", "继续", "联合", "一起", "组织"}); ok && pre[i:i+len("将")] == "将" {
			return false // 将于明天到…: "will", not a disposal
		}
		if utf8.RuneCountInString(obj) >= 2 && containsAny(obj, []string{"业主", "民工", "工人", "村民", "居民", "群众", "我们", "住户", "商户", "职工", "家长", "学生", "把人", "将人", "大家"}) {
			return true
		}
	}
	subj := pre[:i]
	if _, ok := firstActor(subj); !ok && utf8.RuneCountInString(subj) <= 4 {
		// 楼体往外多占了两米多，正好把巷子口堵死了: the subject stands in
		// the clause before.
		subj = sentenceBefore(s, c.start-len(pre)+i, 20) + subj
	}
	return containsAny(subj, thingSubjects) && !petitionersNamed(s, c.start-len(obj)-len("把"))
}

// gatheredThings are what gathers without people gathering: buildings,
// firms, trades, a population.
var gatheredThings = []string{"平房", "楼房", "简易楼", "房屋", "建筑", "企业", "工厂", "厂房", "产业", "资源", "人口", "人才", "人气", "店铺", "门店", "摊位", "商铺", "车辆", "要素"}

// drivenMachines block a gate only when someone drives them there.
var drivenMachines = []string{"铲车", "挖掘机", "挖机", "钩机", "推土机", "装载机", "叉车", "吊车"}

// blockedPlaces are places whose blockade is a protest: an office, a
// gate, a site or a sales office.
var blockedPlaces = []string{"门", "政府", "办公", "村委", "居委", "工地", "项目部", "售楼", "公司", "厂", "局", "路口", "道路", "公路", "国道", "省道", "进场"}

// thingSubjects are things that block or enclose: 围挡, 商业楼.
var thingSubjects = []string{"围栏", "围挡", "围墙", "挡板", "铁皮", "楼", "车辆", "汽车", "墙", "建筑", "设备", "垃圾", "杂物", "钢筋", "渣土", "栏杆", "护栏", "大树", "树木", "积雪", "积水", "大雪", "洪水"}

// visitTally reports a count of visits or batches in s: 4人次, 76批.
func visitTally(s string) bool { return countIn(s, []string{"人次", "批", "件次"}) }

// actorlessAnger are anger words that describe a situation.
var actorlessAnger = []string{"矛盾激化", "矛盾有所激化", "议论纷纷"}

// groupPlurals name a body of people: 工人们, 业主们.
var groupPlurals = []string{"工人们", "农民工们", "民工们", "业主们", "村民们", "牧民们", "居民们", "工友们", "群众们", "拆迁户们", "回迁户们", "职工们", "员工们", "住户们", "家长们", "商户们", "打工者们"}

// pluralPetitioners name the petitioning group as a whole.
var pluralPetitioners = append(slices.Clip(groupPlurals), "他们", "大家", "等人")

// bareGroupNouns opening a clause name the group counted elsewhere in the
// text (84名员工…。同年3月30日，员工到劳动部门投诉).
var bareGroupNouns = []string{"农民工", "民工", "工人", "员工", "职工", "工友", "村民", "牧民", "业主", "居民", "环卫工", "劳工", "劳动者", "老人", "家长", "商户", "住户", "拆迁户", "自救会"}

// adviceWords make a clause a rule or advice, not an event: 农民工遇到欠薪
// 可到劳动监察部门投诉.
var adviceWords = []string{"可", "应", "要", "需", "须", "请", "如", "若", "遇到", "一旦", "如果", "能够", "引导", "告知", "鼓励"}

// groupWentToOffice reports a sentence in which the petitioning group as a
// whole went to an office (not negated: 没有去, 不愿去).
func groupWentToOffice(s string, households bool) bool {
	// 150多名农民工来到监察大队，领到了被拖欠的工资: they came to be paid.
	went := func(tail string, end int) bool {
		// 130余名工人先后到劳动监察部门投诉: one after another.
		return goesToOffice(tail) && !containsAny(tail, notGoing) && !oneAfterAnother(tail) &&
			!cameToBePaid(sentenceAfter(s, end, 60))
	}
	if anyOccurrence(s, pluralPetitioners, func(_, end int) bool { return went(clauseAfterList(s, end, 16), end) }) {
		return true
	}
	// 罗某召集多人到相关部门反映: a crowd gathered and brought along.
	if anyOccurrence(s, []string{"召集多人", "组织多人", "带领多人", "带着多人", "召集众人", "组织众人", "带领众人"}, func(_, end int) bool { return went(clauseAfterList(s, end, 16), end) }) {
		return true
	}
	// 王**等万般无奈之下，来到了劳动监察处: a named one (masked) and the
	// others of the group counted elsewhere; a short clause of manner may
	// come before the going.
	if anyOccurrence(s, []string{"*等", "某等"}, func(_, end int) bool {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if _, digit := cnDigit(r); digit || r >= '0' && r <= '9' || strings.ContainsRune("人待到着候", r) {
			return false
		}
		tail := clauseAfter(s, end, 24)
		if next, ok := clauseAfterComma(s, end+len(tail), 24); ok && utf8.RuneCountInString(tail) <= 8 {
			tail += "," + next
		}
		return went(tail, end)
	}) {
		return true
	}
	// Households are often represented (来访人代表5户居民…居民多次到区住建局
	// 询问): when representatives are named, only a count of people makes a
	// bare noun the group that went. The noun opens its clause; a date may
	// take room before the office (于2014年12月就到…监察大队).
	if households && cjk.Contains(s, "代表") {
		return false
	}
	return anyOccurrence(s, bareGroupNouns, func(start, end int) bool {
		// 张某等外省农民工来到县人社局: the named one and the others.
		led := cjk.Contains(before(s, start, 4), "等") && !containsAny(before(s, start, 4), []string{"等待", "等到", "等着", "等候", "等了"})
		// 多名情绪激动的劳动者来到监察机构: many, described, then the noun.
		crowd := containsAny(clauseBefore(s, start, 12), crowdMarkers)
		// 事发当天，有农民工到县信访局反映: 有 opens the clause.
		at := start
		if strings.HasSuffix(s[:start], "有") {
			at -= len("有")
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:at]); at > 0 && !isClauseEnd(r) && !led && !crowd {
			return false
		}
		tail := clauseAfterList(s, end, 24)
		return went(tail, end) && !containsAny(tail, adviceWords)
	})
}

// oneAfterAnother reports a clause that opens with people coming one
// after another (先后到, 陆续来), not 先后多次 (again and again, together).
func oneAfterAnother(tail string) bool {
	for _, w := range []string{"先后", "陆陆续续", "陆续", "相继"} {
		if i := cjk.Index(clauseAfter(tail, 0, 6), w); i >= 0 {
			return !containsAny(clauseAfter(tail, i+len(w), 3), []string{"多次", "几次", "数次", "两次", "三次", "次"})
		}
	}
	return false
}

// notGoing after the group says it did not go, or only means to:
// 没有去, 不愿, 准备.
var notGoing = []string{"没有去", "没去", "不去", "不愿", "不敢", "准备", "打算", "要去"}

// hypothetical words before a cue make it a warning: 如果, 否则, 非要等到.
var hypothetical = []string{"如果", "否则", "要是", "等到", "将会", "会有", "可能", "恐怕", "担心", "难道", "以免", "一旦", "非要", "难不成", "万一", "假如", "倘若"}

// fearWords before an act make it what someone fears, not an act nor a
// threat: 包工头怕民工找上门闹事.
var fearWords = []string{"怕", "唯恐", "以防", "生怕"}

// crowdWords before an act name a group without a number: 大量业主聚集,
// 全村老少都聚集到村口. They count as a group of five.
var crowdWords = []string{"较多", "大量", "一大堆", "满了人", "一大帮", "一帮", "水泄不通", "满满当当", "挤满", "众多", "一批", "纷纷", "不少", "大群", "全体", "全村", "老少", "成群", "一大批", "一大群", "一群", "这群", "许多", "很多", "大批", "上百", "数百", "成百上千", "人群", "大伙", "大家伙", "成千上万", "上千", "数千", "几百", "大规模", "最大规模", "规模最大"}

// countInCondition reports a group counted only inside the condition of a
// warning (非要等到成千上万的业主集体维权…吗): a crowd imagined, not one that
// exists.
func countInCondition(s string, f *figures, c *riskCue) bool {
	pre := clauseBefore(s, c.start, 16)
	from := c.start - len(pre)
	if f.groupStart < from || f.groupStart >= c.start || !containsAny(pre, hypothetical) {
		return false
	}
	// 近千名业主催了几个月…非要我们千人游行吗: the group exists outside
	// the condition too.
	for _, h := range f.counts {
		if h.v >= 5 && !h.aggregate && (h.start < from || h.start >= c.start) {
			return false
		}
	}
	return true
}

// collectiveOwners name the people of a whole village or group as one
// (我组村民, 本村村民): with a people noun after them they are a crowd.
var collectiveOwners = []string{"我组", "我村", "本组", "本村", "全组", "我们组", "我们村"}

// signatureGroups close a letter signed by a body of people.
var signatureGroups = []string{"拆迁户", "回迁户", "被征收户", "安置户", "业主", "村民", "居民", "住户", "农民工", "职工", "员工", "购房户", "购房者", "牧民", "商户"}

// groupSigned reports a letter whose writers count themselves (我们48户居民)
// and sign as a body on a line of its own near the end (华域小区拆迁户).
func groupSigned(s string, f *figures) bool {
	counted := false
	for _, c := range f.counts {
		if c.v >= 5 && !c.aggregate && c.start <= len(s) && strings.HasSuffix(before(s, c.start, 3), "我们") {
			counted = true
			break
		}
	}
	if !counted {
		return false
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for k, seen := len(lines)-1, 0; k > 0 && seen < 3; k-- {
		l := strings.TrimSpace(lines[k])
		if l == "" {
			continue
		}
		seen++
		if utf8.RuneCountInString(l) > 30 || strings.ContainsAny(l, "。，,！!？?：:；;") {
			continue
		}
		if _, ok := hasAnySuffix(l, signatureGroups); ok {
			return true
		}
	}
	return false
}

// crowdMarkers name an unnumbered crowd before its people noun.
var crowdMarkers = []string{"多名", "多位", "一群", "一批", "大批", "众多", "许多", "很多", "不少", "大量", "成群"}

// crowdDemands returns the words naming an unnumbered crowd of people (多名
// 甘肃籍农民工, 一群农民工) that demands what it is owed or goes to an office
// in the same clause, or "" if none does.
func crowdDemands(s string) string {
	found := ""
	anyOccurrence(s, crowdMarkers, func(start, end int) bool {
		rest := clauseAfter(s, end, 8)
		for k := 0; k < len(rest); {
			if noun, ok := hasAnyPrefix(rest[k:], peopleNouns); ok {
				nounEnd := end + k + len(noun)
				tail := clauseAfterList(s, nounEnd, 16)
				// 多名被拖欠薪金的民工，讨薪不果: the demand after a comma.
				if next, ok := clauseAfterComma(s, nounEnd+len(tail), 12); ok && utf8.RuneCountInString(tail) <= 2 {
					tail += "," + next
				}
				// 可到劳动监察部门投诉 is advice; the 要 of 索要 is no 要.
				if (containsAny(tail, crowdDemandVerbs) || goesToOffice(tail) && !containsAny(tail, notGoing)) && !containsAny(strings.ReplaceAll(tail, "索要", ""), adviceWords) {
					found = s[start:nounEnd]
					return true
				}
				return false
			}
			_, w := utf8.DecodeRuneInString(rest[k:])
			k += w
		}
		return false
	})
	return found
}

// crowdDemandVerbs are what a crowd of petitioners does in words.
var crowdDemandVerbs = []string{"索要", "讨要", "讨薪", "追讨", "讨说法", "要说法", "维权", "上访", "来访"}

// crowdNamed reports whether clause names an unnumbered crowd of people as
// its actor: 很多家长, 一群工人, 我组村民 (not 很多次, 一批房子).
func crowdNamed(clause string) bool {
	b := cjk.BytesOf(clause)
	for _, list := range [][]string{crowdWords, collectiveOwners} {
		for _, w := range list {
			if !b.MayHold(w) {
				continue
			}
			i := cjk.Index(clause, w)
			if i < 0 {
				continue
			}
			rest := strings.TrimPrefix(strings.TrimPrefix(clause[i+len(w):], "的"), "名")
			if _, ok := hasAnyPrefix(rest, peopleNouns); ok {
				return true
			}
			if _, ok := hasAnyPrefix(rest, petitionerActors); ok && !strings.HasPrefix(rest, "我") && !strings.HasPrefix(rest, "他") && !strings.HasPrefix(rest, "人员") {
				return true
			}
		}
	}
	return false
}

// sitInDuration returns the length in bytes of a stretch of time right
// after 坐了 (7天, 三天三夜, 一整夜, 十几个小时), 0 when there is none.
func sitInDuration(after string) int {
	end := 0
	for i, r := range after {
		switch {
		case strings.ContainsRune("天夜宿晚", r):
			if i > 0 {
				end = i + utf8.RuneLen(r)
			}
		case strings.HasPrefix(after[i:], "小时"):
			if i > 0 {
				return i + len("小时")
			}
			return 0
		case r >= '0' && r <= '9' || strings.ContainsRune("一二两三四五六七八九十几多整个半", r):
		default:
			return end
		}
	}
	return end
}

// crowdIn reports a crowd word in s that counts people, not times or years:
// 很多工人, 纷纷 (not 很多次, 好多年). One pass over s, the words sought by
// their first rune.
func crowdIn(s string) bool {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		for _, cw := range crowdByRune[r] {
			if !strings.HasPrefix(s[i:], cw) {
				continue
			}
			if next, _ := utf8.DecodeRuneInString(s[i+len(cw):]); !strings.ContainsRune("次遍趟回年天", next) {
				return true
			}
		}
		i += w
	}
	return false
}

// crowdByRune holds crowdWords by their first rune.
var crowdByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range crowdWords {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// riskCue is one cue found in a text.
type riskCue struct {
	kind       signal
	term       string
	start, end int
}

// assessRisk applies the DOMAIN.md rubric. n is the head count (0 when the
// text gives none), unit 人 or 户, countLabel the count as written; cues are
// the non-negated risk terms in text order.
//
// rd says how to read the text: a case reported resolved is low unless a
// collective act took place (then high); a report's exclamation marks are
// not anger.
//
// orig is s as written (traditional characters unfolded, same offsets): the
// reasons quote it.
func assessRisk(s, orig string, f *figures, cues []riskCue, rd *reading) xinfang.Risk {
	n, unit, countLabel, repeats, repeatLabel := f.group, f.countUnit, f.countLabel, f.repeats, f.repeatLabel
	var (
		act, collective, organise, threat, repeat, anger *riskCue
		crowdAct                                         *riskCue // an act told with an unnumbered crowd
		actSmall                                         = -1     // smallActors(s, act): -1 unread, 0 no, 1 yes
	)
	for i := range cues {
		c := &cues[i]
		// 非要我们千人游行…吗, 否则就会有成千上万的业主集体维权: an act
		// or a collective act under a condition is a warning, not an act.
		if (c.kind == sigAction || c.kind == sigEscalate || c.kind == sigCollective) && containsAny(clauseBefore(s, c.start, 10), fearWords) && !containsAny(clauseBefore(s, c.start, 10), []string{"不怕", "哪怕"}) {
			continue
		}
		// 想问问能不能一起找开发商索赔: a question, neither act nor threat.
		if (c.kind == sigAction || c.kind == sigCollective) && containsAny(clauseBefore(s, c.start, 8), []string{"能不能", "可不可以", "是否可以", "能否"}) {
			continue
		}
		if (c.kind == sigAction || c.kind == sigEscalate || c.kind == sigCollective) && containsAny(clauseBefore(s, c.start, 16), hypothetical) {
			// 万一出事可能是群体事件: an event feared, which no one threatens.
			if strings.HasPrefix(c.term, "群体") {
				continue
			}
			if threat == nil {
				threat = c
			}
			continue
		}
		switch c.kind {
		case sigAction, sigEscalate:
			// 上访 alone is what every petitioner does; it is an act only when
			// planned or threatened (要去上访) or escalated (去北京上访).
			if c.term == "上访" || c.term == "讨说法" {
				// …unless it was done again and again: 二十多次反复上访.
				// …or a crowd does it: 很多家长要求退费、讨说法, 我组村民又去
				// 市信访办上访.
				// …or the counted group does it, named right before it
				// (47户村民代表反映…得不到补偿金的农牧民上访维权).
				groupDoes := c.term == "上访" && n >= 5 && hasAnySuffixIn(before(s, c.start, 4), bareGroupNouns, pluralPetitioners) ||
					countedSubject(s, f, c)
				if !groupDoes && !hasCueNear(s, cues, c, sigPlan, sigThreat) && !crowdNamed(clauseBeforeList(s, c.start, 16)) && (strings.HasSuffix(before(s, c.start, 2), "人次") || !containsAny(before(s, c.start, 4), []string{"多次", "反复", "屡次", "次", "趟", "一再", "集体"})) {
					// Who has 上访 before petitions again: repeated
					// petitioning (上访讨债, 老上访户).
					// 把上访的问题加以分类, 上访案件: the noun, an office's work.
					_, noun := hasAnyPrefix(s[c.end:], []string{"的问题", "问题", "案件", "事项", "件", "信件", "积案", "工作", "渠道", "秩序", "量", "总量", "人员", "群众", "人次", "批次"})
					// 三个到访即…到信访部门上访: a report naming the ways
					// people petition, not a petitioner who came before.
					explained := rd.kind == xinfang.KindBulletin && containsAny(sentenceBefore(s, c.start, 40), []string{"到访即", "渠道", "方式", "途径", "包括", "可以到", "可到"})
					if c.term == "上访" && repeat == nil && !noun && !explained && !containsAny(before(s, c.start, 3), []string{"接待", "处理", "化解", "非正常", "越级", "零", "无", "不", "把", "对"}) {
						repeat = c
					}
					continue
				}
			}
			// Representatives are how a group petitions within the rules
			// (12户居民推选代表来访); they act for it when sent up to the
			// province or Beijing (选出代表前往陇南市、甚至省城上访).
			if cjk.Contains(c.term, "代表") && !containsAny(clauseAfterList(s, c.end, 16), []string{"省", "北京", "进京", "赴京", "自治区", "中央", "国家"}) {
				continue
			}
			// 在老板家坐了7天: a sit-in lasts; 坐了下来 is sitting down.
			if c.term == "坐了" {
				d := sitInDuration(clauseAfter(s, c.end, 6))
				if d == 0 {
					continue
				}
				c.end += d // quoted with how long: 坐了三天三夜
			}
			// 村民三三两两聚集在阴凉里: people standing about, not a
			// gathering.
			if (cjk.Contains(c.term, "聚") || strings.HasPrefix(c.term, "围")) && containsAny(clauseBefore(s, c.start, 6)+"|"+sentenceAfter(s, c.end, 24), pastimes) {
				continue
			}
			// 部分工人滞留工地: stranded where they worked, not a protest.
			if c.term == "滞留" && !containsAny(clauseAfterList(s, c.end, 14), []string{"政府", "信访", "门口", "大门", "局", "售楼", "项目部", "公司", "办公"}) {
				continue
			}
			if slices.Contains(weakActs, c.term) && (!containsAny(clauseAfterList(s, c.end, 14), actDestinations) ||
				// 钱一直躺在政府的账户上: money lying idle, not a sit-in.
				containsAny(clauseAfter(s, c.end, 12), []string{"账户", "账上", "卡里", "卡上", "银行"})) {
				continue
			}
			// 堵了 is traffic unless people do it; 停工 is a strike only when
			// workers stop (项目停工 is a stalled project).
			if c.term == "堵了" {
				ctx := clauseBefore(s, c.start, 8) + clauseAfter(s, c.end, 6)
				if !containsAny(ctx, []string{"门", "路", "售楼", "厂", "工地", "入口", "出口"}) ||
					containsAny(ctx, []string{"车堵", "交通", "路上", "管道", "下水", "马桶", "心里", "堵车"}) {
					continue
				}
			}
			if c.term == "停工" {
				pre := clauseBefore(s, c.start, 10)
				// Workers stop, or stop over their pay (因为发不出工资停工);
				// 项目停工 is a stalled project.
				strike := containsAny(pre, []string{"工人", "农民工", "职工", "装卸工", "员工", "师傅", "施工队", "班组", "工友", "余人", "多人", "名"}) ||
					containsAny(pre, []string{"工资", "欠薪", "讨薪"}) && !containsAny(pre, []string{"项目", "工地", "楼盘", "工程", "开发商"})
				// 凡拖欠农民工工资的工地一律停工, 被责令停工: an order, not a
				// strike.
				if !strike || containsAny(clauseBefore(s, c.start, 4), []string{"一律", "责令", "勒令", "依法", "被迫", "导致", "致使", "造成", "要求", "立即", "暂时", "全面"}) {
					continue
				}
			}
			// A man alone on a roof and, below, ten with a banner: the
			// group's act is the one that counts.
			// Going higher outranks a local act, unless a few went up and
			// the crowd acted at home (我们夫妻数次到旗政府讨要…农民工就堵在
			// 我家门口).
			if act == nil {
				act, actSmall = c, -1
			} else {
				if actSmall < 0 {
					actSmall = 0
					if smallActors(s, act) {
						actSmall = 1
					}
				}
				cSmall := smallActors(s, c)
				if actSmall == 1 && !cSmall || (actSmall == 1) == cSmall && c.kind == sigEscalate && act.kind != sigEscalate {
					act, actSmall = c, 0
					if cSmall {
						actSmall = 1
					}
				}
			}
			// 一起阻工事件 … 现场聚集许多村民: the act a crowd is named with.
			if crowdAct == nil && groupNounActs(s, c) {
				crowdAct = c
			}
			// 包工头叫我们罢工, 站内因发不出工资停工了一天: a strike is a
			// body's act by its nature, unless one person is named.
			if crowdAct == nil && slices.Contains(strikeActs, c.term) && !smallActors(s, c) && !singleSpeaker(clauseBefore(s, c.start, 10)) {
				crowdAct = c
			}
			// 业主们忍无可忍，集体走上街头堵路: 集体 says a body acted.
			if crowdAct == nil && cjk.Contains(clauseBefore(s, c.start, 8), "集体") && !smallActors(s, c) {
				crowdAct = c
			}
			if crowdAct == nil && (crowdIn(sentenceBefore(s, c.start, 30)) || crowdIn(s[c.start:c.end]+clauseAfter(s, c.end, 6)) || crowdNamed(clauseBeforeList(s, c.start, 16))) {
				crowdAct = c
			}
		case sigCollective:
			if collective == nil {
				collective = c
			}
		case sigOrganise:
			if organise == nil {
				organise = c
			}
		case sigThreat:
			// 就去 threatens only after a condition: 再不发工资就去堵路.
			if c.term == "就去" && !containsAny(sentenceBefore(s, c.start, 20), []string{"再不", "如果", "要是", "如不", "不给", "不发", "不解决", "否则", "还不"}) {
				continue
			}
			if threat == nil {
				threat = c
			}
		case sigRepeat:
			// 经过多次的沟通和协调，老板承诺…: the mediation that an office or
			// a report tells of, not the petitioners coming back; 虽经多次
			// 协商…至今仍有71万元不能支付 is their rounds, and failed.
			if pre := clauseBefore(s, c.start, 3); strings.HasSuffix(pre, "经过") || strings.HasSuffix(pre, "经") {
				if _, ok := hasAnyPrefix(strings.TrimPrefix(s[c.end:], "的"), []string{"沟通", "协调", "协商", "调解", "做工作", "上门", "走访", "努力", "磋商"}); ok &&
					!containsAny(sentenceAfter(s, c.end, 40), []string{"未果", "无果", "至今", "仍", "依然", "还是", "不能", "没有", "未能", "不了", "无效", "拒"}) {
					continue
				}
			}
			// 多次予以处罚: an agency acting again and again.
			if _, ok := hasAnyPrefix(s[c.end:], []string{"予以", "对其", "进行处罚", "处罚", "罚款", "查处", "约谈", "责令", "下达"}); ok {
				continue
			}
			// 对反复被投诉的点位, 被投诉三次以上的工地: what is complained
			// about, counted by an office, not the petitioners coming back.
			if strings.HasPrefix(clauseAfter(s, c.end, 3), "被") || strings.HasSuffix(clauseBefore(s, c.start, 3), "被") || strings.HasSuffix(clauseBefore(s, c.start, 4), "被投诉") {
				continue
			}
			after := clauseAfter(s, c.end, 8)
			if _, ok := hasAnyPrefix(after, []string{"到", "去", "前往", "赴"}); ok {
				// 多次到平顶山市公安局反映: the office's name comes between.
				after = clauseAfter(s, c.end, 16)
			}
			// 反映：小区回迁已经好几年了: a verb that introduces what is
			// told (before its colon) does not petition for the years told.
			pre := clauseBeforeList(s, c.start, 10)
			if k := strings.LastIndexAny(pre, ":："); k >= 0 && !slices.Contains(selfRepeats, c.term) {
				pre = pre[k+1:]
			}
			ctx := pre + "|" + after
			// Telling a neighbour again and again is not petitioning;
			// going back to the 物业, the boss or an office is.
			if repeat == nil && (slices.Contains(selfRepeats, c.term) || containsAny(ctx, riskPetitionVerbs) && !containsAny(ctx, []string{"邻居", "敲门", "楼上", "对门"})) {
				repeat = c
			}
		case sigAnger:
			// 快受不了了，喇叭一天到晚响: the noise is what cannot be borne,
			// which every noise complaint says; it is not anger at anyone.
			if slices.Contains([]string{"受不了了", "无法忍受", "忍受不了", "忍不了"}, c.term) &&
				containsAny(sentenceBefore(s, c.start, 30)+sentenceAfter(s, c.end, 30), []string{"吵", "噪", "声", "响", "喇叭", "音", "震"}) {
				continue
			}
			if anger == nil {
				anger = c
			}
		}
	}
	if organise == nil && rd.kind == xinfang.KindPetition && groupSigned(s[:rd.replyAt], f) {
		// 我们48户居民…(signed) 华域小区拆迁户: a letter the counted group
		// writes and signs together.
		organise = &riskCue{kind: sigOrganise, term: "联名来信"}
	}
	if repeat == nil && repeats < 2 {
		// 在执法队、信访局、镇政府等部门维权: round the offices.
		if q := unanswered(s[:rd.replyAt]); q != "" {
			repeat = &riskCue{kind: sigRepeat, term: q}
		} else if q := levelRounds(s[:rd.replyAt]); q != "" {
			repeat = &riskCue{kind: sigRepeat, term: q}
		} else if q := officeRounds(s[:rd.replyAt]); q != "" {
			repeat = &riskCue{kind: sigRepeat, term: q}
		} else if q := yearsOfPetitioning(s[:rd.replyAt]); q != "" {
			repeat = &riskCue{kind: sigRepeat, term: q}
		}
	}
	group := n
	// An unnumbered crowd that acted (not one that threatens: 工人们扬言
	// 就去堵路 is a threat by an unnamed group) counts as five.
	// 讨薪工人将老板娘堵在出租屋 … 几位装修工人: a bare noun the text
	// counts as a few elsewhere is no crowd.
	if crowdAct != nil && group < 5 && !hasCueNear(s, cues, crowdAct, sigPlan, sigThreat) && !(n == 0 && fewNamed(s)) {
		// 大量业主聚集, 现场聚集许多村民.
		group = 5
	}
	crowd := ""
	if n == 0 && group < 5 && !rd.statistics {
		// 多名甘肃籍农民工找公司索要工资, 李某和一群农民工来到监察大队投诉:
		// an unnumbered crowd that demands or comes is a group of five.
		if crowd = crowdDemands(s[:rd.replyAt]); crowd != "" {
			group = 5
		}
	}
	if collective != nil && group < 5 {
		group = 5 // a collective visit is 5 people or more by definition
	}
	if act == nil && collective == nil && group >= 5 && groupWentToOffice(s[:rd.replyAt], unit == "户") {
		// 农民工们多次到劳动保障部门、信访部门反映: the group went.
		collective = &riskCue{kind: sigCollective, term: "集体来访"}
	}
	if act == nil && collective == nil && f.visitCount >= 5 && group >= 5 {
		// 等6人到旗信访局反映: 5 or more people coming in person is a
		// collective visit.
		collective = &riskCue{kind: sigCollective, term: "集体来访"}
	}
	who := countLabel
	if who == "" && n > 0 {
		who = fmt.Sprintf("%d%s", n, unit)
	}
	if who == "" {
		who = crowd
	}
	var (
		level   = xinfang.RiskLow
		score   = 10
		reasons []string
	)
	add := func(r string) {
		if r != "" && !slices.Contains(reasons, r) {
			reasons = append(reasons, r)
		}
	}
	actTerm := func(c *riskCue) string {
		if c == nil {
			return ""
		}
		return label(c.term)
	}
	switch {
	case group >= 5 && (act != nil && !smallActors(s, act) || collective != nil):
		level, score = xinfang.RiskHigh, 75
		t := actTerm(collective)
		if t == "" {
			t = actTerm(act)
		}
		if threat != nil && act != nil && threat.start < act.start {
			t = threat.term + actTerm(act)
		}
		// Quote the group and its act as written when one stretch of a
		// sentence holds both: 8名工人到盟信访局, 六十多户去北京.
		cue := collective
		if cue == nil || cue.end == 0 {
			cue = act
		}
		q := ""
		switch {
		case f.group > 0 && cue != nil && cue.start > f.groupStart:
			q = quote(orig, f.groupStart, cue.end)
		case f.group > 0 && cue == nil && collective != nil:
			// A group that came in person: its clause.
			q = quote(orig, f.groupStart, f.groupStart+len(clauseAfter(orig, f.groupStart, 20)))
		}
		switch {
		case q != "":
			add(q)
		case who != "":
			add(who + t)
		default:
			add(t)
		}
		if collective != nil && act != nil {
			add(actTerm(act))
		}
		score += 5 * min(group/30, 3)
	case group >= 5 && threat != nil && threat.kind != sigThreat && !smallActors(s, threat) && !countInCondition(s, f, threat):
		// 近千名业主…非要我们千人游行吗: a numbered group that says it will
		// act together under a condition.
		level, score = xinfang.RiskHigh, 72
		add(who)
		add(actTerm(threat))
	case group >= 30 && organise != nil:
		level, score = xinfang.RiskHigh, 72
		add(who)
		add(actTerm(organise))
		score += 5 * min(group/100, 3)
	}
	prior := ""
	if level != xinfang.RiskHigh && repeats < 2 && repeat == nil {
		prior = rd.prior
	}
	exclaimed := ""
	outcry := func() bool { // read only when nothing stronger decided
		if rd.kind == xinfang.KindPetition {
			exclaimed = exclaims(s[:rd.replyAt])
		}
		return exclaimed != ""
	}
	if level != xinfang.RiskHigh {
		switch {
		case act != nil || threat != nil:
			level, score = xinfang.RiskMedium, 55
			if threat != nil && act != nil && threat.start < act.start {
				add(threat.term + actTerm(act))
			} else if threat != nil {
				add(threat.term)
			} else {
				add(actTerm(act))
			}
		case organise != nil:
			level, score = xinfang.RiskMedium, 50
			add(actTerm(organise))
		case group >= 5 && (rd.kind == xinfang.KindPetition || containsAny(s, grievanceWords) && (!containsAny(s, caseHandling) || rulingDefied(s))):
			// A report's count is a group only when the report tells of a
			// grievance (not 4.7万户 moved into new flats).
			level, score = xinfang.RiskMedium, 45
			add(who)
		case repeats >= 2 || repeat != nil || anger != nil || prior != "":
			level, score = xinfang.RiskMedium, 42
		case outcry():
			level, score = xinfang.RiskMedium, 40
			add(exclaimed)
		}
		if level == xinfang.RiskMedium && group >= 5 {
			add(who)
			score += 5
		}
	}
	if organise != nil && level == xinfang.RiskHigh {
		add(actTerm(organise))
		score += 3
	}
	if repeats >= 2 {
		add(repeatLabel)
		score += min(repeats, 5)
	} else if repeat != nil {
		if repeat.term == "上访" {
			add("曾上访")
		} else if slices.Contains(selfRepeats, repeat.term) || strings.ContainsAny(repeat.term, "、,，") || containsAny(repeat.term, petitionVerbsInLabel) {
			add(repeat.term)
		} else {
			add(repeat.term + "反映")
		}
		score += 3
	} else if prior != "" {
		add(prior)
		score += 3
	}
	if anger != nil {
		add(anger.term)
		score += 4
	}
	if rd.resolution != "" && level == xinfang.RiskHigh && collective == nil && act != nil && hasCueNear(s, cues, act, sigPlan, sigThreat) {
		// Only planned (打算堵门), then settled: nothing took place.
		level = xinfang.RiskMedium
	}
	if (rd.resolution != "" || rd.statistics) && level != xinfang.RiskHigh {
		// Reported settled (or a report of a period's work), and no group
		// acted: the signs of the story are history, or many people's.
		level, score, reasons = xinfang.RiskLow, 10, nil
	}
	if level == xinfang.RiskLow {
		if n > 0 {
			score += min(n, 8) * 3
		}
		score = min(score, 35)
	}
	if level == xinfang.RiskMedium {
		score = min(score, 69)
	}
	score = min(score, 100)
	if reasons == nil {
		reasons = []string{}
	}
	return xinfang.Risk{Level: level, Score: score, Reasons: reasons}
}

// surroundedPeople are the people a crowd may surround (把负责人围起来).
var surroundedPeople = []string{"人", "负责", "老板", "经理", "领导", "干部", "他", "她", "们", "长", "书记", "主任", "开发商", "包工头", "工头", "司机", "警"}

// pastimes near a gathering make it people at leisure.
var pastimes = append(slices.Clip(leisureWords), "晨练", "晨运", "跳舞", "起舞", "广场舞", "打太极", "太极拳", "健身", "锻炼",
	"观看", "围观", "看热闹", "看演出", "表演", "唱歌", "唱戏", "打牌", "下棋", "跳广场舞", "小商贩", "摆摊",
	"调研", "宣传", "义诊", "咨询台", "开展")

// fewActors name fewer than five people as the ones who act.
var fewActors = []string{"一人", "二人", "两人", "俩人", "三人", "四人", "两名", "二名", "三名", "四名", "两个人", "三个人", "四个人",
	"2人", "3人", "4人", "2名", "3名", "4名", "两男子", "两位", "三位", "夫妻", "夫妇", "父子", "母子", "兄弟俩", "姐妹俩",
	"一名男子", "一名女子", "一名工人", "一名农民工", "一名包工头", "一名工头", "一男子", "一女子", "几个人", "几个工人", "几个业主", "几个村民", "几个农民工", "几名", "几位"}

// fewNamed reports a text that counts its people as fewer than five (几位装修
// 工人, 两名村民): a few, then up to four characters, then the noun.
func fewNamed(s string) bool {
	return anyOccurrence(s, fewActors, func(start, end int) bool {
		if numeralBefore(s[:start]) {
			return false // 14人 is not 4人
		}
		nouns := []string{"工人", "农民工", "民工", "业主", "村民", "居民", "牧民", "职工", "员工"}
		if _, ok := hasAnySuffix(s[start:end], nouns); ok {
			return true // 几个工人, 几个村民: the noun is in the word
		}
		return containsAny(clauseAfter(s, end, 6), nouns)
	})
}

// smallActors reports an act whose own clause names fewer than five actors
// (心情郁闷的二人突然爬上铁塔): the larger group of the text did not act.
func smallActors(s string, act *riskCue) bool {
	pre := sentenceBefore(s, act.start, 14)
	// 几个坐在售楼处一角的人: a few, right before what they do.
	if _, ok := hasAnySuffix(pre, []string{"几个", "几名", "几位"}); ok && !strings.HasSuffix(pre, "十几个") && !strings.HasSuffix(pre, "十几名") {
		return true
	}
	// 一名牧民在旗政府门口拉横幅: one or a few of any people.
	b := cjk.BytesOf(pre)
	for _, w := range fewNumerals {
		if !b.MayHold(w) {
			continue
		}
		if i := cjk.Index(pre, w); i >= 0 && !numeralBefore(pre[:i]) {
			if _, ok := hasAnyPrefix(pre[i+len(w):], peopleNouns); ok {
				return true
			}
		}
	}
	for _, w := range fewActors {
		if !b.MayHold(w) {
			continue
		}
		i := cjk.Index(pre, w)
		if i < 0 {
			continue
		}
		// 二十二名 is not 二名; 2人带领民工13人: the leaders of a group.
		if numeralBefore(s[:act.start-len(pre)+i]) {
			continue
		}
		if rest := pre[i+len(w):]; strings.HasPrefix(rest, "带领") || strings.HasPrefix(rest, "带着") || strings.HasPrefix(rest, "组织") {
			continue
		}
		return true
	}
	// 还有人出言不逊，堵门要账: someone, of a group counted elsewhere.
	if someone(sentenceBefore(s, act.start, 14)) {
		return true
	}
	// 塔吊上坐着一名男子: the one who acts named after the act.
	post := clauseAfter(s, act.end, 8)
	for _, w := range fewActors {
		if i := cjk.Index(post, w); i >= 0 {
			if numeralBefore(post[:i]) {
				continue
			}
			return true
		}
	}
	return false
}

// lastRune returns the last rune of s (utf8.RuneError for none).
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// someone reports the stretch of a sentence before an act whose actor is
// someone unnamed and uncounted: 有人, 个别人, 少数人; not 所有人
// or 没有人.
func someone(pre string) bool {
	for _, w := range []string{"有人", "个别人", "少数人"} {
		i := strings.LastIndex(pre, w)
		if i < 0 {
			continue
		}
		if w == "有人" && containsAny(before(pre, i, 1), []string{"所", "没", "沒", "无", "無", "人"}) {
			continue
		}
		// 有人带着200多名工人: the crowd is counted after.
		// 有人报警，村民们堵住路口: others act after.
		if containsAny(pre[i+len(w):], []string{"带领", "带着", "组织", "召集", "名", "位", "户", "多人", "余人", "们", "大家", "村民", "工人", "业主", "居民", "群众", "职工"}) {
			continue
		}
		return true
	}
	return false
}

// grievanceWords in a report's sentence say its people have a grievance.
var grievanceWords = []string{"忿忿", "愤愤", "没结", "未结清", "没有结清", "没结清", "未结算", "不给结算", "不予支付", "拒绝搬迁", "不同意", "拖欠", "欠薪", "讨薪", "讨要", "追讨", "索要", "迟迟", "至今未", "至今没", "没有拿到", "拿不到", "未发放",
	"未兑现", "不满", "反映", "投诉", "诉求", "维权", "上访", "信访", "争议", "纠纷", "被欠", "未交付", "不能入住", "无法入住", "停工",
	"烂尾", "噪音", "噪声", "扰民", "遥遥无期", "焦急", "焦躁", "盼", "苦不堪言", "没有着落", "延期", "逾期", "推迟",
	"仍未", "未能拿到", "没能拿到", "未能住上", "没能住上", "未能回迁", "没能回迁", "未能兑现", "未能交付", "没能交付", "未能结清", "未能支付", "未能发放", "一直未", "难回迁", "等待回迁", "等待安置", "未住上", "住不上", "没拿到", "未拿到", "未收到", "一拖再拖",
	"没有领到", "没领到", "未领到", "没有得到", "未得到", "一直没", "一分钱", "未到账", "没到账", "不到位", "讨说法",
	"拒绝搬迁", "拒绝拆迁", "不肯搬", "不愿搬迁", "领不上", "领不到", "无法领取", "无法按时领取", "没有领取", "没解决", "没有解决", "未解决", "不落实", "未落实", "没落实", "没有落实"}

// defiedRulings say a judgment or an order is not obeyed: the case is the
// grievance still (法院判决后公司置之不理).
var defiedRulings = []string{"置之不理", "拒不执行", "拒不履行", "不予理睬", "不予执行", "仍未执行", "至今未执行", "未履行", "胜诉", "仍未解决", "没有执行"}

// rulingDefied reports a ruling not obeyed, told as a fact: 对拒不履行的，
// 将申请强制执行 is a rule of what will be done, not a defiance.
func rulingDefied(s string) bool {
	return anyOccurrence(s, defiedRulings, func(start, end int) bool {
		return !strings.HasSuffix(clauseAfter(s, end, 12), "的") && before(s, start, 1) != "对"
	})
}

// caseHandling words mark a report of a case the authorities are handling
// (a court's judgment or enforcement, a referral to the police, a published
// list of violators): the people it names are a case's parties, not a group
// that may act.
var caseHandling = []string{"判处", "有期徒刑", "拘役", "判决", "移送公安", "移送至公安", "立案侦查", "拒不支付劳动报酬罪", "犯罪嫌疑人", "被告人",
	"申请执行", "强制执行", "执行干警", "执行法官", "执行局", "执行款", "违法行为", "失信"}

// quote returns s[from:to] when it is one stretch of a sentence of at most
// 32 characters: a cue as written, with its actor.
func quote(s string, from, to int) string {
	if from < 0 || to <= from || to > len(s) {
		return ""
	}
	span := s[from:to]
	if strings.ContainsAny(span, "。！？!?\n；;") || utf8.RuneCountInString(span) > 32 {
		return ""
	}
	return span
}

// exclaims reports an exclamation that is not a courtesy (谢谢！, 您好！): in
// petitions it marks anger.
//
// Real posts use ！ freely, so one is not enough: it takes a doubled mark
// (！！, ？！), an accusation in its sentence (开发商就是骗子！) or
// exclamations in many sentences (five: three are a plain complaint's
// emphasis). It returns the outcry as written (its clause and its marks,
// 否则无法生活!!) for the reasons, "" when there is none.
func exclaims(s string) string {
	n, first := 0, ""
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "!！")
		if j < 0 {
			break
		}
		j += i
		_, w := utf8.DecodeRuneInString(s[j:])
		if !containsAny(before(s, j, 3), []string{"谢谢", "您好", "你好", "敬礼", "好", "感谢", "辛苦了", "帮帮", "拜托"}) {
			n++
			end := j
			for {
				r, w2 := utf8.DecodeRuneInString(s[end:])
				if w2 == 0 || !strings.ContainsRune("!！?？", r) {
					break
				}
				end += w2
			}
			quote := clauseBefore(s, j, 12) + s[j:end]
			if first == "" {
				first = quote
			}
			prev, next := before(s, j, 1), s[j+w:]
			sb := sentenceBefore(s, j, 40)
			doubled := strings.HasPrefix(next, "!") || strings.HasPrefix(next, "！") || prev == "?" || prev == "？" || prev == "!" || prev == "！"
			// 发放工资让我们回家吧!!, 有关部门可以介入处理!!: a plea or a
			// request, however loud, accuses no one.
			plea := strings.HasSuffix(strings.TrimRight(sb, "?？!！"), "吧") || containsAny(sb, pleaWords)
			if accused := containsAny(sb, accusations); accused || doubled && !plea {
				return quote
			}
			i = max(end, j+w) // a run of marks is one outcry
			continue
		}
		i = j + w
	}
	if n >= 5 {
		return first
	}
	return rhetorical(s)
}

// pleaWords in an exclaimed sentence make it a plea or a request.
var pleaWords = []string{"希望", "恳请", "请求", "请", "可以", "能否", "麻烦", "建议", "帮忙", "尽快", "早日"}

// rhetorical returns a question that reproaches those in charge, as
// written, or "": a 难道…? put to officials (难道领导都是关系户, 你们难道没考虑
// 过…吗?), or a run of question marks (为什么就不给呢??).
func rhetorical(s string) string {
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "?？")
		if j < 0 {
			return ""
		}
		j += i
		_, w := utf8.DecodeRuneInString(s[j:])
		q := sentenceBefore(s, j, 40)
		next := s[j+w:]
		// ????本人为…: a page's broken indentation, not a question.
		if pre := clauseBefore(s, j, 12); (strings.HasPrefix(next, "?") || strings.HasPrefix(next, "？")) && pre != "" {
			return pre + "??"
		}
		if k := cjk.Index(q, "难道"); k >= 0 {
			// The sentence before may name whom it is put to: 领导干部怎么啦?难道就看不到吗?
			ctx := sentenceBefore(s, j-len(q), 30) + q
			if containsAny(ctx, reproached) {
				return q[k:] + s[j:j+w]
			}
		}
		i = j + w
	}
	return ""
}

// reproached name those a rhetorical question is put to.
var reproached = []string{"领导", "干部", "政府", "你们", "官", "老百姓", "百姓", "国家", "部门", "没人管", "欺负"}

// accusations in an exclaimed sentence make it anger.
var accusations = []string{"骗", "逼我们", "逼得", "耍我们", "欺负", "凭什么", "还有没有", "黑心", "无良", "坑", "害得", "忽悠", "扯皮", "糊弄", "不作为",
	"不顾", "死活", "剥削", "天理", "王法", "欺人"}

// hasCueNear reports whether a cue of one of kinds occurs in the same
// sentence before c, or just after it.
func hasCueNear(s string, cues []riskCue, c *riskCue, kinds ...signal) bool {
	for i := range cues {
		o := &cues[i]
		if !slices.Contains(kinds, o.kind) || o == c {
			continue
		}
		if o.end <= c.start && !strings.ContainsAny(s[o.end:c.start], "。！？!?\n") && c.start-o.end <= 30*bytesPerChar {
			return true
		}
	}
	return false
}

// RaiseForRecurrence raises the risk of a text whose issue keeps coming
// back: count is how many records share its cluster (the same respondent and
// category). From 3 records the level goes up one step (low → medium,
// medium → high); from 8 it is at least high. The score moves into the new
// level's band and a reason such as "同一问题第5次出现" is added. Counts below 3
// return r unchanged. The index calls this after clustering.
func RaiseForRecurrence(r xinfang.Risk, count int) xinfang.Risk {
	if count < 3 {
		return r
	}
	out := xinfang.Risk{Level: r.Level, Score: r.Score, Reasons: slices.Clone(r.Reasons)}
	switch {
	case count >= 8:
		out.Level = xinfang.RiskHigh
	case r.Level == xinfang.RiskLow || r.Level == "":
		out.Level = xinfang.RiskMedium
	case r.Level == xinfang.RiskMedium:
		out.Level = xinfang.RiskHigh
	}
	switch out.Level {
	case xinfang.RiskMedium:
		out.Score = max(out.Score, 45)
	case xinfang.RiskHigh:
		out.Score = max(out.Score, 72)
	}
	out.Score = min(out.Score+min(count, 10), 100)
	if out.Reasons == nil {
		out.Reasons = []string{}
	}
	out.Reasons = append(out.Reasons, fmt.Sprintf("同一问题第%d次出现", count))
	return out
}

// officeSuffixes end the name of an office people take a matter to.
var officeSuffixes = []string{"局", "队", "办", "政府", "部门", "中心", "委", "所", "院", "站", "热线", "法院", "检察院", "环保", "检察", "乡镇", "街道"}

// roundVerbs after a list of offices say the matter was taken there.
var roundVerbs = []string{"维权", "反映", "反应", "投诉", "求助", "讨要", "讨薪", "上访", "信访", "举报", "申诉", "讨说法", "要说法", "讨个说法", "追讨", "索要"}

// unanswered returns where the petitioners say they have been waiting for
// an answer all along (一直得不到正面的答复, 始终没有得到回复): they asked
// before. "" for none.
func unanswered(s string) string {
	q := ""
	anyOccurrence(s, []string{"得不到", "没有得到", "未得到", "没得到", "未能得到"}, func(start, end int) bool {
		pre := before(s, start, 2)
		if !containsAny(pre, []string{"一直", "始终", "迟迟", "总是", "仍然", "一再"}) {
			return false
		}
		after := clauseAfter(s, end, 8)
		for _, w := range []string{"答复", "回复", "回应", "答覆", "回覆"} {
			if e := cjk.Index(after, w); e >= 0 {
				q = quote(s, start-len(pre), end+e+len(w))
				return true
			}
		}
		return false
	})
	return q
}

// levels are the tiers of government a matter climbs (镇、区、市、省).
var levels = []string{"自治区", "镇里", "乡里", "县里", "区里", "旗里", "市里", "盟里", "省里", "苏木", "镇", "乡", "县", "区", "旗", "市", "盟", "省", "北京", "中央"}

// levelRounds returns the tiers of government the petitioners went
// through, three or more in a row (到镇,区,市,省等相关部门上访, 县里、市里、
// 省里都去过), "" for none.
func levelRounds(s string) string {
	for i := 0; i < len(s); {
		k := cjk.Index(s[i:], "市")
		if k < 0 {
			return ""
		}
		k += i
		// Walk back to the first tier of the run, then forward over it.
		start := k
		for {
			p := start
			for _, sep := range []string{"、", ",", "，", "到"} {
				if strings.HasSuffix(s[:p], sep) {
					p -= len(sep)
					break
				}
			}
			if p == start {
				break
			}
			lv := ""
			for _, l := range levels {
				if strings.HasSuffix(s[:p], l) {
					lv = l
					break
				}
			}
			if lv == "" {
				break
			}
			start = p - len(lv)
		}
		n, pos := 0, start
		for {
			l, ok := hasAnyPrefix(s[pos:], levels)
			if !ok {
				break
			}
			n++
			pos += len(l)
			sep, ok := hasAnyPrefix(s[pos:], []string{"、", ",", "，", "到"})
			if !ok {
				break
			}
			if _, next := hasAnyPrefix(s[pos+len(sep):], levels); !next {
				break
			}
			pos += len(sep)
		}
		i = max(pos, k+len("市"))
		if n < 3 {
			continue
		}
		// 市、区、县三级政府: the tiers named, not climbed; 在市、区两级:
		// fewer than three.
		after := clauseAfter(s, pos, 12)
		if _, ok := hasAnyPrefix(after, []string{"三级", "四级", "各级", "两级", "级"}); ok {
			continue
		}
		if containsAny(after, roundVerbs) || containsAny(after, []string{"都去过", "都跑过", "都找过", "跑遍", "找遍"}) {
			if before := clauseBefore(s, start, 6); containsAny(before, []string{"到", "去", "找", "向", "跑", "从"}) || cjk.Contains(after, "都") {
				return quote(s, start, pos+len(after))
			}
		}
	}
	return ""
}

// officeRounds returns a list of three or more offices the petitioners took
// the matter to (在执法队、信访局、镇政府等部门维权), "" when there is none:
// going round the offices is petitioning again and again. A notice's list
// (可向…反映) and offices acting together (联合人社局、住建局…开展) are not.
func officeRounds(s string) string {
	type item struct{ start, end int }
	for i := 0; i < len(s); {
		k := cjk.Index(s[i:], "、")
		if k < 0 {
			return ""
		}
		k += i
		// The items of the list this 、 belongs to.
		first := k - len(clauseBefore(s, k, 40))
		items := []item{{first, k}}
		pos := k + len("、")
		for {
			c := clauseAfter(s, pos, 40)
			items = append(items, item{pos, pos + len(c)})
			pos += len(c)
			if !strings.HasPrefix(s[pos:], "、") {
				break
			}
			pos += len("、")
		}
		i = pos
		// The longest run of office names; the run's first item may have
		// words before its office (…在某县执法队), its last a verb after
		// it (信访局反映, 镇政府等部门维权).
		run, runStart := 0, 0
		for j, it := range items {
			name := officeName(s[it.start:it.end])
			office := false
			if _, ok := hasAnySuffix(name, officeSuffixes); ok {
				office = true
			} else if run >= 2 {
				// the verb right after the last office: 信访局反映
				for _, suf := range officeSuffixes {
					if e := cjk.Index(name, suf); e > 0 && containsAny(name[e:], roundVerbs) {
						office = true
						break
					}
				}
			}
			if !office {
				run = 0
				continue
			}
			if run == 0 {
				runStart = j
			}
			run++
			if run < 3 || j+1 < len(items) && j+1-runStart < len(items) && isOfficeItem(s, items[j+1].start, items[j+1].end) {
				continue
			}
			last := items[j]
			tail := s[last.start:last.end] + clauseAfter(s, last.end, 0)
			f := items[runStart]
			pre := clauseBefore(s, f.start, 12) + s[f.start:f.end]
			if containsAny(tail, roundVerbs) && !containsAny(pre, []string{"可", "请", "应当", "联合", "会同", "协调", "牵头", "组织", "成立", "抽调", "督促"}) {
				// Quote from the verb before the first office (到, 在, 向).
				from := f.start
				for _, v := range []string{"向", "到", "在", "去", "找"} {
					if e := strings.LastIndex(s[f.start:f.end], v); e >= 0 && f.start+e > from {
						from = f.start + e
					}
				}
				if q := quote(s, from, last.end); q != "" {
					return q
				}
				return "多方反映"
			}
		}
	}
	return ""
}

// isOfficeItem reports a list item that names an office.
func isOfficeItem(s string, start, end int) bool {
	_, ok := hasAnySuffix(officeName(s[start:end]), officeSuffixes)
	return ok
}

// yearsDemands are the verbs of pressing a claim that a span of years may
// come before: 八年讨要工程款, 三年讨薪路, 十年上访.
var yearsDemands = []string{"讨要", "讨薪", "追讨", "上访", "信访", "维权", "讨债", "要账", "讨说法", "奔波"}

// yearsThenDemand returns a span of years told before a demand (施工商八年
// 讨要工程款和农民工工资), "" when there is none. A year of the calendar
// (2019年讨薪), 去年 and 今年 are no span.
func yearsThenDemand(s string) string {
	for i := 0; ; {
		j := cjk.Index(s[i:], "年")
		if j < 0 {
			return ""
		}
		j += i
		i = j + len("年")
		rest := s[i:]
		for _, lead := range []string{"来", "间", "里", "的", "多"} {
			rest = strings.TrimPrefix(rest, lead)
		}
		if _, ok := hasAnyPrefix(rest, yearsDemands); !ok {
			continue
		}
		num := before(s, j, 6)
		k := len(num)
		for k > 0 {
			r, w := utf8.DecodeLastRuneInString(num[:k])
			if !strings.ContainsRune("0123456789一二两三四五六七八九十几多数", r) {
				break
			}
			k -= w
		}
		n := num[k:]
		if n == "" || n == "多" || utf8.RuneCountInString(n) > 3 || strings.ContainsAny(n, "0123456789") && len(n) >= 4 {
			continue
		}
		return quote(s, j-len(n), i+len(clauseAfter(s, i, 6)))
	}
}

// officeName cuts the 等 that closes a list item (镇政府等部门维权 → 镇政府),
// not one inside it (李某等农民工在执法队).
func officeName(item string) string {
	if e := strings.LastIndex(item, "等"); e >= 0 && utf8.RuneCountInString(item[e:]) <= 8 {
		return item[:e]
	}
	return item
}

// yearsOfPetitioning returns a complaint said to have gone on for years
// (投诉近两三年迟迟得不到解决, 反映了三年), "" when there is none: petitioning
// kept up that long is repeated.
func yearsOfPetitioning(s string) string {
	if q := yearsThenDemand(s); q != "" {
		return q
	}
	for _, v := range []string{"投诉", "反映", "反应", "举报", "上访", "讨要", "讨薪", "追讨"} {
		for i := 0; ; {
			j := cjk.Index(s[i:], v)
			if j < 0 {
				break
			}
			j += i
			i = j + len(v)
			rest := clauseAfter(s, i, 7)
			for _, lead := range []string{"了", "近", "已", "快", "都", "有"} {
				rest = strings.TrimPrefix(rest, lead)
			}
			k := cjk.Index(rest, "年")
			if k <= 0 || utf8.RuneCountInString(rest[:k]) > 3 || cjk.Contains(rest[:k], "今") || cjk.Contains(rest[:k], "去") || cjk.Contains(rest[:k], "明") {
				continue
			}
			// 反映2023年…: a date, not a duration.
			if n := rest[:k]; strings.ContainsAny(n, "0123456789") && len(n) >= 4 {
				continue
			}
			if !strings.ContainsAny(rest[:k], "0123456789一二两三四五六七八九十几多") {
				continue
			}
			// 追讨4年来被业主多收的水电费: the years belong to what is
			// claimed back, not to the claiming.
			if strings.HasPrefix(strings.TrimPrefix(rest[k+len("年"):], "来"), "被") {
				continue
			}
			return quote(s, j, i+len(clauseAfter(s, i, 7)))
		}
	}
	return ""
}
