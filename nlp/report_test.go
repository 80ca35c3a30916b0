package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// The texts below are written for these tests; each reproduces one way real
// petitions and reports are phrased (see DOMAIN.md).

func TestReadingKind(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text, kind string
	}{
		{"message board post", "尊敬的领导：我们小区去年就该交房了，到现在还是框架，请问什么时候能复工？", xinfang.KindPetition},
		{"hotline record", "来电人反映：其在某工地干活，工钱拖了半年没给，要求协调。", xinfang.KindPetition},
		{"post with reply", "我家楼下烧烤店天天吵到凌晨，希望管一管。回复：网友您好，经核实，执法人员已责令其整改，现已整改到位。", xinfang.KindPetition},
		{"news lead", "6月3日上午，某旗人社局联合住建局在项目部现场为52名农民工发放被拖欠的工资。据了解，该项目拖欠问题已持续半年。", xinfang.KindBulletin},
		{"statistics", "今年以来，全盟各级信访部门共受理群众来访1200余批次，同比下降12%。", xinfang.KindBulletin},
		{"an inspection table's one complaint", "生态环境保护督察群众信访举报边督边改公开情况一览表（第7批）\nX1AB202401020034 某小区南侧搅拌站夜间生产，噪声扰民。经核查，情况属实。责令该站夜间停产，已于次日整改到位。", xinfang.KindPetition},
		{"a batch passed on, told as news", "6月5日，督察组向我市交办第十批群众信访举报件共12件，其中来电9件、来信3件，涉及噪声、扬尘等问题。各地正在边督边改。", xinfang.KindBulletin},
		{"a worker with a changed name", "记者在工地见到了讨薪的瓦工老周（化名）。“干了两年，只结过一次账，我们一起的有四十多人。”老周说。为什么总是建筑工地欠薪？", xinfang.KindBulletin},
		{"villagers' wish told to a reporter", "养殖场臭气冲天\n一到傍晚，臭味就飘进院子，附近几个村的村民已经忍了三年。昨日，村民向记者反映了此事，希望有关部门尽快处理。记者随后来到养殖场，看到场内粪污直接排进沟渠。", xinfang.KindBulletin},
		{"a forum reporter's story", "晚上九点，小编路过夜市路口，发现一群城管停在那里。走近才知道，居民们投诉一家夜宵摊，烤炉摆在露天，油烟和吵闹声让楼上没法休息。", xinfang.KindBulletin},
		{"a mailbox's monthly tally", "5月份书记信箱网民留言办理情况统计\n5月份共收到网民留言48件，其中投诉30件、咨询15件、建议3件，均已办结。", xinfang.KindBulletin},
		{"a hotline's month in figures", "从诉求归口类型看，诉求量前3位的分别是：居民日常服务1412件，主要是水电气、垃圾处理、下水道堵塞；城市管理967件，占31.2%；环境保护540件，占17.4%，主要是噪声和油烟。", xinfang.KindBulletin},
		{"a year's inspections", "2021年，市劳动保障监察支队共检查用人单位600余户，立案查处拖欠工资案件30件，为900名农民工追回工资。", xinfang.KindBulletin},
		{"a scene at the police station", "“谢谢！我们终于能回家过年了！”七名工人攥着刚领到的工钱，对着镇干部连声道谢。这是发生在某镇派出所的一幕。据了解，这几位老乡干了一年活还没拿到工资，就找到了镇政府求助。", xinfang.KindBulletin},
		{"an office's long case closed", "为把每一件积案办结，县里实行领导包案制度。某乡一位老人多年来为父亲的抚恤问题四处奔走，包案领导牵头核实后，县里按政策给予一次性抚恤金，了结了他的心事。", xinfang.KindBulletin},
		{"a villager quoted on a quarry", "城郊一名村民说，附近的石料厂白天黑夜切割石块，噪声和粉尘严重影响周边居民的生活。由于厂子藏在荒草里，不容易被发现。", xinfang.KindBulletin},
		{"office's answer to a netizen", "网友，您好！您反映的小区楼下饭店油烟问题，经执法人员核查，已责令整改。", xinfang.KindPetition},
		{"a reply that opens 网友,您好 with a comma", "网友,您好!您在县委书记信箱反映的问题我们已收到，经镇里核实，相关补偿款已于上月拨付到位，后续由镇政府负责跟进办理。", xinfang.KindPetition},
		{"a letter acknowledged", "您好，信件收悉后，市住建局领导高度重视，立即安排工作人员到小区核实，开发商已承诺本月底前完成整改并交付。", xinfang.KindPetition},
		{"a complaint with an office's answer on its own line", "饭馆风机噪音\n某小区2号楼居民反映，楼下饭馆的排风机从早到晚响个不停，影响休息。\n街道办事处回复：经查，执法人员已责令店主加装隔音罩，并于本周内整改完毕，街道将加强巡查，发现问题及时处理，请居民监督。", xinfang.KindPetition},
		{"an office's record of one complaint", "交办问题基本情况：某小区设有露天垃圾池。行政区域：某市。污染类型：其他污染。调查核实情况：经街道办事处核查，小区内有砖砌垃圾池1处，情况属实。处理和整改情况：物业已拆除垃圾池，新增分类垃圾桶9个。是否办结：已办结。", xinfang.KindPetition},
		{"petitioner's greeting", "尊敬的市领导：\n您好！我们小区交房一拖再拖，恳请市政府重视。", xinfang.KindPetition},
		{"message-board record", "信件名称：某小区夜间施工扰民\n提交时间：2023-05-06\n内容：工地每天干到凌晨。", xinfang.KindPetition},
		{"an office's finding on a petition", "经核查，群众反映的问题位于某小区南侧的在建工地，该工地夜间浇筑混凝土至凌晨，噪音影响居民休息。我局已约谈施工单位。", xinfang.KindPetition},
		{"a hotline's monthly figures", "10月份，12345热线共受理群众各类诉求15万余件，其中投诉类诉求3.2万件，按时办结率98.6%。", xinfang.KindBulletin},
		{"a reply with its form's labels", "我是某小区业主，小区西侧工地每天施工到后半夜。\n回复人：城管局 回复日期：2021-04-16 答复内容：我局执法人员现场勘察，工地负责人表示理解与支持。", xinfang.KindPetition},
		{"a relayed post with the office's answer", "从留言板获悉，某小区居民反映暖气不热，晚上暖气管几乎是凉的，望解决。\n区委办公室回应：经了解，热力公司判断您家立管滤网堵塞，已清洗，目前出水温度已达25度。", xinfang.KindPetition},
		{"a letter to the paper", "编辑同志：我是某小区居民，小区近半年隔三差五停水，物业一直不给说法。", xinfang.KindPetition},
		{"a greeting to the government", "政府，您好，周边已经有很多居民反映过市场入口垃圾箱的问题，天热臭气熏天。", xinfang.KindPetition},
		{"a campaign's notice", "按照市里的有关要求，决定在全市开展拖欠农民工工资问题专项整治，工作方案如下。", xinfang.KindBulletin},
		{"an office's own figures", "国庆期间，我局投诉举报中心共接到群众来电35件，其中咨询21件，投诉14件，要求退款的占多数。", xinfang.KindBulletin},
		{"a reception day's notice", "为解决农民工工资问题，定于下周三上午开展集中接访。请来访人携带身份证件，原则上本人只能反映本人诉求，当日来访人数较多时请耐心等候。", xinfang.KindBulletin},
		{"a post reported", "近日，有村民在网络问政平台留言称，修路占地的补偿至今没有到位，希望有关部门尽快兑现。", xinfang.KindBulletin},
		{"a caller writes of his city", "我市某小区的暖气一直不热，我家孩子都冻感冒了，请问什么时候能修好？", xinfang.KindPetition},
		{"a story told in the third person", "在某旗劳动监察大队的办公室里，来自外省的农民工老赵捧着被拖欠了两年多的工资，连声道谢。老赵和同乡十几人前年来到这里，在一个商住楼项目干木工活，项目完工后包工头迟迟不结账。监察大队立案后多次约谈总承包单位，上个月总包单位终于把钱打到了专户，老赵一算，两年的辛苦钱一分不少。", xinfang.KindBulletin},
		{"an impersonal complaint", "某小区回迁房早就完工了，从拆迁到现在已经好几年，到底什么时候能交房？是不是又卡在验收上了？开发商一拖再拖，老百姓在外面租房的钱谁来出？请相关部门尽快给个准确时间，大家已经等不起了，一家老小挤在出租屋里，孩子上学也成了问题！", xinfang.KindPetition},
		{"a follow-up addressed to the office", "前段时间反映的广场舞音响太大的问题，经你部门督促后音量调小了一些，可最近几天又恢复原样，晚上九点多还在放。", xinfang.KindPetition},
		{"a source named first", "据某广播电台报道，数十名在境外务工的人员被拖欠工资，滞留当地。“我们已经三个月没拿到钱了。”一名工人说。", xinfang.KindBulletin},
		{"a long text with no word of either side", "高高的围墙把整个片区圈了起来，墙里是拆了一半的平房和成堆的瓦砾，墙外是新修的柏油路和整齐的绿化带。这片棚户区从二〇一一年起就列入改造计划，先后三轮公布方案，涉及一千多户人家，签约的只是少数。留下的住户大多是老人，靠院子里种菜和低保过日子，冬天靠烧煤取暖，路灯早已不亮，自来水时有时无，附近的学校也在去年撤并了，孩子们要坐半小时的公交车去上学。", xinfang.KindBulletin},
		{"a letter in classical style", "告某市市长书：吾家居此三十余载，房屋三层，皆有备案。今拆迁补偿不及市价一半，恳请明察。", xinfang.KindPetition},
		{"a letter to the paper with the reporter's visit", "编辑同志：我是某小区居民，小区一个月停水十几次。\n记者昨天下午来到该小区，几位大爷告诉记者，停水已经持续半年，物业工作人员表示正在更换管道。记者随后采访了供水公司。", xinfang.KindPetition},
		{"no reply is no reply", "修路占我宅基地多次反馈无处理结果\n我叫王某，家住某村，村里修路把我院子里的桩基硬化了三米多，我多次找村干部，无人管理。", xinfang.KindPetition},
		{"a headline's question mark", "夜市吵到半夜何时休？\n某区一处夜市营业到凌晨两点，周边住户难以入睡。城管部门表示，已约谈经营方，限其十一点前收摊。", xinfang.KindBulletin},
		{"a headline's exclamation", "热风直吹邻居窗户 闹上法庭！\n两栋楼间距不足三米，一户人家的四台空调外机正对邻居卧室。邻居起诉后，法院认为运转声未超标，驳回起诉。空调主人表示会调整外机朝向。", xinfang.KindBulletin},
		{"demands and complaints told by a report", "十几名保洁员的投诉\n某街道十几名保洁员向劳动监察部门投诉，要求物业公司补发三个月工资，诉求涉及金额四万余元。监察部门当天约谈了物业公司负责人。", xinfang.KindBulletin},
		{"a reply in brackets", "我在某小区买的房，合同约定去年十月交房，开发商一直拖着。\n【区住建局回复】已约谈开发企业，督促其公布交房计划，报送住建局备案。", xinfang.KindPetition},
		{"reporter quotes first person", "记者近日来到某小区。“我们等了三年了。”业主王先生告诉记者，小区至今未交付。", xinfang.KindBulletin},
		{"an excerpt that starts inside a quotation", "我们的工钱到底什么时候给？都拖了一年多了！”一名瓦工蹲在工地门口说。他们一共十二个人，在这个工地干了八个月。", xinfang.KindBulletin},
		{"a reporter who called the firm", "业主们说交房已经晚了一年，希望早日交房。记者联系开发商，对方未回应。", xinfang.KindBulletin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			if an.Kind != tt.kind || !an.KindGuessed {
				t.Errorf("Analyze(%q).Kind = %q (guessed %v), want %q guessed", tt.text, an.Kind, an.KindGuessed, tt.kind)
			}
			if given := a.AnalyzeKind(xinfang.KindBulletin, "t", "", tt.text); given.Kind != xinfang.KindBulletin || given.KindGuessed {
				t.Errorf("AnalyzeKind(bulletin, %q).Kind = %q (guessed %v), want bulletin as given", tt.text, given.Kind, given.KindGuessed)
			}
		})
	}
}

func TestReadingReports(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text string
		level      string
		aggregate  bool
		resolved   bool
		reason     string // one reason that must be given; "" to skip
	}{
		{"statistics are no group", "今年以来，某盟人社部门为2600余名农民工追回被拖欠工资3100余万元。", "low", true, true, ""},
		{"statistics without resolution", "截至9月底，全市共排查涉及农民工860余人的欠薪线索。", "low", true, false, ""},
		{"resolved case", "经法院执行，某建筑公司拖欠的38名工人工资46万元已全部发放到位。", "low", false, true, ""},
		{"把 told with 将, done", "经过追薪专班半个月的努力，终于促使总包单位将拖欠12名农民工的工资全部支付到位。", "low", false, true, ""},
		{"will pay is not paid", "公司表示将全部支付拖欠12名农民工的工资。", "medium", false, false, ""},
		{"a relocation completed", "至此，该棚改项目460户居民全部完成搬迁，没有发生一起强拆。", "low", false, true, ""},
		{"paid in part, the rest owed later in the sentence", "开工时老板已支付3万多元，用于大家的伙食和材料，还欠28万元没给，涉及农民工12人。", "medium", false, false, ""},
		{"a contract in hand", "她交了首付，购房合同也拿到手了，可两年过去房子还是没有盖起来，同一栋楼有40多户都在等。", "medium", false, false, ""},
		{"a deadline is a promise", "开发商答应先付拖欠工资的三分之一，剩余部分在10月15日前发放完毕，60多名民工暂时回了工棚。", "medium", false, false, ""},
		{"a plea in verse", "四名农民工在街头念着顺口溜讨薪：“算算工钱四十万，帮俺讨回血汗钱。”他们说同班组27人都没拿到钱。", "medium", false, false, ""},
		{"resolved after a collective act", "40余名农民工在项目部门口聚集讨薪，经人社部门协调，工资已全部结清。", "high", false, true, ""},
		{"partial payment is not resolved", "某项目第一批工资已发放，剩余的24万元承诺月底前付清，30多名工人还在等。", "medium", false, false, ""},
		{"a hope is not a resolution", "工友们说，不讨回血汗钱就不回家过年。", "low", false, false, ""},
		{"a promise is not a resolution", "镇里的负责人表示将督促物业公司，在春节前把拖欠40多名保洁员的工资发放到位。", "medium", false, false, ""},
		{"paid, but not to them", "施工方称已向村里支付了青苗补偿款，然而二十多户村民至今没有领到。", "medium", false, false, ""},
		{"a claim denied is not a resolution", "公司说工资早就跟班组结清了，班组长说没结清，我们六个人到现在一分没拿到。", "medium", false, false, ""},
		{"an agreement not reached", "镇里在未与二十多户被拆迁户就补偿问题达成一致的情况下，就把房子推平了。", "medium", false, false, ""},
		{"a buyer's payment is not a settlement", "我们四十多户按每平方米六千元的价格购买了期房，共支付了两千多万元，约定的交房日期过去一年了还没交房。", "medium", false, false, ""},
		{"a group received by the office, then settled", "3月8日，区劳动监察大队迎来了26名农民工，反映某服装厂拖欠三个月工资。经调解，工资已全部发放到位。", "high", false, true, ""},
		{"a deadline ahead is not a delivery", "某安置小区原定去年交付，至今仍有两栋楼未通暖气，涉及居民140余户，部分居民反映过渡费偏低。住建局表示，今年9月前完成交付。", "medium", false, false, ""},
		{"a debt summed is no period's tally", "2019年腊月，三十多名瓦工一起来到乡政府，说一家装修公司累计拖欠他们的工钱已有20多万元。", "high", false, false, ""},
		{"a debt summed with 共计", "某劳务队共计欠付十二名钢筋工工资9万元，工人多次讨要无果。", "medium", false, false, ""},
		{"a detachment's office visited, then paid in part", "市劳动保障监察支队近日处理了一起欠薪案。外地来的28名木工到支队投诉，反映工地拖欠工资。经协调，公司当场把工资全部发放到位。", "high", false, true, ""},
		{"paid in full, then a but about something else", "两名工头被拘留后，家属凑齐了钱，在劳动监察大队当场支付了所欠十九名工人的全部工资，但这并不能免除他们的刑事责任。", "low", false, true, ""},
		{"paid in full, but not to them", "公司说已支付了全部补偿款，但村民至今没有领到。", "low", false, false, ""},
		{"money received", "第二天，四名装修工就收到了1.8万元的工钱。", "low", false, true, ""},
		{"a complaint received is no payment", "镇政府收到了十几户村民的投诉，反映补偿款迟迟不到位。", "medium", false, false, ""},
		{"pay that should be in hand is no payment", "老板让十几名工人当天走人，工人们觉得走可以，工钱总得拿到手。", "medium", false, false, ""},
		{"hard to settle is not settled", "知情人士说，项目拖了四年，主要原因就在于征地和林木补偿问题解决难。", "low", false, false, ""},
		{"an aim to settle is not settled", "工作组为妥善解决上访人的诉求，逐户走访了被征地农户。", "low", false, false, ""},
		{"an agreement someone wanted is none", "维权中有业主想瞒着大家单独和开发商达成协议，被其他业主发现了。", "low", false, false, ""},
		{"a debt dated with 截至 is one matter", "某县自2016年起拖欠教师工资补贴，截至今年6月共欠3.2亿元。教师们建起了维权群，在群里核对各自被欠的数目。", "medium", false, false, ""},
		{"all of them received it", "“青苗补偿款收到了吗？”“收到了，我们组31人的都收到了！”村民笑着说。", "low", false, true, ""},
		{"surprise is no negation", "“没想到才反映三天，我们的补偿款就收到了。”村民说。全村58户被拖欠的补偿款目前已全部兑现。", "low", false, true, ""},
		{"a notice all received is no payment", "我们小区每户都收到了一份街道发的拆除通知书，请问依据是什么？", "low", false, false, ""},
		{"pay drawn, then beaten", "三十多名工人领完工资后，被几名打手赶出了宿舍。", "low", false, true, ""},
		{"a promise with 将 is a payment ahead", "经民警协调，老板当场承诺，节后也将拖欠十二名工人的工钱全部支付到位。", "medium", false, false, ""},
		{"a crowd of elderly went to the petition bureau", "一大早，一群白发苍苍的老人来到县信访局。原来这30多位老人给一家合作社摘了半年棉花，工钱却一直没拿到。", "high", false, false, ""},
		{"an incident about to happen did not", "六十多名民工被欠薪半年，一场群体性事件一触即发，街道调解员连夜赶到工地，第二天工资全部结清。", "low", false, true, ""},
		{"a meeting called by the mediators", "调解组摸清情况后，召集一百多名工人召开职工大会，由老板说明欠薪原因。", "medium", false, false, ""},
		{"paid in full at the court", "经法院执行，十五名装修工足额拿到被拖欠的工钱6万余元。", "low", false, true, ""},
		{"a years-old knot untied", "经县里协调，由财政给予一次性补助3万元，解开了信访人多年的心结。", "low", false, true, ""},
		{"bailiffs block the wall", "为防赵某逃走，一组法警迅速前往屋后堵住院墙，法官这才喊话要求开门。", "low", false, false, ""},
		{"an official's rounds", "王**先后2次深入市信访局接访大厅现场接访，并与来访群众面对面交流。", "low", false, false, ""},
		{"a reply received from the region's procuratorate", "信寄出的第三天，他的姐姐就接到自治区人民检察院的电话答复，建议先申请再审。", "low", false, false, ""},
		{"a long petition settled with care", "田某因宅基地补偿问题多年来一直上访。街道多次组织拆迁办与他面对面沟通，最终妥善化解了这一信访事项。", "low", false, true, ""},
		{"owed pay received", "经法律援助律师调解，小吴已于上月收到拖欠的工钱8400元。", "low", false, true, ""},
		{"only part paid", "瓦工班组干了二十多万元的活，项目部仅支付了4万元，十二名工人过年回不了家。", "medium", false, false, ""},
		{"settled in only three days", "法庭仅用3天就成功调解一起拖欠11名务工者劳务费的纠纷，劳务费已全部发放到位。", "low", false, true, ""},
		{"a report of a month's pay not settled", "记者了解到，某物流公司老板失联，公司20多名员工还有一个月的工资没有结清。", "medium", false, false, ""},
		{"pay drawn back the next day", "14名砌墙工投诉的第二天，就顺利领回了被拖欠的工钱9万余元。", "low", false, true, ""},
		{"a dispute brought to a close", "随着最后一笔补偿款转入账户，这起涉及三个村、六百多人的祖屋征迁纠纷正式落下帷幕。", "low", false, true, ""},
		{"keys handed over, flats unusable", "安置小区上月举行了交钥匙仪式，但小区至今未通燃气，领到钥匙的300多户居民大多无法入住。", "medium", false, false, ""},
		{"a short report with no petitioner", "某区今年化解问题楼盘8个，共完成交付3200余套，涉及业主2900余户。", "low", false, true, ""},
		{"an expectation is not a payment", "工友们本以为过完年就能拿到钱，可一年过去了还是没有结果。", "low", false, false, ""},
		{"paid in part, then but", "第一笔安置补助是拿到了，但12户人家的房屋补偿款一直没有拿到。", "medium", false, false, ""},
		{"bulletin reporting a group act", "5月8日，某小区六十余户业主来到市住建局，要求开发商尽快交房。", "high", false, false, ""},
		{"policy goal is no act", "会议要求各地确保不发生10人以上规模聚集，确保不发生赴京非正常上访。", "low", false, false, ""},
		{"reception day over several matters", "旗委书记当天共接待来访群众5批17人次，反映的问题主要涉及拖欠工资、噪声扰民等方面。", "low", true, false, ""},
		{"a payment ceremony", "10月9日，县住建局在项目部举行农民工工资发放仪式，现场向260余名农民工发放工资500余万元。", "low", false, true, ""},
		{"residents' repeated complaints in news", "本报讯 近期，市民多次投诉城南某酒吧深夜噪声扰民，城管执法大队开展了夜间检查。", "medium", false, false, ""},
		{"calls keep coming in", "近日，不断有市民打电话向记者反映，新区几个工地每晚十点后还在施工。", "medium", false, false, ""},
		{"a month's tally of visits", "本月群众到市走访96批1408人次，其中集访52批1300人次；群众进京走访3人次。", "low", true, false, ""},
		{"a warning sign is no visit", "针对部分拆迁户有上访苗头的情况，镇里召开了政策解答会。", "low", false, false, ""},
		{"asked many offices", "十几位村民说，地被占了六七年，问过很多部门，都没有给个说法。", "medium", false, false, ""},
		{"holdouts refusing to move", "记者看到，矿区中心仍有8户村民拒绝搬迁，住在开裂的窑洞里。", "medium", false, false, ""},
		{"a hope that the message is read", "小区旁边的工厂天天排放废气，希望这个留言不要石沉大海。", "low", false, false, ""},
		{"a mishap imagined", "村里的饮用水取自山溪，打药时溪水都是泡沫，万一出事可能是群体事件。", "low", false, false, ""},
		{"no gathering took place", "今年供暖期，全市没有出现大的群体上访，供热投诉平台共接到投诉电话5200件，接待上访居民150余人次。", "low", true, false, ""},
		{"workers making trouble, then paid", "今年7月以来，派出所多次接到某工地农民工闹事的警情。原来，项目转包导致100余名农民工几个月没有领到工资。民警协调后，为农民工追回全部工资90余万元。", "high", false, true, ""},
		{"obstacles are no obstruction", "本人理解政府在安置过程中会遇到一些问题和阻碍，只想问问安置房什么时候动工。", "low", false, false, ""},
		{"years of going from office to office", "我为这事奔走诉求快二十年了，宅基地补偿一直没有落实。", "medium", false, false, ""},
		{"compensation finally in hand", "“拖了两年多的征地补偿款终于拿到手了！”某村23户村民的补偿款日前已发放。", "low", false, true, ""},
		{"a period that opens a story", "7月以来，派出所多次接到某工地农民工闹事的警情。原来，项目转包导致60余名农民工几个月没有领到工资。民警协调后，为农民工追回全部工资50余万元。", "high", false, true, ""},
		{"settled on the spot", "某工地一名钢筋工因工钱争执情绪激动，民警到场劝解，双方达成调解协议，包工头当场支付工钱3000元。", "low", false, true, ""},
		{"heating restored in the reply", "我们楼暖气一直不热，投诉多次无果。回复：经查，换热站水泵故障，现已抢修完毕，恢复正常供暖。", "low", false, true, ""},
		{"wages executed back", "某法院执行局当天就为11名农民工执行回被拖欠的工资4.6万元。", "low", false, true, ""},
		{"inspections counted in 户次", "据统计，全年共检查用人单位920户次，为1300余名劳动者追讨工资2100万元。", "low", true, false, ""},
		{"workers who came to be paid", "元旦前，150多名农民工来到区劳动监察大队，领到了被拖欠半年的工资230万元。", "low", false, true, ""},
		{"a year's tally with its verb after a comma", "大队长说，去年执法大队采取多种办法，帮助1200农民工，追回工资1800万元。", "low", true, true, ""},
		{"pay hoped for on a condition", "包工头答应月底结账。老周说：“要是这回拿到钱，我就回老家。”三十多名工友已经跟他讨了五六回。", "medium", false, false, ""},
		{"the boss took the money, not the workers", "去年5月，8名木工来到县人社局，称包工头早已拿到了全部工程款，却一直拖欠他们的工资。", "high", false, false, ""},
		{"a paper's tally of callers", "本报开通噪声投诉热线一周，30多名读者打来电话，投诉小区周边夜间施工。其中1名读者表示，工地曾提前贴出公告。", "low", true, false, ""},
		{"a period's tally after one group's story", "蔡某某等16名装修工多次找老板讨要工钱未果，向法院起诉，案件尚在审理。今年以来，该院共办理此类案件30起，为农民工追回工资40余万元。", "medium", false, false, ""},
		{"one case paid, then the year's tally", "张某某等9名农民工投诉某酒店拖欠工资，监察大队成功帮助他们追回全部工资5.2万元。今年以来，大队共为农民工追回工资300余万元。", "low", false, true, ""},
		{"a contractor's own outlay", "分包负责人说，管理团队都垫付了钱，可三百多名工人的劳务费还是没有着落。", "medium", false, false, ""},
		{"a programme's tallies", "某旗危房改造审批3120户，开工数2980户，竣工数2400户。", "low", true, false, ""},
		{"people who came one after another", "入冬以来，市救助站先后接收了60多名被拖欠工钱、无钱回家的农民工。", "low", true, false, ""},
		{"a resettlement completed", "几户人家曾经反悔，经过大家一起做工作，最终120户居民顺利完成拆迁安置。", "low", false, true, ""},
		{"a promise quoted", "包工头最初承诺：“进场后工资由公司直接打到工人卡上。”可干了四个月，二十多名工人一分钱没拿到。", "medium", false, false, ""},
		{"paid out of an officer's hands", "一百二十名农民工来到旗劳动监察大队，从执法人员手中领到了被拖欠大半年的工资186万元。", "low", false, true, ""},
		{"a question whether they were paid", "几位工人守在老板家已经四天四夜，现在他们的钱拿到手了吗？", "medium", false, false, ""},
		{"reply appended: the office speaks", "楼下商铺的音响天天开到很晚，影响休息。回复：您好，街道工作人员多次与商户沟通，商户情绪激动，我们将继续协调。", "low", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			if an.Risk.Level != tt.level {
				t.Errorf("Analyze(%q).Risk = %+v, want level %s", tt.text, an.Risk, tt.level)
			}
			if an.Aggregate != tt.aggregate || an.Resolved != tt.resolved {
				t.Errorf("Analyze(%q): aggregate %v resolved %v (%q), want %v %v", tt.text, an.Aggregate, an.Resolved, an.Resolution, tt.aggregate, tt.resolved)
			}
			if tt.reason != "" && !slices.Contains(an.Risk.Reasons, tt.reason) {
				t.Errorf("Analyze(%q).Risk.Reasons = %q, want %q among them", tt.text, an.Risk.Reasons, tt.reason)
			}
		})
	}
}

func TestReadingActors(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text, level string
	}{
		{"official's emotion", "镇里干部情绪激烈地表示一定尽快处理，我家的补偿款至今没到位。", "low"},
		{"government's repeated talks", "街道办多次与开发商沟通，交房日期仍未确定。", "low"},
		{"attention of the party committee", "此事受到市委领导关注，区里已成立专班。", "low"},
		{"reporter's exposure", "记者曝光了该工地夜间施工的情况，环保部门已介入。", "low"},
		{"a wall that blocks noise", "窗户关上也阻挡不了楼下KTV的声音。", "low"},
		{"years of demanding before the verb", "一位小包工头六年讨要工程款和农民工工资，镇里一直说没钱。", "medium"},
		{"a calendar year is no span", "2019年讨要工资时，老板说等验收后再结。", "low"},
		{"asking every time", "那笔工钱一直没发，每次问村主任，都说还在等上面拨款。", "medium"},
		{"a signature on an IOU", "包工头只给我们打了一张欠条，上面只有他的签名和手印。", "low"},
		{"a gathering split by a page's wrap", "某厂工人讨薪\n据警方介绍，昨日下午某服装厂的二十多名工人因工资问题与厂方发生纠纷，相\n约到市政府门口聚集，其中两人爬上了门口的广告牌。", "high"},
		{"a chat left or read", "为了眼不见心不烦，她退出了业主群。后来业主群里有人说，开发商的资金被挪用了。", "low"},
		{"office as the object", "我找了物业三次，物业说管不了楼上装修。", "medium"},
		{"office as the place", "十五名工人今天在县住建局门口聚集。", "high"},
		{"petitioners repeat", "这件事我已经重申过，请尽快答复。", "medium"},
		{"the group went to offices", "二十多名农民工被拖欠工资，农民工们多次到劳动监察大队反映。", "high"},
		{"noise-source crowd", "小区广场每晚有200余人跳广场舞，音箱很响。", "low"},
		{"demolition crew", "出动上百人的拆除队伍把我家院墙推倒了。", "low"},
		{"staff going to look", "有市民通过热线反映小区绿化树木被砍，他表示将会与物业一同前往现场查看情况。", "low"},
		{"an answer given on the day", "接听中，他对市民反映的问题逐一进行了记录并回复。", "low"},
		{"came to the capital to work", "他们一百二十人都是经老乡介绍来到北京打工的，在一个工程队干了半年，终于在年前领到了全部工钱。", "low"},
		{"a dam, not a blockade", "嘎查三面被厂区包围，一面是被拦截死的水库，羊喝了下游的水就死了。", "low"},
		{"the named one and the others went", "近日，王某等外地农民工来到县人社局劳动监察大队反映工资没有结清。经协调，次日18名农民工的工资全部发放到位。", "high"},
		{"herders with banners at the city hall", "据报道，某旗牧民在市政府大楼前拉横幅，要求返还被占草场并足额补偿。", "high"},
		{"herders petitioning in Beijing", "四子王旗牧民进京上访，今天上午到国家信访局递交材料，工作人员以越级为由不予受理。", "high"},
		{"one herder's banner", "一名牧民在旗政府门口拉横幅，要求补发草场补偿款。", "medium"},
		{"one side's word in a dispute", "二十多个保洁员三个月没发工资，保洁公司说没收到物业的回款，而物业公司又说，已经按时支付了款项，大家多次找公司讨要说法。", "medium"},
		{"thanks brought to the office", "吴师傅等43名农民工被拖欠的工资两年来多次讨要未果，监察大队介入后全部讨回。4月7日，吴师傅等人将感谢锦旗送到了县劳动监察大队。", "low"},
		{"workers who came together, told with a comma", "一名小哥跟18名泥工工友一起，来到街道综治中心欠薪维权接待窗口，反映没拿到工资。第二天公司就支付了全部劳动报酬。", "high"},
		{"workers keeping watch at the workshop", "服装厂老板跑了，11名农民工被欠两万多元工资，他们现在白天黑夜守在车间和老板住的小区外。", "high"},
		{"a question whether to go together", "小区晚了三个月交房，交了以后阳台漏水，想问问能不能一起找开发商索赔。", "low"},
		{"firms that once had mass incidents, as inspection targets", "专项检查的重点企业包括今年以来曾因欠薪引发集体投诉、集体劳动争议或群体性事件的企业。", "low"},
		{"the ways people petition, explained", "今年以来，该市畅通欠薪投诉渠道：三个到访即到监察大厅来访、到人社部门信访、到信访部门上访。全市共受理投诉案件223件，为1502人解决工资1375万元。", "low"},
		{"a court paying out to workers", "县法院执行指挥中心里，92位农民工陆续赶来，执行干警正为工人们办理领款手续。十年前工程完工后工资没了下文，此后是漫长的维权路。", "low"},
		{"阻扰 written for 阻挠", "卢先生等20余人多次索要工资无果，昨天在工地阻扰施工。", "high"},
		{"owners back at the county committee", "项目停工三年，业主们再次来到了县委，要求给个说法。", "high"},
		{"attention of the county committee", "此事得到了县委领导的重视，住建局已约谈开发商。", "low"},
		{"every day of the year at work is no year's tally", "据了解，55岁的左先生和其他20几名上了年纪的住户一起承担小区保洁，全年无休，每天工作8小时，可三个月的工资至今没有着落。", "medium"},
		{"a loud plea", "老板，年底了，发放工资让我们回家吧!!", "low"},
		{"a loud request", "小区电梯停了一个月，有关部门可以介入处理!!", "low"},
		{"a loud accusation", "合同约定去年交房，开发商天天画饼，这不是骗人吗！！", "medium"},
		{"the official's fifth call on a holdout", "画面中只剩这一户居民仍坚守原地。负责这片区域房屋征收工作的赵某今天已经是第5次上门找这户居民谈判了。", "low"},
		{"the national bureau acting", "全国信访形势总体平稳，进京上访下降6.5%。国家信访局向各地集中转送群众来信607件。", "low"},
		{"the counted group petitioned", "上海庙镇47户村民代表向记者反映征地补偿过低。得不到补偿金的农牧民上访维权，有人被拘留。", "high"},
		{"villagers who petitioned, counted in a year's statistics", "今年以来，全镇共有320名村民上访，信访总量同比下降12%。", "low"},
		{"customers a company serves", "供热公司负责该小区3100余户的供暖，经理称九成住户已正常供暖，少数家中地暖不热正在抢修。", "low"},
		{"complaining again and again to offices", "楼下的烧烤摊夜夜吵到凌晨，住户不断向相关部门投诉。", "medium"},
		{"going to the management every year", "暖气年年不热，我每年都会去找物业协商，物业推给施工方。", "medium"},
		{"workers who went together to a tribunal, paid since", "乡里雇了11名村民清理河道，工钱一直拖着。他们多次催问无果，只好一起到镇人民法庭求助，法庭调解后当周付清。", "high"},
		{"a worker alone at a tribunal", "我一个人去镇人民法庭问过，说要先走仲裁。", "low"},
		{"a hundred households planning to sue together", "小区晚交房三个多月，开发商不认违约金，我们六十多户业主商量着集体告开发商。", "high"},
		{"a compound's people and its heating of the past", "这个小区有1200多户、四千多口人，过去采用单位自建锅炉供暖，今年冬天改接集中供热，工期紧，供暖推迟了半个月。", "medium"},
		{"heating back on for ten thousand households", "新区万余户居民的暖气一直不热。经区政府协调，热力公司连夜抢修管网，11月3日居民家里终于迎来了温暖。", "low"},
		{"rounds of the people in charge that led nowhere", "楼道下水管返水好几年了，我找过物业经理，找过开发商，但迟迟没有解决。", "medium"},
		{"a defendant who ignores a ruling", "判决生效后，被告对判决置若罔闻，村委会只得向法院申请强制执行，法院依法腾退了房屋。", "low"},
		{"anger told as flaring up", "包工头说甲方没结账，只给她打了张白条，王大姐一听就火了：干了大半年，拿张白条回家过年？", "medium"},
		{"a song that became popular", "这首歌一夜之间火了，广场上天天有人放。", "low"},
		{"an office blocked, told in the passive", "为讨要征地款，乡政府大门被堵死已有半个月，门口每天守着三十多位村民。", "high"},
		{"a road blocked by snow, told in the passive", "昨夜大雪，进村的路被堵死了，村民出行困难。", "low"},
		{"a fire lane blocked by cars, told in the passive", "小区的消防通道经常被私家车堵死，物业也不管。", "low"},
		{"workers taking turns to hold the office", "服装厂老板跑了，三个厂的工人每天轮流值守在商会大楼，盯着公司经理。", "high"},
		{"staff locking the workshop over wages", "工资拖欠半年，员工愤而锁住车间、阻止出货，工厂只能停产。", "high"},
		{"drivers stopping their cabs together", "谈了半年没有结果，八十多辆出租车司机集体停运，把车停在区政府对面的广场上。", "high"},
		{"a hundred owners suing through representatives", "协商多次没有结果，一百二十多名业主委托其中9名代表把开发商告上了法院。", "high"},
		{"one owner who hired a lawyer", "协商多次没有结果，我委托律师把开发商告上了法院。", "medium"},
		{"a report of cleaners who cannot draw their pay", "据电视台报道，县城86名环卫工人已经两个月领不上工资，公司说钱还没拨下来。", "medium"},
		{"a report of households whose resettlement is not kept", "修路拆掉了14户村民的房子，说好年前安置，到现在也没解决，有的人家住在窝棚里。", "medium"},
		{"the named one and the others, after a clause of manner", "李建华等二十多名工人在厂里干了半年，老板一直拖着工钱。眼看要过年，李建华等走投无路之下，来到了县劳动监察大队。", "high"},
		{"visitors named first, paid later", "7月初，县司法局迎来了一群来访者——十一位头发花白的农民工，说在外省农场干了三个月活，工钱一直没结。年底，工钱全部到账。", "high"},
		{"workers who went as a body, told formally", "工头跑路后，工人领不到积欠的工资，昨日群至县政府劳工局陈情，经协调后包商同意分期支付。", "high"},
		{"a signature drive of hundreds of households", "自救会发起连署，四百多户居民反对区段征收，意见书已送交主管部门。", "high"},
		{"workers who went to petition, told with the time first", "营造公司倒闭后，八十多名没有领到工资的劳工，今天早上前往市政府劳工局陈情。", "high"},
		{"many workers, described, who went to the office", "老板欠薪后跑了。5月26日，多名情绪激动的劳动者来到区劳动监察大队反映，经核实公司拖欠36名职工三个月工资。", "high"},
		{"a crowd at the contractor's door, his own rounds few", "我们夫妻俩好几次到县政府要工程款，一直没给。四十多个工人就堵在我家门口要工钱，我只好借钱垫了一部分。", "high"},
		{"a gate blocked with a loader", "两百多名工人讨薪无果，厂区大门被铲车堵死，车辆进出不得。", "high"},
		{"a gate blocked by parked cars", "小区北门经常被私家车堵死，老人出行不便。", "low"},
		{"workers who blocked the gate with a digger, told with 将", "八十多名工人多次讨要工资未果，工人们开来挖掘机将煤矿的监管单位城南矿业有限公司大门堵死。", "high"},
		{"a company complaining its gate was blocked", "工人讨薪无果，承建企业称无故被堵门一整天，门外仍有三十多人。", "high"},
		{"a group reporting to the labour bureau", "工程完工后工钱迟迟不结，一批共九名瓦工向县人社局报案。", "high"},
		{"some of the workers, a hundred in all, went to the bureau", "12月2日，有农民工到县信访局反映工程公司拖欠工资，局长当即约谈公司。次日公司在信访局发放工资，涉及农民工一百余人。", "high"},
		{"a crowd gathered and brought to the offices", "镇上一家养殖场欠15名村民三个月工钱。张某等人讨要多次无果，只得召集多人到相关部门反映。", "high"},
		{"contractors leading their workers to demand the pay", "开发商停付工程款，工地停工。几个带班的包工头领着留守的一百多名农民工踏上了讨薪之路。", "high"},
		{"a strike the foreman called, no number", "干了半年只发了一千块，工头让我们罢工给甲方施压，可罢工后还是没拿到钱。", "high"},
		{"a station's staff stopping work over unpaid pay", "据了解，站里确实因为发不出工资停工了一天，目前只补发了一部分。", "high"},
		{"one worker who stopped work", "老板三个月没发工资，我因为发不出工资停工了，在家待着。", "medium"},
		{"taxi drivers taking part in a stoppage", "记者在火车站看到，几乎没有出租车。一名参与停运的的哥说，份子钱太高，大家只能这样。", "high"},
		{"old houses crowded in the town, tens of thousands moved", "老城区内聚集了大量平房和简易楼，居住条件差。五年来全市累计改造棚户区两万余户，六万多居民迁入新居。", "low"},
		{"a crowd gathered at the office", "城区内三十多名拆迁户聚集在区政府门口，要求兑现安置房。", "high"},
		{"several workers, unnumbered, demanding their pay", "当天，老马等多名外省籍农民工找总包公司索要工资，被告知没有钱，只能每天在工地上等。", "medium"},
		{"a crowd of workers who came to the bureau, paid years later", "工资终于拿到了。当年，老周和一群农民工来到县劳动监察大队，投诉工地拖欠工资三万多元。", "high"},
		{"advice to many workers", "很多农民工遇到欠薪可到劳动监察部门投诉。", "low"},
		{"a court that does not enforce the judgment", "工人们胜诉后，法院却迟迟不将我们这些农民工的血汗钱执行到位，我们多次打电话找庭长，仍然没有音信。", "medium"},
		{"a letter the counted households sign together", "我们是城西旧厂区的拆迁户。2012年拆迁时说好三年回迁，我们56户居民到今天还在外面租房。多年来我们多次向区政府反映，一直没有结果。\n城西旧厂区全体拆迁户\n2025年3月2日", "high"},
		{"one owner signing as an owner", "小区电梯坏了一个月，物业一直推脱，希望有关部门督促维修。\n阳光小区业主", "low"},
		{"villagers obstructing the demolition named before", "镇里进行第二批拆除时，在村民出面阻挠时，镇长称补偿款已到位，可至今没有兑现。", "high"},
		{"an office that received a works' staff", "信访接待日，区委书记首先接谈了纺织厂80余名职工反映厂区拆迁安置不合理等问题，职工表示满意。", "high"},
		{"buyers who smashed the sales office", "开盘当天近五百名排队选房的市民被激怒，一怒之下砸了售楼处。", "high"},
		{"a job lost is nothing smashed", "厂子倒闭，几百名工人砸了饭碗，只能另找活干。", "medium"},
		{"owners moving into the stalled tower together", "楼盘烂尾十年，三百多名业主集体搬进了没有水电的毛坯楼。", "high"},
		{"villagers camping by the mine", "二百多名失地村民在煤矿门前搭窝棚守了二十天，要求补偿。", "high"},
		{"tents put up without leave, in a city's clean-up", "城管部门整治私搭帐篷、乱挂横幅等行为。", "low"},
		{"a crowd going to the inspection team", "三十多位老职工浩浩荡荡赶到省城，向中央巡视组反映养老待遇问题。", "high"},
		{"the largest protest in years, no number", "运煤卡车碾死牧民的消息传开，引发当地多年来最大规模的抗议。", "high"},
		{"pay wired to the court's account", "法院执结一起劳务纠纷，被执行人将万某等八位农民工的工资款八万五千元汇到法院指定的账户上。", "low"},
		{"a thank-you letter the workers signed together", "据报道，老板卷走约四十名打工者的工资，经派出所努力，欠款已全部追回。近日，十三名打工者联名写了一封感谢信送到派出所。", "low"},
		{"residents asking the management in the owners' chat", "小区四十户居民停水三天，居民在业主群里要求物业及时维修，物业称正在抢修。", "medium"},
		{"petitioning at the city hall, told in a relative clause", "据报道，在巴彦淖尔市政府上访的万丰村村民王某、杨某等多名市民向本报透露，政府拖欠的工程款迟迟不还。", "medium"},
		{"将近 is no disposal: the workers before the office", "区住建局称正在协调。将近两百名工人围堵了区政府大门。", "high"},
		{"a reply says the noise was stopped", "广场每天早上五点就有人放音乐，业主多次向派出所反映。\n网友您好！经督办，广场噪声扰民现象已得到有效制止，现予回复。", "low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := a.Analyze("t", "", tt.text).Risk; r.Level != tt.level {
				t.Errorf("Analyze(%q).Risk = %+v, want level %s", tt.text, r, tt.level)
			}
		})
	}
}

func TestReadingTraps(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text string
		want       []string // core categories
	}{
		{"a renewal project where workers built", "某苑棚户区工程的农民工代表反映，他们干完了镇上的棚户区改造工程，总包单位却拖欠三十多名工人的工资。", []string{xinfang.CategoryWageArrears}},
		{"a factory's move and layoffs", "上千名员工停工抗议，说厂方不给下岗补偿。据了解，这次停工与搬迁及劳资矛盾有关。", nil},
		{"pay not yet drawn", "临近年关，六名外地工人还未拿到一年来的工资，只好找到镇政府求助。", []string{xinfang.CategoryWageArrears}},
		{"scaffolding", "施工方迟迟不拆脚手架，挡住了一楼住户的窗户。", nil},
		{"billboards", "城管部门拆除了主干道两侧的临时围挡和广告牌。", nil},
		{"noise of a demolition site", "旁边拆迁工地的噪音从早到晚不停，孩子没法写作业。", []string{xinfang.CategoryNoise}},
		{"renewal project as a place", "城中村改造项目工地夜间施工，吵得睡不着。", []string{xinfang.CategoryNoise}},
		{"保交楼 as a policy word", "全市保交楼工作专班召开会议，部署下一阶段任务。", nil},
		{"工程款 between companies", "我公司承建的工程完工两年，甲方公司拖欠我公司工程款300万元，老板一直拖着。", nil},
		{"a buyer's 血汗钱", "买房花光了一家人的血汗钱，开发商却跑了，楼也停工了。", []string{xinfang.CategoryDelayedDelivery}},
		{"workers' 血汗钱", "我们十几个工人的血汗钱被包工头卷走了。", []string{xinfang.CategoryWageArrears}},
		{"劳务款", "在某养殖场干了半年，老板欠我们三个人的劳务款一直不给。", []string{xinfang.CategoryWageArrears}},
		{"late resettlement flats", "回迁房说好前年交，过渡期早过了，至今没交房。", []string{xinfang.CategoryDemolitionCompensation, xinfang.CategoryDelayedDelivery}},
		{"illegal building enforcement", "城管对小区内三处违法建设实施了强制拆除。", nil},
		{"a house handed over late, in Taiwan's words", "建商延迟交屋八百多天，十几户买主向法院起诉求偿。", []string{xinfang.CategoryDelayedDelivery}},
		{"a crew owed money, told of them", "老马和十几个工友给一家公司盖了两年厂房，对方拖欠他们三万多元，一直追讨不回。", []string{xinfang.CategoryWageArrears}},
		{"roosters before dawn", "楼后有人在空地上养鸡，每天凌晨三点多公鸡就开始打鸣，严重影响休息。", []string{xinfang.CategoryNoise}},
		{"muck trucks through the night", "泥头车从白天开到凌晨一点多，窗户被震得直响，周围居民无法正常休息。", []string{xinfang.CategoryNoise}},
		{"a site still at work, told for its noise", "我们小区东边的楼还在施工，晚上十一点了搅拌机还响个不停，孩子根本睡不着。", []string{xinfang.CategoryNoise}},
		{"a new flat too cold to live in", "今年冬天暖气一直不热，刚装修好的新房无法入住，只能住在父母家。", nil},
		{"resettlement flats past their promised term", "老街征收时合同写明两年还房，如今还房期限早已过去，安置楼连地基都没打。", []string{xinfang.CategoryDemolitionCompensation, xinfang.CategoryDelayedDelivery}},
		{"transition fees paid past the term", "村里拆迁六年了，开发商只付了一部分超期过渡费，大家还在外面租房。", []string{xinfang.CategoryDemolitionCompensation, xinfang.CategoryDelayedDelivery}},
		{"a garbage station taken away", "村里在我家地头建的垃圾站，登报第三天就派推土机全部拆除清运了。", nil},
		{"an unsafe home rebuilt with a subsidy", "我家还是土坯房，想问有没有补助。答复：住房不安全的低收入户纳入今年危房改造范围，引导在原址拆除重建，每户补助不超过2万元。", nil},
		{"noise from a resettlement-flat site", "旁边十几栋安置房施工现场中午也在打桩，吵得孩子没法午睡。", []string{xinfang.CategoryNoise}},
		{"stalled towers seen on the way, workers unpaid", "沿着环城路走，两边都是烂尾楼和半截工程。一群外地农民工在工地上等着，包工头说开发商不给钱，工资发不出来。", []string{xinfang.CategoryWageArrears}},
		{"a village's problem left unfinished", "村里的征地补偿问题拖了七年，至今仍然“烂尾”，村民们的地上附着物补偿一直没有兑现。", []string{xinfang.CategoryDemolitionCompensation}},
		{"a building stalled that buyers paid for", "首付交了两年，楼盘烂尾了，每月还在还按揭。", []string{xinfang.CategoryDelayedDelivery}},
		{"an estate of resettlement flats where a workshop is loud", "我们小区是回迁房，楼下开了个木工作坊，半夜还在电锯，吵得孩子睡不着。", []string{xinfang.CategoryNoise}},
		{"resettlement flats not handed over", "拆迁时说好两年回迁，如今过去四年，回迁房还没交付。", []string{xinfang.CategoryDemolitionCompensation, xinfang.CategoryDelayedDelivery}},
		{"owners' loudspeaker at a protest", "交房一拖再拖，二十多名业主到县政府门前拉横幅，使用喇叭高声喧闹。", []string{xinfang.CategoryDelayedDelivery}},
		{"a shop's loudspeaker all day", "楼下超市门口用喇叭循环播放促销广告，从早到晚喧闹不停。", []string{xinfang.CategoryNoise}},
		{"flood victims' flats stalled", "洪灾后给二十户灾民盖的安置房停工了一年多，成了烂尾楼。", []string{xinfang.CategoryDelayedDelivery}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			var got []string
			for _, c := range an.Categories {
				if slices.Contains(xinfang.CoreCategories, c) {
					got = append(got, c)
				}
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Analyze(%q) core categories (-want +got):\n%s\nevidence %v", tt.text, diff, an.Evidence)
			}
			for c, ev := range an.Evidence {
				for _, w := range ev {
					if len([]rune(w)) < 2 {
						t.Errorf("Analyze(%q).Evidence[%s] has one-character word %q", tt.text, c, w)
					}
				}
			}
		})
	}
}

func TestReadingFigures(t *testing.T) {
	a := testAnalyzer(t)
	ip := func(n int) *int { return &n }
	sp := func(s string) *string { return &s }
	tests := []struct {
		name, text string
		headcount  *int
		amounts    []float64
		city       *string
	}{
		{"上百", "上百名工人堵住了项目部大门。", ip(100), []float64{}, nil},
		{"a financial six before its unit", "欠款陆万元至今未还。", nil, []float64{60000}, nil},
		{"village officials who turned themselves in", "县纪委追回被挪用的征地补偿款，有16名村组干部主动投案。", nil, []float64{}, nil},
		{"police who came, and those arrested", "村民堵路第五天，特警和警察来了300人，一共抓了12人。", nil, []float64{}, nil},
		{"a meeting of the buyers' own cause", "烂尾楼购房人维权小组会议昨天召开，十一名购房人参加会议，推选了五人小组。", ip(11), []float64{}, nil},
		{"brothers counted with the measure word", "我领着二十几个兄弟干了一年，工钱至今没要来。", ip(20), []float64{}, nil},
		{"signatures on a joint letter", "一张白纸上按着二十多个红手印，写着31个签名，村民们带着它去了镇政府。", ip(31), []float64{}, nil},
		{"one unit for a list of sums", "新村房型分8万、12万、16万元三种。", nil, []float64{80000, 120000, 160000}, nil},
		{"块 before the balance", "装修完付了5万元，剩下4200块的尾款一直没结。", nil, []float64{50000, 4200}, nil},
		{"the hurt of a clash", "讨薪的工人被打，至少有6名农民工受伤入院。", nil, []float64{}, nil},
		{"the hurt of an accident", "拆脚手架时架子倒塌，3名工人受伤，已送医。", nil, []float64{}, nil},
		{"workers who came one after another", "一百二十多名工人先后到劳动监察大队投诉，监察大队责令公司限期支付。", ip(120), []float64{}, nil},
		{"what is left, short of a month's pay", "乡里账上还剩4万不够发一个月工资。", nil, []float64{40000}, nil},
		{"a price per kilometre, and per mu", "修路工程按每公里28.6万中标，村里的地却以每亩60万卖给了开发商。", nil, []float64{286000, 600000}, nil},
		{"what we took home", "干了一年活，我们才拿了十几万，剩下的老板一直拖着。", nil, []float64{100000}, nil},
		{"a project's population", "南片棚改拆迁涉及到了近两万人口，目前已签约过半。", ip(20000), []float64{}, nil},
		{"riot police and hired thugs", "村民六七十人守在地头，镇里派来三百名防暴警，还有一百多名打手。", ip(60), []float64{}, nil},
		{"a resettlement quota", "一期安置任务有420户，其中156户等待回迁已近四年。", ip(156), []float64{}, nil},
		{"the people a market serves, and its size at its peak", "菜市场开了二十多年，为周边十几万居民提供服务，最高峰有两千多商户，如今三百余户商户面临关停。", ip(300), []float64{}, nil},
		{"a city's population", "这座老矿城市区40多万人当中，一半靠矿上吃饭，矿上已欠发工资八个月。", nil, []float64{}, nil},
		{"the other side's men", "老板召集60多人拿着棍子冲进工棚，打伤了来讨工钱的工人。", nil, []float64{}, nil},
		{"experts with a qualifier", "调解室请来了27名持证专家，帮业主和开发商算逾期交房的违约金。", nil, []float64{}, nil},
		{"people commuting past a blocked door", "12名工人堵住办公楼正门讨薪，楼里其他单位300多人上下班只能走侧门。", ip(12), []float64{}, nil},
		{"those who took part in an incident", "镇里强行带走村民代表，引发200余人参与的群体性事件。", ip(200), []float64{}, nil},
		{"thousands comma before owners", "楼盘烂尾三年，2,400业主的首付血本无归。", ip(2400), []float64{}, nil},
		{"a rough count before 民众", "上千民众连日在化工园区门口抗议排污。", ip(1000), []float64{}, nil},

		{"a border crossing passed on the way abroad", "九十多名工人五月从二连浩特口岸出境，到邻国一处工地干活，老板至今拖欠工资。", ip(90), []float64{}, nil},
		{"a county's short name ending a developer", "业主此前多次与开发商协商，但开发商都没有给出答复。", nil, []float64{}, nil},
		{"a county's short name after another city's district", "位于虹口区凉城的楼盘开盘当天，近百名业主在售楼处抗议。", ip(100), []float64{}, nil},
		{"an estate sector named after a county", "凉城板块的新盘开盘，业主在售楼处拉横幅。", nil, []float64{}, nil},
		{"a county's short name after a park is still the county", "工业园区凉城的企业拖欠工人工资三个月。", nil, []float64{}, sp("乌兰察布市")},
		{"a bare 万 owed and not paid, and one wired", "钢筋班组长说：“这一期的12万，到现在都没有给我。”公司答应下午先汇入5万。", nil, []float64{120000, 50000}, nil},
		{"a bare 万 of a distance is no money", "项目离县城有12万米，工人每天坐车上工，没给补助。", nil, []float64{}, nil},
		{"a rough size after the noun of its people", "商场的冷却塔整夜轰鸣，周边三个小区居民上万，夜里都睡不好。", ip(10000), []float64{}, nil},
		{"a rough sum after a noun of people is money", "这笔钱涉及村民上万元，至今没有发放。", nil, []float64{10000}, nil},
		{"a bare 万 before a fee", "小区半年欠了四百多万，每月只能收七八万物业费。", nil, []float64{4000000, 70000, 80000}, nil},
		{"a bare 万 spent on a flat", "老两口花三百多万买的学区房，交付两年了墙面还在渗水。", nil, []float64{3000000}, nil},
		{"a bare 万 borrowed", "为给孩子看病借了十几万，工地的钱到现在一分没结。", nil, []float64{100000}, nil},
		{"a bare 万 with 余 before households", "新区万余户居民的暖气一直不热，热力公司说是开发商管网没修好。", ip(10000), []float64{}, nil},
		{"a bare 万 with 余 before 元", "监察大队为这些工人追回工资万余元。", nil, []float64{10000}, nil},
		{"police call-outs are no people", "专项行动开展以来，全县法院累计出警210余人次，拘留拒不履行的被执行人9人。", nil, []float64{}, nil},
		{"debtors barred from luxury spending", "截至月底，共执结案件54件，通过发布限高令31人，对规避执行形成震慑。", nil, []float64{}, nil},
		{"the court's bailiffs", "晚上7点，该院40多名执行局干警集结到位，分头前往被执行人住处。", nil, []float64{}, nil},
		{"leaders and onlookers are not the group", "8名外地工人为讨要工钱爬上了塔吊，楼下围了上百名群众。事后，警方对3名组织者予以行政拘留。", ip(8), []float64{}, nil},
		{"one netizen who wrote in", "近日，一位网友在留言板反映，小区门口的夜市每晚吵到一点多。", nil, []float64{}, nil},
		{"one worker who came to the bureau", "一名外地农民工来到区信访局，反映工地老板拖欠他三个月工资。", ip(1), []float64{}, nil},
		{"two builders at work next door", "记者在楼下看到，两名装修工人正在切割地砖，噪音很大。", nil, []float64{}, nil},
		{"the writer and his wife", "我和爱人两个人在工地做了大半年小工，工钱一直没结。", ip(2), []float64{}, nil},
		{"two workers up a crane for pay", "昨天中午，两名民工爬上塔吊讨薪，消防员劝了三个小时。", ip(2), []float64{}, nil},
		{"drivers counted by their cabs", "县城93辆出租车司机联名要求降低份子钱。", ip(93), []float64{}, nil},
		{"a place between the measure and the noun", "30多个城关镇南街村保洁员五个月没拿到工资。", ip(30), []float64{}, nil},
		{"a bare 万 spent on treatment", "住院三个月，家里已经花去二十几万的医疗费。", nil, []float64{200000}, nil},
		{"a plain figure after a sale price", "开发商拿门面抵工钱，门面定价9000，市场上根本卖不到。", nil, []float64{9000}, nil},
		{"廿 for twenty", "听证会上，自救会廿余人到场抗议。", ip(20), []float64{}, nil},
		{"廿 and a digit", "廿五名工人在工地门口讨薪。", ip(25), []float64{}, nil},
		{"households moved out, living in huts", "临时安置点的板房里住着六十多户拆迁户，安置房过了交付日期还没开建。", ip(60), []float64{}, nil},
		{"an estate's households", "我们小区一共住着一千多户，电梯三天两头坏。", nil, []float64{}, nil},
		{"output value and a sum cut down", "算下来总产值近 30 万，工程款却被压到 29 万多。", nil, []float64{300000, 290000}, nil},
		{"an origin between measure and noun", "声明称，有一千多个蒙古牧民家庭受到非法占用草场的影响。", ip(1000), []float64{}, nil},
		{"many, as a figure of speech", "近600户业主四年来多次向上级反映，这成百上千的业主能住得安心吗？", ip(600), []float64{}, nil},
		{"firefighters are no group", "一名男子爬上塔吊讨薪，消防中队接到报警后迅速出动，5名官兵赶赴现场。", nil, []float64{}, nil},
		{"money demanded before the people", "讨薪3.2万 农民工爬上23楼要跳下", nil, []float64{32000}, nil},
		{"two arabic digits sharing 万", "除了生活费，每人都被拖欠1、2万元工资。", nil, []float64{10000, 20000}, nil},
		{"a numbered list is no pair", "诉求有两点：1、2万元押金退还；3、尽快复工。", nil, []float64{20000}, nil},
		{"exact over rough", "数十名农民工聚集，其中20人到旗信访局反映。", ip(20), []float64{}, nil},
		{"staff are not the group", "区里出动执法人员30名，约谈了3名包工头。", nil, []float64{}, nil},
		{"policy condition", "按政策，三人以上家庭可以多选一套安置房。", nil, []float64{}, nil},
		{"households as 家庭", "400多个家庭联名写信要求回迁。", ip(400), []float64{}, nil},
		{"the one named comes too", "郭先生和8名同事被拖欠工钱。", ip(9), []float64{}, nil},
		{"a word between", "数百愤怒工人走出厂门拦截车辆。", ip(100), []float64{}, nil},
		{"数10", "数10村民堵了村委会大门。", ip(10), []float64{}, nil},
		{"people detained are no group", "当天执结案件8件，执行到位金额52万元，拘传6人，拘留2人。", nil, []float64{520000}, nil},
		{"a village's population", "我们村共有48户，总人口约190人，承包地全被征了。", ip(48), []float64{}, nil},
		{"a workshop's staff", "这个厂房里共有160多名职工，其中30多个是女工。夜班从七点开始。", nil, []float64{}, nil},
		{"a whole village, rhetorically", "臭味天天飘过来，难道要拿一村好几千人的健康去换？", nil, []float64{}, nil},
		{"the workforce of a region's sites", "今年在全盟各工地务工的农民工有6万多人，已为2100名农民工追回欠薪。", ip(2100), []float64{}, nil},
		{"a population with its grievance", "这个小区现有400多户业主，至今没有拿到房产证。", ip(400), []float64{}, nil},
		{"the writers' own village", "我村地处山区，全村有73户，修水库占了我们的耕地，补偿迟迟不到。", ip(73), []float64{}, nil},
		{"an estate's households", "我们小区一共住着一千多户，工地每天夜里一两点还在浇筑混凝土。", nil, []float64{}, nil},
		{"nobody is no group", "二期封顶一年多了，工地上空无一人，交房日期还剩不到50天。", nil, []float64{}, nil},
		{"a count in 号", "共有300余号民工在这个项目干活，投资上亿元。", ip(300), []float64{100000000}, nil},
		{"estates counted with 个", "今年改造了15个居民小区的供热管网。", nil, []float64{}, nil},
		{"cases counted with 个", "法院要在春节前办结涉及9个农民工工资案。", nil, []float64{}, nil},
		{"a range written with a pause", "每户补偿只有三、四十万元，根本买不起房。", nil, []float64{300000, 400000}, nil},
		{"digits right before herders", "某旗15牧民昨天到了盟里，反映草场被占。", ip(15), []float64{}, nil},
		{"hired men from elsewhere", "30多名外地人手持木棍来到村口，与村民发生冲突。", nil, []float64{}, nil},
		{"a campaign's catch is a statistic", "专项检查共查处拖欠工资的用人单位300余户，涉及农民工1.2万人；已为9800名农民工追回工资。", ip(9800), []float64{}, nil},
		{"officials sent out", "全县千余名机关党员干部下沉到问题楼盘，逐户走访业主。", nil, []float64{}, nil},
		{"one owner among many", "我是某开发楼盘“锦绣花园”的一位业主，楼盘停工一年多了。", nil, []float64{}, nil},
		{"nearly a size, and a smaller group", "老乡们共计300余人来这里打工；4月起，近500名农民工开始施工，至今没拿到工资。", ip(500), []float64{}, nil},
		{"a count after an address", "住在危窑中的7户村民至今拒绝搬迁，说补偿太低。", ip(7), []float64{}, nil},
		{"a decimal count in 万", "全省各级人社部门共为1.26万名农民工追回工资2.3亿元。", ip(12600), []float64{230000000}, nil},
		{"a workforce is no group", "检查用工单位60户，这些单位使用农民工人数达2300人；为410名农民工追付拖欠工资300万元。", ip(410), []float64{3000000}, nil},
		{"a town whose name ends in 丰镇", "某省某市长丰镇的村民反映，修路占地两年没有补偿。", nil, []float64{}, nil},
		{"financial numerals", "每户集资维修费约四佰元，工资叁仟伍佰元一直没发。", nil, []float64{400, 3500}, nil},
		{"one person described", "一位姓林的村民说，修路占了他家两亩地，补偿一直没给。", nil, []float64{}, nil},
		{"representatives to be chosen", "请各项目部推选2-3名代表，参加下周的欠薪协调会。", nil, []float64{}, nil},
		{"a range inside a numeral", "大工每天能拿一百七八十元，小工一千二三百元一个月。", nil, []float64{170, 180, 1200, 1300}, nil},
		{"firms counted in 户", "督促12户用人单位补缴社保，为86名职工追回工资。", ip(86), []float64{}, nil},
		{"capacity is no group", "该安置区规划入住2192户。", nil, []float64{}, nil},
		{"range", "日工资300—400元不等。", nil, []float64{300, 400}, nil},
		{"range sharing 万", "每户补偿3—5万元。", nil, []float64{30000, 50000}, nil},
		{"space before 万元", "共拖欠工资36.5 万元。", nil, []float64{365000}, nil},
		{"price per 亩", "征地补偿每亩1万5，太低了。", nil, []float64{15000}, nil},
		{"rough money", "被拖欠数百万工资。", nil, []float64{1000000}, nil},
		{"Chinese range of money", "一年到手也就二三十万元。", nil, []float64{200000, 300000}, nil},
		{"个亿", "上面拨了18个亿的专项资金。", nil, []float64{1800000000}, nil},
		{"spaced 亿", "补贴款总额为86 亿。", nil, []float64{8600000000}, nil},
		{"area is no money", "3万亩草场被划进矿区。", nil, []float64{}, nil},
		{"spaced thousands", "判决被告支付工程款1 695 068.1元。", nil, []float64{1695068.1}, nil},
		{"人民币 after 万", "至今还差约4950多万人民币。", nil, []float64{49500000}, nil},
		{"sum named after", "交了10000保释金才出来。", nil, []float64{10000}, nil},
		{"signs counted in 块", "拆除了226块户外广告牌。", nil, []float64{}, nil},
		{"a new town area is no district", "县政府占了我们村的水浇地，建新城区的商品楼，一分补偿款都没有。", nil, []float64{}, nil},
		{"comparison place", "比托县那边的补偿低多了，我们和林格尔县的标准每平方米才1200元。", nil, []float64{1200}, sp("呼和浩特市")},
		{"other province's district", "兰州市城关区某工地拖欠工资。", nil, []float64{}, nil},
		{"street named after a 盟市", "家住鄂尔多斯大街某小区，楼下饭店油烟太大。", nil, []float64{}, nil},
		{"region-wide", "呼和浩特市、包头市、赤峰市和通辽市共为农民工追回工资1.2亿元。", nil, []float64{120000000}, nil},
		{"the site's workforce, the callers set apart", "来电人与妻子在某项目做抹灰，项目上前后干过两百来号人，别人都已结清，只剩他们两个人的钱一直没给。", ip(2), []float64{}, nil},
		{"a banner's workforce", "今年全旗在建项目共吸纳1.2万农民工；近日办结一起欠薪案件，23名工人被拖欠工资41.5万元。", ip(23), []float64{415000}, nil},
		{"one man deciding is no count", "鱼池扩宽款由村主任一人说了算，工程也由他一人支配。", nil, []float64{}, nil},
		{"a bare 千万 is a size", "千万补偿仅付零头，一千七百多万本金加利息至今没拿到。", nil, []float64{17000000}, nil},
		{"a floor's households", "青年公寓一层有21户居民，只配了5部电梯，电梯反复坏。", nil, []float64{}, nil},
		{"fellow villagers counted", "他和十几个老乡去年来青岛给工地粉刷外墙，工钱一直没结清。", ip(10), []float64{}, nil},
		{"people a campaign benefited", "截至1月19日，我镇已化解欠薪案件75起，累计追回欠薪320余万元，惠及农民工115人。", ip(115), []float64{3200000}, nil},
		{"a spaced range in 万", "村委会最近又说只能补 2 万至 3 万元左右。", nil, []float64{20000, 30000}, nil},
		{"debt is money", "房子被拆了，如今我还负债20万。", nil, []float64{200000}, nil},
		{"households a facility serves", "这个垃圾站服务于周围几百家住户，就在我家外墙边上。", nil, []float64{}, nil},
		{"a count in 万 with workers", "上半年全省为11.4万农民工追回工资2.3亿元。", ip(114000), []float64{230000000}, nil},
		{"teams are not people", "法官联系了该项目4个农民工班组的代表，经核实共计123名农民工的工资未发放。", ip(123), []float64{}, nil},
		{"officials by rank", "自治区由10名厅处级干部组成三个督查组，分赴各地督查欠薪。", nil, []float64{}, nil},
		{"a dash written thrice", "村里让我们买宅基地，每块交3000---5000元不等。", nil, []float64{3000, 5000}, nil},
		{"几万 states no figure", "算下来每户还得再掏好几万，打工一个月也就几千块。", nil, []float64{}, nil},
		{"comparison before a list", "别的地方如集宁、镶黄旗这两天都还在供暖，我们苏尼特右旗为什么停了？", nil, []float64{}, sp("锡林郭勒盟")},
		{"a dateline is where the story was filed", "新华社呼和浩特5月3日电 全区各级人社部门近日开展欠薪排查。", nil, []float64{}, nil},
		{"a site's dateline", "正北方网呼和浩特8月2日电（记者某某）乌兰察布市集宁区一小区加装电梯后，夜里机房嗡嗡响。", nil, []float64{}, sp("乌兰察布市")},
		{"a dateline opening the text", "包头6月9日电 通辽市科尔沁区一处安置房拖了三年还没交。", nil, []float64{}, sp("通辽市")},
		{"one county told again and again among others named once", "在赤峰市打工的兴安盟农民工老赵拿到了工资。托县法院执行局去年受理此案，托县人社局此前已作出处理决定。托县法院查找工人，托县法院最终执行到位。", nil, []float64{}, sp("呼和浩特市")},
		{"ranks listed after 第", "全市的考核排名中，这三个镇分别是倒数第1、3、7位，群众对环境问题反映较多。", nil, []float64{}, nil},
		{"pieces of a thing in Latin letters", "城管部门拆除违规广告牌，另设置了24块LED屏播放公益广告，每块屏每月电费300元。", nil, []float64{300}, nil},
		{"several 盟市 each named once or twice", "赤峰市、通辽市和包头市的法院今年共执行到位农民工工资8000余万元，赤峰市最多。", nil, []float64{80000000}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := a.Analyze("t", "", tt.text)
			if diff := cmp.Diff(tt.headcount, an.Headcount); diff != "" {
				t.Errorf("Analyze(%q).Headcount (-want +got):\n%s", tt.text, diff)
			}
			if diff := cmp.Diff(tt.amounts, an.AmountsYuan); diff != "" {
				t.Errorf("Analyze(%q).AmountsYuan (-want +got):\n%s", tt.text, diff)
			}
			if diff := cmp.Diff(tt.city, an.City); diff != "" {
				t.Errorf("Analyze(%q).City (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestHomeAddressYields: a full address after 家住 is where the person
// lives; the county of the matter is the one named for it.
func TestHomeAddressYields(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("t", "", "家住内蒙古鄂尔多斯市东胜区的郝某说，杭锦旗十年前启动的旧城改造项目至今欠着他的工程款。")
	if an.County == nil || *an.County != "杭锦旗" {
		t.Errorf("county %v, want 杭锦旗", an.County)
	}
	an = a.Analyze("t", "", "我家住在东胜区一个老小区，楼下烧烤店天天吵到半夜。")
	if an.County == nil || *an.County != "东胜区" {
		t.Errorf("county %v, want 东胜区 (the only place named)", an.County)
	}
}

func TestCountyList(t *testing.T) {
	a := testAnalyzer(t)
	// Four or more counties of one city listed: the city, no county.
	an := a.Analyze("t", "", "本月呼和浩特市12345热线共受理噪声投诉80件，其中新城区21件、回民区15件、玉泉区12件、赛罕区32件。")
	if an.City == nil || *an.City != "呼和浩特市" || an.County != nil {
		t.Errorf("city %v county %v, want 呼和浩特市 and none", an.City, an.County)
	}
	// Three named, two of them where the workers come from: the county of the matter.
	an = a.Analyze("t", "", "我们十二个人是察右前旗和卓资县的，在集宁区一个工地干活，工钱一直没结。")
	if an.County == nil || *an.County != "集宁区" {
		t.Errorf("county %v, want 集宁区", an.County)
	}
}

func TestLabourBossIsNoPlace(t *testing.T) {
	a := testAnalyzer(t)
	for _, text := range []string{"老张是这个工地的包头工，工钱都是他来结。", "我们跟着一个小包头干活，他说老板没给钱。"} {
		if an := a.Analyze("t", "", text); an.City != nil {
			t.Errorf("Analyze(%q).City = %q, want none", text, *an.City)
		}
	}
	if an := a.Analyze("t", "", "我在包头干了两年活，工钱一直没结。"); an.City == nil || *an.City != "包头市" {
		t.Errorf("包头 as a place lost: %v", an.City)
	}
}

func TestTraditionalFolded(t *testing.T) {
	a := testAnalyzer(t)
	trad := "興安盟烏蘭浩特市某工地27名農民工討薪，拖欠工資58萬元，揚言到市政府門口拉橫幅。"
	simp := "兴安盟乌兰浩特市某工地27名农民工讨薪，拖欠工资58万元，扬言到市政府门口拉横幅。"
	if got := FoldTraditional(trad); got != simp {
		t.Errorf("FoldTraditional(%q) = %q, want %q", trad, got, simp)
	}
	if got := FoldTraditional(trad); len(got) != len(trad) {
		t.Errorf("FoldTraditional changed the byte length: %d → %d", len(trad), len(got))
	}
	at, as := a.Analyze("t", "", trad), a.Analyze("s", "", simp)
	if !slices.Equal(at.Categories, as.Categories) || at.Risk.Level != as.Risk.Level || *at.City != *as.City || !slices.Equal(at.AmountsYuan, as.AmountsYuan) {
		t.Errorf("traditional text read differently:\n%+v\n%+v", at, as)
	}
	// Evidence quotes the text as written.
	for _, w := range at.Evidence[xinfang.CategoryWageArrears] {
		if !strings.Contains(trad, w) {
			t.Errorf("evidence %q is not in the traditional text", w)
		}
	}
	// Tokens keep offsets into the original.
	seg := a.Segmenter()
	for _, tok := range seg.Tokens(trad) {
		if FoldTraditional(trad[tok.Start:tok.End]) != tok.Term {
			t.Errorf("token %q at [%d,%d) does not fold from %q", tok.Term, tok.Start, tok.End, trad[tok.Start:tok.End])
		}
	}
}

// TestHeadlineAnswer: a headline that quotes an office's answer opens no
// reply; the report below it still tells of a strike that took place.
func TestHeadlineAnswer(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("t", "遍地垃圾无人清，当地回应：环卫工人暂时不工作",
		"近日，某镇市民发视频反映，当地环卫工因被拖欠工资引发停工，街头垃圾箱堆满垃圾。镇政府工作人员称正积极解决。12月30日，相关部门回应：目前问题已经解决，已支付全部环卫工的工资。")
	if an.Risk.Level != xinfang.RiskHigh {
		t.Errorf("Risk = %+v, want high (a strike that took place, then settled)", an.Risk)
	}
}

// TestMainlandIsNoSix checks that 陆 of 大陆 (大陸 folded) is no count in a
// headline, where an exact count would outrank the body's.
func TestMainlandIsNoSix(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("t", "大陸農民工討薪風潮再起", "湖北某市上百位农民工昨日聚集在市政府门前。")
	if an.Headcount == nil {
		t.Fatal("no headcount, want 100")
	}
	if *an.Headcount != 100 {
		t.Errorf("headcount %d, want 100", *an.Headcount)
	}
}
