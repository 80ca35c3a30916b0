package crawl

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDecodeHTML(t *testing.T) {
	const text = "兴安盟信访局开展领导接访日活动，接待群众3批12人次“欠薪”问题"
	const rare = "记者王䶮" // 䶮 is a four-byte GB 18030 character, not in GBK
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gb18030 := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte("<html><body>Café crème brûlée</body></html>"))
	page := func(head, body string) string {
		return "<html><head>" + head + "<title>t</title></head><body><p>" + body + "</p></body></html>"
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string // a substring of the decoded page
		wantCharset string
	}{
		{"utf-8 undeclared", []byte(page("", text)), "text/html", text, "utf-8"},
		{"utf-8 BOM", append([]byte("\xef\xbb\xbf"), page("", text)...), "", text, "utf-8"},
		{"GBK in meta http-equiv only", gbk(page(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, text)), "text/html", text, "gb18030"},
		{"gb2312 in meta charset only", gbk(page(`<meta charset="gb2312">`, text)), "", text, "gb18030"},
		{"meta after 2 KiB of script", gbk("<html><head><script>" + strings.Repeat("var a=1;", 300) + `</script><meta charset="GBK"></head><body>` + text + "</body></html>"), "text/html", text, "gb18030"},
		{"GB18030 in header only", gb18030(page("", text+rare)), "text/html; charset=GB18030", text + rare, "gb18030"},
		{"gbk header holding a GB18030 character", gb18030(page("", text+rare)), "text/html; charset=gbk", text + rare, "gb18030"},
		{"header wins over meta", gb18030(page(`<meta charset="utf-8">`, text)), "text/html; charset=gb18030", text, "gb18030"},
		{"GB18030 detectable from bytes only", gb18030(page("", text+rare)), "text/html", text + rare, "gb18030"},
		{"declared utf-8 but GBK bytes", gbk(page(`<meta charset="utf-8">`, text)), "text/html; charset=utf-8", text, "gb18030"},
		{"latin-1 declared", latin1, "text/html; charset=iso-8859-1", "Café crème brûlée", "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs := decodeHTML(tt.body, tt.contentType)
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("decodeHTML(%s) = %.200q, want it to contain %q", tt.name, got, tt.want)
			}
			if cs != tt.wantCharset {
				t.Errorf("decodeHTML(%s) charset = %q, want %q", tt.name, cs, tt.wantCharset)
			}
		})
	}
}

// TestFixtureCharsets checks that the legacy-encoded fixture pages really are
// stored as the site package says.
func TestFixtureCharsets(t *testing.T) {
	for path, want := range map[string]string{
		"/xfj/gzdt/202308/t20230822_2254120.html":       "gb18030", // GBK bytes, <meta charset=gbk>
		"/fzrb/content/2023-07/05/content_8877102.html": "gb18030", // header only
		"/xam/zwdt/202402/t20240220_095.html":           "gb18030", // bytes only
		"/xfj/gzdt/202307/t20230703_2231456.html":       "utf-8",
	} {
		t.Run(path, func(t *testing.T) {
			doc, _, cs := fixturePage(t, path)
			if cs != want {
				t.Errorf("charset of %s = %q, want %q", path, cs, want)
			}
			if title := doc.Find("title").Text(); !strings.ContainsAny(title, "旗县盟市") {
				t.Errorf("title of %s = %q, not Chinese", path, title)
			}
		})
	}
}
