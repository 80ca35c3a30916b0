package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xinfang/xinfang"
)

func TestDeterministic(t *testing.T) {
	a, b := New(7), New(7)
	// Out of order and repeated calls give the same records.
	for _, i := range []int{5, 0, 999, 5, 123456} {
		if diff := cmp.Diff(a.Record(i), b.Record(i)); diff != "" {
			t.Errorf("Record(%d) differs between two generators of seed 7 (-a +b):\n%s", i, diff)
		}
	}
	if diff := cmp.Diff(a.Record(3), a.Record(3)); diff != "" {
		t.Errorf("Record(3) differs between calls:\n%s", diff)
	}
	if New(8).Record(3).Content == a.Record(3).Content && New(8).Record(4).Content == a.Record(4).Content {
		t.Error("seeds 7 and 8 give the same records")
	}
	var w1, w2 bytes.Buffer
	if err := WriteJSONL(&w1, 200, 1); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSONL(&w2, 200, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		t.Error("WriteJSONL(200, seed 1) differs between runs")
	}
}

var (
	phoneRE = regexp.MustCompile(`1[3-9][0-9]{9}`)
)

func TestValidAndVaried(t *testing.T) {
	const n = 5000
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, n, 42); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimRight(buf.Bytes(), "\n"), []byte("\n"))
	if len(lines) != n {
		t.Fatalf("WriteJSONL wrote %d lines, want %d", len(lines), n)
	}
	ids := map[string]bool{}
	cities := map[string]bool{}
	counties := map[string]bool{}
	channels := map[xinfang.Channel]int{}
	respondents := map[string]int{}
	months := map[string]bool{}
	end := Start.Add(Span)
	for i, l := range lines {
		rec, err := xinfang.DecodeRecord(l, time.Now())
		if err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, l)
		}
		if ids[rec.ID] {
			t.Errorf("line %d: duplicate id %s", i+1, rec.ID)
		}
		ids[rec.ID] = true
		if rec.ReceivedAt.Before(Start) || !rec.ReceivedAt.Before(end) {
			t.Errorf("%s: received_at %v outside [%v, %v)", rec.ID, rec.ReceivedAt, Start, end)
		}
		months[rec.ReceivedAt.Format("2006-01")] = true
		for ci := range cities_() {
			if strings.Contains(rec.Region, ci) {
				cities[ci] = true
			}
		}
		counties[rec.Region] = true
		channels[rec.Channel]++
		respondents[rec.Respondent]++
		if p := rec.Petitioner; p != nil {
			if p.Phone != "" && (len(p.Phone) != 11 || p.Phone[3:7] != "0000") {
				t.Errorf("%s: phone %s does not have 0000 as digits 4-7", rec.ID, p.Phone)
			}
			if p.IDNumber != "" && (len(p.IDNumber) != 18 || CheckDigit(p.IDNumber) == p.IDNumber[17]) {
				t.Errorf("%s: ID number %s has a valid check digit", rec.ID, p.IDNumber)
			}
		}
		for _, m := range phoneRE.FindAllString(rec.Content, -1) {
			if m[3:7] != "0000" {
				t.Errorf("%s: phone %s in content does not have 0000 as digits 4-7", rec.ID, m)
			}
		}
	}
	if len(cities) != 12 {
		t.Errorf("records cover %d 盟市, want all 12", len(cities))
	}
	if len(counties) < 90 {
		t.Errorf("records cover %d county-level regions, want at least 90 of 103", len(counties))
	}
	if len(months) < 24 {
		t.Errorf("records cover %d months, want 24", len(months))
	}
	for _, c := range xinfang.Channels {
		if channels[c] == 0 {
			t.Errorf("no record with channel %s", c)
		}
	}
	top := 0
	for _, c := range respondents {
		top = max(top, c)
	}
	if top < 20 {
		t.Errorf("the most frequent respondent has %d records, want recurring respondents (≥ 20 of %d)", top, n)
	}
}

func cities_() map[string]bool {
	m := map[string]bool{}
	for _, c := range cities {
		m[c.name] = true
	}
	return m
}

func TestGazetteerComplete(t *testing.T) {
	n := 0
	for _, c := range cities {
		n += len(c.counties)
	}
	if len(cities) != 12 || n != 103 {
		t.Errorf("gazetteer has %d 盟市 and %d county-level units, want 12 and 103", len(cities), n)
	}
}

func TestFakeIDNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		id := FakeIDNumber(r, "150102")
		if len(id) != 18 || !strings.HasPrefix(id, "150102") {
			t.Fatalf("FakeIDNumber = %q, want 18 characters starting 150102", id)
		}
		if CheckDigit(id) == id[17] {
			t.Fatalf("FakeIDNumber = %q has a valid check digit", id)
		}
	}
	// A known valid number (GB 11643 example): 11010519491231002X.
	if c := CheckDigit("11010519491231002"); c != 'X' {
		t.Errorf("CheckDigit(11010519491231002) = %c, want X", c)
	}
}

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "一"}, {10, "十"}, {15, "十五"}, {27, "二十七"}, {90, "九十"}, {105, "一百零五"},
		{250, "二百五十"}, {1000, "一千"}, {1010, "一千零一十"}, {2800, "二千八百"}, {46000, "四万六千"},
		{100000, "十万"}, {300000, "三十万"}, {120500, "十二万零五百"}, {70000000, "七千万"},
		{10015, "一万零一十五"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := chineseNumber(tt.n); got != tt.want {
				t.Errorf("chineseNumber(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func BenchmarkRecord(b *testing.B) {
	g := New(1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = g.Record(i)
	}
}

func BenchmarkWriteJSONL(b *testing.B) {
	const n = 10000
	var cw countWriter
	b.ReportAllocs()
	for b.Loop() {
		cw = 0
		if err := WriteJSONL(&cw, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(cw))
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func TestAppendJSON(t *testing.T) {
	g := New(3)
	n := 7
	tricky := xinfang.Record{ID: `a"b\c`, ReceivedAt: Start, Content: "line1\nline2\t\x01\"quoted\" 反斜杠\\", Headcount: &n,
		Petitioner: &xinfang.Person{Phone: "13900001234"}, Agent: &xinfang.Agent{Role: "信访代办员"}}
	recs := []xinfang.Record{tricky, {ID: "x", ReceivedAt: Start, Content: "c", Petitioner: &xinfang.Person{}}}
	for i := 0; i < 300; i++ {
		recs = append(recs, g.Record(i))
	}
	for _, want := range recs {
		line := AppendJSON(nil, &want)
		if line[len(line)-1] != '\n' || bytes.Count(line, []byte("\n")) != 1 {
			t.Fatalf("AppendJSON(%s) is not one line: %q", want.ID, line)
		}
		var got xinfang.Record
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("AppendJSON(%s) = %s: %v", want.ID, line, err)
		}
		if want.Petitioner != nil && *want.Petitioner == (xinfang.Person{}) {
			want.Petitioner = &xinfang.Person{} // an empty object decodes as one
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("AppendJSON(%s) does not decode back (-want +got):\n%s", want.ID, diff)
		}
	}
}
