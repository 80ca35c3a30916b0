package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	benchModes["open"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"time from Open to a ready index (column file, and with --rebuild without it), with heap and RSS", benchOpen}
}

// benchOpen measures how long index.Open takes on an index of n generated
// records (built first, or given with --data): runs opens that load the
// column file, and with --rebuild as many that find none and rebuild the
// columns from every stored document, each in a new process as a restart
// is. Each open is closed cleanly, which writes the column file again.
func benchOpen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench open", "bench open [-n N | --data DIR] [--runs R] [--rebuild]")
	n := fs.Int("n", 200000, "records to generate and index first (without --data)")
	data := fs.String("data", "", "data directory of an existing index (as built by 'xinfang bench index --data DIR'); left in place")
	runs := fs.Int("runs", 3, "opens to measure per mode; the median is reported")
	rebuild := fs.Bool("rebuild", false, "also measure opens without the column file (the fallback: a rebuild from the stored documents)")
	child := fs.Bool("child", false, "measure one open of --data and print it as JSON (what each run's process does)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// The analyzer gives the category labels of the index; only the
	// processes that open it load it.
	if *child {
		an, err := nlp.Default()
		if err != nil {
			return err
		}
		o, err := openOnce(*data, an)
		if err != nil {
			return err
		}
		return json.NewEncoder(e.stdout).Encode(o)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	dir, cleanup, err := dataDir(*data, "xinfang-bench-open-")
	if err != nil {
		return err
	}
	defer cleanup()
	if *data == "" {
		an, err := nlp.Default()
		if err != nil {
			return err
		}
		st, err := openIndex(dir, an)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "indexing %d generated records into %s\n", *n, dir)
		start := time.Now()
		if _, err := indexGenerated(ctx, st, an, *n, 1000, 1, func(int, int) {}); err != nil {
			st.Close()
			return err
		}
		if err := st.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "indexed in %s\n", time.Since(start).Round(time.Second))
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "index", "index-*", "columns")); len(files) == 0 {
		// An index without one (older, or killed): the first open
		// rebuilds and its close writes the file the runs then load.
		an, err := nlp.Default()
		if err != nil {
			return err
		}
		start := time.Now()
		st, err := openIndex(dir, an)
		if err != nil {
			return err
		}
		if err := st.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "first open without a column file (rebuild, then close writing it): %s\n", time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintf(e.stdout, "cores (GOMAXPROCS) %d, load average before: %s\n", runtime.GOMAXPROCS(0), loadAverage())
	modes := []bool{false}
	if *rebuild {
		modes = append(modes, true)
	}
	for _, without := range modes {
		name := "with the column file"
		if without {
			name = "rebuild (no column file)"
		}
		var times []time.Duration
		for r := 0; r < *runs && ctx.Err() == nil; r++ {
			if without {
				if err := removeColumnFiles(filepath.Join(dir, "index")); err != nil {
					return err
				}
			}
			// A restart is a new process: each open runs in one.
			cmd := exec.CommandContext(ctx, self, "bench", "open", "--data", dir, "--child")
			cmd.Stderr = e.stderr
			out, err := cmd.Output()
			if err != nil {
				return fmt.Errorf("bench open: the measuring process: %w", err)
			}
			var o openRun
			if err := json.Unmarshal(out, &o); err != nil {
				return fmt.Errorf("bench open: the measuring process said %q: %w", out, err)
			}
			times = append(times, o.Open)
			fmt.Fprintf(e.stdout, "  %-26s open %7s  (%d documents; heap %.0f MB, RSS %.0f MB (anonymous %.0f) after; close and save %s)  %s\n",
				name, o.Open.Round(time.Millisecond), o.Documents, o.Heap/1e6, o.RSS/1e6, o.Anon/1e6, o.Close.Round(time.Millisecond), o.Said)
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		if len(times) > 0 {
			fmt.Fprintf(e.stdout, "%s: median open %s of %d (load average now %s)\n", name, times[len(times)/2].Round(time.Millisecond), len(times), loadAverage())
		}
	}
	return ctx.Err()
}

// openRun is one measured open.
type openRun struct {
	Open      time.Duration `json:"open"`
	Close     time.Duration `json:"close"`
	Documents uint64        `json:"documents"`
	Heap      float64       `json:"heap"`
	RSS       float64       `json:"rss"`
	Anon      float64       `json:"anon"`
	Said      string        `json:"said"` // Open's last progress message
}

// openOnce opens the index in data, measures, and closes it (which writes
// the column file).
func openOnce(data string, an *nlp.Analyzer) (openRun, error) {
	var o openRun
	runtime.GC()
	start := time.Now()
	st, err := openIndexWith(data, an, index.Options{Progress: func(m string) { o.Said = m }})
	if err != nil {
		return o, err
	}
	o.Open = time.Since(start)
	if o.Documents, err = st.Count(); err != nil {
		st.Close()
		return o, err
	}
	o.Heap, o.RSS, o.Anon = memoryNow()
	start = time.Now()
	if err := st.Close(); err != nil {
		return o, err
	}
	o.Close = time.Since(start)
	return o, nil
}

// removeColumnFiles removes the column file of each index directory under
// dir, so that the next open rebuilds.
func removeColumnFiles(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "index-*", "columns"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}

// memoryNow returns the live heap after a collection, the resident set
// size of the process and its anonymous part (the rest is pages of mapped
// files, such as Bleve's segments, which the kernel can drop), in bytes;
// 0 where /proc does not say.
func memoryNow() (heap, rss, anon float64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			name, rest, ok := strings.Cut(line, ":")
			if !ok || (name != "VmRSS" && name != "RssAnon") {
				continue
			}
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if name == "VmRSS" {
				rss = kb * 1024
			} else {
				anon = kb * 1024
			}
		}
	}
	return float64(ms.HeapAlloc), rss, anon
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
