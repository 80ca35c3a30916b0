package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// serveProc is a `xinfang serve` child process, for the measurements and
// tests that kill a node with SIGKILL (bench restart, the replica test).
type serveProc struct {
	cmd  *exec.Cmd
	addr string        // host:port of its HTTP server
	done chan struct{} // closed when the process has exited
	err  error         // its exit error, once done is closed
	log  *tailBuffer
}

// startServeProc runs bin serve with args (which must include --addr with port
// 0 or a free one) and waits up to a minute for its "serving on" line.
func startServeProc(bin string, args ...string) (*serveProc, error) {
	return startServeProcLog(nil, bin, args...)
}

// startServeProcLog is startServeProc that also copies the process's
// stderr (its log) to logw when not nil.
func startServeProcLog(logw io.Writer, bin string, args ...string) (*serveProc, error) {
	cmd := exec.Command(bin, append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), "XINFANG_CONFIG=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &serveProc{cmd: cmd, done: make(chan struct{}), log: &tailBuffer{}}
	cmd.Stderr = p.log
	if logw != nil {
		cmd.Stderr = io.MultiWriter(p.log, logw)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			// "xinfang: serving on http://127.0.0.1:PORT/ (index …)"
			if _, rest, ok := strings.Cut(sc.Text(), "serving on http://"); ok {
				addr, _, _ := strings.Cut(rest, "/")
				addrc <- addr
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	select {
	case p.addr = <-addrc:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("serve exited before serving: %v\n%s", p.err, p.log)
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		<-p.done
		return nil, fmt.Errorf("serve did not start within a minute\n%s", p.log)
	}
}

// kill stops the process with SIGKILL (no drain, no commit, no index
// close), unless it has exited already.
func (p *serveProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// stop stops the process with SIGTERM and returns its exit error.
func (p *serveProc) stop() error {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(time.Minute):
		p.kill()
		return fmt.Errorf("serve did not stop within a minute of SIGTERM")
	}
}

// getJSON decodes the answer of GET path into v (when not nil) and returns
// the status code.
func (p *serveProc) getJSON(path string, v any) (int, error) {
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get("http://" + p.addr + path)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if v == nil || resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, nil
	}
	return resp.StatusCode, json.NewDecoder(resp.Body).Decode(v)
}

// total is the number of documents the node's search finds.
func (p *serveProc) total() (int, error) {
	var r struct {
		Total int `json:"total"`
	}
	code, err := p.getJSON("/api/v1/search?size=0", &r)
	if err == nil && code != http.StatusOK {
		err = fmt.Errorf("search: status %d", code)
	}
	return r.Total, err
}

// tailBuffer keeps the tail of a process's stderr for error reports.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 64<<10 {
		b.buf = b.buf[len(b.buf)-32<<10:]
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
