package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/piigen"
	"github.com/xinfang/xinfang/nlp"
)

// genDocs builds petitions from generated personal data: 8 variants per
// record in its content (the first is its title too), and some petitioners
// and respondents named by them. It returns the documents and the variants
// of each.
func genDocs(t *testing.T, n int) ([]xinfang.Document, map[string][]piigen.Variant) {
	t.Helper()
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	vs := piigen.New(2026).Variants(n)
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, shanghai)
	var docs []xinfang.Document
	byDoc := map[string][]piigen.Variant{}
	for i := 0; i+8 <= len(vs); i += 8 {
		group := vs[i : i+8]
		id := fmt.Sprintf("GEN-PII-%05d", i/8)
		var content []string
		for _, v := range group {
			content = append(content, v.Text)
		}
		rec := &xinfang.Record{ID: id, ReceivedAt: at.Add(time.Duration(i) * time.Hour), Channel: xinfang.ChannelVisit,
			Region: "内蒙古自治区兴安盟乌兰浩特市", Title: group[0].Text, Content: strings.Join(content, ""), Status: xinfang.StatusAccepted,
			Respondent: "某建筑劳务有限公司"}
		// group[5] and group[6] are names (see Variants): one petitions,
		// the other is the respondent.
		rec.Petitioner = &xinfang.Person{Name: group[5].Person, Phone: group[0].Raw[0], Address: "内蒙古自治区兴安盟乌兰浩特市和平街道幸福小区" + group[7].Raw[0]}
		if i%16 == 0 {
			rec.Respondent = group[6].Person
		}
		docs = append(docs, xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: rec,
			Analysis: an.AnalyzeKind(xinfang.KindPetition, id, rec.Title, rec.Content)})
		byDoc[id] = group
	}
	return docs, byDoc
}

// apiDates are the dates and times the API writes itself (received_at,
// deadlines, the briefing's week): read for raw digits, 2024-06-01 would be
// the generated local number 20240601.
var apiDates = regexp.MustCompile(`\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?`)

// TestNoPIILeakGenerated indexes 10,000 generated variants of personal data
// with the real analyzer and index, crawls every route, and finds no raw
// value in any response; no raw value finds a record.
func TestNoPIILeakGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 1,250 generated records; skipped with -short")
	}
	docs, byDoc := genDocs(t, 10000)
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := index.OpenMem(index.Options{SearchTimeout: time.Minute, CategoryLabel: an.CategoryLabel})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	ts := serverOn(t, st)
	var all []piigen.Variant
	for _, d := range docs {
		all = append(all, byDoc[d.ID]...)
	}
	leaked := map[string]int{}
	check := func(target string, body []byte, vs []piigen.Variant) {
		t.Helper()
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("%s: not JSON: %v", target, err)
		}
		text := string(body) + fmt.Sprint(v)
		folded := piigen.Fold(apiDates.ReplaceAllString(text, "|"))
		for _, pv := range vs {
			for _, raw := range pv.Leaks(text, folded) {
				if leaked[pv.Kind]++; leaked[pv.Kind] <= 3 {
					t.Errorf("%s: %s %q (from %q) in the answer", target, pv.Kind, raw, pv.Text)
				}
			}
		}
	}
	get := func(target string) []byte {
		t.Helper()
		rec := ts.do("GET", target, nil)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	// Every page of every search, checked against the records it shows.
	pages := 0
	for _, q := range []string{"", "电话", "身份证", "本人", "包工头", "号楼", "拖欠"} {
		for _, sort := range []string{"relevance", "date"} {
			cursor := ""
			for {
				target := "/api/v1/search?size=100&sort=" + sort + "&q=" + url.QueryEscape(q)
				if cursor != "" {
					target += "&cursor=" + url.QueryEscape(cursor)
				}
				body := get(target)
				pages++
				var res xinfang.SearchResult
				json.Unmarshal(body, &res)
				var vs []piigen.Variant
				for _, h := range res.Hits {
					vs = append(vs, byDoc[h.ID]...)
				}
				check(target, body, vs)
				if res.Cursor == "" || len(res.Hits) == 0 {
					break
				}
				cursor = res.Cursor
			}
		}
	}
	for _, d := range docs {
		target := "/api/v1/documents/" + d.ID
		check(target, get(target), byDoc[d.ID])
	}
	for _, target := range []string{"/api/v1/trends?by=category", "/api/v1/trends?by=city", "/api/v1/clusters?min_count=1&size=100", "/api/v1/risks?size=100",
		"/api/v1/handling?by=respondent&size=100", "/api/v1/handling?by=city", "/api/v1/handling?by=county"} {
		check(target, get(target), all)
	}
	// Similar and related records, and the bulletins of clusters.
	for i, d := range docs {
		if i%10 != 0 {
			continue
		}
		for _, route := range []string{"similar", "related"} {
			target := "/api/v1/documents/" + d.ID + "/" + route + "?size=20"
			check(target, get(target), all)
		}
	}
	var cl struct {
		Clusters []struct{ Key string } `json:"clusters"`
	}
	json.Unmarshal(get("/api/v1/clusters?min_count=1&size=5"), &cl)
	for _, c := range cl.Clusters {
		target := "/api/v1/clusters/" + c.Key + "/bulletins"
		check(target, get(target), all)
	}
	// The weekly briefing is HTML. What the page says in any week (its
	// headings, 生成于…) is no leak when a generated given name happens to
	// be the same word (姓何名生成): a week with no records shows it.
	empty := html.UnescapeString(string(get("/api/v1/reports/weekly?week=2031-W01")))
	for w := 9; w <= 60; w += 3 {
		target := fmt.Sprintf("/api/v1/reports/weekly?week=%d-W%02d", 2024+(w-1)/52, (w-1)%52+1)
		text := html.UnescapeString(string(get(target)))
		folded := piigen.Fold(apiDates.ReplaceAllString(text, "|"))
		for _, pv := range all {
			for _, raw := range pv.Leaks(text, folded) {
				if strings.Contains(empty, raw) {
					continue
				}
				if leaked[pv.Kind]++; leaked[pv.Kind] <= 3 {
					t.Errorf("%s: %s %q (from %q) in the briefing", target, pv.Kind, raw, pv.Text)
				}
			}
		}
	}
	for i, d := range docs {
		if i%10 != 0 {
			continue
		}
		body, _ := json.Marshal(AnalyzeRequest{ID: d.ID, Title: d.Title(), Content: d.Content()})
		rec := ts.do("POST", "/api/v1/analyze", bytes.NewReader(body))
		if rec.Code != 200 {
			t.Fatalf("analyze %s: %d", d.ID, rec.Code)
		}
		check("analyze "+d.ID, rec.Body.Bytes(), byDoc[d.ID])
	}
	if pages < 20 {
		t.Errorf("only %d search pages crawled", pages)
	}
	// No raw value finds a record that holds it: as words, as a phrase, or
	// as a subject. A bare two-character name is only searched as a phrase:
	// unquoted it is two one-character terms, which find any record that
	// keeps the family name (朱*, as masking does) and has the given
	// character in another word (1968年生); that tells nothing of the name.
	holding := map[string]map[string]bool{} // raw value → records that hold it
	for id, vs := range byDoc {
		for _, v := range vs {
			for _, raw := range v.Raw {
				if holding[raw] == nil {
					holding[raw] = map[string]bool{}
				}
				holding[raw][id] = true
			}
		}
	}
	found := 0
	for i, v := range all {
		if i%10 != 0 {
			continue
		}
		for _, raw := range v.Raw {
			for _, q := range []string{raw, `"` + raw + `"`, `subject:"` + raw + `"`} {
				if q == raw && v.Kind == "name" && utf8.RuneCountInString(raw) == 2 {
					continue
				}
				var res xinfang.SearchResult
				json.Unmarshal(get(fmt.Sprintf("/api/v1/search?size=%d&q=%s", xinfang.MaxSearchSize, url.QueryEscape(q))), &res)
				if res.Total > uint64(len(res.Hits)) {
					t.Fatalf("search %s: %d records, more than a page of %d", q, res.Total, len(res.Hits))
				}
				for _, h := range res.Hits {
					if holding[raw][h.ID] {
						if found++; found <= 5 {
							t.Errorf("search %s (%s) finds %s, which holds it", q, v.Kind, h.ID)
						}
					}
				}
			}
		}
	}
	if len(leaked) > 0 || found > 0 {
		t.Errorf("leaks by kind: %v; raw values that find records: %d", leaked, found)
	}
}
