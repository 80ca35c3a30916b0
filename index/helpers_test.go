package index

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

func ptr[T any](v T) *T { return &v }

// doc is a hand-made petition for tests.
type doc struct {
	id, title, content, city, county, subject string
	cats                                      []string
	level                                     string
	score                                     int
	hc                                        int
	channel                                   xinfang.Channel
	status                                    xinfang.Status
	date                                      string // 2006-01-02
	phone, idNumber                           string
}

func (d doc) document() xinfang.Document {
	date, err := time.ParseInLocation("2006-01-02", d.date, cst)
	if err != nil {
		panic(err)
	}
	r := &xinfang.Record{ID: d.id, ReceivedAt: date.Add(10 * time.Hour), Title: d.title, Content: d.content, Channel: d.channel, Status: d.status}
	if d.hc > 0 {
		r.Headcount = ptr(d.hc)
	}
	if d.phone != "" || d.idNumber != "" {
		r.Petitioner = &xinfang.Person{Name: "张三", Phone: d.phone, IDNumber: d.idNumber}
	}
	a := xinfang.Analysis{ID: d.id, Categories: d.cats, Risk: xinfang.Risk{Level: d.level, Score: d.score, Reasons: []string{}}}
	if a.Categories == nil {
		a.Categories = []string{}
	}
	if a.Risk.Level == "" {
		a.Risk.Level = xinfang.RiskLow
	}
	if d.city != "" {
		a.City = ptr(d.city)
	}
	if d.county != "" {
		a.County = ptr(d.county)
	}
	if d.subject != "" {
		a.Subjects = []string{d.subject}
	}
	return xinfang.Document{ID: d.id, Kind: xinfang.KindPetition, Record: r, Analysis: a}
}

var handDocs = []doc{
	{id: "A1", title: "农民工讨要工资", content: "某建筑公司拖欠农民工工资三个月，27名工人多次讨要未果，联系电话13812345678。", city: "兴安盟", county: "乌兰浩特市", subject: "某建筑有限公司", cats: []string{xinfang.CategoryWageArrears}, level: xinfang.RiskHigh, score: 80, hc: 27, channel: xinfang.ChannelVisit, status: xinfang.StatusAccepted, date: "2024-04-01", phone: "13812345678"},
	{id: "A2", title: "小区延期交房", content: "开发商承诺2023年底交房，至今停工，业主群里议论联名上访。", city: "呼和浩特市", county: "新城区", subject: "某房地产开发有限公司", cats: []string{xinfang.CategoryDelayedDelivery}, level: xinfang.RiskMedium, score: 55, hc: 120, channel: xinfang.ChannelOnline, status: xinfang.StatusAssigned, date: "2024-04-02"},
	{id: "A3", title: "夜间施工噪声", content: "工地半夜还在施工，噪声扰民严重，影响休息。身份证号150102198001011234。", city: "包头市", county: "昆都仑区", cats: []string{xinfang.CategoryNoise}, level: xinfang.RiskLow, score: 10, hc: 1, channel: xinfang.ChannelPhone, status: xinfang.StatusClosed, date: "2024-04-08", idNumber: "150102198001011234"},
	{id: "A4", title: "拆迁补偿不到位", content: "房屋被征收后补偿款一直没有发放，安置房也没有着落，拖欠工资的问题也有。", city: "兴安盟", county: "科尔沁右翼前旗", subject: "某某镇政府", cats: []string{xinfang.CategoryDemolitionCompensation, xinfang.CategoryWageArrears}, level: xinfang.RiskMedium, score: 45, hc: 3, channel: xinfang.ChannelLetter, status: xinfang.StatusInProgress, date: "2024-04-15"},
	{id: "A5", title: "再次反映拖欠工资", content: "某建筑公司拖欠农民工工资三个月，27名工人多次讨要未果，今天第三次来访。", city: "兴安盟", county: "乌兰浩特市", subject: "某建筑公司", cats: []string{xinfang.CategoryWageArrears}, level: xinfang.RiskMedium, score: 50, hc: 27, channel: xinfang.ChannelVisit, status: xinfang.StatusAccepted, date: "2024-05-03", phone: "138-1234-5678"},
	{id: "A6", title: "咨询社保", content: "咨询养老保险缴费年限问题。", city: "", cats: nil, level: xinfang.RiskLow, score: 5, channel: xinfang.ChannelOther, status: xinfang.StatusFollowUp, date: "2024-05-20"},
}

func handDocuments() []xinfang.Document {
	out := make([]xinfang.Document, len(handDocs))
	for i, d := range handDocs {
		out[i] = d.document()
	}
	return out
}

// testSearchTimeout replaces the 1 s bound of a search (Options.
// SearchTimeout) in tests: under the race detector on a loaded machine a
// search of the fixtures, or its wait at the scan gate, can take longer,
// and that is not what the tests check.
const testSearchTimeout = time.Minute

func newMemStore(t testing.TB, docs []xinfang.Document) *Store {
	t.Helper()
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout, Secret: []byte("test-secret-0123456789"), RecordKey: testKey(1)})
	if err != nil {
		t.Fatalf("OpenMem: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if len(docs) > 0 {
		if err := s.Index(context.Background(), docs); err != nil {
			t.Fatalf("Index: %v", err)
		}
	}
	return s
}

func filepathGlob(dir, pattern string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, pattern))
}

// testKey is a record key made of one repeated byte.
func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

// sameWithWorkers answers each request once on one worker and once with the
// parallel scan forced on (parallelMinRows 0), and fails where the answers
// differ: the split over workers must not change a result.
func sameWithWorkers[Req, Res any](t *testing.T, name string, reqs []Req, call func(Req) (Res, error)) {
	t.Helper()
	var one []Res
	for _, req := range reqs {
		res, err := call(req)
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, res)
	}
	defer func(n int) { parallelMinRows = n }(parallelMinRows)
	parallelMinRows = 0
	for i, req := range reqs {
		res, err := call(req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one[i], res); diff != "" {
			t.Errorf("%s(%+v) with workers (-one +many):\n%s", name, req, diff)
		}
	}
}
