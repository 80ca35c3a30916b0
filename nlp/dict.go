package nlp

// domainVocabulary is petition vocabulary that gse's general dictionary
// splits or lacks; the segmenter keeps these words whole so that the index
// and the keywords see them as one term.
var domainVocabulary = []string{
	// wages
	"农民工", "欠薪", "讨薪", "拖欠工资", "劳务费", "包工头", "工程款", "劳务公司", "辛苦钱", "血汗钱",
	"双拖欠", "工资保证金", "人社局", "劳动监察", "讨要工资", "欠发", "施工队", "装修队",
	// expropriation
	"征收补偿", "拆迁补偿", "征地补偿", "强拆", "安置房", "回迁房", "回迁楼", "过渡费", "征收户", "拆迁户",
	"棚户区改造", "棚改", "地上附着物", "青苗补偿", "补偿款", "补偿标准", "补偿协议", "产权调换", "征拆",
	// delivery and housing
	"延期交房", "逾期交房", "交房", "收房", "烂尾", "烂尾楼", "购房户", "购房款", "开发商", "房地产开发",
	"业主群", "商铺", "房产证", "不动产权证", "不动产登记", "网签", "保交楼",
	// noise and environment
	"噪音扰民", "夜间施工", "广场舞", "渣土车", "搅拌站", "空调外机", "油烟", "扬尘", "异味", "养殖场",
	// other categories
	"物业费", "物业公司", "供暖费", "停车费", "经济补偿金", "解除劳动合同", "工伤认定", "养老保险",
	"医保", "低保", "草场", "草牧场", "承包地", "土地流转", "流转费", "机动地", "预付卡", "培训机构",
	"保教费", "划片", "医疗纠纷", "卫健委",
	// petition work
	"信访", "信访局", "信访件", "来访", "来电", "来信", "集体访", "集体上访", "越级上访", "信访代办",
	"代办员", "接访", "下访", "拉横幅", "堵路", "堵门", "联名信", "微信群", "情绪激动",
	"嘎查", "苏木", "旗里", "盟里",
}

// DomainWords returns the petition vocabulary and every place name of the
// gazetteer, the words the segmenter must keep whole.
func DomainWords() []string {
	out := append([]string(nil), domainVocabulary...)
	return append(out, NewGazetteer("").Names()...)
}
