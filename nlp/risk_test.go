package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/xinfang/xinfang"
)

func TestRisk(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		name, text, level string
		reason            string // one reason that must be given; "" to skip
	}{
		{"集体讨薪", "元宝山区某项目27名农民工到区信访局集体讨薪。", "high", "27名农民工到区信访局集体讨薪"}, // quoted as written, with its actor
		{"拉横幅", "工人们今天到县住建局门口拉了横幅，共十五名木工。", "high", ""},
		{"arrived in Beijing", "某旗十六名牧民昨天抵达北京，准备到有关部门反映草场补偿问题。", "high", ""},
		{"slogans raised", "十几位讨薪的农民工站在开发区入口的公路上，举着“还我血汗钱”的标语。", "high", ""},
		{"kneeling before a government department", "工程款拖欠900万，拖垮我们民工上百人，去年8月在政府部门门前下跪讨薪。", "high", ""},
		{"signatures and thumbprints door to door", "已经有一部分村民带头反对拆迁，挨家挨户签字按指印，目前大部分村民都按了。", "medium", ""},
		{"going back to an office again and again", "为了讨个说法，工友多次到市公安局经侦支队反映，可一直不予立案。", "medium", ""},
		{"a numbered group's conditional march", "我们小区近千名业主等了三年，再不交房，非要我们千人游行吗？", "high", ""},
		{"owners flocking to the sales office", "楼盘降价的消息传开，老业主纷纷涌向售楼处抗议。", "high", ""},
		{"结伙上访", "我们十二个钢筋工上周结伙到镇政府上访，讨要拖欠的工钱。", "high", ""},
		{"a wish not to act", "小区的居民只想要个安静，我们不愿发生群体事件，请尽快答复。", "low", ""},
		{"an open letter signed by 30+", "致区长的一封公开信：我们村的耕地被征用，至今没有补偿。反映人：某村村民120户", "high", ""},
		{"someone of a counted group blocks a door", "我带着同村40多个工友在外地干了一年活，老板欠着工钱不结，一些工友出言不逊，还有人堵门要账。", "medium", ""},
		{"someone calls the police, the villagers block", "挖掘机进村那天有人报警，三十多个村民堵住了村口。", "high", ""},
		{"climbing a gate high up", "八名泥水工爬上十几米高的厂区大门，说不给工钱就不下来。", "high", ""},
		{"an objection to the office's answer", "贵单位上月对本人反映的楼下烧烤店油烟噪音问题作了答复，本人对答复不予认可，现提出以下异议。", "medium", ""},
		{"calling everywhere", "变压器嗡嗡响了一冬天，我们几家到处联络，供电公司来看过一次，至今没改。", "medium", ""},
		{"a room of angry people", "说好两年回迁，现在第五年了，回迁户们一提起这事就气不打一处来。", "medium", ""},
		{"a standoff with the builders", "推土机开进来那天，六十多个村民守在地头，与施工人员对峙了一个上午。", "high", ""},
		{"a government stormed", "为了反对把县城迁走，上千名百姓连续三天大闹县政府。", "high", ""},
		{"workers who came one after another", "一百二十多名工人先后到劳动监察大队投诉，监察大队责令公司限期支付，工资已全部发放。", "low", ""},
		{"an impact on herding, and a flock", "煤矿开发对这个牧业旗的冲击更为直接，她家的羊群里今年死了四十多头羊。", "low", ""},
		{"a project's population", "南片棚改拆迁涉及到了近两万人口，目前已签约过半，剩下的正在评估。", "low", ""},
		{"a body that acted, told as 集体", "交房一拖再拖，小区业主们忍无可忍，集体走上街头堵路。", "high", ""},
		{"聚集堵路", "九十多名农民工在项目部门口聚集，扬言堵路。", "high", ""},
		{"进京", "我们六十多户已经商量好，下个月一起去北京反映。", "high", ""},
		{"联名30户", "全村三十多户已经在联名信上签了字，准备一起送到市里。", "high", ""},
		{"静坐", "四十余名村民今日在旗政府门口静坐。", "high", ""},
		{"到信访局来访的6人", "来访人张某某等6人到旗信访局反映拖欠工资。", "high", ""},
		{"群里商量无人数", "大家在群里商量要一起去区里讨说法。", "medium", ""},
		{"扬言无人数", "工人们扬言再不给钱就去堵路。", "medium", ""},
		{"第四次反映", "这是我第四次反映了，还是没人管。", "medium", "第四次反映"},
		{"十几趟", "我们跑了十几趟信访局，都说在协调。", "medium", ""},
		{"told to the property firm", "楼下的水泵每天五点就开始响，物业那边说过好几回，每次都说会修。", "medium", ""},
		{"sites complained about", "去年全市热线受理噪声诉求五千多件，对反复被投诉的工地，已移交城管部门处理。", "low", ""},
		{"households received together", "县信访局今天接待了王某某等9户村民，反映修路占地的补偿款一直没有发放。", "high", ""},
		{"a crew stops work", "某供水管网工程施工队40余人停工，要求支付拖欠的工钱。", "high", ""},
		{"two of the group act", "十几个工人被欠了半年工资，其中两人一时想不开，爬上了工地的塔吊。", "medium", ""},
		{"the dancers are the noise", "每天早上六点，楼下小广场就聚集起二十多名晨练的老人，音响开得很大，吵得人睡不着。", "low", ""},
		{"people standing about", "上午，十几个村民三三两两聚集在村口的树荫下，聊着今年的收成。", "low", ""},
		{"a group writes", "尊敬的领导：我们是一群在开发区干保洁的工人，公司已经四个月没发工资了。", "medium", ""},
		{"dozens of times", "村里欠我的工钱两万多，我找村里、乡里领导数十次，都说没钱。", "medium", ""},
		{"多次咨询", "主体封顶两年了，我们多次向街道办咨询交房的事，每次都说快了。", "medium", ""},
		{"情绪激动", "来电人情绪激动，说房子的事再拖下去没法活了。", "medium", "情绪激动"},
		{"workers at the employer's office", "十多名木工来到某装饰公司讨要工钱，保安把他们挡在门外。", "high", ""},
		{"last year is no going", "我们十一个人去年在一家农业公司种西瓜，到现在工钱一分没给。", "medium", ""},
		{"a hoarding is the subject of 围了", "围挡围了两年没动静\n拆迁片区的补偿方案一直没有公布，想问问什么时候能谈。", "low", ""},
		{"a tower blocks the lane", "新建的写字楼把小区东门的通道堵死了，老人买菜要绕一大圈。", "low", ""},
		{"the writer set apart from the workforce", "我在一家砖厂干活，厂里共有八十多名工人，别人的工资都按月发了，只有我被扣了两个月的工钱。", "low", ""},
		{"workers keep the firm's cars in", "六十多名工人讨要工钱，昨天部分工人将公司的车辆堵在了院里。", "high", ""},
		{"an agency fining again and again", "生态环境局表示，已针对该猪场排放问题多次予以处罚，累计罚款18万元；居民说即便门窗紧闭也难以阻挡噪音。", "low", ""},
		{"many channels tried", "他通过信访、电话等多种途径向环保、检察、乡镇、县政府实名举报，均未得到解决。", "medium", ""},
		{"residents indignant", "KTV每晚唱到凌晨，很多居民愤愤不平。", "medium", ""},
		{"a crowd packed into the property office", "业主们第四次没能收房，物业办公室内挤入了40多名情绪激动的业主，楼外还有许多业主等着开发商的说法。", "high", ""},
		{"a group that means to take it to the city level", "十几个工人向区劳动部门反映问题无果，便想到市级劳动部门反映，其中两人爬上了电力铁塔。", "high", ""},
		{"complaints kept up for years", "噪音扰民投诉近两三年迟迟得不到解决，作坊每天24小时开工。", "medium", ""},
		{"a year is a date, not a duration", "我反映2023年装的路灯一直不亮的问题，希望尽快修好。", "low", ""},
		{"residents complained one after another", "小区早上5点就在搬运垃圾，声响很大，居民不堪其扰，纷纷投诉。", "medium", ""},
		{"the writers' own earlier complaint named as a noun", "因上次我们兄弟俩向两位领导反映的宅基地被征用后没有安置的事，至今没有解决。", "medium", ""},
		{"a hope of being paid is no payment", "想着能安稳拿到钱，结果干了半年只发了一千，我们多次找包工头讨要，还是没拿到。", "medium", ""},
		{"a dispute mediated and paid", "经过调解，当晚8时，李某等5名农民工的工资共计40000元成功发放，这起欠薪案件终于得到了圆满的解决。", "low", ""},
		{"anger held back", "村里的占地补偿不公开，钱由村主任一人支配，村民们敢怒不敢言。", "medium", ""},
		{"a wage dispute settled at the centre", "日前，一场涉及59名农民工、金额达128万元的欠薪风波在综治中心上演“极速解决”。", "low", ""},
		{"the office said to look away is not the writers' anger", "步行街施工到深夜，噪音巨大，政府视而不见，考虑过老百姓的感受吗？", "low", ""},
		{"complaints that led nowhere for years", "我家供暖多年不达标，长期投诉无果，请有关部门彻底解决。", "medium", ""},
		{"the noise cannot be borne", "快受不了了，对面店铺的高音喇叭一天到晚不停地放，影响休息。", "low", ""},
		{"a second message on the same matter", "上个月咨询过小区何时复工，住建委回复说已经复工，可我每次去看，工地大门都锁着。", "medium", ""},
		{"a crowd fills the office, no number", "记者赶到时，一大帮工人已经把项目部的办公室挤得满满当当，门口也站满了人。", "high", ""},
		{"the building in the clause before blocks the lane", "新楼往外多占了两米，正好把巷子口堵死了，消防车开不进来。", "low", ""},
		{"a chat where news is read", "我们六个人干完活还没拿到钱，前几天在老乡群里看到消息，说老板回了南方。", "medium", ""},
		{"households a pump room supplies", "小区地下室的泵房供着三百来户的用水，水泵一响我家就被吵醒。", "low", ""},
		{"buyers behind counted projects", "全市逾期未交付的商品住宅项目共14个，分布在四个区，涉及购房户3100余户。", "low", ""},
		{"one man on the roof, a group with a banner below", "一名男子坐在楼顶边缘准备跳楼，楼下两个出口各有10余人拉着“还我血汗钱”的横幅。", "high", ""},
		{"an open letter to the mayor, signed by households", "致某市市长的一封公开信：请解决我村口粮田的土地补偿问题。\n反映人：某村村民714户", "high", ""},
		{"the workforce of inspected firms", "人社、公安等部门联合开展专项检查，检查用人单位220家、涉及劳动者1.92万人，清理拖欠工资124万元。", "low", ""},
		{"broken indentation is no question", "????????本人是某村的老住户。\n????????想问问安置房什么时候能开工，谢谢。", "low", ""},
		{"the nuisance goes on for two days", "近日，市民王先生反映，家楼下一到晚上就有人施工，很吵，已经连续两天了。", "low", ""},
		{"owners go every day", "开发商资金断裂，项目被迫停工，业主们天天去售楼处问什么时候复工。", "medium", ""},
		{"stranded on the site is no sit-in", "牛师傅和5名工友跟着包工头干水电，十万多的工钱一直没结，部分工人滞留工地，生活困难。", "medium", ""},
		{"the road of claiming wages", "为了这六万多块钱，我走上了讨薪之路，现在又要回乌鲁木齐继续讨薪。", "medium", ""},
		{"an ordered stoppage is no strike", "市里宣布，凡拖欠农民工工资的工地一律停工，由住建部门挂牌督办。", "low", ""},
		{"a crowd fills the office", "一大早，劳动监察大队办公室门口就围了一大堆情绪激动的人，办公室里也挤满了人，都喊着要工钱。", "high", ""},
		{"a court pays out", "近日，某县法院集中向18名农民工发放执行款9万余元，此前工人们多次催要未果。", "low", ""},
		{"上访 as the office's noun", "县委书记要求信访部门把上访的问题分类登记，逐件落实。", "low", ""},
		{"round of offices", "几名农民工先后在县劳动监察大队、县信访局、镇政府等部门维权，讨要工钱。", "medium", ""},
		{"round of offices told with 到", "我到区人社局、区住建局、区信访局都反映了，都说不归他们管。", "medium", "到区人社局、区住建局、区信访局都反映了"},
		{"a notice's list of offices", "群众可向人社局、住建局、信访局等部门反映。", "low", ""},
		{"offices acting together", "县里联合人社局、住建局、公安局等部门开展欠薪专项检查。", "low", ""},
		{"a chat read as a source", "郑女士从小区的业主微信群里得知，很多住户家的暖气也不热。", "low", ""},
		{"a hoarding surrounds the area", "旧城改造项目用蓝色围挡将整个片区围住，至今没有公布补偿方案。", "low", ""},
		{"an inspection's finding is a statistic", "旗里对在建项目逐一排查，发现3个项目存在拖欠，涉及农民工47人，已责令限期支付。", "low", ""},
		{"a crowd calls for support online", "四十多名农民工多次讨薪未果，只好在网上发视频，呼吁社会各界声援。", "high", ""},
		{"representatives who act themselves", "工人们大多已经回家，只留下一百多名工人代表向区劳动保障部门反映，要求尽快支付工资。", "high", ""},
		{"a group takes the matter to an office", "二十多名村民向镇政府讨说法，补偿款至今没有发下来。", "high", ""},
		{"a group that chose one to come", "十几户村民推选代表一人来访，反映补偿标准偏低。", "medium", ""},
		{"crowds at the contractor's home", "三百多名民工每到年关就成群结队跑到包工头家里讨要工钱。", "high", ""},
		{"unpaid workers storm a site", "十几名被拖欠工钱的民工讨薪不成，前天闯入工地，关闭电源，和管理人员爆发冲突。", "high", ""},
		{"workers cut the site's power", "工程款拖了半年，六十多名工人拉闸断电，工地停了下来。", "high", ""},
		{"a leader brings the crew, after a comma", "老李是班组长，上周他带着十几名钢筋工，来到镇信访办反映工钱的事。", "high", ""},
		{"residents went to the city and district offices", "拆迁涉及四十多户人家，居民们先后多次到市、区政府反映补偿标准的问题。", "high", ""},
		{"a crew at the contractor's home", "二十多名瓦工找不到老板，这几天天天到包工头家讨要工资。", "high", ""},
		{"a sit-in at the boss's home", "讨要无果，十多名民工在老板家里坐了三天三夜，才拿到一张欠条。", "high", "十多名民工在老板家里坐了三天三夜"},
		{"sitting down is no sit-in", "十多名民工在会议室里坐了下来，听镇里干部讲工资发放的安排。", "medium", ""},
		{"representatives sent up to the province", "补偿款被截留，三十多户被征地农民多次到县里反映无果，又选出代表前往市里、甚至省城上访。", "high", ""},
		{"representatives received locally", "二十户村民推选代表来访，反映安置房分配不公。", "medium", ""},
		{"an unnumbered crowd of parents", "培训班突然关门，上午很多家长堵在店门前要求退费、讨说法。", "high", ""},
		{"the village group goes again", "分地的事我们组里一直没个说法，今年春天我组村民又去县信访局上访。", "high", ""},
		{"households take the petition road", "补偿款一拖再拖，一百多户村民就此走上了上访之路。", "high", ""},
		{"many visits are no crowd", "这件事我很多次上访，到现在也没解决。", "medium", ""},
		{"ten trips to the township", "地界的事村里调解不了，我家先后十多次前往乡政府反映，都没有受理。", "medium", ""},
		{"every time we ask", "回迁楼拖了五年，每当我们去征收办询问，都说再等等。", "medium", ""},
		{"complaints to officials up the line", "他先向镇里举报，没有结果，又向旗、市有关领导进行多次实名举报。", "medium", ""},
		{"the embassy as the office", "在国外工地干活的四十多名工人被拖欠工资，一起向驻外使馆投诉求助。", "high", ""},
		{"no action last year", "去年就在网上反映过小区门口烧烤的油烟和吵闹，却久久不见行动。", "medium", ""},
		{"where is justice", "地被占了十年没人给说法，公理何在！", "medium", "公理何在"},
		{"climbing the stairs home", "停电停水三年了，楼里二十多户业主每天徒步爬上16楼，在楼道里生火做饭。", "medium", ""},
		{"climbing a crane", "二十多名工人讨薪无果，其中的包工头爬上30多米高的塔吊不肯下来。", "high", ""},
		{"officials convene to plan", "我们一千多名退休职工每月只发几百元，只要向上反映，局里就召集各单位一把手想对策，应付一下了事。", "medium", ""},
		{"a crowd imagined in a warning", "我是小区的一名业主，项目停工一年了，难道非要等到成千上万的业主集体维权你们才重视吗？", "medium", ""},
		{"a tally of collective visits", "一季度，该部受理集体进京上访179批，涉及1477人次，同比有所增加。", "low", ""},
		{"collective visits on the rise", "分析认为，今年出现集体上访增多，与村委会换届有关。", "low", ""},
		{"one office receives one collective visit", "盟信访局接待一起集体访：回迁小区居民代表及随行群众共26人，反映安置房晚交两年。", "high", ""},
		{"a crowd watching a show", "广场上每天下午都有大量人员聚集，观看二人台表演，音响声特别大，附近居民睡不了午觉。", "low", ""},
		{"an expropriation completed", "为建新教学楼，旗里对项目区内的12户房屋进行征收，经过逐户宣讲政策，目前已全部完成房屋征收工作。", "low", ""},
		{"a class is no group", "家长在问政平台反映，学校收班费名义上自愿，实际上每个班都建了群催交，某班有52人，一万多元班费不知道用在哪里。", "low", ""},
		{"an office convenes both sides", "两百多户业主至今没能收房，镇建管办工作人员说：我们已经召集开发商与业主多次协商。", "medium", ""},
		{"a reproach put to the cadres", "村里的路修了三年还是烂泥路，乡里的干部天天从这里过，难道就看不见吗？", "medium", "难道就看不见吗?"},
		{"a plain question", "小区门口的路灯坏了一个月，难道没有人负责维修吗？请尽快处理。", "low", ""},
		{"a run of question marks", "干了半年活一分钱没拿到，工资到底什么时候发？？", "medium", ""},
		{"every time we ask, addressing the office", "街道办的领导，每当我们去问安置房的事，你们就说上面还没定。", "medium", ""},
		{"countless trips", "补偿款拖了十几年，他们无数次奔走协调，得到的回答都是再等等。", "medium", ""},
		{"said in anger", "交房日期一拖再拖，业主王女士生气地说：合同上写得清清楚楚。", "medium", ""},
		{"the workers named bare, later", "老板雇的84名员工都没拿到工资。同年3月30日，员工到区劳动监察部门投诉。", "high", ""},
		{"advice is no visit", "四十多名农民工被拖欠了半年工资。农民工遇到欠薪可到劳动监察部门投诉，也可拨打12345。", "medium", ""},
		{"represented households", "来访人代表某小区8户居民反映搬迁奖励没兑现，居民多次到区住建局询问，都说在走程序。", "medium", ""},
		{"visitors in several batches", "当天共接待来访群众3批5人，反映的问题涉及宅基地纠纷等。", "low", ""},
		{"unpaid, they went to the township", "这五名农民工干了一年还未拿到工资，找到了镇政府寻求帮忙。", "high", ""},
		{"slogans shouted outside an office", "数十名环卫工冒雪在财政局外讨薪，高呼发工资。", "high", ""},
		{"周围住 is no 围住", "工地周围住了很多学生，中午切割钢材的声音太大。", "low", ""},
		{"an event planned for", "县里制定了防范和处置群体性事件的应急预案。", "low", ""},
		{"up to yesterday is a day, not a period", "截至昨天，村委会的大门已经被二十多名村民堵住3天。", "high", ""},
		{"a notice's rules", "来访群众须戴口罩，同一诉求只允许1名代表进入大厅，不得在信访场所门口聚集。", "low", ""},
		{"the office talked with the owners", "李先生来电反映：开发商至今不把房子交给我。中心回复：我们一直在协调，已经跟开发商、业主沟通多次。", "low", ""},
		{"a judgment ignored", "一百五十多户农民的玉米款两年没结，法院判决后公司置之不理。", "medium", ""},
		{"a rule of enforcement", "人社局责令公司补发拖欠180余名农民工的工资，被告人已被判处有期徒刑；对拒不履行处理决定的，将申请法院强制执行。", "low", ""},
		{"a foreman's fear", "五十多个工人的工钱一催再催，包工头怕民工找上门闹事，躲着不见。", "medium", ""},
		{"reported twice, misspelled", "这条路施工封了半年，我反应了2次，还是没人管。", "medium", ""},
		{"a few sit in the sales office", "项目停工两年，买了房的有400多户。几个坐在售楼处一角的业主满面愁容，说开发商一直不露面。", "medium", ""},
		{"one man on the crane", "七十多个工人只拿到一小部分工钱，塔吊上坐着一名男子，是他们的工头。", "medium", ""},
		{"a notice's list of rules", "为减少人员流动聚集，来访群众须提前预约，不得在信访场所、门口等地聚集。", "low", ""},
		{"complained once before, in a year gone", "养猪场的臭味和污水我2018年3月就进行过投诉，到现在还没搬走。", "medium", ""},
		{"trips for nothing", "父亲垫钱修了学校，乡里欠的工程款屡次去要，都是白跑。", "medium", ""},
		{"a crowd at an office's consultation stall", "上周六一大早，农贸市场门口围了不少市民，原来区建设局正在这里开展调研活动，收集大家对小区管理的意见。", "low", ""},
		{"owners push a fence down together", "收房当天，自住房业主合力推倒了隔开两类住房的铁栅栏，双方业主发生了激烈冲突。", "medium", ""},
		{"a year's wait is no repetition", "孩子学校中午不配餐，家长一年多来每天中午都要接送，希望教育局能反映一下给学校。", "low", ""},
		{"a dated visit by the group, then paid", "两个工地的48名农民工被拖欠半年工资。在多次讨要无果的情况下，农民工于2014年12月就到区劳动保障监察大队进行投诉，如今工资已发放到每一个农民工手中。", "high", ""},
		{"a building blocks the owners' way", "规划图上的楼后来往后挪了二十米，把我们业主的出路全堵死了。", "low", ""},
		{"officials bring the workers together", "区里三个部门赶到工地，把开发商和100多名民工聚集到一起，要求当场给付工资。", "medium", ""},
		{"a fence surrounds the site", "高高的围栏将整个片区围住，里面是待拆的平房。", "low", ""},
		{"workers block the gate", "二十多名工人把项目部的大门堵住了，要求结清工钱。", "high", ""},
		{"will go, not a disposal", "三十多户村民将于下周一起到市政府门口聚集，讨要补偿款。", "high", ""},
		{"plain discontent is not anger", "楼道里垃圾堆了一个星期也没人管，周边住户怨声载道，希望物业尽快清理。", "low", ""},
		{"a doubled outcry quoted as written", "楼下作坊每天敲打到半夜，物业也不管，再这样下去真的没法住了!!", "medium", "再这样下去真的没法住了!!"},
		{"three plain exclamations are emphasis", "工地晚上十点以后还在浇筑混凝土！灰尘也很大！希望尽快处理！", "low", ""},
		{"12户无行动", "来访人刘某某等12户业主反映逾期交房。", "medium", "12户业主"},
		{"个人", "来电人称老板拖欠工资8600元，要求帮忙协调。", "low", ""},
		{"三人", "来访人张某某等3人反映评估价格偏低。", "low", ""},
		{"修了三次不是信访", "新车修了三次还是不行，4S店只同意再修。", "low", ""},
		{"防止聚集", "街道及时化解矛盾，防止聚集，未发生堵路。", "low", ""},
		{"找物业三次", "我们找了物业三次，物业说不好赶。", "medium", "反映三次"}, // complaining again and again counts, whoever hears it
		// Earlier petitioning told without 多次: a past complaint, one that
		// led nowhere, an office's earlier answer quoted back.
		{"去年起打12345", "本人从去年秋天开始拨打12345投诉楼下酒吧噪音，现在还是每晚营业到两点。", "medium", ""},
		{"提意见成效甚微", "小区居民向街道提意见成效甚微，广场音响照旧开到十点。", "medium", ""},
		{"引用此前答复", "按照此前住建局答复的说法六月底交房，现在都九月了。", "medium", ""},
		{"反应错字一个多月", "我向镇里反应的青苗补偿一事已经两个多月了，还是没拿到钱。", "medium", ""},
		{"请回复不是旧答复", "楼下烧烤店每天营业到凌晨，请相关部门尽快回复。", "low", ""},
		{"统计里的去年投诉", "去年全市12345热线共受理噪声类诉求1800件。", "low", ""},
		{"未得到答复", "业主们说至今没有得到开发商的任何答复。", "low", ""},
		// Crowds without a number that act, before or after the verb.
		{"施工现场聚集许多村民", "派出所接到报警，施工现场聚集许多村民，阻拦挖掘机进场。", "high", ""},
		{"曝光视频里的聚集", "近日有网友发视频曝光，大量业主聚集在售楼处门口维权。", "high", ""},
		// A court's or police's case report names parties, not a group that may act.
		{"执行案件的工人", "法院执行局将首笔执行款4万元发放给12名申请执行人，余款由被执行人分期支付。", "low", ""},
		{"集体下跪", "三十多名工人手举标语集体跪在市政府门前讨要工钱。", "high", ""},
		{"信访部门接待", "旗信访局接待了李某某等12名牧民反映草场补偿款未兑现，经协调已达成一致。", "high", ""},
		{"已停工是烂尾", "项目去年就已停工，二百多名农民工至今拿不到工资，多次找开发商讨要。", "medium", ""},
		{"人次是统计", "春节前专项行动中，市劳动监察窗口接待来访农民工860人次，均已妥善处理。", "low", ""},
		{"涉及人数是统计", "截至1月底，共受理欠薪投诉120件；接待来访98批次，涉及农民工430人。", "low", ""},
		{"钱躺在账户上", "我家的征地款一直躺在镇政府的账户上，村书记就是不签字。", "low", ""},
		{"急盼拿到工资", "一百多名工人急盼拿到工资回家过年，工程款至今未结。", "medium", ""},
		{"欢迎横幅", "小区门口挂着“欢迎回家”的横幅，216户业主顺利入住。", "low", ""},
		{"铲车把大门堵死", "二百名矿工多次讨薪无果，无奈之下用铲车将公司大门堵死。", "high", ""},
		{"领了钥匙可是无法入住", "三十多户业主领取了钥匙，可是小区至今没有通水通暖，无法入住。", "medium", ""},
		{"亟待解决", "小区供暖长期不达标，这一问题亟待得到妥善解决。", "low", ""},
		{"矛盾激化", "饭店音响从中午放到深夜，虽经物业多次协调，仍时好时坏，矛盾有所激化。", "medium", ""},
		{"十几户一块去了北京", "我们这批被征收户一共六十三户，上个月我们十几户一块去了北京。", "high", ""},
		{"街道办门口聚着", "酒吧音乐放到后半夜，上周有二十多个人去街道办门口聚着要说法。", "high", ""},
		{"打了好几次12345", "商场外墙大屏幕声音开得很大，打了好几次12345了，还是照旧。", "medium", ""},
		{"曾多次拨打热线", "他曾多次拨打市环保部门热线电话反映工地夜间施工，问题至今没有解决。", "medium", ""},
		{"领了生活费后再没领到", "四十多名农民工每人领取了100元的生活费后，至今再没领到一分钱。", "medium", ""},
		{"楼盘已停工", "业主李女士说交房日期是今年5月，开发商表示小区的确已停工很长时间，近期就会复工，业主们多次去找开发商。", "medium", ""},
		{"年初投诉过", "年初，我们将此事进行投诉，信访局进行了回复，说三月份开工，现在项目仍未开工。", "medium", ""},
		{"部门给我们的回复", "我们也打过电话咨询，相关部门给我们的回复是手续齐备，让我们自己克服一下。", "medium", ""},
		{"讨要无果", "工程完工后讨要农民工工资无果，才得知工程款被挪作他用。", "medium", ""},
		{"实在无法忍受", "机器通宵轰鸣，三栋楼的居民说已经实在无法忍受。", "medium", ""},
		{"官方回复是栏目", "小区门口修路晚上施工很吵。官方回复：经核实，施工单位已调整作业时间。", "low", ""},
		{"发帖不是召集", "有网友在论坛发帖说楼下烧烤店油烟很大。", "low", ""},
		{"自发组织讨要", "被拆迁的八十多户老人们多次自发组织找街道办讨要安置补助费。", "high", ""},
		{"自发组织的广场舞", "广场舞由小区居民自发组织，每晚约有200余人跳舞，音响很吵。", "low", ""},
		{"棚改户的数目", "八七厂900多棚改户多次向当地有关部门反映回迁问题。", "medium", "900多棚改户"},
		{"网友再次反馈", "楼下饭店空调噪音很大。回复：经查，该店尚未开业。再次反馈：饭店现在已经开业，空调照样对着我家。", "medium", ""},
		{"教师集体罢课", "某民办中学欠发工资三个月，老师们集体罢课，学生已停课五天。", "high", ""},
		{"员工堵展厅讨薪", "有消息称某瓷砖厂拖欠工资，员工堵展厅讨要，当地部门已介入。", "high", ""},
		{"司机集体停运", "因不满收入太低，今天早上全城公交车司机集体停运。", "high", ""},
		{"等人来到综治中心", "孙**等11名工人多次讨要无果后，孙**等人来到县综治中心求助。", "high", ""},
		{"集体行动的原因", "报告显示，欠薪是诱发医护人员集体行动的主要原因，占事件总数的四成。", "low", ""},
		{"工人把负责人围起来", "工地停工半个月没发工资，农民工们把项目负责人围起来讨要工钱，派出所民警赶到现场劝解。", "high", ""},
		{"村子被工厂包围起来", "嘎查三面被煤矿和电厂层层包围起来，牧民说粉尘太大，羊也不敢放了。", "low", ""},
		{"聚众扰乱被拘", "某厂多名工人与厂方发生纠纷后到大桥上爬高，3人涉嫌聚众扰乱公共场所秩序被刑事拘留。", "high", ""},
		{"纠纷迁延数年", "某村的土地补偿纠纷迁延数年，村民说补偿款至今没有分到手。", "medium", ""},
		{"申诉仍无定论", "村民为这笔征地款奔走申诉近两年，仍无定论。", "medium", ""},
		{"电梯罢工困人", "业主周先生说，小区3号楼的电梯隔三岔五就“罢工”，上周又把两位老人困在里面。", "low", ""},
		{"生命受到威胁", "居民说楼道里堆满了杂物，大家的生命安全受到严重的威胁。", "low", ""},
		{"矛盾由来已久", "业主和物业的矛盾由来已久，今年不少业主拒交物业费，物业则不给开阀试压。", "medium", ""},
		{"农民工集访讨薪", "镇里修水渠的农民工集访讨薪一事引起督导组重视，经核实拖欠工资8万元。", "high", ""},
		{"一群村民涌进办公室", "上午，巡察组办公室突然涌进一群村民，说给施工队干活的工钱一年多没给。", "high", ""},
		{"自救会到场抗议", "区段征收说明会今天举行，自救会成员到场抗议，和警方发生推挤。", "high", ""},
		{"咨询涌入", "问政平台开通以来，已有近千条关于广场舞噪音的咨询涌入。", "low", ""},
		{"处分的干部不是群体", "专项检查中，截留征地补偿费的行为被严肃查处，已党纪政纪处分6人，清欠补偿款95万元。", "low", ""},
		{"千名环卫工人罢工", "浙江某市千名环卫工人大罢工，已经三个月没有领到工资。", "high", ""},
		{"响应了工程的号召", "当年为响应县里“园区建设”号召，村里搬迁了32户，安置费今年只发了一半。", "medium", ""},
		{"响应号召不是串联", "记者了解到，2019年当地牧民积极响应政府号召，2593人整体搬迁到移民新村，住上了宽敞的新房。", "low", ""},
		{"接访日的批次", "据统计，接访日共接待来访群众9批43人，为164人解决欠薪210万元。", "low", ""},
		{"失信企业的户", "人社厅公布了25户劳动保障失信企业名单。", "low", ""},
		{"工资拿回来了", "来电人说工资今天拿回来了，感谢热线帮忙，10人的欠薪全部到账。", "low", ""},
		{"沿线村民集体阻工", "县道改扩建工程开工当天，沿线村民集体阻工，要求先兑付地上附着物补偿。", "high", ""},
		{"标题里的阻工事件", "一起阻工事件。施工现场聚集许多村民，强行将作业机械阻拦。", "high", ""},
		{"信访局接待了12名牧民", "旗信访局接待了巴某某等12名牧民，反映补偿款迟迟未发，后已全部发放到户。", "high", ""},
		{"把阳台围起来", "楼上邻居去年搬进来以后，大家都看到他们把顶层阳台围起来加盖了一间房，空调外机整天嗡嗡响。", "low", ""},
		{"上班上学上街的人", "公交线路停开以后，大家上班上学上街都很不方便，盼望早日恢复。", "low", ""},
		{"雇主的工作群", "保洁员说，中介把这件事发到她和雇主的工作沟通群里，第二天雇主就不让她去了，半个月工钱也没结。", "low", ""},
		{"办结的答复不是先前的答复", "活动中共接听市民来电40个，其中15个问题由供暖公司当场进行了答复，其余转相关部门办理。", "low", ""},
		{"问题被解决", "网友说这个问题投诉了很久，多次找物业都没有进展，近日问题终于被解决。", "low", ""},
		{"逐级上访", "征地款没有兑现，村民先后到镇,区,市,省等相关部门上访，各部门都让等待，三年了也没有下文。", "medium", ""},
		{"县里市里省里都去过", "老人说为了这块宅基地，县里、市里、省里都去过了，问题还是没人管。", "medium", ""},
		{"三级政府督办", "对这起欠薪案件，市、区、县三级政府联合督办，目前已进入执行程序。", "low", ""},
		{"一直得不到答复", "小区门口的公交站撤了以后出行很不方便，这件事很多人都提过，可一直得不到明确的答复。", "medium", ""},
		{"希望得到答复不是先前的", "小区门口的公交站撤了以后出行很不方便，希望能得到答复。", "low", ""},
		{"拉起横额", "工业大厦九名工人今天中午爬上天台，拉起横额追讨两百多万元欠薪，警方到场劝解。", "high", ""},
		{"欢迎的横额", "商场门口挂着热烈欢迎的横额，店员们在门口迎客。", "low", ""},
		{"串连自救", "征收价格只有市价四成，居民们愤慨串连，准备成立自救会。", "medium", ""},
		{"村民连续六天维权", "补偿一直没有落实，两个村的村民从本月3日开始连续6天进行维权，当地政府至今没有回应。", "high", ""},
		{"一个人连续几天维权", "他说为了这笔工钱，自己连续3天维权都没有结果。", "medium", ""},
		{"等待回迁的住户", "据了解，共有160多户拆迁户等待回迁，交房日期已过去两年，房子仍未竣工。", "medium", ""},
		{"反映的是事情已有几年", "市民致电本报反映：小区回迁已经好几年了，绿地一直没人管护。", "low", ""},
		{"反映的事已经几个月了", "我向你们反映的路灯不亮一事已经三个多月了，还是黑的。", "medium", ""},
		{"围住记者诉说", "记者赶到小区，几位居民上前围住记者说，楼里已经停水两天，物业电话打不通。", "low", ""},
		{"围住经理讨说法", "三十多名工人围住项目经理，要他当天把工钱结清。", "high", ""},
		{"业主群起反对", "近年不时有新楼盘业主群起向房屋局求助，争取下调管理费。", "low", ""},
		{"业主群里商量", "物业费涨了一倍，业主群里大家都在商量怎么办。", "medium", ""},
		{"收集签名要求开业主大会", "维修费每户摊二十多万元，有业主收集签名要求召开业主大会，议决是否撤销工程。", "medium", ""},
		{"追讨多年被多收的费用", "租客不续租后入禀小额钱债审裁处，追讨4年来被房东多收的电费。", "low", ""},
		{"追讨工资三年", "他为这笔工钱追讨了3年，包工头一直躲着不见。", "medium", "追讨了3年"},
		{"随音乐起舞的人", "公园里每天早上有五十多名妇女随着音乐起舞，音箱声音很大，附近居民休息不好。", "low", ""},
		{"繁体的堵着", "數十名工人堵著工地大門討要工資，場面一度混亂。", "high", ""},
		{"村民纷纷把守在地里", "镇里要在征来的地上修路，补偿款还没发下来，几个组的村民得知后纷纷把守在地里，说见不到钱谁也别想动土。", "high", ""},
		{"讨“说法”, quoted as news writes it", "新房逾期一年多没交，132户业主跟开发商谈了几轮没有结果，便一起向街道办讨“说法”。", "high", ""},
		{"討“說法”, traditional", "新樓逾期一年多沒交，132戶業主跟開發商談了幾輪沒有結果，便一起向街道辦討“說法”。", "high", ""},
		{"banners in a list of what inspectors forbid", "考试期间，城管队员在学校周边巡查，严格管控流动商贩沿街吆喝、违规散发传单、私搭帐篷、乱挂横幅等行为，确保周边清静。", "low", ""},
		{"workers on a ledge over pay (企跳)", "今早有六名地盘工人在天台企跳，称判头拖欠三个月人工。", "high", ""},
		{"a gate blocked by villagers", "砂石厂日夜轰响，二十多名村民在厂区出入口支起帐篷做饭，厂子的出口被堵后车辆进不去。", "high", ""},
		{"a clogged drain is no act", "小区的下水道被堵了好几天，污水漫到楼道里，物业一直没人来修。", "low", ""},
		{"a campaign's publicity slogans", "镇里依法拆除禁养区内的养殖场，通过发放宣传资料、张贴宣传标语等方式做好群众工作，多数养殖户自行拆除。", "low", ""},
		{"an office's repeated mediation", "近日，网友通过栏目发帖，反映某村放养的鹅群扰民。\n\n01\n\n网友留言\n\n我是某村居民，自从我家前面农田开始养鹅以来，鹅的叫声日夜不停，附近其他村民也是怨声载道。\n\n02\n\n政府回应\n\n某镇政府：反映的问题已收悉，现将有关情况说明如下。\n\n村委会工作人员第一时间与养鹅的老板进行联系，并说明鹅群叫声扰民这个问题，经过多次的沟通和协调，该养鹅老板承诺在一周内离开。", "low", ""},
		{"rounds of talks that failed", "几个班组与项目部签了分包合同，虽经多次协商、书写欠条，至今仍有71万元工钱不能支付。", "medium", ""},
		{"a clash with the police", "某县两千多村民因修路征地补偿问题与警察发生冲突，三十多人受伤。", "high", ""},
		{"obstructing a road's building", "前进村四十多户村民两个月来一直在阻挠公路建设，要求先兑现补偿。", "high", ""},
		{"a site held", "征地款一直没发，部分村民至今仍占据着施工工地。", "medium", ""},
		{"a wage protest named by the news", "付款承诺第三次落空，三百多名农民工的劳务费没有着落，讨薪风波由此爆发。", "high", ""},
		{"a crowd at the gate", "厂老板跑了，厂门口站了许多人，都是两个月没拿到工资的工人。", "high", ""},
		{"one guard at the gate", "我去公司要工资，门口站着一个保安，不让我进去。", "low", ""},
		{"walking in through an office's gate", "一大早，老周和十几位工友走进了区劳动保障监察大队的大门，投诉老板拖欠工资。", "high", ""},
		{"coming together to the foreman", "十二名民工昨天下午又集体来向包工头讨要工钱，只拿到四千元。", "high", ""},
		{"a notice's cases", "某县公安局通告：多人上访的，应当推选代表；要求组织集会游行、静坐示威的，应当依照《集会游行示威法》提出申请；未经许可组织游行的，公安机关将依法予以制止。", "low", ""},
		{"public information is no open letter", "公开信息里没有回迁的时间表，请问什么时候能安排回迁？", "low", ""},
		{"a drain blocked", "老楼的居民反映，下水道去年就堵死了，一楼天天返水。", "low", ""},
		{"a crowd's demand after a comma", "多名被拖欠工钱的民工，讨薪不果，昨日闯入工地，关闭电源，与管理人员发生冲突，至少四人受伤。", "high", ""},
		{"an incident the town set off", "据报道，镇里强行带走一名村民代表，引发200余人参与的群体性事件。", "high", ""},
		{"demonstrations", "某楼盘烂尾三年，两千多名业主先后在市政府外示威二十多次。", "high", ""},
		{"a bare noun the text counts as a few", "讨薪工人将老板娘堵在出租屋。前几天，几位装修工人为了讨要工钱，将老板的老婆堵在了出租屋里。", "medium", ""},
		{"守在田里阻止开工", "征地款被扣了一半，许多村民这几天一直守在田里，要求先把钱发了再开工。", "high", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.Analyze("t", "", tt.text).Risk
			if r.Level != tt.level {
				t.Errorf("Analyze(%q).Risk = %+v, want level %s", tt.text, r, tt.level)
			}
			band := map[string][2]int{"low": {0, 39}, "medium": {40, 69}, "high": {70, 100}}[tt.level]
			if r.Level == tt.level && (r.Score < band[0] || r.Score > band[1]) {
				t.Errorf("score %d outside the %s band %v", r.Score, tt.level, band)
			}
			if tt.reason != "" && !slices.Contains(r.Reasons, tt.reason) {
				t.Errorf("reasons %q lack %q", r.Reasons, tt.reason)
			}
			if r.Level != xinfang.RiskLow && len(r.Reasons) == 0 {
				t.Errorf("level %s without reasons", r.Level)
			}
		})
	}
}

func TestRaiseForRecurrence(t *testing.T) {
	low := xinfang.Risk{Level: xinfang.RiskLow, Score: 10, Reasons: []string{}}
	medium := xinfang.Risk{Level: xinfang.RiskMedium, Score: 50, Reasons: []string{"多次反映"}}
	tests := []struct {
		in    xinfang.Risk
		count int
		want  string
	}{
		{low, 1, xinfang.RiskLow},
		{low, 2, xinfang.RiskLow},
		{low, 3, xinfang.RiskMedium},
		{medium, 3, xinfang.RiskHigh},
		{low, 8, xinfang.RiskHigh},
		{xinfang.Risk{Level: xinfang.RiskHigh, Score: 90}, 20, xinfang.RiskHigh},
	}
	for _, tt := range tests {
		got := RaiseForRecurrence(tt.in, tt.count)
		if got.Level != tt.want {
			t.Errorf("RaiseForRecurrence(%+v, %d).Level = %s, want %s", tt.in, tt.count, got.Level, tt.want)
		}
		if tt.count >= 3 && !slices.ContainsFunc(got.Reasons, func(r string) bool { return strings.Contains(r, "同一问题") }) {
			t.Errorf("RaiseForRecurrence(…, %d) reasons %q lack the recurrence", tt.count, got.Reasons)
		}
		if got.Score < tt.in.Score || got.Score > 100 {
			t.Errorf("RaiseForRecurrence(…, %d).Score = %d from %d", tt.count, got.Score, tt.in.Score)
		}
	}
	// The input is not modified.
	if len(medium.Reasons) != 1 {
		t.Errorf("RaiseForRecurrence changed its input: %v", medium.Reasons)
	}
}

// TestTraceCue checks the debugging door: it sees the cues the actor checks
// drop as well as those they keep.
func TestTraceCue(t *testing.T) {
	a := testAnalyzer(t)
	var kept, dropped []string
	traceCue = func(_ string, c riskCue, ok bool) {
		if ok {
			kept = append(kept, c.term)
		} else {
			dropped = append(dropped, c.term)
		}
	}
	defer func() { traceCue = nil }()
	a.Analyze("t", "", "消防通道被私家车堵死了。二十多名工人在公司门口静坐。")
	if !slices.Contains(dropped, "堵死") || !slices.Contains(kept, "静坐") {
		t.Errorf("traceCue saw kept %v, dropped %v; want 静坐 kept and 堵死 dropped", kept, dropped)
	}
}
