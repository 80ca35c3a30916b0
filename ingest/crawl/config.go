package crawl

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// UserAgent names the crawler to the sites it visits.
const UserAgent = "XinfangCrawler/1.0 (+https://github.com/xinfang/xinfang)"

// Defaults of Config and Site.
const (
	DefaultTimeout      = 15 * time.Second
	DefaultMaxBodyBytes = 5 << 20
	DefaultRetries      = 3
	DefaultRetryBase    = time.Second
	DefaultMaxRedirects = 5
	DefaultRate         = 1.0 // requests per second per site
	DefaultParallelism  = 2
	DefaultMaxDepth     = 10
)

// Config is a crawl: the sites and the politeness and safety limits. The
// zero value of each field means its default.
type Config struct {
	Sites []Site `yaml:"sites"`
	// StateDir holds the crawl state (state.db): seen URLs, validators,
	// content hashes and the frontier. Required.
	StateDir string `yaml:"state_dir"`
	// UserAgent defaults to the package's UserAgent.
	UserAgent string `yaml:"user_agent"`
	// Timeout bounds each request, body included.
	Timeout time.Duration `yaml:"timeout"`
	// MaxBodyBytes bounds each response body after decompression.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// Retries is how often a 5xx answer, 429 or timeout is retried, with
	// exponential backoff from RetryBase. Negative means none. 4xx answers
	// are never retried.
	Retries   int           `yaml:"retries"`
	RetryBase time.Duration `yaml:"retry_base"`
	// MaxRedirects is the longest chain of redirects followed.
	MaxRedirects int `yaml:"max_redirects"`
	// NoSync skips fsync after each state change. The state still survives
	// a killed process, not a crash of the machine. For benchmarks.
	NoSync bool `yaml:"no_sync"`
	// Logger receives one line per failed page; nil discards.
	Logger *slog.Logger `yaml:"-"`
	// Progress, when set, is called about once a second during a run with
	// the counts so far.
	Progress func(Stats) `yaml:"-"`
}

// Site is one web site to crawl.
type Site struct {
	Name  string   `yaml:"name"`
	Seeds []string `yaml:"seeds"`
	// AllowedDomains are the host names that may be fetched; default: the
	// hosts of the seeds.
	AllowedDomains []string `yaml:"allowed_domains"`
	// ListPattern and ArticlePattern are regular expressions on URLs. When
	// either is set, only links matching one of them are followed, and
	// pages matching ArticlePattern are articles. When ArticlePattern is
	// empty, every page that extracts as an article is one.
	ListPattern    string `yaml:"list_pattern"`
	ArticlePattern string `yaml:"article_pattern"`
	// Selectors override the extraction heuristics for this site.
	Selectors Selectors `yaml:"selectors"`
	// Rate is the request rate limit in requests per second (default 1;
	// negative: none).
	Rate float64 `yaml:"rate"`
	// Parallelism is the number of concurrent requests (default 2).
	Parallelism int `yaml:"parallelism"`
	// MaxDepth is how many links away from a seed a page may be (default
	// 10; negative: no limit).
	MaxDepth int `yaml:"max_depth"`

	listRe, articleRe *regexp.Regexp
}

// LoadConfig reads a sites file (YAML): either a mapping with a "sites" list
// and optional limits, or just the list of sites.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("crawl: read sites %s: %w", path, err)
	}
	var cfg Config
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("-")) {
		err = yaml.Unmarshal(data, &cfg.Sites)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&cfg)
	}
	if err != nil {
		return Config{}, fmt.Errorf("crawl: sites %s: %w", path, err)
	}
	if len(cfg.Sites) == 0 {
		return Config{}, fmt.Errorf("crawl: sites %s: no sites", path)
	}
	return cfg, nil
}

// SitesFromSeeds makes one site per host of the seed URLs, with default
// limits.
func SitesFromSeeds(seeds []string) ([]Site, error) {
	var sites []Site
	byHost := map[string]int{}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("crawl: seed %q: not an absolute http(s) URL", s)
		}
		h := strings.ToLower(u.Hostname())
		i, ok := byHost[h]
		if !ok {
			i = len(sites)
			byHost[h] = i
			sites = append(sites, Site{Name: h})
		}
		sites[i].Seeds = append(sites[i].Seeds, s)
	}
	return sites, nil
}

// normalize fills in defaults and checks the configuration.
func (cfg *Config) normalize() error {
	if cfg.StateDir == "" {
		return fmt.Errorf("crawl: config: state_dir is required")
	}
	if len(cfg.Sites) == 0 {
		return fmt.Errorf("crawl: config: no sites")
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = UserAgent
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	switch {
	case cfg.Retries == 0:
		cfg.Retries = DefaultRetries
	case cfg.Retries < 0:
		cfg.Retries = 0
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	hosts := map[string]string{}
	names := map[string]bool{}
	for i := range cfg.Sites {
		s := &cfg.Sites[i]
		if s.Name == "" {
			s.Name = fmt.Sprintf("site%d", i+1)
		}
		if names[s.Name] {
			return fmt.Errorf("crawl: two sites are named %s", s.Name)
		}
		names[s.Name] = true
		if len(s.Seeds) == 0 {
			return fmt.Errorf("crawl: site %s: no seeds", s.Name)
		}
		for _, seed := range s.Seeds {
			u, err := url.Parse(seed)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("crawl: site %s: seed %q is not an absolute http(s) URL", s.Name, seed)
			}
		}
		if len(s.AllowedDomains) == 0 {
			for _, seed := range s.Seeds {
				u, _ := url.Parse(seed)
				s.AllowedDomains = appendUnique(s.AllowedDomains, strings.ToLower(u.Hostname()))
			}
		}
		for j, d := range s.AllowedDomains {
			s.AllowedDomains[j] = strings.ToLower(strings.TrimSpace(d))
			if other, dup := hosts[s.AllowedDomains[j]]; dup && other != s.Name {
				return fmt.Errorf("crawl: sites %s and %s both allow %s", other, s.Name, d)
			}
			hosts[s.AllowedDomains[j]] = s.Name
		}
		for _, seed := range s.Seeds {
			if u, _ := url.Parse(seed); !s.allows(u.Hostname()) {
				return fmt.Errorf("crawl: site %s: seed %s is outside allowed_domains", s.Name, seed)
			}
		}
		var err error
		if s.ListPattern != "" {
			if s.listRe, err = regexp.Compile(s.ListPattern); err != nil {
				return fmt.Errorf("crawl: site %s: list_pattern: %w", s.Name, err)
			}
		}
		if s.ArticlePattern != "" {
			if s.articleRe, err = regexp.Compile(s.ArticlePattern); err != nil {
				return fmt.Errorf("crawl: site %s: article_pattern: %w", s.Name, err)
			}
		}
		if s.Rate == 0 {
			s.Rate = DefaultRate
		}
		if s.Parallelism <= 0 {
			s.Parallelism = DefaultParallelism
		}
		if s.MaxDepth == 0 {
			s.MaxDepth = DefaultMaxDepth
		}
	}
	return nil
}

func (s *Site) allows(host string) bool {
	host = strings.ToLower(host)
	for _, d := range s.AllowedDomains {
		if d == host {
			return true
		}
	}
	return false
}

func appendUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
