package crawl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	full := write("full.yaml", `
timeout: 20s
max_body_bytes: 1048576
retries: 2
sites:
  - name: 兴安盟信访局
    seeds: [http://xfj.example.gov.cn/gzdt/index.html]
    allowed_domains: [xfj.example.gov.cn]
    list_pattern: '/gzdt/index(_\d+)?\.html$'
    article_pattern: '/gzdt/\d{6}/t\d{8}_\d+\.html$'
    selectors: {title: h1.xl_title, time: .xl_info, source: .xl_info, body: "#zoom"}
    rate: 0.5
    parallelism: 1
    max_depth: 3
`)
	list := write("list.yaml", `
- name: fzrb
  seeds: [http://www.example.com.cn/dffz/index.html]
`)
	got, err := LoadConfig(full)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Timeout: 20 * time.Second, MaxBodyBytes: 1 << 20, Retries: 2,
		Sites: []Site{{
			Name: "兴安盟信访局", Seeds: []string{"http://xfj.example.gov.cn/gzdt/index.html"},
			AllowedDomains: []string{"xfj.example.gov.cn"},
			ListPattern:    `/gzdt/index(_\d+)?\.html$`, ArticlePattern: `/gzdt/\d{6}/t\d{8}_\d+\.html$`,
			Selectors: Selectors{Title: "h1.xl_title", Time: ".xl_info", Source: ".xl_info", Body: "#zoom"},
			Rate:      0.5, Parallelism: 1, MaxDepth: 3,
		}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Site{})); diff != "" {
		t.Errorf("LoadConfig(full) mismatch (-want +got):\n%s", diff)
	}
	got, err = LoadConfig(list)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sites) != 1 || got.Sites[0].Name != "fzrb" {
		t.Errorf("LoadConfig(list) = %+v, want one site fzrb", got)
	}

	example, err := LoadConfig("sites.example.yaml")
	if err != nil {
		t.Fatalf("the example sites file: %v", err)
	}
	example.StateDir = t.TempDir()
	if err := example.normalize(); err != nil || len(example.Sites) != 2 {
		t.Errorf("the example sites file: %v, %d sites", err, len(example.Sites))
	}

	for name, text := range map[string]string{
		"unknown field": "sites:\n  - name: a\n    seeds: [http://a.cn/]\n    rat: 2\n",
		"no sites":      "timeout: 1s\n",
		"bad duration":  "timeout: soon\nsites:\n  - seeds: [http://a.cn/]\n",
	} {
		t.Run(name, func(t *testing.T) {
			p := write(strings.ReplaceAll(name, " ", "_")+".yaml", text)
			if _, err := LoadConfig(p); err == nil || !strings.Contains(err.Error(), p) {
				t.Errorf("LoadConfig(%s) error = %v, want one naming the file", name, err)
			}
		})
	}
}

func TestConfigNormalize(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"no state dir", Config{Sites: []Site{{Seeds: []string{"http://a.cn/"}}}}, "state_dir"},
		{"no seeds", Config{StateDir: "x", Sites: []Site{{Name: "a"}}}, "no seeds"},
		{"relative seed", Config{StateDir: "x", Sites: []Site{{Seeds: []string{"/a.html"}}}}, "not an absolute"},
		{"seed outside allowed domains", Config{StateDir: "x", Sites: []Site{{Seeds: []string{"http://a.cn/"}, AllowedDomains: []string{"b.cn"}}}}, "outside allowed_domains"},
		{"bad pattern", Config{StateDir: "x", Sites: []Site{{Seeds: []string{"http://a.cn/"}, ArticlePattern: "("}}}, "article_pattern"},
		{"two sites one host", Config{StateDir: "x", Sites: []Site{{Name: "a", Seeds: []string{"http://a.cn/1"}}, {Name: "b", Seeds: []string{"http://a.cn/2"}}}}, "both allow"},
		{"ok", Config{StateDir: "x", Sites: []Site{{Seeds: []string{"http://A.cn/"}}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.normalize()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("normalize: %v", err)
				}
				s := tt.cfg.Sites[0]
				if s.Rate != DefaultRate || s.Parallelism != DefaultParallelism || s.MaxDepth != DefaultMaxDepth || s.AllowedDomains[0] != "a.cn" {
					t.Errorf("defaults not applied: %+v", s)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("normalize error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
