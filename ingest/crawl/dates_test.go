package crawl

import (
	"net/url"
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, cst) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"发布时间：2023-07-03 07:59:36", at(2023, 7, 3, 7, 59, 36), true},
		{"2023年07月03日 07:59", at(2023, 7, 3, 7, 59, 0), true},
		{"2023年7月3日7时59分", at(2023, 7, 3, 7, 59, 0), true},
		{"日期：2024/1/12", at(2024, 1, 12, 0, 0, 0), true},
		{"2024.03.15 10:20", at(2024, 3, 15, 10, 20, 0), true},
		{"2024-02-30 is not a date, 2024-02-29 is", at(2024, 2, 29, 0, 0, 0), true},
		{"浏览次数：1286", time.Time{}, false},
		{"2023-13-01", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := findDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("findDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok {
			if _, off := got.Zone(); off != 8*3600 {
				t.Errorf("findDate(%q) zone offset %d, want +08:00", tt.in, off)
			}
		}
	}
}

func TestParseTimeAttr(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-12T09:00:00+08:00": "2024-01-12T09:00:00+08:00",
		"2024-01-12T01:00:00Z":      "2024-01-12T09:00:00+08:00",
		"2024-01-12 09:00":          "2024-01-12T09:00:00+08:00",
	} {
		got, ok := parseTimeAttr(in)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("parseTimeAttr(%q) = %v, %v; want %s", in, got.Format(time.RFC3339), ok, want)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://a.cn/xfj/gzdt/202307/t20230703_2231456.html":  "2023-07-03T00:00:00+08:00",
		"http://a.cn/content/2023-07/03/content_8876543.html": "2023-07-03T00:00:00+08:00",
		"http://a.cn/xfj/gzdt/index_1.html":                   "",
	} {
		u, _ := url.Parse(in)
		got, ok := dateFromURL(u)
		if s := got.Format(time.RFC3339); (want == "" && ok) || (want != "" && s != want) {
			t.Errorf("dateFromURL(%s) = %s, %v; want %q", in, s, ok, want)
		}
	}
}
