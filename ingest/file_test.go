package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// outcome is what a test expects of one item: an id and kind, or an error
// on a line naming a field.
type outcome struct {
	Line  int
	ID    string
	Kind  string
	Field string // for errors: the field named, "" for a whole-line error
	Bad   bool
}

func readItems(t *testing.T, name, input string, opts FileOptions) []outcome {
	t.Helper()
	fr, err := NewFileReader(strings.NewReader(input), name, opts)
	if err != nil {
		t.Fatalf("NewFileReader: %v", err)
	}
	var got []outcome
	for {
		it, err := fr.Next()
		if errors.Is(err, io.EOF) {
			return got
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if it.Err != nil {
			var le *LineError
			if !errors.As(it.Err, &le) || le.File != name || le.Line != it.Line {
				t.Errorf("item error %v: want a *LineError naming %s:%d", it.Err, name, it.Line)
			}
			if !strings.HasPrefix(it.Err.Error(), name+":") {
				t.Errorf("error %q does not start with the file name", it.Err)
			}
			field := ""
			var xe *xinfang.Error
			if errors.As(it.Err, &xe) {
				field = xe.Field
			}
			got = append(got, outcome{Line: it.Line, Field: field, Bad: true})
			continue
		}
		if !json.Valid(it.Value) {
			t.Errorf("line %d: Value is not JSON: %s", it.Line, it.Value)
		}
		got = append(got, outcome{Line: it.Line, ID: it.ID, Kind: it.Kind})
	}
}

func TestFileReaderJSONL(t *testing.T) {
	long := `{"id":"L1","content":"` + strings.Repeat("很", 3<<20/3) + `"}` // a 3 MB line
	tests := []struct {
		name  string
		file  string
		input string
		opts  FileOptions
		want  []outcome
	}{
		{
			name: "good and bad lines",
			file: "records.jsonl",
			input: `{"id":"A1","content":"欠薪","headcount":3}
{"id":"A2","content":"噪音","headcount":"三"}

{"id":"A3","content":"拆迁","channel":"fax"}
not json
{"id":"A4","content":"交房"}
`,
			want: []outcome{
				{Line: 1, ID: "A1", Kind: "petition"},
				{Line: 2, Field: "headcount", Bad: true},
				{Line: 4, Field: "channel", Bad: true},
				{Line: 5, Bad: true},
				{Line: 6, ID: "A4", Kind: "petition"},
			},
		},
		{
			name:  "BOM, CRLF and no final newline",
			file:  "x.jsonl",
			input: "\ufeff{\"id\":\"B1\",\"content\":\"欠薪\"}\r\n{\"id\":\"B2\",\"content\":\"噪音\"}",
			want:  []outcome{{Line: 1, ID: "B1", Kind: "petition"}, {Line: 2, ID: "B2", Kind: "petition"}},
		},
		{
			name:  "bulletins detected by url",
			file:  "mixed.jsonl",
			input: `{"id":"ab12","url":"https://example.org/1","title":"接访","content":"接待群众"}` + "\n" + `{"id":"C1","content":"欠薪"}` + "\n",
			want:  []outcome{{Line: 1, ID: "ab12", Kind: "bulletin"}, {Line: 2, ID: "C1", Kind: "petition"}},
		},
		{
			name:  "forced kind",
			file:  "b.jsonl",
			input: `{"id":"ab13","title":"接访","content":"接待群众"}` + "\n",
			opts:  FileOptions{Kind: xinfang.KindBulletin},
			want:  []outcome{{Line: 1, ID: "ab13", Kind: "bulletin"}},
		},
		{
			name:  "multi-megabyte line",
			file:  "long.jsonl",
			input: long + "\n" + `{"id":"L2","content":"短"}` + "\n",
			want:  []outcome{{Line: 1, Bad: true}, {Line: 2, ID: "L2", Kind: "petition"}},
		},
		{
			name:  "content above its limit",
			file:  "c.jsonl",
			input: `{"id":"C1","content":"` + strings.Repeat("长", xinfang.MaxContentBytes/3+10) + `"}` + "\n",
			want:  []outcome{{Line: 1, Field: "content", Bad: true}},
		},
		{
			name:  "line above the limit is skipped",
			file:  "huge.jsonl",
			input: `{"id":"H1","content":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n" + `{"id":"H2","content":"短"}` + "\n",
			want:  []outcome{{Line: 1, Bad: true}, {Line: 2, ID: "H2", Kind: "petition"}},
		},
		{
			name:  "invalid UTF-8",
			file:  "u.jsonl",
			input: "{\"id\":\"U1\",\"content\":\"\xff\"}\n",
			want:  []outcome{{Line: 1, Bad: true}},
		},
		{
			name:  "sniffed without extension",
			file:  "stdin",
			input: "  \n" + `{"id":"S1","content":"欠薪"}` + "\n",
			want:  []outcome{{Line: 2, ID: "S1", Kind: "petition"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := readItems(t, tc.file, tc.input, tc.opts)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFileReaderCSV(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		input string
		want  []outcome
	}{
		{
			name: "Chinese headers",
			file: "records.csv",
			input: "\ufeff编号,受理时间,渠道,地区,被反映单位,标题,内容,人数,状态,姓名,电话,备注\n" +
				"NM-1,2024-04-19 09:30:00,来访,兴安盟乌兰浩特市,某公司,欠薪,\"27名农民工讨薪,\"\"急\"\"\",27,已受理,张三,13800000000,无\n" +
				"NM-2,2024-04-19T09:30:00+08:00,visit,,,,噪音扰民,十二,accepted,,,\n" +
				"NM-3,,letter,,,,\"多行\n内容\",,closed,,,\n" +
				"NM-4,,letter,,,,拆迁,,done,,,\n" +
				"NM-5,,,,,,,,,,,\n" +
				"NM-6,昨天,,,,,交房,,,,,\n" +
				"NM-7,,,,,内容\n",
			want: []outcome{
				{Line: 2, ID: "NM-1", Kind: "petition"},
				{Line: 3, Field: "headcount", Bad: true},
				{Line: 4, ID: "NM-3", Kind: "petition"},
				{Line: 6, Field: "status", Bad: true},
				{Line: 7, Field: "content", Bad: true},
				{Line: 8, Field: "received_at", Bad: true},
				{Line: 9, Bad: true},
			},
		},
		{
			name:  "English headers and nested petitioner",
			file:  "r.csv",
			input: "id,content,headcount,petitioner.name,petitioner_phone,agent.role\nE1,欠薪,5,李四,13900000000,信访代办员\n",
			want:  []outcome{{Line: 2, ID: "E1", Kind: "petition"}},
		},
		{
			name:  "bad quoting",
			file:  "q.csv",
			input: "id,content\nQ1,\"unterminated\nQ2,ok\n",
			want:  []outcome{{Line: 2, Bad: true}},
		},
		{
			name:  "invalid UTF-8 cell",
			file:  "u.csv",
			input: "id,content\nU1,\xff\xfe\nU2,好\n",
			want:  []outcome{{Line: 2, Field: "content", Bad: true}, {Line: 3, ID: "U2", Kind: "petition"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := readItems(t, tc.file, tc.input, FileOptions{})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFileReaderCSVValue(t *testing.T) {
	input := "编号,受理时间,渠道,内容,人数,状态,姓名,代办员\nNM-1,2024-04-19 09:30,网上信访,\" 业主反映 \",12,办理中,张三,王五\n"
	fr, err := NewFileReader(strings.NewReader(input), "r.csv", FileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it, err := fr.Next()
	if err != nil || it.Err != nil {
		t.Fatalf("Next = %v, %v", it.Err, err)
	}
	r, err := xinfang.DecodeRecord(it.Value, time.Now())
	if err != nil {
		t.Fatalf("DecodeRecord(%s): %v", it.Value, err)
	}
	twelve := 12
	want := xinfang.Record{
		ID:         "NM-1",
		ReceivedAt: time.Date(2024, 4, 19, 9, 30, 0, 0, time.FixedZone("", 8*3600)),
		Channel:    xinfang.ChannelOnline,
		Content:    " 业主反映 ",
		Headcount:  &twelve,
		Status:     xinfang.StatusInProgress,
		Petitioner: &xinfang.Person{Name: "张三"},
		Agent:      &xinfang.Agent{Name: "王五"},
	}
	if diff := cmp.Diff(want, r, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("record of the row (-want +got):\n%s", diff)
	}
}

func TestFileReaderCSVHeaderErrors(t *testing.T) {
	for _, tc := range []struct{ name, input string }{
		{"empty file", ""},
		{"no content column", "id,title\n1,x\n"},
		{"no id column", "内容\nx\n"},
		{"duplicate field", "id,编号,content\n1,2,x\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewFileReader(strings.NewReader(tc.input), "h.csv", FileOptions{}); err == nil {
				t.Errorf("NewFileReader(%q) = nil error, want one", tc.input)
			}
		})
	}
}

// benchJSONL is 1000 petition lines.
func benchJSONL() []byte {
	var b bytes.Buffer
	for i := range 1000 {
		b.Write(recordJSON(fmt.Sprintf("B-%06d", i)))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func BenchmarkFileReaderJSONL(b *testing.B) {
	data := benchJSONL()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		fr, err := NewFileReader(bytes.NewReader(data), "b.jsonl", FileOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			it, err := fr.Next()
			if err == io.EOF {
				break
			}
			if err != nil || it.Err != nil {
				b.Fatal(err, it.Err)
			}
		}
	}
}

func BenchmarkDecodeMessage(b *testing.B) {
	v := recordJSON("B-000001")
	now := time.Now()
	b.SetBytes(int64(len(v)))
	b.ReportAllocs()
	for b.Loop() {
		if _, rej := decodeKind(xinfang.KindPetition, []byte("B-000001"), v, DefaultMaxMessageBytes, now); rej != nil {
			b.Fatal(rej)
		}
	}
}

func TestFileReaderCSVCaseTimes(t *testing.T) {
	input := "编号,受理时间,内容,状态,确认受理时间,办结时间,办理期限,更新时间\n" +
		"NM-2,2024-04-19 09:30,工资,办结,2024-04-20,2024-05-10 16:00,2024-06-19,2024-05-10 16:05\n" +
		"NM-3,2024-04-19 09:30,工资,办理中,下周,,,\n"
	fr, err := NewFileReader(strings.NewReader(input), "case.csv", FileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it, err := fr.Next()
	if err != nil || it.Err != nil {
		t.Fatalf("Next = %v, %v", it.Err, err)
	}
	r, err := xinfang.DecodeRecord(it.Value, time.Now())
	if err != nil {
		t.Fatalf("DecodeRecord(%s): %v", it.Value, err)
	}
	cst := time.FixedZone("", 8*3600)
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"accepted_at", r.AcceptedAt, time.Date(2024, 4, 20, 0, 0, 0, 0, cst)},
		{"closed_at", r.ClosedAt, time.Date(2024, 5, 10, 16, 0, 0, 0, cst)},
		{"deadline_at", r.DeadlineAt, time.Date(2024, 6, 19, 0, 0, 0, 0, cst)},
		{"updated_at", r.UpdatedAt, time.Date(2024, 5, 10, 16, 5, 0, 0, cst)},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if r.Status != xinfang.StatusClosed {
		t.Errorf("status %q, want closed", r.Status)
	}
	// A time that is not one is an error for its row, naming the field.
	it, err = fr.Next()
	if err != nil {
		t.Fatal(err)
	}
	var xe *xinfang.Error
	if !errors.As(it.Err, &xe) || xe.Field != "accepted_at" || !strings.Contains(it.Err.Error(), "case.csv:3") {
		t.Errorf("row 3 error = %v, want case.csv:3 naming accepted_at", it.Err)
	}
}
