package crawl

import (
	"path/filepath"
	"testing"
)

// TestStoreResume checks that URLs being fetched when the process died go
// back to the frontier, and that a finished run starts a new one.
func TestStoreResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := openStore(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if resumed, err := st.beginRun(); err != nil || resumed {
		t.Fatalf("beginRun = %v, %v; want a new run", resumed, err)
	}
	items := []item{{Site: "a", URL: "http://a.cn/1"}, {Site: "a", URL: "http://a.cn/2"}, {Site: "b", URL: "http://b.cn/1"}, {Site: "a", URL: "http://a.cn/3"}, {Site: "a", URL: "http://a.cn/1"}}
	if n, err := st.enqueue(items); err != nil || n != 4 {
		t.Fatalf("enqueue = %d, %v; want 4 (one duplicate)", n, err)
	}
	keys, got, err := st.popN("a", 2)
	if err != nil || len(got) != 2 {
		t.Fatalf("popN = %v, %v", got, err)
	}
	if _, err := st.finish(keys[0], got[0].URL, pageState{ETag: `"e1"`, Status: 200}, []string{"http://a.cn/4"}, []item{{Site: "a", URL: "http://a.cn/4", Depth: 1}}); err != nil {
		t.Fatal(err)
	}
	// The process dies with a.cn/2 in flight.
	if err := st.close(); err != nil {
		t.Fatal(err)
	}

	st, err = openStore(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	if resumed, err := st.beginRun(); err != nil || !resumed {
		t.Fatalf("beginRun after a kill = %v, %v; want resumed", resumed, err)
	}
	var urls []string
	for _, site := range []string{"a", "b", "nosuchsite"} {
		for {
			keys, got, err := st.popN(site, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				break
			}
			for i, it := range got {
				if it.Site != site {
					t.Errorf("popN(%s) returned %+v", site, it)
				}
				urls = append(urls, it.URL)
				if _, err := st.finish(keys[i], it.URL, pageState{}, nil, nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if p, err := st.pending(); err != nil || p {
		t.Errorf("pending after popping everything = %v, %v", p, err)
	}
	want := map[string]bool{"http://a.cn/2": true, "http://a.cn/3": true, "http://a.cn/4": true, "http://b.cn/1": true}
	if len(urls) != len(want) {
		t.Errorf("resumed run fetched %v, want each of %v once", urls, want)
	}
	for _, u := range urls {
		if !want[u] {
			t.Errorf("resumed run fetched %s again", u)
		}
	}
	ps, err := st.state("http://a.cn/1")
	if err != nil || ps.ETag != `"e1"` {
		t.Errorf("state of a.cn/1 = %+v, %v; want the ETag kept", ps, err)
	}
	if err := st.endRun(); err != nil {
		t.Fatal(err)
	}
	if resumed, err := st.beginRun(); err != nil || resumed {
		t.Errorf("beginRun after endRun = %v, %v; want a new run", resumed, err)
	}
	if n, err := st.enqueue([]item{{Site: "a", URL: "http://a.cn/1"}}); err != nil || n != 1 {
		t.Errorf("enqueue in the new run = %d, %v; want the URL queued again", n, err)
	}
}

func TestStoreCheck(t *testing.T) {
	st, err := openStore(filepath.Join(t.TempDir(), "state.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	steps := []struct {
		url, hash     string
		wantUnchanged bool
		wantOwner     string
		record        bool
	}{
		{"http://a.cn/1", "h1", false, "", true},
		{"http://a.cn/1", "h1", true, "", false},                  // same page, same content
		{"http://a.cn/copy", "h1", false, "http://a.cn/1", false}, // same content elsewhere
		{"http://a.cn/1", "h2", false, "", true},                  // the page changed
		{"http://a.cn/copy", "h1", false, "", true},               // h1 is free again
	}
	for i, s := range steps {
		unchanged, owner, err := st.check(s.url, s.hash)
		if err != nil {
			t.Fatal(err)
		}
		if unchanged != s.wantUnchanged || owner != s.wantOwner {
			t.Errorf("step %d: check(%s, %s) = %v, %q; want %v, %q", i, s.url, s.hash, unchanged, owner, s.wantUnchanged, s.wantOwner)
		}
		if s.record {
			if _, err := st.finish(0, s.url, pageState{Hash: s.hash}, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}
