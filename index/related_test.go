package index

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// relatedDocs are petitions and bulletins analysed by nlp: a wage matter of
// one named company in 兴安盟 filed three times, a bulletin that reports it
// resolved, a bulletin on wages in another 盟市, and unrelated records.
func relatedDocs(t *testing.T) []xinfang.Document {
	t.Helper()
	a, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2024, 3, d, 9, 0, 0, 0, cst) }
	pet := func(id string, d int, region, respondent, title, content string) xinfang.Document {
		r := xinfang.Record{ID: id, ReceivedAt: day(d), Region: region, Respondent: respondent, Title: title, Content: content}
		return xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: &r, Analysis: a.AnalyzeKind(xinfang.KindPetition, id, title, content)}
	}
	bul := func(id string, d int, title, content string) xinfang.Document {
		b := xinfang.Bulletin{ID: id, URL: "https://example.gov.cn/" + id, Title: title, Content: content, PublishedAt: day(d), FetchedAt: day(d)}
		return xinfang.Document{ID: id, Kind: xinfang.KindBulletin, Bulletin: &b, Analysis: a.AnalyzeKind(xinfang.KindBulletin, id, title, content)}
	}
	return []xinfang.Document{
		pet("R1", 1, "内蒙古自治区兴安盟乌兰浩特市", "兴安盟宏达建筑劳务有限公司", "讨要工资", "我们12名工人在兴安盟宏达建筑劳务有限公司承建的工地干活，工资拖欠五个月共计36万元，多次讨要无果。"),
		pet("R2", 5, "内蒙古自治区兴安盟乌兰浩特市", "兴安盟宏达建筑劳务有限公司", "再次反映欠薪", "兴安盟宏达建筑劳务有限公司至今拖欠我们工人工资36万元，上次反映后仍没有结果。"),
		pet("R3", 9, "内蒙古自治区兴安盟乌兰浩特市", "", "工地欠薪", "乌兰浩特市一工地老板拖欠12名工人工资五个月共计36万元，工人多次讨要无果，请求帮助。"),
		pet("R4", 2, "内蒙古自治区包头市昆都仑区", "", "噪声扰民", "小区楼下烧烤店每晚营业到凌晨两点，噪音太大，无法休息。"),
		bul("B1", 20, "兴安盟为12名农民工追回欠薪36万元", "近日，乌兰浩特市劳动保障监察大队督促兴安盟宏达建筑劳务有限公司支付拖欠的12名农民工工资36万元，欠薪问题已全部解决。"),
		bul("B2", 21, "包头市开展根治欠薪专项行动", "包头市人社局开展根治欠薪冬季专项行动，检查在建工程项目45个，督促支付农民工工资。"),
		bul("B3", 22, "兴安盟召开安全生产会议", "兴安盟召开安全生产工作会议，部署冬季安全生产工作。"),
	}
}

func linkIDs(links []xinfang.Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.ID)
	}
	return out
}

func TestRelated(t *testing.T) {
	s := newMemStore(t, relatedDocs(t))
	// Similar records of R1: the same company, the near-duplicate text.
	sim, err := s.Similar(ctx, "R1", 10)
	if err != nil {
		t.Fatal(err)
	}
	ids := linkIDs(sim)
	for _, want := range []string{"R2", "R3"} {
		if !slices.Contains(ids, want) {
			t.Errorf("similar to R1: %v, want %s", ids, want)
		}
	}
	if slices.Contains(ids, "R4") || slices.Contains(ids, "B1") {
		t.Errorf("similar to R1: %v holds an unrelated record or a bulletin", ids)
	}
	for _, l := range sim {
		if len(l.Reasons) == 0 {
			t.Errorf("similar %s has no reason", l.ID)
		}
		if l.ID == "R2" && !slices.ContainsFunc(l.Reasons, func(r string) bool { return strings.HasPrefix(r, "同一被反映单位") }) {
			t.Errorf("R2 reasons %v: want the same respondent", l.Reasons)
		}
	}
	// The bulletins about R1: B1 first (same company, resolved), not B3.
	bs, err := s.Linked(ctx, "R1", 10)
	if err != nil {
		t.Fatal(err)
	}
	if ids := linkIDs(bs); len(ids) == 0 || ids[0] != "B1" || slices.Contains(ids, "B3") || slices.Contains(ids, "R2") {
		t.Errorf("bulletins of R1 = %v, want B1 first, no B3, only bulletins", ids)
	} else if !bs[0].Resolved || bs[0].Resolution == "" {
		t.Errorf("B1: resolved %v %q, want the report's words", bs[0].Resolved, bs[0].Resolution)
	} else if !slices.Contains(bs[0].Reasons, "同一被反映单位：兴安盟宏达建筑劳务有限公司") {
		t.Errorf("B1 reasons %v: want the same respondent", bs[0].Reasons)
	}
	// The petitions B1 is about.
	ps, err := s.Linked(ctx, "B1", 10)
	if err != nil {
		t.Fatal(err)
	}
	ids = linkIDs(ps)
	for _, want := range []string{"R1", "R2"} {
		if !slices.Contains(ids, want) {
			t.Errorf("petitions of B1 = %v, want %s", ids, want)
		}
	}
	if slices.Contains(ids, "R4") {
		t.Errorf("petitions of B1 = %v holds the noise record", ids)
	}
	// A cluster's bulletins.
	cls, err := s.Clusters(ctx, xinfang.ClusterRequest{MinCount: 2})
	if err != nil || len(cls) == 0 {
		t.Fatalf("clusters %v, %v", cls, err)
	}
	cb, err := s.ClusterBulletins(ctx, cls[0].Key, 5)
	if err != nil {
		t.Fatal(err)
	}
	if ids := linkIDs(cb); len(ids) == 0 || ids[0] != "B1" {
		t.Errorf("bulletins of cluster %+v = %v, want B1 first", cls[0], ids)
	}
	if _, err := s.Similar(ctx, "nope", 5); xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		t.Errorf("Similar(nope) = %v, want not found", err)
	}
	if _, err := s.ClusterBulletins(ctx, "k0000000000000000", 5); xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		t.Errorf("ClusterBulletins(unknown) = %v, want not found", err)
	}
	if _, err := s.Similar(ctx, "R1", 500); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("size 500: %v, want invalid", err)
	}
}
