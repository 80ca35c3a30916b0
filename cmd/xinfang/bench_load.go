package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

func init() {
	benchModes["load"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"latency of ordinary users' searches and /healthz while attackers send slow bodies or expensive phrases to a running server", benchLoad}
}

// benchLoad runs ordinary users against a running server while attackers
// try to starve them, and prints the users' success rate and latency:
//
//	slow-body  attackers POST /api/v1/analyze with a body sent at 1 byte/s
//	phrase     attackers repeat an expensive phrase search as fast as they can
//	none       no attack (the baseline)
func benchLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench load", "bench load --url URL [--attack slow-body|phrase|none] [--attackers N] [--users N] [--duration D]")
	base := fs.String("url", "http://127.0.0.1:8080/", "base URL of the server")
	attack := fs.String("attack", "slow-body", "slow-body, phrase or none")
	attackers := fs.Int("attackers", 70, "attacking connections (slow-body) or clients (phrase)")
	users := fs.Int("users", 8, "ordinary users, each searching in a loop")
	dur := fs.Duration("duration", 30*time.Second, "how long to measure")
	query := fs.String("query", "噪音 扰民", "the ordinary users' query")
	phrase := fs.String("phrase", `"工资 拖欠"`, "the attackers' phrase")
	userToken := fs.String("user-token", "", "bearer token of the ordinary users (a server with principals)")
	attackToken := fs.String("attack-token", "", "bearer token of the attackers (a server with principals)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *attack != "slow-body" && *attack != "phrase" && *attack != "none" {
		fmt.Fprintf(e.stderr, "xinfang bench load: --attack %q: want slow-body, phrase or none\n", *attack)
		return errUsage
	}
	u, err := url.Parse(strings.TrimSuffix(*base, "/") + "/")
	if err != nil {
		return fmt.Errorf("bench load: --url: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 30 * time.Second}
	get := func(ctx context.Context, path, token string) (int, time.Duration) {
		req, _ := http.NewRequestWithContext(ctx, "GET", u.String()+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, time.Since(start)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	attackCodes := map[int]int{}
	switch *attack {
	case "slow-body":
		for range *attackers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					code := slowPost(ctx, u.Host, u.Path+"api/v1/analyze", *attackToken)
					mu.Lock()
					attackCodes[code]++
					mu.Unlock()
				}
			}()
		}
	case "phrase":
		path := "api/v1/search?size=20&q=" + url.QueryEscape(*phrase)
		for range *attackers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					code, _ := get(ctx, path, *attackToken)
					mu.Lock()
					attackCodes[code]++
					mu.Unlock()
				}
			}()
		}
	}
	// Let the attack take hold before measuring.
	select {
	case <-time.After(2 * time.Second):
	case <-ctx.Done():
	}
	var searches, health []time.Duration
	ok, total := 0, 0
	for i := range *users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "api/v1/search?size=20&q=" + url.QueryEscape(*query) + fmt.Sprintf("&from=20%02d-01-01", 20+i%5)
			for ctx.Err() == nil {
				code, d := get(ctx, path, *userToken)
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				total++
				if code == 200 {
					ok++
					searches = append(searches, d)
				}
				mu.Unlock()
				time.Sleep(200 * time.Millisecond)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			code, d := get(ctx, "healthz", "")
			if ctx.Err() != nil {
				return
			}
			if code == 200 {
				mu.Lock()
				health = append(health, d)
				mu.Unlock()
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	wg.Wait()
	fmt.Fprintf(e.stdout, "attack %s, %d attackers, %d users, %s\n", *attack, *attackers, *users, *dur)
	fmt.Fprintf(e.stdout, "users' searches: %d of %d answered 200 (%.1f%%); latency p50 %s, p99 %s\n",
		ok, total, 100*float64(ok)/float64(max(total, 1)), pct(searches, 50), pct(searches, 99))
	fmt.Fprintf(e.stdout, "/healthz: %d answers; latency p50 %s, p99 %s\n", len(health), pct(health, 50), pct(health, 99))
	if len(attackCodes) > 0 {
		fmt.Fprintf(e.stdout, "attackers' answers by status: %v\n", attackCodes)
	}
	return nil
}

// slowPost sends a POST whose body arrives at one byte per second and
// returns the status (0 when the server closed the connection first).
func slowPost(ctx context.Context, host, path, token string) int {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		time.Sleep(100 * time.Millisecond)
		return 0
	}
	defer conn.Close()
	body := `{"content":"` + strings.Repeat("慢", 40) + `"}`
	head := "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n"
	if token != "" {
		head += "Authorization: Bearer " + token + "\r\n"
	}
	if _, err := io.WriteString(conn, head+"\r\n"); err != nil {
		return 0
	}
	answer := make(chan int, 1)
	go func() {
		buf := make([]byte, 64)
		n, _ := io.ReadAtLeast(conn, buf, 12)
		code := 0
		if n >= 12 {
			fmt.Sscanf(string(buf[9:12]), "%d", &code)
		}
		answer <- code
	}()
	for i := 0; i < len(body); i++ {
		select {
		case code := <-answer:
			return code
		case <-ctx.Done():
			return 0
		case <-time.After(time.Second):
		}
		if _, err := conn.Write([]byte{body[i]}); err != nil {
			break
		}
	}
	select {
	case code := <-answer:
		return code
	case <-ctx.Done():
		return 0
	}
}

// pct returns the p-th percentile of ds.
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(time.Millisecond)
}
