package nlp

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/cjk"
)

// This file reads a text as what it is: a citizen's petition (maybe with an
// office's reply appended) or a report (news, a court's or a petition
// office's bulletin). DOMAIN.md rates reports differently: statistics name
// people affected, not a group acting, and a case reported resolved is low
// unless a collective act took place.

// reportMarkers are the words of news and office reports. Each distinct
// marker found adds its weight to the report side of guessKind.
var reportMarkers = []struct {
	term   string
	weight int
}{
	{"本报讯", 4}, {"本网讯", 4}, {"网讯", 3}, {"本报", 3}, {"本网", 2}, {"记者", 5}, {"通讯员", 4}, {"采访", 2},
	{"据悉", 3}, {"据了解", 3}, {"获悉", 3}, {"日前", 2}, {"近日", 2}, {"连日来", 2}, {"今年以来", 3}, {"年以来", 2},
	{"截至", 2}, {"累计", 2}, {"共计", 1}, {"专项行动", 3}, {"专项治理", 3}, {"执行干警", 4}, {"执行法官", 4}, {"干警", 2},
	{"执行局", 3}, {"该院", 4}, {"我院", 4}, {"本院", 4}, {"我局", 3}, {"法院", 1}, {"申请执行人", 3}, {"被执行人", 3},
	{"执结", 3}, {"接访", 2}, {"接待群众", 3}, {"接待来访", 3}, {"批次", 2}, {"人次", 1}, {"切实维护", 3},
	{"合法权益", 1}, {"有力维护", 3}, {"扎实推进", 3}, {"持续推进", 3}, {"深入开展", 3}, {"开展", 1}, {"工作人员", 1},
	{"根治欠薪", 2}, {"追回", 1}, {"讨回", 1}, {"帮助", 1}, {"挽回", 2}, {"兑付", 1}, {"化解", 2}, {"息诉罢访", 4},
	{"案结事了", 3}, {"握手言和", 3}, {"获得", 1}, {"送达", 2}, {"据介绍", 4}, {"介绍说", 3}, {"告诉记者", 4},
	{"表示", 1}, {"报道", 3}, {"消息", 1}, {"发布", 2}, {"通报", 3}, {"公告", 2}, {"信访工作", 3}, {"信访局", 1},
	{"人社局", 1}, {"人力资源和社会保障局", 2}, {"住建局", 1}, {"为民", 2}, {"群众满意", 3}, {"调处", 2}, {"督办", 1},
	{"联合", 1}, {"约谈", 2}, {"立案", 1}, {"先生", 2}, {"女士", 2}, {"老汉", 2}, {"大妈", 2}, {"大爷", 2},
	{"网友反映", 3}, {"有网友", 3}, {"市民反映", 3}, {"有市民", 3}, {"居民反映", 3}, {"业主反映", 2}, {"村民反映", 2},
	{"群众反映", 1}, {"向本报", 4}, {"向记者", 4}, {"岁的", 2}, {"家住", 2}, {"据他", 3}, {"据她", 3}, {"他说", 2},
	{"她说", 2}, {"他们", 1}, {"栏目", 3}, {"热线", 1}, {"调研", 2}, {"督查", 2}, {"原告", 2}, {"被告", 2}, {"判决", 1},
	{"抗议", 1}, {"工作组", 2}, {"有关部门", 1}, {"多名", 1}, {"一览表", 3}, {"情况", 1}, {"责令", 2}, {"处罚", 2},
	{"通告", 3}, {"公布", 2}, {"施行", 2}, {"解读", 3}, {"整治", 1}, {"部署", 2}, {"举行", 2}, {"仪式", 2}, {"多部门", 2},
	{"启动", 1}, {"督促", 1}, {"近期", 1}, {"当天", 1}, {"上午", 1}, {"下午", 1}, {"随即", 2}, {"此前", 2}, {"日前", 2},
	{"居民反映", 3}, {"陆续", 1}, {"据统计", 4}, {"同比", 3}, {"占比", 3},
	// A hotline's or a market's figures: 共受理诉求284406件, 办结率, 均价.
	{"工作方案", 3}, {"有关要求", 2}, {"专项整治", 3},
	{"共受理", 3}, {"办结率", 3}, {"满意率", 3}, {"均价", 2}, {"成交量", 3}, {"共接到", 3}, {"工作人员介绍", 4},
	{"负责人介绍", 4}, {"负责人表示", 3},
	// A hotline's quarterly figures and a station's report: 运行情况分析报告,
	// 占诉求量的14.23%, 日均230个, 吉林电视台报道.
	{"分析报告", 4}, {"运行情况", 3}, {"季度", 2}, {"占诉求", 3}, {"日均", 2}, {"话务", 3}, {"转派", 2}, {"电视台", 3}, {"市民小", 2},
	// Marks of a news page or an explainer: a lead, a source line, an
	// editor, a lawyer's answer.
	{"导读", 5}, {"摘要", 3}, {"编者按", 5}, {"原标题", 4}, {"责任编辑", 5}, {"来源：", 3}, {"来源:", 3}, {"日电", 3},
	{"日讯", 3}, {"新闻", 2}, {"爆料", 3}, {"热帖", 3}, {"网帖", 3}, {"网上流传", 3}, {"法律解析", 5}, {"律师", 2},
	{"依据《", 2}, {"根据《", 1}, {"专家", 2},
	// An office's answer told in the third person, and a headline's
	// "某旗一工地".
	{"回应称", 3},
	// Speech reported (留言称, 反映称) and a notice's rules (原则上, 时间及地点).
	{"留言称", 3}, {"反映称", 3}, {"消息称", 3}, {"报道称", 3}, {"回复称", 3}, {"答复称", 3}, {"投诉称", 3}, {"来电称", 3}, {"发帖称", 3}, {"爆料称", 3}, {"来信称", 3},
	{"原则上", 2}, {"定于", 3}, {"携带", 2}, {"时间及地点", 4}, {"活动时间", 3}, {"欢迎来信", 3}, {"欢迎广大", 3},
	{"旗一", 2}, {"县一", 2}, {"盟一", 2},
	// A name changed to shield its bearer, and a reporter who went to see:
	// 王明（化名）, 记者进行了探访.
	{"化名", 4}, {"探访", 3}, {"走访发现", 3},
	// An office's tally of messages or inspections and a public list of
	// complaints: 共收到网民留言60件, 办理情况统计, 边督边改公开情况.
	{"共收到", 3}, {"办理情况", 3}, {"情况统计", 4}, {"均已办结", 3}, {"边督边改", 4}, {"公开情况", 3}, {"举报人", 2},
	{"共检查", 3}, {"共查处", 3}, {"立案查处", 2}, {"典型案例", 3},
	// A feature's or a forum reporter's voice: 小编走近才知道, 据知情人透露,
	// 爆出欠薪风波, 入户调查侧记, 向我们报社提供.
	{"小编", 5}, {"知情人", 3}, {"爆出", 2}, {"风波", 2}, {"侧记", 4}, {"纪实", 3}, {"报社", 3}, {"本刊", 4},
	// A station's reporter, a scene told (这是发生在…的一幕), a paper's
	// day; an office's own words for its work (包案, 积案, 初心使命).
	{"本台", 3}, {"本台记者", 4}, {"的一幕", 3}, {"昨日", 1}, {"包案", 3}, {"积案", 2}, {"初心使命", 3}, {"秉承", 2}, {"为民解难", 2},
	// A case written up (调解案例, 本院认为, 被告辩称), a meeting an office led
	// (牵头召开协调会), a villager quoted (一名村民说).
	{"案例", 2}, {"本院认为", 4}, {"辩称", 3}, {"协调会", 2}, {"牵头", 1}, {"一名村民", 2}, {"村民说", 2},
}

// petitionMarkers are the words of a citizen writing or calling in. The
// role words of petition records (来电人, 来访人) count most: 12345 and
// visit records speak of the petitioner in the third person.
var petitionMarkers = []struct {
	term   string
	weight int
}{
	{"本人", 4}, {"我家", 4}, {"吾", 3}, {"鄙人", 4}, {"我们", 3}, {"我", 2}, {"俺", 3}, {"咱们", 2}, {"尊敬的", 4}, {"领导您好", 4},
	{"领导你好", 4}, {"请求", 2}, {"恳请", 4}, {"希望", 1}, {"请问", 3}, {"帮帮", 3}, {"来电人", 8}, {"来信人", 8},
	{"来访人", 8}, {"诉求人", 8}, {"信访人", 4}, {"反映人", 6}, {"投诉人", 4}, {"举报人", 4}, {"来电反映", 6},
	{"来信反映", 5}, {"反映", 1}, {"麻烦", 2}, {"谢谢", 2}, {"?", 2}, {"？", 2}, {"!", 2},
	{"！", 2}, {"留言", 1}, {"诉称", 3}, {"请有关部门", 4}, {"请相关部门", 4}, {"希望有关部门", 4}, {"望有关部门", 4}, {"望相关部门", 4},
	{"希望相关部门", 4}, {"请政府", 4}, {"孩子", 1}, {"信件名称", 8}, {"提交时间", 6}, {"来信时间", 6}, {"投诉内容", 8},
	{"诉求内容", 8}, {"我要投诉", 8}, {"留言时间", 6}, {"留言内容", 8}, {"网友留言", 4}, {"来电时间", 6},
	// The fields of an office's record of one complaint: 交办问题基本情况:…
	// 调查核实情况:…
	{"交办问题", 8}, {"受理编号", 8}, {"问题描述", 8}, {"举报内容", 8}, {"来电内容", 8}, {"工单编号", 8}, {"污染类型", 8},
	// A greeting to the office or a letter to a paper: 政府，您好; 编辑同志.
	{"您好", 3}, {"你好", 2}, {"编辑同志", 8}, {"记者同志", 8},
	// The office addressed: 经你部门督促后, 贵单位.
	{"你部门", 4}, {"贵部门", 4}, {"你单位", 4}, {"贵单位", 4}, {"你们部门", 4},
}

// replyMarkers open an office's reply appended to a petition: what follows
// is the office speaking, so its 多次沟通 or 情绪 are not the petitioners'.
var replyMarkers = []string{"回复：", "回复:", "答复：", "答复:", "回复】", "答复】", "回复]", "回应：", "回应:", "回复内容", "答复内容", "回复人", "回复日期", "答复单位", "办理结果", "办理情况：", "处理结果",
	"网友您好", "网友你好", "尊敬的网友", "您好！您", "您好!您", "您好，您反映", "您反映的", "你反映的", "关于您反映",
	"针对您", "收到您的", "回复单位", "办理单位", "经核实", "经调查", "经查", "经了解", "答：", "答:"}

// inquiryOpeners open an office's finding; a report uses them too.
var inquiryOpeners = []string{"经核实", "经核查", "经调查", "经查", "经了解"}

// resolvedTerms say the matter was settled. They count when no negation or
// "not yet" precedes them in the clause.
var resolvedTerms = []string{"已全部发放", "全部发放到位", "已发放到位", "发放到位", "全部发放", "已全部支付", "全部支付",
	"已全部结清", "全部结清", "已结清", "已支付完毕", "支付完毕", "已追回", "全部追回", "成功追回", "追回了", "讨回了",
	"已兑付", "兑付到位", "全部兑付", "已足额", "拿到了", "领到了", "拿到工资", "拿到了工资", "如数返还", "如数支付",
	"如数发放", "全额支付", "全额发放", "兑现到位", "支付到位", "结算完毕", "已支付", "已兑现", "领到", "表示满意", "彻底解决", "兑现工资", "集中兑现", "拿到劳动报酬", "支付了", "协调解决了", "解决了", "调解成功", "成功调解", "化解成功", "拿到钱", "拿到了钱", "发放到每", "送到农民工手中", "发到农民工手中", "交到农民工手中", "当天兑付", "当场兑付", "兑付了", "完成交付", "完成拆迁安置", "顺利完成拆迁", "顺利搬迁", "领到钥匙", "领取钥匙", "顺利收房", "收房手续",
	"交付仪式", "达成约定", "达成一致", "追回", "讨回", "整改到位", "完成整改", "停业整改", "已停止", "送来锦旗", "送上锦旗", "赠送锦旗", "送锦旗",
	"领到工资", "领取了", "已领取", "执结", "执行完毕", "执行到位", "案结事了", "息诉罢访", "握手言和", "达成和解",
	"达成协议", "达成调解协议", "发放仪式", "拿到手", "终于拿到", "终于领到", "收到了全部", "全部收到", "足额收到", "当场支付", "执行回", "手中接过", "手中接到", "恢复正常供暖", "恢复供暖", "抢修完毕", "维修完毕", "修复完毕", "已修复", "现场支付", "当场发放", "现场发放", "已经解决", "已解决", "得到解决", "被解决", "获解决", "获得解决", "得到妥善解决", "妥善解决", "圆满解决", "问题解决", "已交房",
	"顺利交房", "顺利交付", "已交付", "达成了调解协议", "达成了协议", "达成了和解", "全部完成搬迁", "顺利完成搬迁", "全部完成房屋征收", "全部完成征收", "征收工作全部完成", "征收工作已全部完成", "全部完成拆迁", "拆迁工作全部完成", "已经交付", "已拿到", "已经拿到", "已停止施工", "已整改",
	"整改到位", "已停工", "已签订补偿协议", "已签约", "已化解", "成功化解", "追回欠薪", "追回工资",
	"讨回工资", "讨回欠薪", "已清偿", "清偿完毕", "已发放", "发放完毕", "拿到欠薪", "已到账",
	"垫付了", "已垫付", "成功发放", "顺利发放", "圆满的解决", "极速解决", "快速解决", "迅速化解", "快速化解", "全部打到", "打到工人卡上", "打到工人的卡上", "打入工人", "已打到", "发放执行款", "发放了执行款", "执行款发放", "兑付执行款", "领取执行款", "领到执行款", "基本解决", "获赔", "拿回来了", "要回来了", "拿回了", "要回了", "全额兑付", "付清了", "还清了", "已还清", "结清了", "垫付结清", "已付清", "全部付清", "已基本解决", "协议全部签订", "全部签订", "全部签约", "顺利拿到",
	"领款手续", "办理领款", "案款发放", "得到有效制止", "得到了有效制止", "得到有效解决", "得到了有效解决", "有效制止了",
	// Heating back on: 终于在11月3日让居民家里迎来温暖.
	"足额拿到", "足额领到", "领回了", "顺利领回", "如数到手", "全部到手", "落下帷幕", "画上句号", "画上了句号", "圆满的句号", "收到拖欠的", "收到被拖欠的", "收到了拖欠的", "解开了", "解开心结", "打开了心结", "妥善化解",
	"迎来温暖", "迎来了温暖", "盼来了温暖", "盼来了迟到的温暖", "实现了供暖", "已正常供暖", "暖气热了", "暖气终于热了",
	// Pay received or drawn: 亲友就收到了2.6万元的工程薪酬 (收到了 counts
	// only before money), 薪酬提前到账, 领完工资后.
	"收到了", "提前到账", "全部到账", "已经到账", "到账了", "领完工资", "领完了工资", "发完工资", "发完了工资",
	// 43人的都收到了, 就打到卡里了, 已全部兑现.
	"都收到了", "打到卡里", "打到了卡里", "打到卡上", "全部兑现", "已全部兑现"}

// promisedAhead reports a promise in pre with a 将 after it: 承诺…也将.
func promisedAhead(pre string) bool {
	for _, w := range []string{"承诺", "答应", "保证"} {
		if i := strings.LastIndex(pre, w); i >= 0 && cjk.Contains(pre[i+len(w):], "将") {
			return true
		}
	}
	return false
}

// moneyReceived are the words of pay or compensation that make a bare 收到了
// a payment received rather than a complaint or a reply received.
var moneyReceived = []string{"元", "工资", "薪", "工钱", "欠款", "补偿", "工程款", "劳动报酬", "血汗钱", "执行款", "赔偿"}

// fullPayment in the clause of a payment say it was whole (支付了所欠工人的
// 全部工资): a 但 after it then turns to something else, unless it denies
// the payment.
var fullPayment = []string{"全部", "全额", "足额", "所有", "全数", "如数"}

// contrastOnly reports whether the only words of partlyAfter in after are
// a bare contrast (，但 此行为也只能作为参考), which negates nothing.
func contrastOnly(after string) bool {
	for _, w := range partlyAfter {
		if !cjk.Contains(after, w) {
			continue
		}
		switch w {
		case ",但", "，但", "但是", "可是", "然而", "却":
			i := cjk.Index(after, w)
			if containsAny(clauseAfter(after, i+len(w), 16), []string{"没", "未", "不", "无法", "仍", "还"}) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// unresolvedBefore in the same clause undo a resolved term: 尚未全部发放,
// 至今没有拿到.
var unresolvedBefore = []string{"未", "没", "不", "尚未", "仍未", "还没", "至今", "无法", "难以", "能否", "何时", "要求",
	"希望", "盼", "亟待", "有待", "急需", "期待", "请求", "督促", "确保", "才能", "如何", "争取", "力争", "尽快", "早日", "能不能", "只", "才", "部分",
	"一部分", "第一批", "首批", "会", "可", "承诺", "仅仅", "保证", "要", "预计", "计划", "拟", "争取", "请", "帮助", "帮忙",
	"帮我", "协助", "申请", "能否", "怎么", "直到", "为了", "等到", "盼着", "只要", "是否", "以为", "总得", "想", "应该", "应当", "理应",
	// 别人都已结清, 只剩我们: others were paid.
	"别人", "其他人", "其他工人", "别的工人", "其余",
	// 想着能安稳拿到钱: a hope, not the outcome.
	"想着", "指望", "本想", "原想", "满以为",
	// 如果今天拿到钱，我就…: a condition.
	"如果", "假如", "倘若", "要是", "万一"}

// partlyAfter after a resolved term say only part was settled: 拿到了一半.
var partlyAfter = []string{"一部分", "部分", "一半", "剩余", "剩下", "还差", "仍有", "尚有", "还有", "其余", "少部分",
	// 领取了钥匙，可是无法入住; 领到500万元，被拖欠230万元.
	"可是", "但是", "却", "无法", ",被拖欠", ",仍拖欠", ",还拖欠", ",尚欠", ",还欠",
	// 每人领取了100元的生活费后，至今再没领到一分钱.
	"再没", "至今没", "至今未", "生活费", "第一批", "首批",
	// 企业支付了补偿款，然而村民并没有领到; 这笔钱是拿到了，但征地款没有拿到;
	// 邻村都拿到了征地款，为何我们拿不到.
	"然而", ",但", "，但", "说没", "没结清", "未结清", "否认", "不承认", "拿不到", "没有拿到", "没拿到", "未拿到", "没有领到", "没领到", "未领到", "并没有", "为何", "为什么"}

// measuredTally reports a figure named by its measure (开工数2980户, 竣工
// 数为2400户) in after: the list a count opens is a programme's tallies.
func measuredTally(after string) bool {
	for i := 0; ; {
		j := cjk.Index(after[i:], "数")
		if j < 0 {
			return false
		}
		k := i + j + len("数")
		rest := strings.TrimPrefix(strings.TrimPrefix(after[k:], "为"), "达")
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
		i = k
	}
}

// promiseQuoted reports a quotation still open at the end of pre whose
// speaker promised it (承诺：“到场后工资由公司打到工人卡上).
func promiseQuoted(pre string) bool {
	i := strings.LastIndex(pre, "“")
	if i < 0 || cjk.Contains(pre[i:], "”") {
		return false
	}
	return containsAny(before(pre, i, 6), []string{"承诺", "答应", "保证", "许诺", "表示将"})
}

// respondents are who owes the petitioners: their being paid settles
// nothing for them.
var respondents = []string{"包工头", "工头", "老板", "开发商", "总包", "分包", "项目部", "施工方", "建设方", "甲方", "承包人", "承包商"}

// stillOwed later in the sentence of a payment make it partial: 已支付6万多元，
// 用于…，还欠35万元.
var stillOwed = []string{"还欠", "尚欠", "仍欠", "仍拖欠", "还拖欠", "还差", "尚有", "仍有"}

// purchaseWords before a payment make it a buyer's payment: 以每平方米5500元的
// 价格购买了一套房，共支付了46万元.
var purchaseWords = []string{"购买", "购房", "买房", "买了", "首付", "房款", "价格", "定金", "租金", "贷款", "按揭"}

// promiseBefore in the sentence before a resolved term make it a promise,
// not a fact: 表示将督促用人单位，在端午节前后将工资发放到位.
var promiseBefore = []string{"表示将", "承诺将", "承诺在", "承诺于", "答应", "将于", "将在", "将督促", "有望", "预计", "计划于", "争取在", "力争在"}

// aggregateMarkers in a count's sentence make it a statistic over a period,
// a region or a campaign rather than a group at one place and time.
var aggregateMarkers = []string{"今年以来", "年以来", "月以来", "截至", "截止", "累计", "全年", "上半年", "下半年", "一季度",
	"二季度", "三季度", "四季度", "前三季度", "专项行动", "全市", "全区", "全盟", "全旗", "全县", "全省", "全自治区",
	"全国", "各地", "各盟市", "各旗县", "共计", "共为", "共帮助", "共追回", "先后为", "惠及", "受益", "挽回", "近年来", "近三年",
	"近五年", "同比", "环比", "全年", "据统计", "统计显示", "数据显示", "全州", "共查处", "共检查", "共排查",
	"共受理", "共办理", "共处理", "共化解", "共调处", "共签订", "共签约", "逐一排查", "排查发现", "检查发现"}

// periodMarkers name a period or a region a tally covers (not a sum:
// 共计).
var periodMarkers = []string{"今年以来", "年以来", "月以来", "全年", "上半年", "下半年", "一季度", "前三季度",
	"全市", "全区", "全盟", "全旗", "全县", "全省", "全自治区", "全国", "近年来", "近三年", "近五年", "据统计"}

// benefitVerbs after a count say the people were helped: 为3500余人追讨工资.
var benefitVerbs = []string{"追回", "讨回", "追讨", "追付", "追发", "清欠", "清偿", "兑付", "结清", "发放", "支付", "拿到", "领到", "解决",
	"挽回", "受益", "讨薪", "维权成功", "要回", "补发", "执行到位", "兑现"}

// lexClass is the role of a report-reading word in the analyzer's matcher.
type lexClass uint8

const (
	lexReport      lexClass = iota + 1 // a word of news and office reports
	lexPetition                        // a word of a citizen writing in
	lexReply                           // opens an office's reply
	lexResolved                        // the matter was settled
	lexPriorAnchor                     // a time before now: 之前, 去年 (priorPetition)
	lexPriorVerb                       // a petition verb: 反映, 拨打 (priorPetition)
	lexFruitless                       // petitioning led nowhere: 无果, 石沉大海 (priorPetition)
	lexReplyWord                       // an office's answer named: 回复, 答复 (priorPetition)
)

// lexWord is one report-reading pattern of the analyzer's matcher.
type lexWord struct {
	class  lexClass
	weight int
}

// maxLexWords bounds the report-reading patterns (a bit set of them is
// kept on the stack).
const maxLexWords = 768

// reportLexicon lists the report-reading patterns in matcher order.
func reportLexicon() ([]string, []lexWord) {
	var pats []string
	var words []lexWord
	for _, m := range reportMarkers {
		pats, words = append(pats, m.term), append(words, lexWord{lexReport, m.weight})
	}
	for _, m := range petitionMarkers {
		pats, words = append(pats, m.term), append(words, lexWord{lexPetition, m.weight})
	}
	for _, t := range replyMarkers {
		pats, words = append(pats, t), append(words, lexWord{class: lexReply})
	}
	for _, t := range resolvedTerms {
		pats, words = append(pats, t), append(words, lexWord{class: lexResolved})
	}
	pp, pw := priorLexicon()
	return append(pats, pp...), append(words, pw...)
}

// reading is what the report-reading words say about a text.
type reading struct {
	kind       string
	guessed    bool
	replyAt    int    // byte offset where an office's reply begins; len(text) if none
	resolution string // the words that report the matter resolved, "" if none
	resolvedAt int
	// statistics is set for a bulletin that reports a period's work: its
	// counts are statistics and its 反复反映 are many people's, not a group's.
	statistics bool
	// prior quotes the petitioner's earlier, fruitless petitioning
	// (priorPetition), "" if none.
	prior string
}

// read reads the kind of text (kind "" guesses it), where a reply begins
// and whether the matter is reported resolved, from the matches of the
// report-reading words (lex holds the matcher's matches of the lexicon,
// their pattern ids less lexBase).
func (a *Analyzer) read(s, kind string, lex []match) reading {
	rd := reading{kind: kind, replyAt: len(s), resolvedAt: -1}
	// A reply marker in the first 8 characters opens the text rather than
	// a reply. answerAt is where an office's answer is named as such
	// (回复：, 网友您好); 经核实 alone also opens a bulletin's second
	// paragraph.
	answerAt := len(s)
	// 一夜之间遍地垃圾无人清，当地回应：…: a headline quotes an answer; it
	// opens no reply.
	headline := strings.IndexByte(s, '\n')
	if headline > 48*bytesPerChar {
		headline = -1
	}
	for _, m := range lex {
		if a.lexWords[m.pat].class != lexReply || m.start < 8*bytesPerChar || m.start < headline {
			continue
		}
		// 多次反馈无处理结果, 至今没有答复: no reply is no reply.
		if containsAny(before(s, m.start, 2), []string{"无", "没", "未", "不", "没有"}) {
			continue
		}
		rd.replyAt = min(rd.replyAt, m.start)
		if m.start < answerAt && !slices.Contains(inquiryOpeners, s[m.start:m.end]) {
			answerAt = m.start
		}
	}
	if kind == "" {
		rd.guessed = true
		rd.kind = a.guessKind(s, lex, rd.replyAt, answerAt)
		if replyOpening(s) {
			// 网友您好！您反映的…: an office's answer to a petition is
			// the petition's record, told by the office.
			rd.kind, rd.replyAt = xinfang.KindPetition, 0
		}
	}
	if rd.kind != xinfang.KindPetition {
		rd.replyAt = len(s)
	}
	for _, m := range lex {
		if a.lexWords[m.pat].class != lexResolved || rd.resolvedAt >= 0 && m.start >= rd.resolvedAt {
			continue
		}
		// 仅支付了3万元: only part paid (仅用3天就调解 is speed, not part).
		// 没想到才反映几天，补偿款就收到了: surprise, not a negation.
		if pre := strings.ReplaceAll(clauseBefore(s, m.start, 8), "没想到", ""); containsAny(pre, unresolvedBefore) && !strings.HasSuffix(pre, "已") && !containsAny(pre, []string{"成功帮助", "成功为", "帮助下"}) || strings.HasSuffix(pre, "仅") {
			continue
		}
		// 法院迟迟不将民工的血汗钱执行到位: the negation stands before 将/把
		// and its object.
		if containsAny(clauseBefore(s, m.start, 24), []string{"不将", "不把", "未将", "未把", "没将", "没把", "没有将", "没有把", "迟迟不", "迟迟未", "拒不"}) {
			continue
		}
		// 将全部支付 will pay; 促使总承包方将拖欠的工资全部支付到位 is 把, done.
		if pre := clauseBefore(s, m.start, 8); cjk.Contains(before(s, m.start, 3), "将") && !containsAny(pre, []string{"终于", "已", "促使"}) {
			continue
		}
		// 现在他们的钱拿到手了吗？: a question.
		if post := clauseAfter(s, m.end, 3); strings.HasPrefix(post, "吗") || strings.HasPrefix(post, "？") || strings.HasPrefix(post, "?") || strings.HasPrefix(post, "了吗") ||
			strings.HasPrefix(post, "难") || strings.HasPrefix(post, "不了") {
			continue // 补偿问题解决难: hard to settle
		}
		// 有人想瞒着大伙跟开发商达成协议: a wish or a plan.
		if containsAny(clauseBefore(s, m.start, 12), []string{"想", "打算", "企图", "试图", "准备"}) && !strings.HasSuffix(clauseBefore(s, m.start, 2), "已") {
			continue
		}
		// 为妥善解决上访人诉求, 着力解决: an aim, not a result.
		if pre := clauseBefore(s, m.start, 8); strings.HasSuffix(pre, "为") && !strings.HasSuffix(pre, "已为") || strings.HasSuffix(pre, "着力") || strings.HasSuffix(pre, "旨在") {
			continue
		}
		if after := sentenceAfter(s, m.end, 16); containsAny(after, partlyAfter) && !(containsAny(clauseAfter(s, m.end, 14), fullPayment) && contrastOnly(after)) ||
			containsAny(sentenceAfter(s, m.end, 40), stillOwed) {
			continue
		}
		if s[m.start:m.end] == "收到了" && !containsAny(clauseAfter(s, m.end, 14), moneyReceived) {
			continue // 收到了投诉, 收到了回复
		}
		// 每户都收到了一份拆除通知书: a paper received, not money.
		if s[m.start:m.end] == "都收到了" && containsAny(clauseAfter(s, m.end, 28), []string{"通知", "告知", "短信", "回复", "答复", "材料", "文件", "传票", "投诉", "信"}) {
			continue
		}
		// 购房合同也拿到手了: a paper in hand, not the matter settled.
		if containsAny(clauseBefore(s, m.start, 6), []string{"合同", "收据", "票据", "证明", "判决书", "欠条", "字据", "通知", "调解书", "协议书"}) {
			continue
		}
		// 剩余部分在9月20日前发放完毕: a deadline ahead.
		if pre := clauseBefore(s, m.start, 14); containsAny(pre, []string{"之前", "底前", "节前"}) || cjk.Contains(pre, "在") && cjk.Contains(pre, "日前") {
			continue
		}
		if pre := sentenceBefore(s, m.start, 32); containsAny(pre, promiseBefore) && !strings.HasSuffix(pre, "已") && !strings.HasSuffix(pre, "已经") {
			continue
		}
		// 负责人承诺排除所有原因也将工资一分不少地发放到每个人手里: a promise
		// with a 将 after it is a payment ahead.
		if pre := sentenceBefore(s, m.start, 40); promisedAhead(pre) {
			continue
		}
		// 今年10月前完成交付: a deadline ahead.
		if strings.HasPrefix(s[m.start:], "完成") && strings.HasSuffix(clauseBefore(s, m.start, 8), "前") {
			continue
		}
		// 建筑集团说跟分包商结清了，分包商说没结清: a respondent's claim.
		if pre := clauseBefore(s, m.start, 14); containsAny(pre, []string{"说", "称", "声称", "号称", "口口声声"}) && officialActs(s, m.start) {
			continue
		}
		// 最初承诺：“…工资由公司打到工人卡上…”: a promise quoted.
		if promiseQuoted(sentenceBefore(s, m.start, 60)) {
			continue
		}
		// 管理团队都垫付了钱: a contractor's own outlay, not the workers' pay
		// advanced to them.
		if t := s[m.start:m.end]; cjk.Contains(t, "垫付") && !containsAny(clauseAfter(s, m.end, 12), []string{"工资", "薪", "工钱", "劳务费", "农民工", "工人", "劳动报酬", "补偿", "结清"}) && !containsAny(clauseBefore(s, m.start, 12), []string{"工资", "薪", "工钱", "农民工", "工人", "政府", "应急", "保证金"}) {
			continue
		}
		// 包工头早已拿到了全部工程款: the one who owes was paid, not the
		// petitioners.
		if t := s[m.start:m.end]; containsAny(t, []string{"拿到", "领到", "收到"}) && containsAny(clauseBefore(s, m.start, 12), respondents) {
			continue
		}
		// 物管公司又说，已经按时支付了款项: one side's word in a dispute.
		if containsAny(sentenceBefore(s, m.start, 16), []string{"又说", "却说", "则说", "却称", "则称", "坚称", "辩称", "声称", "一口咬定"}) {
			continue
		}
		// 在未与被拆迁户就补偿问题达成一致: an agreement not reached, told
		// with its parties between.
		if containsAny(clauseBefore(s, m.start, 24), []string{"未与", "没有与", "没与", "尚未与", "未能与", "不与"}) {
			continue
		}
		// 共支付了46万元 for a flat, 就承包内容达成一致并签订合同: a purchase
		// or a contract, not a grievance settled.
		if t := s[m.start:m.end]; cjk.Contains(t, "支付") && containsAny(sentenceBefore(s, m.start, 30), purchaseWords) ||
			t == "达成一致" && containsAny(sentenceAfter(s, m.end, 12), []string{"合同", "协议书"}) {
			continue
		}
		// A bare 追回/讨回 is a goal (向公司讨回35万) unless done: 已/终于/
		// 成功 before, 了 after, or a campaign's 为N人追回.
		if t := s[m.start:m.end]; (t == "追回" || t == "讨回") && !strings.HasPrefix(s[m.end:], "了") &&
			(!containsAny(before(s, m.start, 12), []string{"已", "终于", "成功", "为", "帮", "共", "累计", "全部", "如数"}) ||
				// 帮俺讨回血汗钱: a plea.
				containsAny(before(s, m.start, 4), []string{"帮俺", "帮我", "帮咱", "替我", "替俺", "给俺", "给我"})) {
			continue
		}
		// A 锦旗 thanks someone for a settled case, unless it mocks
		// (蜗牛进度工程): it counts with thanks in its sentence.
		if cjk.Contains(s[m.start:m.end], "锦旗") && !containsAny(sentenceBefore(s, m.start, 40)+sentenceAfter(s, m.end, 40), []string{"感谢", "致谢", "答谢", "谢意", "感激", "谢谢"}) {
			continue
		}
		// Prefer the longest term at the first place.
		if rd.resolvedAt == m.start && len(rd.resolution) >= m.end-m.start {
			continue
		}
		rd.resolution, rd.resolvedAt = s[m.start:m.end], m.start
	}
	return rd
}

// guessKind tells a report from a petition by the words each uses: each
// distinct word counts once. First-person words and questions count in the
// petitioner's part only (before replyAt) and outside quotation marks: a
// report quotes people, and a reply speaks to them.
func (a *Analyzer) guessKind(s string, lex []match, replyAt, answerAt int) string {
	quotes := quoteSpans(s)
	// 有村民留言称，…希望有关部门尽快兑现。: the rest of the sentence is
	// the post reported, spoken by someone else.
	for _, m := range lex {
		// 村民向记者反映了…，希望有关部门…: told to the reporter, so the
		// rest of the sentence is reported too.
		if w := a.lexWords[m.pat]; w.class == lexReport && (strings.HasSuffix(s[m.start:m.end], "称") || strings.HasPrefix(s[m.start:m.end], "向记者") || strings.HasPrefix(s[m.start:m.end], "向本报")) {
			quotes = mergeSpan(quotes, [2]int{m.end, m.end + len(sentenceAfter(s, m.end, 200))})
		}
	}
	titleEnd := strings.IndexByte(s, '\n')
	if titleEnd > 48*bytesPerChar {
		titleEnd = -1
	}
	var seen [maxLexWords / 64]uint64
	rep, pet := 0, 0
	voice := false // a petitioner speaks: 我, 本人, 来电人, a greeting
	lastPet := 0   // the end of the last petitioner's word counted
	for _, m := range lex {
		w := a.lexWords[m.pat]
		bit := uint64(1) << (m.pat % 64)
		if seen[m.pat/64]&bit != 0 {
			continue
		}
		switch w.class {
		case lexReport:
			// An office's reply appended to a petition speaks its own
			// language (经了解, 督促, 工作人员): the petition's kind is
			// read before it.
			if m.start >= answerAt {
				continue
			}
			// 我院子, 本院墙: a courtyard, not a court speaking.
			if t := s[m.start:m.end]; (t == "我院" || t == "本院") && containsAny(clauseAfter(s, m.end, 1), []string{"子", "墙", "落", "门", "里", "内"}) {
				continue
			}
			seen[m.pat/64] |= bit
			rep += w.weight
		case lexPetition:
			if m.start >= replyAt || inSpans(quotes, m.start) || !petitionVoice(s, m) || m.end <= lastPet {
				continue // 望有关部门 inside 希望有关部门 is one word
			}
			if m.end <= titleEnd && strings.ContainsAny(s[m.start:m.end], "?？!！") {
				continue // 相殘？, 鄰火大提告！: a headline's punctuation, which news uses as much
			}
			lastPet = m.end
			seen[m.pat/64] |= bit
			pet += w.weight
			voice = voice || w.weight >= 3 || cjk.Contains("我?？!！", s[m.start:m.end])
		}
	}
	if datedLead(s) {
		rep += 3 // 8月12日上午，…: a news lead
	}
	if attributedQuote(s) {
		rep += 3 // “…”一名瓦工说: a quotation its teller attributes
	}
	if lead := clauseAfter(s, 0, 30); strings.HasPrefix(lead, "据") && containsAny(lead, []string{"报道", "消息", "获悉", "介绍", "通报", "统计"}) {
		rep += 5 // 据中国之声报道: a source named first
	}
	if answerAt < len(s) && containsAny(s[answerAt:], []string{"您", "网友", "留言人", "来信人", "来电人"}) {
		// The office answers the writer (网友您好, 您反映的, 您家): a post
		// with its reply, even when a site's line introduces it.
		pet += 6
	} else if answerAt < len(s) && answerAt > 0 {
		// 高新区管委会回复：经查… on its own line after a short complaint:
		// the record of a petition with the office's answer appended.
		if line := strings.LastIndexByte(s[:answerAt], '\n'); line >= 0 && answerAt-line <= 24*bytesPerChar && line <= 300*bytesPerChar {
			pet += 4
		}
	}
	// A long text in which nobody speaks as a petitioner (no 我, no 来电人,
	// no request) is someone else's story: a report.
	// 编辑同志：… opens a letter to a paper (the text, or its body after a
	// title line), whatever the paper then tells.
	for _, start := range []int{0, strings.IndexByte(s, '\n') + 1} {
		if _, ok := hasAnyPrefix(strings.TrimLeft(s[start:], " "), []string{"编辑同志", "记者同志"}); ok {
			return xinfang.KindPetition
		}
	}
	// 督察群众信访举报边督边改公开情况一览表: an inspection team's table of
	// the complaints it passed on, given one or two at a time, is the
	// record of a citizen's complaint with its handling (a news story of a
	// batch, 交办第二批42件, names no table).
	if head := clauseAfter(s, 0, 60); cjk.Contains(head, "边督边改") && containsAny(head, []string{"一览表", "公示"}) && caseCodes(s) <= 2 {
		return xinfang.KindPetition
	}
	// Shares and tallies (占举报总量的52.3%, 居民日常服务1412件) are a report's
	// figures: a petitioner tells one matter, not a month's distribution.
	if pct := strings.Count(s, "%") + strings.Count(s, "％"); pct >= 2 {
		rep += 4
	}
	if strings.Count(s, "件") >= 3 && countIn(s, []string{"件,", "件，", "件、", "件;", "件。"}) {
		rep += 3
	}
	// A long text with no word of either side is told, not petitioned:
	// petitioners ask, exclaim or say 我.
	if rep == 0 && pet == 0 && len(s) > 200*bytesPerChar {
		return xinfang.KindBulletin
	}
	if rep > pet+2 || pet <= 2 && rep >= 4 || !voice && rep >= 1 && rep >= pet && len(s) > 150*bytesPerChar || pet == 0 && rep >= 2 {
		return xinfang.KindBulletin
	}
	return xinfang.KindPetition
}

// caseCodes counts the inspection case codes of s (D3GS202312210031,
// 2D2NM202203290012): a letter and a digit, two letters, twelve digits.
func caseCodes(s string) int {
	n := 0
	for i := 0; i+16 <= len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' || s[i+1] < '0' || s[i+1] > '9' || !isUpper(s[i+2]) || !isUpper(s[i+3]) {
			continue
		}
		j := i + 4
		for j < len(s) && j-i-4 < 12 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i-4 == 12 {
			n++
			i = j - 1
		}
	}
	return n
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// attributedQuote reports a quotation followed by who said it (“…”老周说,
// 」他无奈地表示): the way news quotes people. A petitioner who quotes
// names the speaker first (老板说：“没钱”); of the read passages, 137
// reports and 7 petitions have it.
func attributedQuote(s string) bool {
	for _, closer := range []string{"”", "」"} {
		for i := 0; ; {
			j := cjk.Index(s[i:], closer)
			if j < 0 {
				break
			}
			i += j + len(closer)
			tail := sentenceAfter(s, i, 12)
			if k := strings.IndexAny(tail, "“「"); k >= 0 {
				tail = tail[:k]
			}
			if containsAny(tail, []string{"说", "表示", "介绍", "告诉", "称", "坦言", "无奈地"}) {
				return true
			}
		}
	}
	return false
}

// petitionVoice reports whether a petitioner's word at m is the
// petitioner's voice: 来电人数 counts callers and 请来访人携带 instructs them
// (a notice), 我局 and 我市 are an office speaking, 让我们 exhorts (an
// editorial).
func petitionVoice(s string, m match) bool {
	w, rest := s[m.start:m.end], s[m.end:]
	switch {
	case strings.HasSuffix(w, "人"):
		if _, ok := hasAnyPrefix(rest, []string{"数", "员", "次", "须", "应当", "应该", "需要", "需", "必须"}); ok {
			return false
		}
		return !strings.HasSuffix(before(s, m.start, 1), "请")
	case w == "我":
		_, ok := hasAnyPrefix(rest, []string{"局", "院", "委", "办", "厅", "处", "科", "队", "所", "中心", "单位", "市", "县", "区", "旗", "省", "州", "盟", "镇", "乡", "街道", "国"})
		return !ok
	case w == "我们":
		return !strings.HasSuffix(before(s, m.start, 1), "让")
	}
	return true
}

// replyOpening reports a text that opens as an office's answer to a
// petitioner: 网友，您好！, 孙先生：, 尊敬的网友.
func replyOpening(s string) bool {
	head := s
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < 60*bytesPerChar {
		head = s[i+1:] // after a title line
	}
	head = strings.TrimLeft(head, " ")
	open := head[:min(len(head), 10*bytesPerChar)]
	// A petitioner greets too (尊敬的领导：您好！): only the office calls
	// the writer 网友.
	if strings.HasPrefix(head, "尊敬的网友") || strings.HasPrefix(head, "网友") && (cjk.Contains(open, "您好") || cjk.Contains(open, "你好")) {
		return true
	}
	// 来信收悉, 您好，信件收悉后…, 您反映的问题: the office answers the
	// writer.
	if first := sentenceAfter(head, 0, 20); cjk.Contains(first, "收悉") || strings.HasPrefix(strings.TrimPrefix(strings.TrimPrefix(head, "您好"), ","), "您反映") || strings.HasPrefix(head, "你反映") {
		return true
	}
	// 经核查，群众反映的问题位于…: the office's finding on a petition.
	if _, ok := hasAnyPrefix(head, inquiryOpeners); ok && cjk.Contains(clauseAfter(head, 0, 16)+sentenceAfter(head, 0, 16), "反映") {
		return true
	}
	if r := []rune(clauseAfter(head, 0, 6)); len(r) >= 3 && len(r) <= 5 && (strings.HasSuffix(string(r), "先生") || strings.HasSuffix(string(r), "女士")) {
		rest := head[len(string(r)):]
		return strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：")
	}
	return false
}

// datedLead reports a text (or its body, after a title line) that opens
// with a date, as news leads do: 8月12日上午，, 2024年3月5日，.
func datedLead(s string) bool {
	for _, start := range []int{0, strings.IndexByte(s, '\n') + 1} {
		if start < 0 || start >= len(s) {
			continue
		}
		head := clauseAfter(s, start, 14)
		if i := cjk.Index(head, "月"); i > 0 && i < 8*bytesPerChar && cjk.Contains(head[i:], "日") && !containsAny(head, []string{"我", "本人"}) {
			return true
		}
	}
	return false
}

// quoteSpans returns the byte ranges inside quotation marks (“…”, 「…」,
// "…"): in reports, other people speaking.
func quoteSpans(s string) [][2]int {
	var out [][2]int
	for _, q := range [][2]string{{"“", "”"}, {"「", "」"}, {"\"", "\""}} {
		// An excerpt that starts inside a quotation: its first closing
		// mark comes before any opening one, and what stands before it
		// (after a title line) was said by someone quoted.
		if q[0] != q[1] {
			if c := cjk.Index(s, q[1]); c >= 0 {
				if o := cjk.Index(s, q[0]); o < 0 || c < o {
					start := 0
					if nl := strings.IndexByte(s, '\n'); nl >= 0 && nl < c {
						start = nl + 1
					}
					out = append(out, [2]int{start, c})
				}
			}
		}
		if !cjk.Contains(s, q[0]) {
			continue
		}
		for i := 0; i < len(s); {
			j := cjk.Index(s[i:], q[0])
			if j < 0 {
				break
			}
			open := i + j + len(q[0])
			k := cjk.Index(s[open:], q[1])
			if k < 0 {
				out = append(out, [2]int{open, len(s)})
				break
			}
			out = append(out, [2]int{open, open + k})
			i = open + k + len(q[1])
		}
	}
	// Sorted and merged, so that inSpans can search them.
	return sortSpans(out)
}

// mergeSpan adds sp to spans, keeping them sorted and merged.
func mergeSpan(spans [][2]int, sp [2]int) [][2]int {
	return sortSpans(append(spans, sp))
}

// sortSpans sorts byte ranges and merges those that overlap.
func sortSpans(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(x, y [2]int) int { return x[0] - y[0] })
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// inSpans reports whether i lies in one of spans (sorted and merged by
// quoteSpans).
func inSpans(spans [][2]int, i int) bool {
	k := sort.Search(len(spans), func(k int) bool { return spans[k][0] > i })
	return k > 0 && i < spans[k-1][1]
}

// aggregateMarked reports an aggregate marker in pre, not counting a 截至
// that reaches only a day.
func aggregateMarked(pre string) bool {
	return anyOccurrence(pre, aggregateMarkers, func(start, end int) bool {
		m := pre[start:end]
		// 全年无休: every day of the year at work, not a year's tally.
		if m == "全年" && (strings.HasPrefix(pre[end:], "无休") || strings.HasPrefix(pre[end:], "不休") || strings.HasPrefix(pre[end:], "无假")) {
			return false
		}
		if debtTotal(m, pre[end:]) {
			return false
		}
		return (m != "截至" && m != "截止") || !dayOnly(pre[end:])
	})
}

// debtTotal reports a 累计 or 共计 that sums one debt (累计拖欠工资款项近11万元,
// 共计欠薪), or a 截至 that dates one (截至8月共欠…): the amount of the matter,
// not a period's tally.
func debtTotal(marker, after string) bool {
	if marker == "截至" || marker == "截止" {
		// 截至2020年8月共欠绩效工资…4.7亿元: one matter's debt to a date.
		return containsAny(clauseAfter(after, 0, 16), []string{"共欠", "尚欠", "仍欠", "累计拖欠", "共拖欠", "仍拖欠", "尚拖欠", "还欠"})
	}
	if marker != "累计" && marker != "共计" {
		return false
	}
	_, ok := hasAnyPrefix(after, []string{"拖欠", "欠", "被拖欠", "被欠", "未付", "未支付", "未发"})
	return ok
}

// dayOnly reports a 截至 that reaches only a day (截至昨天, 截至记者发稿时): a
// story's time, not a period of work.
func dayOnly(after string) bool {
	_, ok := hasAnyPrefix(after, []string{"昨天", "今天", "前天", "昨日", "今日", "发稿", "记者发稿", "当天", "当晚", "今晚", "昨晚"})
	return ok
}

// periodOpenings in the opening of a bulletin make it a report of
// statistics: 锡林郭勒盟上半年城乡建设领域信访事项分析.
var periodOpenings = []string{"上半年", "下半年", "今年以来", "年以来", "月以来", "截至", "截止", "前三季度", "一季度", "全年",
	"年度", "同比", "累计", "近年来", "近三年", "近五年", "专项行动", "黑名单", "失信名单", "违法行为名单"}

// statisticsReport reports whether the first sentence (title and lead)
// of a bulletin names a period with a figure after it.
func statisticsReport(s string) bool {
	end := len(s)
	for i, r := range s {
		if isSentenceEnd(r) && i > 30 {
			end = i
			break
		}
	}
	ext := end
	if end < len(s) && s[end] == '\n' {
		// A title line: the lead's first sentence goes with it.
		ext = len(s)
		for i, r := range s[end+1:] {
			if isSentenceEnd(r) {
				ext = end + 1 + i
				break
			}
		}
	}
	ext = min(ext, 160*bytesPerChar)
	first := s[:min(end, 120*bytesPerChar)]
	// 7月以来，派出所多次接到…警情: a period with no figure after it
	// opens a story, not a report of statistics.
	figureAfter := func(i int) bool { return i < ext && strings.ContainsAny(s[i:ext], "0123456789") }
	for _, p := range periodOpenings {
		if i := cjk.Index(first, p); i >= 0 && figureAfter(i+len(p)) && !dayOnly(first[i+len(p):]) && !(p == "全年" && !aggregateMarked(first[i:])) && !debtTotal(p, first[i+len(p):]) {
			return true
		}
		// 上半年，锡林郭勒盟信访系统受理…412件 after a title line.
		if ext > end && end+1 < len(s) {
			if i := cjk.Index(clauseAfter(s, end+1, 8), p); i >= 0 && figureAfter(end+1+i+len(p)) && !dayOnly(s[end+1+i+len(p):]) {
				return true
			}
		}
	}
	return false
}

// benefactive reports a count in a frame of help: 为3500余人追讨工资,
// 帮助86名农民工讨回.
func benefactive(s string, n number, unitEnd int) bool {
	near := before(s, n.start, 4)
	if !cjk.Contains(near, "为") && !cjk.Contains(near, "帮") {
		return false
	}
	after := clauseAfter(s, unitEnd, 14)
	// 帮助902农民工，追回了1078万元工资: the verb after a comma.
	if next, ok := clauseAfterComma(s, unitEnd+len(after), 8); ok && utf8.RuneCountInString(after) <= 2 {
		after += next
	}
	return containsAny(after, benefitVerbs)
}

// isAggregateCount reports whether the count at n (unit already read) is a
// statistic: a period or region marker in its sentence before it, or a
// benefactive frame (为/帮助 N 人 追回…).
func isAggregateCount(s string, n number, unitEnd int) bool {
	pre := sentenceBefore(s, n.start, 40)
	if aggregateMarked(pre) {
		return true
	}
	// 审批28347户，开工数25363户: a programme's tallies named by their
	// measure; 先后涌来了50多名农民工: people who came one after another.
	if near := before(s, n.start, 3); strings.HasSuffix(near, "数") || strings.HasSuffix(near, "数为") || strings.HasSuffix(near, "数达") || measuredTally(sentenceAfter(s, unitEnd, 30)) || cjk.Contains(clauseBefore(s, n.start, 8), "先后") && containsAny(clauseBefore(s, n.start, 8), []string{"来", "涌", "到", "赶", "求助", "接收", "接待", "接到"}) {
		return true
	}
	// 涉及近两万人口: the people a project or a place holds, counted as a
	// population.
	if rest := s[unitEnd:]; strings.HasPrefix(rest, "口") && strings.HasSuffix(s[:unitEnd], "人") && n.value >= 100 {
		if _, word := hasAnyPrefix(rest, []string{"口头", "口径", "口号", "口罩", "口述", "口子", "口袋", "口岸", "口音", "口气", "口吻"}); !word {
			return true
		}
	}
	// 130余名工人先后到劳动监察部门投诉: one after another, not together.
	if tail := clauseAfter(s, unitEnd, 8); oneAfterAnother(tail) && containsAny(tail, []string{"到", "来", "向", "找", "前往", "赶"}) {
		return true
	}
	// 接待来访1054批次，涉及农民工1754人: the people behind counted cases.
	if cjk.Contains(clauseBefore(s, n.start, 8), "涉及") && caseCount(pre) {
		return true
	}
	// 逾期未交付的项目共14个…涉及购房户3100余户: the buyers behind counted
	// projects.
	if cjk.Contains(clauseBeforeList(s, n.start, 8), "涉及") && cjk.Contains(pre, "项目") && countIn(pre, []string{"个项目", "个楼盘", "个小区", "个，", "个,", "个、"}) {
		return true
	}
	// 检查用人单位220家、涉及劳动者1.92万人: the workforce of the firms an
	// inspection went through.
	if cjk.Contains(clauseBeforeList(s, n.start, 8), "涉及") && containsAny(pre, []string{"检查", "排查", "巡查", "查处", "督查", "清查"}) && countIn(pre, []string{"家", "个", "户", "起", "件"}) {
		return true
	}
	return benefactive(s, n, unitEnd)
}

// officialActors are people and bodies whose acts and feelings are not the
// petitioners': 工作人员多次沟通, 领导情绪, 记者曝光.
var officialActors = []string{"负责", "领导", "干部", "工作人员", "书记", "局长", "主任", "镇长", "县长", "市长", "旗长", "区长",
	"乡长", "民警", "警察", "法警", "特警", "武警", "辅警", "法官", "干警", "工作组", "专班", "政府", "部门", "街道", "社区", "办事处", "我局", "我院",
	"该院", "法院", "人社", "住建", "信访局", "信访办", "执法", "开发商", "公司", "企业", "物业", "记者", "本报", "媒体",
	"电视台", "栏目", "调解员", "调解组", "调解委员会", "专案组", "工作队", "律师", "网格员", "单位", "委员会", "镇里", "村委", "党委", "监察", "检察", "主播", "网红",
	"博主", "施工方", "施工单位", "房东", "维保", "执行干警", "执行人员", "执行法官", "被执行人", "一把手",
	"被告", "被申请人", "被上诉人", "被投诉人", "被举报人", "被反映人"}

// petitionerActors are the people a risk cue is about.
var petitionerActors = []string{"工人", "农民工", "民工", "矿工", "业主", "村民", "群众", "居民", "市民", "网友", "家长", "租户", "消费者", "我们", "我", "大家", "职工",
	"牧民", "住户", "户主", "商户", "家属", "购房", "被征收", "拆迁户", "工友", "他们", "众人", "多人", "一行", "来访人",
	"上访人", "信访人", "申请人", "老百姓", "百姓", "人员", "他", "她"}

// officialActs reports whether the actor of what is said at byte i is an
// office, a company or a reporter rather than the people petitioning. The
// actor is the first person or body named in the clause (its subject), or
// in the sentence when the clause names none; an office named as a place
// (在住建局门口聚集) or as the object of a verb (找了物业好几次) is skipped.
func officialActs(s string, i int) bool {
	pre := clauseBeforeList(s, i, 14)
	// 村委办公楼被堵死, 大门被村民堵住: what comes before 被 is what was
	// done to; the doer, if named, comes after it.
	if strings.HasSuffix(pre, "被") {
		return false
	}
	if j := strings.LastIndex(pre, "被"); j >= 0 && utf8.RuneCountInString(pre[j:]) <= 5 {
		if off, ok := firstActor(pre[j+len("被"):]); ok && !off {
			return false
		}
	}
	// 矿工用铲车将…公司大门堵死: the doer stands before 把/将, and the
	// object after it (a company's gate) does not act.
	long := clauseBefore(s, i, 40)
	if j := disposalAt(long); j >= 0 {
		if off, ok := firstActor(long[:j]); ok {
			return off
		}
		off, _ := firstActor(sentenceBefore(s, i-len(long)+j, 24))
		return off
	}
	if off, ok := firstActor(pre); ok {
		return off
	}
	off, _ := firstActor(sentenceBefore(s, i, 24))
	return off
}

// disposalAt returns the byte index of the last 把 or 将 in clause that
// brings an object before its verb, -1 if none: 将近, 将要, 将于, 把握,
// 把关 are other words.
func disposalAt(clause string) int {
	for j := len(clause); ; {
		j = max(strings.LastIndex(clause[:j], "把"), strings.LastIndex(clause[:j], "将"))
		if j < 0 {
			return -1
		}
		if next, _ := utf8.DecodeRuneInString(clause[j+len("将"):]); !strings.ContainsRune("近要会于在来军领握关持守", next) {
			return j
		}
	}
}

// petitionersNamed reports whether the clause before byte i names the
// petitioners as its actor.
func petitionersNamed(s string, i int) bool {
	off, ok := firstActor(clauseBeforeList(s, i, 14))
	return ok && !off
}

// actorWord is an actor word of either kind, for the one-pass scan.
type actorWord struct {
	word     string
	official bool
}

// actorsByRune holds the actor words by their first rune, longest first.
var actorsByRune = func() map[rune][]actorWord {
	m := map[rune][]actorWord{}
	add := func(list []string, official bool) {
		for _, w := range list {
			r, _ := utf8.DecodeRuneInString(w)
			m[r] = append(m[r], actorWord{w, official})
		}
	}
	add(officialActors, true)
	add(petitionerActors, false)
	for _, l := range m {
		slices.SortStableFunc(l, func(x, y actorWord) int { return len(y.word) - len(x.word) })
	}
	return m
}()

// firstActor returns whether the first actor named in pre is an office
// (off) and whether any was found.
func firstActor(pre string) (off, ok bool) {
	for i := 0; i < len(pre); {
		r, w := utf8.DecodeRuneInString(pre[i:])
		var hit *actorWord
		for k, c := range actorsByRune[r] {
			if strings.HasPrefix(pre[i:], c.word) {
				hit = &actorsByRune[r][k]
				break
			}
		}
		if hit == nil {
			i += w
			continue
		}
		if !hit.official {
			// 跟开发商、业主沟通多次: the people talked with, not the
			// actor.
			lead := before(pre, i, 2)
			if strings.ContainsRune(lead, '、') {
				lead = before(pre, i, 8)
			}
			if i > 0 && strings.ContainsAny(lead, "跟与同向给对替为") && !strings.HasPrefix(pre[i:], "我") {
				i += len(hit.word)
				continue
			}
			return false, true
		}
		after := pre[i+len(hit.word):]
		unit := strings.TrimPrefix(after, "部门")
		_, place := hasAnyPrefix(strings.TrimLeft(unit, "局会所部委院处"), placeAfterOffice)
		if u, ok := hasAnyPrefix(unit, []string{"大队", "中队", "支队", "总队", "队", "站", "中心", "办"}); ok && !place {
			// 监察大队办公室门口: the brigade's door.
			_, place = hasAnyPrefix(strings.TrimLeft(unit[len(u):], "局会所部委院处"), placeAfterOffice)
		}
		// 记者看到…: a reporter who watches is not the actor.
		_, sees := hasAnyPrefix(after, []string{"看到", "了解到", "注意到", "发现", "获悉", "采访", "在现场"})
		// 物业那边反映过好几回, 物业反应多次无果: whom the petitioner went
		// to, with 向 dropped.
		_, told := hasAnyPrefix(after, []string{"那边", "那里", "反映", "反应", "投诉"})
		if place || sees || told {
			i += len(hit.word)
			continue
		}
		object := false
		// 找村里、乡里领导: the verb may stand before a list of offices.
		lead := before(pre, i, 4)
		if strings.ContainsRune(lead, '、') {
			lead = before(pre, i, 8)
		}
		for _, r := range lead {
			if strings.ContainsRune("找到去在向给跟和对与让把将往赴至来被替帮朝请求问跑打致", r) {
				object = true
			}
		}
		// 向旗、市、省有关领导进行多次举报: 向 further back, before a list
		// of offices and their qualifiers.
		if !object && strings.ContainsRune(before(pre, i, 12), '向') && !strings.ContainsAny(pre[strings.LastIndex(pre[:i], "向"):i], "，,") {
			object = true
		}
		if object {
			i += len(hit.word)
			continue
		}
		return true, true
	}
	return false, false
}

// placeAfterOffice after an office's name make it a place: 政府门口, 局门前.
var placeAfterOffice = []string{"办公室", "门口", "门前", "大门", "门外", "院内", "院里", "楼前", "楼下", "大厅", "广场", "里", "外", "前"}

// caseCount reports a count of cases, batches or calls in s: 1054批次,
// 178件, 1231个电话, 14起.
func caseCount(s string) bool {
	return countIn(s, []string{"批", "件", "起", "宗", "个电话", "个来电", "通"})
}

// countIn reports Arabic digits in s followed by one of units (余 and 多
// may come between): 76批, 4人次, 20余件.
func countIn(s string, units []string) bool {
	for i, r := range s {
		if !(r >= '0' && r <= '9') {
			continue
		}
		rest := strings.TrimLeft(s[i:], "0123456789.余多")
		if _, ok := hasAnyPrefix(rest, units); ok {
			return true
		}
	}
	return false
}
