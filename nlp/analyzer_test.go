package nlp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

var sampleTexts = []string{
	"来访人王某某等27人反映：2023年4月至10月，他们在乌兰浩特市某小区二期工地从事钢筋、木工等工作，某建筑劳务有限公司至今拖欠工资共计919730元。",
	"说好去年交房，到现在还是个框架！我是昆区某楼盘的购房者，2020年交了首付38万元。",
	"楼下烧烤店吵到凌晨两三点，喝酒划拳大喊大叫。",
	"准旗薛家湾镇某村六十多户的房子被强拆了，补偿款一分没见到，我们商量好下个月一起去北京。",
	"",
	"ＡＢＣ１２３　全角字符和\t空白",
	"\xff\xfe\xfd 无效的 UTF-8 \xc3\x28 在中间",
}

func TestAnalyzeShape(t *testing.T) {
	a := testAnalyzer(t)
	an := a.Analyze("NM-1", "关于某房地产开发有限公司延期交房的反映", "来访人刘某某等12户业主反映：和顺嘉园小区合同约定2022年12月31日前交房，至今已逾期一年，开发商以资金困难为由一再推迟。")
	if an.ID != "NM-1" || an.Headcount == nil || *an.Headcount != 12 {
		t.Errorf("ID/headcount = %q/%v, want NM-1/12", an.ID, an.Headcount)
	}
	if diff := cmp.Diff([]string{"delayed_delivery"}, an.Categories); diff != "" {
		t.Errorf("categories mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"某房地产开发有限公司", "和顺嘉园小区"}, an.Subjects); diff != "" {
		t.Errorf("subjects mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2022-12-31"}, an.Dates); diff != "" {
		t.Errorf("dates mismatch (-want +got):\n%s", diff)
	}
	if len(an.Keywords) == 0 || len(an.Keywords) > 8 {
		t.Errorf("keywords %q, want 1 to 8", an.Keywords)
	}
	for _, k := range an.Keywords {
		if utf8.RuneCountInString(k) < 2 || strings.ContainsAny(k, "0123456789") {
			t.Errorf("keyword %q is a single character or a number", k)
		}
	}
	// Empty results are empty lists, not null, except where the contract
	// says null.
	b, err := json.Marshal(a.Analyze("x", "", "你好"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"categories":[]`, `"evidence":{}`, `"headcount":null`, `"amounts_yuan":[]`,
		`"city":null`, `"county":null`, `"places":[]`, `"subjects":[]`, `"keywords":[`, `"reasons":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("analysis JSON lacks %s: %s", want, b)
		}
	}
}

func TestAnalyzeInvalidUTF8(t *testing.T) {
	a := testAnalyzer(t)
	for _, s := range []string{"\xff", "拖欠\xff工资", "\xe6\x8b", strings.Repeat("\xc3", 1000), "27\xff人", "58万\x80元"} {
		an := a.analyze("", "x", "\xfe", s) // the unrecovered path: a panic fails the test
		b, err := json.Marshal(an)
		if err != nil {
			t.Errorf("Analyze(%q) does not marshal: %v", s, err)
		}
		if !utf8.Valid(b) {
			t.Errorf("Analyze(%q) gives invalid UTF-8 JSON", s)
		}
	}
}

// TestAnalyzeConcurrent runs many analyses at once (go test -race) and
// checks that they equal the serial results.
func TestAnalyzeConcurrent(t *testing.T) {
	a := testAnalyzer(t)
	texts := append([]string(nil), sampleTexts...)
	for i := range 20 {
		texts = append(texts, fmt.Sprintf("第%d次反映：%s", i+2, sampleTexts[i%4]))
	}
	want := make([]xinfang.Analysis, len(texts))
	for i, s := range texts {
		want[i] = a.Analyze(fmt.Sprint(i), "", s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range len(texts) {
				i := (k + g) % len(texts)
				got := a.Analyze(fmt.Sprint(i), "", texts[i])
				if diff := cmp.Diff(want[i], got); diff != "" {
					select {
					case errs <- fmt.Sprintf("text %d differs from the serial analysis (-want +got):\n%s", i, diff):
					default:
					}
				}
				_ = a.Segmenter().Tokens(texts[i])
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestTokens(t *testing.T) {
	s := testAnalyzer(t).Segmenter()
	text := "乌兰浩特市的农民工征收补偿，延期交房！ＡＢＣ"
	toks := s.Tokens(text)
	var terms []string
	for i, tk := range toks {
		terms = append(terms, tk.Term)
		if tk.Position != i+1 {
			t.Errorf("token %q position %d, want %d", tk.Term, tk.Position, i+1)
		}
		if tk.Term != "abc" && text[tk.Start:tk.End] != tk.Term {
			t.Errorf("token %q at [%d:%d] is %q in the text", tk.Term, tk.Start, tk.End, text[tk.Start:tk.End])
		}
	}
	for _, w := range []string{"乌兰浩特市", "农民工", "征收补偿", "延期交房", "abc"} {
		if !strings.Contains(strings.Join(terms, "|")+"|", w+"|") {
			t.Errorf("tokens %q lack the whole word %q", terms, w)
		}
	}
	if last := toks[len(toks)-1]; text[last.Start:last.End] != "ＡＢＣ" {
		t.Errorf("full-width token maps to %q, want ＡＢＣ", text[last.Start:last.End])
	}
}

// FuzzAnalyze proves that no input makes the analyzer panic (it calls the
// unrecovered path) and that the output always marshals to valid UTF-8 JSON.
func FuzzAnalyze(f *testing.F) {
	for _, s := range sampleTexts {
		f.Add("", s)
	}
	f.Add("标题", "二〇二三年四月十九日，九十多名、二百五十余户、4批15人次、三十多万元、1.2万余元、2023-07-03 07:59")
	f.Add("", "十十十万万亿亿几几几多多余余来来千千")
	f.Add("", "第第第三次次次……２０２３年１２月３１日")
	// Long repetitive input once made the numeral scan quadratic; as seeds
	// these keep any such regression from passing a plain go test.
	for _, rep := range []string{"一二三四五六七八九", "没有拖欠工资", "某公司", "上访扬言", "二十万人", "1.", "！"} {
		f.Add("", strings.Repeat(rep, 5000))
	}
	a, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, content string) {
		an := a.analyze("", "id", title, content)
		b, err := json.Marshal(an)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("invalid UTF-8 in %s", b)
		}
		if an.Risk.Score < 0 || an.Risk.Score > 100 {
			t.Fatalf("risk score %d", an.Risk.Score)
		}
	})
}

// TestSubjectNames covers respondents whose names hold business words that
// end other names (管理, 服务), and a company named before a topic.
func TestSubjectNames(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct{ text, want string }{
		{"呼和浩特市某某物业服务有限公司长期不维修电梯。", "某某物业服务有限公司"},
		{"业主反映金桥餐饮管理有限公司油烟扰民。", "金桥餐饮管理有限公司"},
		{"关于万达物业有限公司物业问题的投诉", "万达物业有限公司"},
	}
	for _, tt := range tests {
		got := a.Analyze("t", "", tt.text).Subjects
		if !slices.Contains(got, tt.want) {
			t.Errorf("Analyze(%q).Subjects = %q, want %q among them", tt.text, got, tt.want)
		}
	}
}
