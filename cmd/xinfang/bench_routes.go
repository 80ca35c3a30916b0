package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

func init() {
	benchModes["routes"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"p50/p99 of every read route of a running server, one request at a time", benchRoutes}
}

// benchRoutes times every read route of a running server (issue 12: p99 ≤
// 100 ms for every route at 1M). Requests go one at a time, so the figures
// are the server's own latency, not queueing; a document id and a cluster
// key are taken from the server's own answers.
func benchRoutes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench routes", "bench routes --url URL [-n N] [--token T]")
	base := fs.String("url", "http://127.0.0.1:8080/", "base URL of the server")
	n := fs.Int("n", 50, "timed requests per route (after 3 untimed)")
	token := fs.String("token", "", "bearer token (a server with principals; analyst role or more)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 {
		fmt.Fprintln(e.stderr, "xinfang bench routes: -n must be at least 1")
		return errUsage
	}
	u, err := url.Parse(strings.TrimSuffix(*base, "/") + "/")
	if err != nil {
		return fmt.Errorf("bench routes: --url: %w", err)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	get := func(path string) (int, []byte, time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, "GET", u.String()+path, nil)
		if err != nil {
			return 0, nil, 0, err
		}
		if *token != "" {
			req.Header.Set("Authorization", "Bearer "+*token)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, time.Since(start), err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, body, time.Since(start), err
	}

	// A document and a cluster to open, from the server's own answers.
	var docID, clusterKey string
	if code, body, _, err := get("api/v1/search?size=1&q=" + url.QueryEscape("工资")); err == nil && code == 200 {
		var r struct {
			Hits []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		if json.Unmarshal(body, &r) == nil && len(r.Hits) > 0 {
			docID = r.Hits[0].ID
		}
	} else {
		return fmt.Errorf("bench routes: search: status %d: %v", code, err)
	}
	if code, body, _, err := get("api/v1/clusters?size=1&min_count=2"); err == nil && code == 200 {
		var r struct {
			Clusters []struct {
				Key string `json:"key"`
			} `json:"clusters"`
		}
		if json.Unmarshal(body, &r) == nil && len(r.Clusters) > 0 {
			clusterKey = r.Clusters[0].Key
		}
	}

	type route struct{ name, path string }
	routes := []route{
		{"search 工资 (word, facets, size 20)", "api/v1/search?size=20&q=" + url.QueryEscape("工资")},
		{"search 欠薪 (concept expansion)", "api/v1/search?size=20&q=" + url.QueryEscape("欠薪")},
		{"search filters only, size 0", "api/v1/search?size=0&category=wage_arrears&risk_level=high"},
		{"trends by category", "api/v1/trends"},
		{"trends by city, q", "api/v1/trends?by=city&q=" + url.QueryEscape("噪音")},
		{"risks", "api/v1/risks"},
		{"clusters", "api/v1/clusters?min_count=2"},
		{"handling", "api/v1/handling"},
		{"reports/weekly", "api/v1/reports/weekly?week=" + lastWeek()},
	}
	if docID != "" {
		id := url.PathEscape(docID)
		routes = append(routes,
			route{"documents/{id}", "api/v1/documents/" + id},
			route{"documents/{id}/similar", "api/v1/documents/" + id + "/similar"},
			route{"documents/{id}/related", "api/v1/documents/" + id + "/related"})
	}
	if clusterKey != "" {
		routes = append(routes, route{"clusters/{key}/bulletins", "api/v1/clusters/" + url.PathEscape(clusterKey) + "/bulletins"},
			route{"search ?cluster=KEY", "api/v1/search?size=20&cluster=" + url.QueryEscape(clusterKey)})
	}

	fmt.Fprintf(e.stdout, "%-38s %8s %8s %8s %s\n", "route", "p50", "p99", "max", "errors")
	for _, r := range routes {
		var times []time.Duration
		errs := 0
		for i := 0; i < *n+3; i++ {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			code, _, d, err := get(r.path)
			if err != nil || code != 200 {
				errs++
				continue
			}
			if i >= 3 {
				times = append(times, d)
			}
		}
		if len(times) == 0 {
			fmt.Fprintf(e.stdout, "%-38s %8s %8s %8s %d\n", r.name, "-", "-", "-", errs)
			continue
		}
		slices.Sort(times)
		q := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
		fmt.Fprintf(e.stdout, "%-38s %8s %8s %8s %d\n", r.name, ms(q(0.5)), ms(q(0.99)), ms(times[len(times)-1]), errs)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// lastWeek names the ISO week before this one, as the weekly report takes it.
func lastWeek() string {
	y, w := time.Now().AddDate(0, 0, -7).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}
