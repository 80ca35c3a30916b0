package index

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// summary renders clauses compactly for comparison.
func summary(q *parsedQuery) []string {
	var out []string
	for _, c := range q.clauses {
		s := ""
		if c.occur == occurMustNot {
			s = "-"
		}
		if c.field != "" {
			s += c.field + ":"
		}
		s += c.value
		if c.phrase {
			s = s + "(phrase)"
		}
		if c.prefix {
			s += "(prefix)"
		}
		if c.fuzzy {
			s += "(fuzzy)"
		}
		if c.field == "headcount" {
			s += "[" + itoa(int(c.min)) + "," + itoa(int(c.max)) + "]"
		}
		out = append(out, s)
	}
	return out
}

func itoa(n int) string {
	if n == maxHeadcount {
		return "max"
	}
	return strconv.Itoa(n)
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, q string
		want    []string
	}{
		{"empty", "", nil},
		{"spaces", "  \t　", nil},
		{"words", "欠薪 乌兰浩特", []string{"欠薪", "乌兰浩特"}},
		{"must and not", "+欠薪 -噪声", []string{"欠薪", "-噪声"}},
		{"phrase", `"拖欠 工资" 业主`, []string{"拖欠 工资(phrase)", "业主"}},
		{"not phrase", `-"联名上访"`, []string{"-联名上访(phrase)"}},
		{"prefix", "开发*", []string{"开发(prefix)"}},
		{"fuzzy", "developer~ develop~1", []string{"developer(fuzzy)", "develop(fuzzy)"}},
		{"field", "city:兴安盟 category:wage_arrears", []string{"city:兴安盟", "category:wage_arrears"}},
		{"quoted field", `subject:"某 公司"`, []string{"subject:某 公司(phrase)"}},
		{"enum label", "channel:来访 status:已办结 risk_level:高 kind:信访件", []string{"channel:visit", "status:closed", "risk_level:high", "kind:petition"}},
		{"negated field", "-status:closed", []string{"-status:closed"}},
		{"headcount ge", "headcount:>=5", []string{"headcount:>=5[5,max]"}},
		{"headcount gt", "headcount:>5", []string{"headcount:>5[6,max]"}},
		{"headcount lt", "headcount:<5", []string{"headcount:<5[0,4]"}},
		{"headcount le", "headcount:<=5", []string{"headcount:<=5[0,5]"}},
		{"headcount exact", "headcount:7", []string{"headcount:7[7,7]"}},
		{"headcount range", "headcount:5..29", []string{"headcount:5..29[5,29]"}},
		{"headcount dash", "headcount:5-29", []string{"headcount:5-29[5,29]"}},
		{"headcount plus", "headcount:30+", []string{"headcount:30+[30,max]"}},
		{"NOT keyword", "欠薪 NOT 噪声", []string{"欠薪", "-噪声"}},
		{"AND keyword", "欠薪 AND 噪声", []string{"欠薪", "噪声"}},
		{"time with colon", "12:30", []string{"12:30"}},
		{"chinese colon", "城市：兴安盟", []string{"城市：兴安盟"}},
		{"chinese field names", "类别:欠薪 盟市：呼市 旗县:土左旗 风险:高 人数:>=5 类型:信访件", []string{"category:欠薪", "city:呼和浩特市", "county:土默特左旗", "risk_level:high", "headcount:>=5[5,max]", "kind:petition"}},
		{"traditional field value", "盟市:興安盟 -狀態:已辦結", []string{"city:兴安盟", "-status:closed"}},
		{"english field with short form", "city:呼市 county:准旗", []string{"city:呼和浩特市", "county:准格尔旗"}},
		{"slash inside", "2024/04", []string{"2024/04"}},
		{"max clauses", strings.Repeat("a ", maxClauses), strings.Split(strings.TrimSpace(strings.Repeat("a ", maxClauses)), " ")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := parseQuery(tt.q)
			if err != nil {
				t.Fatalf("parseQuery(%q) = %v", tt.q, err)
			}
			if diff := cmp.Diff(tt.want, summary(q)); diff != "" {
				t.Errorf("parseQuery(%q) (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, q string
		want    string // part of the message
	}{
		{"too long", strings.Repeat("a", maxQueryBytes+1), "more than the limit of 1024"},
		{"too many clauses", strings.Repeat("a ", maxClauses+1), "more than 32 clauses"},
		{"unclosed quote", `欠薪 "拖欠`, "position 4: the quote opened here is not closed"},
		{"lone plus", "欠薪 +", "position 4"},
		{"lone minus", "- 欠薪", "position 1"},
		{"double op", "+-欠薪", "cannot follow"},
		{"unknown field", "foo:bar", `unknown field "foo"`},
		{"empty field", "city: 兴安盟", "needs a value"},
		{"bad enum", "channel:fax", `unknown value "fax"`},
		{"bad headcount", "headcount:many", "headcount: wants a number"},
		{"headcount reversed", "headcount:9..3", "headcount: wants a number"},
		{"short prefix", "a*", "at least 2 characters before *"},
		{"inner wildcard", "a*b", "only allowed as one * at the end"},
		{"question mark", "ab?c", "only allowed as one * at the end"},
		{"regexp", "/ab.*/", "regular expressions are not supported"},
		{"fuzzy 2", "abcdef~2", "edit distance of 1 only"},
		{"short fuzzy", "ab~", "at least 3 characters"},
		{"group", "(a b)", "no grouping"},
		{"range", "[1 TO 5]", "no grouping"},
		{"boost", "a^2", "boosts"},
		{"OR", "a OR b", "OR is not supported"},
		{"wildcard on keyword", "city:兴安*", "takes an exact value"},
		{"quote in word", `ab"c"`, "unexpected quote"},
		{"trailing NOT", "a NOT", "NOT must be followed"},
		{"empty phrase", `""`, "the phrase is empty"},
		{"bad utf8", "\xff", "not valid UTF-8"},
		{"text after quote", `"ab"c`, "closing quote must be followed by a space"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseQuery(tt.q)
			if xinfang.ErrorCode(err) != xinfang.EINVALID {
				t.Fatalf("parseQuery(%q) = %v, want an EINVALID error", tt.q, err)
			}
			if msg := xinfang.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("parseQuery(%q) = %q, want it to contain %q", tt.q, msg, tt.want)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "欠薪", `"拖欠 工资" -噪声 +city:兴安盟`, "headcount:>=5", "ab* abc~ abc~1", "NOT a", `city:"兴安盟"`, "((", "a:b:c", "-\"", "+", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq, err := parseQuery(q)
		if err != nil {
			if xinfang.ErrorCode(err) != xinfang.EINVALID {
				t.Fatalf("parseQuery(%q) = %v, want EINVALID", q, err)
			}
			return
		}
		if len(pq.clauses) > maxClauses {
			t.Fatalf("parseQuery(%q) has %d clauses", q, len(pq.clauses))
		}
	})
}

// FuzzSearch runs fuzzed queries against a small index: a query is either
// answered or rejected as EINVALID, never a panic or an internal error.
//
//	go test -run XXX -fuzz FuzzSearch -fuzztime 1m ./index
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "工资", `"拖欠 工资" -噪声 +city:兴安盟`, "headcount:>=5 -risk_level:low", "开发* 施工队~", "subject:某建筑有限公司", "title:工资 content:拖欠", "-工资", "category:欠薪", "，。"} {
		f.Add(s)
	}
	s := newMemStore(f, handDocuments())
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Search(ctx, xinfang.SearchRequest{Query: q, Size: 3})
		// EUNAVAILABLE is the search timeout on a loaded machine.
		if code := xinfang.ErrorCode(err); err != nil && code != xinfang.EINVALID && code != xinfang.EUNAVAILABLE {
			t.Fatalf("Search(%q) = %v, want nil or EINVALID", q, err)
		}
	})
}
