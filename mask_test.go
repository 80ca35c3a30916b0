package xinfang

import (
	"strings"
	"testing"
)

func TestMaskText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mobile", "联系电话13812348000。", "联系电话138****8000。"},
		{"mobile with +86", "电话+86 138-1234-8000", "电话+86 138****8000"},
		{"id number", "身份证号150102198801011234，", "身份证号150102********1234，"},
		{"id number X", "身份证15010219880101123X", "身份证150102********123X"},
		{"landline", "座机0471-6612345", "座机0471-****2345"},
		{"two phones", "13812348000、13912348001", "138****8000、139****8001"},
		{"money untouched", "拖欠工资919730元", "拖欠工资919730元"},
		{"long number untouched", "合同编号2023138123480001234", "合同编号2023138123480001234"},
		{"no digits", "没有数字", "没有数字"},
		{"full-width mobile", "电话１３９００００１２３４，", "电话139****1234，"},
		{"full-width id number", "身份证１５０１０２１９８８０１０１１２３４", "身份证150102********1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskText(tt.in); got != tt.want {
				t.Errorf("MaskText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaskFields(t *testing.T) {
	p := (&Person{Name: "张三丰", Phone: "13812348000", IDNumber: "150102198801011234", Address: "内蒙古自治区兴安盟乌兰浩特市和平街道幸福小区3号楼"}).Masked()
	want := Person{Name: "张**", Phone: "138****8000", IDNumber: "150102********1234", Address: "内蒙古自治区兴安盟乌兰浩特市***"}
	if *p != want {
		t.Errorf("Masked() = %+v, want %+v", *p, want)
	}
}

// TestMaskTextForms covers the ways people write numbers, names and
// addresses. The inputs were written as petitioners write, not from the
// patterns.
func TestMaskTextForms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mobile with dots", "有事打139.0000.5601找我", "有事打139****5601找我"},
		{"mobile with a zero-width space", "手机1390000\u200b5601。", "手机139****5601。"},
		{"mobile in 3-4-4 with spaces", "联系 139 0000 5601 谢谢", "联系 139****5601 谢谢"},
		{"mobile one digit at a time", "1 3 9 0 0 0 0 5 6 0 1", "139****5601"},
		{"mobile in Chinese numerals", "电话一三九零零零零五六零一", "电话139****5601"},
		{"mobile with full-width dashes", "１３９－００００－５６０１", "139****5601"},
		{"mobile with 86", "86-139-0000-5601", "86-139****5601"},
		{"mobile split by highlight", "电话139<mark>0000</mark>5601", "电话139****5601"},
		{"landline with dash", "座机0471-6612346转", "座机0471-****2346转"},
		{"landline in brackets", "电话（0471）6612346", "电话（0471）****2346"},
		{"landline in ASCII brackets and space", "tel:(0477) 831 2346", "tel:(0477)****2346"},
		{"landline run together", "请拨04716612346", "请拨0471-****2346"},
		{"Beijing landline", "010-66012346", "010-****2346"},
		{"local number after a keyword", "家里电话：6612346", "家里电话：***2346"},
		{"a contact line's local number, not a sum", "联系人：王女士 66123478。负责人称已支付工程款2345678元", "联系人：王女士 ****3478。负责人称已支付工程款2345678元"},
		{"seven digits alone untouched", "共计6612346元", "共计6612346元"},
		{"ID with spaces", "身份证 152201 19900101 0013", "身份证 152201********0013"},
		{"ID with a wrong check digit", "152201199013320017", "152201********0017"},
		{"ID with x", "15220119900101001x号", "152201********001X号"},
		{"old 15-digit ID", "证件号152201900101001", "证件号152201*****1001"},
		{"two phones with 、", "13900005601、13900005602", "139****5601、139****5602"},
		{"two phones with a space", "13900005601 13900005602", "139****5601 139****5602"},
		{"date untouched", "2024-04-19 09:30来访", "2024-04-19 09:30来访"},
		{"record id untouched", "NM-2024-000123号件", "NM-2024-000123号件"},
		{"hash untouched", "b7e1c0de13900005601ab", "b7e1c0de13900005601ab"},
		{"amount untouched", "拖欠1,380,000元和36.5 万元", "拖欠1,380,000元和36.5 万元"},
		{"name after 本人", "本人王建国，男，", "本人王**，男，"},
		{"name after 举报人 with colon", "举报人：刘芳反映", "举报人：刘*反映"},
		{"name after 来访人", "来访人陈志强称其工资被拖欠", "来访人陈**称其工资被拖欠"},
		{"name after 我叫", "我叫欧阳娜娜，在工地干活", "我叫欧***，在工地干活"},
		{"respondent's name", "包工头孙大海拖欠我们工资", "包工头孙**拖欠我们工资"},
		{"boss who ran", "老板周斌跑路了", "老板周*跑路了"},
		{"already anonymous", "举报人赵某某反映", "举报人赵某某反映"},
		{"title only", "负责人张先生说", "负责人张先生说"},
		{"no name after the cue", "负责人安排工人加班", "负责人安排工人加班"},
		{"a word, not a name", "本人关于拖欠工资的反映", "本人关于拖欠工资的反映"},
		{"address after 家住", "家住乌兰浩特市和平街道幸福小区3号楼，", "家住乌兰浩特市***，"},
		{"the address ends before a count", "住在幸福村危窑中7户村民拒绝搬迁，", "住在***7户村民拒绝搬迁，"},
		{"the address ends before the person and what they did", "家住赛罕区幸福小区的江女士告诉记者", "家住赛罕区***的江女士告诉记者"},
		{"the name after a home's 的", "家住东胜区富康小区的郝海刚今年34岁，郝海刚说", "家住东胜区***的郝**今年34岁，郝**说"},
		{"住在 and 住所 before no place untouched", "老两口住在老房子里，上下楼不便；工人把三户村民的住所封鎖，那家住戶丟失貨物", "老两口住在老房子里，上下楼不便；工人把三户村民的住所封鎖，那家住戶丟失貨物"},
		{"a later name of a list whatever its given characters", "农民工袁建华、樊先贵等33人到人社局投诉", "农民工袁**、樊**等33人到人社局投诉"},
		{"a name joined by 和 to a masked one", "调解员魏东和马立新开展调查", "调解员魏*和马**开展调查"},
		{"names after trades and standings", "钢筋工张威说，铁工厂商叶长成：“钱没给”，康巴什村移民白文义表示，来访的格希格布仁反映", "钢筋工张*说，铁工厂商叶**：“钱没给”，康巴什村移民白**表示，来访的格****反映"},
		{"trades inside longer words untouched", "土木工程款至今未付，惠民工程更大限度让利，电工作业要持证", "土木工程款至今未付，惠民工程更大限度让利，电工作业要持证"},
		{"house numbers after a village or in traditional characters", "被拆的是七里庄村10号，原住丰备仓53号；焦峪路37號院，13號樓", "被拆的是七里庄村**号，原住丰备仓**号；焦峪路**號院，**號樓"},
		{"a day of the month is no house number", "本月10号开庭，地铁1号线停运", "本月10号开庭，地铁1号线停运"},
		{"households are no address", "我们27家住户至今无家可归，", "我们27家住户至今无家可归，"},
		{"house numbers", "在幸福小区12号楼3单元501室", "在幸福小区**号楼*单元***室"},
		{"street number", "胜利路18号门口", "胜利路**号门口"},
		{"counts untouched", "27户业主和3栋楼", "27户业主和3栋楼"},
		{"building and flat", "住6栋2单元", "住*栋*单元"},
		{"highlight around a number", "电话<mark>13900005601</mark>。", "电话139****5601。"},
		{"highlight ending inside", "<mark>电话139</mark>00005601", "<mark>电话</mark>139****5601"},
		{"highlight starting inside", "139<mark>00005601</mark>号", "139****5601号"},
		// Forms of issue 11's held-out check (session 7).
		{"mobile over a line break", "有事打电话1390000\n5603找我", "有事打电话139****5603找我"},
		{"mobile over CRLF", "电话139 0000\r\n5604，", "电话139****5604，"},
		{"mobile with 0086", "0086 139-0000-5602", "0086 139****5602"},
		{"mobile run together with 0086", "008613900005602", "+86 139****5602"},
		{"mobile with letters for digits", "手机l39OOOO56O8（字母代替）", "手机139****5608（字母代替）"},
		{"mobile in financial numerals", "电话壹叁玖零零零零伍陆壹零", "电话139****5610"},
		{"mobile in circled digits", "电话：①③⑨⓪⓪⓪⓪⑤⑥①⑧", "电话：139****5618"},
		{"mobile with tildes", "电话：139~0000~5612", "电话：139****5612"},
		{"mobile in comma groups", "电话：139，0000，5614", "电话：139****5614"},
		{"amounts in a list untouched", "工资3500，4000，2024年5月6日，27户", "工资3500，4000，2024年5月6日，27户"},
		{"thousands untouched", "拖欠13,800,000,000元", "拖欠13,800,000,000元"},
		{"numbers across commas are no ID", "3-2-501，2024-05-06，1-2-3", "*-*-***，2024-05-06，1-2-3"},
		{"ID over a line break", "身份证号152201198805\n061262，", "身份证号152201********1262，"},
		{"ID in two parts", "身份证前面是152201，后面是198805061251，", "身份证前面是152201，后面是********1251，"},
		{"QQ", "我的QQ：2876543210，", "我的QQ：********10，"},
		{"WeChat ID", "微信号：batu_nm1988，", "微信号：b**********，"},
		{"wx in a word untouched", "xwxyz_12345", "xwxyz_12345"},
		{"e-mail", "发邮件到 wurina.nm@163.com 联系我", "发邮件到 w***@163.com 联系我"},
		{"UnionPay card", "银行卡6222 0000 1234 5678 901", "银行卡6222***********8901"},
		{"card after 卡号", "农行卡号：6228480000123456 开户", "农行卡号：6228********3456 开户"},
		{"plate", "车牌号蒙A·12345，半夜拉渣土", "车牌号蒙A·*****，半夜拉渣土"},
		{"plate run together", "车牌蒙K3B789的渣土车", "车牌蒙K*****的渣土车"},
		{"case number untouched", "(2023)蒙0102民初1234号判决", "(2023)蒙0102民初1234号判决"},
		{"flat as three numbers", "团结社区3-2-501的业主", "团结社区*-*-***的业主"},
		{"flat after its entrance", "幸福小区12栋3门401，", "幸福小区**栋*门***，"},
		{"flat after 单元", "5号楼2单元302的业主", "*号楼*单元***的业主"},
		{"flat after a block", "阳光花园B座1203室", "阳光花园B座****室"},
		{"households after 单元 untouched", "共有3个单元120户", "共有3个单元120户"},
		{"address after 住所", "住所为兴安路8号院5号，", "住所为***，"},
		{"address after 现居", "本人现居乌兰浩特市五一北路金色家园七号楼", "本人现居乌兰浩特市***"},
		{"Mongolian name after 联系人", "联系人：巴特尔，", "联系人：巴**，"},
		{"Mongolian name before 反映", "当事人乌日娜反映", "当事人乌**反映"},
		{"long Mongolian name", "申请人额尔敦巴雅尔，男，", "申请人额*****，男，"},
		{"Mongolian name before 代为", "代理人斯琴高娃代为反映", "代理人斯***代为反映"},
		{"Mongolian name after 包工头", "包工头敖登格日勒跑了", "包工头敖****跑了"},
		{"name with a middle dot", "反映人：阿依古丽·买买提，", "反映人：阿*******，"},
		{"family name 于 after a person cue", "委托人于海波，", "委托人于**，"},
		{"family name 向", "信访人向东来反映", "信访人向**反映"},
		// Names after a word for people by role or kin (session 11).
		{"name after 村民", "据村民郝长胜介绍，", "据村民郝**介绍，"},
		{"name after 业主 before 称", "业主温晓丽称交房一拖再拖", "业主温**称交房一拖再拖"},
		{"three-character name before any verb", "车主贾卫平长期把车停在楼道口", "车主贾**长期把车停在楼道口"},
		{"name after an age", "今年58岁的侯秀珍在工地做饭", "今年58岁的侯**在工地做饭"},
		{"name after a court role", "被执行人乔永福拒不履行", "被执行人乔**拒不履行"},
		{"name after kin and 叫", "我爱人叫闫桂芝，", "我爱人叫闫**，"},
		{"Mongolian name after 牧民", "牧民巴雅尔图说草场被占", "牧民巴***说草场被占"},
		{"Mongolian name longer than a Han one", "牧民吉日木图先生实名反映", "牧民吉***先生实名反映"},
		{"an ordinary word after 村民", "村民房屋被拆除，", "村民房屋被拆除，"},
		{"a word after 工人", "工人文化宫举行招聘会", "工人文化宫举行招聘会"},
		{"reduplication after 业主", "数十名业主陆陆续续赶到", "数十名业主陆陆续续赶到"},
		{"a city after 农民工", "千余名农民工包头讨薪", "千余名农民工包头讨薪"},
		{"a form of address", "社区居民李阿姨说", "社区居民李阿姨说"},
		{"wages after 农民工", "不给农民工付工资和工程款", "不给农民工付工资和工程款"},
		{"a verb after 工人", "27名工人齐聚在公司门口", "27名工人齐聚在公司门口"},
		{"words after 居民", "保障居民安稳生活，", "保障居民安稳生活，"},
		{"a list after a masked name", "农民工柴富贵、焦三宝和鲁志勇来到", "农民工柴**、焦**和鲁**来到"},
		{"a list that ends in a count", "邢有福、卜玉兰、霍大勇等六人联名", "邢**、卜**、霍**等六人联名"},
		{"a list of words untouched", "王府井、金宝街等地", "王府井、金宝街等地"},
		{"address after a bare 住", "本人男，住赤峰市松山区穆家营子镇三家村", "本人男，住赤峰市松山区***"},
		{"住房 is no address", "，住房困难的群众", "，住房困难的群众"},
		{"住建局 is no address", "，住建局回复称", "，住建局回复称"},
		{"向 a preposition", "信访人向信访局反映", "信访人向信访局反映"},
		{"关于 a word", "投诉人关于噪音的意见", "投诉人关于噪音的意见"},
		{"单位 a word", "被反映人(单位)：某公司", "被反映人(单位)：某公司"},
		{"name after 家属", "家属刘秀兰说", "家属刘**说"},
		{"name after 经办人", "经办人赵建军答复", "经办人赵**答复"},
		{"name after 我是", "我是王建国，", "我是王**，"},
		{"a cue after 我是", "我是包工头，", "我是包工头，"},
		{"given name after 姓X名", "本人姓孙名志刚，", "本人姓孙名**，"},
		{"name after ，叫", "我姓那，叫那日苏，", "我姓那，叫那**，"},
		{"partly hidden name", "举报人张某伟称", "举报人张**称"},
		{"hidden name stays", "举报人张某称，举报人张某某反映", "举报人张某称，举报人张某某反映"},
		{"name opening a title", "其其格木反映噪音", "其***反映噪音"},
		{"name opening a sentence", "工资没发。王建国反映", "工资没发。王**反映"},
		{"a name found once, masked where it comes again", "王会军等30多名打工者被欠工资。归家心切的王会军等万般无奈之下，来到了劳动监察处。", "王**等30多名打工者被欠工资。归家心切的王**等万般无奈之下，来到了劳动监察处。"},
		{"a cue's name again without a cue", "来访人李秀兰称工钱没给。李秀兰家在村东头。", "来访人李**称工钱没给。李**家在村东头。"},
		{"Mongolian name after 联系人 and a space", "联系人:乌云毕力格 电话", "联系人:乌**** 电话"},
		{"name after 代表", "农民工代表孟克巴雅尔多次反映", "农民工代表孟****多次反映"},
		{"name after 代表叫", "推选的代表叫阿拉腾其其格", "推选的代表叫阿*****"},
		{"a county's name once read as a name stays a place", "上诉人彭阳县住房和城乡建设局，委托代理人彭阳、李**。", "上诉人彭阳县住房和城乡建设局，委托代理人彭*、李**。"},
		{"a community's name after a role word", "拆迁户和马鞍社区达成协议，马鞍社区的老人都去了。", "拆迁户和马鞍社区达成协议，马鞍社区的老人都去了。"},
		{"a name before a post of its county", "乌拉特后旗杜占贵旗委书记说，记者采访了书记杜占贵。", "乌拉特后旗杜**旗委书记说，记者采访了书记杜**。"},
		{"a villager who shouts", "有村民高喊要见县长。", "有村民高喊要见县长。"},
		{"a family name with 姑娘", "家住某小区的黄姑娘说，每晚都被吵醒。", "家住***的黄姑娘说，每晚都被吵醒。"},
		{"a name half anonymous, written twice", "工程转包给宋某川，宋某川又将工程转给他人。", "工程转包给宋**，宋**又将工程转给他人。"},
		{"half anonymous forms that are words", "负责人孙某，孙某声称不知情；通知周某三天内答复；在何某家坐了三天；广安某投资有限公司、广安某投资有限公司。", "负责人孙某，孙某声称不知情；通知周某三天内答复；在何某家坐了三天；广安某投资有限公司、广安某投资有限公司。"},
		{"the other names of a list", "卢德祥、卢德生、冯孝杰、姚**、卢德林、郝二娃8户村民反映。", "卢**、卢**、冯**、姚**、卢**、郝**8户村民反映。"},
		{"a list of things is no list of names", "他家里有大米、白面、食用油、白菜和土豆。", "他家里有大米、白面、食用油、白菜和土豆。"},
		{"the township word 苏木", "村民到苏木政府去要求赔偿，苏木书记说不知道。", "村民到苏木政府去要求赔偿，苏木书记说不知道。"},
		{"a verb with its particle after a name", "班组长秦兵望着停工的楼，秦兵说钱还没拿到。", "班组长秦*望着停工的楼，秦*说钱还没拿到。"},
		{"a family name that opens words, after a role word", "外地农民代永平等12人讨薪。居民单立新仍不知道。", "外地农民代**等12人讨薪。居民单**仍不知道。"},
		{"words opening with such family names after a role word", "工人连续三天讨薪，离居民区较近，村民代表多次反映，业主单方面解约。", "工人连续三天讨薪，离居民区较近，村民代表多次反映，业主单方面解约。"},
		{"a Mongolian name found once, written again with no cue", "推选的代表叫阿拉腾其其格。几天后，阿拉腾其其格又去了旗里。", "推选的代表叫阿*****。几天后，阿*****又去了旗里。"},
		{"a two-character word of no family is not carried", "推选的代表叫阿拉腾其其格，阿拉说好。", "推选的代表叫阿*****，阿拉说好。"},
		{"name with a space", "举报人：刘 伟（化名）", "举报人：刘**（化名）"},
		{"name before 等 and a count", "2023年12月，张三丰等27名工人被拖欠工资", "2023年12月，张**等27名工人被拖欠工资"},
		{"places before 等 untouched", "，石家庄等地的工人", "，石家庄等地的工人"},
		{"a verb before 等 untouched", "我反映三年无果，苏木说等上面拨款", "我反映三年无果，苏木说等上面拨款"},
		{"words after 代表 untouched", "与我们工人代表谈判。推选代表、包车一起", "与我们工人代表谈判。推选代表、包车一起"},
		{"name after 发件人", "收到来信，发件人：韩晓光", "收到来信，发件人：韩**"},
		{"name after 留言人", "留言人：敖登，电话打不通", "留言人：敖*，电话打不通"},
		{"name after 申诉人", "申诉人孔令华对裁定不服", "申诉人孔**对裁定不服"},
		{"name after 落款", "落款 谢春生", "落款 谢**"},
		{"words after the new cues untouched", "留言人称噪音很大，担保人承担责任，监护人同意后办理，申诉人不服", "留言人称噪音很大，担保人承担责任，监护人同意后办理，申诉人不服"},
		{"name before 同志", "关于郝振东同志的情况反映", "关于郝**同志的情况反映"},
		{"name before a post after a body", "市委韦国梁书记到现场，支队范永旺队长陪同", "市委韦**书记到现场，支队范**队长陪同"},
		{"name before 大姐 after 反映", "我们反映柴秀芝大姐的事", "我们反映柴**大姐的事"},
		{"name after 欠款人", "欠款人：彭志刚，电话见附件", "欠款人：彭**，电话见附件"},
		{"titles after words untouched", "感谢警察同志，购房者王女士说项目经理和办公室主任都不在，司机师傅和高新区主任也不管", "感谢警察同志，购房者王女士说项目经理和办公室主任都不在，司机师傅和高新区主任也不管"},
		{"a family name alone before a title untouched", "我向王先生反映过，李老师说明天再来", "我向王先生反映过，李老师说明天再来"},
		{"passport number", "护照号码：G40210037，签发地北京", "护照号码：G********，签发地北京"},
		{"travel permit", "港澳通行证C70213356已过期", "港澳通行证C********已过期"},
		{"Hong Kong identity card with its check digit", "香港身份证号码R704213(5)", "香港身份证号码R*********"},
		{"Taiwan identity card in traditional characters", "身分證字號F220456187", "身分證字號F*********"},
		{"Douyin and Kuaishou accounts", "抖音号：nmg_laoli2021，快手号 wl88120", "抖音号：n************，快手号 w******"},
		{"document words before no number untouched", "身份证丢了，护照也过期了，抖音上有视频", "身份证丢了，护照也过期了，抖音上有视频"},
		{"given name opening with 小 after a role word", "工人郝小军说老板跑了，项目上的钟小峰也没拿到钱", "工人郝**说老板跑了，项目上的钟小峰也没拿到钱"},
		{"小 making a common word untouched", "业主张小姐反映，居民王小区里住了十年", "业主张小姐反映，居民王小区里住了十年"},
		{"given name opening with 小 after a cue", "投诉人：冀小兵，男", "投诉人：冀**，男"},
		{"name ending in 山 after a role word", "牧民贺宝山反映，村民杜家山那边没人管", "牧民贺**反映，村民杜家山那边没人管"},
		{"rarer family names after cues", "投诉人臧国庆，来信人闵秀英，工人褚大勇说", "投诉人臧**，来信人闵**，工人褚**说"},
		{"a name field and its list", "留言人：巴图孟和，代表姓名：其木格、邬建平、乌云毕力格", "留言人：巴***，代表姓名：其**、邬**、乌****"},
		{"a numbered list of names in a field", "上访人员名单：1.马建华 2.高秀兰 3.郑春生；申请人：（1）李秀珍（2）王桂花", "上访人员名单：1.马** 2.高** 3.郑**；申请人：（1）李**（2）王**"},
		{"names listed after a comma or a space", "反映人：陈红 李刚，赵敏", "反映人：陈* 李*，赵*"},
		{"a semicolon for a field's colon", "姓名;谢小军 电话;13847112233", "姓名;谢** 电话;138****2233"},
		{"a field's numbered matters and words after a comma untouched", "投诉人：刘大伟 1.噪音问题 2.粉尘问题；代表：赵立新，感谢政府；名单张贴在村委会", "投诉人：刘** 1.噪音问题 2.粉尘问题；代表：赵**，感谢政府；名单张贴在村委会"},
		{"a name after 的叫 and 个叫", "带班的叫李二宝，还有一个叫赵长顺的工头", "带班的叫李**，还有一个叫赵**的工头"},
		{"叫 before no name untouched", "老板叫工人先回去，楼上的叫声很大", "老板叫工人先回去，楼上的叫声很大"},
		{"a reply's officer", "答复人：王丽 答复时间：2023-05-06", "答复人：王* 答复时间：2023-05-06"},
		{"a name opening a clause before 系 or before 向 an office", "经查，冯建平系该公司法定代表人。2023年6月，胡春燕向区信访局反映", "经查，冯**系该公司法定代表人。2023年6月，胡**向区信访局反映"},
		{"向 toward no office untouched", "入住不到半年，卫生间向楼下漏水", "入住不到半年，卫生间向楼下漏水"},
		{"name fields that name nobody untouched", "来信人：市民，留言人：张女士，投诉人：匿名", "来信人：市民，留言人：张女士，投诉人：匿名"},
		{"a name given by its sound", "据股东韦刚（音）介绍，另一位股东易先生已失联", "据股东韦*（音）介绍，另一位股东易先生已失联"},
		{"a name before 本人", "经与邬建强本人核实，情况属实", "经与邬**本人核实，情况属实"},
		{"a couple listed", "2023年5月，毛建国、邓秀英夫妇反映", "2023年5月，毛**、邓**夫妇反映"},
		{"three characters after a post whatever follows", "多次向包工头鲁海涛索要工资，项目负责人闫立军打电话也不接", "多次向包工头鲁**索要工资，项目负责人闫**打电话也不接"},
		{"a two-character name before a verb", "主任蒋青前往现场，负责人彭伟求助网络", "主任蒋*前往现场，负责人彭*求助网络"},
		{"a town named after a county post untouched", "长宁县长宁镇滨江小区门口", "长宁县长宁镇滨江小区门口"},
		{"mobile with a plus and 86 glued", "手机：+8613900005601，或＋86 13900005602", "手机：+86 139****5601，或＋86 139****5602"},
		{"names before 同学 and 老板", "俞明轩同学的家长说，邬建国老板还欠着工钱", "俞**同学的家长说，邬**老板还欠着工钱"},
		{"a letter's greeting", "尊敬的柏秀英：您好！苗建华您好，来信收悉。致卜建军先生", "尊敬的柏**：您好！苗**您好，来信收悉。致卜**先生"},
		{"a family name and a post after a cue untouched", "尊敬的郝省长：包工头陈经理说，项目部负责人张经理不在", "尊敬的郝省长：包工头陈经理说，项目部负责人张经理不在"},
		{"a list after 的 with a rarer family name and a count in tens", "准格尔旗的鲍勇、卜四旦、于海波等十几位村民", "准格尔旗的鲍*、卜**、于**等十几位村民"},
		{"a list of names then its count", "符建华、俞海峰、鲍国庆三名工人到劳动监察大队反映", "符**、俞**、鲍**三名工人到劳动监察大队反映"},
		{"a list closed by its count", "农民工侯大勇、芦二宝、聂小虎三人找到劳动监察", "农民工侯**、芦**、聂**三人找到劳动监察"},
		{"names after 叫 with a pronoun or kin", "我妈叫阎秀梅，他叫谭长春", "我妈叫阎**，他叫谭**"},
		{"names after the hotline's words", "诉求人邵玉兰来电称，致电人员蔺国华称", "诉求人邵**来电称，致电人员蔺**称"},
		{"a record's head: name, sex, age", "卢桂琴，女，58岁，住兴和县。鲍志远（男，1969年生）反映欠薪", "卢**，女，58岁，住兴和县。鲍**（男，1969年生）反映欠薪"},
		{"a two-character name before sex", "1.谷强，男，汉族", "1.谷*，男，汉族"},
		{"a name before sex after a word", "登记表上写着申请人的兄弟郁建伟，男，已退休", "登记表上写着申请人的兄弟郁**，男，已退休"},
		{"sex after words that are no names untouched", "受害人为一名青年，男，伤者系外地人员，女，轻伤", "受害人为一名青年，男，伤者系外地人员，女，轻伤"},
		{"names after trades", "外卖员卓立新称，快递员蒲文斌说，养殖户柏德全反映，网格员祁玉凤介绍", "外卖员卓**称，快递员蒲**说，养殖户柏**反映，网格员祁**介绍"},
		{"a name after 大名", "大家都叫他老汤，大名汤宝林", "大家都叫他老汤，大名汤**"},
		{"trades before words untouched", "教师工资按时发放，骑手安全要保障，乘客上下车", "教师工资按时发放，骑手安全要保障，乘客上下车"},
		{"names after posts of courts and police", "执行法官栾海林及时送达，民警舒卫国表示，检察官邢立新说，调解员甘秀珍介绍", "执行法官栾**及时送达，民警舒**表示，检察官邢**说，调解员甘**介绍"},
		{"a pair joined by 和 and its count", "闫建民和barney等人，闻立国与符秀英等五人来访", "闫建民和barney等人，闻**与符**等五人来访"},
		{"a list whose first name follows a verb, closed by its count", "我们有邵国强、房建设和我共三人", "我们有邵**、房**和我共三人"},
		{"anonymous names and a name in one list", "工人甲某、乙某和宫长青等七人来访", "工人甲某、乙某和宫**等七人来访"},
		{"brothers closed by 俩", "我们是喻波、喻伟俩兄弟，系村民", "我们是喻*、喻*俩兄弟，系村民"},
		{"names after signing, witness and account words", "证人：蓝大海、湛小宝。经手人：石磊。开户人阎海涛。落款：村民 晏守义、晏守礼", "证人：蓝**、湛**。经手人：石*。开户人阎**。落款：村民 晏**、晏**"},
		{"a family name and a post in a field untouched", "经办人：刘主任；联系人：王总经理，电话", "经办人：刘主任；联系人：王总经理，电话"},
		{"a pair without its count untouched", "王府井和李宁专卖店，张家口与邢台", "王府井和李宁专卖店，张家口与邢台"},
		{"a name before its bearer's ID number or phone", "吕海军（身份证号：150102197805061234）系该村村民，尚秀兰，电话13904711234", "吕**（身份证号：150102********1234）系该村村民，尚**，电话139****1234"},
		{"a family name and a post before a phone untouched", "王经理，电话13904711234，店主说，电话打不通", "王经理，电话139****1234，店主说，电话打不通"},
		{"names in traditional characters", "投訴人陳大文先生表示，業主李美玲向記者說，居民黃志明說", "投訴人陳**先生表示，業主李**向記者說，居民黃**說"},
		{"a two-character name before a verb of saying", "农民工李明告诉记者，住户苏强说：", "农民工李*告诉记者，住户苏*说："},
		{"a two-character name before a verb after a post", "镇长魏震陪同，县长杨毅接待来访群众", "镇长魏*陪同，县长杨*接待来访群众"},
		{"words that open no given name untouched", "村民谈妥的情况，住户曾尝试沟通，保安宫事件发生，邓副校长说", "村民谈妥的情况，住户曾尝试沟通，保安宫事件发生，邓副校长说"},
		{"names after kin and owners", "孙子阮浩然上学，女婿赵磊在外地打工，前妻温晓燕，舅舅滕福贵，实际控制人孙宏伟已失联，工友们推举郑大海为代表", "孙子阮**上学，女婿赵*在外地打工，前妻温**，舅舅滕**，实际控制人孙**已失联，工友们推举郑**为代表"},
		{"kin and owners before words untouched", "孙子上学的事，股东大会，推选代表、包车", "孙子上学的事，股东大会，推选代表、包车"},
		{"a verb after a role word untouched", "8名工人危站天台，工人站在门口", "8名工人危站天台，工人站在门口"},
		{"a name in quotation marks after a role word", "业主“庞建华”在群里说，老总「余剑波」拖欠工程款", "业主“庞**”在群里说，老总「余**」拖欠工程款"},
		{"a firm in quotation marks untouched", "大股东「金怡合企业」停止拨款，村民“老王”说", "大股东「金怡合企业」停止拨款，村民“老王”说"},
		{"a full name in brackets after the way a text calls the person", "工人老杨（杨振东）说，负责人周某（周建设）不见了，代表人：侯志刚、武秀珍", "工人老杨（杨**）说，负责人周某（周**）不见了，代表人：侯**、武**"},
		{"brackets with no name untouched", "张先生（化名）说，老王（音）说，周某（男，45岁），老人（80岁）", "张先生（化名）说，老王（音）说，周某（男，45岁），老人（80岁）"},
		{"a name after @ and a bracketed name after you", "@邵文博 已收到。关于您（常凤英）来信反映的问题，本人（廖海涛）承诺", "@邵** 已收到。关于您（常**）来信反映的问题，本人（廖**）承诺"},
		{"a Uyghur name opening with 阿不", "工人阿不都克里木·吐尔逊说，村民阿不来提称", "工人阿*********说，村民阿***称"},
		{"a name before 牵头 and a Cantonese 话", "由副旗长聂振宇牵头，租客何生话，嘎查达孟和巴雅尔说", "由副旗长聂**牵头，租客何*话，嘎查达孟****说"},
		{"@ and you before words untouched", "发邮件@单位，您（或家属）可来电，阿不满意", "发邮件@单位，您（或家属）可来电，阿不满意"},
		{"a speaker's name opening a line and a signature after 此致敬礼", "黄志刚：工钱什么时候给？\n王经理：月底。\n何阿姨：我再等等。\n此致敬礼 温秀兰 2023.6.1", "黄**：工钱什么时候给？\n王经理：月底。\n何阿姨：我再等等。\n此致敬礼 温** 2023.6.1"},
		{"a name after an engineer's post", "监理工程师吕志强签了字，技术员葛小平不在", "监理工程师吕**签了字，技术员葛**不在"},
		{"a local number after a traditional keyword, a given name after a comma, a name before 想", "聯絡人陳小姐（電話：6123 4567），举报人姓秦，名晓燕，你好我是林建新想问一下", "聯絡人陳小姐（電話：****4567），举报人姓秦，名**，你好我是林**想问一下"},
		{"names after 死者 and 干部", "死者崔永福生前在工地务工，负责此事的是镇干部阎宏伟。", "死者崔**生前在工地务工，负责此事的是镇干部阎**。"},
		{"a full name after a closing quotation mark, before a verb of saying", "“钱一直没给。”王俊林说，「房子裂了」余金儿告诉记者，邬飞祖指出问题。", "“钱一直没给。”王**说，「房子裂了」余**告诉记者，邬**指出问题。"},
		{"a full name opening a sentence before a verb of saying, not a family name and a form of address", "工程结束了。许爱军告诉记者，张亮军表示再等等。王大爷说，李书记介绍", "工程结束了。许**告诉记者，张**表示再等等。王大爷说，李书记介绍"},
		{"a full name opening a sentence before words said of people, not a common word", "工程停了。王亲臣和工友去讨薪，何彬其的房子被拆了，张蓬冲与工友还在等。安置后的房子漏雨。", "工程停了。王**和工友去讨薪，何**的房子被拆了，张**与工友还在等。安置后的房子漏雨。"},
		{"a name after a preposition before a verb of saying, not 对方 or 苏木", "据王福元说，居民代表向赵庆利反映了，对方均表示，这事跟苏木说过，据韦某反映", "据王**说，居民代表向赵**反映了，对方均表示，这事跟苏木说过，据韦某反映"},
		{"a full name before 等 and a count of people, not a place", "劳动者朱声远等19人到县里讨薪，我市肖良友等4名民工，安置爱国村、龙潭村等200多户", "劳动者朱**等19人到县里讨薪，我市肖**等4名民工，安置爱国村、龙潭村等200多户"},
		{"a name before the household it heads, not a firm's place nor kin", "郝世军一家人百思不得其解。刘高明这一家人挤在30平米里。包头一家企业欠薪，黄伯一家人也被吵得睡不着。", "郝**一家人百思不得其解。刘高明这一家人挤在30平米里。包头一家企业欠薪，黄伯一家人也被吵得睡不着。"},
		{"a full name before 家中 or 家里, not a noun, kin or a bare family name", "记者来到张大爷家中，又去了村民家中。王建国家里的房子被拆了。到李家中做客，在刘老师家里补课，工人王大海家中困难。", "记者来到张大爷家中，又去了村民家中。王**家里的房子被拆了。到李家中做客，在刘老师家里补课，工人王**家中困难。"},
		{"a list closed by 等 and 共 before the count", "今天，我代表自己，以及王大斌、吴程远、赵岩涛等共几十名矿工兄弟写信。", "今天，我代表自己，以及王**、吴**、赵**等共几十名矿工兄弟写信。"},
		{"a listed name masked at its other mentions", "下午在凡村段红霞家中，记者见到了其中的5名民工（许成林、曹海山、李耀光、吴保平、段红霞）。最大的曹海山已经73岁，最小的许成林也已53岁。据吴保平介绍，工钱一直没拿到。", "下午在凡村段**家中，记者见到了其中的5名民工（许**、曹**、李**、吴**、段**）。最大的曹**已经73岁，最小的许**也已53岁。据吴**介绍，工钱一直没拿到。"},
		{"nouns opening a sentence untouched", "包工头称开发商未拨付。施工方称没钱。项目名称：某府", "包工头称开发商未拨付。施工方称没钱。项目名称：某府"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MaskText(tt.in)
			if got != tt.want {
				t.Errorf("MaskText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := MaskText(got); again != got {
				t.Errorf("MaskText not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestMaskRespondent(t *testing.T) {
	for in, want := range map[string]string{
		"张伟":              "张*",
		"司马光明":            "司***",
		"某劳务公司":           "某劳务公司",
		"包工头李大成":          "包工头李**",
		"某公司 13900005678": "某公司 139****5678",
		"宝音图":             "宝**",
		"宝力道":             "宝**",
		"常二虎（包工头）":        "常**（包工头）",
		"楊亮成":             "楊**",
		"包工頭陳大成":          "包工頭陳**",
		"某建筑劳务有限公司":       "某建筑劳务有限公司",
		"乌兰浩特市住建局":        "乌兰浩特市住建局",
		"于海波":             "于**",
		"张某伟":             "张**",
		"张某某":             "张某某",
	} {
		if got := MaskRespondent(in); got != want {
			t.Errorf("MaskRespondent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskSearchTerms(t *testing.T) {
	for in, want := range map[string]string{
		"王建国":               "王**",
		"巴特尔":               "巴**",
		"\"额尔敦巴雅尔\" 工资":     "\"额*****\" 工资",
		"subject:宝音图":       "subject:宝**",
		"batu_nm1988":       "b**********",
		"2876543210":        "2*********",
		"wurina.nm":         "w********",
		"13900005601":       "139****5601",
		"包工头 拖欠 工资":         "包工头 拖欠 工资",
		"噪音扰民 -物业":          "噪音扰民 -物业",
		"乌兰浩特市 延期交房":        "乌兰浩特市 延期交房",
		"\"工资 拖欠\" 3500":    "\"工资 拖欠\" 3500",
		"category:noise 噪音": "category:noise 噪音",
	} {
		if got := MaskSearchTerms(in); got != want {
			t.Errorf("MaskSearchTerms(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkMaskText masks a petition of ordinary length with a phone, an ID
// number, a name and an address in it.
func BenchmarkMaskText(b *testing.B) {
	text := strings.Repeat("乌兰浩特市某小区27户业主反映，开发商承诺2023年6月交房，至今已拖延一年多，多次到住建局反映未果。", 4) +
		"本人王建国，电话139 0000 5601，身份证152201199001010013，家住乌兰浩特市和平街道幸福小区3号楼2单元501室。"
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		MaskText(text)
	}
}
