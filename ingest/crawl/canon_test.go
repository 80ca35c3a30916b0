package crawl

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{name: "lower-case host and scheme", in: "HTTP://WWW.Example.GOV.cn/Xfj/Index.html", want: "http://www.example.gov.cn/Xfj/Index.html"},
		{name: "fragment dropped", in: "http://a.cn/x.html#top", want: "http://a.cn/x.html"},
		{name: "default http port", in: "http://a.cn:80/x.html", want: "http://a.cn/x.html"},
		{name: "default https port", in: "https://a.cn:443/x.html", want: "https://a.cn/x.html"},
		{name: "other port kept", in: "http://a.cn:8080/x.html", want: "http://a.cn:8080/x.html"},
		{name: "dot segments", in: "http://a.cn/XAM/../xam/zwdt/./index.html", want: "http://a.cn/xam/zwdt/index.html"},
		{name: "trailing slash kept", in: "http://a.cn/xfj/gzdt/", want: "http://a.cn/xfj/gzdt/"},
		{name: "empty path", in: "http://a.cn", want: "http://a.cn/"},
		{name: "tracking parameters dropped", in: "http://a.cn/c.html?utm_source=wx&utm_medium=share&from=timeline&isappinstalled=0", want: "http://a.cn/c.html"},
		{name: "query sorted", in: "http://a.cn/list.jsp?page=2&cat=xf&UTM_Campaign=x", want: "http://a.cn/list.jsp?cat=xf&page=2"},
		{name: "repeated parameter keeps order", in: "http://a.cn/s?q=b&q=a", want: "http://a.cn/s?q=b&q=a"},
		{name: "escaped Chinese path", in: "http://a.cn/%E4%BF%A1%E8%AE%BF/1.html", want: "http://a.cn/%E4%BF%A1%E8%AE%BF/1.html"},
		{name: "raw Chinese path", in: "http://a.cn/信访/1.html", want: "http://a.cn/%E4%BF%A1%E8%AE%BF/1.html"},
		{name: "user info dropped", in: "http://u:p@a.cn/", want: "http://a.cn/"},
		{name: "trailing dot of host", in: "http://a.cn./x", want: "http://a.cn/x"},
		{name: "mailto", in: "mailto:xfj@example.cn", wantErr: true},
		{name: "relative", in: "/index.html", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonical(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Canonical(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestID(t *testing.T) {
	// echo -n "http://a.cn/" | sha256sum
	const want = "45db151f6b2121e9b80146a742abd078c4dd64a92808494e8e6e97d2c6891eee"
	if got := ID("http://a.cn/"); got != want {
		t.Errorf("ID(%q) = %s, want %s", "http://a.cn/", got, want)
	}
}
